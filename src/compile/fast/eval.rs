//! Evaluating compiled expressions on a [`Machine`]: the state words being
//! built or checked (`buf`), scalar locals, and an arena of words for wide
//! values (wide locals first, then temporaries used as a stack).
//!
//! Every function returns [`Bail`] where the reference interpreter would
//! report a runtime error (or where the fast path cannot go on); the
//! caller then redoes the whole state with the reference interpreter.

use crate::check::ir::BinOp;
use crate::compile::fast::bits;
use crate::compile::fast::info::Elem;
use crate::compile::fast::node::*;
use crate::compile::ops;

/// Per-thread scratch space. Buffers grow to their largest size once and
/// are reused: no allocation per state once warm.
#[derive(Debug, Default)]
pub struct Machine {
    /// The state being expanded (or checked).
    pub state: Vec<u64>,
    /// The state being built; expressions read it.
    pub buf: Vec<u64>,
    /// Scalar locals.
    pub locals: Vec<u64>,
    /// Wide locals (`0..wide`), then temporaries.
    pub arena: Vec<u64>,
    /// Words of wide locals in the running frame.
    pub wide: usize,
    /// Saved branches (`choose`, `either`).
    pub saves: Vec<u64>,
    /// Elements of running `for` loops.
    pub elems: Vec<u64>,
    /// Whether `buf` may differ from `state`.
    pub dirty: bool,
    /// Memoised calls: (epoch, value) per entry.
    pub memo: Vec<(u64, bool)>,
    /// Changes whenever the checked state does (memo entries of older
    /// epochs are stale).
    pub epoch: u64,
    /// The state the memo entries of this epoch belong to.
    pub memo_state: Vec<u64>,
    /// Which compiled model the memo entries belong to.
    pub memo_owner: usize,
}

impl Machine {
    /// Zeroed arena words for a temporary; free with `arena.truncate`.
    #[inline]
    pub fn alloc(&mut self, words: usize) -> usize {
        let at = self.arena.len();
        self.arena.resize(at + words, 0);
        at
    }
}

/// Where a path's bits are.
#[derive(Clone, Copy, Debug)]
enum Loc {
    /// Bit offset in `buf`.
    State(u64),
    /// Bit offset in the arena.
    Arena(u64),
    /// Bit offset in a word.
    Word(u64, u64),
}

impl Loc {
    fn add(self, off: u64) -> Loc {
        match self {
            Loc::State(a) => Loc::State(a + off),
            Loc::Arena(a) => Loc::Arena(a + off),
            Loc::Word(w, a) => Loc::Word(w, a + off),
        }
    }
}

/// Find a path (computed sources are evaluated into arena temporaries,
/// which the caller frees).
#[inline]
fn locate(p: &Path, m: &mut Machine) -> Res<Loc> {
    let mut off = p.base;
    for k in &p.keys {
        let v = s(&k.key, m)?;
        off += k.elem.index(v).ok_or(Bail)? * k.stride;
    }
    Ok(match &p.src {
        Src::State => Loc::State(off),
        Src::WLocal(at) => Loc::Arena(u64::from(*at) * 64 + off),
        Src::C(x) => Loc::Word(c(x, m)?, off),
        Src::W(x, words) => {
            let t = m.alloc(*words as usize);
            w(x, m, t, *words as usize)?;
            Loc::Arena(t as u64 * 64 + off)
        }
    })
}

#[inline]
fn read(m: &Machine, loc: Loc, width: u32) -> u64 {
    match loc {
        Loc::State(at) => bits::read(&m.buf, at, width),
        Loc::Arena(at) => bits::read(&m.arena, at, width),
        Loc::Word(v, at) => {
            if at >= 64 {
                0
            } else {
                (v >> at) & bits::mask(width)
            }
        }
    }
}

/// Read up to 64 bits at a path.
#[inline]
fn read_path(p: &Path, m: &mut Machine, width: u32) -> Res<u64> {
    let mark = m.arena.len();
    let loc = locate(p, m)?;
    let v = read(m, loc, width);
    m.arena.truncate(mark);
    Ok(v)
}

/// Copy `width` bits at `loc` into arena words `dst..dst + words`.
fn read_wide(m: &mut Machine, loc: Loc, width: u64, dst: usize, words: usize) {
    match loc {
        Loc::State(at) => bits::extract(&m.buf, at, width, &mut m.arena[dst..dst + words]),
        Loc::Arena(at) => {
            for i in 0..words {
                let n = width.saturating_sub(i as u64 * 64).min(64) as u32;
                m.arena[dst + i] = bits::read(&m.arena, at + i as u64 * 64, n);
            }
        }
        Loc::Word(v, at) => {
            m.arena[dst..dst + words].fill(0);
            if let Some(first) = m.arena.get_mut(dst) {
                *first = if at >= 64 { 0 } else { v >> at };
            }
            bits::clear_tail(&mut m.arena[dst..dst + words], width);
        }
    }
}

/// A scalar.
#[inline]
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
            match op {
                BinOp::Eq => x == y,
                BinOp::Ne => x != y,
                op => ops::compare(*op, x, y),
            }
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

/// Whether a quantifier ran to the end (no body gave `stop_at`). Binders
/// over constant sets or whole types with plain names loop directly.
fn quant(binds: &[Bind], body: &B, stop_at: bool, m: &mut Machine) -> Res<bool> {
    let Some((first, rest)) = binds.split_first() else {
        return Ok(b(body, m)? != stop_at);
    };
    if let Pat::Bind(slot) = &first.pat
        && let Some((word, elem)) = small_set(&first.dom, m)?
    {
        let slot = *slot as usize;
        return match &elem.order {
            None => {
                let mut word = word;
                while word != 0 {
                    let idx = u64::from(word.trailing_zeros());
                    word &= word - 1;
                    m.locals[slot] = elem.scalar(idx);
                    if !quant(rest, body, stop_at, m)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            Some(order) => {
                for &idx in order {
                    if word >> idx & 1 == 1 {
                        m.locals[slot] = elem.scalar(u64::from(idx));
                        if !quant(rest, body, stop_at, m)? {
                            return Ok(false);
                        }
                    }
                }
                Ok(true)
            }
        };
    }
    if let (Pat::Bind(slot), Dom::All(elem)) = (&first.pat, &first.dom)
        && elem.order.is_none()
    {
        for idx in 0..elem.n {
            m.locals[*slot as usize] = elem.scalar(idx);
            if !quant(rest, body, stop_at, m)? {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    each_all(binds, m, &mut |m| Ok(b(body, m)? != stop_at))
}

/// The bits of a domain that is a set of at most 64 elements held in one
/// word (a constant, a local, a variable), and its element tables.
#[inline]
pub fn small_set<'d>(dom: &'d Dom, m: &mut Machine) -> Res<Option<(u64, &'d Elem)>> {
    Ok(match dom {
        Dom::Bits(word, elem) => Some((*word, elem)),
        Dom::Set(p, elem) if elem.n <= 64 && p.keys.is_empty() => match &p.src {
            Src::State => Some((bits::read(&m.buf, p.base, elem.n as u32), elem)),
            Src::C(x) if p.base == 0 => Some((c(x, m)?, elem)),
            _ => None,
        },
        _ => None,
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
            match op {
                BinOp::Eq => x == y,
                BinOp::Ne => x != y,
                op => ops::compare(*op, x, y),
            }
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
#[inline]
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
        C::VField(p, tag_bits, offs, width) => {
            if let (Src::C(C::Local(at)), 0, []) = (&p.src, p.base, &p.keys[..]) {
                let v = m.locals[*at as usize];
                let tag = v & bits::mask(*tag_bits);
                let off = offs.get(tag as usize).copied().flatten().ok_or(Bail)?;
                return Ok((v >> off) & bits::mask(*width));
            }
            let mark = m.arena.len();
            let loc = locate(p, m)?;
            let tag = read(m, loc, *tag_bits);
            let off = offs.get(tag as usize).copied().flatten().ok_or(Bail)?;
            let v = read(m, loc.add(off), *width);
            m.arena.truncate(mark);
            v
        }
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

/// Run a comprehension, calling `set` with each result element's index.
fn comprehend(comp: &Comp, m: &mut Machine, set: &mut dyn FnMut(&mut Machine, u64)) -> Res<()> {
    match (&comp.map, comp.binds.first()) {
        (None, Some(bind)) => {
            each(&bind.dom, m, &mut |m, idx, v| {
                if bind_pat(&bind.pat, v, m)
                    && comp.filter.as_ref().map_or(Ok(true), |f| b(f, m))?
                {
                    set(m, idx);
                }
                Ok(true)
            })?;
        }
        (Some(map), _) => {
            each_all(&comp.binds, m, &mut |m| {
                if comp.filter.as_ref().map_or(Ok(true), |f| b(f, m))? {
                    let v = s(map, m)?;
                    set(m, comp.elem.index(v).ok_or(Bail)?);
                }
                Ok(true)
            })?;
        }
        (None, None) => return Err(Bail),
    }
    Ok(())
}

/// A wide code into arena words `dst..dst + words`.
pub fn w(e: &W, m: &mut Machine, dst: usize, words: usize) -> Res<()> {
    match e {
        W::Const(k) => m.arena[dst..dst + words].copy_from_slice(k),
        W::Read(p, width) => {
            let mark = m.arena.len();
            let loc = locate(p, m)?;
            read_wide(m, loc, *width, dst, words);
            m.arena.truncate(mark);
        }
        W::SetOf(items) => {
            m.arena[dst..dst + words].fill(0);
            for (x, elem) in items {
                let idx = elem.index(s(x, m)?).ok_or(Bail)?;
                bits::set(&mut m.arena[dst..dst + words], idx);
            }
        }
        W::SetOp(op, x, y) => {
            w(x, m, dst, words)?;
            let t = m.alloc(words);
            w(y, m, t, words)?;
            for k in 0..words {
                let yv = m.arena[t + k];
                let xv = &mut m.arena[dst + k];
                *xv = match op {
                    SetOp::Union => *xv | yv,
                    SetOp::Intersect => *xv & yv,
                    SetOp::Diff => *xv & !yv,
                };
            }
            m.arena.truncate(t);
        }
        W::Comp(comp) => {
            // Build in a temporary: the comprehension may read `dst`.
            let t = m.alloc(words);
            comprehend(comp, m, &mut |m, idx| {
                bits::set(&mut m.arena[t..t + words], idx)
            })?;
            m.arena.copy_within(t..t + words, dst);
            m.arena.truncate(t);
        }
        W::Build(k, parts) => {
            let t = m.alloc(words);
            m.arena[t..t + words].copy_from_slice(k);
            for (part, at) in parts {
                write_part(part, *at, m, t, words)?;
            }
            m.arena.copy_within(t..t + words, dst);
            m.arena.truncate(t);
        }
        W::MapLit(slot, keys, body, width) => {
            let t = m.alloc(words);
            for idx in 0..keys.n {
                m.locals[*slot as usize] = keys.scalar(idx);
                write_part(body, idx * width, m, t, words)?;
            }
            m.arena.copy_within(t..t + words, dst);
            m.arena.truncate(t);
        }
        W::If(x, y, z) => {
            if b(x, m)? {
                w(y, m, dst, words)?
            } else {
                w(z, m, dst, words)?
            }
        }
        W::Let(l, x) => {
            let_(l, m)?;
            w(x, m, dst, words)?
        }
    }
    Ok(())
}

/// Write a part at bit `at` of arena words `t..t + words` (OR, the bits
/// being zero).
fn write_part(part: &Part, at: u64, m: &mut Machine, t: usize, words: usize) -> Res<()> {
    match part {
        Part::C(x, width) => {
            let v = c(x, m)?;
            bits::write(&mut m.arena[t..t + words], at, *width as u32, v);
        }
        Part::W(x, width, n) => {
            let n = *n as usize;
            let u = m.alloc(n);
            w(x, m, u, n)?;
            let (dst, src) = m.arena.split_at_mut(u);
            bits::copy(src, 0, &mut dst[t..t + words], at, *width);
            m.arena.truncate(u);
        }
    }
    Ok(())
}

/// Match a pattern against a scalar, binding its locals.
#[inline]
pub fn bind_pat(p: &Pat, v: u64, m: &mut Machine) -> bool {
    match p {
        Pat::Bind(at) => {
            m.locals[*at as usize] = v;
            true
        }
        Pat::Any => true,
        Pat::Variant(tag_bits, tag, fields) => {
            v & bits::mask(*tag_bits as u32) == *tag && fields.iter().all(|f| field_pat(f, v, m))
        }
        Pat::Some(f) => v & 1 == 1 && field_pat(f, v, m),
        Pat::None => v & 1 == 0,
        Pat::Alias(at, inner) => {
            let ok = bind_pat(inner, v, m);
            if ok {
                m.locals[*at as usize] = v;
            }
            ok
        }
    }
}

fn field_pat(f: &FieldPat, v: u64, m: &mut Machine) -> bool {
    let code = (v >> f.shift) & bits::mask(f.width);
    let scalar = match f.lo {
        Some(lo) => lo.wrapping_add(code as i64) as u64,
        None => code,
    };
    bind_pat(&f.pat, scalar, m)
}

/// Call `f` with every element of a domain (its index and scalar), in
/// value order, until it returns `false`; `false` if stopped. A set is
/// copied first, so `f` may change the state it came from.
pub fn each(
    dom: &Dom,
    m: &mut Machine,
    f: &mut dyn FnMut(&mut Machine, u64, u64) -> Res<bool>,
) -> Res<bool> {
    match dom {
        Dom::Ints(lo, hi) => {
            let (lo, hi) = (i(lo, m)?, i(hi, m)?);
            if lo <= hi && (i128::from(hi) - i128::from(lo)) >= i128::from(ops::MAX_SET) {
                return Err(Bail);
            }
            let mut v = lo;
            while v <= hi {
                if !f(m, (v - lo) as u64, v as u64)? {
                    return Ok(false);
                }
                v += 1;
            }
            Ok(true)
        }
        Dom::All(elem) => {
            match &elem.order {
                Some(order) => {
                    for &idx in order {
                        if !f(m, u64::from(idx), elem.scalar(u64::from(idx)))? {
                            return Ok(false);
                        }
                    }
                }
                None => {
                    for idx in 0..elem.n {
                        if !f(m, idx, elem.scalar(idx))? {
                            return Ok(false);
                        }
                    }
                }
            }
            Ok(true)
        }
        Dom::Bits(word, elem) => each_in(&[*word], elem, m, f),
        Dom::Part(p, elem, lo, hi) => {
            let n = elem.n;
            let words = bits::words_for(n);
            let mark = m.arena.len();
            let loc = locate(p, m)?;
            let t = m.alloc(words);
            read_wide(m, loc, n, t, words);
            let r = each_part(t, *lo, *hi, elem, m, f);
            m.arena.truncate(mark);
            r
        }
        Dom::Set(p, elem) => {
            let n = elem.n;
            if n <= 64 {
                let word = read_path(p, m, n as u32)?;
                each_in(&[word], elem, m, f)
            } else {
                let words = bits::words_for(n);
                let mark = m.arena.len();
                let loc = locate(p, m)?;
                let t = m.alloc(words);
                read_wide(m, loc, n, t, words);
                // Keep the copy below later temporaries; walk it by index.
                let r = each_in_arena(t, words, elem, m, f);
                m.arena.truncate(mark);
                r
            }
        }
    }
}

/// The set bits with indices in `lo..hi` of arena words from `t`.
fn each_part(
    t: usize,
    lo: u64,
    hi: u64,
    elem: &Elem,
    m: &mut Machine,
    f: &mut dyn FnMut(&mut Machine, u64, u64) -> Res<bool>,
) -> Res<bool> {
    if lo >= hi {
        return Ok(true);
    }
    if let Some(order) = &elem.order {
        for &idx in order {
            let idx = u64::from(idx);
            if (lo..hi).contains(&idx)
                && bits::test(&m.arena[t..], idx)
                && !f(m, idx, elem.scalar(idx))?
            {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    for k in (lo / 64)..=((hi - 1) / 64) {
        let mut word = m.arena[t + k as usize];
        let start = k * 64;
        if lo > start {
            word &= !bits::mask((lo - start) as u32);
        }
        if hi < start + 64 {
            word &= bits::mask((hi - start) as u32);
        }
        while word != 0 {
            let idx = start + u64::from(word.trailing_zeros());
            word &= word - 1;
            if !f(m, idx, elem.scalar(idx))? {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

fn each_in(
    words: &[u64],
    elem: &Elem,
    m: &mut Machine,
    f: &mut dyn FnMut(&mut Machine, u64, u64) -> Res<bool>,
) -> Res<bool> {
    match &elem.order {
        None => bits::each_one(words, |idx| f(m, idx, elem.scalar(idx))),
        Some(order) => {
            for &idx in order {
                let idx = u64::from(idx);
                if bits::test(words, idx) && !f(m, idx, elem.scalar(idx))? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
    }
}

fn each_in_arena(
    t: usize,
    words: usize,
    elem: &Elem,
    m: &mut Machine,
    f: &mut dyn FnMut(&mut Machine, u64, u64) -> Res<bool>,
) -> Res<bool> {
    match &elem.order {
        None => {
            for k in 0..words {
                let mut word = m.arena[t + k];
                while word != 0 {
                    let idx = k as u64 * 64 + u64::from(word.trailing_zeros());
                    word &= word - 1;
                    if !f(m, idx, elem.scalar(idx))? {
                        return Ok(false);
                    }
                }
            }
            Ok(true)
        }
        Some(order) => {
            for &idx in order {
                let idx = u64::from(idx);
                if bits::test(&m.arena[t..t + words], idx) && !f(m, idx, elem.scalar(idx))? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
    }
}

/// Run `f` once per combination of the binders (nested in order, elements
/// that do not match skipped) until it returns `false`.
pub fn each_all(
    binds: &[Bind],
    m: &mut Machine,
    f: &mut dyn FnMut(&mut Machine) -> Res<bool>,
) -> Res<bool> {
    let Some((first, rest)) = binds.split_first() else {
        return f(m);
    };
    each(&first.dom, m, &mut |m, _, v| {
        if bind_pat(&first.pat, v, m) {
            each_all(rest, m, f)
        } else {
            Ok(true)
        }
    })
}
