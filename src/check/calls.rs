//! Calls: user functions (arity, argument types, the call graph for the
//! recursion check) and the built-ins, found when no `fn` has the name.

use super::expr::{mk, poisoned};
use super::names::{Global, suggest};
use super::types::{ERR, INT};
use super::{CheckErrorKind as K, Checker, Mode};
use crate::check::ir::{self, Builtin, ExprKind, FnId, Type};
use crate::source::Span;
use crate::syntax::ast;

/// Built-in functions, found when no `fn` has the name.
const BUILTINS: [&str; 9] = [
    "min", "max", "len", "head", "tail", "append", "subsets", "sub", "sum",
];

impl Checker<'_> {
    /// `f(args)`: a `fn`, or else a built-in.
    pub(super) fn call(&mut self, name: &ast::Ident, args: &[ast::Expr], span: Span) -> ir::Expr {
        if name.name == "next" && (self.next_allowed || !self.globals.contains_key("next")) {
            return self.next(name, args, span);
        }
        match self.globals.get(&name.name).copied() {
            Some(Global::Fn(f)) => {
                self.refer(name.span, super::symbols::Target::Global(name.name.clone()));
                return self.call_fn(f, name, args, span);
            }
            Some(g) => {
                self.error(
                    name.span,
                    K::NotAFunction {
                        name: name.name.clone(),
                        what: g.what(),
                    },
                );
                return self.poison_args(args, span);
            }
            None => {}
        }
        if let Some(local) = self.scope.lookup(&name.name) {
            let what = self.scope.kind(local).what();
            self.error(
                name.span,
                K::NotAFunction {
                    name: name.name.clone(),
                    what,
                },
            );
            return self.poison_args(args, span);
        }
        if super::desugar::BUILTINS.contains(&name.name.as_str()) {
            return self.dist_builtin(name, args, span);
        }
        if BUILTINS.contains(&name.name.as_str()) {
            return self.builtin(name, args, span);
        }
        if super::history::HISTORY_BUILTINS.contains(&name.name.as_str()) {
            return self.history_check(name, args, span);
        }
        let mut candidates: Vec<&str> = BUILTINS.to_vec();
        candidates.extend(super::desugar::BUILTINS);
        candidates.extend(super::history::HISTORY_BUILTINS);
        candidates.extend(
            self.globals
                .iter()
                .filter(|(_, g)| matches!(g, Global::Fn(_)))
                .map(|(n, _)| n.as_str()),
        );
        let suggestion = suggest(&name.name, candidates);
        self.error(
            name.span,
            K::UnknownFunction {
                name: name.name.clone(),
                suggestion,
            },
        );
        self.poison_args(args, span)
    }

    /// `next(e)` in a `transition` property: `e` after the step.
    fn next(&mut self, name: &ast::Ident, args: &[ast::Expr], span: Span) -> ir::Expr {
        if !self.next_allowed {
            self.error(name.span, K::NextOutsideTransition);
            return self.poison_args(args, span);
        }
        let [arg] = args else {
            let kind = K::Arity {
                name: "next".into(),
                expected: "1".into(),
                found: args.len(),
            };
            self.error(span, kind);
            return self.poison_args(args, span);
        };
        self.next_allowed = false;
        let x = self.infer(arg, None);
        self.next_allowed = true;
        let ty = x.ty;
        super::expr::mk(ExprKind::Next(Box::new(x)), ty, span)
    }

    /// Check the arguments of a call that is already wrong, for their own errors.
    fn poison_args(&mut self, args: &[ast::Expr], span: Span) -> ir::Expr {
        for a in args {
            self.infer(a, None);
        }
        poisoned(span)
    }

    fn call_fn(&mut self, f: FnId, name: &ast::Ident, args: &[ast::Expr], span: Span) -> ir::Expr {
        let caller = match self.mode {
            Mode::Const => {
                let what = "function";
                self.error(
                    name.span,
                    K::NotConstant {
                        name: name.name.clone(),
                        what,
                    },
                );
                return self.poison_args(args, span);
            }
            Mode::Body(caller) => caller,
        };
        if let Some(caller) = caller {
            self.calls.push((caller, f, span));
        }
        // A function may read any variable.
        self.read_all();
        let (params, result) = {
            let sig = &self.fn_sigs[f.index()];
            (sig.params.clone(), sig.result)
        };
        if params.len() != args.len() {
            self.error(
                span,
                K::Arity {
                    name: name.name.clone(),
                    expected: params.len().to_string(),
                    found: args.len(),
                },
            );
            return self.poison_args(args, span);
        }
        let args = args
            .iter()
            .zip(params)
            .map(|(a, t)| self.check_expr(a, t))
            .collect();
        mk(ExprKind::Call(f, args), result, span)
    }

    fn builtin(&mut self, name: &ast::Ident, args: &[ast::Expr], span: Span) -> ir::Expr {
        let n = name.name.as_str();
        let expected = match (n, args.len()) {
            ("min" | "max", 1 | 2)
            | ("len" | "head" | "tail" | "subsets" | "sum", 1)
            | ("append", 2)
            | ("sub", 3) => None,
            ("min" | "max", _) => Some("1 or 2"),
            ("append", _) => Some("2"),
            ("sub", _) => Some("3"),
            _ => Some("1"),
        };
        if let Some(expected) = expected {
            self.error(
                span,
                K::Arity {
                    name: n.into(),
                    expected: expected.into(),
                    found: args.len(),
                },
            );
            return self.poison_args(args, span);
        }
        if n == "sum" {
            return self.sum_all(&args[0], span);
        }
        let first = self.infer(&args[0], None);
        let (b, rest, ty) = match n {
            "min" | "max" if args.len() == 2 => {
                let x = self.expect_int(first);
                let y = self.infer(&args[1], Some(INT));
                let y = self.expect_int(y);
                let b = if n == "min" {
                    Builtin::Min2
                } else {
                    Builtin::Max2
                };
                return mk(ExprKind::Builtin(b, vec![x, y]), INT, span);
            }
            "min" | "max" => {
                let ints = self
                    .types
                    .set_elem(first.ty)
                    .is_some_and(|e| self.types.is_int_like(e));
                if !ints && first.ty != ERR {
                    self.wrong_kind(&first, "a set of integers");
                    return poisoned(span);
                }
                let b = if n == "min" {
                    Builtin::MinOf
                } else {
                    Builtin::MaxOf
                };
                (b, None, INT)
            }
            "subsets" => {
                if self.types.set_elem(first.ty).is_none() {
                    self.wrong_kind(&first, "a set");
                    return poisoned(span);
                }
                (Builtin::Subsets, None, self.types.set_of(first.ty))
            }
            _ => {
                let Some(Type::Seq(item, _)) = self.types.get(first.ty).cloned() else {
                    self.wrong_kind(&first, "a sequence");
                    return poisoned(span);
                };
                match n {
                    "len" => (Builtin::Len, None, INT),
                    "head" => (Builtin::Head, None, item),
                    "tail" => (Builtin::Tail, None, first.ty),
                    "sub" => {
                        let mut bounds = Vec::new();
                        for a in &args[1..] {
                            let i = self.infer(a, Some(INT));
                            bounds.push(self.expect_int(i));
                        }
                        (Builtin::Sub, Some(bounds), first.ty)
                    }
                    _ => (
                        Builtin::Append,
                        Some(vec![self.check_expr(&args[1], item)]),
                        first.ty,
                    ),
                }
            }
        };
        let mut all = vec![first];
        all.extend(rest.into_iter().flatten());
        mk(ExprKind::Builtin(b, all), ty, span)
    }
}
