//! What the operators mean on values: integer arithmetic and comparison.
//! The one definition of these rules; constant folding (`check::eval`),
//! the reference interpreter (`compile::eval`) and the fast evaluator
//! (`compile::fast`) all call it, so a constant and the same expression
//! computed during the run always agree.
//!
//! Input: operands already evaluated. Output: the result, or an
//! [`OpError`] that the caller words for its stage and places at a span.
//!
//! Integers are 64-bit, and leaving that range is an error, never a wrap.
//! Division and remainder both round toward negative infinity (floor), so
//! `(a / b) * b + a % b == a` for every `b != 0`: `7 / -2 == -4` and
//! `7 % -2 == -1`; the remainder takes the divisor's sign. For a positive
//! divisor this is TLA+'s `\div` and `%`.

/// An arithmetic operator on integers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arith {
    /// `a + b`.
    Add,
    /// `a - b`.
    Sub,
    /// `a * b`.
    Mul,
    /// `a / b`, rounding toward negative infinity.
    Div,
    /// `a % b`, with the sign of `b` (`a - (a / b) * b`).
    Mod,
}

impl Arith {
    /// The operator as written in a spec.
    pub fn symbol(self) -> &'static str {
        match self {
            Arith::Add => "+",
            Arith::Sub => "-",
            Arith::Mul => "*",
            Arith::Div => "/",
            Arith::Mod => "%",
        }
    }
}

/// A comparison of two integers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Comparison {
    /// `a == b`.
    Eq,
    /// `a != b`.
    Ne,
    /// `a < b`.
    Lt,
    /// `a <= b`.
    Le,
    /// `a > b`.
    Gt,
    /// `a >= b`.
    Ge,
}

/// Why an operation has no result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpError {
    /// The result is not a 64-bit integer (`op` as written: `+`, `-`, ...).
    Overflow {
        /// The operator.
        op: &'static str,
    },
    /// `a / 0` or `a % 0`.
    DivisionByZero,
}

impl std::fmt::Display for OpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpError::Overflow { op } => write!(f, "integer overflow in `{op}`"),
            OpError::DivisionByZero => write!(f, "division by zero"),
        }
    }
}

/// `a op b` on integers.
pub fn arith(op: Arith, a: i64, b: i64) -> Result<i64, OpError> {
    let overflow = OpError::Overflow { op: op.symbol() };
    match op {
        Arith::Add => a.checked_add(b).ok_or(overflow),
        Arith::Sub => a.checked_sub(b).ok_or(overflow),
        Arith::Mul => a.checked_mul(b).ok_or(overflow),
        Arith::Div if b == 0 => Err(OpError::DivisionByZero),
        Arith::Div => floor_div(a, b).ok_or(overflow),
        Arith::Mod if b == 0 => Err(OpError::DivisionByZero),
        Arith::Mod => Ok(floor_mod(a, b)),
    }
}

/// `-a`.
pub fn neg(a: i64) -> Result<i64, OpError> {
    a.checked_neg().ok_or(OpError::Overflow { op: "-" })
}

/// `a op b` on integers.
pub fn compare(op: Comparison, a: i64, b: i64) -> bool {
    match op {
        Comparison::Eq => a == b,
        Comparison::Ne => a != b,
        Comparison::Lt => a < b,
        Comparison::Le => a <= b,
        Comparison::Gt => a > b,
        Comparison::Ge => a >= b,
    }
}

/// Division rounding toward negative infinity; `None` for a zero divisor
/// or `i64::MIN / -1`.
fn floor_div(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    if a % b != 0 && ((a < 0) != (b < 0)) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

/// The remainder of [`floor_div`] (`b != 0`): `a - floor_div(a, b) * b`,
/// which has the sign of `b` and never overflows (`i64::MIN % -1 == 0`).
fn floor_mod(a: i64, b: i64) -> i64 {
    let r = a.wrapping_rem(b);
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn division_and_remainder_round_down_for_every_sign() {
        // (a, b, a / b, a % b)
        let table = [
            (7, 2, 3, 1),
            (-7, 2, -4, 1),
            (7, -2, -4, -1),
            (-7, -2, 3, -1),
            (6, 3, 2, 0),
            (-6, 3, -2, 0),
            (6, -3, -2, 0),
            (-6, -3, 2, 0),
            (0, 5, 0, 0),
            (0, -5, 0, 0),
            (7, -3, -3, -2),
            (1, 7, 0, 1),
            (-1, 7, -1, 6),
        ];
        for (a, b, q, r) in table {
            assert_eq!(arith(Arith::Div, a, b), Ok(q), "{a} / {b}");
            assert_eq!(arith(Arith::Mod, a, b), Ok(r), "{a} % {b}");
        }
    }

    #[test]
    fn quotient_and_remainder_rebuild_the_dividend() {
        let values = [
            i64::MIN,
            i64::MIN + 1,
            -9,
            -7,
            -3,
            -2,
            -1,
            0,
            1,
            2,
            3,
            7,
            9,
            i64::MAX,
        ];
        for a in values {
            for b in values.into_iter().filter(|&b| b != 0) {
                let r = arith(Arith::Mod, a, b).expect("a remainder always exists");
                assert!(r == 0 || (r < 0) == (b < 0), "{a} % {b} = {r}");
                assert!(r.unsigned_abs() < b.unsigned_abs(), "{a} % {b} = {r}");
                if let Ok(q) = arith(Arith::Div, a, b) {
                    let rebuilt = i128::from(q) * i128::from(b) + i128::from(r);
                    assert_eq!(rebuilt, i128::from(a), "{a} / {b} = {q}, {a} % {b} = {r}");
                }
            }
        }
    }

    #[test]
    fn errors_are_division_by_zero_and_overflow() {
        assert_eq!(arith(Arith::Div, 1, 0), Err(OpError::DivisionByZero));
        assert_eq!(arith(Arith::Mod, 1, 0), Err(OpError::DivisionByZero));
        assert_eq!(
            arith(Arith::Div, i64::MIN, -1),
            Err(OpError::Overflow { op: "/" })
        );
        assert_eq!(arith(Arith::Mod, i64::MIN, -1), Ok(0));
        assert_eq!(
            arith(Arith::Mul, i64::MAX, 2),
            Err(OpError::Overflow { op: "*" })
        );
        assert_eq!(
            arith(Arith::Add, i64::MAX, 1),
            Err(OpError::Overflow { op: "+" })
        );
        assert_eq!(neg(i64::MIN), Err(OpError::Overflow { op: "-" }));
        assert_eq!(OpError::DivisionByZero.to_string(), "division by zero");
    }

    #[test]
    fn comparisons() {
        assert!(compare(Comparison::Lt, -1, 0) && !compare(Comparison::Lt, 0, 0));
        assert!(compare(Comparison::Le, 0, 0) && compare(Comparison::Ge, 0, 0));
        assert!(compare(Comparison::Gt, 1, 0) && compare(Comparison::Ne, 1, 0));
        assert!(compare(Comparison::Eq, 5, 5));
    }
}
