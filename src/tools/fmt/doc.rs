//! A small pretty-printing document and its printer (after Wadler's "A
//! prettier printer", with the one-pass fitting test of Lindig's strict
//! version).
//!
//! A [`Doc`] is text with places where a line may break. A [`Doc::Group`]
//! is printed on one line if it fits in what is left of the line, else
//! every `Line` directly in it breaks. A group that holds a forced break (a
//! line comment, a block of statements) always breaks. Line breaks are
//! requested, not written: several requests in a row make one break (or
//! one blank line), and no line ends in spaces.

/// How wide a line may be.
pub(super) const WIDTH: usize = 100;

/// A document.
#[derive(Clone, Debug)]
pub(super) enum Doc {
    /// Text without line breaks.
    Text(String),
    /// Text written as is, perhaps spanning lines (a block comment).
    Raw(String),
    /// A space, unless a line break comes first.
    Space,
    /// A space, or a line break when its group breaks.
    Line,
    /// Nothing, or a line break when its group breaks.
    SoftLine,
    /// A line break (1) or a blank line (2), always.
    Hard(u8),
    /// The lines inside indented by this much more.
    Nest(usize, Box<Doc>),
    /// The lines inside indented to the column where it starts.
    Align(Box<Doc>),
    /// One line if it fits (and `hard` is false), else broken.
    Group { hard: bool, doc: Box<Doc> },
    /// One after the other; `hard` if any part forces a break.
    Cat { hard: bool, docs: Vec<Doc> },
}

impl Doc {
    /// Whether printing this forces a line break.
    pub(super) fn is_hard(&self) -> bool {
        match self {
            Doc::Hard(_) => true,
            Doc::Raw(text) => text.contains('\n'),
            Doc::Text(_) | Doc::Space | Doc::Line | Doc::SoftLine => false,
            Doc::Nest(_, doc) | Doc::Align(doc) => doc.is_hard(),
            Doc::Group { hard, .. } | Doc::Cat { hard, .. } => *hard,
        }
    }
}

/// Text.
pub(super) fn text(s: impl Into<String>) -> Doc {
    Doc::Text(s.into())
}

/// Parts one after the other.
pub(super) fn cat(docs: Vec<Doc>) -> Doc {
    let hard = docs.iter().any(Doc::is_hard);
    Doc::Cat { hard, docs }
}

/// A group: one line if it fits.
pub(super) fn group(doc: Doc) -> Doc {
    Doc::Group {
        hard: doc.is_hard(),
        doc: Box::new(doc),
    }
}

/// Indent the lines inside by `by`.
pub(super) fn nest(by: usize, doc: Doc) -> Doc {
    Doc::Nest(by, Box::new(doc))
}

/// Indent the lines inside to the current column.
pub(super) fn align(doc: Doc) -> Doc {
    Doc::Align(Box::new(doc))
}

/// Print a document; the result ends with one line break.
pub(super) fn print(doc: &Doc) -> String {
    let mut p = Printer::default();
    let mut stack: Vec<(usize, bool, &Doc)> = vec![(0, false, doc)];
    while let Some((indent, flat, doc)) = stack.pop() {
        match doc {
            Doc::Text(s) => p.write(s),
            Doc::Raw(s) => p.write(s),
            Doc::Space => p.space(),
            Doc::Line if flat => p.space(),
            Doc::Line | Doc::SoftLine if !flat => p.newline(1, indent),
            Doc::Line | Doc::SoftLine => {}
            Doc::Hard(n) => p.newline(*n, indent),
            Doc::Nest(by, doc) => stack.push((indent + by, flat, doc)),
            Doc::Align(doc) => stack.push((p.column(), flat, doc)),
            Doc::Group { hard, doc } => {
                let flat = flat || (!hard && fits(WIDTH.saturating_sub(p.column()), doc, &stack));
                stack.push((indent, flat, doc));
            }
            Doc::Cat { docs, .. } => {
                stack.extend(docs.iter().rev().map(|d| (indent, flat, d)));
            }
        }
    }
    let mut out = p.out;
    out.push('\n');
    out
}

/// Whether `doc`, printed flat, and what follows it up to the next line
/// break, take at most `width` columns.
fn fits(width: usize, doc: &Doc, rest: &[(usize, bool, &Doc)]) -> bool {
    let mut left = width as isize;
    let mut own: Vec<(bool, &Doc)> = vec![(true, doc)];
    let mut rest = rest.iter().rev();
    loop {
        let (flat, doc) = match own.pop() {
            Some(next) => next,
            None => match rest.next() {
                Some(&(_, flat, doc)) => (flat, doc),
                None => return true,
            },
        };
        match doc {
            Doc::Text(s) => left -= s.chars().count() as isize,
            Doc::Raw(s) if s.contains('\n') => return true,
            Doc::Raw(s) => left -= s.chars().count() as isize,
            Doc::Space => left -= 1,
            Doc::Line if flat => left -= 1,
            Doc::SoftLine if flat => {}
            Doc::Line | Doc::SoftLine | Doc::Hard(_) => return true,
            Doc::Nest(_, doc) | Doc::Align(doc) => own.push((flat, doc)),
            Doc::Group { hard, doc } => own.push((flat || !hard, doc)),
            Doc::Cat { docs, .. } => own.extend(docs.iter().rev().map(|d| (flat, d))),
        }
        if left < 0 {
            return false;
        }
    }
}

/// The output and where it stands.
#[derive(Default)]
struct Printer {
    out: String,
    column: usize,
    /// Line breaks asked for and not yet written, and the indent after them.
    pending: (u8, usize),
}

impl Printer {
    fn newline(&mut self, n: u8, indent: usize) {
        self.pending = (self.pending.0.max(n), indent);
    }

    /// The column the next text will start at.
    fn column(&self) -> usize {
        if self.pending.0 > 0 && !self.out.is_empty() {
            self.pending.1
        } else {
            self.column
        }
    }

    fn space(&mut self) {
        if self.pending.0 == 0 && !self.out.is_empty() {
            self.out.push(' ');
            self.column += 1;
        }
    }

    fn write(&mut self, s: &str) {
        let (breaks, indent) = std::mem::take(&mut self.pending);
        if breaks > 0 && !self.out.is_empty() {
            for _ in 0..breaks {
                self.out.push('\n');
            }
            self.out.extend(std::iter::repeat_n(' ', indent));
            self.column = indent;
        }
        self.out.push_str(s);
        self.column = match s.rfind('\n') {
            Some(i) => s.len() - i - 1,
            None => self.column + s.chars().count(),
        };
    }
}
