//! What each name of a spec is: the symbol index that the check stage
//! builds beside the IR, for tools (the language server's hover, go to
//! definition, completion and outline).
//!
//! The checker logs every binding of a local (with how far it is visible)
//! and every use of a name it resolves, as it resolves it; [`Checker::symbols`]
//! then adds the global declarations, with their types, and ties each use
//! to the span of its definition. Nothing here changes what `check` accepts
//! or reports: a spec with errors still gets the symbols that resolved.

use std::collections::HashMap;

use super::names::LocalKind;
use super::{Checker, ConstSlot, TypeSlot};
use crate::source::Span;
use crate::syntax::ast;

/// Every declared or bound name of a spec, and every use that resolved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Symbols {
    /// Declarations and bindings, in source order.
    pub defs: Vec<SymbolDef>,
    /// Uses of names, in source order.
    pub refs: Vec<SymbolRef>,
}

/// A declared or bound name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SymbolDef {
    /// The name.
    pub name: String,
    /// What it is.
    pub kind: SymbolKind,
    /// The name where it is declared or bound.
    pub span: Span,
    /// The whole declaration (for a local, the name).
    pub decl: Span,
    /// Its type as Ravel writes types (`set<RM>`); for a function its
    /// signature (`(q: set<Acceptor>) -> bool`); none for actions and
    /// properties, or when the type could not be worked out.
    pub ty: Option<String>,
    /// Where a local can be used; none for a global, usable everywhere.
    pub scope: Option<Span>,
}

/// What a name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    /// `const N = 3` or `const RM = {r1, r2}`.
    Const,
    /// One of a constant's model values (`r1`).
    ModelValue,
    /// `type T = ...`.
    Type,
    /// A union tag (`Prepared`).
    Tag,
    /// An atom of an enum (`working`).
    Atom,
    /// `var x: T`.
    Var,
    /// `fn f(...)`.
    Fn,
    /// `action A`.
    Action,
    /// `invariant`, `reachable`, `constraint`, `terminal` or `property`.
    Property,
    /// A function parameter.
    Param,
    /// A `let`.
    Let,
    /// A name bound by a pattern (action parameter, quantifier, `choose`, ...).
    Bound,
    /// `process P`.
    Process,
    /// `channel c`.
    Channel,
    /// A process's `timer t`.
    Timer,
}

impl SymbolKind {
    /// What it is, in words.
    pub fn what(self) -> &'static str {
        match self {
            SymbolKind::Const => "constant",
            SymbolKind::ModelValue => "model value",
            SymbolKind::Type => "type",
            SymbolKind::Tag => "union tag",
            SymbolKind::Atom => "enum atom",
            SymbolKind::Var => "state variable",
            SymbolKind::Fn => "function",
            SymbolKind::Action => "action",
            SymbolKind::Property => "property",
            SymbolKind::Param => "function parameter",
            SymbolKind::Let => "`let` binding",
            SymbolKind::Bound => "bound name",
            SymbolKind::Process => "process",
            SymbolKind::Channel => "channel",
            SymbolKind::Timer => "timer",
        }
    }
}

/// A use of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SymbolRef {
    /// Where it is used.
    pub span: Span,
    /// The `span` of its [`SymbolDef`].
    pub def: Span,
}

impl Symbols {
    /// The definition of the name at `offset`, whether the name there is
    /// the definition itself or a use of it.
    pub fn at(&self, offset: u32) -> Option<&SymbolDef> {
        let inside = |s: Span| s.start <= offset && offset <= s.end;
        let span = self
            .refs
            .iter()
            .find(|r| inside(r.span))
            .map(|r| r.def)
            .or_else(|| self.defs.iter().find(|d| inside(d.span)).map(|d| d.span))?;
        self.defs.iter().find(|d| d.span == span)
    }

    /// The names usable at `offset`: every global, and the locals whose
    /// scope holds it (an inner binding hides an outer one of its name).
    pub fn visible_at(&self, offset: u32) -> Vec<&SymbolDef> {
        let mut out: Vec<&SymbolDef> = Vec::new();
        for def in &self.defs {
            let visible = match def.scope {
                None => true,
                Some(s) => s.start <= offset && offset <= s.end,
            };
            if !visible {
                continue;
            }
            match out.iter().position(|d| d.name == def.name) {
                // Later bindings in source order are the inner ones.
                Some(i) if def.scope.is_some() => out[i] = def,
                Some(_) => {}
                None => out.push(def),
            }
        }
        out
    }
}

/// What a use of a name resolved to, before definitions are known.
#[derive(Clone, Debug)]
pub(super) enum Target {
    /// A local or a process's variable, by the span of its definition.
    Def(Span),
    /// A global declaration, by name.
    Global(String),
    /// A union tag.
    Tag(String),
    /// An enum atom or model value.
    Atom(String),
}

/// A local as logged when its frame closes.
#[derive(Clone, Debug)]
pub(super) struct LocalSymbol {
    pub name: String,
    pub kind: LocalKind,
    pub span: Span,
    /// The end of the construct that binds it (`u32::MAX`: its declaration).
    pub end: u32,
    pub ty: String,
}

/// What the checker logs as it goes.
#[derive(Clone, Debug, Default)]
pub(super) struct SymbolLog {
    pub locals: Vec<LocalSymbol>,
    pub uses: Vec<(Span, Target)>,
}

impl Checker<'_> {
    /// Log a use of a name.
    pub(super) fn refer(&mut self, span: Span, target: Target) {
        self.symbol_log.uses.push((span, target));
    }

    /// Log the locals of the frame being closed.
    pub(super) fn log_frame_symbols(&mut self) {
        let scope = &self.scope;
        for (i, local) in scope.frame.locals.iter().enumerate() {
            let id = super::ir::LocalId(i as u32);
            let Some((span, end)) = scope.bound(id) else {
                continue;
            };
            self.symbol_log.locals.push(LocalSymbol {
                name: local.name.clone(),
                kind: scope.kind(id),
                span,
                end,
                ty: self.types.name(local.ty),
            });
        }
    }

    /// The symbol index of what has been checked.
    pub(super) fn symbols(&mut self) -> Symbols {
        self.log_frame_symbols();
        let mut defs = self.global_defs();
        let items: Vec<Span> = defs.iter().map(|d| d.decl).collect();
        for local in std::mem::take(&mut self.symbol_log.locals) {
            let item_end = items
                .iter()
                .filter(|s| s.start <= local.span.start && local.span.end <= s.end)
                .map(|s| s.end)
                .min()
                .unwrap_or(local.span.end);
            let kind = match local.kind {
                LocalKind::Param => SymbolKind::Param,
                LocalKind::Let => SymbolKind::Let,
                LocalKind::Bound => SymbolKind::Bound,
            };
            defs.push(SymbolDef {
                name: local.name,
                kind,
                span: local.span,
                decl: local.span,
                ty: (local.ty != "?").then_some(local.ty),
                scope: Some(Span {
                    start: local.span.start,
                    end: local.end.min(item_end),
                }),
            });
        }
        defs.sort_by_key(|d| (d.span.start, d.span.end));
        defs.dedup_by_key(|d| d.span);
        let by_name = |kinds: &[SymbolKind]| -> HashMap<String, Span> {
            let mut map = HashMap::new();
            for d in defs
                .iter()
                .filter(|d| kinds.contains(&d.kind) && d.scope.is_none())
            {
                map.entry(d.name.clone()).or_insert(d.span);
            }
            map
        };
        use SymbolKind as S;
        let globals = by_name(&[
            S::Const,
            S::Type,
            S::Var,
            S::Fn,
            S::Action,
            S::Property,
            S::Process,
            S::Channel,
        ]);
        let tags = by_name(&[S::Tag]);
        let atoms = by_name(&[S::Atom, S::ModelValue]);
        let mut refs: Vec<SymbolRef> = self
            .symbol_log
            .uses
            .iter()
            .filter_map(|(span, target)| {
                let def = match target {
                    Target::Def(def) => Some(*def),
                    Target::Global(name) => globals.get(name).copied(),
                    Target::Tag(name) => tags.get(name).copied(),
                    Target::Atom(name) => atoms.get(name).copied(),
                }?;
                Some(SymbolRef { span: *span, def })
            })
            .collect();
        refs.sort_by_key(|r| (r.span.start, r.span.end));
        refs.dedup();
        Symbols { defs, refs }
    }

    /// The global declarations, with tags, atoms and model values.
    fn global_defs(&self) -> Vec<SymbolDef> {
        let mut defs = Vec::new();
        let mut scoped = |name: &ast::Ident, kind, decl: Span, ty: Option<String>, scope| {
            defs.push(SymbolDef {
                name: name.name.clone(),
                kind,
                span: name.span,
                decl,
                ty,
                scope,
            });
        };
        // Processes: their variables and timers are names inside them only.
        for proc in &self.dist.processes {
            let p = proc.decl;
            scoped(&p.name, SymbolKind::Process, p.span, None, None);
            if let (Some(index), Some(ty)) = (&p.index, proc.index) {
                let ty = Some(self.types.name(ty));
                scoped(
                    &index.id,
                    SymbolKind::Bound,
                    index.id.span,
                    ty,
                    Some(p.span),
                );
            }
            for v in &p.vars {
                let decl = &v.decl;
                scoped(&decl.name, SymbolKind::Var, decl.span, None, Some(p.span));
            }
            for t in &p.timers {
                scoped(t, SymbolKind::Timer, t.span, None, Some(p.span));
            }
            for a in &p.actions {
                scoped(&a.name, SymbolKind::Action, a.span, None, Some(p.span));
            }
        }
        for c in &self.dist.channels {
            let ty = Some(self.types.name(c.msg));
            scoped(&c.decl.name, SymbolKind::Channel, c.decl.span, ty, None);
        }
        let mut def = |name: &ast::Ident, kind, decl: Span, ty: Option<String>| {
            scoped(name, kind, decl, ty, None);
        };
        let d = &self.decls;
        for (c, slot) in d.consts.iter().zip(&self.consts) {
            let ty = match slot {
                ConstSlot::Done { ty, .. } => Some(self.types.name(*ty)),
                _ => None,
            };
            def(&c.name, SymbolKind::Const, c.span, ty);
            if let ast::ConstValue::ModelValues { values, .. } = &c.value {
                for v in values {
                    def(v, SymbolKind::ModelValue, c.span, Some(c.name.name.clone()));
                }
            }
        }
        for (t, slot) in d.types.iter().zip(&self.type_slots) {
            let ty = match slot {
                TypeSlot::Done(id) => Some(self.types.name(*id)),
                _ => None,
            };
            def(&t.name, SymbolKind::Type, t.span, ty);
            if let ast::TypeDef::Union(variants) = &t.def {
                for v in variants {
                    def(&v.name, SymbolKind::Tag, v.span, Some(t.name.name.clone()));
                }
            }
        }
        for (i, v) in d.vars.iter().enumerate() {
            let ty = self.var_types.get(i).map(|t| self.types.name(*t));
            def(&v.name, SymbolKind::Var, v.span, ty);
        }
        for (i, f) in d.fns.iter().enumerate() {
            let ty = self.fn_sigs.get(i).map(|sig| {
                let params: Vec<String> = f
                    .params
                    .iter()
                    .zip(&sig.params)
                    .map(|(p, t)| format!("{}: {}", p.name.name, self.types.name(*t)))
                    .collect();
                format!("({}) -> {}", params.join(", "), self.types.name(sig.result))
            });
            def(&f.name, SymbolKind::Fn, f.span, ty);
        }
        for a in &d.actions {
            def(&a.name, SymbolKind::Action, a.span, None);
        }
        for p in &d.properties {
            def(&p.name, SymbolKind::Property, p.span, None);
        }
        for l in &d.liveness {
            def(&l.name, SymbolKind::Property, l.span, None);
        }
        // Atoms: in every written enum type, named after its declaration
        // when it has one.
        let mut atoms = Vec::new();
        for t in &d.types {
            match &t.def {
                ast::TypeDef::Alias(ty) => enum_atoms(ty, Some(&t.name.name), &mut atoms),
                ast::TypeDef::Union(variants) => {
                    for f in variants.iter().flat_map(|v| &v.fields) {
                        enum_atoms(&f.ty, None, &mut atoms);
                    }
                }
            }
        }
        for v in &d.vars {
            enum_atoms(&v.ty, None, &mut atoms);
        }
        for f in &d.fns {
            enum_atoms(&f.result, None, &mut atoms);
            for p in &f.params {
                enum_atoms(&p.ty, None, &mut atoms);
            }
        }
        for (ident, ty) in atoms {
            def(ident, SymbolKind::Atom, ident.span, Some(ty));
        }
        defs
    }
}

/// The atoms of the enums written in a type, with the enum's name: the
/// declaration's, or the braces as written.
fn enum_atoms<'a>(
    ty: &'a ast::TypeExpr,
    name: Option<&str>,
    out: &mut Vec<(&'a ast::Ident, String)>,
) {
    use ast::TypeExprKind as T;
    match &ty.kind {
        T::Enum(atoms) => {
            let written = || {
                let names: Vec<&str> = atoms.iter().map(|a| a.name.as_str()).collect();
                format!("{{{}}}", names.join(", "))
            };
            let name = name.map_or_else(written, str::to_string);
            out.extend(atoms.iter().map(|a| (a, name.clone())));
        }
        T::Record(fields) => {
            for f in fields {
                enum_atoms(&f.ty, None, out);
            }
        }
        T::Set(t) | T::Option(t) | T::Seq(t, _) => enum_atoms(t, None, out),
        T::Map(k, v) => {
            enum_atoms(k, None, out);
            enum_atoms(v, None, out);
        }
        T::Bool | T::Range(..) | T::Named(_) => {}
    }
}
