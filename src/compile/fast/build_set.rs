//! Compiling built values: record, variant, `some` and sequence literals
//! (their parts at bit offsets), set literals, comprehensions and filters, and
//! set expressions of a compatible type (`s + {v}` with `v` an `Int`),
//! and the parts of a union of integer sets under `min` / `max`.

use std::sync::Arc;

use crate::check::ir::{BinOp, Expr, ExprKind, PatternKind, Type, TypeId};
use crate::compile::fast::build::{Builder, Built};
use crate::compile::fast::hoist;
use crate::compile::fast::info::{Class, Elem};
use crate::compile::fast::node::*;

impl Builder<'_> {
    /// The parts of a record or variant literal at their bit offsets.
    pub fn parts(&mut self, items: &[Expr], tys: &[TypeId], shift: u64) -> Built<Vec<(Part, u64)>> {
        let offs = self.t.field_offsets(tys);
        let mut parts = Vec::with_capacity(items.len());
        for ((item, ty), off) in items.iter().zip(tys).zip(offs) {
            let width = self.t.info(*ty).width;
            let part = match self.value_as(item, *ty)? {
                AnyExpr::Scalar(ScalarExpr::Code(c)) => Part::Code(c, width),
                AnyExpr::Wide(w, words) => Part::Wide(w, width, words),
                AnyExpr::Scalar(_) => return Err("a field that is not a code"),
            };
            parts.push((part, shift + off));
        }
        Ok(parts)
    }

    /// Constant bits and parts of a record, variant or `some` literal.
    pub fn build_parts(&mut self, e: &Expr) -> Built<(u64, Vec<(Part, u64)>)> {
        self.build_parts_as(e, e.ty)
    }

    /// The same, built as a value of a compatible type `ty` (`some(n)` of
    /// an `option<Int>` stored into an `option<0..1>`): each part takes
    /// `ty`'s field type, so an integer is checked against its range.
    pub fn build_parts_as(&mut self, e: &Expr, ty: TypeId) -> Built<(u64, Vec<(Part, u64)>)> {
        match (&e.kind, self.t.ty(ty)) {
            (ExprKind::Record(items), Type::Record { fields }) => {
                let tys: Vec<TypeId> = fields.iter().map(|f| f.ty).collect();
                Ok((0, self.parts(items, &tys, 0)?))
            }
            (ExprKind::Variant(tag, items), Type::Union { variants, .. }) => {
                let tag_bits = self.t.tag_bits(variants.len());
                let v = variants.get(*tag as usize).ok_or("a bad tag")?;
                let tys: Vec<TypeId> = v.fields.iter().map(|f| f.ty).collect();
                Ok((u64::from(*tag), self.parts(items, &tys, tag_bits)?))
            }
            (ExprKind::Some(x), Type::Option(inner)) => {
                let inner = *inner;
                Ok((1, self.parts(std::slice::from_ref(&**x), &[inner], 1)?))
            }
            // The length, then the items in their slots.
            (ExprKind::SeqLit(items), Type::Seq(item, max)) if items.len() <= *max as usize => {
                let tys = vec![*item; items.len()];
                let (shape, _) = self.seq_shape(ty)?;
                let parts = self.parts(items, &tys, u64::from(shape.len_bits))?;
                Ok((items.len() as u64, parts))
            }
            _ => Err("a literal of this form"),
        }
    }

    /// The element type of a set type.
    pub fn set_elem(&self, ty: TypeId) -> Built<TypeId> {
        match self.t.ty(ty) {
            Type::Set(elem) => Ok(*elem),
            _ => Err("a set operation on a non-set"),
        }
    }

    pub fn items(&mut self, items: &[Expr], set_ty: TypeId) -> Built<Vec<(ScalarExpr, Arc<Elem>)>> {
        let elem_ty = self.set_elem(set_ty)?;
        let elem = self.t.elem(elem_ty).ok_or("a set of large elements")?;
        items
            .iter()
            .map(|x| Ok((self.scalar_as(x, elem_ty)?, elem.clone())))
            .collect()
    }

    pub fn comp(&mut self, e: &Expr) -> Built<Comp> {
        self.comp_as(e, e.ty)
    }

    pub fn comp_as(&mut self, e: &Expr, ty: TypeId) -> Built<Comp> {
        let elem_ty = self.set_elem(ty)?;
        let elem = self.t.elem(elem_ty).ok_or("a set of large elements")?;
        match &e.kind {
            ExprKind::SetMap {
                bindings,
                filter,
                map,
            } => {
                let binds = bindings
                    .iter()
                    .map(|b| self.bind(b))
                    .collect::<Built<_>>()?;
                let filter = filter.as_ref().map(|f| self.bool(f)).transpose()?;
                let map = Some(self.scalar_as(map, elem_ty)?);
                Ok(Comp {
                    binds,
                    filter,
                    map,
                    elem,
                })
            }
            ExprKind::SetFilter(binding, filter) => {
                if binding.domain.ty != ty {
                    return Err("a filter over a set of another type");
                }
                let mut bind = self.bind(binding)?;
                let mut names = Vec::new();
                hoist::bound(&binding.pattern, &mut names);
                let mut ts = Vec::new();
                hoist::terms(filter, false, false, &mut ts);
                if let Some(t) = ts.first()
                    && !t.negated
                    && let ExprKind::Is(x, tag) = &t.expr.kind
                    && let ExprKind::Local(l) = &x.kind
                    && names.contains(l)
                    && matches!(binding.pattern.kind, PatternKind::Bind(_))
                {
                    bind.dom = self.narrow(bind.dom, elem_ty, *tag);
                }
                let binds = vec![bind];
                let filter = Some(self.bool(filter)?);
                Ok(Comp {
                    binds,
                    filter,
                    map: None,
                    elem,
                })
            }
            _ => Err("a comprehension of this form"),
        }
    }

    /// `e`, a set expression, as a set of type `ty` (whose elements may be
    /// of a compatible type: `{v}` of `set<Int>` added to a `set<0..2>`).
    /// An element outside `ty`'s element type bails at run time.
    pub fn set_as(&mut self, e: &Expr, ty: TypeId) -> Built<AnyExpr> {
        let wide = self.class(ty)? == Class::Wide;
        let words = self.t.words(ty) as u32;
        let pack = |c: Option<CodeExpr>, w: Option<WideExpr>| match (c, w) {
            (Some(c), _) => Ok(AnyExpr::Scalar(ScalarExpr::Code(c))),
            (_, Some(w)) => Ok(AnyExpr::Wide(w, words)),
            _ => Err("a set of a different (compatible) type"),
        };
        if e.ty == ty {
            return self.value_as(e, ty);
        }
        if !matches!(self.t.ty(e.ty), Type::Set(_)) {
            return Err("a set of a different (compatible) type");
        }
        if let Some(k) = self.constant_as(e, ty) {
            return if wide {
                pack(None, Some(WideExpr::Const(k.into())))
            } else {
                pack(Some(CodeExpr::Const(k[0])), None)
            };
        }
        match &e.kind {
            ExprKind::SetLit(items) => {
                let items = self.items(items, ty)?;
                if wide {
                    pack(None, Some(WideExpr::SetOf(items)))
                } else {
                    pack(Some(CodeExpr::SetOf(items)), None)
                }
            }
            ExprKind::SetMap { .. } => {
                let comp = Box::new(self.comp_as(e, ty)?);
                if wide {
                    pack(None, Some(WideExpr::Comp(comp)))
                } else {
                    pack(Some(CodeExpr::Comp(comp)), None)
                }
            }
            ExprKind::Bin(op, x, y) if op.set_op().is_some() => {
                let op = op.set_op().ok_or("a set operator")?;
                match (self.set_as(x, ty)?, self.set_as(y, ty)?) {
                    (
                        AnyExpr::Scalar(ScalarExpr::Code(a)),
                        AnyExpr::Scalar(ScalarExpr::Code(b)),
                    ) => pack(Some(CodeExpr::SetOp(op, Box::new(a), Box::new(b))), None),
                    (AnyExpr::Wide(a, _), AnyExpr::Wide(b, _)) => {
                        pack(None, Some(WideExpr::SetOp(op, Box::new(a), Box::new(b))))
                    }
                    _ => Err("a set of a different (compatible) type"),
                }
            }
            _ => pack(self.rebase(e, ty)?, None),
        }
    }

    /// A set of one integer range held in a word as a set of another.
    fn rebase(&mut self, e: &Expr, ty: TypeId) -> Built<Option<CodeExpr>> {
        let (Some(from), Some(to)) = (self.set_elem(e.ty).ok(), self.set_elem(ty).ok()) else {
            return Ok(None);
        };
        let (&Type::Range { lo: a, hi: b }, &Type::Range { lo, hi }) =
            (self.t.ty(from), self.t.ty(to))
        else {
            return Ok(None);
        };
        let (n_from, n) = (
            i128::from(b) - i128::from(a) + 1,
            i128::from(hi) - i128::from(lo) + 1,
        );
        if n_from > 64 || n > 64 || self.class(e.ty)? != Class::Code {
            return Ok(None);
        }
        let shift = i128::from(a) - i128::from(lo);
        if shift.abs() >= 64 {
            return Ok(None);
        }
        Ok(Some(CodeExpr::Rebase {
            set: Box::new(self.code(e)?),
            up: shift >= 0,
            by: shift.unsigned_abs() as u32,
            n: n as u32,
        }))
    }

    /// Both sides of a set comparison as sets of one type (the side whose
    /// type has a code).
    pub fn set_pair(&mut self, x: &Expr, y: &Expr) -> Built<(AnyExpr, AnyExpr, TypeId)> {
        let ty = if self.t.info(x.ty).ok { x.ty } else { y.ty };
        Ok((self.set_as(x, ty)?, self.set_as(y, ty)?, ty))
    }

    /// A set of integers with a code, under `min` / `max`.
    pub fn extreme_of(&mut self, x: &Expr) -> Built<ExtremeOf> {
        let elem = self
            .t
            .elem(self.set_elem(x.ty)?)
            .ok_or("a set of large elements")?;
        if elem.class != Class::Int {
            return Err("min/max of a set of non-integers");
        }
        Ok(ExtremeOf {
            set: self.path(x)?,
            width: self.t.info(x.ty).width,
            elem,
        })
    }

    /// The parts of a union of integer sets, each folded on its own by
    /// `min` / `max` (the union itself, a set of `Int`, has no code):
    /// literal items, comprehensions, and sets with a code.
    pub fn int_parts(&mut self, e: &Expr, out: &mut Vec<IntPart>) -> Built<()> {
        let constant = match &e.kind {
            ExprKind::Lit(v) => Some(v.clone()),
            _ => self.fold(e),
        };
        if let Some(set) = constant {
            let items = set.as_elements().ok_or("a non-set constant")?;
            for v in items {
                out.push(IntPart::Item(IntExpr::Const(
                    v.as_int().ok_or("a non-int constant")?,
                )));
            }
            return Ok(());
        }
        match &e.kind {
            ExprKind::Bin(BinOp::Union | BinOp::Add, x, y) => {
                self.int_parts(x, out)?;
                self.int_parts(y, out)?;
            }
            ExprKind::SetLit(items) => {
                for x in items {
                    out.push(IntPart::Item(self.int(x)?));
                }
            }
            ExprKind::SetMap {
                bindings,
                filter,
                map,
            } => {
                let binds = bindings
                    .iter()
                    .map(|b| self.bind(b))
                    .collect::<Built<_>>()?;
                let filter = filter.as_ref().map(|f| self.bool(f)).transpose()?;
                let map = self.int(map)?;
                out.push(IntPart::Comp(IntComp { binds, filter, map }));
            }
            _ => out.push(IntPart::Set(self.extreme_of(e)?)),
        }
        Ok(())
    }
}
