//! `view: e1, e2` (TLC's VIEW): checking the declaration, and finding where
//! the view may merge states that behave differently.
//!
//! A view is sound when it is a bisimulation: two states with the same
//! view have the same properties and step to states with the same views.
//! [`hazards`] finds what breaks that and can be seen in the text: a
//! property, a guard, or the new value of a variable the view reads, that
//! depends on a variable the view leaves out (directly, through a local,
//! a function, or the condition of an enclosing `if`). A view that passes
//! is not proved a bisimulation (a view of `|msgs|` reads `msgs`, and
//! merges states that differ in which messages there are), but a warning
//! is never wrong.

use std::collections::HashMap;

use super::Checker;
use super::error::CheckErrorKind as K;
use super::ir::{self, Expr, ExprKind, LocalId, Stmt, StmtKind, Type, TypeId, VarId};
use crate::source::Span;

impl Checker<'_> {
    /// The `view` declaration, if any: each expression of a bounded type,
    /// and no liveness property beside it.
    pub(super) fn check_view(&mut self, liveness: &[ir::LivenessDef]) -> Option<ir::ViewDef> {
        let views = self.decls.views.clone();
        for second in views.iter().skip(1) {
            let at = second.span.start as usize;
            self.error(Span::new(at, at + 4), K::ViewTwice);
        }
        let decl = views.first()?;
        self.begin_frame(None);
        let exprs: Vec<Expr> = decl.exprs.iter().map(|e| self.infer(e, None)).collect();
        let frame = self.end_frame();
        for (e, written) in exprs.iter().zip(&decl.exprs) {
            if e.ty != super::types::ERR && !bounded(&self.types.list, e.ty) {
                let ty = self.types.name(e.ty);
                self.error(written.span, K::ViewUnbounded { ty });
            }
        }
        if let Some(first) = liveness.first() {
            let at = decl.span.start as usize;
            let property = first.name.clone();
            self.error(Span::new(at, at + 4), K::ViewWithLiveness { property });
        }
        Some(ir::ViewDef {
            frame,
            exprs,
            span: decl.span,
        })
    }
}

/// Whether every value of `ty` has a fixed-width code (no `int` inside).
pub fn bounded(types: &[Type], ty: TypeId) -> bool {
    let inner = |t: &TypeId| bounded(types, *t);
    match &types[ty.index()] {
        Type::Int => false,
        Type::Bool | Type::Range { .. } | Type::Enum { .. } => true,
        Type::Record { fields } => fields.iter().all(|f| inner(&f.ty)),
        Type::Union { variants, .. } => variants
            .iter()
            .all(|v| v.fields.iter().all(|f| inner(&f.ty))),
        Type::Option(t) | Type::Set(t) | Type::Seq(t, _) => inner(t),
        Type::Map(k, v) => inner(k) && inner(v),
    }
}

/// A place where the view may merge states that behave differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hazard {
    /// What depends on the hidden variable: "invariant `Safe`", "a guard
    /// of action `Vote`", "the new value of `votes` in action `Vote`".
    pub reader: String,
    /// The variable the view leaves out.
    pub var: String,
    /// Where it is read.
    pub span: Span,
}

/// Every [`Hazard`] of the spec's view, one per property or action part,
/// in declaration order; none without a view.
pub fn hazards(spec: &ir::Spec) -> Vec<Hazard> {
    let Some(view) = &spec.view else {
        return Vec::new();
    };
    let mut seen = vec![false; spec.vars.len()];
    let mut reads = Reads {
        spec,
        seen: &mut seen,
        fns: vec![None; spec.fns.len()],
    };
    for e in &view.exprs {
        reads.mark(e);
    }
    let shown: Vec<bool> = seen.clone();
    let mut scan = Scan {
        spec,
        shown: &shown,
        taint: HashMap::new(),
        out: Vec::new(),
        reader: String::new(),
    };
    for p in &spec.properties {
        if let Some((var, span)) = scan.hidden(&p.body) {
            let kind = format!("{:?}", p.kind).to_lowercase();
            scan.push(format!("{kind} `{}`", p.name), var, span);
        }
    }
    for a in &spec.actions {
        scan.taint.clear();
        scan.reader = a.name.clone();
        for b in &a.params {
            scan.binding(b, None, true);
        }
        scan.stmts(&a.body, None);
    }
    scan.out
}

/// The variables an expression reads, through the functions it calls.
struct Reads<'a> {
    spec: &'a ir::Spec,
    seen: &'a mut Vec<bool>,
    /// Per function: the variables its body reads (once computed).
    fns: Vec<Option<Vec<VarId>>>,
}

impl Reads<'_> {
    fn mark(&mut self, e: &Expr) {
        for v in self.of(e) {
            self.seen[v.index()] = true;
        }
    }

    fn of(&mut self, e: &Expr) -> Vec<VarId> {
        let mut vars = Vec::new();
        let mut calls = Vec::new();
        ir::walk(e, &mut |x| match &x.kind {
            ExprKind::Var(v) => vars.push(*v),
            ExprKind::Call(f, _) => calls.push(*f),
            _ => {}
        });
        for f in calls {
            vars.extend(self.of_fn(f));
        }
        vars
    }

    fn of_fn(&mut self, f: ir::FnId) -> Vec<VarId> {
        if let Some(known) = &self.fns[f.index()] {
            return known.clone();
        }
        // Functions do not recurse (the checker refuses cycles).
        self.fns[f.index()] = Some(Vec::new());
        let body = &self.spec.fns[f.index()].body;
        let vars = self.of(body);
        self.fns[f.index()] = Some(vars.clone());
        vars
    }
}

/// Where a hidden variable flows into what the view must determine.
struct Scan<'a> {
    spec: &'a ir::Spec,
    /// By variable: whether the view reads it.
    shown: &'a [bool],
    /// Locals whose value depends on a hidden variable: which, and where.
    taint: HashMap<LocalId, (VarId, Span)>,
    out: Vec<Hazard>,
    /// The action being scanned.
    reader: String,
}

/// A hidden variable and where it is read.
type Hidden = Option<(VarId, Span)>;

impl Scan<'_> {
    fn push(&mut self, reader: String, var: VarId, span: Span) {
        if self.out.iter().any(|h| h.reader == reader) {
            return;
        }
        let var = self.spec.vars[var.index()].name.clone();
        self.out.push(Hazard { reader, var, span });
    }

    /// The first hidden variable `e` depends on.
    fn hidden(&self, e: &Expr) -> Hidden {
        let mut found = None;
        self.hidden_in(e, None, &mut found, &mut Vec::new());
        found
    }

    /// `call`: the call whose function body `e` is (where a read is shown).
    fn hidden_in(
        &self,
        e: &Expr,
        call: Option<Span>,
        found: &mut Hidden,
        stack: &mut Vec<ir::FnId>,
    ) {
        ir::walk(e, &mut |x| {
            if found.is_some() {
                return;
            }
            match &x.kind {
                ExprKind::Var(v) if !self.shown[v.index()] => {
                    *found = Some((*v, call.unwrap_or(x.span)));
                }
                ExprKind::Local(l) => *found = self.taint.get(l).copied(),
                ExprKind::Call(f, _) if !stack.contains(f) => {
                    stack.push(*f);
                    // A read inside the function is shown at the call.
                    let at = Some(call.unwrap_or(x.span));
                    self.hidden_in(&self.spec.fns[f.index()].body, at, found, stack);
                    stack.pop();
                }
                _ => {}
            }
        });
    }

    fn either(&self, a: Hidden, e: &Expr) -> Hidden {
        a.or_else(|| self.hidden(e))
    }

    /// A parameter or `choose`/`for` binding: its domain decides whether
    /// the action can run (`guard`), and its locals carry the domain's
    /// dependence.
    fn binding(&mut self, b: &ir::Binding, control: Hidden, guard: bool) {
        let from = self.either(control, &b.domain);
        if guard && let Some((var, span)) = self.hidden(&b.domain) {
            let reader = format!("a guard of action `{}`", self.reader);
            self.push(reader, var, span);
        }
        if let Some(h) = from {
            for l in ir::pattern_locals(&b.pattern) {
                self.taint.insert(l, h);
            }
        }
    }

    /// `control`: the hidden variable an enclosing condition depends on.
    fn stmts(&mut self, stmts: &[Stmt], control: Hidden) {
        for s in stmts {
            self.stmt(s, control);
        }
    }

    fn stmt(&mut self, s: &Stmt, control: Hidden) {
        match &s.kind {
            StmtKind::Require(e) | StmtKind::Assert(e, _) => {
                if let Some((var, span)) = self.either(control, e) {
                    let reader = format!("a guard of action `{}`", self.reader);
                    self.push(reader, var, span);
                }
            }
            StmtKind::Let(l, e) => {
                if let Some(h) = self.either(control, e) {
                    self.taint.insert(*l, h);
                }
            }
            StmtKind::Assign(place, e) => {
                if !self.shown[place.var.index()] {
                    return;
                }
                let mut from = self.either(control, e);
                for step in &place.path {
                    if let ir::PlaceStep::Index(k) = step {
                        from = self.either(from, k);
                    }
                }
                if let Some((var, span)) = from {
                    let target = &self.spec.vars[place.var.index()].name;
                    let reader = format!("the new value of `{target}` in action `{}`", self.reader);
                    self.push(reader, var, span);
                }
            }
            StmtKind::If(c, then, otherwise) => {
                let inner = self.either(control, c);
                self.stmts(then, inner);
                self.stmts(otherwise, inner);
            }
            StmtKind::Choose(b, body) => {
                self.binding(b, control, true);
                let inner = self.either(control, &b.domain);
                self.stmts(body, inner);
            }
            StmtKind::For(b, body) => {
                self.binding(b, control, false);
                let inner = self.either(control, &b.domain);
                self.stmts(body, inner);
            }
            StmtKind::Either(branches) => {
                for b in branches {
                    self.stmts(b, control);
                }
            }
        }
    }
}
