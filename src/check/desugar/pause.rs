//! `pause`: a point in a process's action where the instance may stall
//! (a GC pause, a page fault, a slow disk) while everything else, time
//! included, goes on.
//!
//! The action runs to the pause; then either the rest runs at once, as if
//! there were no pause, or the instance stores what the rest needs (the
//! locals it reads) in a continuation variable and stops. A resume action
//! of the same name runs the rest later. While paused, the instance takes
//! no other step.

use std::collections::BTreeSet;

use super::DistErrorKind;
use crate::check::Checker;
use crate::check::expr::{lit, mk};
use crate::check::ir::{
    self, Binding, ExprKind, Fairness, LocalId, Origin, PatternKind, PlaceStep, StmtKind, Type,
    VarRole, VariantDef,
};
use crate::check::types::{ERR, INT};
use crate::source::Span;
use crate::value::Value;

/// An action split at its pause, waiting for its frame to be final.
pub(in crate::check) struct Split {
    /// The statements after the pause.
    rest: Vec<ir::Stmt>,
    /// The continuation variable.
    cont: ir::VarId,
    /// The locals the rest needs, in field order.
    kept: Vec<LocalId>,
    span: Span,
}

impl Checker<'_> {
    /// The body of the current process action at its `pause`: `prefix`
    /// checked already, `rest` just checked. Returns the body to run (the
    /// prefix, then either the rest or a stored continuation) and the split
    /// for [`Checker::resume_action`].
    pub(in crate::check) fn split_at_pause(
        &mut self,
        name: &str,
        mut prefix: Vec<ir::Stmt>,
        rest: Vec<ir::Stmt>,
        visible: &[(String, LocalId)],
        span: Span,
    ) -> (Vec<ir::Stmt>, Option<Split>) {
        let Some(ctx) = self.in_process else {
            return (prefix, None);
        };
        let pid = ctx.process;
        let mut used = BTreeSet::new();
        stmts_locals(&rest, &mut used);
        let mut kept = Vec::new();
        let mut fields = Vec::new();
        for (local_name, l) in visible {
            if Some(*l) == ctx.self_local || !used.contains(l) || kept.contains(l) {
                continue;
            }
            let ty = self.scope.ty(*l);
            if ty == INT {
                let kind = DistErrorKind::PauseKeepsUnbounded {
                    name: local_name.clone(),
                };
                self.dist_error(span, kind);
                continue;
            }
            kept.push(*l);
            fields.push(ir::Field {
                name: format!("{local_name}#{}", l.0),
                ty,
            });
        }
        let union = self.types.intern(Type::Union {
            name: format!("{name} paused"),
            variants: vec![VariantDef {
                name: name.into(),
                fields,
            }],
        });
        let option = self.types.intern(Type::Option(union));
        let index = self.index_of(pid);
        let ty = self.keyed_type(index, option);
        if ty == ERR {
            return (prefix, None);
        }
        let init = (
            ir::Frame::default(),
            lit(self.filled(index, Value::None), ty, span),
        );
        let cont = self.new_var(
            format!("{name} paused"),
            ty,
            Some(init),
            VarRole::Paused(pid),
            span,
        );
        self.dist.processes[pid.index()].conts.push(cont);
        let budget = self.dist.processes[pid.index()].pause_budget;
        let key = self.self_expr(span);
        let values: Vec<ir::Expr> = kept.iter().map(|l| self.e_local(*l, span)).collect();
        let saved = mk(ExprKind::Variant(0, values), union, span);
        let saved = mk(ExprKind::Some(Box::new(saved)), option, span);
        let mut stall = Vec::new();
        if let Some((v, k)) = budget {
            let count = self.e_var(v, span);
            let room = self.e_bin(ir::BinOp::Lt, count.clone(), Self::e_int(k, span));
            let more = self.e_bin(ir::BinOp::Add, count, Self::e_int(1, span));
            stall.push(Self::s_require(room));
            stall.push(self.s_assign(v, Vec::new(), more, span));
        }
        stall.push(self.s_assign(cont, Self::steps(&[key]), saved, span));
        prefix.push(ir::Stmt {
            kind: StmtKind::Either(vec![rest.clone(), stall]),
            span,
        });
        (
            prefix,
            Some(Split {
                rest,
                cont,
                kept,
                span,
            }),
        )
    }

    /// The resume action of a split: same name, same frame; it takes the
    /// kept locals back from the continuation, clears it, and runs the rest.
    pub(in crate::check) fn resume_action(
        &mut self,
        main: &ir::ActionDef,
        split: Split,
    ) -> ir::ActionDef {
        let Origin::Spec(Some(pid)) = main.origin else {
            unreachable!("only a process's action pauses");
        };
        let span = split.span;
        let index = self.index_of(pid);
        let mut params = Vec::new();
        let key = index.map(|s| {
            let set = self.types.set_of(s);
            params.push(Binding {
                pattern: ir::Pattern {
                    kind: PatternKind::Bind(LocalId(0)),
                    alias: None,
                    span,
                },
                domain: mk(ExprKind::AllOf(s), set, span),
            });
            mk(ExprKind::Local(LocalId(0)), s, span)
        });
        let keys = [key];
        let stored = self.e_at(split.cont, &keys, span);
        let option = stored.ty;
        let fields = split
            .kept
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let p = ir::Pattern {
                    kind: PatternKind::Bind(*l),
                    alias: None,
                    span,
                };
                (i as u32, p)
            })
            .collect();
        let pattern = ir::Pattern {
            kind: PatternKind::Some(Box::new(ir::Pattern {
                kind: PatternKind::Variant { tag: 0, fields },
                alias: None,
                span,
            })),
            alias: None,
            span,
        };
        let set = self.types.set_of(option);
        params.push(Binding {
            pattern,
            domain: mk(ExprKind::SetLit(vec![stored]), set, span),
        });
        let none = lit(
            Value::None,
            self.instance_ty(split.cont, keys[0].is_some()),
            span,
        );
        let mut body = vec![self.s_assign(split.cont, Self::steps(&keys), none, span)];
        body.extend(split.rest);
        ir::ActionDef {
            name: main.name.clone(),
            frame: main.frame.clone(),
            params,
            body,
            // A pause ends: the resume is weakly fair.
            fairness: Fairness::Weak,
            origin: Origin::Resume(pid),
            receives: Vec::new(),
            span: main.span,
        }
    }

    /// One instance's type of a keyed variable.
    fn instance_ty(&self, v: ir::VarId, keyed: bool) -> ir::TypeId {
        let ty = self.var_types[v.index()];
        match (keyed, self.types.get(ty)) {
            (true, Some(Type::Map(_, value))) => *value,
            _ => ty,
        }
    }

    /// Report a `pause` where it cannot stand (nested, outside a process, in
    /// a process without the option).
    pub(in crate::check) fn misplaced_pause(&mut self, span: Span, top: bool) {
        let kind = match self.in_process {
            None => DistErrorKind::PauseOutside { in_process: false },
            Some(ctx) if !self.dist.processes[ctx.process.index()].pausable => {
                DistErrorKind::PauseOutside { in_process: true }
            }
            Some(_) if top => DistErrorKind::PauseTwice,
            Some(_) => DistErrorKind::PauseNested,
        };
        self.dist_error(span, kind);
    }
}

/// The locals statements read.
fn stmts_locals(stmts: &[ir::Stmt], out: &mut BTreeSet<LocalId>) {
    for s in stmts {
        match &s.kind {
            StmtKind::Require(e) | StmtKind::Assert(e, _) | StmtKind::Let(_, e) => {
                expr_locals(e, out)
            }
            StmtKind::Assign(place, e) => {
                for step in &place.path {
                    if let PlaceStep::Index(k) = step {
                        expr_locals(k, out);
                    }
                }
                expr_locals(e, out);
            }
            StmtKind::If(c, a, b) => {
                expr_locals(c, out);
                stmts_locals(a, out);
                stmts_locals(b, out);
            }
            StmtKind::Choose(b, body) | StmtKind::For(b, body) => {
                expr_locals(&b.domain, out);
                stmts_locals(body, out);
            }
            StmtKind::Either(blocks) => blocks.iter().for_each(|b| stmts_locals(b, out)),
        }
    }
}

/// The locals an expression reads.
fn expr_locals(e: &ir::Expr, out: &mut BTreeSet<LocalId>) {
    match &e.kind {
        ExprKind::Local(l) => {
            out.insert(*l);
        }
        ExprKind::Lit(_) | ExprKind::Var(_) | ExprKind::AllOf(_) | ExprKind::StepIs(_) => {}
        ExprKind::Not(x) | ExprKind::Neg(x) | ExprKind::Some(x) | ExprKind::Card(x) => {
            expr_locals(x, out)
        }
        ExprKind::Field(x, _) | ExprKind::VariantField(x, _) | ExprKind::Is(x, _) => {
            expr_locals(x, out)
        }
        ExprKind::MapLit(_, x) => expr_locals(x, out),
        ExprKind::Bin(_, a, b) | ExprKind::Index(a, b) | ExprKind::Let(_, a, b) => {
            expr_locals(a, out);
            expr_locals(b, out);
        }
        ExprKind::If(c, a, b) => {
            expr_locals(c, out);
            expr_locals(a, out);
            expr_locals(b, out);
        }
        ExprKind::Quant(_, bindings, body) => {
            bindings.iter().for_each(|b| expr_locals(&b.domain, out));
            expr_locals(body, out);
        }
        ExprKind::SetLit(items)
        | ExprKind::Record(items)
        | ExprKind::Variant(_, items)
        | ExprKind::SeqLit(items)
        | ExprKind::Call(_, items)
        | ExprKind::Builtin(_, items)
        | ExprKind::Refines(_, items) => items.iter().for_each(|x| expr_locals(x, out)),
        ExprKind::SetMap {
            bindings,
            filter,
            map,
        } => {
            bindings.iter().for_each(|b| expr_locals(&b.domain, out));
            if let Some(f) = filter {
                expr_locals(f, out);
            }
            expr_locals(map, out);
        }
        ExprKind::SeqMap {
            binding,
            filter,
            map,
        } => {
            expr_locals(&binding.domain, out);
            if let Some(f) = filter {
                expr_locals(f, out);
            }
            expr_locals(map, out);
        }
        ExprKind::Fold {
            init,
            binding,
            body,
            ..
        } => {
            expr_locals(init, out);
            expr_locals(&binding.domain, out);
            expr_locals(body, out);
        }
        ExprKind::SetFilter(b, f) | ExprKind::Pick(b, f) => {
            expr_locals(&b.domain, out);
            expr_locals(f, out);
        }
        ExprKind::Match(x, _) | ExprKind::Next(x) => expr_locals(x, out),
    }
}
