//! A sequence as a Mermaid `sequenceDiagram`: a message is an arrow at the
//! step that delivers it (crossed when lost, dashed when still in flight at
//! the end; labelled with its send step when that was not the step before); every step is a note on its lifeline.

use std::fmt::Write;

use super::sequence::{RowKind, Sequence};

/// The Mermaid source.
pub fn render(seq: &Sequence) -> String {
    let mut out = String::from("sequenceDiagram\n");
    for (i, name) in seq.lifelines.iter().enumerate() {
        let _ = writeln!(out, "    participant L{i} as {}", escape(name));
    }
    let everyone = match seq.lifelines.len() {
        0 => None,
        1 => Some("L0".to_string()),
        n => Some(format!("L0,L{}", n - 1)),
    };
    for (r, row) in seq.rows.iter().enumerate() {
        for m in &seq.messages {
            let arrow = if m.delivered.contains(&r) {
                "-)"
            } else if m.lost == Some(r) {
                "-x"
            } else {
                continue;
            };
            if let (Some(a), Some(b)) = (m.from, m.to) {
                let fate = match (m.lost == Some(r), m.delay(&seq.rows, r)) {
                    (true, Some(delay)) => format!(" (lost, {delay})"),
                    (true, None) => " (lost)".to_string(),
                    (false, Some(delay)) => format!(" ({delay})"),
                    (false, None) => String::new(),
                };
                let _ = writeln!(out, "    L{a}{arrow}L{b}: {}{fate}", escape(&m.label));
            }
        }
        let text = format!("{}. {}", row.step, row.title);
        match (&row.kind, row.actor, &everyone) {
            (RowKind::Crash, Some(a), _) => {
                let _ = writeln!(out, "    Note over L{a}: ✕ {}", escape(&text));
            }
            (_, Some(a), _) => {
                let _ = writeln!(out, "    Note over L{a}: {}", escape(&text));
            }
            (_, None, Some(all)) => {
                let _ = writeln!(out, "    Note over {all}: {}", escape(&text));
            }
            (_, None, None) => {}
        }
    }
    for m in seq.messages.iter().filter(|m| m.in_flight()) {
        if let (Some(a), Some(b)) = (m.from, m.to) {
            let _ = writeln!(out, "    L{a}--)L{b}: {} (in flight)", escape(&m.label));
        }
    }
    if let (Some(end), Some(all)) = (&seq.end, &everyone) {
        let _ = writeln!(out, "    Note over {all}: ✗ {}", escape(end));
    }
    out
}

/// Text safe in a Mermaid message or note (`;` and `#` start syntax there).
fn escape(text: &str) -> String {
    text.replace('#', "#35;").replace(';', "#59;")
}
