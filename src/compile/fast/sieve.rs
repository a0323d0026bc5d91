//! Testing an action's first guard for every value of its first parameter
//! at once. `action Prepare(r: RM) { require rm_state[r] == working ... }`
//! is tried for each `r`, and most tries fail on that first test; the
//! sieve reads the slots of `rm_state` (or the bits of a set, for `require
//! p in alive`) for all values of `r` in one loop, and the action runs
//! only for the values that pass, without evaluating the test's
//! expression tree once per value.
//!
//! A sieve replaces the first of the tests hoisted to the first parameter
//! (`pre[1][0]`, see `hoist.rs`), which is the first thing evaluated for
//! each value: the values it lets through, in the same order, are the
//! ones that went on before, and it cannot fail where the test could not
//! (every index it reads is one the test would have read).

use crate::compile::bits;
use crate::compile::fast::machine::Machine;
use crate::compile::fast::node::{
    Bind, BoolExpr, CodeExpr, Dom, Equality, IntExpr, Membership, Pat, ScalarExpr,
};

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
    /// Every value of a type of `n` values.
    All(u64),
    /// A constant set's bits.
    Bits(u64),
}

/// What the sieve tests for a value of index `i`.
#[derive(Debug)]
enum Test {
    /// `m[p] == k` (or `!=`): the slot at `base + i * stride`.
    Slot {
        op: Equality,
        base: u64,
        stride: u64,
        width: u32,
        k: u64,
    },
    /// `p in S` (or `not in`): bit `base + i`.
    Member { op: Membership, base: u64, n: u32 },
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
        let (candidates, elem) = match &first.dom {
            Dom::All(elem) if elem.n <= 64 => (Candidates::All(elem.n), elem),
            Dom::Bits(word, elem) if elem.n <= 64 => (Candidates::Bits(*word), elem),
            _ => return None,
        };
        if elem.order.is_some() {
            return None;
        }
        let indices = 0..elem.n;
        let test = match pre.get(1)?.first()? {
            BoolExpr::CodeEqConst(op, x, k) => match &**x {
                CodeExpr::At(at)
                    if at.slot == slot
                        && indices.clone().all(|i| {
                            (elem.scalar(i) as i64).wrapping_sub(at.lo) as u64 == i && i < at.n
                        }) =>
                {
                    Test::Slot {
                        op: *op,
                        base: at.base,
                        stride: at.stride,
                        width: at.width,
                        k: *k,
                    }
                }
                _ => return None,
            },
            BoolExpr::InVar(op, x, set, base) => match &**x {
                ScalarExpr::Code(CodeExpr::Local(s)) | ScalarExpr::Int(IntExpr::Local(s))
                    if *s == slot
                        && indices
                            .clone()
                            .all(|i| set.index(elem.scalar(i)) == Some(i)) =>
                {
                    Test::Member {
                        op: *op,
                        base: *base,
                        n: elem.n as u32,
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

    /// The indices of the values that pass, as bits.
    #[inline]
    pub fn passing(&self, m: &Machine) -> u64 {
        let candidates = match self.candidates {
            Candidates::All(n) => bits::mask(n as u32),
            Candidates::Bits(word) => word,
        };
        match self.test {
            Test::Slot {
                op,
                base,
                stride,
                width,
                k,
            } => {
                let (mut left, mut pass) = (candidates, 0);
                while left != 0 {
                    let i = u64::from(left.trailing_zeros());
                    left &= left - 1;
                    let v = bits::read(&m.buf, base + i * stride, width);
                    pass |= u64::from(op.holds(v == k)) << i;
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
