//! Symmetry: which `symmetric` sets of model values a checked spec really
//! treats alike, and renaming values by a permutation of them.
//!
//! A set's values are interchangeable when no part of the spec singles one
//! out. Two things can: a literal that a renaming changes (`r1`, `{r1,
//! r2}` of three, a constant computed from them; `RM` itself and the
//! majority quorums of `RM` are unchanged by every renaming), and a `for`
//! over them whose effect depends on the order it visits them in (it
//! stores the loop's value somewhere no key of that value separates, as in
//! `log = append(log, r)` or `last = r`, or reads what the loop writes, as
//! in `full = seen == RM` after `seen += {r}`), and a `pick` among them (it takes
//! the least). Comparisons cannot: the language orders integers only. For each symmetric set, [`groups`] gives the first
//! such place, if any; a set with one is not reduced.
//!
//! Input: a checked spec. Output: a [`Group`] per symmetric enum type and
//! [`rename`], the action of a permutation on values (the reference the
//! packed renaming in `compile::symmetry` is tested against).

use crate::check::domain;
use crate::check::ir::{
    Binding, Expr, ExprKind, LocalId, Pattern, PatternKind, Place, PlaceStep, Spec, Stmt, StmtKind,
    Type, TypeId, walk,
};
use crate::source::Span;
use crate::value::Value;

/// One `symmetric` set of model values.
#[derive(Clone, Debug)]
pub struct Group {
    /// Its enum type.
    pub ty: TypeId,
    /// The set's name.
    pub name: String,
    /// How many values it has.
    pub size: usize,
    /// The first place that singles a value out (no reduction then).
    pub breach: Option<Breach>,
}

/// A place where the spec tells values of a symmetric set apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Breach {
    /// Where.
    pub span: Span,
    /// How.
    pub kind: BreachKind,
}

/// How a spec tells symmetric values apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BreachKind {
    /// A value that some renaming changes (`r1`, or a constant made of
    /// some of the values).
    Literal,
    /// A `for` over the set whose effect depends on the visiting order.
    OrderedLoop,
    /// A `pick` over the set: it takes the least value, which a renaming
    /// changes.
    Pick,
    /// A `fold` over the set whose result depends on the order it visits
    /// the values in (value order, which a renaming changes): any step
    /// but `acc + e`, `acc union e` and the like.
    OrderedFold,
}

/// A permutation of each symmetric set's values: `by_type[t][i]` is the
/// new index of atom `i` of enum type `t` (`None`: not renamed).
#[derive(Clone, Debug, Default)]
pub struct Renaming {
    /// Per type id.
    pub by_type: Vec<Option<Vec<u32>>>,
}

impl Renaming {
    /// The identity on every type but `ty`, which is permuted by `perm`.
    pub fn of(types: usize, ty: TypeId, perm: Vec<u32>) -> Renaming {
        let mut by_type = vec![None; types];
        by_type[ty.index()] = Some(perm);
        Renaming { by_type }
    }

    fn atom(&self, ty: TypeId, a: u32) -> u32 {
        match self.by_type.get(ty.index()) {
            Some(Some(perm)) => perm.get(a as usize).copied().unwrap_or(a),
            _ => a,
        }
    }
}

/// Whether values of `ty` can hold an atom of `sym`.
pub fn contains(types: &[Type], ty: TypeId, sym: TypeId) -> bool {
    fn go(types: &[Type], ty: TypeId, sym: TypeId, depth: u32) -> bool {
        if ty == sym {
            return true;
        }
        if depth > 64 {
            return false;
        }
        let d = depth + 1;
        match &types[ty.index()] {
            Type::Bool | Type::Int | Type::Range { .. } | Type::Enum { .. } => false,
            Type::Record { fields } => fields.iter().any(|f| go(types, f.ty, sym, d)),
            Type::Union { variants, .. } => variants
                .iter()
                .any(|v| v.fields.iter().any(|f| go(types, f.ty, sym, d))),
            Type::Option(t) | Type::Set(t) | Type::Seq(t, _) => go(types, *t, sym, d),
            Type::Map(k, v) => go(types, *k, sym, d) || go(types, *v, sym, d),
        }
    }
    go(types, ty, sym, 0)
}

/// `value` (of type `ty`) with every atom renamed.
pub fn rename(types: &[Type], ty: TypeId, value: &Value, r: &Renaming) -> Value {
    match (&types[ty.index()], value) {
        (Type::Enum { .. }, Value::Atom(a)) => Value::Atom(r.atom(ty, *a)),
        (Type::Record { fields }, Value::Record(items)) => Value::Record(
            fields
                .iter()
                .zip(items.iter())
                .map(|(f, v)| rename(types, f.ty, v, r))
                .collect(),
        ),
        (Type::Union { variants, .. }, Value::Variant(tag, items)) => {
            let fields = &variants[*tag as usize].fields;
            Value::Variant(
                *tag,
                fields
                    .iter()
                    .zip(items.iter())
                    .map(|(f, v)| rename(types, f.ty, v, r))
                    .collect(),
            )
        }
        (Type::Option(t), Value::Some(v)) => Value::Some(rename(types, *t, v, r).into()),
        (Type::Set(t), Value::Set(items)) => {
            Value::set_from(items.iter().map(|v| rename(types, *t, v, r)).collect())
        }
        (Type::Seq(t, _), Value::Seq(items)) => {
            Value::Seq(items.iter().map(|v| rename(types, *t, v, r)).collect())
        }
        (Type::Map(k, t), Value::Map(items)) => {
            let mut out = items.to_vec();
            for (i, v) in items.iter().enumerate() {
                let key = domain::value_at(types, *k, i as u64);
                let to = key
                    .map(|key| rename(types, *k, &key, r))
                    .and_then(|key| domain::index_of(types, *k, &key));
                if let Some(to) = to {
                    out[to as usize] = rename(types, *t, v, r);
                }
            }
            Value::Map(out.into())
        }
        _ => value.clone(),
    }
}

/// The symmetric sets of `spec`, in type order, each with its first breach.
pub fn groups(spec: &Spec) -> Vec<Group> {
    spec.types
        .iter()
        .enumerate()
        .filter_map(|(i, t)| match t {
            Type::Enum {
                name,
                atoms,
                symmetric: true,
            } if atoms.len() > 1 => {
                let ty = TypeId(i as u32);
                let mut scan = Scan {
                    spec,
                    sym: ty,
                    generators: generators(spec.types.len(), ty, atoms.len()),
                    breach: None,
                };
                scan.spec();
                Some(Group {
                    ty,
                    name: name.clone(),
                    size: atoms.len(),
                    breach: scan.breach,
                })
            }
            _ => None,
        })
        .collect()
}

/// A swap of the first two values and a rotation of all: together they
/// generate every permutation, so a value both leave alone every one does.
fn generators(types: usize, ty: TypeId, n: usize) -> [Renaming; 2] {
    let mut swap: Vec<u32> = (0..n as u32).collect();
    swap.swap(0, 1);
    let rotate: Vec<u32> = (0..n as u32).map(|i| (i + 1) % n as u32).collect();
    [
        Renaming::of(types, ty, swap),
        Renaming::of(types, ty, rotate),
    ]
}

/// The walk over a spec for one symmetric set.
struct Scan<'a> {
    spec: &'a Spec,
    sym: TypeId,
    generators: [Renaming; 2],
    breach: Option<Breach>,
}

impl Scan<'_> {
    fn spec(&mut self) {
        let spec = self.spec;
        for var in &spec.vars {
            if let Some((_, e)) = &var.init {
                self.expr(e);
            }
        }
        if let Some(init) = &spec.init {
            self.stmts(&init.stmts);
        }
        for f in &spec.fns {
            self.expr(&f.body);
        }
        for a in &spec.actions {
            for b in &a.params {
                self.binding(b);
            }
            self.stmts(&a.body);
        }
        for p in &spec.properties {
            self.expr(&p.body);
        }
    }

    fn found(&mut self, span: Span, kind: BreachKind) {
        if self
            .breach
            .as_ref()
            .is_none_or(|b| span.start < b.span.start)
        {
            self.breach = Some(Breach { span, kind });
        }
    }

    /// Whether a literal of type `ty` is changed by some renaming.
    fn singles_out(&self, ty: TypeId, value: &Value) -> bool {
        let types = &self.spec.types;
        contains(types, ty, self.sym)
            && self
                .generators
                .iter()
                .any(|g| rename(types, ty, value, g) != *value)
    }

    fn literal(&mut self, ty: TypeId, value: &Value, span: Span) {
        if self.singles_out(ty, value) {
            self.found(span, BreachKind::Literal);
        }
    }

    fn expr(&mut self, e: &Expr) {
        walk(e, &mut |x| match &x.kind {
            ExprKind::Lit(v) => self.literal(x.ty, v, x.span),
            ExprKind::Quant(_, bs, _) | ExprKind::SetMap { bindings: bs, .. } => bs
                .iter()
                .for_each(|b| self.pattern(&b.pattern, b.domain.ty)),
            ExprKind::SetFilter(b, _) => self.pattern(&b.pattern, b.domain.ty),
            ExprKind::Match(inner, p) => self.pattern_of(p, inner.ty),
            ExprKind::Pick(b, _) => {
                self.pattern(&b.pattern, b.domain.ty);
                if contains(&self.spec.types, b.domain.ty, self.sym) {
                    self.found(x.span, BreachKind::Pick);
                }
            }
            ExprKind::SeqMap { binding: b, .. } => self.pattern(&b.pattern, b.domain.ty),
            ExprKind::Fold {
                acc, binding, body, ..
            } => {
                let b = binding;
                self.pattern(&b.pattern, b.domain.ty);
                let over_set = matches!(self.spec.types[b.domain.ty.index()], Type::Set(_));
                if over_set
                    && contains(&self.spec.types, b.domain.ty, self.sym)
                    && !commutes(*acc, body)
                {
                    self.found(x.span, BreachKind::OrderedFold);
                }
            }
            _ => {}
        });
    }

    fn binding(&mut self, b: &Binding) {
        self.expr(&b.domain);
        self.pattern(&b.pattern, b.domain.ty);
    }

    /// The literals inside a pattern over elements of the set type `set`.
    fn pattern(&mut self, p: &Pattern, set: TypeId) {
        let elem = match &self.spec.types[set.index()] {
            Type::Set(t) | Type::Seq(t, _) => *t,
            _ => set,
        };
        self.pattern_of(p, elem);
    }

    fn pattern_of(&mut self, p: &Pattern, ty: TypeId) {
        match (&p.kind, &self.spec.types[ty.index()]) {
            (PatternKind::Literal(v), _) => self.literal(ty, v, p.span),
            (PatternKind::Some(inner), Type::Option(t)) => self.pattern_of(inner, *t),
            (PatternKind::Variant { tag, fields }, Type::Union { variants, .. }) => {
                let defs = &variants[*tag as usize].fields;
                for (i, sub) in fields {
                    self.pattern_of(sub, defs[*i as usize].ty);
                }
            }
            _ => {}
        }
    }

    fn stmts(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Require(e) | StmtKind::Assert(e, _) | StmtKind::Let(_, e) => self.expr(e),
            StmtKind::Assign(place, e) => {
                self.place(place);
                self.expr(e);
            }
            StmtKind::If(c, a, b) => {
                self.expr(c);
                self.stmts(a);
                self.stmts(b);
            }
            StmtKind::Choose(b, body) => {
                self.binding(b);
                self.stmts(body);
            }
            StmtKind::Either(blocks) => blocks.iter().for_each(|b| self.stmts(b)),
            StmtKind::For(b, body) => {
                self.binding(b);
                self.stmts(body);
                if contains(&self.spec.types, b.domain.ty, self.sym)
                    && let Some(span) = order_dependent(b, body)
                {
                    self.found(span, BreachKind::OrderedLoop);
                }
            }
        }
    }

    fn place(&mut self, place: &Place) {
        for step in &place.path {
            if let PlaceStep::Index(e) = step {
                self.expr(e);
            }
        }
    }
}

/// The first statement in a `for` body whose effect depends on the order
/// the loop visits its elements in:
/// - an assignment that stores something computed from the loop's locals
///   (or from anything bound inside the body) into a place that no such
///   local indexes, other than by adding to a set or an integer;
/// - any statement that reads what the loop writes, other than at the
///   entry the loop's local indexes (or the place an addition adds to):
///   it sees which elements came before.
fn order_dependent(b: &Binding, body: &[Stmt]) -> Option<Span> {
    let mut bound = Vec::new();
    bound.extend(crate::check::ir::pattern_locals(&b.pattern));
    let mut written = Vec::new();
    writes(body, &mut written);
    first_ordered(body, &mut bound, &written)
}

/// The variables a body assigns to.
fn writes(body: &[Stmt], out: &mut Vec<crate::check::ir::VarId>) {
    for s in body {
        match &s.kind {
            StmtKind::Assign(place, _) => out.push(place.var),
            StmtKind::If(_, a, b) => {
                writes(a, out);
                writes(b, out);
            }
            StmtKind::Choose(_, body) | StmtKind::For(_, body) => writes(body, out),
            StmtKind::Either(blocks) => blocks.iter().for_each(|b| writes(b, out)),
            StmtKind::Let(..) | StmtKind::Require(_) | StmtKind::Assert(..) => {}
        }
    }
}

/// Whether `e` reads a variable of `written` other than at an entry one
/// of `bound` indexes.
fn sees_order(e: &Expr, written: &[crate::check::ir::VarId], bound: &[LocalId]) -> bool {
    // The variables read at an entry the loop's element keys.
    let mut keyed: Vec<*const Expr> = Vec::new();
    walk(e, &mut |x| {
        if let ExprKind::Index(base, k) = &x.kind
            && mentions(k, bound)
        {
            let mut root = &**base;
            while let ExprKind::Index(b, _) | ExprKind::Field(b, _) = &root.kind {
                root = b;
            }
            keyed.push(root as *const Expr);
        }
    });
    let mut found = false;
    walk(e, &mut |x| {
        if let ExprKind::Var(v) = x.kind {
            found |= written.contains(&v) && !keyed.contains(&(x as *const Expr));
        }
    });
    found
}

fn first_ordered(
    body: &[Stmt],
    bound: &mut Vec<LocalId>,
    written: &[crate::check::ir::VarId],
) -> Option<Span> {
    for s in body {
        let found = match &s.kind {
            StmtKind::Let(l, e) => {
                bound.push(*l);
                sees_order(e, written, bound).then_some(s.span)
            }
            StmtKind::Assign(place, e) => {
                let keyed = place
                    .path
                    .iter()
                    .any(|p| matches!(p, PlaceStep::Index(k) if mentions(k, bound)));
                let sees = match added(place, e) {
                    Some(operand) => sees_order(operand, written, bound),
                    None => sees_order(e, written, bound),
                } || place
                    .path
                    .iter()
                    .any(|p| matches!(p, PlaceStep::Index(k) if sees_order(k, written, bound)));
                (sees || (!keyed && mentions(e, bound) && !accumulates(place, e))).then_some(s.span)
            }
            StmtKind::If(c, a, b) => {
                if sees_order(c, written, bound) {
                    Some(s.span)
                } else {
                    first_ordered(a, bound, written).or_else(|| first_ordered(b, bound, written))
                }
            }
            StmtKind::Choose(b, body) | StmtKind::For(b, body) => {
                bound.extend(crate::check::ir::pattern_locals(&b.pattern));
                if sees_order(&b.domain, written, bound) {
                    Some(s.span)
                } else {
                    first_ordered(body, bound, written)
                }
            }
            StmtKind::Either(blocks) => {
                blocks.iter().find_map(|b| first_ordered(b, bound, written))
            }
            StmtKind::Require(e) | StmtKind::Assert(e, _) => {
                sees_order(e, written, bound).then_some(s.span)
            }
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// In `place = place union X` (and the like, see [`accumulates`]): `X`.
fn added<'e>(place: &Place, e: &'e Expr) -> Option<&'e Expr> {
    use crate::check::ir::BinOp;
    match &e.kind {
        ExprKind::Bin(BinOp::Union | BinOp::Add, x, y) if reads(x, place) => Some(y),
        ExprKind::Bin(BinOp::Union | BinOp::Add, x, y) if reads(y, place) => Some(x),
        ExprKind::Bin(BinOp::Diff | BinOp::Sub, x, y) if reads(x, place) => Some(y),
        _ => None,
    }
}

/// `place = place union X`, `place = place - X` or `place = place + n`:
/// the same result in any order.
fn accumulates(place: &Place, e: &Expr) -> bool {
    use crate::check::ir::BinOp;
    match &e.kind {
        ExprKind::Bin(BinOp::Union | BinOp::Add, x, y) => reads(x, place) || reads(y, place),
        ExprKind::Bin(BinOp::Diff | BinOp::Sub, x, _) => reads(x, place),
        _ => false,
    }
}

/// Whether `e` reads exactly `place` (a variable with constant steps, or
/// the same index expressions written the same way).
fn reads(e: &Expr, place: &Place) -> bool {
    let mut at = e;
    for step in place.path.iter().rev() {
        match (&at.kind, step) {
            (ExprKind::Field(x, i), PlaceStep::Field(j)) if i == j => at = x,
            (ExprKind::Index(x, k), PlaceStep::Index(j)) if k.span == j.span || same(k, j) => {
                at = x
            }
            _ => return false,
        }
    }
    matches!(at.kind, ExprKind::Var(v) if v == place.var)
}

/// Whether a fold's step is `acc op e` (or `e op acc`) for an operator
/// that is commutative and associative, `e` not reading `acc`: then the
/// result is the same in any order (a `sum` is such a fold).
fn commutes(acc: LocalId, body: &Expr) -> bool {
    use crate::check::ir::BinOp;
    let ExprKind::Bin(
        BinOp::Add | BinOp::Mul | BinOp::Union | BinOp::Intersect | BinOp::And | BinOp::Or,
        x,
        y,
    ) = &body.kind
    else {
        return false;
    };
    let is_acc = |e: &Expr| matches!(e.kind, ExprKind::Local(l) if l == acc);
    (is_acc(x) && !mentions(y, &[acc])) || (is_acc(y) && !mentions(x, &[acc]))
}

fn same(a: &Expr, b: &Expr) -> bool {
    match (&a.kind, &b.kind) {
        (ExprKind::Local(x), ExprKind::Local(y)) => x == y,
        (ExprKind::Var(x), ExprKind::Var(y)) => x == y,
        (ExprKind::Lit(x), ExprKind::Lit(y)) => x == y,
        _ => false,
    }
}

fn mentions(e: &Expr, locals: &[LocalId]) -> bool {
    let mut found = false;
    walk(e, &mut |x| {
        if let ExprKind::Local(l) = x.kind {
            found |= locals.contains(&l);
        }
    });
    found
}
