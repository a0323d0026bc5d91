//! Iterating domains and matching patterns: quantifiers, comprehensions
//! and the binders of parameters, `choose` and `for`. Elements come in
//! value order (the canonical order of successors); sets are copied
//! before they are walked, so a body may change the state they came from.
//! [`each_direct`] is the hot loop that quantifiers and parameters share.

use crate::compile::bits;
use crate::compile::fast::eval::{boolean, code, int, scalar};
use crate::compile::fast::info::Elem;
use crate::compile::fast::machine::{Machine, locate, read, read_path, read_wide};
use crate::compile::fast::node::*;
use crate::value::ops;

/// Whether a quantifier ran to the end (no body gave `stop_at`).
pub fn quant(binds: &[Bind], body: &BoolExpr, stop_at: bool, m: &mut Machine) -> Res<bool> {
    let Some((first, rest)) = binds.split_first() else {
        return Ok(boolean(body, m)? != stop_at);
    };
    if let Some(done) = each_direct(first, m, |m, _| quant(rest, body, stop_at, m))? {
        return Ok(done);
    }
    // A name over an integer range (`forall i in 0..n - 1`), walked here
    // too; a range too large to build bails, as in [`each`].
    if let (Pat::Bind(slot), Dom::Ints(lo, hi)) = (&first.pat, &first.dom) {
        let (lo, hi) = (int(lo, m)?, int(hi, m)?);
        if lo <= hi && (i128::from(hi) - i128::from(lo)) >= i128::from(ops::MAX_SET) {
            return Err(Bail);
        }
        for v in lo..=hi {
            m.locals[*slot as usize] = v as u64;
            if !quant(rest, body, stop_at, m)? {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    each_all(binds, m, &mut |m| Ok(boolean(body, m)? != stop_at))
}

/// The hot loop of quantifiers and parameters: a binder that is a plain
/// name over a set held in one word, or over a whole type whose index
/// order is its value order, is walked directly, binding the name and
/// calling `f` (which says whether to go on) for each element. `None`
/// when the binder is not of that kind; else whether it ran to the end.
#[inline(always)]
pub fn each_direct<F>(bind: &Bind, m: &mut Machine, mut f: F) -> Res<Option<bool>>
where
    F: FnMut(&mut Machine, u64) -> Res<bool>,
{
    let Pat::Bind(slot) = bind.pat else {
        return Ok(None);
    };
    let slot = slot as usize;
    if let Some((word, elem)) = small_set(&bind.dom, m)? {
        match &elem.order {
            None => {
                let mut word = word;
                while word != 0 {
                    let idx = u64::from(word.trailing_zeros());
                    word &= word - 1;
                    m.locals[slot] = elem.scalar(idx);
                    if !f(m, idx)? {
                        return Ok(Some(false));
                    }
                }
            }
            Some(order) => {
                for &idx in order {
                    if word >> idx & 1 == 1 {
                        m.locals[slot] = elem.scalar(u64::from(idx));
                        if !f(m, u64::from(idx))? {
                            return Ok(Some(false));
                        }
                    }
                }
            }
        }
        return Ok(Some(true));
    }
    if let Dom::All(elem) = &bind.dom
        && elem.order.is_none()
    {
        for idx in 0..elem.n {
            m.locals[slot] = elem.scalar(idx);
            if !f(m, idx)? {
                return Ok(Some(false));
            }
        }
        return Ok(Some(true));
    }
    Ok(None)
}

/// The bits of a domain that is a set of at most 64 elements held in one
/// word (a constant, a local, a variable), and its element tables.
#[inline]
pub fn small_set<'d>(dom: &'d Dom, m: &mut Machine) -> Res<Option<(u64, &'d Elem)>> {
    Ok(match dom {
        Dom::Bits(word, elem) => Some((*word, elem)),
        Dom::Set(p, elem) if elem.n <= 64 && p.keys.is_empty() => match &p.src {
            Src::State => Some((bits::read(&m.buf, p.base, elem.n as u32), elem)),
            // The set may be the low bits of a larger code (the first
            // field of a record).
            Src::Code(x) if p.base == 0 => Some((code(x, m)? & bits::mask(elem.n as u32), elem)),
            _ => None,
        },
        _ => None,
    })
}

/// Run a comprehension, calling `set` with each result element's index.
pub fn comprehend(comp: &Comp, m: &mut Machine, set: &mut dyn FnMut(&mut Machine, u64)) -> Res<()> {
    match (&comp.map, comp.binds.first()) {
        (None, Some(bind)) => {
            each(&bind.dom, m, &mut |m, idx, v| {
                if bind_pat(&bind.pat, v, m)
                    && comp.filter.as_ref().map_or(Ok(true), |f| boolean(f, m))?
                {
                    set(m, idx);
                }
                Ok(true)
            })?;
        }
        (Some(map), _) => {
            each_all(&comp.binds, m, &mut |m| {
                if comp.filter.as_ref().map_or(Ok(true), |f| boolean(f, m))? {
                    let v = scalar(map, m)?;
                    set(m, comp.elem.index(v).ok_or(Bail)?);
                }
                Ok(true)
            })?;
        }
        (None, None) => return Err(Bail),
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
        Pat::Variant {
            tag_bits,
            tag,
            fields,
        } => v & bits::mask(*tag_bits as u32) == *tag && fields.iter().all(|f| field_pat(f, v, m)),
        Pat::Some(f) => v & 1 == 1 && field_pat(f, v, m),
        Pat::None => v & 1 == 0,
        Pat::Lit(want) => v == *want,
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
            let (lo, hi) = (int(lo, m)?, int(hi, m)?);
            if lo <= hi && (i128::from(hi) - i128::from(lo)) >= i128::from(ops::MAX_SET) {
                return Err(Bail);
            }
            for v in lo..=hi {
                if !f(m, v.wrapping_sub(lo) as u64, v as u64)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        Dom::IntList(items) => {
            for (i, &v) in items.iter().enumerate() {
                if !f(m, i as u64, v as u64)? {
                    return Ok(false);
                }
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
        Dom::Seq(src, lo) => each_item(src, *lo, m, f),
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

/// The items of a sequence in order (index, scalar), from a copy in the
/// arena.
fn each_item(
    src: &SeqSrc,
    lo: Option<i64>,
    m: &mut Machine,
    f: &mut dyn FnMut(&mut Machine, u64, u64) -> Res<bool>,
) -> Res<bool> {
    let shape = src.shape;
    let mark = m.arena.len();
    let loc = locate(&src.seq, m)?;
    let len = read(m, loc, shape.len_bits);
    let width = shape.slot(len);
    let words = bits::words_for(width.max(1));
    let t = m.alloc(words);
    read_wide(m, loc, width, t, words);
    let mut r = Ok(true);
    for i in 0..len {
        let item = bits::read(&m.arena[t..t + words], shape.slot(i), shape.item as u32);
        let v = match lo {
            Some(lo) => lo.wrapping_add(item as i64) as u64,
            None => item,
        };
        match f(m, i, v) {
            Ok(true) => {}
            done => {
                r = done;
                break;
            }
        }
    }
    m.arena.truncate(mark);
    r
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
