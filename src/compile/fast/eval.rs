//! Evaluating compiled expressions on a [`Machine`]: the state words being
//! built or checked (`buf`), scalar locals, and an arena of words for wide
//! values (wide locals first, then temporaries used as a stack).
//!
//! Each class has a hot function ([`boolean`], [`int`], [`code`]) that
//! handles its common forms inline and hands the others to a cold
//! function (`*_cold`, never inlined) whose match is exhaustive: every form
//! is evaluated in exactly one arm, and a new form does not compile until
//! it has one. The cold functions send a common form back to the hot one.
//!
//! Every function returns [`Bail`] where the reference interpreter would
//! report a runtime error (or where the fast path cannot go on); the
//! caller then redoes the whole state with the reference interpreter.

use crate::compile::bits;
use crate::compile::fast::iter::{comprehend, each_all, quant};
use crate::compile::fast::machine::{Loc, Machine, locate, read, read_path};
use crate::compile::fast::node::*;
use crate::compile::fast::seq;
use crate::value::ops::{self, Comparison};

pub use crate::compile::fast::wide::wide;

/// A scalar.
#[inline(always)]
pub fn scalar(e: &ScalarExpr, m: &mut Machine) -> Res<u64> {
    match e {
        ScalarExpr::Bool(x) => Ok(u64::from(boolean(x, m)?)),
        ScalarExpr::Int(x) => Ok(int(x, m)? as u64),
        ScalarExpr::Code(x) => code(x, m),
    }
}

/// Bind a `let`.
pub fn bind_let(l: &Let, m: &mut Machine) -> Res<()> {
    match (&l.slot, &l.value) {
        (Slot::Scalar(at), AnyExpr::Scalar(x)) => {
            let v = scalar(x, m)?;
            m.locals[*at as usize] = v;
        }
        (Slot::Wide(at), AnyExpr::Wide(x, words)) => {
            // Evaluate into a temporary: the value may read the local.
            let words = *words as usize;
            let t = m.alloc(words);
            wide(x, m, t, words)?;
            m.arena.copy_within(t..t + words, *at as usize);
            m.arena.truncate(t);
        }
        _ => return Err(Bail),
    }
    Ok(())
}

/// A boolean: the common forms here, the rest in [`boolean_cold`].
#[inline]
pub fn boolean(e: &BoolExpr, m: &mut Machine) -> Res<bool> {
    Ok(match e {
        BoolExpr::Const(v) => *v,
        BoolExpr::Local(at) => m.locals[*at as usize] != 0,
        BoolExpr::Code(x) => code(x, m)? != 0,
        BoolExpr::Not(x) => !boolean(x, m)?,
        BoolExpr::And(x, y) => boolean(x, m)? && boolean(y, m)?,
        BoolExpr::Or(x, y) => boolean(x, m)? || boolean(y, m)?,
        BoolExpr::Implies(x, y) => !boolean(x, m)? || boolean(y, m)?,
        BoolExpr::CodeEq(op, x, y) => op.holds(code(x, m)? == code(y, m)?),
        BoolExpr::CodeEqConst(op, x, k) => op.holds(code(x, m)? == *k),
        BoolExpr::Is(x, tag) => code(x, m)? == *tag,
        BoolExpr::Compare(op, x, y) => {
            let (x, y) = (int(x, m)?, int(y, m)?);
            ops::compare(*op, x, y)
        }
        BoolExpr::CompareConst(op, x, k) => ops::compare(*op, int(x, m)?, *k),
        BoolExpr::CompareCode(op, x, k) => compare_code(*op, code(x, m)?, *k),
        BoolExpr::InVar(op, x, elem, base) => {
            let v = scalar(x, m)?;
            op.holds(
                elem.index(v)
                    .is_some_and(|idx| bits::test(&m.buf, base + idx)),
            )
        }
        BoolExpr::Let(l, x) => {
            bind_let(l, m)?;
            boolean(x, m)?
        }
        BoolExpr::With(slot, v, x) => {
            m.locals[*slot as usize] = *v;
            boolean(x, m)?
        }
        BoolExpr::Quant(q, binds, body) => {
            let stop_at = *q == Quant::Exists;
            quant(binds, body, stop_at, m)? != stop_at
        }
        _ => boolean_cold(e, m)?,
    })
}

/// `code op k` with the code unsigned and `k` signed, exactly.
#[inline(always)]
pub fn compare_code(op: Comparison, code: u64, k: i64) -> bool {
    match i64::try_from(code) {
        Ok(code) => ops::compare(op, code, k),
        // Above every `i64`, so above `k`.
        Err(_) => matches!(op, Comparison::Ne | Comparison::Gt | Comparison::Ge),
    }
}

/// Every boolean form (the common ones go back to [`boolean`]).
#[inline(never)]
fn boolean_cold(e: &BoolExpr, m: &mut Machine) -> Res<bool> {
    Ok(match e {
        BoolExpr::Const(_)
        | BoolExpr::Local(_)
        | BoolExpr::Code(_)
        | BoolExpr::Not(_)
        | BoolExpr::And(..)
        | BoolExpr::Or(..)
        | BoolExpr::Implies(..)
        | BoolExpr::CodeEq(..)
        | BoolExpr::CodeEqConst(..)
        | BoolExpr::Is(..)
        | BoolExpr::Compare(..)
        | BoolExpr::CompareConst(..)
        | BoolExpr::CompareCode(..)
        | BoolExpr::InVar(..)
        | BoolExpr::Let(..)
        | BoolExpr::With(..)
        | BoolExpr::Quant(..) => hot(boolean, e, m)?,
        BoolExpr::BoolEq(op, x, y) => op.holds(boolean(x, m)? == boolean(y, m)?),
        BoolExpr::Fold(f) => seq::fold(f, m)? != 0,
        BoolExpr::StepIs(word, mask) => {
            let action = m.buf.get(*word as usize).copied().ok_or(Bail)?;
            action < 64 && mask >> action & 1 == 1
        }
        BoolExpr::Match(x, p) => {
            let v = scalar(x, m)?;
            crate::compile::fast::iter::bind_pat(p, v, m)
        }
        BoolExpr::WideEq(eq) => {
            let words = eq.words as usize;
            let t = m.alloc(2 * words);
            wide(&eq.a, m, t, words)?;
            wide(&eq.b, m, t + words, words)?;
            let same = m.arena[t..t + words] == m.arena[t + words..t + 2 * words];
            m.arena.truncate(t);
            eq.op.holds(same)
        }
        BoolExpr::In(test) => {
            let v = scalar(&test.item, m)?;
            let found = match test.elem.index(v) {
                None => false,
                Some(idx) => read_path_bit(&test.set, m, idx)?,
            };
            test.op.holds(found)
        }
        BoolExpr::InSeq(test) => seq::contains(test, m)?,
        BoolExpr::CodeSubset(op, x, y) => {
            let (x, y) = (code(x, m)?, code(y, m)?);
            x & !y == 0 && (*op == SubOp::Subset || x != y)
        }
        BoolExpr::WideSubset(sub) => {
            let words = sub.words as usize;
            let t = m.alloc(2 * words);
            wide(&sub.a, m, t, words)?;
            wide(&sub.b, m, t + words, words)?;
            let (a, b) = m.arena[t..t + 2 * words].split_at(words);
            let subset = a.iter().zip(b).all(|(x, y)| x & !y == 0);
            let same = a == b;
            m.arena.truncate(t);
            subset && (sub.op == SubOp::Subset || !same)
        }
        BoolExpr::If(x, y, z) => {
            if boolean(x, m)? {
                boolean(y, m)?
            } else {
                boolean(z, m)?
            }
        }
        BoolExpr::Once(at, x) => match m.locals[*at as usize] {
            0 => {
                let v = boolean(x, m)?;
                m.locals[*at as usize] = 1 + u64::from(v);
                v
            }
            known => known == 2,
        },
        BoolExpr::Fresh(at, x) => {
            m.locals[*at as usize] = 0;
            boolean(x, m)?
        }
        BoolExpr::MemoCall(memo) => memo_call(memo, m)?,
    })
}

/// A common form met by a cold function: evaluated by the hot one, out
/// of line (it never happens: the hot function handles it first; keeping
/// the call out of line keeps the hot function's inlining as it was).
#[inline(never)]
fn hot<E, T>(f: fn(&E, &mut Machine) -> Res<T>, e: &E, m: &mut Machine) -> Res<T> {
    f(e, m)
}

/// A memoised call: its value for this state if known, else computed and
/// kept.
fn memo_call(memo: &MemoCall, m: &mut Machine) -> Res<bool> {
    let mut at = u64::from(memo.base);
    for k in &memo.key {
        let v = scalar(&k.arg, m)?;
        at += k.elem.index(v).ok_or(Bail)? * k.stride;
    }
    let at = at as usize;
    Ok(match m.memo.get(at) {
        Some((epoch, v)) if *epoch == m.epoch => *v,
        _ => {
            let v = boolean(&memo.call, m)?;
            if let Some(slot) = m.memo.get_mut(at) {
                *slot = (m.epoch, v);
            }
            v
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

/// An integer: the common forms here, the rest in [`int_cold`].
#[inline]
pub fn int(e: &IntExpr, m: &mut Machine) -> Res<i64> {
    Ok(match e {
        IntExpr::Const(v) => *v,
        IntExpr::Local(at) => m.locals[*at as usize] as i64,
        IntExpr::Code(x, lo) => lo.checked_add(code(x, m)? as i64).ok_or(Bail)?,
        IntExpr::CardCode(x) => i64::from(code(x, m)?.count_ones()),
        IntExpr::Arith(op, x, y) => {
            let (x, y) = (int(x, m)?, int(y, m)?);
            ops::arith(*op, x, y).map_err(|_| Bail)?
        }
        _ => int_cold(e, m)?,
    })
}

/// Every integer form (the common ones go back to [`int`]).
#[inline(never)]
fn int_cold(e: &IntExpr, m: &mut Machine) -> Res<i64> {
    Ok(match e {
        IntExpr::Const(_)
        | IntExpr::Local(_)
        | IntExpr::Code(..)
        | IntExpr::CardCode(_)
        | IntExpr::Arith(..) => hot(int, e, m)?,
        IntExpr::Neg(x) => ops::neg(int(x, m)?).map_err(|_| Bail)?,
        IntExpr::VariantField(f) => {
            let (code, lo) = variant_field(f, m)?;
            lo.checked_add(code as i64).ok_or(Bail)?
        }
        IntExpr::Card(p, width) => {
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
        IntExpr::Extreme2(which, x, y) => {
            let (x, y) = (int(x, m)?, int(y, m)?);
            match which {
                Extreme::Min => x.min(y),
                Extreme::Max => x.max(y),
            }
        }
        IntExpr::ExtremeOf(which, of) => extreme_of(*which, of, m)?.ok_or(Bail)?,
        IntExpr::ExtremeOfMap(which, comp) => {
            let mut acc = None;
            extreme_of_comp(*which, comp, &mut acc, m)?;
            acc.ok_or(Bail)?
        }
        IntExpr::ExtremeOfUnion(which, parts) => {
            let mut acc = None;
            for part in parts.iter() {
                match part {
                    IntPart::Item(x) => {
                        let v = int(x, m)?;
                        acc = Some(better(*which, acc, v));
                    }
                    IntPart::Comp(comp) => extreme_of_comp(*which, comp, &mut acc, m)?,
                    IntPart::Set(of) => {
                        if let Some(v) = extreme_of(*which, of, m)? {
                            acc = Some(better(*which, acc, v));
                        }
                    }
                }
            }
            acc.ok_or(Bail)?
        }
        IntExpr::If(x, y, z) => {
            if boolean(x, m)? {
                int(y, m)?
            } else {
                int(z, m)?
            }
        }
        IntExpr::Let(l, x) => {
            bind_let(l, m)?;
            int(x, m)?
        }
        IntExpr::Pick(p) => pick(p, m)? as i64,
        IntExpr::Fold(f) => seq::fold(f, m)? as i64,
    })
}

/// The lesser or greater of the best so far and `v`.
#[inline]
fn better(which: Extreme, acc: Option<i64>, v: i64) -> i64 {
    match (acc, which) {
        (Some(a), Extreme::Max) => a.max(v),
        (Some(a), Extreme::Min) => a.min(v),
        (None, _) => v,
    }
}

/// Fold the integers of `{ map for binds if filter }` into `acc`.
fn extreme_of_comp(
    which: Extreme,
    comp: &IntComp,
    acc: &mut Option<i64>,
    m: &mut Machine,
) -> Res<()> {
    each_all(&comp.binds, m, &mut |m| {
        if comp.filter.as_ref().map_or(Ok(true), |f| boolean(f, m))? {
            let v = int(&comp.map, m)?;
            *acc = Some(better(which, *acc, v));
        }
        Ok(true)
    })?;
    Ok(())
}

/// `pick x in S: P`: the scalar of the first element that satisfies `P`.
fn pick(p: &Pick, m: &mut Machine) -> Res<u64> {
    let mut found = None;
    each_all(&p.binds, m, &mut |m| {
        if boolean(&p.cond, m)? {
            found = Some(m.locals[p.slot as usize]);
            return Ok(false);
        }
        Ok(true)
    })?;
    found.ok_or(Bail)
}

/// `min(S)` / `max(S)`: the lowest or highest set bit of the set's code,
/// as an integer; `None` for the empty set.
fn extreme_of(which: Extreme, of: &ExtremeOf, m: &mut Machine) -> Res<Option<i64>> {
    let mark = m.arena.len();
    let loc = locate(&of.set, m)?;
    let mut found = None;
    let mut at = 0;
    while at < of.width {
        let k = (of.width - at).min(64) as u32;
        let word = read(m, loc.add(at), k);
        if word != 0 {
            let bit = match which {
                Extreme::Max => 63 - word.leading_zeros(),
                Extreme::Min => word.trailing_zeros(),
            };
            found = Some(at + u64::from(bit));
            if which == Extreme::Min {
                break;
            }
        }
        at += 64;
    }
    m.arena.truncate(mark);
    Ok(found.map(|idx| of.elem.scalar(idx) as i64))
}

/// A small code: the common forms here, the rest in [`code_cold`].
#[inline(always)]
pub fn code(e: &CodeExpr, m: &mut Machine) -> Res<u64> {
    Ok(match e {
        CodeExpr::Const(v) => *v,
        CodeExpr::Local(at) => m.locals[*at as usize],
        CodeExpr::Var(at, width) => bits::read(&m.buf, *at, *width),
        CodeExpr::At(at) => bits::read(&m.buf, at.offset(&m.locals)?, at.width),
        _ => code_cold(e, m)?,
    })
}

/// Every code form (the common ones go back to [`code`]).
#[inline(never)]
fn code_cold(e: &CodeExpr, m: &mut Machine) -> Res<u64> {
    Ok(match e {
        CodeExpr::Const(_) | CodeExpr::Local(_) | CodeExpr::Var(..) | CodeExpr::At(_) => {
            hot(code, e, m)?
        }
        CodeExpr::AtKeys(at) => bits::read(&m.buf, at.offset(&m.locals)?, at.width),
        CodeExpr::AtItem(at) => bits::read(&m.buf, at.item_offset(&m.buf, &m.locals)?, at.width),
        CodeExpr::Once(flag, value, x) => match m.locals[*flag as usize] {
            0 => {
                let v = code(x, m)?;
                m.locals[*value as usize] = v;
                m.locals[*flag as usize] = 1;
                v
            }
            _ => m.locals[*value as usize],
        },
        CodeExpr::Item(item) => {
            if item.index >= bits::read(&m.buf, item.len_at, item.len_bits) {
                return Err(Bail);
            }
            bits::read(&m.buf, item.at, item.width)
        }
        CodeExpr::Read(p, width) => {
            if let (Src::State, []) = (&p.src, &p.keys[..]) {
                bits::read(&m.buf, p.base, *width)
            } else {
                read_path(p, m, *width)?
            }
        }
        CodeExpr::Tail(x, shape) => seq::tail_code(code(x, m)?, *shape)?,
        CodeExpr::Append(a) => {
            let v = code(&a.seq, m)?;
            seq::append_code(v, code(&a.item, m)?, a.shape)?
        }
        CodeExpr::FromBool(x) => u64::from(boolean(x, m)?),
        CodeExpr::FromInt(x, lo, hi) => {
            let v = int(x, m)?;
            if v < *lo || v > *hi {
                return Err(Bail);
            }
            v.wrapping_sub(*lo) as u64
        }
        CodeExpr::Build(k, parts) => {
            let mut v = *k;
            for (x, shift) in parts {
                v |= code(x, m)? << shift;
            }
            v
        }
        CodeExpr::VariantField(f) => variant_field(f, m)?.0,
        CodeExpr::SetOf(items) => {
            let mut v = 0u64;
            for (x, elem) in items {
                let idx = elem.index(scalar(x, m)?).ok_or(Bail)?;
                v |= 1 << idx;
            }
            v
        }
        CodeExpr::Rebase { set, up, by, n } => {
            let v = code(set, m)?;
            let moved = match up {
                true if v.leading_zeros() >= *by => v << by,
                false if v & bits::mask(*by) == 0 => v >> by,
                _ => return Err(Bail),
            };
            if moved & !bits::mask(*n) != 0 {
                return Err(Bail);
            }
            moved
        }
        CodeExpr::SetOp(op, x, y) => {
            let (x, y) = (code(x, m)?, code(y, m)?);
            match op {
                SetOp::Union => x | y,
                SetOp::Intersect => x & y,
                SetOp::Diff => x & !y,
            }
        }
        CodeExpr::Comp(comp) => {
            let mut v = 0u64;
            comprehend(comp, m, &mut |_, idx| v |= 1 << idx)?;
            v
        }
        CodeExpr::MapLit(map) => {
            let mut v = 0u64;
            for idx in 0..map.keys.n {
                m.locals[map.slot as usize] = map.keys.scalar(idx);
                v |= code(&map.body, m)? << (idx * map.width);
            }
            v
        }
        CodeExpr::Subsets(x) => {
            let set = code(x, m)?;
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
        CodeExpr::If(x, y, z) => {
            if boolean(x, m)? {
                code(y, m)?
            } else {
                code(z, m)?
            }
        }
        CodeExpr::Let(l, x) => {
            bind_let(l, m)?;
            code(x, m)?
        }
        CodeExpr::Pick(p) => pick(p, m)?,
        CodeExpr::Seq(b) => seq::build_code(b, m)?,
        CodeExpr::Fold(f) => seq::fold(f, m)?,
    })
}

/// A union field's code and the low bound of its range in the value's
/// variant; a variant without the field bails (the reference reports it).
fn variant_field(f: &VariantField, m: &mut Machine) -> Res<(u64, i64)> {
    let p = &f.union;
    let at = |tag: u64| f.per_tag.get(tag as usize).copied().flatten().ok_or(Bail);
    if let (Src::Code(CodeExpr::Local(slot)), 0, []) = (&p.src, p.base, &p.keys[..]) {
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

impl At {
    /// The bit offset of the slot for the key in `locals`; a key outside
    /// the key type bails.
    #[inline(always)]
    pub fn offset(&self, locals: &[u64]) -> Res<u64> {
        let idx = (locals[self.slot as usize] as i64).wrapping_sub(self.lo) as u64;
        if idx >= self.n {
            return Err(Bail);
        }
        Ok(self.base + idx * self.stride)
    }
}

impl AtKeys {
    /// The bit offset of the slot for the keys in `locals`; a key outside
    /// its type bails.
    #[inline]
    pub fn offset(&self, locals: &[u64]) -> Res<u64> {
        let mut off = self.base;
        for k in self.keys.iter() {
            let idx = (locals[k.slot as usize] as i64).wrapping_sub(k.lo) as u64;
            if idx >= k.n {
                return Err(Bail);
            }
            off += idx * k.stride;
        }
        Ok(off)
    }

    /// The bit offset of a sequence item (an [`CodeExpr::AtItem`]): as
    /// [`AtKeys::offset`], and an index must also be below its sequence's
    /// length, read in `buf`.
    pub fn item_offset(&self, buf: &[u64], locals: &[u64]) -> Res<u64> {
        let mut off = 0;
        for k in self.keys.iter() {
            let idx = (locals[k.slot as usize] as i64).wrapping_sub(k.lo) as u64;
            if idx >= k.n {
                return Err(Bail);
            }
            if let Some(seq) = k.seq {
                if idx >= bits::read(buf, seq.start + off, seq.len_bits) {
                    return Err(Bail);
                }
                off += u64::from(seq.len_bits);
            }
            off += idx * k.stride;
        }
        Ok(self.base + off)
    }
}

impl Path {
    /// The constant offset plus one `index * stride` per key, for a path
    /// whose source starts at `src` (a sequence's length is read there);
    /// a key outside its type, or an index past a sequence's length,
    /// bails.
    #[inline]
    pub fn key_offset(&self, m: &mut Machine, src: Loc) -> Res<u64> {
        let mut off = 0;
        for k in &self.keys {
            let v = scalar(&k.key, m)?;
            let idx = k.elem.index(v).ok_or(Bail)?;
            if let Some(seq) = k.seq {
                if idx >= read(m, src.add(seq.start + off), seq.len_bits) {
                    return Err(Bail);
                }
                off += u64::from(seq.len_bits);
            }
            off += idx * k.stride;
        }
        Ok(self.base + off)
    }
}
