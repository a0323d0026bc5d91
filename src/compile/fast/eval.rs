//! Evaluating compiled expressions on a [`Machine`]: the state words being
//! built or checked (`buf`), scalar locals, and an arena of words for wide
//! values (wide locals first, then temporaries used as a stack).
//!
//! Every function returns [`Bail`] where the reference interpreter would
//! report a runtime error (or where the fast path cannot go on); the
//! caller then redoes the whole state with the reference interpreter.

use crate::compile::bits;
use crate::compile::fast::iter::{comprehend, each_all, quant};
use crate::compile::fast::machine::{Machine, locate, read, read_path};
use crate::compile::fast::node::*;
use crate::value::ops;

pub use crate::compile::fast::wide::w;

/// A scalar.
#[inline(always)]
pub fn s(e: &S, m: &mut Machine) -> Res<u64> {
    match e {
        S::B(x) => Ok(u64::from(b(x, m)?)),
        S::I(x) => Ok(i(x, m)? as u64),
        S::C(x) => c(x, m),
    }
}

/// Bind a `let`.
pub fn let_(l: &Let, m: &mut Machine) -> Res<()> {
    match (&l.slot, &l.value) {
        (Slot::Scalar(at), X::S(x)) => {
            let v = s(x, m)?;
            m.locals[*at as usize] = v;
        }
        (Slot::Wide(at), X::W(x, words)) => {
            // Evaluate into a temporary: the value may read the local.
            let words = *words as usize;
            let t = m.alloc(words);
            w(x, m, t, words)?;
            m.arena.copy_within(t..t + words, *at as usize);
            m.arena.truncate(t);
        }
        _ => return Err(Bail),
    }
    Ok(())
}

/// A boolean (the common forms inline; the rest in [`b_rest`]).
#[inline]
pub fn b(e: &B, m: &mut Machine) -> Res<bool> {
    Ok(match e {
        B::Const(v) => *v,
        B::Local(at) => m.locals[*at as usize] != 0,
        B::Code(x) => c(x, m)? != 0,
        B::Not(x) => !b(x, m)?,
        B::And(x, y) => b(x, m)? && b(y, m)?,
        B::Or(x, y) => b(x, m)? || b(y, m)?,
        B::EqC(eq, x, y) => (c(x, m)? == c(y, m)?) == *eq,
        B::EqK(eq, x, k) => (c(x, m)? == *k) == *eq,
        B::Is(x, tag) => c(x, m)? == *tag,
        B::Implies(x, y) => !b(x, m)? || b(y, m)?,
        B::CmpI(op, x, y) => {
            let (x, y) = (i(x, m)?, i(y, m)?);
            ops::compare(*op, x, y)
        }
        B::InVar(yes, x, elem, base) => {
            let v = s(x, m)?;
            match elem.index(v) {
                None => !*yes,
                Some(idx) => bits::test(&m.buf, base + idx) == *yes,
            }
        }
        B::Let(l, x) => {
            let_(l, m)?;
            b(x, m)?
        }
        B::Quant(exists, binds, body) => {
            let stop_at = *exists;
            quant(binds, body, stop_at, m)? != stop_at
        }
        _ => b_rest(e, m)?,
    })
}

#[inline(never)]
fn b_rest(e: &B, m: &mut Machine) -> Res<bool> {
    Ok(match e {
        B::Const(v) => *v,
        B::Local(at) => m.locals[*at as usize] != 0,
        B::Code(x) => c(x, m)? != 0,
        B::Not(x) => !b(x, m)?,
        B::And(x, y) => b(x, m)? && b(y, m)?,
        B::Or(x, y) => b(x, m)? || b(y, m)?,
        B::Implies(x, y) => !b(x, m)? || b(y, m)?,
        B::CmpI(op, x, y) => {
            let (x, y) = (i(x, m)?, i(y, m)?);
            ops::compare(*op, x, y)
        }
        B::EqBool(eq, x, y) => (b(x, m)? == b(y, m)?) == *eq,
        B::EqC(eq, x, y) => (c(x, m)? == c(y, m)?) == *eq,
        B::EqK(eq, x, k) => (c(x, m)? == *k) == *eq,
        B::EqW(eq, x, y, words) => {
            let words = *words as usize;
            let t = m.alloc(2 * words);
            w(x, m, t, words)?;
            w(y, m, t + words, words)?;
            let same = m.arena[t..t + words] == m.arena[t + words..t + 2 * words];
            m.arena.truncate(t);
            same == *eq
        }
        B::In(yes, x, elem, set) => {
            let v = s(x, m)?;
            match elem.index(v) {
                None => !*yes,
                Some(idx) => (read_path_bit(set, m, idx)?) == *yes,
            }
        }
        B::InVar(yes, x, elem, base) => {
            let v = s(x, m)?;
            match elem.index(v) {
                None => !*yes,
                Some(idx) => bits::test(&m.buf, base + idx) == *yes,
            }
        }
        B::SubC(op, x, y) => {
            let (x, y) = (c(x, m)?, c(y, m)?);
            x & !y == 0 && (*op == SubOp::Subset || x != y)
        }
        B::SubW(op, x, y, words) => {
            let words = *words as usize;
            let t = m.alloc(2 * words);
            w(x, m, t, words)?;
            w(y, m, t + words, words)?;
            let (a, bb) = m.arena[t..t + 2 * words].split_at(words);
            let sub = a.iter().zip(bb).all(|(x, y)| x & !y == 0);
            let same = a == bb;
            m.arena.truncate(t);
            sub && (*op == SubOp::Subset || !same)
        }
        B::Quant(exists, binds, body) => {
            let stop_at = *exists;
            let finished = each_all(binds, m, &mut |m| Ok(b(body, m)? != stop_at))?;
            finished != stop_at
        }
        B::If(x, y, z) => {
            if b(x, m)? {
                b(y, m)?
            } else {
                b(z, m)?
            }
        }
        B::Let(l, x) => {
            let_(l, m)?;
            b(x, m)?
        }
        B::Is(x, tag) => c(x, m)? == *tag,
        B::Memo(at, x) => match m.locals[*at as usize] {
            0 => {
                let v = b(x, m)?;
                m.locals[*at as usize] = 1 + u64::from(v);
                v
            }
            known => known == 2,
        },
        B::Fresh(at, x) => {
            m.locals[*at as usize] = 0;
            b(x, m)?
        }
        B::Memo2(base, key, call) => {
            let mut at = u64::from(*base);
            for k in key {
                let v = s(&k.arg, m)?;
                at += k.elem.index(v).ok_or(Bail)? * k.stride;
            }
            let at = at as usize;
            match m.memo.get(at) {
                Some((epoch, v)) if *epoch == m.epoch => *v,
                _ => {
                    let v = b(call, m)?;
                    if let Some(slot) = m.memo.get_mut(at) {
                        *slot = (m.epoch, v);
                    }
                    v
                }
            }
        }
    })
}

#[inline]
fn read_path_bit(p: &Path, m: &mut Machine, idx: u64) -> Res<bool> {
    let mark = m.arena.len();
    let loc = locate(p, m)?;
    let v = read(m, loc.add(idx), 1) == 1;
    m.arena.truncate(mark);
    Ok(v)
}

/// An integer (the common forms inline; the rest in [`i_rest`]).
#[inline]
pub fn i(e: &I, m: &mut Machine) -> Res<i64> {
    Ok(match e {
        I::Const(v) => *v,
        I::Local(at) => m.locals[*at as usize] as i64,
        I::Code(x, lo) => lo.checked_add(c(x, m)? as i64).ok_or(Bail)?,
        I::CardC(x) => i64::from(c(x, m)?.count_ones()),
        I::Arith(op, x, y) => {
            let (x, y) = (i(x, m)?, i(y, m)?);
            ops::arith(*op, x, y).map_err(|_| Bail)?
        }
        _ => i_rest(e, m)?,
    })
}

#[inline(never)]
fn i_rest(e: &I, m: &mut Machine) -> Res<i64> {
    Ok(match e {
        I::Const(v) => *v,
        I::Local(at) => m.locals[*at as usize] as i64,
        I::Code(x, lo) => lo.checked_add(c(x, m)? as i64).ok_or(Bail)?,
        I::CardC(x) => i64::from(c(x, m)?.count_ones()),
        I::Neg(x) => i(x, m)?.checked_neg().ok_or(Bail)?,
        I::VField(f) => {
            let (code, lo) = variant_field(f, m)?;
            lo.checked_add(code as i64).ok_or(Bail)?
        }
        I::Arith(op, x, y) => {
            let (x, y) = (i(x, m)?, i(y, m)?);
            ops::arith(*op, x, y).map_err(|_| Bail)?
        }
        I::Card(p, width) => {
            let mark = m.arena.len();
            let loc = locate(p, m)?;
            let mut n = 0;
            let mut at = 0;
            while at < *width {
                let k = (*width - at).min(64) as u32;
                n += read(m, loc.add(at), k).count_ones();
                at += 64;
            }
            m.arena.truncate(mark);
            i64::from(n)
        }
        I::MinMax2(max, x, y) => {
            let (x, y) = (i(x, m)?, i(y, m)?);
            if *max { x.max(y) } else { x.min(y) }
        }
        I::MinMaxOf(max, p, width, elem) => {
            let mark = m.arena.len();
            let loc = locate(p, m)?;
            let mut found = None;
            let mut at = 0;
            while at < *width {
                let k = (*width - at).min(64) as u32;
                let word = read(m, loc.add(at), k);
                if word != 0 {
                    let bit = if *max {
                        63 - word.leading_zeros()
                    } else {
                        word.trailing_zeros()
                    };
                    found = Some(at + u64::from(bit));
                    if !*max {
                        break;
                    }
                }
                at += 64;
            }
            m.arena.truncate(mark);
            elem.scalar(found.ok_or(Bail)?) as i64
        }
        I::MinMaxMap(max, comp) => {
            let mut acc: Option<i64> = None;
            each_all(&comp.binds, m, &mut |m| {
                if comp.filter.as_ref().map_or(Ok(true), |f| b(f, m))? {
                    let v = i(&comp.map, m)?;
                    acc = Some(match acc {
                        Some(a) if *max => a.max(v),
                        Some(a) => a.min(v),
                        None => v,
                    });
                }
                Ok(true)
            })?;
            acc.ok_or(Bail)?
        }
        I::If(x, y, z) => {
            if b(x, m)? {
                i(y, m)?
            } else {
                i(z, m)?
            }
        }
        I::Let(l, x) => {
            let_(l, m)?;
            i(x, m)?
        }
    })
}

/// A small code (the common forms inline; the rest in [`c_rest`]).
#[inline(always)]
pub fn c(e: &C, m: &mut Machine) -> Res<u64> {
    Ok(match e {
        C::Const(v) => *v,
        C::Local(at) => m.locals[*at as usize],
        C::Var(at, width) => bits::read(&m.buf, *at, *width),
        C::At(base, slot, lo, n, stride, width) => {
            let idx = (m.locals[*slot as usize] as i64).wrapping_sub(*lo) as u64;
            if idx >= *n {
                return Err(Bail);
            }
            bits::read(&m.buf, base + idx * stride, *width)
        }
        _ => c_rest(e, m)?,
    })
}

#[inline(never)]
fn c_rest(e: &C, m: &mut Machine) -> Res<u64> {
    Ok(match e {
        C::Const(v) => *v,
        C::Local(at) => m.locals[*at as usize],
        C::Var(at, width) => bits::read(&m.buf, *at, *width),
        C::At(base, slot, lo, n, stride, width) => {
            let idx = (m.locals[*slot as usize] as i64).wrapping_sub(*lo) as u64;
            if idx >= *n {
                return Err(Bail);
            }
            bits::read(&m.buf, base + idx * stride, *width)
        }
        C::Read(p, width) => {
            if let (Src::State, []) = (&p.src, &p.keys[..]) {
                bits::read(&m.buf, p.base, *width)
            } else {
                read_path(p, m, *width)?
            }
        }
        C::FromB(x) => u64::from(b(x, m)?),
        C::FromI(x, lo, hi) => {
            let v = i(x, m)?;
            if v < *lo || v > *hi {
                return Err(Bail);
            }
            v.wrapping_sub(*lo) as u64
        }
        C::Build(k, parts) => {
            let mut v = *k;
            for (x, shift) in parts {
                v |= c(x, m)? << shift;
            }
            v
        }
        C::VField(f) => variant_field(f, m)?.0,
        C::SetOf(items) => {
            let mut v = 0u64;
            for (x, elem) in items {
                let idx = elem.index(s(x, m)?).ok_or(Bail)?;
                v |= 1 << idx;
            }
            v
        }
        C::SetOp(op, x, y) => {
            let (x, y) = (c(x, m)?, c(y, m)?);
            match op {
                SetOp::Union => x | y,
                SetOp::Intersect => x & y,
                SetOp::Diff => x & !y,
            }
        }
        C::Comp(comp) => {
            let mut v = 0u64;
            comprehend(comp, m, &mut |_, idx| v |= 1 << idx)?;
            v
        }
        C::MapLit(slot, keys, body, width) => {
            let mut v = 0u64;
            for idx in 0..keys.n {
                m.locals[*slot as usize] = keys.scalar(idx);
                v |= c(body, m)? << (idx * u64::from(*width));
            }
            v
        }
        C::Subsets(x) => {
            let set = c(x, m)?;
            let mut v = 0u64;
            let mut sub = set;
            loop {
                v |= 1 << sub;
                if sub == 0 {
                    break;
                }
                sub = (sub - 1) & set;
            }
            v
        }
        C::If(x, y, z) => {
            if b(x, m)? {
                c(y, m)?
            } else {
                c(z, m)?
            }
        }
        C::Let(l, x) => {
            let_(l, m)?;
            c(x, m)?
        }
    })
}

/// A union field's code and the low bound of its range in the value's
/// variant; a variant without the field bails (the reference reports it).
fn variant_field(f: &VariantField, m: &mut Machine) -> Res<(u64, i64)> {
    let p = &f.union;
    let at = |tag: u64| f.per_tag.get(tag as usize).copied().flatten().ok_or(Bail);
    if let (Src::C(C::Local(slot)), 0, []) = (&p.src, p.base, &p.keys[..]) {
        let v = m.locals[*slot as usize];
        let field = at(v & bits::mask(f.tag_bits))?;
        return Ok(((v >> field.shift) & bits::mask(field.width), field.lo));
    }
    let mark = m.arena.len();
    let loc = locate(p, m)?;
    let field = at(read(m, loc, f.tag_bits))?;
    let v = read(m, loc.add(field.shift), field.width);
    m.arena.truncate(mark);
    Ok((v, field.lo))
}
