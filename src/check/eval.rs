//! Computing constant expressions at check time: literals, constants,
//! operators, conditionals and a few built-ins over [`Value`]s. What the
//! operators mean is [`crate::value::ops`]'s, as during the run.

use super::Checker;
use crate::check::domain;
use crate::check::ir::{self, BinOp, Builtin, ExprKind};
use crate::value::Value;
use crate::value::ops;

/// The most values a computed set may have.
const LIMIT: u64 = 65_536;

impl Checker<'_> {
    /// Compute a checked constant expression.
    pub(super) fn eval(&self, e: &ir::Expr) -> Result<Value, String> {
        let all = |items: &[ir::Expr]| -> Result<Vec<Value>, String> {
            items.iter().map(|x| self.eval(x)).collect()
        };
        Ok(match &e.kind {
            ExprKind::Lit(v) => v.clone(),
            ExprKind::Neg(x) => Value::Int(ops::neg(int(&self.eval(x)?)?).map_err(reason)?),
            ExprKind::Not(x) => Value::Bool(!boolean(&self.eval(x)?)?),
            ExprKind::Bin(op, a, b) => self.eval_bin(*op, a, b)?,
            ExprKind::If(c, a, b) => {
                if boolean(&self.eval(c)?)? {
                    self.eval(a)?
                } else {
                    self.eval(b)?
                }
            }
            ExprKind::SetLit(items) => Value::set_from(all(items)?),
            ExprKind::SeqLit(items) => Value::Seq(all(items)?.into()),
            ExprKind::Record(items) => Value::Record(all(items)?.into()),
            ExprKind::Variant(tag, items) => Value::Variant(*tag, all(items)?.into()),
            ExprKind::Some(x) => Value::Some(std::sync::Arc::new(self.eval(x)?)),
            ExprKind::Card(x) => Value::Int(elements(&self.eval(x)?)?.len() as i64),
            ExprKind::AllOf(t) => match domain::size(&self.types.list, *t) {
                Some(n) if n <= LIMIT => Value::set_from(domain::values(&self.types.list, *t)),
                _ => return Err("the type has too many values".into()),
            },
            ExprKind::Builtin(b, args) => eval_builtin(*b, &all(args)?)?,
            _ => {
                return Err(
                    "only literals, constants and operators can be computed before the run".into(),
                );
            }
        })
    }

    fn eval_bin(&self, op: BinOp, a: &ir::Expr, b: &ir::Expr) -> Result<Value, String> {
        let x = self.eval(a)?;
        match op {
            BinOp::And if !boolean(&x)? => return Ok(Value::Bool(false)),
            BinOp::Or if boolean(&x)? => return Ok(Value::Bool(true)),
            BinOp::Implies if !boolean(&x)? => return Ok(Value::Bool(true)),
            _ => {}
        }
        let y = self.eval(b)?;
        let ints = || -> Result<(i64, i64), String> { Ok((int(&x)?, int(&y)?)) };
        let set = |v: &Value| -> Result<Vec<Value>, String> { Ok(elements(v)?.to_vec()) };
        Ok(match op {
            BinOp::And | BinOp::Or | BinOp::Implies => Value::Bool(boolean(&y)?),
            BinOp::Eq => Value::Bool(x == y),
            BinOp::Ne => Value::Bool(x != y),
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                let (p, q) = ints()?;
                let op = op.comparison().ok_or("a comparison")?;
                Value::Bool(ops::compare(op, p, q))
            }
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Mod => {
                let (p, q) = ints()?;
                let op = op.arith().ok_or("an arithmetic operator")?;
                Value::Int(ops::arith(op, p, q).map_err(reason)?)
            }
            BinOp::Range => {
                let (lo, hi) = ints()?;
                if i128::from(hi) - i128::from(lo) >= i128::from(LIMIT) {
                    return Err("the range has too many values".into());
                }
                Value::set_from((lo..=hi).map(Value::Int).collect())
            }
            BinOp::In => Value::Bool(elements(&y)?.contains(&x)),
            BinOp::NotIn => Value::Bool(!elements(&y)?.contains(&x)),
            BinOp::Union => Value::set_from([set(&x)?, set(&y)?].concat()),
            BinOp::Intersect => {
                let ys = set(&y)?;
                Value::set_from(set(&x)?.into_iter().filter(|v| ys.contains(v)).collect())
            }
            BinOp::Diff => {
                let ys = set(&y)?;
                Value::set_from(set(&x)?.into_iter().filter(|v| !ys.contains(v)).collect())
            }
            BinOp::Subset | BinOp::ProperSubset | BinOp::Superset | BinOp::ProperSuperset => {
                let (xs, ys) = (set(&x)?, set(&y)?);
                let sub = |a: &[Value], b: &[Value]| a.iter().all(|v| b.contains(v));
                Value::Bool(match op {
                    BinOp::Subset => sub(&xs, &ys),
                    BinOp::ProperSubset => sub(&xs, &ys) && xs.len() < ys.len(),
                    BinOp::Superset => sub(&ys, &xs),
                    _ => sub(&ys, &xs) && ys.len() < xs.len(),
                })
            }
        })
    }
}

/// An operation's error as the reason a constant cannot be computed.
fn reason(error: ops::OpError) -> String {
    error.to_string()
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

fn eval_builtin(b: Builtin, args: &[Value]) -> Result<Value, String> {
    let ints = |v: &Value| -> Result<Vec<i64>, String> { elements(v)?.iter().map(int).collect() };
    match (b, args) {
        (Builtin::MinOf, [s]) => ints(s)?
            .into_iter()
            .min()
            .map(Value::Int)
            .ok_or_else(|| "min of an empty set".into()),
        (Builtin::MaxOf, [s]) => ints(s)?
            .into_iter()
            .max()
            .map(Value::Int)
            .ok_or_else(|| "max of an empty set".into()),
        (Builtin::Min2, [a, b]) => Ok(Value::Int(int(a)?.min(int(b)?))),
        (Builtin::Max2, [a, b]) => Ok(Value::Int(int(a)?.max(int(b)?))),
        _ => Err("this built-in is not computed before the run".into()),
    }
}
