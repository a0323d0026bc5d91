//! Computing constant expressions at check time: literals, constants,
//! operators, conditionals, `pick` and a few built-ins over [`Value`]s. What the
//! operators mean, and how large a set may be, is [`crate::value::ops`]'s,
//! as during the run.

use super::Checker;
use crate::check::domain;
use crate::check::ir::{self, BinOp, Builtin, ExprKind};
use crate::value::Value;
use crate::value::ops;

impl Checker<'_> {
    /// Compute a checked constant expression whose locals (those of a
    /// `pick`) are numbered below `locals`.
    pub(super) fn eval(&self, e: &ir::Expr, locals: usize) -> Result<Value, String> {
        self.eval_in(e, &mut vec![Value::Bool(false); locals])
    }

    pub(super) fn eval_in(&self, e: &ir::Expr, locals: &mut [Value]) -> Result<Value, String> {
        let mut all = |items: &[ir::Expr]| -> Result<Vec<Value>, String> {
            items.iter().map(|x| self.eval_in(x, locals)).collect()
        };
        Ok(match &e.kind {
            ExprKind::Lit(v) => v.clone(),
            ExprKind::Local(l) => locals
                .get(l.index())
                .cloned()
                .ok_or("a local outside its frame")?,
            ExprKind::Neg(x) => {
                Value::Int(ops::neg(int(&self.eval_in(x, locals)?)?).map_err(reason)?)
            }
            ExprKind::Not(x) => Value::Bool(!boolean(&self.eval_in(x, locals)?)?),
            ExprKind::Bin(op, a, b) => self.eval_bin(*op, a, b, locals)?,
            ExprKind::If(c, a, b) => {
                if boolean(&self.eval_in(c, locals)?)? {
                    self.eval_in(a, locals)?
                } else {
                    self.eval_in(b, locals)?
                }
            }
            ExprKind::SetLit(items) => Value::set_from(all(items)?),
            ExprKind::SeqLit(items) => Value::Seq(all(items)?.into()),
            ExprKind::Record(items) => Value::Record(all(items)?.into()),
            ExprKind::Variant(tag, items) => Value::Variant(*tag, all(items)?.into()),
            ExprKind::Some(x) => Value::Some(std::sync::Arc::new(self.eval_in(x, locals)?)),
            ExprKind::Card(x) => Value::Int(elements(&self.eval_in(x, locals)?)?.len() as i64),
            ExprKind::AllOf(t) => {
                ops::type_size(domain::size(&self.types.list, *t)).map_err(reason)?;
                Value::set_from(domain::values(&self.types.list, *t))
            }
            ExprKind::Builtin(b, args) => {
                let values = all(args)?;
                self.eval_builtin(*b, args, &values)?
            }
            ExprKind::Pick(binding, cond) => self.eval_pick(binding, cond, locals)?,
            ExprKind::SeqMap {
                binding,
                filter,
                map,
            } => {
                let mut out = Vec::new();
                self.eval_each(binding, locals, &mut |locals| {
                    if let Some(f) = filter
                        && !boolean(&self.eval_in(f, locals)?)?
                    {
                        return Ok(());
                    }
                    out.push(self.eval_in(map, locals)?);
                    Ok(())
                })?;
                Value::Seq(out.into())
            }
            ExprKind::Fold {
                acc,
                init,
                binding,
                body,
            } => {
                let first = self.eval_in(init, locals)?;
                *local(locals, *acc)? = first;
                self.eval_each(binding, locals, &mut |locals| {
                    let next = self.eval_in(body, locals)?;
                    *local(locals, *acc)? = next;
                    Ok(())
                })?;
                local(locals, *acc)?.clone()
            }
            _ => {
                return Err(
                    "only literals, constants, operators and `pick` can be computed before the run"
                        .into(),
                );
            }
        })
    }

    /// `pick x in S: P`, as during the run: the least element of `S`
    /// satisfying `P`.
    fn eval_pick(
        &self,
        binding: &ir::Binding,
        cond: &ir::Expr,
        locals: &mut [Value],
    ) -> Result<Value, String> {
        let ir::PatternKind::Bind(l) = binding.pattern.kind else {
            return Err("a `pick` with a pattern".into());
        };
        let set = self.eval_in(&binding.domain, locals)?;
        let items = elements(&set)?;
        for item in items {
            let slot = locals
                .get_mut(l.index())
                .ok_or("a local outside its frame")?;
            *slot = item.clone();
            if boolean(&self.eval_in(cond, locals)?)? {
                return Ok(item.clone());
            }
        }
        Err(match items {
            [] => "`pick` from an empty set".into(),
            _ => "`pick` found no element that satisfies its condition".into(),
        })
    }

    /// Run `f` with each item of a sequence (or element of a set) bound
    /// to the binding's name, in order (constants bind plain names only).
    fn eval_each(
        &self,
        binding: &ir::Binding,
        locals: &mut [Value],
        f: &mut dyn FnMut(&mut [Value]) -> Result<(), String>,
    ) -> Result<(), String> {
        let slot = match binding.pattern.kind {
            ir::PatternKind::Bind(l) if binding.pattern.alias.is_none() => Some(l),
            ir::PatternKind::Wildcard if binding.pattern.alias.is_none() => None,
            _ => return Err("a pattern other than a name".into()),
        };
        let items = self.eval_in(&binding.domain, locals)?;
        for item in elements(&items)? {
            if let Some(l) = slot {
                *local(locals, l)? = item.clone();
            }
            f(locals)?;
        }
        Ok(())
    }

    fn eval_bin(
        &self,
        op: BinOp,
        a: &ir::Expr,
        b: &ir::Expr,
        locals: &mut [Value],
    ) -> Result<Value, String> {
        let x = self.eval_in(a, locals)?;
        let short = match op {
            BinOp::And => Some(!boolean(&x)?),
            BinOp::Or | BinOp::Implies => Some(boolean(&x)? == (op == BinOp::Or)),
            _ => None,
        };
        match short {
            // `false and _`, `true or _`, `false => _` decide on the left.
            Some(true) => return Ok(Value::Bool(op == BinOp::Or || op == BinOp::Implies)),
            Some(false) => return Ok(Value::Bool(boolean(&self.eval_in(b, locals)?)?)),
            None => {}
        }
        let y = self.eval_in(b, locals)?;
        let op = op.binary().ok_or("a short-circuit operator")?;
        ops::binary(op, &x, &y).map_err(reason)
    }
}

impl Checker<'_> {
    /// A built-in on computed arguments (`args` are their expressions).
    fn eval_builtin(
        &self,
        b: Builtin,
        args: &[ir::Expr],
        values: &[Value],
    ) -> Result<Value, String> {
        let seq = |v: &Value| match v {
            Value::Seq(items) => Ok(items.clone()),
            _ => Err("expected a sequence".to_string()),
        };
        match (b, values) {
            (Builtin::MinOf | Builtin::MaxOf, [s]) => {
                ops::extreme(elements(s)?, b == Builtin::MaxOf)
                    .cloned()
                    .map_err(reason)
            }
            (Builtin::Min2, [a, b]) => Ok(Value::Int(int(a)?.min(int(b)?))),
            (Builtin::Max2, [a, b]) => Ok(Value::Int(int(a)?.max(int(b)?))),
            (Builtin::Subsets, [s]) => ops::subsets(elements(s)?).map_err(reason),
            (Builtin::Len, [s]) => Ok(Value::Int(seq(s)?.len() as i64)),
            (Builtin::Head, [s]) => ops::head(&seq(s)?).cloned().map_err(reason),
            (Builtin::Tail, [s]) => ops::tail(&seq(s)?).map_err(reason),
            (Builtin::Concat, [s, t]) => Ok(ops::concat(&seq(s)?, &seq(t)?)),
            (Builtin::Sub, [s, i, j]) => ops::sub(&seq(s)?, int(i)?, int(j)?).map_err(reason),
            (Builtin::Append, [s, x]) => match args.first().and_then(|a| self.types.get(a.ty)) {
                Some(ir::Type::Seq(_, bound)) => ops::append(&seq(s)?, x, *bound).map_err(reason),
                _ => Err("expected a sequence".into()),
            },
            _ => Err("a built-in with arguments of other kinds".into()),
        }
    }
}

/// An operation's error as the reason a constant cannot be computed.
fn reason(error: ops::OpError) -> String {
    error.to_string()
}

fn local(locals: &mut [Value], l: ir::LocalId) -> Result<&mut Value, String> {
    locals
        .get_mut(l.index())
        .ok_or_else(|| "a local outside its frame".into())
}

fn int(v: &Value) -> Result<i64, String> {
    v.as_int().ok_or_else(|| "expected an integer".into())
}

fn boolean(v: &Value) -> Result<bool, String> {
    v.as_bool().ok_or_else(|| "expected a boolean".into())
}

fn elements(v: &Value) -> Result<&[Value], String> {
    v.as_elements().ok_or_else(|| "expected a set".into())
}
