//! `ravel lsp`: a language server over standard input and output.
//!
//! It keeps the text of each open spec, and on every change parses and
//! checks it with the same stages as `ravel check` (see `analysis.rs`),
//! publishing the errors as diagnostics. Requests are answered from the
//! check stage's symbol index: hover (what a name is, and its type), go to
//! definition, completion (the names usable at the cursor, and keywords),
//! the document outline, and formatting (`ravel fmt`).

mod analysis;
mod requests;

pub use analysis::{Analysis, analyse};

use std::collections::HashMap;
use std::error::Error;

use lsp_server::{Connection, Message, Notification};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::{
    CompletionOptions, Diagnostic, DiagnosticSeverity, OneOf, PublishDiagnosticsParams,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};

/// An open spec: its text, what the checker made of it, and the symbols
/// of the last version that parsed (completion works on them while the
/// text is half typed).
struct Document {
    text: String,
    analysis: Analysis,
    last_symbols: Option<crate::check::symbols::Symbols>,
}

/// The open specs, by URI.
#[derive(Default)]
struct Documents {
    open: HashMap<String, Document>,
}

/// Serve on standard input and output until the client says `exit`.
pub fn serve() -> Result<(), Box<dyn Error + Send + Sync>> {
    let (connection, io_threads) = Connection::stdio();
    let capabilities = serde_json::to_value(capabilities())?;
    connection.initialize(capabilities)?;
    run(&connection)?;
    drop(connection);
    io_threads.join()?;
    Ok(())
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions::default()),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// Answer requests and take notifications until the client shuts down.
fn run(connection: &Connection) -> Result<(), Box<dyn Error + Send + Sync>> {
    let mut documents = Documents::default();
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(());
                }
                let response = requests::answer(&documents, request);
                connection.sender.send(Message::Response(response))?;
            }
            Message::Notification(notification) => {
                if let Some(uri) = documents.take(notification) {
                    publish(connection, &documents, &uri)?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

impl Documents {
    /// Apply an open, change or close; the URI whose diagnostics changed.
    fn take(&mut self, notification: Notification) -> Option<Uri> {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let params: lsp_types::DidOpenTextDocumentParams =
                    serde_json::from_value(notification.params).ok()?;
                let doc = params.text_document;
                self.update(&doc.uri, doc.text);
                Some(doc.uri)
            }
            DidChangeTextDocument::METHOD => {
                let params: lsp_types::DidChangeTextDocumentParams =
                    serde_json::from_value(notification.params).ok()?;
                // Full sync: the last change is the whole text.
                let text = params.content_changes.into_iter().last()?.text;
                self.update(&params.text_document.uri, text);
                Some(params.text_document.uri)
            }
            DidCloseTextDocument::METHOD => {
                let params: lsp_types::DidCloseTextDocumentParams =
                    serde_json::from_value(notification.params).ok()?;
                self.open.remove(params.text_document.uri.as_str());
                Some(params.text_document.uri)
            }
            _ => None,
        }
    }

    fn update(&mut self, uri: &Uri, text: String) {
        let analysis = analyse(&text, &file_path(uri));
        let previous = self.open.remove(uri.as_str());
        let last_symbols = analysis
            .symbols
            .clone()
            .or_else(|| previous.and_then(|p| p.last_symbols));
        self.open.insert(
            uri.as_str().to_string(),
            Document {
                text,
                analysis,
                last_symbols,
            },
        );
    }

    fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri.as_str())
    }
}

/// Send the diagnostics of one spec (none once it is closed).
fn publish(
    connection: &Connection,
    documents: &Documents,
    uri: &Uri,
) -> Result<(), Box<dyn Error + Send + Sync>> {
    let diagnostics = documents.get(uri).map_or_else(Vec::new, |doc| {
        doc.analysis
            .errors
            .iter()
            .map(|(span, details)| Diagnostic {
                range: requests::range(&doc.text, span.unwrap_or_default()),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some("ravel".into()),
                message: analysis::message(details),
                ..Diagnostic::default()
            })
            .collect()
    });
    let params = PublishDiagnosticsParams {
        uri: uri.clone(),
        diagnostics,
        version: None,
    };
    let notification = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
    connection
        .sender
        .send(Message::Notification(notification))?;
    Ok(())
}

/// The file a `file:` URI names, percent escapes decoded (any other URI as
/// it is: the specs it refines are then not found, and say so).
fn file_path(uri: &Uri) -> String {
    let text = uri.as_str();
    let Some(path) = text.strip_prefix("file://") else {
        return text.to_string();
    };
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
