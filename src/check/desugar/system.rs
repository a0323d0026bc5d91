//! The actions the constructs stand for — crashes, restarts, drops, ticks,
//! partitions — and the guards every action of a process carries.

use super::names::ProcessCtx;
use crate::check::Checker;
use crate::check::expr::{lit, mk};
use crate::check::ir::{
    self, BinOp, Binding, ExprKind, Fairness, LocalId, Origin, PatternKind, ProcessId, Type, VarId,
};
use crate::check::names::LocalKind;
use crate::check::types::BOOL;
use crate::source::Span;
use crate::syntax::ast;
use crate::value::Value;

impl Checker<'_> {
    /// Every action the constructs stand for, in a fixed order: per process
    /// its crash and restart, per channel its drop, then the partition and
    /// its healing, then time.
    pub(in crate::check) fn system_actions(&mut self) -> Vec<ir::ActionDef> {
        let mut out = Vec::new();
        for p in 0..self.dist.processes.len() {
            let pid = ProcessId(p as u32);
            if self.dist.processes[p].crashed.is_some() {
                out.push(self.crash_action(pid));
                if self.dist.processes[p].restart {
                    out.push(self.restart_action(pid));
                }
            }
        }
        for c in 0..self.dist.channels.len() {
            out.extend(self.drop_action(ir::ChannelId(c as u32)));
        }
        if self.dist.partition.is_some() {
            out.push(self.partition_action());
            out.push(self.heal_action());
        }
        if self.dist.time.is_some() {
            out.push(self.tick_action());
            for p in 0..self.dist.processes.len() {
                if self.dist.processes[p].offset.is_some() {
                    out.push(self.clock_tick_action(ProcessId(p as u32)));
                }
            }
        }
        out
    }

    /// Start the frame of an action of a process: `self` as its first
    /// parameter (none for a single instance).
    fn instance_params(&mut self, pid: ProcessId, span: Span) -> (Vec<Binding>, Option<ir::Expr>) {
        self.begin_process_frame(pid, Some(()));
        let Some(l) = self.in_process.and_then(|c| c.self_local) else {
            return (Vec::new(), None);
        };
        let s = self.scope.ty(l);
        let set = self.types.set_of(s);
        let binding = Binding {
            pattern: ir::Pattern {
                kind: PatternKind::Bind(l),
                alias: None,
                span,
            },
            domain: mk(ExprKind::AllOf(s), set, span),
        };
        (vec![binding], Some(self.e_local(l, span)))
    }

    /// An action the checker writes, with no receives.
    fn generated(
        &mut self,
        name: &str,
        params: Vec<Binding>,
        body: Vec<ir::Stmt>,
        fairness: Fairness,
        origin: Origin,
        span: Span,
    ) -> ir::ActionDef {
        let frame = match self.in_process {
            Some(_) => self.end_process_frame(),
            None => std::mem::take(&mut self.scope).frame,
        };
        ir::ActionDef {
            name: name.into(),
            frame,
            params,
            body,
            fairness,
            origin,
            receives: Vec::new(),
            span,
        }
    }

    /// `require counter < k; counter += 1`, for a budget.
    fn spend(&mut self, budget: Option<(VarId, i64)>, span: Span) -> Vec<ir::Stmt> {
        let Some((v, k)) = budget else {
            return Vec::new();
        };
        let count = self.e_var(v, span);
        let room = self.e_bin(BinOp::Lt, count.clone(), Self::e_int(k, span));
        let more = self.e_bin(BinOp::Add, count, Self::e_int(1, span));
        vec![
            Self::s_require(room),
            self.s_assign(v, Vec::new(), more, span),
        ]
    }

    /// An instance crashes: it takes no step from now on (until it
    /// restarts). Its timers stop and a pause in progress is forgotten.
    fn crash_action(&mut self, pid: ProcessId) -> ir::ActionDef {
        let proc = &self.dist.processes[pid.index()];
        let span = proc.decl.span;
        let (crashed, budget) = (proc.crashed.expect("crash option"), proc.crash_budget);
        let (timers, conts) = (proc.timers.clone(), proc.conts.clone());
        let (params, key) = self.instance_params(pid, span);
        let keys = [key.clone()];
        let up = self.e_at(crashed, &keys, span);
        let mut body = vec![Self::s_require(Self::e_not(up))];
        body.extend(self.spend(budget, span));
        body.push(self.s_assign(crashed, Self::steps(&keys), Self::e_bool(true, span), span));
        for (_, t) in timers {
            body.push(self.s_assign(t, Self::steps(&keys), Self::e_int(-1, span), span));
        }
        for c in conts {
            let none = self.none_of(c, key.is_some(), span);
            body.push(self.s_assign(c, Self::steps(&keys), none, span));
        }
        self.generated(
            "crash",
            params,
            body,
            Fairness::None,
            Origin::Crash(pid),
            span,
        )
    }

    /// `none` of an option-typed variable's instance type.
    fn none_of(&self, v: VarId, keyed: bool, span: Span) -> ir::Expr {
        let ty = self.var_types[v.index()];
        let ty = match (keyed, self.types.get(ty)) {
            (true, Some(Type::Map(_, value))) => *value,
            _ => ty,
        };
        lit(Value::None, ty, span)
    }

    /// A crashed instance restarts: its variables not marked `durable`
    /// take their initial values again.
    fn restart_action(&mut self, pid: ProcessId) -> ir::ActionDef {
        let proc = &self.dist.processes[pid.index()];
        let span = proc.decl.span;
        let crashed = proc.crashed.expect("crash option");
        let volatile: Vec<(&ast::VarDecl, VarId)> = proc
            .vars
            .iter()
            .filter(|v| !v.decl.durable)
            .map(|v| (&v.decl.decl, v.var))
            .collect();
        let (params, key) = self.instance_params(pid, span);
        let keys = [key.clone()];
        let down = self.e_at(crashed, &keys, span);
        let mut body = vec![
            Self::s_require(down),
            self.s_assign(crashed, Self::steps(&keys), Self::e_bool(false, span), span),
        ];
        for (decl, v) in volatile {
            let Some(init) = &decl.init else {
                continue;
            };
            let ty = self.var_types[v.index()];
            let value_ty = match (key.is_some(), self.types.get(ty)) {
                (true, Some(Type::Map(_, value))) => *value,
                _ => ty,
            };
            let x = self.check_expr(init, value_ty);
            body.push(self.s_assign(v, Self::steps(&keys), x, decl.span));
        }
        self.generated(
            "restart",
            params,
            body,
            Fairness::None,
            Origin::Restart(pid),
            span,
        )
    }

    /// The network splits the processes in two groups: a receive across the
    /// cut is held back until it heals. One side is chosen per kind as a
    /// set of ids (a flag for a single instance); the first instance is
    /// always on the unmarked side, so each split is made once.
    fn partition_action(&mut self) -> ir::ActionDef {
        let part = self.dist.partition.as_ref().expect("partition");
        let (split, budget, span) = (part.split, part.budget, part.span);
        self.scope = Default::default();
        self.mode = crate::check::Mode::Body(None);
        let ends: Vec<(ProcessId, VarId, Option<ir::TypeId>)> = self
            .dist
            .processes
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((ProcessId(i as u32), p.side?, p.index)))
            .collect();
        let mut params = Vec::new();
        let mut marked = Vec::new();
        for (pid, _, index) in &ends {
            let name = self.dist.processes[pid.index()].decl.name.name.clone();
            let ty = match index {
                Some(s) => self.types.set_of(*s),
                None => BOOL,
            };
            let l = self.scope.bind(&name, ty, LocalKind::Bound);
            let set = self.types.set_of(ty);
            params.push(Binding {
                pattern: ir::Pattern {
                    kind: PatternKind::Bind(l),
                    alias: None,
                    span,
                },
                domain: mk(ExprKind::AllOf(ty), set, span),
            });
            marked.push(l);
        }
        let apart = self.e_var(split, span);
        let mut body = vec![Self::s_require(Self::e_not(apart))];
        body.extend(self.spend(budget, span));
        // Someone is on the marked side, and the first instance is not.
        let mut someone = Self::e_bool(false, span);
        for ((_, _, index), l) in ends.iter().zip(&marked) {
            let g = self.e_local(*l, span);
            let any = match index {
                Some(_) => {
                    let empty = lit(Value::empty_set(), g.ty, span);
                    self.e_bin(BinOp::Ne, g, empty)
                }
                None => g,
            };
            someone = self.e_bin(BinOp::Or, someone, any);
        }
        body.push(Self::s_require(someone));
        if let (Some((_, _, index)), Some(l)) = (ends.first(), marked.first()) {
            let g = self.e_local(*l, span);
            let first_out = match index {
                Some(s) => {
                    let first = crate::check::domain::value_at(&self.types.list, *s, 0)
                        .unwrap_or(Value::Int(0));
                    let first = lit(first, *s, span);
                    self.e_bin(BinOp::NotIn, first, g)
                }
                None => Self::e_not(g),
            };
            body.push(Self::s_require(first_out));
        }
        body.push(self.s_assign(split, Vec::new(), Self::e_bool(true, span), span));
        for ((_, side, index), l) in ends.iter().zip(&marked) {
            let g = self.e_local(*l, span);
            let value = match index {
                Some(s) => {
                    let k = self.scope.fresh("id", *s, LocalKind::Bound);
                    let key = self.e_local(k, span);
                    let member = self.e_bin(BinOp::In, key, g);
                    let ty = self.var_types[side.index()];
                    mk(ExprKind::MapLit(k, Box::new(member)), ty, span)
                }
                None => g,
            };
            body.push(self.s_assign(*side, Vec::new(), value, span));
        }
        self.generated(
            "partition",
            params,
            body,
            Fairness::None,
            Origin::Partition,
            span,
        )
    }

    /// The partition heals: every message held back can be delivered again.
    fn heal_action(&mut self) -> ir::ActionDef {
        let part = self.dist.partition.as_ref().expect("partition");
        let (split, span) = (part.split, part.span);
        self.scope = Default::default();
        self.mode = crate::check::Mode::Body(None);
        let sides: Vec<(VarId, Option<ir::TypeId>)> = self
            .dist
            .processes
            .iter()
            .filter_map(|p| Some((p.side?, p.index)))
            .collect();
        let apart = self.e_var(split, span);
        let mut body = vec![
            Self::s_require(apart),
            self.s_assign(split, Vec::new(), Self::e_bool(false, span), span),
        ];
        for (side, index) in sides {
            let ty = self.var_types[side.index()];
            let value = lit(self.filled(index, Value::Bool(false)), ty, span);
            body.push(self.s_assign(side, Vec::new(), value, span));
        }
        self.generated("heal", Vec::new(), body, Fairness::None, Origin::Heal, span)
    }

    /// Time advances one tick, up to the last instant; no clock may fall
    /// more than the drift behind (it ticks first). Weakly fair: time
    /// always passes.
    fn tick_action(&mut self) -> ir::ActionDef {
        let time = self.dist.time.as_ref().expect("time");
        let (now, hi, drift, span) = (time.now, time.hi, time.drift, time.span);
        self.scope = Default::default();
        self.mode = crate::check::Mode::Body(None);
        let clocks: Vec<(VarId, Option<ir::TypeId>)> = self
            .dist
            .processes
            .iter()
            .filter_map(|p| Some((p.offset?, p.index)))
            .collect();
        let t = self.e_var(now, span);
        let mut body = vec![Self::s_require(self.e_bin(
            BinOp::Lt,
            t.clone(),
            Self::e_int(hi, span),
        ))];
        for (off, index) in &clocks {
            let behind =
                |c: &mut Self, e: ir::Expr| c.e_bin(BinOp::Gt, e, Self::e_int(-drift, span));
            let ok = match index {
                Some(s) => {
                    let k = self.scope.fresh("id", *s, LocalKind::Bound);
                    let key = self.e_local(k, span);
                    let read = self.e_at(*off, &[Some(key)], span);
                    let test = behind(self, read);
                    let set = self.types.set_of(*s);
                    let binding = Binding {
                        pattern: ir::Pattern {
                            kind: PatternKind::Bind(k),
                            alias: None,
                            span,
                        },
                        domain: mk(ExprKind::AllOf(*s), set, span),
                    };
                    mk(
                        ExprKind::Quant(ast::Quant::Forall, vec![binding], Box::new(test)),
                        BOOL,
                        span,
                    )
                }
                None => {
                    let read = self.e_var(*off, span);
                    behind(self, read)
                }
            };
            body.push(Self::s_require(ok));
        }
        let later = self.e_bin(BinOp::Add, t, Self::e_int(1, span));
        body.push(self.s_assign(now, Vec::new(), later, span));
        for (off, index) in clocks {
            // The clocks stay put while `now` moves: each offset drops by one.
            let value = match index {
                Some(s) => {
                    let k = self.scope.fresh("id", s, LocalKind::Bound);
                    let key = self.e_local(k, span);
                    let read = self.e_at(off, &[Some(key)], span);
                    let less = self.e_bin(BinOp::Sub, read, Self::e_int(1, span));
                    let ty = self.var_types[off.index()];
                    mk(ExprKind::MapLit(k, Box::new(less)), ty, span)
                }
                None => {
                    let read = self.e_var(off, span);
                    self.e_bin(BinOp::Sub, read, Self::e_int(1, span))
                }
            };
            body.push(self.s_assign(off, Vec::new(), value, span));
        }
        self.generated("tick", Vec::new(), body, Fairness::Weak, Origin::Tick, span)
    }

    /// One instance's clock advances a tick, at most the drift ahead of
    /// `now`. Weakly fair, like time.
    fn clock_tick_action(&mut self, pid: ProcessId) -> ir::ActionDef {
        let off = self.dist.processes[pid.index()].offset.expect("a clock");
        let (drift, span) = self
            .dist
            .time
            .as_ref()
            .map_or((0, Span::default()), |t| (t.drift, t.span));
        let (params, key) = self.instance_params(pid, span);
        let keys = [key];
        let read = self.e_at(off, &keys, span);
        let room = self.e_bin(BinOp::Lt, read.clone(), Self::e_int(drift, span));
        let more = self.e_bin(BinOp::Add, read, Self::e_int(1, span));
        let body = vec![
            Self::s_require(room),
            self.s_assign(off, Self::steps(&keys), more, span),
        ];
        self.generated(
            "clock tick",
            params,
            body,
            Fairness::Weak,
            Origin::ClockTick(pid),
            span,
        )
    }

    /// `terminal`: at the last instant, with nothing else to do, time is up
    /// and the behaviour ends there — not a deadlock.
    pub(in crate::check) fn time_is_up(&mut self) -> Option<ir::PropertyDef> {
        let time = self.dist.time.as_ref()?;
        let (now, hi, span) = (time.now, time.hi, time.span);
        let t = self.e_var(now, span);
        let body = self.e_bin(BinOp::Eq, t, Self::e_int(hi, span));
        Some(ir::PropertyDef {
            kind: ast::PropertyKind::Terminal,
            name: "time is up".into(),
            frame: Default::default(),
            body,
            span,
        })
    }

    /// Put the guards of its process in front of every action of one: not
    /// crashed, and (for the spec's own actions) not in a pause.
    pub(in crate::check) fn guard_process_actions(&self, actions: &mut [ir::ActionDef]) {
        for a in actions.iter_mut() {
            let (pid, own) = match a.origin {
                Origin::Spec(Some(pid)) => (pid, true),
                Origin::Resume(pid) => (pid, false),
                _ => continue,
            };
            let proc = &self.dist.processes[pid.index()];
            let span = a.span;
            let key = proc.index.map(|s| mk(ExprKind::Local(LocalId(0)), s, span));
            let keys = [key.clone()];
            let mut guards = Vec::new();
            if let Some(c) = proc.crashed {
                let down = self.e_at(c, &keys, span);
                guards.push(Self::s_require(Self::e_not(down)));
            }
            if own {
                for &c in &proc.conts {
                    let paused = self.e_at(c, &keys, span);
                    let none = self.none_of(c, key.is_some(), span);
                    let idle = mk(
                        ExprKind::Bin(BinOp::Eq, Box::new(paused), Box::new(none)),
                        BOOL,
                        span,
                    );
                    guards.push(Self::s_require(idle));
                }
            }
            guards.append(&mut a.body);
            a.body = guards;
        }
    }

    /// The fairness of a process's action: its own, or the process's.
    pub(in crate::check) fn process_fairness(
        &self,
        ctx: Option<ProcessCtx>,
        own: Fairness,
    ) -> Fairness {
        match (own, ctx) {
            (Fairness::None, Some(c)) => self.dist.processes[c.process.index()].decl.fairness,
            _ => own,
        }
    }
}
