//! `reduce interleavings`: which steps may interfere, for partial-order
//! reduction.
//!
//! An action's *units* are its instances grouped by the values of its
//! *fixed* parameters: those, in order, whose domain is known before the
//! run (a process's instance, a peer named by a constant set), while the
//! number of units stays small. The other parameters (a message received,
//! a value chosen from the state) range freely within a unit.
//!
//! A unit's *footprint* is the places of the state it may read and write:
//! a variable and a path into it, each key a value when it is computed
//! from constants and fixed parameters, *any* otherwise. Helper functions
//! read their variables whole. Then:
//! - two units are *dependent* when one may write a place the other
//!   reads or writes (a unit is dependent on itself);
//! - a unit *may enable* another when it may write a place the other
//!   reads (its guards among them);
//! - a unit is *visible* when it may write a place an invariant or a
//!   `reachable` reads.
//!
//! A constraint gates every step (a state outside it is not expanded), so
//! its places count as read by every unit.
//!
//! Sends and receives are not plain reads and writes of their channel's
//! variable but puts and takes on a link, related by how the channel
//! keeps its messages ([`links`]).

mod links;

use super::Checker;
use super::error::CheckErrorKind;
use super::ir::{
    self, ActionDef, ActionId, Expr, ExprKind, FnId, PlaceStep, PropertyDef, PropertyKind, Stmt,
    StmtKind, VarId,
};
use crate::source::Span;
use crate::value::Value;
use links::{Interplay, Link, Op};

/// At most this many units in all (the relations are bit matrices).
const MAX_UNITS: usize = 1024;

/// What partial-order reduction needs of a spec (see the module header).
#[derive(Clone, Debug)]
pub struct Interleavings {
    /// The `reduce interleavings` declaration.
    pub span: Span,
    /// Per action: the indices of its fixed parameters.
    pub fixed: Vec<Vec<usize>>,
    /// Every unit, by action, then by its fixed values in enumeration order.
    pub units: Vec<Unit>,
    /// `dependent.has(u, v)`: with `u` enabled in a stubborn set, `v`
    /// must join it (see [`Relation::has`]).
    pub dependent: Relation,
    /// `enablers.has(u, v)`: unit `v` may enable unit `u`.
    pub enablers: Relation,
    /// `fillers.has(u, v)`: unit `v` may enable unit `u` only by putting
    /// on an empty queue that `u` takes from at every step (so not while
    /// a unit of `queue_mates` of `u` is enabled, which takes its head).
    pub fillers: Relation,
    /// `queue_mates.has(u, v)`: `u` and `v` take from one queue at every
    /// step.
    pub queue_mates: Relation,
    /// The units that may change what a property reads, one bit each.
    pub visible: Vec<u64>,
}

impl Interleavings {
    /// Whether unit `u` may change what a property reads.
    pub fn is_visible(&self, u: usize) -> bool {
        self.visible[u / 64] >> (u % 64) & 1 == 1
    }
}

/// The instances of an action with these values of its fixed parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The action.
    pub action: ActionId,
    /// The fixed parameters' values, in parameter order.
    pub values: Vec<Value>,
}

/// A relation over units: a bit matrix, one row per unit.
#[derive(Clone, Debug)]
pub struct Relation {
    words: usize,
    bits: Vec<u64>,
}

impl Relation {
    fn new(n: usize) -> Relation {
        let words = n.div_ceil(64).max(1);
        Relation {
            words,
            bits: vec![0; n * words],
        }
    }

    fn set(&mut self, a: usize, b: usize) {
        self.bits[a * self.words + b / 64] |= 1 << (b % 64);
    }

    /// Words per row.
    pub fn words(&self) -> usize {
        self.words
    }

    /// Unit `a`'s row: bit `b` set when `(a, b)` is in the relation.
    pub fn row(&self, a: usize) -> &[u64] {
        &self.bits[a * self.words..(a + 1) * self.words]
    }

    /// Whether `(a, b)` is in the relation.
    /// With `dependent`, an enabled unit `a` in a stubborn set needs `b`
    /// in it too: a step of `a` and one of `b` may not commute, one may
    /// disable the other, or `b` may enable a step of `a`. It need not be
    /// symmetric (a take from a queue does not need the puts on it).
    pub fn has(&self, a: usize, b: usize) -> bool {
        self.row(a)[b / 64] >> (b % 64) & 1 == 1
    }
}

/// One step of a place's path.
#[derive(Clone, Debug, PartialEq)]
enum Key {
    /// This key or index.
    Is(Value),
    /// This record field.
    Field(u32),
    /// Some key not known before the run.
    Any,
}

/// A place of the state: a variable and a path into it.
#[derive(Clone, Debug)]
struct Loc {
    var: VarId,
    path: Vec<Key>,
}

impl Loc {
    /// Whether the two places may share a part: the same variable, and
    /// paths that agree as far as both go.
    fn overlaps(&self, other: &Loc) -> bool {
        self.var == other.var
            && self.path.iter().zip(&other.path).all(|pair| match pair {
                (Key::Any, _) | (_, Key::Any) => true,
                (a, b) => a == b,
            })
    }
}

/// What a unit may read and write.
#[derive(Clone, Debug, Default)]
struct Footprint {
    reads: Vec<Loc>,
    writes: Vec<Loc>,
    /// Puts and takes, each at the link (its keys only).
    ops: Vec<(Loc, Op)>,
}

impl Footprint {
    fn op_places(&self) -> impl Iterator<Item = &Loc> {
        self.ops.iter().map(|(l, _)| l)
    }

    /// What two units' footprints require of a stubborn set, `a` this
    /// one and `b` the other. A put or take counts as a read and a write
    /// of its link against a plain place.
    fn interplay(&self, other: &Footprint, links: &[Option<Link>]) -> Interplay {
        let meets = |xs: &[Loc], ys: &Footprint| {
            any_overlap(xs, &ys.reads)
                || any_overlap(xs, &ys.writes)
                || xs.iter().any(|x| ys.op_places().any(|y| x.overlaps(y)))
        };
        let ops_read = |x: &Footprint, reads: &[Loc]| {
            x.op_places().any(|l| reads.iter().any(|r| r.overlaps(l)))
        };
        // `x` may enable `y`: it writes what `y` reads, or a link `y` uses,
        // or its put or take changes what `y` reads of a channel.
        let enables = |x: &Footprint, y: &Footprint| {
            any_overlap(&x.writes, &y.reads)
                || x.writes
                    .iter()
                    .any(|w| y.op_places().any(|l| w.overlaps(l)))
                || ops_read(x, &y.reads)
        };
        let (a_enables_b, b_enables_a) = (enables(self, other), enables(other, self));
        let plain = a_enables_b
            || b_enables_a
            || meets(&self.writes, other)
            || meets(&other.writes, self)
            || ops_read(self, &other.writes);
        let mut out = Interplay {
            a_needs_b: plain,
            b_needs_a: plain,
            b_enables_a,
            a_enables_b,
            ..Interplay::default()
        };
        for (la, oa) in &self.ops {
            for (lb, ob) in &other.ops {
                if !la.overlaps(lb) {
                    continue;
                }
                let Some(link) = link_of(links, la.var) else {
                    continue;
                };
                out = out.or(Interplay::of(link, *oa, *ob));
            }
        }
        out
    }

    /// Whether both units take from one queue at every step.
    fn same_queue(&self, other: &Footprint, links: &[Option<Link>]) -> bool {
        self.ops.iter().any(|(la, oa)| {
            other.ops.iter().any(|(lb, ob)| {
                la.overlaps(lb)
                    && link_of(links, la.var).is_some_and(|l| links::same_queue(l, *oa, *ob))
            })
        })
    }
}

/// The channel variable `var` holds, if its operations are puts and
/// takes.
fn link_of(links: &[Option<Link>], var: VarId) -> Option<Link> {
    links.get(var.index()).copied().flatten()
}

fn any_overlap(a: &[Loc], b: &[Loc]) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.overlaps(y)))
}

impl Checker<'_> {
    /// The `reduce interleavings` declaration, if any (a second one is an
    /// error).
    pub(super) fn reduce_decl(&mut self) -> Option<Span> {
        let reduces = self.decls.reduces.clone();
        for &second in reduces.iter().skip(1) {
            self.error(second, CheckErrorKind::ReduceTwice);
        }
        reduces.first().copied()
    }

    /// The units and their relations, for a spec that declares `reduce
    /// interleavings` at `span`.
    pub(super) fn interleavings(
        &self,
        span: Span,
        actions: &[ActionDef],
        properties: &[PropertyDef],
        fns: &[ir::FnDef],
    ) -> Interleavings {
        let fn_vars = FnVars::new(fns);
        let links = self.links();
        let limit = (MAX_UNITS / actions.len().max(1)).max(1);
        let mut fixed = Vec::new();
        let mut units = Vec::new();
        let mut prints = Vec::new();
        for (i, action) in actions.iter().enumerate() {
            let (params, combos) = self.unit_values(action, limit);
            for values in combos {
                let mut scan = Scan::new(self, &fn_vars, &links, action.frame.locals.len());
                for (&p, v) in params.iter().zip(&values) {
                    if let ir::PatternKind::Bind(l) = action.params[p].pattern.kind {
                        scan.env[l.index()] = Some(v.clone());
                    }
                }
                for (i, b) in action.params.iter().enumerate() {
                    let taken = action.receives.iter().find(|r| r.message == i);
                    let var = taken.map(|r| self.dist.channels[r.channel.index()].var);
                    match var.filter(|&v| link_of(&links, v).is_some()) {
                        // A receive's messages: a take from the link.
                        Some(_) => {
                            let tag = links::pattern_tag(&b.pattern.kind);
                            if let Some(alias) = b.pattern.alias {
                                scan.tags[alias.index()] = tag;
                            }
                            let op = Op {
                                put: false,
                                tag,
                                exact: true,
                                always: true,
                            };
                            scan.read_in(&b.domain, Some(op));
                        }
                        None => scan.read(&b.domain),
                    }
                }
                scan.stmts(&action.body);
                prints.push(scan.out);
                units.push(Unit {
                    action: ActionId(i as u32),
                    values,
                });
            }
            fixed.push(params);
        }
        let mut visible_places = Vec::new();
        let mut gates = Vec::new();
        for p in properties {
            let mut scan = Scan::new(self, &fn_vars, &links, p.frame.locals.len());
            scan.read(&p.body);
            match p.kind {
                PropertyKind::Constraint => gates.extend(scan.out.reads),
                PropertyKind::Invariant | PropertyKind::Reachable => {
                    visible_places.extend(scan.out.reads)
                }
                // A `terminal` is read in deadlocked states only, which
                // the reduction reaches themselves (no step is enabled
                // there to postpone).
                // An `Initial` property is read in initial states only,
                // which the reduction keeps every one of.
                PropertyKind::Terminal | PropertyKind::Transition | PropertyKind::Initial => {}
            }
        }
        for print in &mut prints {
            print.reads.extend(gates.iter().cloned());
        }
        let n = units.len();
        let mut dependent = Relation::new(n);
        let mut enablers = Relation::new(n);
        let mut fillers = Relation::new(n);
        let mut queue_mates = Relation::new(n);
        for a in 0..n {
            dependent.set(a, a);
            for b in a + 1..n {
                let pair = prints[a].interplay(&prints[b], &links);
                if pair.a_enables_b {
                    enablers.set(b, a);
                } else if pair.a_fills_b {
                    fillers.set(b, a);
                }
                if pair.b_enables_a {
                    enablers.set(a, b);
                } else if pair.b_fills_a {
                    fillers.set(a, b);
                }
                if prints[a].same_queue(&prints[b], &links) {
                    queue_mates.set(a, b);
                    queue_mates.set(b, a);
                }
                if pair.a_needs_b {
                    dependent.set(a, b);
                }
                if pair.b_needs_a {
                    dependent.set(b, a);
                }
            }
        }
        let mut visible = vec![0u64; n.div_ceil(64).max(1)];
        for (u, p) in prints.iter().enumerate() {
            if any_overlap(&p.writes, &visible_places)
                || p.op_places()
                    .any(|l| visible_places.iter().any(|v| v.overlaps(l)))
            {
                visible[u / 64] |= 1 << (u % 64);
            }
        }
        Interleavings {
            span,
            fixed,
            units,
            dependent,
            enablers,
            fillers,
            queue_mates,
            visible,
        }
    }

    /// By variable: the channel whose messages it holds, when its sends
    /// and receives are puts and takes (not for a `duplicating` one).
    fn links(&self) -> Vec<Option<Link>> {
        let len = self.dist.channels.iter().map(|c| c.var.index() + 1).max();
        let mut out = vec![None; len.unwrap_or(0)];
        for c in &self.dist.channels {
            if c.duplicating.is_some() {
                continue;
            }
            let depth = match c.link {
                Some((a, b)) => {
                    usize::from(self.index_of(a).is_some())
                        + usize::from(self.index_of(b).is_some())
                }
                None => 0,
            };
            out[c.var.index()] = Some(Link {
                delivery: c.delivery,
                bounded: c.capacity.is_some(),
                depth,
            });
        }
        out
    }

    /// An action's fixed parameters and every combination of their values
    /// (at most `limit`; fewer parameters are fixed when there would be
    /// more).
    fn unit_values(&self, action: &ActionDef, limit: usize) -> (Vec<usize>, Vec<Vec<Value>>) {
        let mut fixed: Vec<usize> = (0..action.params.len())
            .filter(|&p| {
                let b = &action.params[p];
                matches!(b.pattern.kind, ir::PatternKind::Bind(_)) && b.pattern.alias.is_none()
            })
            .collect();
        loop {
            let mut env = vec![None; action.frame.locals.len()];
            let mut combos = Vec::new();
            let mut current = Vec::new();
            if self.combine(action, &fixed, &mut env, &mut current, &mut combos, limit) {
                return (fixed, combos);
            }
            fixed.pop();
        }
    }

    /// Extend `current` with the values of `fixed[current.len()..]`;
    /// false when a domain is not known before the run or there are more
    /// than `limit` combinations.
    fn combine(
        &self,
        action: &ActionDef,
        fixed: &[usize],
        env: &mut Vec<Option<Value>>,
        current: &mut Vec<Value>,
        out: &mut Vec<Vec<Value>>,
        limit: usize,
    ) -> bool {
        let Some(&p) = fixed.get(current.len()) else {
            out.push(current.clone());
            return out.len() <= limit;
        };
        let binding = &action.params[p];
        let ir::PatternKind::Bind(l) = binding.pattern.kind else {
            return false;
        };
        // A whole type larger than the budget is not built to find out.
        if let ExprKind::AllOf(t) = binding.domain.kind
            && super::domain::size(&self.types.list, t).is_none_or(|n| n > limit as u64)
        {
            return false;
        }
        let Some(Value::Set(items)) = self.known(&binding.domain, env) else {
            return false;
        };
        for item in items.iter() {
            env[l.index()] = Some(item.clone());
            current.push(item.clone());
            let ok = self.combine(action, fixed, env, current, out, limit);
            current.pop();
            if !ok {
                return false;
            }
        }
        env[l.index()] = None;
        true
    }

    /// The value of `e` if it is known before the run, given the locals
    /// known in `env`.
    pub(super) fn known(&self, e: &Expr, env: &[Option<Value>]) -> Option<Value> {
        let mut locals_known = true;
        let mut state_free = true;
        ir::walk(e, &mut |x| match &x.kind {
            ExprKind::Local(l) => locals_known &= env.get(l.index()).is_some_and(Option::is_some),
            ExprKind::Var(_) | ExprKind::Call(..) | ExprKind::Next(_) | ExprKind::StepIs(_) => {
                state_free = false
            }
            _ => {}
        });
        if !(locals_known && state_free) {
            return None;
        }
        let mut locals: Vec<Value> = env
            .iter()
            .map(|v| v.clone().unwrap_or(Value::Bool(false)))
            .collect();
        self.eval_in(e, &mut locals).ok()
    }
}

/// Per helper function: the variables its body reads, through the
/// functions it calls.
pub struct FnVars {
    vars: Vec<Vec<VarId>>,
}

impl FnVars {
    /// The variables each of `fns` reads.
    pub fn new(fns: &[ir::FnDef]) -> FnVars {
        let mut known: Vec<Option<Vec<VarId>>> = vec![None; fns.len()];
        for f in 0..fns.len() {
            Self::of(fns, FnId(f as u32), &mut known);
        }
        FnVars {
            vars: known.into_iter().map(Option::unwrap_or_default).collect(),
        }
    }

    fn of(fns: &[ir::FnDef], f: FnId, known: &mut [Option<Vec<VarId>>]) -> Vec<VarId> {
        if let Some(vars) = &known[f.index()] {
            return vars.clone();
        }
        // Functions do not recurse (the checker refuses cycles).
        known[f.index()] = Some(Vec::new());
        let mut vars = Vec::new();
        let mut calls = Vec::new();
        ir::walk(&fns[f.index()].body, &mut |x| match &x.kind {
            ExprKind::Var(v) => vars.push(*v),
            ExprKind::Call(g, _) => calls.push(*g),
            _ => {}
        });
        for g in calls {
            vars.extend(Self::of(fns, g, known));
        }
        vars.sort_by_key(|v| v.index());
        vars.dedup();
        known[f.index()] = Some(vars.clone());
        vars
    }

    /// The variables `f` reads, in order.
    pub fn of_fn(&self, f: FnId) -> &[VarId] {
        &self.vars[f.index()]
    }
}

/// One step of a place written in an expression or an assignment.
enum Step<'e> {
    Index(&'e Expr),
    Field(u32),
}

/// `v[k].f...`: the variable and the steps into it.
fn chain(e: &Expr) -> Option<(VarId, Vec<Step<'_>>)> {
    match &e.kind {
        ExprKind::Var(v) => Some((*v, Vec::new())),
        ExprKind::Index(base, k) => {
            let (v, mut steps) = chain(base)?;
            steps.push(Step::Index(k));
            Some((v, steps))
        }
        ExprKind::Field(base, f) => {
            let (v, mut steps) = chain(base)?;
            steps.push(Step::Field(*f));
            Some((v, steps))
        }
        _ => None,
    }
}

/// Collects one unit's (or property's) footprint.
struct Scan<'c, 'a> {
    checker: &'c Checker<'a>,
    fn_vars: &'c FnVars,
    links: &'c [Option<Link>],
    /// By local: its value when known before the run.
    env: Vec<Option<Value>>,
    /// By local: the tag of the message it holds, when known.
    tags: Vec<Option<u32>>,
    /// How many `if`, `either`, `choose` and `for` blocks the scan is in.
    nested: usize,
    out: Footprint,
}

impl<'c, 'a> Scan<'c, 'a> {
    fn new(
        checker: &'c Checker<'a>,
        fn_vars: &'c FnVars,
        links: &'c [Option<Link>],
        locals: usize,
    ) -> Self {
        Scan {
            checker,
            fn_vars,
            links,
            env: vec![None; locals],
            tags: vec![None; locals],
            nested: 0,
            out: Footprint::default(),
        }
    }

    /// A put or take, at the link `path` leads into.
    fn op_at(&mut self, var: VarId, path: Vec<Key>, link: Link, mut op: Op) {
        let mut path = path;
        path.truncate(link.depth);
        op.exact = path.iter().all(|k| matches!(k, Key::Is(_)));
        self.out.ops.push((Loc { var, path }, op));
    }

    /// The tag of a message expression, through the locals that hold one.
    fn tag(&self, e: &Expr) -> Option<u32> {
        match e.kind {
            ExprKind::Local(l) => self.tags[l.index()],
            _ => links::expr_tag(e),
        }
    }

    /// An assignment that puts on or takes from a link: the link, and
    /// the operation (its tag from the message it names).
    fn link_assign(&self, s: &Stmt) -> Option<(Link, Op)> {
        let StmtKind::Assign(place, value) = &s.kind else {
            return None;
        };
        let link = link_of(self.links, place.var)?;
        let put = links::assigned_op(link.delivery, value)?;
        let message = match (&value.kind, place.path.last()) {
            (ExprKind::Bin(_, _, one), _) if link.delivery == ir::Delivery::Set => {
                match &one.kind {
                    ExprKind::SetLit(xs) => xs.first(),
                    _ => None,
                }
            }
            (_, Some(PlaceStep::Index(k))) if link.delivery == ir::Delivery::Bag => Some(k),
            (ExprKind::Builtin(_, args), _) => args.get(1),
            _ => None,
        };
        let tag = message.and_then(|m| self.tag(m));
        Some((
            link,
            Op {
                put,
                tag,
                exact: true,
                always: self.nested == 0,
            },
        ))
    }

    fn key(&self, step: &Step<'_>) -> Key {
        match step {
            Step::Field(f) => Key::Field(*f),
            Step::Index(k) => self.checker.known(k, &self.env).map_or(Key::Any, Key::Is),
        }
    }

    /// Record the places `e` reads: each chain `v[k].f` as one place (its
    /// keys read too), any other variable whole.
    fn read(&mut self, e: &Expr) {
        self.read_in(e, None)
    }

    /// As [`Scan::read`]; with `op`, `e` is part of that put or take, and
    /// what it reads of a channel's links is the operation.
    fn read_in(&mut self, e: &Expr, op: Option<Op>) {
        let mut inner: Vec<*const Expr> = Vec::new();
        ir::walk(e, &mut |x| {
            if let ExprKind::Index(base, _) | ExprKind::Field(base, _) = &x.kind
                && chain(x).is_some()
            {
                inner.push(&**base as *const Expr);
            }
        });
        let mut reads = Vec::new();
        let mut calls = Vec::new();
        ir::walk(e, &mut |x| {
            if inner.contains(&(x as *const Expr)) {
                return;
            }
            if let ExprKind::Call(f, _) = &x.kind {
                calls.push(*f);
            }
            if let Some((var, steps)) = chain(x) {
                let path = steps.iter().map(|s| self.key(s)).collect();
                reads.push(Loc { var, path });
            }
        });
        for loc in reads {
            match (op, link_of(self.links, loc.var)) {
                (Some(op), Some(link)) => self.op_at(loc.var, loc.path, link, op),
                _ => self.out.reads.push(loc),
            }
        }
        for f in calls {
            for &var in self.fn_vars.of_fn(f) {
                self.out.reads.push(Loc {
                    var,
                    path: Vec::new(),
                });
            }
        }
    }

    fn stmts(&mut self, body: &[Stmt]) {
        for (i, s) in body.iter().enumerate() {
            // A send's room check, read as part of its put.
            if let StmtKind::Require(e) = &s.kind
                && let Some((_, op)) = body.get(i + 1).and_then(|next| self.link_assign(next))
                && op.put
            {
                self.read_in(e, Some(op));
                continue;
            }
            self.stmt(s);
        }
    }

    /// Run `f` on a copy of the known locals, then restore them.
    fn branch(&mut self, f: impl FnOnce(&mut Self)) {
        let saved = self.env.clone();
        self.nested += 1;
        f(self);
        self.nested -= 1;
        self.env = saved;
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Require(e) | StmtKind::Assert(e, _) => self.read(e),
            StmtKind::Let(l, e) => {
                self.read(e);
                self.env[l.index()] = self.checker.known(e, &self.env);
                self.tags[l.index()] = self.tag(e);
            }
            StmtKind::Assign(place, e) => {
                if let Some((link, op)) = self.link_assign(s) {
                    self.read_in(e, Some(op));
                    let mut path = Vec::new();
                    for step in &place.path {
                        if let PlaceStep::Index(k) = step {
                            self.read(k);
                        }
                        path.push(match step {
                            PlaceStep::Index(k) => self.key(&Step::Index(k)),
                            PlaceStep::Field(f) => Key::Field(*f),
                        });
                    }
                    self.op_at(place.var, path, link, op);
                    return;
                }
                self.read(e);
                let mut path = Vec::new();
                for step in &place.path {
                    match step {
                        PlaceStep::Index(k) => {
                            self.read(k);
                            path.push(self.key(&Step::Index(k)));
                        }
                        PlaceStep::Field(f) => path.push(Key::Field(*f)),
                    }
                }
                self.out.writes.push(Loc {
                    var: place.var,
                    path,
                });
            }
            StmtKind::If(c, then, other) => {
                self.read(c);
                self.branch(|s| s.stmts(then));
                self.branch(|s| s.stmts(other));
            }
            StmtKind::Either(blocks) => {
                for block in blocks {
                    self.branch(|s| s.stmts(block));
                }
            }
            StmtKind::Choose(b, body) | StmtKind::For(b, body) => {
                self.read(&b.domain);
                self.branch(|s| {
                    for l in ir::pattern_locals(&b.pattern) {
                        s.env[l.index()] = None;
                    }
                    s.stmts(body);
                });
            }
        }
    }
}
