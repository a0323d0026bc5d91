//! The requests the server answers, each from the document's text and the
//! check stage's symbol index.

use lsp_server::{ErrorCode, Request, Response};
use lsp_types::request::{
    Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest, Request as _,
};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse,
    DocumentFormattingParams, DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse,
    GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverContents, HoverParams, Location,
    MarkupContent, MarkupKind, Position, Range, SymbolKind as LspKind, TextEdit, Uri,
};
use serde_json::Value;

use super::analysis::{offset, position};
use super::{Document, Documents};
use crate::check::symbols::{SymbolDef, SymbolKind, Symbols};
use crate::source::{Source, Span};

/// Words offered by completion besides the names in scope.
const KEYWORDS: &[&str] = &[
    "spec",
    "const",
    "symmetric",
    "type",
    "var",
    "init",
    "fn",
    "action",
    "fair",
    "strong",
    "invariant",
    "reachable",
    "constraint",
    "terminal",
    "transition",
    "next",
    "property",
    "eventually",
    "always",
    "leads_to",
    "require",
    "assert",
    "let",
    "if",
    "then",
    "else",
    "choose",
    "either",
    "or",
    "for",
    "forall",
    "exists",
    "pick",
    "in",
    "not",
    "and",
    "true",
    "false",
    "none",
    "some",
    "union",
    "intersect",
    "is",
    "as",
    "bool",
    "set",
    "option",
    "seq",
];

/// The response to one request.
pub(super) fn answer(documents: &Documents, request: Request) -> Response {
    let id = request.id.clone();
    let result = match request.method.as_str() {
        HoverRequest::METHOD => parse::<HoverParams>(request.params).map(|p| {
            let at = p.text_document_position_params;
            to_json(hover(documents.get(&at.text_document.uri), at.position))
        }),
        GotoDefinition::METHOD => parse::<GotoDefinitionParams>(request.params).map(|p| {
            let at = p.text_document_position_params;
            let doc = documents.get(&at.text_document.uri);
            to_json(definition(doc, &at.text_document.uri, at.position))
        }),
        Completion::METHOD => parse::<CompletionParams>(request.params).map(|p| {
            let at = p.text_document_position;
            to_json(completion(
                documents.get(&at.text_document.uri),
                at.position,
            ))
        }),
        DocumentSymbolRequest::METHOD => parse::<DocumentSymbolParams>(request.params)
            .map(|p| to_json(outline(documents.get(&p.text_document.uri)))),
        Formatting::METHOD => parse::<DocumentFormattingParams>(request.params)
            .map(|p| to_json(format(documents.get(&p.text_document.uri)))),
        method => {
            return Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("`{method}` is not supported"),
            );
        }
    };
    match result {
        Ok(value) => Response::new_ok(id, value),
        Err(message) => Response::new_err(id, ErrorCode::InvalidParams as i32, message),
    }
}

fn parse<T: serde::de::DeserializeOwned>(params: Value) -> Result<T, String> {
    serde_json::from_value(params).map_err(|e| format!("bad parameters: {e}"))
}

fn to_json<T: serde::Serialize>(value: T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// The LSP range of a span.
pub(super) fn range(text: &str, span: Span) -> Range {
    let (l0, c0) = position(text, span.start);
    let (l1, c1) = position(text, span.end);
    Range::new(Position::new(l0, c0), Position::new(l1, c1))
}

/// The definition of the name under the cursor.
fn symbol_at(doc: &Document, at: Position) -> Option<&SymbolDef> {
    let symbols = doc.analysis.symbols.as_ref()?;
    symbols.at(offset(&doc.text, at.line, at.character))
}

/// What a name is and its type, as `name: type` in a code block, then
/// what kind of name it is.
fn hover(doc: Option<&Document>, at: Position) -> Option<Hover> {
    let doc = doc?;
    let def = symbol_at(doc, at)?;
    let source = Source::new("", doc.text.as_str());
    let code = match (def.kind, &def.ty) {
        (SymbolKind::Fn, Some(sig)) => format!("fn {}{sig}", def.name),
        (SymbolKind::Action | SymbolKind::Process, _) => header(source.slice(def.decl)),
        (SymbolKind::Type | SymbolKind::Property, _) => first_lines(source.slice(def.decl)),
        (_, Some(ty)) => format!("{}: {ty}", def.name),
        (_, None) => header(source.slice(def.decl)),
    };
    let value = format!("```ravel\n{code}\n```\n{}", def.kind.what());
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: None,
    })
}

/// A declaration as written, cut after a few lines.
fn first_lines(decl: &str) -> String {
    let lines: Vec<&str> = decl.lines().collect();
    match lines.get(..8) {
        Some(head) if lines.len() > 8 => format!("{}\n...", head.join("\n")),
        _ => lines.join("\n"),
    }
}

/// The first line of a declaration, without its body's brace.
fn header(decl: &str) -> String {
    let line = decl.lines().next().unwrap_or("");
    line.trim_end_matches('{').trim_end().to_string()
}

fn definition(doc: Option<&Document>, uri: &Uri, at: Position) -> Option<GotoDefinitionResponse> {
    let doc = doc?;
    let def = symbol_at(doc, at)?;
    Some(GotoDefinitionResponse::Scalar(Location::new(
        uri.clone(),
        range(&doc.text, def.span),
    )))
}

/// The names usable at the cursor, then the keywords.
fn completion(doc: Option<&Document>, at: Position) -> Option<CompletionResponse> {
    let doc = doc?;
    let here = offset(&doc.text, at.line, at.character);
    let mut items: Vec<CompletionItem> = doc
        .last_symbols
        .as_ref()
        .map(|s: &Symbols| s.visible_at(here))
        .unwrap_or_default()
        .into_iter()
        .map(|def| CompletionItem {
            label: def.name.clone(),
            kind: Some(completion_kind(def.kind)),
            detail: Some(match &def.ty {
                Some(ty) => format!("{}: {ty}", def.kind.what()),
                None => def.kind.what().to_string(),
            }),
            ..CompletionItem::default()
        })
        .collect();
    items.extend(KEYWORDS.iter().map(|k| CompletionItem {
        label: (*k).to_string(),
        kind: Some(CompletionItemKind::KEYWORD),
        ..CompletionItem::default()
    }));
    Some(CompletionResponse::Array(items))
}

fn completion_kind(kind: SymbolKind) -> CompletionItemKind {
    match kind {
        SymbolKind::Const => CompletionItemKind::CONSTANT,
        SymbolKind::ModelValue | SymbolKind::Atom => CompletionItemKind::ENUM_MEMBER,
        SymbolKind::Type => CompletionItemKind::CLASS,
        SymbolKind::Tag => CompletionItemKind::CONSTRUCTOR,
        SymbolKind::Var => CompletionItemKind::FIELD,
        SymbolKind::Fn => CompletionItemKind::FUNCTION,
        SymbolKind::Action => CompletionItemKind::METHOD,
        SymbolKind::Property => CompletionItemKind::PROPERTY,
        SymbolKind::Param | SymbolKind::Let | SymbolKind::Bound => CompletionItemKind::VARIABLE,
        SymbolKind::Process => CompletionItemKind::MODULE,
        SymbolKind::Channel => CompletionItemKind::INTERFACE,
        SymbolKind::Timer => CompletionItemKind::EVENT,
    }
}

/// The outline: every declaration; union tags under their type, a
/// process's variables, timers and actions under the process.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
fn outline(doc: Option<&Document>) -> Option<DocumentSymbolResponse> {
    let doc = doc?;
    let symbols = doc
        .analysis
        .symbols
        .as_ref()
        .or(doc.last_symbols.as_ref())?;
    let symbol = |def: &SymbolDef, kind: LspKind| DocumentSymbol {
        name: def.name.clone(),
        detail: def.ty.clone(),
        kind,
        tags: None,
        deprecated: None,
        range: range(&doc.text, def.decl),
        selection_range: range(&doc.text, def.span),
        children: None,
    };
    let mut out: Vec<(SymbolDef, DocumentSymbol)> = Vec::new();
    for def in &symbols.defs {
        let kind = match def.kind {
            SymbolKind::Const => LspKind::CONSTANT,
            SymbolKind::Type => LspKind::CLASS,
            SymbolKind::Var => LspKind::VARIABLE,
            SymbolKind::Fn => LspKind::FUNCTION,
            SymbolKind::Action => LspKind::METHOD,
            SymbolKind::Property => LspKind::PROPERTY,
            SymbolKind::Process => LspKind::MODULE,
            SymbolKind::Channel => LspKind::INTERFACE,
            SymbolKind::Timer => LspKind::EVENT,
            SymbolKind::Tag => LspKind::ENUM_MEMBER,
            _ => continue,
        };
        // A tag goes under its union; a process's names under the process.
        let parent = out.iter_mut().rev().find(|(p, _)| match def.kind {
            SymbolKind::Tag => p.kind == SymbolKind::Type && def.ty.as_ref() == Some(&p.name),
            _ => p.kind == SymbolKind::Process && def.scope == Some(p.decl),
        });
        match parent {
            Some((_, parent)) => parent
                .children
                .get_or_insert_with(Vec::new)
                .push(symbol(def, kind)),
            None if def.kind == SymbolKind::Tag || def.scope.is_some() => {}
            None => out.push((def.clone(), symbol(def, kind))),
        }
    }
    Some(DocumentSymbolResponse::Nested(
        out.into_iter().map(|(_, s)| s).collect(),
    ))
}

/// The whole text, formatted; nothing when it does not parse.
fn format(doc: Option<&Document>) -> Option<Vec<TextEdit>> {
    let doc = doc?;
    let formatted = crate::tools::fmt::format(&Source::new("spec.rvl", doc.text.as_str())).ok()?;
    if formatted == doc.text {
        return Some(Vec::new());
    }
    let end = range(&doc.text, Span::new(0, doc.text.len())).end;
    Some(vec![TextEdit::new(
        Range::new(Position::new(0, 0), end),
        formatted,
    )])
}
