//! Progress while a long search runs: distinct states, states/s, depth,
//! queue and memory, about once a second. On a terminal one status line is
//! rewritten in place; into a log (`--progress` with stderr redirected)
//! each event is a plain line of its own, without carriage returns or
//! escape codes.

use std::io::Write;

use crate::explore::{Event, Observer, group_digits};

/// Writes progress events on `out`: in place on a terminal
/// ([`Progress::new`]), as plain lines elsewhere ([`Progress::lines`]).
/// [`Progress::finish`] clears the status line.
pub struct Progress<W: Write> {
    out: W,
    shown: bool,
    /// Plain lines rather than a line rewritten with `\r` and an erase code.
    plain: bool,
}

impl<W: Write> Progress<W> {
    /// Progress rewritten in place on `out`, a terminal.
    pub fn new(out: W) -> Progress<W> {
        Progress {
            out,
            shown: false,
            plain: false,
        }
    }

    /// Progress as one plain line per event, for a log.
    pub fn lines(out: W) -> Progress<W> {
        Progress {
            out,
            shown: false,
            plain: true,
        }
    }

    /// Erase the status line, if one is shown.
    pub fn finish(&mut self) {
        if self.shown && !self.plain {
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
            let line = format!(
                "{} distinct states ({}/s), depth {}, {} queued, {}, {seconds:.0} s",
                group_digits(stats.distinct),
                group_digits(rate),
                stats.depth,
                group_digits(stats.queued),
                crate::explore::memory::show_bytes(stats.memory),
            );
            let _ = if self.plain {
                writeln!(self.out, "progress: {line}")
            } else {
                write!(self.out, "\r\x1b[K{line}")
            };
            let _ = self.out.flush();
            self.shown = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::Stats;

    fn stats(distinct: u64) -> Stats {
        Stats {
            distinct,
            transitions: 3 * distinct,
            depth: 4,
            queued: 10,
            elapsed: std::time::Duration::from_secs(2),
            memory: 2048,
            liveness: None,
            por: None,
            canonical: None,
        }
    }

    #[test]
    fn lines_are_plain_one_per_event() {
        let mut out = Vec::new();
        let mut progress = Progress::lines(&mut out);
        progress.on(Event::Progress(stats(1000)));
        progress.on(Event::Progress(stats(5000)));
        progress.finish();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "progress: 1,000 distinct states (500/s), depth 4, 10 queued, 2.0 KiB, 2 s\n\
             progress: 5,000 distinct states (2,500/s), depth 4, 10 queued, 2.0 KiB, 2 s\n"
        );
        assert!(!text.contains('\r') && !text.contains('\x1b'));
    }

    #[test]
    fn a_terminal_line_is_rewritten_then_erased() {
        let mut out = Vec::new();
        let mut progress = Progress::new(&mut out);
        progress.on(Event::Progress(stats(1000)));
        progress.finish();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("\r\x1b[K1,000 distinct states"));
        assert!(text.ends_with("\r\x1b[K"));
    }
}
