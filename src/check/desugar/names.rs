//! Names inside and about processes: `self`, a process's own variables,
//! `clock`, `q.v` for another instance's variable, `Coordinator.v` for a
//! single instance's, and what an assignment may write.

use super::{DistErrorKind, PVar};
use crate::check::expr::{mk, poisoned};
use crate::check::ir::{self, BinOp, ExprKind, LocalId, PlaceStep, ProcessId, TypeId, VarId};
use crate::check::names::LocalKind;
use crate::check::types::ERR;
use crate::check::{Checker, Mode};
use crate::source::Span;
use crate::syntax::ast;

/// Where the checker is, inside a process.
#[derive(Clone, Copy, Debug)]
pub(in crate::check) struct ProcessCtx {
    /// The kind.
    pub(in crate::check) process: ProcessId,
    /// The local holding the instance (`None` for a single instance).
    pub(in crate::check) self_local: Option<LocalId>,
    /// In one of its actions (not a variable's initial value).
    pub(in crate::check) action: bool,
}

/// A place that names a process variable: the variable and the steps that
/// select the instance.
pub(in crate::check) struct ProcessPlace {
    pub(in crate::check) var: VarId,
    pub(in crate::check) prefix: Vec<PlaceStep>,
    /// The type after the prefix (one instance's value).
    pub(in crate::check) ty: TypeId,
    /// Steps of the written place the prefix used up.
    pub(in crate::check) used: usize,
}

impl Checker<'_> {
    /// Begin a frame for code of a process: `self` (and the id's own
    /// name) bound as its first local.
    pub(in crate::check) fn begin_process_frame(&mut self, pid: ProcessId, action: Option<()>) {
        self.log_frame_symbols();
        self.scope = Default::default();
        self.mode = Mode::Body(None);
        let proc = &self.dist.processes[pid.index()];
        let (index, id) = (
            proc.index,
            proc.decl.index.as_ref().map(|ix| ix.id.name.clone()),
        );
        let self_local = index.map(|s| {
            let l = self.scope.bind("self", s, LocalKind::Bound);
            if let Some(id) = id.filter(|id| id != "self") {
                self.scope.alias(&id, l);
            }
            l
        });
        self.in_process = Some(ProcessCtx {
            process: pid,
            self_local,
            action: action.is_some(),
        });
    }

    /// End a process frame: its locals.
    pub(in crate::check) fn end_process_frame(&mut self) -> ir::Frame {
        self.log_frame_symbols();
        self.in_process = None;
        std::mem::take(&mut self.scope).frame
    }

    /// `self` as an expression (the caller knows there is one).
    pub(in crate::check) fn self_expr(&self, span: Span) -> Option<ir::Expr> {
        let l = self.in_process?.self_local?;
        Some(mk(ExprKind::Local(l), self.scope.ty(l), span))
    }

    /// A name that means something inside a process: its own variable,
    /// `clock`, a timer (an error), or `self` where there is none.
    pub(in crate::check) fn process_name(&mut self, ident: &ast::Ident) -> Option<ir::Expr> {
        let (name, span) = (ident.name.as_str(), ident.span);
        let Some(ctx) = self.in_process else {
            if name == "self" {
                self.dist_error(span, DistErrorKind::SelfOutside { single: false });
                return Some(poisoned(span));
            }
            return None;
        };
        let proc = &self.dist.processes[ctx.process.index()];
        if let Some(pv) = proc.vars.iter().find(|v| v.name() == name) {
            let (v, def) = (pv.var, pv.decl.decl.name.span);
            self.refer(span, crate::check::symbols::Target::Def(def));
            let key = self.self_expr(span);
            return Some(self.keyed_read(v, key, span));
        }
        if proc.timers.iter().any(|(t, _)| t == name) {
            let kind = DistErrorKind::TimerAsValue { name: name.into() };
            self.dist_error(span, kind);
            return Some(poisoned(span));
        }
        match name {
            "self" => {
                self.dist_error(span, DistErrorKind::SelfOutside { single: true });
                Some(poisoned(span))
            }
            "clock" => {
                let key = self.self_expr(span);
                Some(self.clock_of(ctx.process, key, span))
            }
            _ => None,
        }
    }

    /// `v[key]`, or `v` itself for a single instance; noted as a read.
    pub(in crate::check) fn keyed_read(
        &mut self,
        v: VarId,
        key: Option<ir::Expr>,
        span: Span,
    ) -> ir::Expr {
        self.read_var(v);
        let var = self.e_var(v, span);
        match key {
            Some(k) => self.e_index(var, k),
            None => var,
        }
    }

    /// `P.v` for the single instance of `P` (`inner` is the name `P`).
    pub(in crate::check) fn single_process_field(
        &mut self,
        inner: &ast::Expr,
        field: &ast::Ident,
        span: Span,
    ) -> Option<ir::Expr> {
        let ast::ExprKind::Name(n) = &inner.kind else {
            return None;
        };
        if self.scope.lookup(&n.name).is_some() {
            return None;
        }
        let pid = self.single_process(&n.name)?;
        Some(self.instance_field(pid, None, field, span))
    }

    /// `q.v`, `q.crashed`, `q.clock` where `q` (already typed) numbers some
    /// kind's instances; gives `q` back when it does not.
    pub(in crate::check) fn instance_field_of(
        &mut self,
        q: ir::Expr,
        field: &ast::Ident,
        span: Span,
    ) -> Result<ir::Expr, ir::Expr> {
        match self.process_by_index(q.ty, &field.name) {
            Some(pid) => Ok(self.instance_field(pid, Some(q), field, span)),
            None => Err(q),
        }
    }

    /// The kind whose ids have type `ty` and which has `field`.
    fn process_by_index(&self, ty: TypeId, field: &str) -> Option<ProcessId> {
        if ty == ERR {
            return None;
        }
        let mut fallback = None;
        for (i, p) in self.dist.processes.iter().enumerate() {
            if p.index != Some(ty) {
                continue;
            }
            if p.vars.iter().any(|v| v.name() == field) {
                return Some(ProcessId(i as u32));
            }
            if matches!(field, "crashed" | "clock") && fallback.is_none() {
                fallback = Some(ProcessId(i as u32));
            }
        }
        fallback
    }

    /// The single-instance kind with this name.
    fn single_process(&self, name: &str) -> Option<ProcessId> {
        self.dist
            .processes
            .iter()
            .position(|p| p.index.is_none() && p.decl.name.name == name)
            .map(|i| ProcessId(i as u32))
    }

    /// `field` of one instance of `pid` (`key`: its id; `None` for a single one).
    fn instance_field(
        &mut self,
        pid: ProcessId,
        key: Option<ir::Expr>,
        field: &ast::Ident,
        span: Span,
    ) -> ir::Expr {
        let proc = &self.dist.processes[pid.index()];
        if let Some(v) = proc
            .vars
            .iter()
            .find(|v| v.name() == field.name)
            .map(|v| v.var)
        {
            return self.keyed_read(v, key, span);
        }
        match field.name.as_str() {
            "crashed" => match proc.crashed {
                Some(v) => self.keyed_read(v, key, span),
                None => {
                    let kind = DistErrorKind::CannotCrash {
                        process: proc.decl.name.name.clone(),
                    };
                    self.dist_error(field.span, kind);
                    poisoned(span)
                }
            },
            "clock" => self.clock_of(pid, key, span),
            _ => {
                let names: Vec<String> = proc.vars.iter().map(|v| v.name().to_string()).collect();
                let suggestion =
                    crate::check::names::suggest(&field.name, names.iter().map(String::as_str));
                let ty = proc.decl.name.name.clone();
                self.error(
                    field.span,
                    crate::check::CheckErrorKind::UnknownField {
                        ty,
                        field: field.name.clone(),
                        suggestion,
                    },
                );
                poisoned(span)
            }
        }
    }

    /// An instance's clock: `now`, plus its offset when clocks drift.
    pub(in crate::check) fn clock_of(
        &mut self,
        pid: ProcessId,
        key: Option<ir::Expr>,
        span: Span,
    ) -> ir::Expr {
        let Some(time) = &self.dist.time else {
            let kind = DistErrorKind::NeedsTime {
                what: "`clock`".into(),
            };
            self.dist_error(span, kind);
            return poisoned(span);
        };
        let (now, drift) = (time.now, time.drift);
        let now = self.keyed_read(now, None, span);
        if drift == 0 {
            return now;
        }
        let offset = self.clock_offset(pid);
        let off = self.keyed_read(offset, key, span);
        self.e_bin(BinOp::Add, now, off)
    }

    /// The place a written place names when its root is a process
    /// variable (own, `q.v` or `P.v`); `None` when it is not one. Errors
    /// (a channel, another instance's variable from a process) are reported.
    pub(in crate::check) fn process_place(
        &mut self,
        place: &ast::Place,
    ) -> Option<Option<ProcessPlace>> {
        let root = &place.root;
        if self.scope.lookup(&root.name).is_none() {
            if let Some(c) = self
                .dist
                .channels
                .iter()
                .find(|c| c.decl.name.name == root.name)
            {
                let kind = DistErrorKind::AssignChannel {
                    channel: c.decl.name.name.clone(),
                };
                self.dist_error(root.span, kind);
                return Some(None);
            }
            if let Some(ctx) = self.in_process {
                let proc = &self.dist.processes[ctx.process.index()];
                if let Some(v) = own_var(&proc.vars, &root.name) {
                    let ty = self.instance_type(v, proc.index.is_some());
                    let prefix = match self.self_expr(root.span) {
                        Some(k) => vec![PlaceStep::Index(k)],
                        None => Vec::new(),
                    };
                    return Some(Some(ProcessPlace {
                        var: v,
                        prefix,
                        ty,
                        used: 0,
                    }));
                }
            }
            if root.name == "now"
                && let Some(time) = &self.dist.time
                && self.globals.get("now") == Some(&crate::check::names::Global::Var(time.now))
            {
                self.dist_error(root.span, DistErrorKind::AssignTime);
                return Some(None);
            }
            if let Some(pid) = self.single_process(&root.name) {
                let Some(ast::PlaceStep::Field(f)) = place.path.first() else {
                    return None;
                };
                return Some(self.other_place(pid, None, f));
            }
            // `n2.v = e`: the root is a model value numbering some kind.
            if let Some(ast::PlaceStep::Field(f)) = place.path.first()
                && let Some((pid, key)) = self.instance_named(&root.name, &f.name, root.span)
            {
                return Some(self.other_place(pid, Some(key), f));
            }
            return None;
        }
        // `q.v = e`: the root is a local numbering some kind's instances.
        let Some(ast::PlaceStep::Field(f)) = place.path.first() else {
            return None;
        };
        let local = self.scope.lookup(&root.name)?;
        let pid = self.process_by_index(self.scope.ty(local), &f.name)?;
        let key = mk(ExprKind::Local(local), self.scope.ty(local), root.span);
        Some(self.other_place(pid, Some(key), f))
    }

    /// `q.v` or `P.v` as a place, which only code outside processes may write.
    fn other_place(
        &mut self,
        pid: ProcessId,
        key: Option<ir::Expr>,
        f: &ast::Ident,
    ) -> Option<ProcessPlace> {
        let proc = &self.dist.processes[pid.index()];
        let Some(v) = own_var(&proc.vars, &f.name) else {
            // `q.crashed`, `q.clock`: kept by the fault model and time.
            let kind = DistErrorKind::AssignKept {
                field: f.name.clone(),
            };
            self.dist_error(f.span, kind);
            return None;
        };
        if self.in_process.is_some_and(|c| c.action) {
            let kind = DistErrorKind::AssignOther {
                var: f.name.clone(),
            };
            self.dist_error(f.span, kind);
            return None;
        }
        let ty = self.instance_type(v, key.is_some());
        Some(ProcessPlace {
            var: v,
            prefix: key.map(PlaceStep::Index).into_iter().collect(),
            ty,
            used: 1,
        })
    }

    /// The kind (with `field`) whose ids include the model value or atom
    /// `name`, and that id as a literal.
    fn instance_named(&self, name: &str, field: &str, span: Span) -> Option<(ProcessId, ir::Expr)> {
        self.dist.processes.iter().enumerate().find_map(|(i, p)| {
            let ids = p.index?;
            let Some(ir::Type::Enum { atoms, .. }) = self.types.get(ids) else {
                return None;
            };
            let at = atoms.iter().position(|a| a == name)?;
            let pid = ProcessId(i as u32);
            self.process_by_index(ids, field).filter(|q| *q == pid)?;
            let key = crate::check::expr::lit(crate::value::Value::Atom(at as u32), ids, span);
            Some((pid, key))
        })
    }

    /// One instance's type of a process variable.
    fn instance_type(&self, v: VarId, keyed: bool) -> TypeId {
        let ty = self.var_types[v.index()];
        match (keyed, self.types.get(ty)) {
            (true, Some(ir::Type::Map(_, value))) => *value,
            _ => ty,
        }
    }
}

/// The variable of a process with this name.
fn own_var(vars: &[PVar], name: &str) -> Option<VarId> {
    vars.iter().find(|v| v.name() == name).map(|v| v.var)
}
