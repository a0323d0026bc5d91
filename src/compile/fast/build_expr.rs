//! Compiling expressions: `bool` → [`BoolExpr`] here (with comparisons
//! and union fields); `int`, `code` and `wide` in `build_value.rs`.
//! Closed expressions (no variable, local or call) are evaluated once here
//! by the reference interpreter and become constants (`|Acceptor|`,
//! `subsets(Acceptor)`, `RM`). Quantifiers are in `build_quant.rs`, built
//! values and sets in `build_set.rs`.

use crate::check::ir::{BinOp, Binding, Builtin, Expr, ExprKind, PatternKind, Type, TypeId};
use crate::compile::eval::Env;
use crate::compile::fast::build::{Builder, Built, constant_index, local_plus, shifted};
use crate::compile::fast::build_quant::walk;
use crate::compile::fast::hoist;
use crate::compile::fast::info::Class;
use crate::compile::fast::node::*;
use crate::value::Value;
use crate::value::ops::Comparison;

/// Why a history check (and so the action or property that makes it)
/// runs on the reference interpreter: its search over orders of the
/// operations works on values, not packed codes (`compile/history.rs`).
pub const HISTORY_FALLBACK: &str = "a history check (`linearizable`, `sequentially_consistent`): its search runs on the reference interpreter";

/// Why a `refines` check is not on the fast path: it maps the state into
/// the abstract spec's values and runs that spec's actions, on the
/// reference interpreter (`compile/refinement.rs`).
pub const REFINEMENT_FALLBACK: &str = "a refinement check (`refines`): the mapping and the abstract spec's steps run on the reference interpreter";

/// Whether an expression reads nothing but constants: no variable, no
/// call, and only locals it binds itself or that `known` holds a value
/// for.
pub fn closed(e: &Expr, known: &[Option<Value>]) -> bool {
    let mut ok = true;
    walk(e, &mut |x| {
        // A match binds locals that later terms read: never folded away.
        ok &= !matches!(
            x.kind,
            ExprKind::Var(_)
                | ExprKind::Call(..)
                | ExprKind::Match(..)
                | ExprKind::StepIs(_)
                | ExprKind::Refines(..)
        );
    });
    ok && hoist::free(e)
        .iter()
        .all(|l| known.get(l.index()).is_some_and(Option::is_some))
}

/// `x op y` on integers, with a constant side folded into the test.
fn compare(op: Comparison, x: IntExpr, y: IntExpr) -> BoolExpr {
    let flipped = match op {
        Comparison::Lt => Comparison::Gt,
        Comparison::Le => Comparison::Ge,
        Comparison::Gt => Comparison::Lt,
        Comparison::Ge => Comparison::Le,
        Comparison::Eq | Comparison::Ne => op,
    };
    let (op, x, k) = match (x, y) {
        (x, IntExpr::Const(k)) => (op, x, k),
        (IntExpr::Const(k), y) => (flipped, y, k),
        (x, y) => return BoolExpr::Compare(op, Box::new(x), Box::new(y)),
    };
    match x {
        IntExpr::Code(code, lo) => match k.checked_sub(lo) {
            Some(k) => BoolExpr::CompareCode(op, code, k),
            None => BoolExpr::CompareConst(op, Box::new(IntExpr::Code(code, lo)), k),
        },
        x => BoolExpr::CompareConst(op, Box::new(x), k),
    }
}

impl Builder<'_> {
    /// A read of `width` bits at a path, specialised for a variable and
    /// for a map slot of one keyed by locals.
    pub(super) fn read(p: Path, width: u32) -> CodeExpr {
        match (&p.src, &p.keys[..]) {
            (Src::State, []) => CodeExpr::Var(p.base, width),
            (
                Src::State,
                [
                    Key {
                        key,
                        elem,
                        stride,
                        seq: None,
                    },
                ],
            ) => match local_plus(key)
                .and_then(|(slot, plus)| Some((slot, shifted(elem.dense()?, plus)?)))
            {
                Some((slot, lo)) => CodeExpr::At(At {
                    base: p.base,
                    slot,
                    lo,
                    n: elem.n,
                    stride: *stride,
                    width,
                }),
                None => CodeExpr::Read(Box::new(p), width),
            },
            (
                Src::State,
                [
                    Key {
                        key,
                        elem,
                        stride,
                        seq: Some(seq),
                    },
                ],
            ) if constant_index(key, elem).is_some() => {
                let index = constant_index(key, elem).unwrap_or_default();
                CodeExpr::Item(Box::new(Item {
                    len_at: seq.start,
                    len_bits: seq.len_bits,
                    index,
                    at: p.base + u64::from(seq.len_bits) + index * stride,
                    width,
                }))
            }
            _ => match Self::dense_keys(&p, width) {
                Some(at) if at.is_map() => CodeExpr::AtKeys(Box::new(at)),
                Some(at) => CodeExpr::AtItem(Box::new(at)),
                None => CodeExpr::Read(Box::new(p), width),
            },
        }
    }

    /// The value of a non-literal expression that reads only constants
    /// and known locals, evaluated now.
    pub(super) fn fold(&self, e: &Expr) -> Option<Value> {
        if matches!(e.kind, ExprKind::Lit(_)) || !closed(e, &self.known) {
            return None;
        }
        let env = Env {
            spec: self.spec,
            tables: self.tables,
            vars: &[],
            unset: &[],
            next: &[],
            step: None,
        };
        let mut frame: Vec<Value> = (self.known.iter())
            .map(|v| v.clone().unwrap_or(Value::Bool(false)))
            .collect();
        env.eval(e, &mut frame).ok()
    }

    /// A literal's code (its first word).
    pub(super) fn lit_code(&self, v: &Value, ty: TypeId) -> Built<u64> {
        let words = self.t.encode(ty, v).ok_or("a constant outside its type")?;
        Ok(words.first().copied().unwrap_or(0))
    }

    /// A boolean expression.
    pub fn bool(&mut self, e: &Expr) -> Built<BoolExpr> {
        if let Some(v) = self.fold(e) {
            return v
                .as_bool()
                .map(BoolExpr::Const)
                .ok_or("a non-bool constant");
        }
        Ok(match &e.kind {
            ExprKind::Refines(..) => return Err(REFINEMENT_FALLBACK),
            ExprKind::Lit(v) => BoolExpr::Const(v.as_bool().ok_or("a non-bool constant")?),
            ExprKind::Local(l) => match self.slot(*l)? {
                Slot::Scalar(at) => BoolExpr::Local(at),
                Slot::Wide(_) => return Err("a wide bool"),
            },
            ExprKind::Var(_)
            | ExprKind::Field(..)
            | ExprKind::Index(..)
            | ExprKind::Builtin(Builtin::Head, _) => {
                BoolExpr::Code(Box::new(Self::read(self.path(e)?, 1)))
            }
            ExprKind::VariantField(x, per_tag) => BoolExpr::Code(Box::new(CodeExpr::VariantField(
                Box::new(self.vfield(e, x, per_tag)?),
            ))),
            ExprKind::Not(x) => BoolExpr::Not(Box::new(self.bool(x)?)),
            ExprKind::Bin(op, x, y) => self.bool_bin(*op, x, y)?,
            ExprKind::If(c, x, y) => BoolExpr::If(
                Box::new(self.bool(c)?),
                Box::new(self.bool(x)?),
                Box::new(self.bool(y)?),
            ),
            ExprKind::Let(l, v, body) => {
                BoolExpr::Let(Box::new(self.let_(*l, v)?), Box::new(self.bool(body)?))
            }
            ExprKind::Quant(q, binds, body) => self.quant(*q, binds, body)?,
            ExprKind::Is(x, tag) => {
                let Type::Union { variants, .. } = self.t.ty(x.ty) else {
                    return Err("`is` on a non-union");
                };
                let bits = self.t.tag_bits(variants.len());
                BoolExpr::Is(
                    Box::new(CodeExpr::Read(Box::new(self.path(x)?), bits as u32)),
                    u64::from(*tag),
                )
            }
            ExprKind::Call(f, args) => {
                let key = self.memo_key(*f, args)?;
                let memo = self.guard_memo(*f, args);
                let (lets, saved) = self.enter_call(*f, args)?;
                let body = self.bool(&self.spec.fns[f.index()].body);
                self.leave_call(saved);
                let call = lets
                    .into_iter()
                    .rev()
                    .fold(body?, |x, l| BoolExpr::Let(Box::new(l), Box::new(x)));
                match (key, memo) {
                    (Some((base, key)), _) => {
                        BoolExpr::MemoCall(Box::new(MemoCall { base, key, call }))
                    }
                    (None, Some((flag, _))) => BoolExpr::Once(flag, Box::new(call)),
                    (None, None) => call,
                }
            }
            ExprKind::Next(x) => self.after(|b| b.bool(x))?,
            ExprKind::StepIs(ids) => {
                let mut mask = 0u64;
                for id in ids {
                    mask |= 1u64
                        .checked_shl(id.0)
                        .ok_or("`step is` past the 64th action")?;
                }
                BoolExpr::StepIs(2 * self.layout.words() as u32, mask)
            }
            ExprKind::Match(x, p) => {
                let value = self.scalar(x)?;
                BoolExpr::Match(Box::new(value), Box::new(self.pattern(p, x.ty)?))
            }
            ExprKind::Builtin(Builtin::History(..), _) => return Err(HISTORY_FALLBACK),
            ExprKind::Fold { .. } => BoolExpr::Fold(Box::new(self.fold_scalar(e)?)),
            // Not bools (the checker's types rule them out), or no bool
            // built-in exists.
            ExprKind::Neg(_)
            | ExprKind::SetLit(_)
            | ExprKind::SetMap { .. }
            | ExprKind::SetFilter(..)
            | ExprKind::Record(_)
            | ExprKind::Variant(..)
            | ExprKind::Some(_)
            | ExprKind::MapLit(..)
            | ExprKind::SeqLit(_)
            | ExprKind::SeqMap { .. }
            | ExprKind::Card(_)
            | ExprKind::Builtin(..)
            | ExprKind::Pick(..)
            | ExprKind::AllOf(_) => return Err("a bool expression of this form"),
        })
    }

    fn bool_bin(&mut self, op: BinOp, x: &Expr, y: &Expr) -> Built<BoolExpr> {
        let bx = |b: BoolExpr| Box::new(b);
        Ok(match op {
            BinOp::And => BoolExpr::And(bx(self.bool(x)?), bx(self.bool(y)?)),
            BinOp::Or => BoolExpr::Or(bx(self.bool(x)?), bx(self.bool(y)?)),
            BinOp::Implies => BoolExpr::Implies(bx(self.bool(x)?), bx(self.bool(y)?)),
            BinOp::Eq => self.equal(Equality::Equal, x, y)?,
            BinOp::Ne => self.equal(Equality::NotEqual, x, y)?,
            BinOp::In | BinOp::NotIn => {
                let op = if op == BinOp::In {
                    Membership::In
                } else {
                    Membership::NotIn
                };
                let Type::Set(elem_ty) = self.t.ty(y.ty) else {
                    return self.in_seq(op, x, y);
                };
                let elem_ty = *elem_ty;
                if self.t.elem(elem_ty).is_none()
                    && let Some(test) = self.in_ints(x, y)?
                {
                    return Ok(match op {
                        Membership::In => test,
                        Membership::NotIn => BoolExpr::Not(bx(test)),
                    });
                }
                if self.t.elem(elem_ty).is_none()
                    && let Some(test) = self.in_constant(op, x, y)?
                {
                    return Ok(test);
                }
                let elem = self.t.elem(elem_ty).ok_or("a set of large elements")?;
                let item = self.scalar_as(x, elem_ty)?;
                let path = self.path(y)?;
                match (&path.src, &path.keys[..]) {
                    (Src::State, []) => BoolExpr::InVar(op, Box::new(item), elem, path.base),
                    _ => BoolExpr::In(Box::new(InSet {
                        op,
                        item,
                        elem,
                        set: path,
                    })),
                }
            }
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                let op = op.comparison().ok_or("a comparison")?;
                compare(op, self.int(x)?, self.int(y)?)
            }
            BinOp::Subset => self.subset(SubOp::Subset, x, y)?,
            BinOp::ProperSubset => self.subset(SubOp::Proper, x, y)?,
            BinOp::Superset => self.subset(SubOp::Subset, y, x)?,
            BinOp::ProperSuperset => self.subset(SubOp::Proper, y, x)?,
            BinOp::Add
            | BinOp::Sub
            | BinOp::Mul
            | BinOp::Div
            | BinOp::Mod
            | BinOp::Range
            | BinOp::Union
            | BinOp::Intersect
            | BinOp::Diff => return Err("an operator that gives no bool"),
        })
    }

    /// `x in k` for a constant set `k` whose elements have no table (`d in
    /// Dirs`, `Dirs` a set of records of integers) and `x` of a small type:
    /// the elements that are values of `x`'s type, as a set of it.
    fn in_constant(&mut self, op: Membership, x: &Expr, y: &Expr) -> Built<Option<BoolExpr>> {
        let constant = match &y.kind {
            ExprKind::Lit(v) => Some(v.clone()),
            _ => self.fold(y),
        };
        let (Some(Value::Set(items)), Some(elem)) = (constant, self.t.elem(x.ty)) else {
            return Ok(None);
        };
        if elem.n > 64 || self.class(x.ty)? != Class::Code {
            return Ok(None);
        }
        let mut word = 0u64;
        for item in items.iter() {
            let index = (self.t.encode(x.ty, item))
                .and_then(|words| elem.index(words.first().copied().unwrap_or(0)));
            if let Some(index) = index {
                word |= 1 << index;
            }
        }
        Ok(Some(BoolExpr::In(Box::new(InSet {
            op,
            item: self.scalar(x)?,
            elem,
            set: Path {
                src: Src::Code(CodeExpr::Const(word)),
                base: 0,
                keys: Vec::new(),
            },
        }))))
    }

    /// `x in y` for a set of integers without an element table: a range
    /// `lo..hi` as two comparisons, a few items (`{1, 2}`, a constant) as
    /// equalities; `None` for other sets.
    fn in_ints(&mut self, x: &Expr, y: &Expr) -> Built<Option<BoolExpr>> {
        /// The most items tested one by one.
        const ITEMS: usize = 8;
        if self.class(x.ty)? != Class::Int {
            return Ok(None);
        }
        // The reference evaluates the whole set first: a part that may fail
        // must not be skipped by a comparison that comes out false.
        let total = |e: &Expr| hoist::total(e, &self.spec.types);
        if let ExprKind::Bin(BinOp::Range, lo, hi) = &y.kind
            && total(lo)
            && total(hi)
        {
            let low = compare(Comparison::Le, self.int(lo)?, self.int(x)?);
            let high = compare(Comparison::Le, self.int(x)?, self.int(hi)?);
            return Ok(Some(BoolExpr::And(Box::new(low), Box::new(high))));
        }
        let constant = match &y.kind {
            ExprKind::Lit(v) => Some(v.clone()),
            _ => self.fold(y),
        };
        let items: Vec<IntExpr> = match (&y.kind, constant) {
            (_, Some(Value::Set(items))) if !items.is_empty() && items.len() <= ITEMS => items
                .iter()
                .map(|v| v.as_int().map(IntExpr::Const).ok_or("a non-integer item"))
                .collect::<Built<_>>()?,
            (ExprKind::SetLit(items), None)
                if !items.is_empty() && items.len() <= ITEMS && items.iter().all(total) =>
            {
                items
                    .iter()
                    .map(|item| self.int(item))
                    .collect::<Built<_>>()?
            }
            _ => return Ok(None),
        };
        let tests = items
            .into_iter()
            .map(|item| Ok(compare(Comparison::Eq, self.int(x)?, item)))
            .collect::<Built<Vec<_>>>()?;
        Ok(tests
            .into_iter()
            .rev()
            .reduce(|rest, eq| BoolExpr::Or(Box::new(eq), Box::new(rest))))
    }

    fn equal(&mut self, op: Equality, x: &Expr, y: &Expr) -> Built<BoolExpr> {
        if x.ty != y.ty
            && let Some(test) = self.equal_constant(op, x, y)?
        {
            return Ok(test);
        }
        if x.ty != y.ty
            && let Some(test) = self.equal_built(op, x, y)?
        {
            return Ok(test);
        }
        let (cx, cy) = (self.class(x.ty)?, self.class(y.ty)?);
        Ok(match (cx, cy) {
            (Class::Int, Class::Int) => {
                let op = match op {
                    Equality::Equal => Comparison::Eq,
                    Equality::NotEqual => Comparison::Ne,
                };
                compare(op, self.int(x)?, self.int(y)?)
            }
            (Class::Bool, Class::Bool) => {
                BoolExpr::BoolEq(op, Box::new(self.bool(x)?), Box::new(self.bool(y)?))
            }
            (Class::Code, Class::Code) if x.ty == y.ty => match (self.code(x)?, self.code(y)?) {
                (x, CodeExpr::Const(k)) => BoolExpr::CodeEqConst(op, Box::new(x), k),
                (x, y) => BoolExpr::CodeEq(op, Box::new(x), Box::new(y)),
            },
            (Class::Wide, Class::Wide) if x.ty == y.ty => BoolExpr::WideEq(Box::new(WideEq {
                op,
                a: self.wide(x)?,
                b: self.wide(y)?,
                words: self.t.words(x.ty) as u32,
            })),
            _ if matches!(self.t.ty(x.ty), Type::Seq(..)) => match self.seq_pair(x, y)? {
                (AnyExpr::Scalar(ScalarExpr::Code(a)), AnyExpr::Scalar(ScalarExpr::Code(b))) => {
                    BoolExpr::CodeEq(op, Box::new(a), Box::new(b))
                }
                (AnyExpr::Wide(a, words), AnyExpr::Wide(b, _)) => {
                    BoolExpr::WideEq(Box::new(WideEq { op, a, b, words }))
                }
                _ => return Err("comparing sequences of mixed widths"),
            },
            _ if matches!(self.t.ty(x.ty), Type::Set(_)) => match self.set_pair(x, y)? {
                (AnyExpr::Scalar(ScalarExpr::Code(a)), AnyExpr::Scalar(ScalarExpr::Code(b)), _) => {
                    BoolExpr::CodeEq(op, Box::new(a), Box::new(b))
                }
                (AnyExpr::Wide(a, words), AnyExpr::Wide(b, _), _) => {
                    BoolExpr::WideEq(Box::new(WideEq { op, a, b, words }))
                }
                _ => return Err("comparing sets of mixed widths"),
            },
            _ => return Err("comparing values of different (compatible) types"),
        })
    }

    /// `x == k` with `k` a constant of a compatible type (`decision[p] ==
    /// some(0)`, where `some(0)` is an `option<Int>`): `k` as a code of
    /// `x`'s type, or never equal when it is not one of its values.
    fn equal_constant(&mut self, op: Equality, x: &Expr, y: &Expr) -> Built<Option<BoolExpr>> {
        for (var, konst) in [(x, y), (y, x)] {
            let value = match &konst.kind {
                ExprKind::Lit(v) => Some(v.clone()),
                _ => self.fold(konst),
            };
            // Integers and bools are compared by value, below (a value
            // outside `var`'s type may still equal it: a field read from
            // the variants of a union has a range per variant).
            let (Some(value), Ok(class @ (Class::Code | Class::Wide))) =
                (value, self.class(var.ty))
            else {
                continue;
            };
            let Some(words) = self.t.encode(var.ty, &value) else {
                return Ok(Some(BoolExpr::Const(op.holds(false))));
            };
            return Ok(Some(match class {
                Class::Code => BoolExpr::CodeEqConst(
                    op,
                    Box::new(self.code(var)?),
                    words.first().copied().unwrap_or(0),
                ),
                Class::Wide => BoolExpr::WideEq(Box::new(WideEq {
                    op,
                    a: self.wide(var)?,
                    words: words.len() as u32,
                    b: WideExpr::Const(words.into()),
                })),
                _ => continue,
            }));
        }
        Ok(None)
    }

    /// `x == some(b)` (a record or variant literal too) whose literal has
    /// no code of its own (`some(b)` of an `option<Int>`): the literal
    /// built as a value of `x`'s type (an integer outside its range bails,
    /// and the reference gives the answer).
    fn equal_built(&mut self, op: Equality, x: &Expr, y: &Expr) -> Built<Option<BoolExpr>> {
        for (var, built) in [(x, y), (y, x)] {
            let literal = matches!(
                built.kind,
                ExprKind::Some(_) | ExprKind::Record(_) | ExprKind::Variant(..)
            );
            if literal && !self.t.info(built.ty).ok && self.t.info(var.ty).ok {
                if self.class(var.ty)? != Class::Code {
                    return Ok(None);
                }
                let (a, b) = (self.code(var)?, self.code_as(built, var.ty)?);
                return Ok(Some(BoolExpr::CodeEq(op, Box::new(a), Box::new(b))));
            }
        }
        Ok(None)
    }

    fn subset(&mut self, op: SubOp, x: &Expr, y: &Expr) -> Built<BoolExpr> {
        Ok(match self.set_pair(x, y)? {
            (AnyExpr::Scalar(ScalarExpr::Code(a)), AnyExpr::Scalar(ScalarExpr::Code(b)), _) => {
                BoolExpr::CodeSubset(op, Box::new(a), Box::new(b))
            }
            (AnyExpr::Wide(a, words), AnyExpr::Wide(b, _), _) => {
                BoolExpr::WideSubset(Box::new(WideSubset { op, a, b, words }))
            }
            _ => return Err("a comparison of this kind"),
        })
    }

    /// `pick x in S: P`: the binding, the condition, and the bound name's
    /// slot (which holds the result once the condition holds).
    pub(super) fn pick(&mut self, binding: &Binding, cond: &Expr) -> Built<Pick> {
        let PatternKind::Bind(local) = binding.pattern.kind else {
            return Err("a pick with a pattern");
        };
        let binds = vec![self.bind(binding)?];
        let slot = self.scalar_slot(local)?;
        let cond = self.bool(cond)?;
        Ok(Pick { binds, cond, slot })
    }

    /// `x.f` on a union value: where each variant holds the field. An
    /// integer field may have a different range in each variant (its type
    /// here is then `Int`), so each keeps its own width and low bound; a
    /// field of another class must have the same type in every variant.
    pub(super) fn vfield(
        &mut self,
        e: &Expr,
        x: &Expr,
        per_tag: &[Option<u32>],
    ) -> Built<VariantField> {
        let Type::Union { variants, .. } = self.t.ty(x.ty) else {
            return Err("a variant field of a non-union");
        };
        let class = self.class(e.ty)?;
        if class == Class::Wide {
            return Err("a wide variant field");
        }
        let tag_bits = self.t.tag_bits(variants.len());
        let mut fields = Vec::with_capacity(variants.len());
        for (v, i) in variants.iter().zip(per_tag) {
            let Some(i) = i else {
                fields.push(None);
                continue;
            };
            let tys: Vec<TypeId> = v.fields.iter().map(|f| f.ty).collect();
            let fty = *tys.get(*i as usize).ok_or("a bad field")?;
            let info = self.t.info(fty);
            let lo = match (class, self.class(fty)?) {
                (Class::Int, Class::Int) => info.lo,
                _ if fty == e.ty => 0,
                _ => return Err("a field of a different type in each variant"),
            };
            fields.push(Some(FieldAt {
                shift: tag_bits + self.t.field_offsets(&tys)[*i as usize],
                width: info.width as u32,
                lo,
            }));
        }
        Ok(VariantField {
            union: self.path(x)?,
            tag_bits: tag_bits as u32,
            per_tag: fields,
        })
    }
}
