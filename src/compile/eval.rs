//! Expressions: evaluate a typed `ir::Expr` to a value.
//!
//! Input: the spec, the variables' current values (by `VarId`) and a local
//! frame (by `LocalId`, sized from the enclosing frame). Output: a value or a
//! runtime error at the span that caused it. `and`, `or` and `=>`
//! short-circuit; quantifiers, comprehensions and filters iterate their
//! bindings in order, skipping elements that do not match the pattern.

use std::sync::{Arc, OnceLock};

use crate::check::domain;
use crate::check::ir::RefinesCheck;
use crate::check::ir::{BinOp, Binding, Builtin, Expr, ExprKind, Quant, Spec, Type, TypeId};
use crate::compile::refinement::Abstract;
use crate::compile::{RuntimeError, RuntimeErrorKind, fit, pattern, show};
use crate::source::Span;
use crate::value::Value;
use crate::value::ops as value_ops;

/// Per-type tables built on first use: every value of a type, in index
/// order; and the abstract spec of a `refines`, compiled on first use.
#[derive(Debug)]
pub struct Tables {
    values: Vec<OnceLock<Result<Arc<[Value]>, RuntimeErrorKind>>>,
    sets: Vec<OnceLock<Value>>,
    refinement: OnceLock<Option<Box<Abstract>>>,
}

impl Tables {
    /// Empty tables for a spec's types.
    pub fn new(spec: &Spec) -> Tables {
        Tables {
            values: (0..spec.types.len()).map(|_| OnceLock::new()).collect(),
            sets: (0..spec.types.len()).map(|_| OnceLock::new()).collect(),
            refinement: OnceLock::new(),
        }
    }

    /// The abstract spec `spec` refines, if it declares one.
    pub fn refinement(&self, spec: &Spec) -> Option<&Abstract> {
        self.refinement
            .get_or_init(|| {
                spec.refinement
                    .as_ref()
                    .map(|r| Box::new(Abstract::new(spec, r)))
            })
            .as_deref()
    }
}

/// What an expression can read: the spec and the variables.
#[derive(Clone, Copy)]
pub struct Env<'a> {
    /// The checked spec.
    pub spec: &'a Spec,
    /// Cached domains.
    pub tables: &'a Tables,
    /// The variables' current values, by `VarId`.
    pub vars: &'a [Value],
    /// While running `init`: which variables have no value yet (empty
    /// otherwise, when every variable has one).
    pub unset: &'a [bool],
    /// In a `transition` property: the variables after the step, which
    /// `next(e)` reads (empty otherwise).
    pub next: &'a [Value],
    /// In a `transition` property: the action that took the step.
    pub step: Option<crate::check::ir::ActionId>,
}

/// A runtime error of this kind at this span.
pub fn fail<T>(kind: RuntimeErrorKind, span: Span) -> Result<T, RuntimeError> {
    Err(RuntimeError::new(kind, span))
}

/// An internal error: a value of the wrong shape for its checked type.
pub fn internal<T>(expected: &'static str, span: Span) -> Result<T, RuntimeError> {
    fail(RuntimeErrorKind::Internal { expected }, span)
}

impl Env<'_> {
    /// Evaluate an expression.
    pub fn eval(&self, e: &Expr, locals: &mut [Value]) -> Result<Value, RuntimeError> {
        match &e.kind {
            ExprKind::Lit(v) => Ok(v.clone()),
            ExprKind::Var(var) => {
                if self.unset.get(var.index()).copied().unwrap_or(false) {
                    let var = self.spec.vars[var.index()].name.clone();
                    return fail(RuntimeErrorKind::NoInitialValue { var }, e.span);
                }
                Ok(self.vars[var.index()].clone())
            }
            ExprKind::Local(local) => Ok(locals[local.index()].clone()),
            ExprKind::Not(a) => Ok(Value::Bool(!self.eval_bool(a, locals)?)),
            ExprKind::Neg(a) => match value_ops::neg(self.eval_int(a, locals)?) {
                Ok(n) => Ok(Value::Int(n)),
                Err(error) => fail(error.into(), e.span),
            },
            ExprKind::Bin(op, a, b) => self.binary(*op, a, b, e.span, locals),
            ExprKind::If(c, a, b) => {
                let branch = if self.eval_bool(c, locals)? { a } else { b };
                self.eval(branch, locals)
            }
            ExprKind::Let(local, value, body) => {
                locals[local.index()] = self.eval(value, locals)?;
                self.eval(body, locals)
            }
            ExprKind::Quant(q, bindings, body) => self.quantify(*q, bindings, body, locals),
            ExprKind::SetLit(items) => Ok(Value::set_from(self.eval_all(items, locals)?)),
            ExprKind::SetMap {
                bindings,
                filter,
                map,
            } => Ok(Value::set_from(self.mapped(bindings, filter, map, locals)?)),
            ExprKind::SetFilter(binding, filter) => self.filter(binding, filter, locals),
            ExprKind::SeqMap {
                binding,
                filter,
                map,
            } => {
                let out = self.mapped(std::slice::from_ref(binding), filter, map, locals)?;
                Ok(Value::Seq(out.into()))
            }
            ExprKind::Fold {
                acc,
                init,
                binding,
                body,
            } => {
                locals[acc.index()] = self.eval(init, locals)?;
                self.each(std::slice::from_ref(binding), locals, &mut |locals| {
                    locals[acc.index()] = self.eval(body, locals)?;
                    Ok(true)
                })?;
                Ok(std::mem::replace(
                    &mut locals[acc.index()],
                    Value::Bool(false),
                ))
            }
            ExprKind::Record(items) => Ok(Value::Record(self.eval_all(items, locals)?.into())),
            ExprKind::Variant(tag, items) => {
                Ok(Value::Variant(*tag, self.eval_all(items, locals)?.into()))
            }
            ExprKind::Some(x) => Ok(Value::Some(Arc::new(self.eval(x, locals)?))),
            ExprKind::MapLit(local, body) => {
                let Type::Map(key, _) = self.spec.ty(e.ty) else {
                    return internal("a map type", e.span);
                };
                let keys = self.values_of(*key, e.span)?;
                let mut slots = Vec::with_capacity(keys.len());
                for k in keys.iter() {
                    locals[local.index()] = k.clone();
                    slots.push(self.eval(body, locals)?);
                }
                Ok(Value::Map(slots.into()))
            }
            ExprKind::SeqLit(items) => Ok(Value::Seq(self.eval_all(items, locals)?.into())),
            ExprKind::Field(x, i) => match self.eval(x, locals)? {
                Value::Record(items) => match items.get(*i as usize) {
                    Some(v) => Ok(v.clone()),
                    None => internal("a record field", e.span),
                },
                _ => internal("a record", x.span),
            },
            ExprKind::VariantField(x, per_tag) => self.variant_field(x, per_tag, e.span, locals),
            ExprKind::Index(m, k) => self.index(m, k, locals),
            ExprKind::Match(x, p) => {
                let value = self.eval(x, locals)?;
                Ok(Value::Bool(pattern::bind(p, &value, locals)))
            }
            ExprKind::Pick(binding, cond) => self.pick(binding, cond, e.span, locals),
            ExprKind::Refines(check, xs) => self.refines(*check, xs, e.span, locals),
            ExprKind::StepIs(ids) => match self.step {
                Some(action) => Ok(Value::Bool(ids.contains(&action))),
                None => internal("the action of a step", e.span),
            },
            ExprKind::Next(x) => {
                if self.next.len() != self.vars.len() {
                    return internal("the state after a step", e.span);
                }
                let after = Env {
                    vars: self.next,
                    ..*self
                };
                after.eval(x, locals)
            }
            ExprKind::Is(x, tag) => match self.eval(x, locals)? {
                Value::Variant(t, _) => Ok(Value::Bool(t == *tag)),
                _ => internal("a union value", x.span),
            },
            ExprKind::Card(x) => match self.eval(x, locals)?.as_elements() {
                Some(items) => Ok(Value::Int(items.len() as i64)),
                None => internal("a set or a sequence", x.span),
            },
            ExprKind::Call(f, args) => {
                let def = &self.spec.fns[f.index()];
                let mut frame = vec![Value::Bool(false); def.frame.locals.len()];
                for ((slot, arg), param) in frame.iter_mut().zip(args).zip(&def.frame.locals) {
                    let value = self.eval(arg, locals)?;
                    let what = || format!("the argument `{}` of `{}`", param.name, def.name);
                    self.within(param.ty, &value, what, arg.span, true)?;
                    *slot = value;
                }
                let value = self.eval(&def.body, &mut frame)?;
                let what = || format!("the result of `{}`", def.name);
                self.within(def.result, &value, what, e.span, false)?;
                Ok(value)
            }
            ExprKind::Builtin(b, args) => self.builtin(*b, args, e.span, locals),
            ExprKind::AllOf(ty) => self.all_of(*ty, e.span),
        }
    }

    /// A runtime error unless `value` belongs to the declared type `ty` of
    /// a function's parameter (`argument`) or result.
    fn within(
        &self,
        ty: TypeId,
        value: &Value,
        what: impl FnOnce() -> String,
        span: Span,
        argument: bool,
    ) -> Result<(), RuntimeError> {
        let Err(why) = fit::fits(self.spec, ty, value) else {
            return Ok(());
        };
        let kind = RuntimeErrorKind::CallOutsideType {
            what: what().into(),
            value: show::value(self.spec, ty, value).into(),
            ty: show::type_name(self.spec, ty).into(),
            why: why.into(),
            argument,
        };
        Err(RuntimeError::new(kind, span))
    }

    /// Evaluate a boolean expression.
    pub fn eval_bool(&self, e: &Expr, locals: &mut [Value]) -> Result<bool, RuntimeError> {
        match self.eval(e, locals)? {
            Value::Bool(b) => Ok(b),
            _ => internal("a boolean", e.span),
        }
    }

    /// Evaluate an integer expression.
    pub fn eval_int(&self, e: &Expr, locals: &mut [Value]) -> Result<i64, RuntimeError> {
        match self.eval(e, locals)? {
            Value::Int(i) => Ok(i),
            _ => internal("an integer", e.span),
        }
    }

    /// The elements of a set expression (or the items of a sequence).
    pub fn elements(&self, e: &Expr, locals: &mut [Value]) -> Result<Arc<[Value]>, RuntimeError> {
        match self.eval(e, locals)? {
            Value::Set(items) | Value::Seq(items) => Ok(items),
            _ => internal("a set", e.span),
        }
    }

    /// A `refines` check: the mapping `xs` (then, for a step, the same
    /// under `next`) carried into the abstract spec and tested there.
    fn refines(
        &self,
        check: RefinesCheck,
        xs: &[Expr],
        span: Span,
        locals: &mut [Value],
    ) -> Result<Value, RuntimeError> {
        let Some(abs) = self.tables.refinement(self.spec) else {
            return internal("a spec that refines another", span);
        };
        let (now, next) = xs.split_at(abs.model.spec.vars.len().min(xs.len()));
        let before = abs.convert(self.spec, now, &self.eval_all(now, locals)?)?;
        let before = abs.pack(&before)?;
        let holds = match check {
            RefinesCheck::Initial => abs.is_initial(&before)?,
            RefinesCheck::Step => {
                let after = abs.convert(self.spec, now, &self.eval_all(next, locals)?)?;
                let after = abs.pack(&after)?;
                before == after || abs.steps_to(&before, &after, None)?
            }
        };
        Ok(Value::Bool(holds))
    }

    fn eval_all(&self, items: &[Expr], locals: &mut [Value]) -> Result<Vec<Value>, RuntimeError> {
        items.iter().map(|x| self.eval(x, locals)).collect()
    }

    /// Run `f` once per combination of the bindings (nested in order, each
    /// domain evaluated with the earlier ones bound, elements that do not
    /// match skipped) until it returns `false`. Returns `false` if stopped.
    pub fn each(
        &self,
        bindings: &[Binding],
        locals: &mut [Value],
        f: &mut dyn FnMut(&mut [Value]) -> Result<bool, RuntimeError>,
    ) -> Result<bool, RuntimeError> {
        let Some((first, rest)) = bindings.split_first() else {
            return f(locals);
        };
        let elems = self.elements(&first.domain, locals)?;
        for elem in elems.iter() {
            if pattern::bind(&first.pattern, elem, locals) && !self.each(rest, locals, f)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn quantify(
        &self,
        q: Quant,
        bindings: &[Binding],
        body: &Expr,
        locals: &mut [Value],
    ) -> Result<Value, RuntimeError> {
        // `exists` stops at the first true body, `forall` at the first false.
        let stop_at = matches!(q, Quant::Exists);
        let finished = self.each(bindings, locals, &mut |locals| {
            Ok(self.eval_bool(body, locals)? != stop_at)
        })?;
        Ok(Value::Bool(finished != stop_at))
    }

    /// `pick x in S: P`: the first element (sets are in value order) that
    /// makes `P` true.
    fn pick(
        &self,
        binding: &Binding,
        cond: &Expr,
        span: Span,
        locals: &mut [Value],
    ) -> Result<Value, RuntimeError> {
        let elems = self.elements(&binding.domain, locals)?;
        for elem in elems.iter() {
            if pattern::bind(&binding.pattern, elem, locals) && self.eval_bool(cond, locals)? {
                return Ok(elem.clone());
            }
        }
        let empty = elems.is_empty();
        let at = match (empty, &cond.kind) {
            (true, _) => binding.domain.span,
            (false, ExprKind::Lit(_)) => span,
            (false, _) => cond.span,
        };
        fail(RuntimeErrorKind::NothingToPick { empty }, at)
    }

    /// `map` for every binding of `bindings` that passes `filter`, in
    /// order (a set or sequence comprehension's items).
    fn mapped(
        &self,
        bindings: &[Binding],
        filter: &Option<Box<Expr>>,
        map: &Expr,
        locals: &mut [Value],
    ) -> Result<Vec<Value>, RuntimeError> {
        let mut out = Vec::new();
        self.each(bindings, locals, &mut |locals| {
            if let Some(filter) = filter
                && !self.eval_bool(filter, locals)?
            {
                return Ok(true);
            }
            out.push(self.eval(map, locals)?);
            Ok(true)
        })?;
        Ok(out)
    }

    fn filter(
        &self,
        binding: &Binding,
        filter: &Expr,
        locals: &mut [Value],
    ) -> Result<Value, RuntimeError> {
        let source = self.eval(&binding.domain, locals)?;
        let Some(items) = source.as_elements() else {
            return internal("a set", binding.domain.span);
        };
        let mut out = Vec::new();
        for item in items {
            if pattern::bind(&binding.pattern, item, locals) && self.eval_bool(filter, locals)? {
                out.push(item.clone());
            }
        }
        match source {
            // A subsequence of a sorted set is sorted.
            Value::Set(_) => Ok(Value::Set(out.into())),
            _ => Ok(Value::set_from(out)),
        }
    }

    fn binary(
        &self,
        op: BinOp,
        a: &Expr,
        b: &Expr,
        span: Span,
        locals: &mut [Value],
    ) -> Result<Value, RuntimeError> {
        match op {
            BinOp::And => {
                return Ok(Value::Bool(
                    self.eval_bool(a, locals)? && self.eval_bool(b, locals)?,
                ));
            }
            BinOp::Or => {
                return Ok(Value::Bool(
                    self.eval_bool(a, locals)? || self.eval_bool(b, locals)?,
                ));
            }
            BinOp::Implies => {
                return Ok(Value::Bool(
                    !self.eval_bool(a, locals)? || self.eval_bool(b, locals)?,
                ));
            }
            _ => {}
        }
        let x = self.eval(a, locals)?;
        let y = self.eval(b, locals)?;
        let Some(binary) = op.binary() else {
            return internal("a binary operator", span);
        };
        value_ops::binary(binary, &x, &y).map_err(|error| {
            // Division by zero is the divisor's fault.
            let at = match error {
                value_ops::OpError::DivisionByZero => b.span,
                _ => span,
            };
            RuntimeError::new(error.into(), at)
        })
    }

    fn variant_field(
        &self,
        x: &Expr,
        per_tag: &[Option<u32>],
        span: Span,
        locals: &mut [Value],
    ) -> Result<Value, RuntimeError> {
        let Value::Variant(tag, items) = self.eval(x, locals)? else {
            return internal("a union value", x.span);
        };
        if let Some(Some(i)) = per_tag.get(tag as usize)
            && let Some(v) = items.get(*i as usize)
        {
            return Ok(v.clone());
        }
        let Type::Union { variants, .. } = self.spec.ty(x.ty) else {
            return internal("a union type", x.span);
        };
        let field = per_tag
            .iter()
            .zip(variants)
            .find_map(|(i, v)| Some(v.fields.get((*i)? as usize)?.name.clone()))
            .unwrap_or_default();
        let tag = variants
            .get(tag as usize)
            .map(|v| v.name.clone())
            .unwrap_or_default();
        fail(RuntimeErrorKind::MissingField { field, tag }, span)
    }

    fn index(&self, m: &Expr, k: &Expr, locals: &mut [Value]) -> Result<Value, RuntimeError> {
        let container = self.eval(m, locals)?;
        let key = self.eval(k, locals)?;
        let slot = match (self.spec.ty(m.ty), &container) {
            (Type::Map(key_ty, _), Value::Map(_)) => {
                key_slot(self.spec, *key_ty, &key, k.ty, k.span)?
            }
            (Type::Seq(..), Value::Seq(items)) => seq_slot(&key, items.len(), k.span)?,
            _ => return internal("a map or a sequence", m.span),
        };
        match &container {
            Value::Map(items) | Value::Seq(items) => match items.get(slot) {
                Some(v) => Ok(v.clone()),
                None => internal("a slot for every key", m.span),
            },
            _ => internal("a map or a sequence", m.span),
        }
    }

    fn builtin(
        &self,
        b: Builtin,
        args: &[Expr],
        span: Span,
        locals: &mut [Value],
    ) -> Result<Value, RuntimeError> {
        if let Builtin::History(order, shape) = &b {
            return self.history(*order, shape, args, span, locals);
        }
        let values = self.eval_all(args, locals)?;
        let at = |i: usize| args.get(i).map_or(span, |a| a.span);
        match (b, values.as_slice()) {
            (Builtin::MinOf | Builtin::MaxOf, [Value::Set(items)]) => {
                match value_ops::extreme(items, b == Builtin::MaxOf) {
                    Ok(v) => Ok(v.clone()),
                    Err(error) => fail(error.into(), at(0)),
                }
            }
            (Builtin::Min2, [Value::Int(x), Value::Int(y)]) => Ok(Value::Int(*x.min(y))),
            (Builtin::Max2, [Value::Int(x), Value::Int(y)]) => Ok(Value::Int(*x.max(y))),
            (Builtin::Len, [Value::Seq(items)]) => Ok(Value::Int(items.len() as i64)),
            (Builtin::Head, [Value::Seq(items)]) => match value_ops::head(items) {
                Ok(v) => Ok(v.clone()),
                Err(error) => fail(error.into(), at(0)),
            },
            (Builtin::Tail, [Value::Seq(items)]) => {
                value_ops::tail(items).map_err(|error| RuntimeError::new(error.into(), at(0)))
            }
            (Builtin::Append, [Value::Seq(items), x]) => {
                let Some(Type::Seq(_, bound)) = args.first().map(|s| self.spec.ty(s.ty)) else {
                    return internal("a sequence type", span);
                };
                value_ops::append(items, x, *bound)
                    .map_err(|error| RuntimeError::new(error.into(), span))
            }
            (Builtin::Concat, [Value::Seq(s), Value::Seq(t)]) => Ok(value_ops::concat(s, t)),
            (Builtin::Sub, [Value::Seq(items), Value::Int(i), Value::Int(j)]) => {
                value_ops::sub(items, *i, *j).map_err(|error| RuntimeError::new(error.into(), span))
            }
            (Builtin::Subsets, [Value::Set(items)]) => {
                value_ops::subsets(items).map_err(|error| RuntimeError::new(error.into(), span))
            }
            _ => internal("arguments of the built-in's types", span),
        }
    }

    /// Every value of a type, in index order (the order of map slots).
    pub fn values_of(&self, ty: TypeId, span: Span) -> Result<Arc<[Value]>, RuntimeError> {
        let cached = self.tables.values[ty.index()].get_or_init(|| {
            value_ops::type_size(domain::size(&self.spec.types, ty))
                .map(|_| domain::values(&self.spec.types, ty).into())
                .map_err(RuntimeErrorKind::from)
        });
        cached.clone().map_err(|kind| RuntimeError::new(kind, span))
    }

    /// A type's values as a set (`AllOf(T)`).
    fn all_of(&self, ty: TypeId, span: Span) -> Result<Value, RuntimeError> {
        if let Some(set) = self.tables.sets[ty.index()].get() {
            return Ok(set.clone());
        }
        let values = self.values_of(ty, span)?;
        Ok(self.tables.sets[ty.index()]
            .get_or_init(|| Value::set_from(values.to_vec()))
            .clone())
    }
}

/// The slot of a 0-based sequence index.
pub fn seq_slot(index: &Value, len: usize, span: Span) -> Result<usize, RuntimeError> {
    match index {
        Value::Int(i) if *i >= 0 && (*i as u64) < len as u64 => Ok(*i as usize),
        Value::Int(i) => fail(RuntimeErrorKind::IndexOutOfRange { index: *i, len }, span),
        _ => internal("an integer index", span),
    }
}

/// The slot of `key` in a map keyed by `key_ty`; outside the key type
/// is an error at the key expression (of type `key_expr_ty`, at `span`).
pub fn key_slot(
    spec: &Spec,
    key_ty: TypeId,
    key: &Value,
    key_expr_ty: TypeId,
    span: Span,
) -> Result<usize, RuntimeError> {
    match domain::index_of(&spec.types, key_ty, key) {
        Some(i) => Ok(i as usize),
        None => {
            let kind = RuntimeErrorKind::OutsideDomain {
                key: show::value(spec, key_expr_ty, key),
                ty: show::type_name(spec, key_ty),
            };
            fail(kind, span)
        }
    }
}
