//! Testing an action's first guard for every value of its first parameter
//! at once. `action Prepare(r: RM) { require rm_state[r] == working ... }`
//! is tried for each `r`, and most tries fail on that first test; the
//! sieve reads the slots of `rm_state` (compared with `==`, `!=`, or for
//! integers `<` and the like; or the bits of a set, for `require p in
//! alive`) for all values of `r` in one loop, and the action runs
//! only for the values that pass, without evaluating the test's
//! expression tree once per value.
//!
//! A sieve replaces the first of the tests hoisted to the first parameter
//! (`pre[1][0]`, see `hoist.rs`), which is the first thing evaluated for
//! each value: the values it lets through, in the same order, are the
//! ones that went on before, and it cannot fail where the test could not
//! (every index it reads is one the test would have read).

use std::sync::Arc;

use crate::compile::bits;
use crate::compile::fast::eval::compare_code;
use crate::compile::fast::info::Elem;
use crate::compile::fast::machine::Machine;
use crate::compile::fast::node::{
    At, Bind, BoolExpr, CodeExpr, Dom, Equality, IntExpr, Membership, Pat, ScalarExpr,
};
use crate::value::ops::Comparison;

/// A first parameter's first test, done for all its values at once.
#[derive(Debug)]
pub struct Sieve {
    /// The parameter's scalar slot.
    pub slot: u32,
    /// The values to try (by index), before the test.
    candidates: Candidates,
    /// The test.
    test: Test,
}

/// Where the first parameter's values come from.
#[derive(Debug)]
enum Candidates {
    /// Every value of a type.
    All(Arc<Elem>),
    /// A constant set's bits.
    Bits(u64, Arc<Elem>),
    /// The `n` integers from `lo` (a range with constant bounds).
    Range(i64, u64),
}

impl Candidates {
    /// How many values there are (at most 64).
    fn n(&self) -> u64 {
        match self {
            Candidates::All(elem) | Candidates::Bits(_, elem) => elem.n,
            Candidates::Range(_, n) => *n,
        }
    }

    /// The scalar of the value of index `i`, and the parameter's argument
    /// as [`params`](super::params) records it (an integer's value, else
    /// its index).
    #[inline]
    fn value(&self, i: u64) -> (u64, u64) {
        match self {
            Candidates::All(elem) | Candidates::Bits(_, elem) => (elem.scalar(i), i),
            Candidates::Range(lo, _) => {
                let v = lo.wrapping_add(i as i64) as u64;
                (v, v)
            }
        }
    }
}

/// What the sieve tests for a value of index `i`.
#[derive(Debug)]
enum Test {
    /// `m[p] op k`: the code in the slot at `base + i * stride`.
    Slot {
        base: u64,
        stride: u64,
        width: u32,
        holds: SlotTest,
    },
    /// `p in S` (or `not in`): bit `base + i`.
    Member { op: Membership, base: u64, n: u32 },
}

/// How a slot's code is tested.
#[derive(Clone, Copy, Debug)]
enum SlotTest {
    /// `==` or `!=` a code (`CodeEqConst`).
    Equal(Equality, u64),
    /// A comparison of an integer's code (`CompareCode`).
    Compare(Comparison, i64),
}

impl SlotTest {
    #[inline]
    fn holds(self, code: u64) -> bool {
        match self {
            SlotTest::Equal(op, k) => op.holds(code == k),
            SlotTest::Compare(op, k) => compare_code(op, code, k),
        }
    }
}

impl Sieve {
    /// The sieve for the first parameter of an action with these
    /// parameters and hoisted tests, if its first test has a form the
    /// sieve knows and reads by the parameter's own index.
    pub fn new(params: &[Bind], pre: &[Vec<BoolExpr>]) -> Option<Sieve> {
        let first = params.first()?;
        let Pat::Bind(slot) = first.pat else {
            return None;
        };
        let candidates = match &first.dom {
            Dom::All(elem) if elem.n <= 64 && elem.order.is_none() => Candidates::All(elem.clone()),
            Dom::Bits(word, elem) if elem.n <= 64 && elem.order.is_none() => {
                Candidates::Bits(*word, elem.clone())
            }
            Dom::Ints(IntExpr::Const(lo), IntExpr::Const(hi))
                if *lo <= *hi && hi.checked_sub(*lo).is_some_and(|d| d < 64) =>
            {
                Candidates::Range(*lo, (hi - lo + 1) as u64)
            }
            _ => return None,
        };
        let n = candidates.n();
        let scalar = |i| candidates.value(i).0;
        // Whether a map slot keyed by the parameter is found by its index.
        let by_index = |at: &At| {
            at.slot == slot
                && (0..n).all(|i| (scalar(i) as i64).wrapping_sub(at.lo) as u64 == i && i < at.n)
        };
        let slot_test = |at: &At, holds| Test::Slot {
            base: at.base,
            stride: at.stride,
            width: at.width,
            holds,
        };
        let test = match pre.get(1)?.first()? {
            BoolExpr::CodeEqConst(op, x, k) => match &**x {
                CodeExpr::At(at) if by_index(at) => slot_test(at, SlotTest::Equal(*op, *k)),
                _ => return None,
            },
            BoolExpr::CompareCode(op, x, k) => match &**x {
                CodeExpr::At(at) if by_index(at) => slot_test(at, SlotTest::Compare(*op, *k)),
                _ => return None,
            },
            BoolExpr::InVar(op, x, set, base) => match &**x {
                ScalarExpr::Code(CodeExpr::Local(s)) | ScalarExpr::Int(IntExpr::Local(s))
                    if *s == slot && (0..n).all(|i| set.index(scalar(i)) == Some(i)) =>
                {
                    Test::Member {
                        op: *op,
                        base: *base,
                        n: n as u32,
                    }
                }
                _ => return None,
            },
            _ => return None,
        };
        Some(Sieve {
            slot,
            candidates,
            test,
        })
    }

    /// The scalar of the value of index `i` and its argument (see
    /// [`Candidates::value`]).
    #[inline]
    pub fn value(&self, i: u64) -> (u64, u64) {
        self.candidates.value(i)
    }

    /// The indices of the values that pass, as bits.
    #[inline]
    pub fn passing(&self, m: &Machine) -> u64 {
        let candidates = match self.candidates {
            Candidates::Bits(word, _) => word,
            _ => bits::mask(self.candidates.n() as u32),
        };
        match self.test {
            Test::Slot {
                base,
                stride,
                width,
                holds,
            } => {
                let (mut left, mut pass) = (candidates, 0);
                while left != 0 {
                    let i = u64::from(left.trailing_zeros());
                    left &= left - 1;
                    let v = bits::read(&m.buf, base + i * stride, width);
                    pass |= u64::from(holds.holds(v)) << i;
                }
                pass
            }
            Test::Member { op, base, n } => {
                let set = bits::read(&m.buf, base, n);
                candidates
                    & match op {
                        Membership::In => set,
                        Membership::NotIn => !set,
                    }
            }
        }
    }
}
