//! Progress on a terminal while a long search runs: distinct states,
//! states/s, depth, queue and memory, rewritten in place about once a second.

use std::io::Write;

use crate::explore::{Event, Observer, group_digits};

/// Rewrites one status line on `out` at each progress event; [`Progress::finish`]
/// clears it. Meant for a terminal: the line uses `\r` and an erase code.
pub struct Progress<W: Write> {
    out: W,
    shown: bool,
}

impl<W: Write> Progress<W> {
    /// Progress written to `out`.
    pub fn new(out: W) -> Progress<W> {
        Progress { out, shown: false }
    }

    /// Erase the status line, if one is shown.
    pub fn finish(&mut self) {
        if self.shown {
            let _ = write!(self.out, "\r\x1b[K");
            let _ = self.out.flush();
            self.shown = false;
        }
    }
}

impl<W: Write> Observer for Progress<W> {
    fn on(&mut self, event: Event) {
        if let Event::Progress(stats) = event {
            let seconds = stats.elapsed.as_secs_f64();
            let rate = if seconds > 0.0 {
                (stats.distinct as f64 / seconds) as u64
            } else {
                0
            };
            let _ = write!(
                self.out,
                "\r\x1b[K{} distinct states ({}/s), depth {}, {} queued, {}, {seconds:.0} s",
                group_digits(stats.distinct),
                group_digits(rate),
                stats.depth,
                group_digits(stats.queued),
                crate::explore::memory::show_bytes(stats.memory),
            );
            let _ = self.out.flush();
            self.shown = true;
        }
    }
}
