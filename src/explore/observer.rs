//! The engine's reporting seam: progress and completion as events.

use super::Stats;

/// Something the explorer tells whoever is watching.
#[derive(Clone, Debug)]
pub enum Event {
    /// Periodic progress (about once a second on long runs).
    Progress(Stats),
    /// One BFS level finished.
    Level(Stats),
}

/// Receives events from the explorer.
pub trait Observer {
    /// Called for each event.
    fn on(&mut self, event: Event);
}

/// An observer that ignores everything.
impl Observer for () {
    fn on(&mut self, _event: Event) {}
}
