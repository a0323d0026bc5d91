//! Timers and clocks. A timer is a deadline on its process's clock:
//! `-1..H` per instance, `-1` when stopped, `H` (one past the last clock
//! reading) when the deadline lies beyond the end of time. A clock that may
//! drift is `now` plus an offset `-d..d`, made on first use.

use super::{DistErrorKind, Proc};
use crate::check::Checker;
use crate::check::expr::poisoned;
use crate::check::ir::{self, BinOp, Builtin, ProcessId, StmtKind, Type, VarId, VarRole};
use crate::check::types::{BOOL, INT};
use crate::source::Span;
use crate::syntax::ast;
use crate::value::Value;

/// The built-ins of this module, resolved before the general ones.
pub(in crate::check) const BUILTINS: &[&str] = &["expired", "active", "in_flight"];

impl<'a> Checker<'a> {
    /// `timer t` in a process: a deadline variable per instance.
    pub(super) fn declare_timer(&mut self, proc: &mut Proc<'a>, pid: ProcessId, t: &ast::Ident) {
        let Some(time) = &self.dist.time else {
            let kind = DistErrorKind::NeedsTime {
                what: format!("timer `{}`", t.name),
            };
            self.dist_error(t.span, kind);
            return;
        };
        let clash = proc.timers.iter().any(|(n, _)| *n == t.name)
            || proc.vars.iter().any(|v| v.name() == t.name);
        if clash {
            self.error(
                t.span,
                crate::check::CheckErrorKind::Duplicate {
                    name: t.name.clone(),
                    previous: "name in this process",
                },
            );
            return;
        }
        let horizon = time.hi + time.drift + 1;
        let ty = self.types.intern(Type::Range {
            lo: -1,
            hi: horizon,
        });
        let ty = self.keyed_type(proc.index, ty);
        let init = (
            ir::Frame::default(),
            crate::check::expr::lit(self.filled(proc.index, Value::Int(-1)), ty, t.span),
        );
        let var = self.new_var(t.name.clone(), ty, Some(init), VarRole::Timer(pid), t.span);
        proc.timers.push((t.name.clone(), var));
    }

    /// The clock offset variable of a kind (made when first needed).
    pub(super) fn clock_offset(&mut self, pid: ProcessId) -> VarId {
        if let Some(v) = self.dist.processes[pid.index()].offset {
            return v;
        }
        let drift = self.dist.time.as_ref().map_or(0, |t| t.drift);
        let span = self.dist.processes[pid.index()].decl.span;
        let index = self.index_of(pid);
        let ty = self.types.intern(Type::Range {
            lo: -drift,
            hi: drift,
        });
        let ty = self.keyed_type(index, ty);
        let init = (
            ir::Frame::default(),
            crate::check::expr::lit(self.filled(index, Value::Int(0)), ty, span),
        );
        let v = self.new_var(
            "clock".into(),
            ty,
            Some(init),
            VarRole::ClockOffset(pid),
            span,
        );
        self.dist.processes[pid.index()].offset = Some(v);
        v
    }

    /// A timer of the current process, or an error (`None`).
    fn timer(&mut self, t: &ast::Ident) -> Option<(VarId, ProcessId)> {
        let here = self.in_process.map(|ctx| ctx.process);
        if let Some(pid) = here {
            let proc = &self.dist.processes[pid.index()];
            if let Some((_, v)) = proc.timers.iter().find(|(n, _)| *n == t.name) {
                return Some((*v, pid));
            }
        }
        let owner = self
            .dist
            .processes
            .iter()
            .find(|p| p.timers.iter().any(|(n, _)| *n == t.name))
            .map(|p| p.decl.name.name.clone());
        let kind = match (owner, here) {
            (Some(process), _) => DistErrorKind::TimerOutside {
                timer: t.name.clone(),
                process,
            },
            (None, Some(pid)) => {
                let proc = &self.dist.processes[pid.index()];
                let names = proc.timers.iter().map(|(n, _)| n.as_str());
                DistErrorKind::UnknownTimer {
                    name: t.name.clone(),
                    suggestion: crate::check::names::suggest(&t.name, names),
                    in_process: true,
                }
            }
            (None, None) => DistErrorKind::UnknownTimer {
                name: t.name.clone(),
                suggestion: None,
                in_process: false,
            },
        };
        self.dist_error(t.span, kind);
        None
    }

    /// `start t after d`: the deadline is `d` ticks from now on this
    /// instance's clock (beyond the end of time, it never expires).
    pub(in crate::check) fn start_timer(
        &mut self,
        t: &ast::Ident,
        after: &ast::Expr,
        span: Span,
    ) -> Vec<ir::Stmt> {
        let d = self.infer(after, Some(INT));
        let d = self.expect_int(d);
        let Some((v, pid)) = self.timer(t) else {
            return Vec::new();
        };
        let horizon = self.dist.time.as_ref().map_or(0, |t| t.hi + t.drift + 1);
        let key = self.self_expr(span);
        let clock = self.clock_of(pid, key.clone(), span);
        let nonnegative = self.e_bin(BinOp::Ge, d.clone(), Self::e_int(0, span));
        let due = self.e_bin(BinOp::Add, clock, d);
        let due = Self::e_builtin(
            Builtin::Min2,
            vec![due, Self::e_int(horizon, span)],
            INT,
            span,
        );
        vec![
            ir::Stmt {
                kind: StmtKind::Assert(
                    nonnegative,
                    "a timer cannot be started for a negative time".into(),
                ),
                span: after.span,
            },
            self.s_assign(v, Self::steps(&[key]), due, span),
        ]
    }

    /// `stop t`.
    pub(in crate::check) fn stop_timer(&mut self, t: &ast::Ident, span: Span) -> Vec<ir::Stmt> {
        let Some((v, _)) = self.timer(t) else {
            return Vec::new();
        };
        let key = self.self_expr(span);
        vec![self.s_assign(v, Self::steps(&[key]), Self::e_int(-1, span), span)]
    }

    /// `expired(t)`, `active(t)`, `in_flight(c)`.
    pub(in crate::check) fn dist_builtin(
        &mut self,
        name: &ast::Ident,
        args: &[ast::Expr],
        span: Span,
    ) -> ir::Expr {
        let takes = if name.name == "in_flight" {
            "a channel"
        } else {
            "a timer"
        };
        let arg = match args {
            [
                ast::Expr {
                    kind: ast::ExprKind::Name(arg),
                    ..
                },
            ] => arg,
            _ => {
                let name = BUILTINS
                    .iter()
                    .find(|b| **b == name.name)
                    .copied()
                    .unwrap_or("expired");
                // Names here are timers or channels, not values: only
                // check the rest.
                for a in args {
                    if !matches!(a.kind, ast::ExprKind::Name(_)) {
                        self.infer(a, Some(crate::check::types::ERR));
                    }
                }
                let kind = DistErrorKind::BuiltinArgument {
                    name,
                    takes,
                    given: args.len(),
                };
                self.dist_error(span, kind);
                return poisoned(span);
            }
        };
        if name.name == "in_flight" {
            let found = self
                .dist
                .channels
                .iter()
                .position(|c| c.decl.name.name == arg.name);
            return match found {
                Some(i) => self.in_flight(ir::ChannelId(i as u32), span),
                None => {
                    let names = self.dist.channels.iter().map(|c| c.decl.name.name.as_str());
                    let suggestion = crate::check::names::suggest(&arg.name, names);
                    let kind = DistErrorKind::UnknownChannel {
                        name: arg.name.clone(),
                        suggestion,
                    };
                    self.dist_error(arg.span, kind);
                    poisoned(span)
                }
            };
        }
        let Some((v, pid)) = self.timer(arg) else {
            return poisoned(span);
        };
        let key = self.self_expr(span);
        let deadline = self.keyed_read(v, key.clone(), span);
        let clock = self.clock_of(pid, key, span);
        let running = self.e_bin(BinOp::Ge, deadline.clone(), Self::e_int(0, span));
        let op = if name.name == "expired" {
            BinOp::Ge
        } else {
            BinOp::Lt
        };
        let due = self.e_bin(op, clock, deadline);
        let both = self.e_bin(BinOp::And, running, due);
        debug_assert_eq!(both.ty, BOOL);
        both
    }
}
