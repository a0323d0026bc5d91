//! Compiling sequence expressions (`seq<T, N>`, coded as the length then
//! `N` slots, see `layout.rs`): `len(s)` and `|s|` read the length;
//! `s[i]` and `head(s)` are paths with a sequence index ([`Key::seq`]);
//! literals are built like records (the length, then the items at their
//! slots); `tail` and `append` become [`CodeExpr::Tail`] /
//! [`CodeExpr::Append`] (or their wide forms); `x in s` is [`InSeq`];
//! `s ++ t`, `sub(s, i, j)` and `[e for x in s if p]` are a [`SeqBuild`]
//! in the type the context stores them as ([`Builder::seq_build`]), and
//! `fold` a [`Fold`] (or [`FoldWide`]). Only folds and sequence
//! comprehensions range over a sequence ([`Dom::Seq`]); the checker
//! rejects one elsewhere. Run in `seq.rs`.

use std::sync::Arc;

use crate::check::ir::{Binding, Builtin, Expr, ExprKind, Type, TypeId};
use crate::compile::fast::build::{Builder, Built, code_parts};
use crate::compile::fast::info::{Class, Elem};
use crate::compile::fast::node::*;

impl Builder<'_> {
    /// The shape of a sequence type's code, and its item type.
    pub fn seq_shape(&self, ty: TypeId) -> Built<(SeqShape, TypeId)> {
        let Type::Seq(item, max) = self.t.ty(ty) else {
            return Err("a sequence operation on a non-sequence");
        };
        let len_bits = 64 - u64::from(*max).leading_zeros();
        let shape = SeqShape {
            len_bits,
            max: *max,
            item: self.t.info(*item).width,
        };
        Ok((shape, *item))
    }

    /// The `[i]` step into a sequence of type `ty` that starts at bit
    /// `start` of a path: valid below the length (and the bound).
    pub fn seq_key(&mut self, index: &Expr, ty: TypeId, start: u64) -> Built<Key> {
        let (shape, _) = self.seq_shape(ty)?;
        let key = ScalarExpr::Int(self.int(index)?);
        Ok(Self::seq_step(key, shape, start))
    }

    fn seq_step(key: ScalarExpr, shape: SeqShape, start: u64) -> Key {
        Key {
            key,
            elem: Arc::new(Elem::ints(0, u64::from(shape.max))),
            stride: shape.item,
            seq: Some(SeqIndex {
                start,
                len_bits: shape.len_bits,
            }),
        }
    }

    /// Where `s[i]` is.
    pub fn seq_index(&mut self, s: &Expr, index: &Expr) -> Built<Path> {
        let mut p = self.path(s)?;
        let key = self.seq_key(index, s.ty, p.base)?;
        p.keys.push(key);
        Ok(p)
    }

    /// Where `head(s)` is: `s[0]`.
    pub fn seq_head(&mut self, args: &[Expr]) -> Built<Path> {
        let [s] = args else {
            return Err("a bad built-in call");
        };
        let (shape, _) = self.seq_shape(s.ty)?;
        let mut p = self.path(s)?;
        let first = ScalarExpr::Int(IntExpr::Const(0));
        p.keys.push(Self::seq_step(first, shape, p.base));
        Ok(p)
    }

    /// `len(s)` or `|s|`: the length bits.
    pub fn seq_len(&mut self, s: &Expr) -> Built<IntExpr> {
        let (shape, _) = self.seq_shape(s.ty)?;
        let read = Self::read(self.path(s)?, shape.len_bits);
        Ok(IntExpr::Code(Box::new(read), 0))
    }

    /// A sequence held in one word: `tail` or `append` (literals are
    /// built parts, `head` a read: see `code`).
    pub fn seq_code(&mut self, e: &Expr) -> Built<CodeExpr> {
        match &e.kind {
            ExprKind::Builtin(Builtin::Tail, args) => match &args[..] {
                [s] => Ok(CodeExpr::Tail(
                    Box::new(self.code(s)?),
                    self.seq_shape(s.ty)?.0,
                )),
                _ => Err("a bad built-in call"),
            },
            ExprKind::Builtin(Builtin::Append, args) => match &args[..] {
                [s, x] => {
                    let (shape, item_ty) = self.seq_shape(s.ty)?;
                    Ok(CodeExpr::Append(Box::new(Append {
                        seq: self.code(s)?,
                        item: self.code_as(x, item_ty)?,
                        shape,
                    })))
                }
                _ => Err("a bad built-in call"),
            },
            _ => Err("a sequence expression of this form"),
        }
    }

    /// A wide sequence: `tail` or `append`.
    pub fn seq_wide(&mut self, e: &Expr) -> Built<WideExpr> {
        match &e.kind {
            ExprKind::Builtin(Builtin::Tail, args) => match &args[..] {
                [s] => Ok(WideExpr::Tail(
                    Box::new(self.wide(s)?),
                    self.seq_shape(s.ty)?.0,
                )),
                _ => Err("a bad built-in call"),
            },
            ExprKind::Builtin(Builtin::Append, args) => match &args[..] {
                [s, x] => {
                    let (shape, item_ty) = self.seq_shape(s.ty)?;
                    let item = match self.value_as(x, item_ty)? {
                        AnyExpr::Scalar(ScalarExpr::Code(c)) => Part::Code(c, shape.item),
                        AnyExpr::Wide(w, n) => Part::Wide(w, shape.item, n),
                        AnyExpr::Scalar(_) => return Err("an item that is not a code"),
                    };
                    Ok(WideExpr::Append(Box::new(Append {
                        seq: self.wide(s)?,
                        item,
                        shape,
                    })))
                }
                _ => Err("a bad built-in call"),
            },
            _ => Err("a sequence expression of this form"),
        }
    }

    /// `e`, a sequence literal of a compatible type (`[m]` of a shorter
    /// bound, or with an item of type `Int`) or a built sequence, as a
    /// value of sequence type `ty`: built with `ty`'s slots. (Constants
    /// are coded in `ty`, see `constant_as`.)
    pub fn seq_as(&mut self, e: &Expr, ty: TypeId) -> Built<AnyExpr> {
        let wide = self.class(ty)? == Class::Wide;
        if is_built_seq(e) {
            let b = Box::new(self.seq_build(e, ty)?);
            return Ok(match wide {
                true => AnyExpr::Wide(WideExpr::Seq(b), self.t.words(ty) as u32),
                false => AnyExpr::Scalar(ScalarExpr::Code(CodeExpr::Seq(b))),
            });
        }
        // `let x = e; s ++ [x]` stored in `s`'s type: the body built so.
        if let ExprKind::Let(l, v, body) = &e.kind {
            let l = Box::new(self.let_(*l, v)?);
            return Ok(match self.value_as(body, ty)? {
                AnyExpr::Wide(x, n) => AnyExpr::Wide(WideExpr::Let(l, Box::new(x)), n),
                AnyExpr::Scalar(ScalarExpr::Code(x)) => {
                    AnyExpr::Scalar(ScalarExpr::Code(CodeExpr::Let(l, Box::new(x))))
                }
                AnyExpr::Scalar(_) => return Err("a sequence that is not a code"),
            });
        }
        // `if c then s ++ t else s` (of the larger bound) stored in `s`'s
        // type: each branch built in that type.
        if let ExprKind::If(c, x, y) = &e.kind {
            let c = Box::new(self.bool(c)?);
            return Ok(match (self.value_as(x, ty)?, self.value_as(y, ty)?) {
                (AnyExpr::Wide(x, n), AnyExpr::Wide(y, _)) => {
                    AnyExpr::Wide(WideExpr::If(c, Box::new(x), Box::new(y)), n)
                }
                (AnyExpr::Scalar(ScalarExpr::Code(x)), AnyExpr::Scalar(ScalarExpr::Code(y))) => {
                    AnyExpr::Scalar(ScalarExpr::Code(CodeExpr::If(c, Box::new(x), Box::new(y))))
                }
                _ => return Err("the branches of an `if` of different classes"),
            });
        }
        let ExprKind::SeqLit(_) = e.kind else {
            return Err("a sequence of a different (compatible) type");
        };
        let (k, parts) = self.build_parts_as(e, ty)?;
        if self.class(ty)? == Class::Wide {
            let mut base = vec![0u64; self.t.words(ty)];
            base[0] = k;
            let words = base.len() as u32;
            return Ok(AnyExpr::Wide(WideExpr::Build(base.into(), parts), words));
        }
        let parts = code_parts(parts)?;
        Ok(AnyExpr::Scalar(ScalarExpr::Code(CodeExpr::Build(k, parts))))
    }

    /// Both sides of a sequence comparison as values of one type: the
    /// type of the side that is not a literal (a literal's bound is its
    /// length).
    pub fn seq_pair(&mut self, x: &Expr, y: &Expr) -> Built<(AnyExpr, AnyExpr)> {
        let literal = |e: &Expr| matches!(e.kind, ExprKind::SeqLit(_) | ExprKind::Lit(_));
        let ty = if literal(x) { y.ty } else { x.ty };
        Ok((self.value_as(x, ty)?, self.value_as(y, ty)?))
    }

    /// `x in s` (or `not in`) on a sequence.
    pub fn in_seq(&mut self, op: Membership, x: &Expr, s: &Expr) -> Built<BoolExpr> {
        let (shape, item_ty) = self.seq_shape(s.ty)?;
        if self.class(item_ty)? == Class::Wide {
            return Err("membership in a sequence of wide items");
        }
        Ok(BoolExpr::InSeq(Box::new(InSeq {
            op,
            item: self.code_as(x, item_ty)?,
            seq: self.path(s)?,
            shape,
        })))
    }
}

/// Whether `e` is a sequence built item by item: `s ++ t`, `sub(s, i, j)`
/// or `[e for x in s if p]`.
pub fn is_built_seq(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Builtin(Builtin::Concat | Builtin::Sub, _) | ExprKind::SeqMap { .. }
    )
}

impl Builder<'_> {
    /// The items of the sequence `s` for a binder ([`Dom::Seq`]): items
    /// of at most 64 bits.
    pub fn seq_dom(&mut self, s: &Expr) -> Built<(Dom, TypeId)> {
        let (shape, item) = self.seq_shape(s.ty)?;
        let lo = match self.class(item)? {
            Class::Int => Some(self.t.info(item).lo),
            Class::Wide => return Err("a binder over a sequence of wide items"),
            _ => None,
        };
        let src = SeqSrc {
            seq: self.path(s)?,
            shape,
        };
        Ok((Dom::Seq(Box::new(src), lo), item))
    }

    /// A sequence operand of a result of sequence type `ty`: read where
    /// it is when its items are of the result's item type, else built as
    /// a value of `ty` (a literal `[x + 1]`).
    fn seq_src(&mut self, s: &Expr, ty: TypeId) -> Built<SeqSrc> {
        let (shape, item) = self.seq_shape(ty)?;
        if let Type::Seq(own, _) = self.t.ty(s.ty)
            && *own == item
        {
            let shape = self.seq_shape(s.ty)?.0;
            return Ok(SeqSrc {
                seq: self.path(s)?,
                shape,
            });
        }
        let src = match self.value_as(s, ty)? {
            AnyExpr::Scalar(ScalarExpr::Code(c)) => Src::Code(c),
            AnyExpr::Wide(w, n) => Src::Wide(w, n),
            AnyExpr::Scalar(_) => return Err("a sequence that is not a code"),
        };
        Ok(SeqSrc {
            seq: Path {
                src,
                base: 0,
                keys: Vec::new(),
            },
            shape,
        })
    }

    /// `s ++ t`, `sub(s, i, j)` or `[e for p in s if c]` built as a value
    /// of sequence type `ty` (its own, or the type of the place it goes).
    pub fn seq_build(&mut self, e: &Expr, ty: TypeId) -> Built<SeqBuild> {
        let (shape, item) = self.seq_shape(ty)?;
        let op = match &e.kind {
            ExprKind::Builtin(Builtin::Concat, args) => match &args[..] {
                [s, t] => SeqOp::Concat(self.seq_src(s, ty)?, self.seq_src(t, ty)?),
                _ => return Err("a bad built-in call"),
            },
            ExprKind::Builtin(Builtin::Sub, args) => match &args[..] {
                [s, i, j] => SeqOp::Sub(self.seq_src(s, ty)?, self.int(i)?, self.int(j)?),
                _ => return Err("a bad built-in call"),
            },
            ExprKind::SeqMap {
                binding,
                filter,
                map,
            } => {
                if self.class(item)? == Class::Wide {
                    return Err("a sequence of wide items built item by item");
                }
                let bind = self.bind(binding)?;
                let filter = filter.as_ref().map(|f| self.bool(f)).transpose()?;
                let map = self.code_as(map, item)?;
                SeqOp::Map { bind, filter, map }
            }
            _ => return Err("a sequence expression of this form"),
        };
        Ok(SeqBuild { op, shape })
    }

    /// `e` as a scalar of the accumulator type `ty` (a code of a
    /// compatible type converted: `[]` for a `seq<T, 4>`).
    fn acc_scalar(&mut self, e: &Expr, ty: TypeId) -> Built<ScalarExpr> {
        match self.class(ty)? {
            Class::Code => Ok(ScalarExpr::Code(self.code_as(e, ty)?)),
            _ => self.scalar_as(e, ty),
        }
    }

    /// The parts of a `fold`: accumulator, first value, binder, step.
    fn fold_parts(e: &Expr) -> Built<(crate::check::ir::LocalId, &Expr, &Binding, &Expr)> {
        match &e.kind {
            ExprKind::Fold {
                acc,
                init,
                binding,
                body,
            } => Ok((*acc, init, binding, body)),
            _ => Err("a fold of another form"),
        }
    }

    /// A `fold` with a scalar accumulator.
    pub fn fold_scalar(&mut self, e: &Expr) -> Built<Fold> {
        let (acc, init, binding, body) = Self::fold_parts(e)?;
        let init = self.acc_scalar(init, e.ty)?;
        let slot = self.scalar_slot(acc)?;
        let bind = self.bind(binding)?;
        let body = self.acc_scalar(body, e.ty)?;
        Ok(Fold {
            slot,
            init,
            bind,
            body,
        })
    }

    /// A `fold` with a wide accumulator.
    pub fn fold_wide(&mut self, e: &Expr) -> Built<FoldWide> {
        let (acc, init, binding, body) = Self::fold_parts(e)?;
        let init = self.wide_as(init, e.ty)?;
        let Slot::Wide(at) = self.slot(acc)? else {
            return Err("a wide accumulator in a scalar slot");
        };
        let bind = self.bind(binding)?;
        let body = self.wide_as(body, e.ty)?;
        Ok(FoldWide {
            at,
            words: self.t.words(e.ty) as u32,
            init,
            bind,
            body,
        })
    }
}
