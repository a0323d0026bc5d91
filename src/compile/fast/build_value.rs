//! Compiling value expressions, by class: `int` → [`IntExpr`], `code` →
//! [`CodeExpr`], `wide` → [`WideExpr`] (booleans, comparisons and union
//! fields are in `build_expr.rs`). Each builder's match names every
//! expression form, so a new form does not compile until each class has
//! decided what to do with it.

use crate::check::ir::{BinOp, Builtin, Expr, ExprKind, Type};
use crate::compile::fast::build::{Builder, Built, code_parts};
use crate::compile::fast::info::Class;
use crate::compile::fast::node::*;

/// `min` for `min(..)`, `max` for `max(..)`.
fn extreme(b: Builtin) -> Extreme {
    match b {
        Builtin::Max2 | Builtin::MaxOf => Extreme::Max,
        _ => Extreme::Min,
    }
}

impl Builder<'_> {
    /// An integer expression.
    pub fn int(&mut self, e: &Expr) -> Built<IntExpr> {
        if let Some(v) = self.fold(e) {
            return v.as_int().map(IntExpr::Const).ok_or("a non-int constant");
        }
        let lo = self.t.info(e.ty).lo;
        let bx = |i: IntExpr| Box::new(i);
        Ok(match &e.kind {
            ExprKind::Lit(v) => IntExpr::Const(v.as_int().ok_or("a non-int constant")?),
            ExprKind::Local(l) => match self.slot(*l)? {
                Slot::Scalar(at) => IntExpr::Local(at),
                Slot::Wide(_) => return Err("a wide int"),
            },
            ExprKind::Var(_)
            | ExprKind::Field(..)
            | ExprKind::Index(..)
            | ExprKind::Builtin(Builtin::Head, _) => {
                let width = self.t.info(e.ty).width as u32;
                IntExpr::Code(Box::new(Self::read(self.path(e)?, width)), lo)
            }
            ExprKind::VariantField(x, per_tag) => {
                IntExpr::VariantField(Box::new(self.vfield(e, x, per_tag)?))
            }
            ExprKind::Neg(x) => IntExpr::Neg(bx(self.int(x)?)),
            ExprKind::Bin(
                op @ (BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Mod),
                x,
                y,
            ) => {
                let op = op.arith().ok_or("an arithmetic operator")?;
                IntExpr::Arith(op, bx(self.int(x)?), bx(self.int(y)?))
            }
            ExprKind::Card(x) => match self.t.ty(x.ty) {
                Type::Set(_) if self.class(x.ty)? == Class::Code => {
                    IntExpr::CardCode(Box::new(self.code(x)?))
                }
                Type::Set(_) => IntExpr::Card(Box::new(self.path(x)?), self.t.info(x.ty).width),
                _ => self.seq_len(x)?,
            },
            ExprKind::If(c, x, y) => {
                IntExpr::If(Box::new(self.bool(c)?), bx(self.int(x)?), bx(self.int(y)?))
            }
            ExprKind::Let(l, v, body) => {
                IntExpr::Let(Box::new(self.let_(*l, v)?), bx(self.int(body)?))
            }
            ExprKind::Builtin(b @ (Builtin::Min2 | Builtin::Max2), args) => match &args[..] {
                [x, y] => IntExpr::Extreme2(extreme(*b), bx(self.int(x)?), bx(self.int(y)?)),
                _ => return Err("a bad built-in call"),
            },
            ExprKind::Builtin(b @ (Builtin::MinOf | Builtin::MaxOf), args) => match &args[..] {
                [
                    Expr {
                        kind:
                            ExprKind::SetMap {
                                bindings,
                                filter,
                                map,
                            },
                        ..
                    },
                ] if self.class(map.ty)? == Class::Int => {
                    let binds = bindings
                        .iter()
                        .map(|b| self.bind(b))
                        .collect::<Built<_>>()?;
                    let filter = filter.as_ref().map(|f| self.bool(f)).transpose()?;
                    let map = self.int(map)?;
                    IntExpr::ExtremeOfMap(extreme(*b), Box::new(IntComp { binds, filter, map }))
                }
                [
                    x @ Expr {
                        kind: ExprKind::Bin(BinOp::Union | BinOp::Add, ..),
                        ..
                    },
                ] if self.t.elem(self.set_elem(x.ty)?).is_none() => {
                    let mut parts = Vec::new();
                    self.int_parts(x, &mut parts)?;
                    IntExpr::ExtremeOfUnion(extreme(*b), parts.into())
                }
                [x] => IntExpr::ExtremeOf(extreme(*b), Box::new(self.extreme_of(x)?)),
                _ => return Err("a bad built-in call"),
            },
            ExprKind::Call(f, args) => {
                let (lets, saved) = self.enter_call(*f, args)?;
                let body = self.int_within(&self.spec.fns[f.index()].body, e.ty);
                self.leave_call(saved);
                lets.into_iter()
                    .rev()
                    .fold(body?, |x, l| IntExpr::Let(Box::new(l), Box::new(x)))
            }
            ExprKind::Builtin(Builtin::Len, args) => match &args[..] {
                [s] => self.seq_len(s)?,
                _ => return Err("a bad built-in call"),
            },
            ExprKind::Pick(b, cond) => IntExpr::Pick(Box::new(self.pick(b, cond)?)),
            ExprKind::Next(x) => self.after(|b| b.int(x))?,
            ExprKind::Fold { .. } => IntExpr::Fold(Box::new(self.fold_scalar(e)?)),
            // Not integers (the checker's types rule them out).
            ExprKind::SeqMap { .. }
            | ExprKind::Not(_)
            | ExprKind::Bin(..)
            | ExprKind::Quant(..)
            | ExprKind::SetLit(_)
            | ExprKind::SetMap { .. }
            | ExprKind::SetFilter(..)
            | ExprKind::Record(_)
            | ExprKind::Variant(..)
            | ExprKind::Some(_)
            | ExprKind::MapLit(..)
            | ExprKind::SeqLit(_)
            | ExprKind::Is(..)
            | ExprKind::Match(..)
            | ExprKind::StepIs(_)
            | ExprKind::Refines(..)
            | ExprKind::Builtin(..)
            | ExprKind::AllOf(_) => return Err("an integer expression of this form"),
        })
    }

    /// A small code.
    pub fn code(&mut self, e: &Expr) -> Built<CodeExpr> {
        if let Some(v) = self.fold(e) {
            return Ok(CodeExpr::Const(self.lit_code(&v, e.ty)?));
        }
        let bx = |c: CodeExpr| Box::new(c);
        Ok(match &e.kind {
            ExprKind::Lit(v) => CodeExpr::Const(self.lit_code(v, e.ty)?),
            ExprKind::Local(l) => match self.slot(*l)? {
                Slot::Scalar(at) => CodeExpr::Local(at),
                Slot::Wide(_) => return Err("a wide local as a code"),
            },
            ExprKind::Var(_)
            | ExprKind::Field(..)
            | ExprKind::Index(..)
            | ExprKind::Builtin(Builtin::Head, _) => {
                Self::read(self.path(e)?, self.t.info(e.ty).width as u32)
            }
            ExprKind::VariantField(x, per_tag) => {
                CodeExpr::VariantField(Box::new(self.vfield(e, x, per_tag)?))
            }
            ExprKind::Record(_)
            | ExprKind::Variant(..)
            | ExprKind::Some(_)
            | ExprKind::SeqLit(_) => {
                let (k, parts) = self.build_parts(e)?;
                let parts = code_parts(parts)?;
                CodeExpr::Build(k, parts)
            }
            ExprKind::SetLit(items) => CodeExpr::SetOf(self.items(items, e.ty)?),
            ExprKind::Bin(op, x, y) if op.set_op().is_some() => {
                let op = op.set_op().ok_or("a set operator")?;
                match (self.set_as(x, e.ty)?, self.set_as(y, e.ty)?) {
                    (
                        AnyExpr::Scalar(ScalarExpr::Code(a)),
                        AnyExpr::Scalar(ScalarExpr::Code(b)),
                    ) => CodeExpr::SetOp(op, bx(a), bx(b)),
                    _ => return Err("a set operation of mixed widths"),
                }
            }
            ExprKind::SetMap { .. } | ExprKind::SetFilter(..) => {
                CodeExpr::Comp(Box::new(self.comp(e)?))
            }
            ExprKind::MapLit(l, body) => {
                let Type::Map(key, value) = self.t.ty(e.ty) else {
                    return Err("a map literal of a non-map type");
                };
                let (key, value) = (*key, *value);
                let keys = self.t.elem(key).ok_or("a map key type too large")?;
                let slot = self.scalar_slot(*l)?;
                let width = self.t.info(value).width as u32;
                CodeExpr::MapLit(Box::new(MapLit {
                    slot,
                    keys,
                    body: self.code_as(body, value)?,
                    width: u64::from(width),
                }))
            }
            ExprKind::Builtin(Builtin::Subsets, args) => match &args[..] {
                [x] if self.t.info(x.ty).width <= 6 => CodeExpr::Subsets(bx(self.code(x)?)),
                _ => return Err("`subsets` of a large set"),
            },
            // Each branch coded in the `if`'s type, which may be wider
            // than a branch's own (`if c then s else [x]`).
            ExprKind::If(c, x, y) => CodeExpr::If(
                Box::new(self.bool(c)?),
                bx(self.code_as(x, e.ty)?),
                bx(self.code_as(y, e.ty)?),
            ),
            ExprKind::Let(l, v, body) => {
                CodeExpr::Let(Box::new(self.let_(*l, v)?), bx(self.code(body)?))
            }
            ExprKind::Call(f, args) => {
                let memo = self.guard_memo(*f, args);
                let (lets, saved) = self.enter_call(*f, args)?;
                let body = match self.value_within(&self.spec.fns[f.index()].body, e.ty) {
                    Ok(AnyExpr::Scalar(ScalarExpr::Code(c))) => Ok(c),
                    Ok(_) => Err("a result of a different class than its type"),
                    Err(why) => Err(why),
                };
                self.leave_call(saved);
                let call = (lets.into_iter().rev())
                    .fold(body?, |x, l| CodeExpr::Let(Box::new(l), Box::new(x)));
                match memo {
                    Some((flag, value)) => CodeExpr::Once(flag, value, Box::new(call)),
                    None => call,
                }
            }
            ExprKind::Builtin(Builtin::Tail | Builtin::Append, _) => self.seq_code(e)?,
            ExprKind::Builtin(Builtin::Concat | Builtin::Sub, _) | ExprKind::SeqMap { .. } => {
                CodeExpr::Seq(Box::new(self.seq_build(e, e.ty)?))
            }
            ExprKind::Fold { .. } => CodeExpr::Fold(Box::new(self.fold_scalar(e)?)),
            ExprKind::Pick(b, cond) => CodeExpr::Pick(Box::new(self.pick(b, cond)?)),
            ExprKind::Next(x) => self.after(|b| b.code(x))?,
            // Bools and integers have classes of their own; a type's values
            // are closed, so folded above.
            ExprKind::Not(_)
            | ExprKind::Neg(_)
            | ExprKind::Bin(..)
            | ExprKind::Quant(..)
            | ExprKind::Is(..)
            | ExprKind::Match(..)
            | ExprKind::StepIs(_)
            | ExprKind::Refines(..)
            | ExprKind::Card(_)
            | ExprKind::Builtin(..)
            | ExprKind::AllOf(_) => return Err("a value expression of this form"),
        })
    }

    /// A wide code.
    /// `e` as a wide code of type `ty` (its own, or a compatible one).
    pub(super) fn wide_as(&mut self, e: &Expr, ty: crate::check::ir::TypeId) -> Built<WideExpr> {
        if e.ty == ty {
            return self.wide(e);
        }
        match self.value_as(e, ty)? {
            AnyExpr::Wide(w, _) => Ok(w),
            AnyExpr::Scalar(_) => Err("a value of a different (compatible) type"),
        }
    }

    pub fn wide(&mut self, e: &Expr) -> Built<WideExpr> {
        let words = self.t.words(e.ty);
        let constant = |v: Vec<u64>| -> Built<WideExpr> {
            if v.len() == words {
                Ok(WideExpr::Const(v.into()))
            } else {
                Err("a constant of an unexpected width")
            }
        };
        if let Some(v) = self.fold(e) {
            return constant(
                self.t
                    .encode(e.ty, &v)
                    .ok_or("a constant outside its type")?,
            );
        }
        let bx = |w: WideExpr| Box::new(w);
        Ok(match &e.kind {
            ExprKind::Lit(v) => constant(
                self.t
                    .encode(e.ty, v)
                    .ok_or("a constant outside its type")?,
            )?,
            ExprKind::Var(_)
            | ExprKind::Local(_)
            | ExprKind::Field(..)
            | ExprKind::Index(..)
            | ExprKind::Builtin(Builtin::Head, _) => {
                WideExpr::Read(Box::new(self.path(e)?), self.t.info(e.ty).width)
            }
            ExprKind::Record(_)
            | ExprKind::Variant(..)
            | ExprKind::Some(_)
            | ExprKind::SeqLit(_) => {
                let (k, parts) = self.build_parts(e)?;
                let mut base = vec![0u64; words];
                if let Some(first) = base.first_mut() {
                    *first = k;
                }
                WideExpr::Build(base.into(), parts)
            }
            ExprKind::SetLit(items) => WideExpr::SetOf(self.items(items, e.ty)?),
            ExprKind::Bin(op, x, y) if op.set_op().is_some() => {
                let op = op.set_op().ok_or("a set operator")?;
                match (self.set_as(x, e.ty)?, self.set_as(y, e.ty)?) {
                    (AnyExpr::Wide(a, _), AnyExpr::Wide(b, _)) => WideExpr::SetOp(op, bx(a), bx(b)),
                    _ => return Err("a set operation of mixed widths"),
                }
            }
            ExprKind::SetMap { .. } | ExprKind::SetFilter(..) => {
                WideExpr::Comp(Box::new(self.comp(e)?))
            }
            ExprKind::MapLit(l, body) => {
                let Type::Map(key, value) = self.t.ty(e.ty) else {
                    return Err("a map literal of a non-map type");
                };
                let (key, value) = (*key, *value);
                let keys = self.t.elem(key).ok_or("a map key type too large")?;
                let slot = self.scalar_slot(*l)?;
                let width = self.t.info(value).width;
                let part = match self.value_as(body, value)? {
                    AnyExpr::Scalar(ScalarExpr::Code(c)) => Part::Code(c, width),
                    AnyExpr::Wide(w, n) => Part::Wide(w, width, n),
                    AnyExpr::Scalar(_) => return Err("a map slot that is not a code"),
                };
                WideExpr::MapLit(Box::new(MapLit {
                    slot,
                    keys,
                    body: part,
                    width,
                }))
            }
            ExprKind::If(c, x, y) => WideExpr::If(
                Box::new(self.bool(c)?),
                bx(self.wide_as(x, e.ty)?),
                bx(self.wide_as(y, e.ty)?),
            ),
            ExprKind::Let(l, v, body) => {
                WideExpr::Let(Box::new(self.let_(*l, v)?), bx(self.wide(body)?))
            }
            ExprKind::Call(f, args) => {
                let (lets, saved) = self.enter_call(*f, args)?;
                let body = self.wide_as(&self.spec.fns[f.index()].body, e.ty);
                self.leave_call(saved);
                lets.into_iter()
                    .rev()
                    .fold(body?, |x, l| WideExpr::Let(Box::new(l), Box::new(x)))
            }
            ExprKind::Builtin(Builtin::Tail | Builtin::Append, _) => self.seq_wide(e)?,
            ExprKind::Builtin(Builtin::Concat | Builtin::Sub, _) | ExprKind::SeqMap { .. } => {
                WideExpr::Seq(Box::new(self.seq_build(e, e.ty)?))
            }
            ExprKind::Fold { .. } => WideExpr::FoldWide(Box::new(self.fold_wide(e)?)),
            ExprKind::VariantField(..) => return Err("a wide variant field"),
            ExprKind::Pick(..) => return Err("a pick of a wide value"),
            ExprKind::Next(x) => self.after(|b| b.wide(x))?,
            // Bools and integers have classes of their own; a type's values
            // are closed, so folded above.
            ExprKind::Not(_)
            | ExprKind::Neg(_)
            | ExprKind::Bin(..)
            | ExprKind::Quant(..)
            | ExprKind::Is(..)
            | ExprKind::Match(..)
            | ExprKind::StepIs(_)
            | ExprKind::Refines(..)
            | ExprKind::Card(_)
            | ExprKind::Builtin(..)
            | ExprKind::AllOf(_) => return Err("a wide expression of this form"),
        })
    }
}
