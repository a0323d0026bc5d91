//! A sequence as an SVG picture, drawn by Ravel itself: a Lamport diagram.
//! Lifelines run down from their names; each step is a row; a message is an
//! arrow slanted from the row that sent it to the row that delivered it, a
//! lost one ends in a red cross, one still in flight runs dashed off the
//! bottom. A crash is a red cross and a dotted lifeline until a restart; a
//! tick of time a faint line across with `now` on the left; each row's
//! title stands on the right; the violated property closes the picture.

use std::fmt::Write;

use super::sequence::{RowKind, Sequence};

const ROW: f64 = 34.0;
const TOP: f64 = 56.0;
const LEFT: f64 = 64.0;
const CHAR: f64 = 7.2;

/// The SVG document.
pub fn render(seq: &Sequence) -> String {
    let n = seq.lifelines.len().max(1);
    let col: Vec<f64> = seq
        .lifelines
        .iter()
        .map(|l| (l.chars().count() as f64 * CHAR + 40.0).max(96.0))
        .collect();
    let mut xs = Vec::with_capacity(n);
    let mut at = LEFT;
    for w in &col {
        xs.push(at + w / 2.0);
        at += w;
    }
    let titles = at + 16.0;
    let longest = seq
        .rows
        .iter()
        .map(|r| format!("{}. {}", r.step, r.title).chars().count())
        .max()
        .unwrap_or(0) as f64;
    let width = titles + longest * CHAR + 24.0;
    let y = |row: usize| TOP + (row as f64 + 1.0) * ROW;
    let bottom = y(seq.rows.len()) + ROW / 2.0;
    let height = bottom + if seq.end.is_some() { 56.0 } else { 24.0 };

    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="12">"#
    );
    out.push_str(concat!(
        "<defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" ",
        "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#1f4e9c\"/>",
        "</marker></defs>\n"
    ));
    let _ = writeln!(
        out,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );

    // Time: a faint line across at each tick, `now` in the left margin.
    for (r, row) in seq.rows.iter().enumerate() {
        if let RowKind::Tick(now) = row.kind {
            let _ = writeln!(
                out,
                r##"<line x1="{LEFT:.0}" y1="{0:.1}" x2="{at:.0}" y2="{0:.1}" stroke="#c8c8c8" stroke-dasharray="2,3"/><text x="8" y="{1:.1}" fill="#777">now={now}</text>"##,
                y(r),
                y(r) + 4.0
            );
        }
    }
    // Lifelines, dotted where crashed.
    for (i, name) in seq.lifelines.iter().enumerate() {
        let x = xs[i];
        let _ = writeln!(
            out,
            r##"<text x="{x:.1}" y="{:.1}" text-anchor="middle" font-weight="bold">{}</text>"##,
            TOP - 18.0,
            xml(name)
        );
        let mut from = TOP - 8.0;
        let mut alive = true;
        for (r, row) in seq.rows.iter().enumerate() {
            let change = match row.kind {
                RowKind::Crash if row.actor == Some(i) && alive => Some(false),
                RowKind::Restart if row.actor == Some(i) && !alive => Some(true),
                _ => None,
            };
            if let Some(now_alive) = change {
                segment(&mut out, x, from, y(r), alive);
                from = y(r);
                alive = now_alive;
            }
        }
        segment(&mut out, x, from, bottom, alive);
    }
    // Messages.
    for m in &seq.messages {
        let Some(a) = m.from else { continue };
        let (x1, y1) = (xs[a], y(m.sent));
        for &d in &m.delivered {
            let Some(b) = m.to else { continue };
            message(&mut out, (x1, y1), (xs[b], y(d)), &m.label, "");
        }
        if let (Some(l), Some(b)) = (m.lost, m.to) {
            let (x2, y2) = ((x1 + xs[b]) / 2.0, (y1 + y(l)) / 2.0);
            let _ = writeln!(
                out,
                r##"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="#b22222" stroke-width="1.4"/>"##
            );
            cross(&mut out, x2, y2);
            label(
                &mut out,
                (x1 + x2) / 2.0,
                (y1 + y2) / 2.0 - 4.0,
                &format!("{} (lost)", m.label),
                "#b22222",
            );
        }
        if m.in_flight() {
            let x2 = m.to.map_or(x1 + 40.0, |b| xs[b]);
            let _ = writeln!(
                out,
                r##"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{bottom:.1}" stroke="#1f4e9c" stroke-dasharray="5,4" marker-end="url(#head)"/>"##
            );
            label(
                &mut out,
                (x1 + x2) / 2.0,
                (y1 + bottom) / 2.0 - 4.0,
                &format!("{} (in flight)", m.label),
                "#1f4e9c",
            );
        }
    }
    // Steps: a mark on the actor's lifeline, the title on the right.
    for (r, row) in seq.rows.iter().enumerate() {
        let yy = y(r);
        if let Some(a) = row.actor {
            match row.kind {
                RowKind::Crash => cross(&mut out, xs[a], yy),
                RowKind::Restart => {
                    let _ = writeln!(
                        out,
                        r##"<circle cx="{:.1}" cy="{yy:.1}" r="5" fill="#2e8b57"/>"##,
                        xs[a]
                    );
                }
                _ => {
                    let _ = writeln!(
                        out,
                        r##"<circle cx="{:.1}" cy="{yy:.1}" r="4" fill="#222"/>"##,
                        xs[a]
                    );
                }
            }
        }
        let colour = match row.kind {
            RowKind::Crash | RowKind::Loss => "#b22222",
            RowKind::Tick(_) => "#777",
            RowKind::Network => "#8a4b08",
            _ => "#222",
        };
        let _ = writeln!(
            out,
            r#"<text x="{titles:.0}" y="{:.1}" fill="{colour}">{}</text>"#,
            yy + 4.0,
            xml(&format!("{}. {}", row.step, row.title))
        );
    }
    if let Some(end) = &seq.end {
        let _ = writeln!(
            out,
            r##"<text x="{LEFT:.0}" y="{:.1}" fill="#b22222" font-weight="bold">{}</text>"##,
            bottom + 30.0,
            xml(&format!("✗ {end}"))
        );
    }
    out.push_str("</svg>\n");
    out
}

fn segment(out: &mut String, x: f64, y1: f64, y2: f64, alive: bool) {
    let style = if alive {
        r##"stroke="#555""##
    } else {
        r##"stroke="#bbb" stroke-dasharray="2,4""##
    };
    let _ = writeln!(
        out,
        r#"<line x1="{x:.1}" y1="{y1:.1}" x2="{x:.1}" y2="{y2:.1}" {style}/>"#
    );
}

fn message(out: &mut String, (x1, y1): (f64, f64), (x2, y2): (f64, f64), text: &str, _: &str) {
    if (x1 - x2).abs() < 1.0 {
        // To itself: a small loop to the right.
        let _ = writeln!(
            out,
            r##"<path d="M{x1:.1},{y1:.1} C{:.1},{y1:.1} {:.1},{y2:.1} {x2:.1},{y2:.1}" fill="none" stroke="#1f4e9c" stroke-width="1.4" marker-end="url(#head)"/>"##,
            x1 + 40.0,
            x2 + 40.0
        );
        label(out, x1 + 44.0, (y1 + y2) / 2.0, text, "#1f4e9c");
        return;
    }
    let _ = writeln!(
        out,
        r##"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="#1f4e9c" stroke-width="1.4" marker-end="url(#head)"/>"##
    );
    label(out, (x1 + x2) / 2.0, (y1 + y2) / 2.0 - 4.0, text, "#1f4e9c");
}

fn label(out: &mut String, x: f64, y: f64, text: &str, colour: &str) {
    let w = text.chars().count() as f64 * CHAR + 6.0;
    let _ = writeln!(
        out,
        r##"<rect x="{:.1}" y="{:.1}" width="{w:.1}" height="15" fill="#ffffff" fill-opacity="0.85"/><text x="{x:.1}" y="{y:.1}" text-anchor="middle" fill="{colour}">{}</text>"##,
        x - w / 2.0,
        y - 11.0,
        xml(text)
    );
}

fn cross(out: &mut String, x: f64, y: f64) {
    let d = 5.0;
    let _ = writeln!(
        out,
        r##"<path d="M{:.1},{:.1} L{:.1},{:.1} M{:.1},{:.1} L{:.1},{:.1}" stroke="#b22222" stroke-width="2.2"/>"##,
        x - d,
        y - d,
        x + d,
        y + d,
        x - d,
        y + d,
        x + d,
        y - d
    );
}

/// Text safe inside an SVG element.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
