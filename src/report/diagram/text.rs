//! A sequence as columns of text: one column per lifeline, one line per
//! step, time running down. A message is an arrow on the line of the step
//! that delivers it (`✕` where the network loses it), and the note says
//! when it was sent if that was not the step before; `●` marks a step,
//! `✕` a crash, after which the lifeline is dotted until a restart; a tick
//! of time is a dotted line across. The step's title is on the right.
//!
//! ```text
//!       Coordinator       r1          r2
//!            │            ●           │       2. r1: Prepare
//!            ◀──Prepared──┤           │       3. Coordinator: RcvPrepared(Prepared from r1)
//! ```

use super::sequence::{RowKind, Sequence};

/// The diagram as text.
pub fn render(seq: &Sequence) -> String {
    let n = seq.lifelines.len();
    if n == 0 {
        return String::new();
    }
    let width: Vec<usize> = seq
        .lifelines
        .iter()
        .map(|l| l.chars().count().max(6) + 6)
        .collect();
    let mut x = Vec::with_capacity(n);
    let mut at = 2;
    for w in &width {
        x.push(at + w / 2);
        at += w;
    }
    let total = at + 2;
    let mut out = String::new();
    // The names, centred over their columns.
    let mut header = vec![' '; total];
    for (i, name) in seq.lifelines.iter().enumerate() {
        let len = name.chars().count();
        let start = x[i].saturating_sub(len / 2);
        for (k, c) in name.chars().enumerate() {
            if let Some(slot) = header.get_mut(start + k) {
                *slot = c;
            }
        }
    }
    push_line(&mut out, &header, "");
    let mut alive = vec![true; n];
    for (r, row) in seq.rows.iter().enumerate() {
        let mut line = vec![' '; total];
        for i in 0..n {
            line[x[i]] = if alive[i] { '│' } else { '┊' };
        }
        let mut note = format!("{}. {}", row.step, row.title);
        if let RowKind::Tick(_) = row.kind {
            for (k, c) in line.iter_mut().enumerate().take(x[n - 1]).skip(x[0]) {
                if !x.contains(&k) {
                    *c = '┈';
                }
            }
        }
        for m in &seq.messages {
            let lost = m.lost == Some(r);
            if !lost && !m.delivered.contains(&r) {
                continue;
            }
            let (Some(a), Some(b)) = (m.from, m.to) else {
                continue;
            };
            let delay = m.delay(&seq.rows, r);
            if !arrow(&mut line, x[a], x[b], &m.label, lost) {
                match &delay {
                    Some(delay) => note.push_str(&format!("  [{}, {delay}]", m.label)),
                    None => note.push_str(&format!("  [{}]", m.label)),
                }
            } else if let Some(delay) = delay {
                note.push_str(&format!("  ({} {delay})", m.label));
            }
        }
        if let Some(a) = row.actor {
            match row.kind {
                RowKind::Crash => {
                    line[x[a]] = '✕';
                    alive[a] = false;
                }
                RowKind::Restart => {
                    line[x[a]] = '●';
                    alive[a] = true;
                }
                _ => {
                    let c = line[x[a]];
                    if c == '│' || c == '┊' {
                        line[x[a]] = '●';
                    }
                }
            }
        }
        push_line(&mut out, &line, &note);
    }
    let flying: Vec<String> = seq
        .messages
        .iter()
        .filter(|m| m.in_flight())
        .map(|m| {
            let end = |e: Option<usize>| e.map_or("?", |i| seq.lifelines[i].as_str());
            format!("{} {} → {}", m.label, end(m.from), end(m.to))
        })
        .collect();
    if !flying.is_empty() {
        out.push_str(&format!("  in flight at the end: {}\n", flying.join(", ")));
    }
    if let Some(end) = &seq.end {
        out.push_str(&format!("  ✗ {end}\n"));
    }
    out
}

/// Draw an arrow from column `a` to column `b` with `label` inside if it
/// fits (`false` when it does not); a lost message stops short with `✕`.
fn arrow(line: &mut [char], a: usize, b: usize, label: &str, lost: bool) -> bool {
    if a == b {
        line[a] = '↺';
        return label.is_empty();
    }
    let (lo, hi) = (a.min(b), a.max(b));
    let right = b > a;
    let (start, end) = if lost {
        // Half-way, then the cross.
        let mid = lo + (hi - lo) / 2;
        if right { (a, mid) } else { (mid, a) }
    } else {
        (lo, hi)
    };
    for slot in &mut line[start + 1..end] {
        *slot = '─';
    }
    if lost {
        line[if right { end } else { start }] = '✕';
    } else {
        line[b] = if right { '▶' } else { '◀' };
    }
    line[a] = if right { '├' } else { '┤' };
    let len = label.chars().count();
    let room = end - start - 1;
    if len + 2 > room {
        return false;
    }
    let from = start + 1 + (room - len) / 2;
    for (k, c) in label.chars().enumerate() {
        line[from + k] = c;
    }
    true
}

fn push_line(out: &mut String, line: &[char], note: &str) {
    let text: String = line.iter().collect();
    let text = text.trim_end();
    if note.is_empty() {
        out.push_str(text);
    } else {
        let pad = line.len().saturating_sub(text.chars().count());
        out.push_str(text);
        out.push_str(&" ".repeat(pad));
        out.push_str(note);
    }
    out.push('\n');
}
