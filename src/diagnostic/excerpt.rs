//! The piece of source a diagnostic shows, made safe to draw.
//!
//! miette draws the span's lines as they are. Two kinds of line break
//! that: a line so long that the span sits past column 65,535 (miette pads
//! with a format width, which Rust caps at `u16::MAX`, and panics), and
//! control characters (a NUL or an escape sequence would reach the user's
//! terminal). When the lines around a span hold either, the diagnostic is
//! drawn from an [`Excerpt`] instead: the same line numbers (the lines before
//! are left empty), long lines clipped to a window around the span with `…`
//! where text was cut, and control characters shown as their Unicode
//! pictures (`␀`). The header keeps the true line and column.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::source::Span;

/// Lines up to this many characters are drawn whole.
pub const MAX_LINE: usize = 240;

/// Characters kept before the span's start on a clipped line.
const BEFORE: usize = 40;

/// Characters of the span itself kept on a clipped line.
const SPAN_KEPT: usize = 120;

/// Characters kept after the span's end on a clipped line.
const AFTER: usize = 40;

/// A drawable copy of the lines around one span.
pub struct Excerpt {
    name: String,
    /// Empty lines up to the first context line, then the context lines.
    text: String,
    /// The span, moved into `text`.
    pub span: Span,
    /// The span's 0-indexed line and its true 0-indexed column.
    line: usize,
    column: usize,
}

/// A char of the source and where it goes: kept, replaced or cut.
fn shown(c: char) -> Option<char> {
    match c {
        '\t' => Some('\t'),
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' | '\u{feff}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            Some('\u{fffd}')
        }
        _ => None,
    }
}

/// Whether a line needs an excerpt to be drawn safely.
fn unsafe_line(line: &str) -> bool {
    line.chars().nth(MAX_LINE).is_some() || line.chars().any(|c| shown(c).is_some_and(|s| s != c))
}

/// The byte ranges of the lines of `text` (without their `\n`).
fn line_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, text.len()));
    out
}

impl Excerpt {
    /// An excerpt for `span` in `text`, or `None` when the lines around it
    /// draw safely as they are.
    pub fn of(name: &str, text: &str, span: Span) -> Option<Excerpt> {
        let start = (span.start as usize).min(text.len());
        let end = (span.end as usize).clamp(start, text.len());
        let lines = line_ranges(text);
        let first = lines.partition_point(|&(_, e)| e < start);
        let last = lines.partition_point(|&(_, e)| e < end).max(first);
        let from = first.saturating_sub(1);
        let to = (last + 1).min(lines.len() - 1);
        let context = &lines[from..=to];
        if !context.iter().any(|&(s, e)| unsafe_line(&text[s..e])) {
            return None;
        }
        let mut out = "\n".repeat(from);
        let (mut new_start, mut new_end) = (None, None);
        let mut column = 0;
        for &(s, e) in context {
            let line = &text[s..e];
            let (keep_from, keep_to) = window(line, start.saturating_sub(s), end.saturating_sub(s));
            if keep_from > 0 {
                out.push('…');
            }
            for (i, c) in line.char_indices() {
                let at = s + i;
                if at == start {
                    new_start = Some(out.len());
                    column = line[..i].chars().count();
                }
                if at == end {
                    new_end = Some(out.len());
                }
                if i < keep_from || i >= keep_to {
                    continue;
                }
                out.push(shown(c).unwrap_or(c));
            }
            if e == start {
                new_start.get_or_insert(out.len());
                column = line.chars().count();
            }
            if e == end {
                new_end.get_or_insert(out.len());
            }
            if keep_to < line.len() {
                out.push('…');
            }
            out.push('\n');
        }
        let new_start = new_start.unwrap_or(out.len());
        let new_end = new_end.unwrap_or(out.len()).max(new_start);
        Some(Excerpt {
            name: name.to_string(),
            text: out,
            span: Span::new(new_start, new_end),
            line: first,
            column,
        })
    }
}

/// The byte window of `line` to keep, given the span's byte offsets into it
/// (clamped): the whole line when it is short, else a window around the span.
fn window(line: &str, start: usize, end: usize) -> (usize, usize) {
    if line.chars().nth(MAX_LINE).is_none() {
        return (0, line.len());
    }
    let start = start.min(line.len());
    let end = end.clamp(start, line.len());
    let back = |from: usize, n: usize| {
        line[..from]
            .char_indices()
            .rev()
            .nth(n.saturating_sub(1))
            .map_or(0, |(i, _)| i)
    };
    let forward = |from: usize, n: usize| {
        line[from..]
            .char_indices()
            .nth(n)
            .map_or(line.len(), |(i, _)| from + i)
    };
    let keep_from = if start == 0 { 0 } else { back(start, BEFORE) };
    let span_end = end.min(forward(start, SPAN_KEPT));
    (keep_from, forward(span_end, AFTER))
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        // The header's column is the true one, not the clipped one.
        let column = if inner.line() == self.line && span.offset() == self.span.start as usize {
            self.column
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

/// `text` with control characters replaced by their pictures, for the
/// headline, label and help lines (which can quote the source).
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c != '\n' && shown(c).is_some_and(|s| s != c))
    {
        return text.into();
    }
    text.chars()
        .map(|c| if c == '\n' { c } else { shown(c).unwrap_or(c) })
        .collect::<String>()
        .into()
}
