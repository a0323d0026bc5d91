//! The engine's reporting seam: progress and completion as events.

use super::Stats;

/// Something the explorer tells whoever is watching.
#[derive(Clone, Debug)]
pub enum Event {
    /// Periodic progress (about once a second on long runs).
    Progress(Stats),
    /// One BFS level finished.
    Level(Stats),
    /// A phase of the check begins.
    Phase(Phase),
}

/// The phases of a check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// The breadth-first search: invariants, deadlocks, `reachable`s.
    Safety,
    /// The liveness properties, over the state graph.
    Liveness,
}

impl Phase {
    /// `safety` or `liveness`.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Safety => "safety",
            Phase::Liveness => "liveness",
        }
    }
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
