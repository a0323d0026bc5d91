//! Compiling quantifiers: hoisting leading tests (see `hoist.rs`),
//! pre-filtering constant domains by constant tests, and memoising calls
//! of boolean functions in properties.

use crate::check::ir::{Binding, Expr, ExprKind, PatternKind, Type};
use crate::compile::bits;
use crate::compile::eval::Env;
use crate::compile::fast::build::{Builder, Built, MAX_UNROLLED};
use crate::compile::fast::hoist;
use crate::compile::fast::info::Class;
use crate::compile::fast::node::*;
use crate::value::Value;

pub use crate::check::ir::walk;

/// The most elements of one binder a quantifier is unrolled over.
const MAX_COPIES: u32 = 16;

/// An element of a constant domain (see `Builder::constant_elements`).
pub struct Element {
    /// The value, to fold with.
    pub value: Value,
    /// The scalar a loop puts in the binder's slot.
    pub scalar: u64,
    /// The argument a loop over parameters records: the index, or the
    /// value of an integer.
    pub arg: u64,
}

impl Element {
    fn int(v: i64) -> Element {
        Element {
            value: Value::Int(v),
            scalar: v as u64,
            arg: v as u64,
        }
    }
}

impl Builder<'_> {
    /// Where a call's result is memoised for the state being checked: the
    /// first entry of its function's table and the key parts (argument,
    /// its indices, stride). Only in properties, for boolean functions
    /// whose body is a quantifier and whose arguments have small types.
    pub fn memo_key(
        &mut self,
        f: crate::check::ir::FnId,
        args: &[Expr],
    ) -> Built<Option<(u32, Vec<MemoKey>)>> {
        let def = &self.spec.fns[f.index()];
        if !self.memo_calls || args.is_empty() || !matches!(def.body.kind, ExprKind::Quant(..)) {
            return Ok(None);
        }
        let mut key = Vec::new();
        let mut stride = 1u64;
        for (arg, param) in args.iter().zip(&def.frame.locals) {
            let Some(elem) = self.t.elem(param.ty) else {
                return Ok(None);
            };
            let n = elem.n;
            key.push(MemoKey {
                arg: self.scalar_as(arg, param.ty)?,
                elem,
                stride,
            });
            stride = stride.saturating_mul(n);
        }
        if stride > 4096 {
            return Ok(None);
        }
        let base = match self.memos.get(&f.0) {
            Some(base) => *base,
            None => {
                let base = self.memo_words;
                self.memo_words += stride as u32;
                self.memos.insert(f.0, base);
                base
            }
        };
        Ok(Some((base, key)))
    }

    /// A quantifier; the leading terms of the body that do not use the
    /// innermost binder are tested once per outer value (see `hoist.rs`).
    pub fn quant(&mut self, q: Quant, binds: &[Binding], body: &Expr) -> Built<BoolExpr> {
        if let Some(unrolled) = self.unrolled_quant(q, binds, body)? {
            return Ok(unrolled);
        }
        let exists = q == Quant::Exists;
        if let Some((inner, outer)) = binds.split_last()
            && !outer.is_empty()
        {
            let mut locals = Vec::new();
            hoist::bound(&inner.pattern, &mut locals);
            let mut ts = Vec::new();
            hoist::terms(body, !exists, false, &mut ts);
            let k = ts
                .iter()
                .take_while(|t| !hoist::uses(t.expr, &locals) && !hoist::binds(t.expr))
                .count();
            let inner_bind = self.bind(inner)?;
            if k > 0 && k < ts.len() && inner_bind.dom.infallible() {
                let mut outer_locals = Vec::new();
                outer
                    .iter()
                    .for_each(|b| hoist::bound(&b.pattern, &mut outer_locals));
                let invariant = !hoist::uses(&inner.domain, &outer_locals)
                    && ts[k..].iter().all(|t| !hoist::uses(t.expr, &outer_locals));
                let outer = outer.iter().map(|b| self.bind(b)).collect::<Built<_>>()?;
                let head = Box::new(self.join(&ts[..k], !exists)?);
                let tail = self.join(&ts[k..], !exists)?;
                let mut inner = BoolExpr::Quant(q, vec![inner_bind], Box::new(tail));
                let memo = invariant.then(|| self.fresh_scalar());
                if let Some(slot) = memo {
                    inner = BoolExpr::Once(slot, Box::new(inner));
                }
                let inner = Box::new(inner);
                let body = if exists {
                    BoolExpr::And(head, inner)
                } else {
                    BoolExpr::Or(head, inner)
                };
                let q = BoolExpr::Quant(q, outer, Box::new(body));
                return Ok(match memo {
                    Some(slot) => BoolExpr::Fresh(slot, Box::new(q)),
                    None => q,
                });
            }
        }
        if let [only] = binds
            && let Some(q) = self.prefiltered(q, only, body)?
        {
            return Ok(q);
        }
        let binds = binds.iter().map(|b| self.bind(b)).collect::<Built<_>>()?;
        Ok(BoolExpr::Quant(q, binds, Box::new(self.bool(body)?)))
    }

    /// A quantifier whose first binder is a plain name of a scalar type
    /// over a small constant domain, unrolled: one copy of the rest per
    /// element, built with the name known (so each copy folds: constant
    /// keys become offsets, tests of the name constants), and joined by
    /// `and` (forall) or `or` (exists) in the loop's order, so that the
    /// copies run in the order the loop (and the reference) would. Each
    /// copy also sets the name's slot, for any part that reads it.
    fn unrolled_quant(
        &mut self,
        q: Quant,
        binds: &[Binding],
        body: &Expr,
    ) -> Built<Option<BoolExpr>> {
        let Some((first, rest)) = binds.split_first() else {
            return Ok(None);
        };
        let (PatternKind::Bind(l), None) = (&first.pattern.kind, first.pattern.alias) else {
            return Ok(None);
        };
        let local = self.scope[l.index()].0;
        if !matches!(
            self.class(local),
            Ok(Class::Bool | Class::Int | Class::Code)
        ) {
            return Ok(None);
        }
        let Some((slot, elements)) = self.constant_elements(first)? else {
            return Ok(None);
        };
        let n = elements.len() as u32;
        if n > MAX_COPIES || self.unrolled + n > MAX_UNROLLED {
            return Ok(None);
        }
        self.unrolled += n;
        let exists = q == Quant::Exists;
        let mut out: Option<BoolExpr> = None;
        for Element { value, scalar, .. } in elements {
            self.known[l.index()] = Some(value);
            let copy = match rest {
                [] => self.bool(body),
                _ => self.quant(q, rest, body),
            };
            self.known[l.index()] = None;
            let copy = BoolExpr::With(slot, scalar, Box::new(copy?));
            out = Some(match out {
                None => copy,
                Some(acc) if exists => BoolExpr::Or(Box::new(acc), Box::new(copy)),
                Some(acc) => BoolExpr::And(Box::new(acc), Box::new(copy)),
            });
        }
        Ok(Some(out.unwrap_or(BoolExpr::Const(!exists))))
    }

    /// The slot of a binder that is a plain name and the elements of its
    /// domain when that is constant, in the order a loop over it takes.
    /// `None` when the domain is not constant, or its order is not that
    /// of its indices.
    pub fn constant_elements(&mut self, binding: &Binding) -> Built<Option<(u32, Vec<Element>)>> {
        let bind = self.bind(binding)?;
        let Pat::Bind(slot) = bind.pat else {
            return Ok(None);
        };
        let elem_ty = match (&binding.domain.kind, self.t.ty(binding.domain.ty)) {
            (ExprKind::AllOf(ty), _) => *ty,
            (_, Type::Set(ty)) => *ty,
            _ => return Ok(None),
        };
        let (word, elem) = match &bind.dom {
            Dom::Ints(IntExpr::Const(lo), IntExpr::Const(hi)) => {
                let n = (i128::from(*hi) - i128::from(*lo) + 1).max(0);
                if n > i128::from(MAX_COPIES) {
                    return Ok(None);
                }
                let values = (*lo..=*hi).map(Element::int);
                return Ok(Some((slot, values.collect())));
            }
            Dom::IntList(list) => {
                let values = list.iter().map(|&v| Element::int(v));
                return Ok(Some((slot, values.collect())));
            }
            Dom::Bits(word, elem) if elem.order.is_none() => (*word, elem.clone()),
            Dom::All(elem) if elem.n <= 64 && elem.order.is_none() => {
                (bits::mask(elem.n as u32), elem.clone())
            }
            _ => return Ok(None),
        };
        let mut out = Vec::new();
        let mut rest = word;
        while rest != 0 {
            let idx = u64::from(rest.trailing_zeros());
            rest &= rest - 1;
            let Some(value) = crate::check::domain::value_at(&self.spec.types, elem_ty, idx) else {
                return Ok(None);
            };
            out.push(Element {
                value,
                scalar: elem.scalar(idx),
                arg: idx,
            });
        }
        Ok(Some((slot, out)))
    }

    /// A quantifier over a constant set whose leading body terms read only
    /// the bound name (`exists q in subsets(Acceptor): is_quorum(q) and
    /// ...`): those terms are evaluated now, per element, and the domain
    /// keeps only the elements they do not decide. Nothing that could fail
    /// at run time is skipped: the terms evaluated without error here.
    fn prefiltered(&mut self, q: Quant, binding: &Binding, body: &Expr) -> Built<Option<BoolExpr>> {
        let exists = q == Quant::Exists;
        let (PatternKind::Bind(l), None) = (&binding.pattern.kind, binding.pattern.alias) else {
            return Ok(None);
        };
        let mut bind = self.bind(binding)?;
        let elem_ty = match (&binding.domain.kind, self.t.ty(binding.domain.ty)) {
            (ExprKind::AllOf(ty), _) => *ty,
            (_, Type::Set(ty)) => *ty,
            _ => return Ok(None),
        };
        let (word, elem) = match &bind.dom {
            Dom::Bits(word, elem) => (*word, elem.clone()),
            Dom::All(elem) if elem.n <= 64 => (bits::mask(elem.n as u32), elem.clone()),
            _ => return Ok(None),
        };
        let others: Vec<crate::check::ir::LocalId> = (0..self.scope.len() as u32)
            .map(crate::check::ir::LocalId)
            .filter(|x| x != l)
            .collect();
        let mut ts = Vec::new();
        hoist::terms(body, !exists, false, &mut ts);
        let k = ts
            .iter()
            .take_while(|t| {
                !hoist::uses(t.expr, &others) && !hoist::binds(t.expr) && self.no_vars(t.expr)
            })
            .count();
        if k == 0 {
            return Ok(None);
        }
        let env = Env {
            spec: self.spec,
            tables: self.tables,
            vars: &[],
            unset: &[],
            next: &[],
            step: None,
        };
        let mut kept = 0u64;
        for idx in 0..elem.n {
            if word >> idx & 1 == 0 {
                continue;
            }
            let Some(value) = crate::check::domain::value_at(&self.spec.types, elem_ty, idx) else {
                return Ok(None);
            };
            let mut frame = vec![Value::Bool(false); self.scope.len()];
            frame[l.index()] = value;
            // exists: keep when every term holds; forall: when none does.
            let mut keep = true;
            for t in &ts[..k] {
                match env.eval_bool(t.expr, &mut frame) {
                    Ok(v) if (v != t.negated) == exists => {}
                    Ok(_) => {
                        keep = false;
                        break;
                    }
                    Err(_) => return Ok(None),
                }
            }
            if keep {
                kept |= 1 << idx;
            }
        }
        if k == ts.len() {
            return Ok(Some(BoolExpr::Const(if exists {
                kept != 0
            } else {
                kept == 0
            })));
        }
        bind.dom = Dom::Bits(kept, elem);
        let rest = self.join(&ts[k..], !exists)?;
        Ok(Some(BoolExpr::Quant(q, vec![bind], Box::new(rest))))
    }

    /// Whether an expression reads no state variable (also in the
    /// functions it calls).
    fn no_vars(&self, e: &Expr) -> bool {
        // Each function is looked into once, however often it is called
        // (a call tree can be exponentially larger than the functions).
        let mut seen = std::collections::HashSet::new();
        let mut todo = vec![e];
        let mut ok = true;
        while let Some(e) = todo.pop() {
            walk(e, &mut |x| match &x.kind {
                ExprKind::Var(_) => ok = false,
                ExprKind::Call(f, _) if seen.insert(*f) => {
                    todo.push(&self.spec.fns[f.index()].body)
                }
                _ => {}
            });
        }
        ok
    }

    /// Terms joined by `or` (`any`) or `and`, in order.
    pub fn join(&mut self, ts: &[hoist::Term<'_>], any: bool) -> Built<BoolExpr> {
        let mut out: Option<BoolExpr> = None;
        for t in ts {
            let x = self.bool(t.expr)?;
            let x = if t.negated {
                BoolExpr::Not(Box::new(x))
            } else {
                x
            };
            out = Some(match out {
                None => x,
                Some(acc) if any => BoolExpr::Or(Box::new(acc), Box::new(x)),
                Some(acc) => BoolExpr::And(Box::new(acc), Box::new(x)),
            });
        }
        out.ok_or("an empty join")
    }
}
