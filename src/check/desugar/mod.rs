//! Processes, channels, faults, partitions and time, turned into the core:
//! plain state variables, plain actions, plain statements. Nothing after
//! `check` knows these constructs exist, except reports, which read the
//! [`ir::ProcessDef`]s, [`ir::ChannelDef`]s, [`ir::Origin`]s and
//! [`ir::VarRole`]s to tell the trace as a story.
//!
//! What each construct becomes (`S` is a process kind's id type, `self` its
//! instance; a kind without `[id in S]` has one instance and drops the keys):
//!
//! | written | core |
//! |---|---|
//! | `process P[p in S] { var v: T = e }` | `var P.v: S -> T = [p in S: e]` |
//! | `v`, `self` in an action of `P` | `P.v[self]`, the action's first parameter |
//! | `q.v` (q of type `S`) | `P.v[q]` |
//! | an action `A(...)` of `P` | `A(self: S, ...)` with the guards below |
//! | `(crash)` | `P.crashed: S -> bool`; every action requires `not crashed`; a crash action |
//! | `(restart)` | a restart action resetting the non-`durable` variables |
//! | `channel c: M from A to B` | `c: B -> A -> set<M>` (bag: `M -> 0..N`, ordered: `seq<M, N>`), receiver first |
//! | `send m to d` (in `A`) | `c[d][self] += {m}` (or a count, or an append), blocked when full |
//! | `m from q in c` (in `B`) | parameters `q: A`, `m in c[self][q]`; the body first takes `m` out |
//! | `lossy` | a drop action; `at most K` counts drops |
//! | `partition` | a side per instance and a flag; a receive across the cut is held back |
//! | `time lo..hi (drift d)` | `now: lo..hi`, a tick action; clocks as offsets `-d..d` |
//! | `timer t`, `start t after k` | `P.t: S -> -1..H`, a deadline on the process's clock (-1: stopped) |
//! | `pause` | the rest of the action becomes a resume action; the locals it needs are kept |
//!
//! The work is split by construct: `declare` (this file: kinds, variables),
//! `names` (name resolution inside processes), `channels` (send and receive),
//! `system` (the actions a construct stands for, and guards), `timers`,
//! `pause`, and `build` (typed IR constructors).

mod build;
mod channels;
mod error;
mod names;
mod pause;
mod system;
mod timers;

pub use error::DistErrorKind;
pub(super) use names::ProcessCtx;
pub(super) use pause::Split;
pub(super) use timers::BUILTINS;

use super::CheckErrorKind as K;
use super::Checker;
use super::types::{BOOL, ERR};
use crate::check::domain;
use crate::check::ir::{self, ChannelId, Delivery, Frame, ProcessId, Type, TypeId, VarId, VarRole};
use crate::source::Span;
use crate::syntax::ast;
use crate::value::Value;

/// The most instances a kind of process may have (as many as map keys).
const MAX_INSTANCES: u64 = 65_536;

/// What desugaring knows, filled in by [`Checker::declare_dist`] and used
/// while checking bodies.
#[derive(Default)]
pub(super) struct Dist<'a> {
    pub(super) processes: Vec<Proc<'a>>,
    pub(super) channels: Vec<Chan<'a>>,
    pub(super) time: Option<Time>,
    pub(super) partition: Option<Part>,
    /// Variables made by desugaring, after the spec's own (`VarId` =
    /// `first_var + index`).
    pub(super) vars: Vec<NewVar>,
    pub(super) first_var: usize,
}

/// A kind of process.
pub(super) struct Proc<'a> {
    pub(super) decl: &'a ast::ProcessDecl,
    /// The id type (`None`: one instance).
    pub(super) index: Option<TypeId>,
    /// Its variables, in declaration order.
    pub(super) vars: Vec<PVar<'a>>,
    /// `crash`: the crashed flags, and the budget counter with its bound.
    pub(super) crashed: Option<VarId>,
    pub(super) crash_budget: Option<(VarId, i64)>,
    pub(super) restart: bool,
    /// `pause`: allowed, and the budget counter with its bound.
    pub(super) pausable: bool,
    pub(super) pause_budget: Option<(VarId, i64)>,
    /// One continuation variable per pausing action.
    pub(super) conts: Vec<VarId>,
    /// The clock's offset from `now` (made when first used, with drift).
    pub(super) offset: Option<VarId>,
    /// Timers: name, deadline variable.
    pub(super) timers: Vec<(String, VarId)>,
    /// Which side of a partition each instance is on.
    pub(super) side: Option<VarId>,
}

/// A process's variable.
#[derive(Clone, Copy)]
pub(super) struct PVar<'a> {
    pub(super) decl: &'a ast::ProcessVar,
    pub(super) var: VarId,
}

impl PVar<'_> {
    pub(super) fn name(&self) -> &str {
        &self.decl.decl.name.name
    }
}

/// A channel.
pub(super) struct Chan<'a> {
    pub(super) decl: &'a ast::ChannelDecl,
    pub(super) msg: TypeId,
    pub(super) link: Option<(ProcessId, ProcessId)>,
    pub(super) delivery: Delivery,
    pub(super) capacity: Option<i64>,
    /// `lossy`, with its budget.
    pub(super) lossy: Option<Option<i64>>,
    /// `duplicating`, with its budget.
    pub(super) duplicating: Option<Option<i64>>,
    /// The messages in flight.
    pub(super) var: VarId,
    /// What one link holds: `set<M>`, `M -> 0..N` or `seq<M, N>`.
    pub(super) link_ty: TypeId,
    /// Budget counters.
    pub(super) lost: Option<VarId>,
    pub(super) duplicated: Option<VarId>,
}

/// `time lo..hi (drift d)`.
pub(super) struct Time {
    pub(super) hi: i64,
    pub(super) drift: i64,
    pub(super) now: VarId,
    pub(super) span: Span,
}

/// `partition at most K`.
pub(super) struct Part {
    pub(super) split: VarId,
    pub(super) budget: Option<(VarId, i64)>,
    pub(super) span: Span,
}

/// A variable made by desugaring.
pub(super) struct NewVar {
    pub(super) name: String,
    pub(super) init: Option<(Frame, ir::Expr)>,
    pub(super) role: VarRole,
    pub(super) span: Span,
}

impl<'a> Checker<'a> {
    /// Resolve the kinds of process, channels, time and partitions, and make
    /// their variables. Runs after the spec's own types are resolved and
    /// before any body is checked.
    pub(super) fn declare_dist(&mut self) {
        self.dist.first_var = self.var_types.len();
        self.declare_time();
        let decls = self.decls.processes.clone();
        for decl in decls {
            self.declare_process(decl);
        }
        let chans = self.decls.channels.clone();
        for decl in chans {
            self.declare_channel(decl);
        }
        self.declare_partition();
    }

    fn declare_time(&mut self) {
        let decls = self.decls.times.clone();
        let Some(decl) = decls.first() else {
            return;
        };
        for extra in &decls[1..] {
            self.dist_error(extra.span, DistErrorKind::DeclaredTwice { what: "time" });
        }
        let (Some(lo), Some(hi)) = (self.const_int(&decl.lo), self.const_int(&decl.hi)) else {
            return;
        };
        if lo < 0 {
            let kind = DistErrorKind::BadBound {
                what: "a first instant",
                value: lo,
                least: 0,
            };
            self.dist_error(decl.lo.span, kind);
            return;
        }
        if hi < lo {
            let kind = DistErrorKind::BadBound {
                what: "a last instant",
                value: hi,
                least: lo,
            };
            self.dist_error(decl.hi.span, kind);
            return;
        }
        let drift = match &decl.drift {
            Some(e) => match self.const_int(e) {
                Some(d) if d >= 0 => d,
                Some(d) => {
                    let kind = DistErrorKind::BadBound {
                        what: "a drift",
                        value: d,
                        least: 0,
                    };
                    self.dist_error(e.span, kind);
                    return;
                }
                None => return,
            },
            None => 0,
        };
        let ty = self.types.intern(Type::Range { lo, hi });
        let init = self.lit_init(Value::Int(lo), ty, decl.span);
        let now = self.new_var("now".into(), ty, Some(init), VarRole::Plain, decl.span);
        match self.globals.get("now") {
            Some(_) => {
                let span = self
                    .decls
                    .vars
                    .iter()
                    .find(|v| v.name.name == "now")
                    .map_or(decl.span, |v| v.name.span);
                self.error(
                    span,
                    K::Duplicate {
                        name: "now".into(),
                        previous: "the time (`time` declares `now`)",
                    },
                );
            }
            None => {
                self.globals
                    .insert("now".into(), super::names::Global::Var(now));
            }
        }
        self.dist.time = Some(Time {
            hi,
            drift,
            now,
            span: decl.span,
        });
    }

    fn declare_process(&mut self, decl: &'a ast::ProcessDecl) {
        let pid = ProcessId(self.dist.processes.len() as u32);
        let index = decl.index.as_ref().map(|ix| {
            let t = self.resolve_type(&ix.ty, None, false);
            let ok = t == ERR
                || (self.size_of(t).is_some_and(|n| n <= MAX_INSTANCES)
                    && matches!(
                        self.types.get(t),
                        Some(Type::Bool | Type::Range { .. } | Type::Enum { .. })
                    ));
            if !ok {
                let ty = self.types.name(t);
                self.dist_error(ix.ty.span, DistErrorKind::BadIndex { ty });
                return ERR;
            }
            t
        });
        let mut proc = Proc {
            decl,
            index,
            vars: Vec::new(),
            crashed: None,
            crash_budget: None,
            restart: false,
            pausable: false,
            pause_budget: None,
            conts: Vec::new(),
            offset: None,
            timers: Vec::new(),
            side: None,
        };
        self.process_options(&mut proc, pid);
        for pv in &decl.vars {
            let v = &pv.decl;
            if v.init.is_none() {
                let kind = DistErrorKind::ProcessVarInit {
                    name: v.name.name.clone(),
                };
                self.dist_error(v.name.span, kind);
            }
            if pv.durable && !proc.restart {
                let kind = DistErrorKind::DurableWithoutRestart {
                    var: v.name.name.clone(),
                };
                self.dist_error(v.span, kind);
            }
            if proc.vars.iter().any(|pv| pv.name() == v.name.name) {
                self.error(
                    v.name.span,
                    K::Duplicate {
                        name: v.name.name.clone(),
                        previous: "variable of this process",
                    },
                );
                continue;
            }
            let t = self.resolve_type(&v.ty, None, false);
            let ty = self.keyed_type(index, t);
            let var = self.new_var(v.name.name.clone(), ty, None, VarRole::Process(pid), v.span);
            proc.vars.push(PVar { decl: pv, var });
        }
        for t in &decl.timers {
            self.declare_timer(&mut proc, pid, t);
        }
        self.check_shared_names(&proc);
        self.dist.processes.push(proc);
    }

    /// `(crash at most K, restart, pause at most K)`.
    fn process_options(&mut self, proc: &mut Proc<'a>, pid: ProcessId) {
        let decl = proc.decl;
        let mut seen: Vec<(&'static str, Span)> = Vec::new();
        for opt in &decl.options {
            let (word, span) = match opt {
                ast::ProcessOption::Crash { span, .. } => ("crash", *span),
                ast::ProcessOption::Restart { span } => ("restart", *span),
                ast::ProcessOption::Pause { span, .. } => ("pause", *span),
            };
            if seen.iter().any(|(w, _)| *w == word) {
                let kind = DistErrorKind::ConflictingOption {
                    option: word.into(),
                    with: word.into(),
                };
                self.dist_error(span, kind);
                continue;
            }
            seen.push((word, span));
            match opt {
                ast::ProcessOption::Crash { budget, span } => {
                    let t = self.types.intern(Type::Bool);
                    let ty = self.keyed_type(proc.index, t);
                    let init = self.filled_init(proc.index, Value::Bool(false), ty, *span);
                    proc.crashed = Some(self.new_var(
                        "crashed".into(),
                        ty,
                        Some(init),
                        VarRole::Crashed(pid),
                        *span,
                    ));
                    proc.crash_budget = self.budget_var(budget.as_ref(), "crashes", *span);
                }
                ast::ProcessOption::Restart { .. } => proc.restart = true,
                ast::ProcessOption::Pause { budget, span } => {
                    proc.pausable = true;
                    proc.pause_budget = self.budget_var(budget.as_ref(), "pauses", *span);
                }
            }
        }
        if proc.restart && proc.crashed.is_none() {
            let span = seen
                .iter()
                .find(|(w, _)| *w == "restart")
                .map_or(decl.span, |(_, s)| *s);
            self.dist_error(span, DistErrorKind::RestartWithoutCrash);
            proc.restart = false;
        }
    }

    /// Two kinds numbered by the same type cannot share a variable name:
    /// `q.v` would not say which.
    fn check_shared_names(&mut self, proc: &Proc<'a>) {
        let Some(index) = proc.index else {
            return;
        };
        let clashes: Vec<(String, Span)> = self
            .dist
            .processes
            .iter()
            .filter(|other| other.index == Some(index) && index != ERR)
            .flat_map(|other| {
                proc.decl.vars.iter().filter_map(|pv| {
                    let name = &pv.decl.name.name;
                    other
                        .vars
                        .iter()
                        .any(|v| v.name() == name)
                        .then(|| (name.clone(), pv.decl.name.span))
                })
            })
            .collect();
        for (name, span) in clashes {
            self.error(
                span,
                K::Duplicate {
                    name,
                    previous: "variable of another process with the same ids",
                },
            );
        }
    }

    /// `at most K` as a counter variable `0..K`, with K.
    fn budget_var(
        &mut self,
        budget: Option<&ast::Expr>,
        name: &str,
        span: Span,
    ) -> Option<(VarId, i64)> {
        let e = budget?;
        let k = self.const_int(e)?;
        if k < 0 {
            let kind = DistErrorKind::BadBound {
                what: "a budget",
                value: k,
                least: 0,
            };
            self.dist_error(e.span, kind);
            return None;
        }
        let ty = self.types.intern(Type::Range { lo: 0, hi: k });
        let init = self.lit_init(Value::Int(0), ty, span);
        let var = self.new_var(name.into(), ty, Some(init), VarRole::Budget, span);
        Some((var, k))
    }

    fn declare_channel(&mut self, decl: &'a ast::ChannelDecl) {
        use ast::ChannelOptionKind as O;
        let cid = ChannelId(self.dist.channels.len() as u32);
        let msg = self.resolve_type(&decl.msg, None, false);
        let link = decl.link.as_ref().and_then(|(from, to)| {
            let a = self.process_named(from)?;
            let b = self.process_named(to)?;
            Some((a, b))
        });
        let mut capacity = None;
        let mut lossy = None;
        let mut duplicating = None;
        let mut seen: Vec<&ast::ChannelOption> = Vec::new();
        for opt in &decl.options {
            let word = option_word(&opt.kind);
            // `ordered` excludes `unordered`, `bag` and `set`; `bag` excludes `set`.
            let clash = seen.iter().find(|p| {
                let w = option_word(&p.kind);
                w == word
                    || matches!(
                        (w, word),
                        ("ordered", "unordered" | "bag" | "set")
                            | ("unordered" | "bag" | "set", "ordered")
                            | ("bag", "set")
                            | ("set", "bag")
                    )
            });
            if let Some(prev) = clash {
                let kind = DistErrorKind::ConflictingOption {
                    option: word.into(),
                    with: option_word(&prev.kind).into(),
                };
                self.dist_error(opt.span, kind);
                continue;
            }
            seen.push(opt);
            match &opt.kind {
                O::Lossy(b) => {
                    lossy = Some(
                        b.as_ref()
                            .and_then(|e| self.const_at_least(e, "a budget", 0)),
                    );
                }
                O::Duplicating(b) => {
                    duplicating = Some(
                        b.as_ref()
                            .and_then(|e| self.const_at_least(e, "a budget", 0)),
                    );
                }
                O::Capacity(e) => capacity = self.const_at_least(e, "a capacity", 1),
                O::Ordered | O::Unordered | O::Bag | O::Set => {}
            }
        }
        let has = |k: fn(&O) -> bool| seen.iter().any(|o| k(&o.kind));
        let delivery = if has(|k| matches!(k, O::Ordered)) {
            Delivery::Ordered
        } else if has(|k| matches!(k, O::Bag)) {
            Delivery::Bag
        } else {
            Delivery::Set
        };
        if capacity.is_none() && delivery != Delivery::Set {
            let what = if delivery == Delivery::Ordered {
                "an ordered channel"
            } else {
                "a bag channel"
            };
            self.dist_error(decl.name.span, DistErrorKind::NeedsCapacity { what });
        }
        let cap = capacity.unwrap_or(1);
        let link_ty = match delivery {
            Delivery::Set => self.set_type_of(msg, &decl.msg),
            Delivery::Bag => {
                let count = self.types.intern(Type::Range { lo: 0, hi: cap });
                if self.set_type_of(msg, &decl.msg) == ERR {
                    ERR
                } else {
                    self.types.intern(Type::Map(msg, count))
                }
            }
            Delivery::Ordered => self.types.intern(Type::Seq(msg, cap.min(64) as u32)),
        };
        if delivery == Delivery::Ordered && cap > 64 {
            let kind = DistErrorKind::BadBound {
                what: "an ordered channel's capacity",
                value: cap,
                least: 1,
            };
            self.dist_error(decl.span, kind);
        }
        let (src, dst) = match link {
            Some((a, b)) => (self.index_of(a), self.index_of(b)),
            None => (None, None),
        };
        let per_dst = self.keyed_type(src, link_ty);
        let ty = self.keyed_type(dst, per_dst);
        let empty = match delivery {
            Delivery::Set => Value::empty_set(),
            Delivery::Bag => {
                let n = self.size_of(msg).unwrap_or(0) as usize;
                Value::Map(vec![Value::Int(0); n].into())
            }
            Delivery::Ordered => Value::Seq(Vec::new().into()),
        };
        let empty = self.filled(src, empty);
        let empty = self.filled(dst, empty);
        let init = self.lit_init(empty, ty, decl.span);
        let var = self.new_var(
            decl.name.name.clone(),
            ty,
            Some(init),
            VarRole::Channel(cid),
            decl.span,
        );
        let counter = |c: &mut Self, b: Option<Option<i64>>, name: &str| -> Option<VarId> {
            let k = b.flatten()?;
            let ty = c.types.intern(Type::Range { lo: 0, hi: k });
            let init = c.lit_init(Value::Int(0), ty, decl.span);
            Some(c.new_var(
                format!("{} {name}", decl.name.name),
                ty,
                Some(init),
                VarRole::Budget,
                decl.span,
            ))
        };
        let lost = counter(self, lossy, "drops");
        let duplicated = counter(self, duplicating, "duplicates");
        self.dist.channels.push(Chan {
            decl,
            msg,
            link,
            delivery,
            capacity,
            lossy,
            duplicating,
            var,
            link_ty,
            lost,
            duplicated,
        });
    }

    /// `set<msg>`, or an error when `msg` has too many values to be a set's
    /// element (the same limit as for written set types).
    fn set_type_of(&mut self, msg: TypeId, written: &ast::TypeExpr) -> TypeId {
        let fits = msg == ERR || self.size_of(msg).is_some_and(|n| n <= MAX_INSTANCES);
        if !fits {
            let elem = self.types.name(msg);
            self.error(written.span, K::SetTooLarge { elem });
            return ERR;
        }
        self.types.set_of(msg)
    }

    fn declare_partition(&mut self) {
        let decls = self.decls.partitions.clone();
        let Some(decl) = decls.first() else {
            return;
        };
        for extra in &decls[1..] {
            self.dist_error(
                extra.span,
                DistErrorKind::DeclaredTwice { what: "partition" },
            );
        }
        let mut ends: Vec<ProcessId> = Vec::new();
        for c in &self.dist.channels {
            if let Some((a, b)) = c.link {
                ends.extend([a, b]);
            }
        }
        ends.sort();
        ends.dedup();
        if ends.is_empty() {
            if !self.decls.channels.is_empty() || self.errors.is_empty() {
                self.dist_error(decl.span, DistErrorKind::PartitionWithoutLinks);
            }
            return;
        }
        let split = {
            let init = self.lit_init(Value::Bool(false), BOOL, decl.span);
            self.new_var(
                "partitioned".into(),
                BOOL,
                Some(init),
                VarRole::Partitioned,
                decl.span,
            )
        };
        for pid in ends {
            let index = self.dist.processes[pid.index()].index;
            let ty = self.keyed_type(index, BOOL);
            let init = self.filled_init(index, Value::Bool(false), ty, decl.span);
            let side = self.new_var("side".into(), ty, Some(init), VarRole::Side(pid), decl.span);
            self.dist.processes[pid.index()].side = Some(side);
        }
        let budget = self.budget_var(decl.budget.as_ref(), "partitions", decl.span);
        self.dist.partition = Some(Part {
            split,
            budget,
            span: decl.span,
        });
    }

    /// The process kind a name in a declaration refers to.
    fn process_named(&mut self, name: &ast::Ident) -> Option<ProcessId> {
        let found = self
            .decls
            .processes
            .iter()
            .position(|p| p.name.name == name.name);
        if found.is_none() {
            let names = self.decls.processes.iter().map(|p| p.name.name.as_str());
            let suggestion = super::names::suggest(&name.name, names);
            let kind = DistErrorKind::UnknownProcess {
                name: name.name.clone(),
                suggestion,
            };
            self.dist_error(name.span, kind);
        }
        found.map(|i| ProcessId(i as u32))
    }

    /// A constant integer of at least `least`.
    fn const_at_least(&mut self, e: &ast::Expr, what: &'static str, least: i64) -> Option<i64> {
        let k = self.const_int(e)?;
        if k < least {
            let kind = DistErrorKind::BadBound {
                what,
                value: k,
                least,
            };
            self.dist_error(e.span, kind);
            return None;
        }
        Some(k)
    }

    /// The id type of a process kind.
    pub(super) fn index_of(&self, pid: ProcessId) -> Option<TypeId> {
        self.dist.processes[pid.index()].index
    }

    /// `S -> ty` for a kind with ids, `ty` for a single instance.
    pub(super) fn keyed_type(&mut self, index: Option<TypeId>, ty: TypeId) -> TypeId {
        match index {
            Some(s) => self.types.intern(Type::Map(s, ty)),
            None => ty,
        }
    }

    /// How many values `ty` has; none for the error type, which an
    /// earlier diagnostic stands for, so that desugaring goes on safely.
    pub(super) fn size_of(&self, ty: TypeId) -> Option<u64> {
        (ty != ERR)
            .then(|| domain::size(&self.types.list, ty))
            .flatten()
    }

    /// `v` for every instance: a map of `v`s, or `v` itself for one.
    pub(super) fn filled(&self, index: Option<TypeId>, v: Value) -> Value {
        match index {
            Some(s) => {
                let n = self.size_of(s).unwrap_or(0) as usize;
                Value::Map(vec![v; n].into())
            }
            None => v,
        }
    }

    fn filled_init(
        &self,
        index: Option<TypeId>,
        v: Value,
        ty: TypeId,
        span: Span,
    ) -> (Frame, ir::Expr) {
        self.lit_init(self.filled(index, v), ty, span)
    }

    fn lit_init(&self, v: Value, ty: TypeId, span: Span) -> (Frame, ir::Expr) {
        (Frame::default(), super::expr::lit(v, ty, span))
    }

    /// A new state variable after the spec's own.
    pub(super) fn new_var(
        &mut self,
        name: String,
        ty: TypeId,
        init: Option<(Frame, ir::Expr)>,
        role: VarRole,
        span: Span,
    ) -> VarId {
        let id = VarId(self.var_types.len() as u32);
        self.var_types.push(ty);
        self.dist.vars.push(NewVar {
            name,
            init,
            role,
            span,
        });
        id
    }

    /// Record an error of this module.
    pub(super) fn dist_error(&mut self, span: Span, kind: DistErrorKind) {
        self.error(span, K::Dist(kind));
    }

    /// The initial values of the processes' variables, each checked with
    /// `self` (and the id's own name) bound to the key.
    pub(super) fn check_process_inits(&mut self) {
        for p in 0..self.dist.processes.len() {
            let proc = &self.dist.processes[p];
            let index = proc.index;
            for PVar { decl: pv, var } in proc.vars.clone() {
                let Some(e) = &pv.decl.init else {
                    continue;
                };
                self.begin_process_frame(ProcessId(p as u32), None);
                let ty = self.var_types[var.index()];
                let value_ty = match (index, self.types.get(ty)) {
                    (Some(_), Some(Type::Map(_, v))) => *v,
                    _ => ty,
                };
                let x = match (index, self.in_process.and_then(|c| c.self_local)) {
                    (Some(_), Some(key)) => {
                        let body = self.check_expr(e, value_ty);
                        super::expr::mk(ir::ExprKind::MapLit(key, Box::new(body)), ty, e.span)
                    }
                    _ => self.check_expr(e, value_ty),
                };
                let frame = self.end_process_frame();
                self.dist.vars[var.index() - self.dist.first_var].init = Some((frame, x));
            }
        }
    }

    /// The variables desugaring made, as IR, in `VarId` order.
    pub(super) fn dist_var_defs(&mut self) -> Vec<ir::VarDef> {
        let first = self.dist.first_var;
        std::mem::take(&mut self.dist.vars)
            .into_iter()
            .enumerate()
            .map(|(i, v)| ir::VarDef {
                name: v.name,
                ty: self.var_types[first + i],
                init: v.init,
                role: v.role,
                span: v.span,
            })
            .collect()
    }

    /// The processes, channels and time, as IR, for reports.
    pub(super) fn dist_defs(
        &self,
    ) -> (
        Vec<ir::ProcessDef>,
        Vec<ir::ChannelDef>,
        Option<ir::TimeDef>,
    ) {
        let processes = self
            .dist
            .processes
            .iter()
            .map(|p| ir::ProcessDef {
                name: p.decl.name.name.clone(),
                index: p.index,
                span: p.decl.span,
            })
            .collect();
        let channels = self
            .dist
            .channels
            .iter()
            .map(|c| ir::ChannelDef {
                name: c.decl.name.name.clone(),
                var: c.var,
                msg: c.msg,
                link: c.link,
                order: c.delivery,
                duplicating: c.duplicating.is_some(),
                span: c.decl.span,
            })
            .collect();
        let time = self.dist.time.as_ref().map(|t| ir::TimeDef {
            now: t.now,
            hi: t.hi,
        });
        (processes, channels, time)
    }
}

/// The word an option is written with, for messages.
fn option_word(kind: &ast::ChannelOptionKind) -> &'static str {
    use ast::ChannelOptionKind as O;
    match kind {
        O::Ordered => "ordered",
        O::Unordered => "unordered",
        O::Lossy(_) => "lossy",
        O::Duplicating(_) => "duplicating",
        O::Bag => "bag",
        O::Set => "set",
        O::Capacity(_) => "capacity",
    }
}
