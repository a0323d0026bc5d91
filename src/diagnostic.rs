//! Stage errors turned into `miette` diagnostics: the one place that decides
//! how an error looks to a user.
//!
//! Every stage reports errors as plain data with a [`Span`]; each error kind
//! gives its wording through a `details()` method returning [`Details`].
//! [`Failure`] gathers them with the source text so miette can draw them.

use miette::{LabeledSpan, NamedSource, SourceCode};
use std::fmt;

use crate::source::{Source, Span};

mod excerpt;

use excerpt::{Excerpt, printable};

/// The wording of one error: a headline, a label at the span, a help line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Details {
    /// The headline, e.g. "unknown name `tm_stat`".
    pub message: String,
    /// What is wrong at the span, e.g. "not declared".
    pub label: String,
    /// How to fix it, if there is something to say.
    pub help: Option<String>,
}

/// One diagnostic ready for miette.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// The wording.
    pub details: Details,
    /// Where in the source (none for errors about the command line).
    pub span: Option<Span>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.details.message)
    }
}

impl std::error::Error for Diagnostic {}

impl miette::Diagnostic for Diagnostic {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.details
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(self.details.label.clone()),
            span,
        ))))
    }
}

/// Everything that went wrong with one spec: the source and its diagnostics.
#[derive(Debug)]
pub struct Failure {
    /// The spec text, named as the user named it.
    pub source: NamedSource<String>,
    /// The diagnostics in source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Failure {
    /// A failure with these diagnostics on this source.
    pub fn new(source: &Source, diagnostics: Vec<Diagnostic>) -> Failure {
        Failure {
            source: NamedSource::new(source.name.clone(), source.text.clone()),
            diagnostics,
        }
    }

    /// Render every diagnostic as a user sees it: unicode, no colour,
    /// 80 columns (stable for golden tests), or with colour for a terminal.
    pub fn render(&self, colour: bool) -> String {
        let theme = if colour {
            miette::GraphicalTheme::unicode()
        } else {
            miette::GraphicalTheme::unicode_nocolor()
        };
        let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(80);
        let mut out = String::new();
        for diagnostic in &self.diagnostics {
            let excerpt = diagnostic
                .span
                .and_then(|span| Excerpt::of(self.source.name(), self.source.inner(), span));
            let report = WithSource {
                diagnostic,
                source: &self.source,
                excerpt,
            };
            // Writing into a String cannot fail.
            let _ = handler.render_report(&mut out, &report);
        }
        out
    }
}

/// A diagnostic borrowed together with the source it points into, or with
/// an excerpt of it when the source would not draw safely.
struct WithSource<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a NamedSource<String>,
    excerpt: Option<Excerpt>,
}

impl fmt::Debug for WithSource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for WithSource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&printable(&self.diagnostic.details.message))
    }
}

impl std::error::Error for WithSource<'_> {}

impl miette::Diagnostic for WithSource<'_> {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let help = self.diagnostic.details.help.as_ref()?;
        Some(Box::new(printable(help).into_owned()))
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self
            .excerpt
            .as_ref()
            .map_or(self.diagnostic.span?, |e| e.span);
        let label = printable(&self.diagnostic.details.label).into_owned();
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(label),
            span,
        ))))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.diagnostic.span?;
        Some(match &self.excerpt {
            Some(excerpt) => excerpt as &dyn SourceCode,
            None => self.source as &dyn SourceCode,
        })
    }
}
