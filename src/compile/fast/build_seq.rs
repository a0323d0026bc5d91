//! Compiling sequence expressions (`seq<T, N>`, coded as the length then
//! `N` slots, see `layout.rs`): `len(s)` and `|s|` read the length;
//! `s[i]` and `head(s)` are paths with a sequence index ([`Key::seq`]);
//! literals are built like records (the length, then the items at their
//! slots); `tail` and `append` become [`CodeExpr::Tail`] /
//! [`CodeExpr::Append`] (or their wide forms); `x in s` is [`InSeq`].
//! (Binders range over sets alone: the checker rejects a sequence.) Run
//! in `seq.rs`.

use std::sync::Arc;

use crate::check::ir::{Builtin, Expr, ExprKind, Type, TypeId};
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
    /// bound, or with an item of type `Int`), as a value of sequence type
    /// `ty`: built with `ty`'s slots. (Constants are coded in `ty`, see
    /// `constant_as`.)
    pub fn seq_as(&mut self, e: &Expr, ty: TypeId) -> Built<AnyExpr> {
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
