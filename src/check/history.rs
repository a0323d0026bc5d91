//! History checks: `linearizable(h, init, step)` and
//! `sequentially_consistent(h, init, step)`.
//!
//! `h` is a sequence of events of a two-variant union: a call, with
//! fields `client` and `op`, and a return, with fields `client` and
//! `result` (found by their field names; other fields are allowed and
//! ignored). `init` is the sequential object's initial state and `step`
//! names a `fn step(state: S, op: Op) -> { state: S, result: R }` giving
//! its sequential semantics. The check becomes
//! `Builtin(History(consistency, shape), [h, init, step(s, o)])`, where
//! `s` and `o` are two fresh locals that the search sets before each
//! evaluation of the call (see `compile/history.rs`).

use super::expr::{mk, poisoned};
use super::names::{Global, LocalKind, suggest};
use super::symbols::Target;
use super::types::BOOL;
use super::{CheckErrorKind as K, Checker, Mode};
use crate::check::ir::{self, Builtin, Consistency, ExprKind, FnId, HistoryShape, Type, TypeId};
use crate::source::Span;
use crate::syntax::ast;

/// The history checks, by name.
pub(super) const HISTORY_BUILTINS: [&str; 2] = ["linearizable", "sequentially_consistent"];

/// A history's events: the call and return variants and their fields.
struct Events {
    call: u32,
    call_client: u32,
    call_op: u32,
    ret: u32,
    ret_client: u32,
    ret_result: u32,
    op_ty: TypeId,
    result_ty: TypeId,
}

impl Checker<'_> {
    /// `linearizable(h, init, step)` or `sequentially_consistent(h, init, step)`.
    pub(super) fn history_check(
        &mut self,
        name: &ast::Ident,
        args: &[ast::Expr],
        span: Span,
    ) -> ir::Expr {
        let builtin: &'static str = if name.name == "linearizable" {
            HISTORY_BUILTINS[0]
        } else {
            HISTORY_BUILTINS[1]
        };
        let consistency = if name.name == "linearizable" {
            Consistency::Linearizable
        } else {
            Consistency::Sequential
        };
        let [history, init, step] = args else {
            self.error(
                span,
                K::Arity {
                    name: builtin.into(),
                    expected: "3".into(),
                    found: args.len(),
                },
            );
            return self.history_poison(args, span);
        };
        let caller = match self.mode {
            Mode::Const => {
                let what = "history check";
                self.error(
                    name.span,
                    K::NotConstant {
                        name: builtin.into(),
                        what,
                    },
                );
                return poisoned(span);
            }
            Mode::Body(caller) => caller,
        };
        let Some(f) = self.step_fn(builtin, step) else {
            self.infer(history, None);
            self.infer(init, None);
            return poisoned(span);
        };
        if let Some(caller) = caller {
            self.calls.push((caller, f, step.span));
        }
        // The step function may read any variable.
        self.read_all();
        let h = self.infer(history, None);
        let Some(events) = self.events(builtin, &h) else {
            self.infer(init, None);
            return poisoned(span);
        };
        let Some((state_ty, next_state, next_result)) = self.step_signature(f, &events, step.span)
        else {
            self.infer(init, None);
            return poisoned(span);
        };
        let init = self.check_expr(init, state_ty);
        let state = self.scope.fresh("state", state_ty, LocalKind::Bound);
        let op = self.scope.fresh("op", events.op_ty, LocalKind::Bound);
        let result = self.fn_sigs[f.index()].result;
        let call = mk(
            ExprKind::Call(
                f,
                vec![
                    mk(ExprKind::Local(state), state_ty, step.span),
                    mk(ExprKind::Local(op), events.op_ty, step.span),
                ],
            ),
            result,
            step.span,
        );
        let shape = HistoryShape {
            call: events.call,
            call_client: events.call_client,
            call_op: events.call_op,
            ret: events.ret,
            ret_client: events.ret_client,
            ret_result: events.ret_result,
            next_state,
            next_result,
            state,
            op,
        };
        mk(
            ExprKind::Builtin(Builtin::History(consistency, shape), vec![h, init, call]),
            BOOL,
            span,
        )
    }

    /// Check the arguments of a history check that is already wrong.
    fn history_poison(&mut self, args: &[ast::Expr], span: Span) -> ir::Expr {
        for a in args {
            if !matches!(a.kind, ast::ExprKind::Name(_)) {
                self.infer(a, None);
            }
        }
        poisoned(span)
    }

    /// The function the third argument names.
    fn step_fn(&mut self, builtin: &'static str, step: &ast::Expr) -> Option<FnId> {
        if let ast::ExprKind::Name(id) = &step.kind
            && self.scope.lookup(&id.name).is_none()
            && let Some(Global::Fn(f)) = self.globals.get(&id.name).copied()
        {
            self.refer(id.span, Target::Global(id.name.clone()));
            return Some(f);
        }
        let suggestion = match &step.kind {
            ast::ExprKind::Name(id) => {
                let fns = self
                    .globals
                    .iter()
                    .filter(|(_, g)| matches!(g, Global::Fn(_)))
                    .map(|(n, _)| n.as_str());
                suggest(&id.name, fns)
            }
            _ => None,
        };
        self.error(
            step.span,
            K::StepNotFn {
                builtin,
                suggestion,
            },
        );
        None
    }

    /// The call and return variants of a history's events.
    fn events(&mut self, builtin: &'static str, h: &ir::Expr) -> Option<Events> {
        let Some(Type::Seq(event, _)) = self.types.get(h.ty).cloned() else {
            if h.ty != super::types::ERR {
                let found = self.types.name(h.ty);
                self.error(h.span, K::HistoryType { builtin, found });
            }
            return None;
        };
        let problem = |c: &mut Self, problem: &'static str| {
            let union = c.types.name(event);
            c.error(h.span, K::HistoryEvents { union, problem });
            None
        };
        let Some(Type::Union { variants, .. }) = self.types.get(event).cloned() else {
            return problem(self, "they are not a union");
        };
        if variants.len() != 2 {
            return problem(self, "the union does not have exactly two variants");
        }
        let field = |v: &ir::VariantDef, name: &str| {
            v.fields
                .iter()
                .position(|f| f.name == name)
                .map(|i| (i as u32, v.fields[i].ty))
        };
        let Some(call) = variants.iter().position(|v| field(v, "op").is_some()) else {
            return problem(self, "no variant has an `op` field (the call)");
        };
        let Some(ret) = variants.iter().position(|v| field(v, "result").is_some()) else {
            return problem(self, "no variant has a `result` field (the return)");
        };
        if call == ret {
            return problem(self, "one variant has both `op` and `result`");
        }
        let (Some((call_client, c1)), Some((ret_client, c2))) = (
            field(&variants[call], "client"),
            field(&variants[ret], "client"),
        ) else {
            return problem(self, "a variant has no `client` field");
        };
        if !self.types.compat(c1, c2) {
            return problem(self, "calls and returns have clients of different types");
        }
        let (call_op, op_ty) = field(&variants[call], "op")?;
        let (ret_result, result_ty) = field(&variants[ret], "result")?;
        Some(Events {
            call: call as u32,
            call_client,
            call_op,
            ret: ret as u32,
            ret_client,
            ret_result,
            op_ty,
            result_ty,
        })
    }

    /// The state type of a step function that fits the events, and the
    /// indices of `state` and `result` in its result record.
    fn step_signature(
        &mut self,
        f: FnId,
        events: &Events,
        span: Span,
    ) -> Option<(TypeId, u32, u32)> {
        let sig = &self.fn_sigs[f.index()];
        let (params, result) = (sig.params.clone(), sig.result);
        let name = self.decls.fns[f.index()].name.name.clone();
        let wrong = |c: &mut Self, problem: String| {
            c.error(
                span,
                K::StepSignature {
                    name: name.clone(),
                    problem,
                },
            );
            None
        };
        let [state_ty, op_ty] = params[..] else {
            return wrong(
                self,
                format!(
                    "it takes {} parameter{}, not 2 (state, op)",
                    params.len(),
                    if params.len() == 1 { "" } else { "s" }
                ),
            );
        };
        if !self.types.compat(events.op_ty, op_ty) {
            let (op, found) = (self.types.name(events.op_ty), self.types.name(op_ty));
            return wrong(
                self,
                format!("the calls' `op` is `{op}`, its second parameter is `{found}`"),
            );
        }
        let Some(Type::Record { fields }) = self.types.get(result).cloned() else {
            let found = self.types.name(result);
            return wrong(
                self,
                format!("it returns `{found}`, not a record `{{ state: .., result: .. }}`"),
            );
        };
        let index = |name: &str| fields.iter().position(|x| x.name == name);
        let (Some(s), Some(r)) = (index("state"), index("result")) else {
            let found = self.types.name(result);
            return wrong(
                self,
                format!("it returns `{found}`, without both `state` and `result`"),
            );
        };
        if !self.types.compat(fields[s].ty, state_ty) {
            let (next, state) = (self.types.name(fields[s].ty), self.types.name(state_ty));
            return wrong(
                self,
                format!("its result's `state` is `{next}`, its first parameter `{state}`"),
            );
        }
        if !self.types.compat(events.result_ty, fields[r].ty) {
            let (recorded, computed) = (
                self.types.name(events.result_ty),
                self.types.name(fields[r].ty),
            );
            return wrong(
                self,
                format!(
                    "the returns' `result` is `{recorded}`, its result's `result` `{computed}`"
                ),
            );
        }
        Some((state_ty, s as u32, r as u32))
    }
}
