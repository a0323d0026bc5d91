//! Sequences on packed codes (`seq<T, N>`: the length, then `N` slots of
//! the item's width, slots past the length zero; see `layout.rs`):
//! `tail` and `append` on a code of one word or on wide codes in the
//! arena, membership, the sequences built item by item (`s ++ t`,
//! `sub(s, i, j)`, `[e for x in s if p]`: [`build`]) and folds. `len(s)`,
//! `s[i]` and `head(s)` are reads at a path (see [`Key::seq`]), built in
//! `build_seq.rs`.
//!
//! As everywhere on the fast path, what the reference interpreter reports
//! as a runtime error (`tail` or `head` of an empty sequence, `append`
//! past the bound, an index past the length) bails.

use crate::compile::bits;
use crate::compile::fast::eval::{boolean, code, int, scalar, wide};
use crate::compile::fast::iter::{bind_pat, each};
use crate::compile::fast::machine::{Loc, Machine, locate, read};
use crate::compile::fast::node::*;
use crate::compile::fast::wide::write_part;

/// `tail(s)` of a sequence code of one word: the slots move down one.
#[inline]
pub fn tail_code(v: u64, shape: SeqShape) -> Res<u64> {
    let len = v & bits::mask(shape.len_bits);
    if len == 0 {
        return Err(Bail);
    }
    let slots = v.checked_shr(shape.len_bits).unwrap_or(0);
    let rest = slots.checked_shr(shape.item as u32).unwrap_or(0);
    Ok((len - 1) | rest.checked_shl(shape.len_bits).unwrap_or(0))
}

/// `append(s, x)` of a sequence code of one word, `x` the item's code.
#[inline]
pub fn append_code(v: u64, item: u64, shape: SeqShape) -> Res<u64> {
    let len = v & bits::mask(shape.len_bits);
    if len >= u64::from(shape.max) {
        return Err(Bail);
    }
    let at = shape.slot(len) as u32;
    Ok((v & !bits::mask(shape.len_bits)) | (len + 1) | item.checked_shl(at).unwrap_or(0))
}

/// `tail(s)` in place on the wide sequence code at arena words
/// `dst..dst + words`.
pub fn tail_wide(m: &mut Machine, dst: usize, words: usize, shape: SeqShape) -> Res<()> {
    let len = bits::read(&m.arena[dst..dst + words], 0, shape.len_bits);
    if len == 0 {
        return Err(Bail);
    }
    let t = m.alloc(words);
    let (from, to) = m.arena.split_at_mut(t);
    let (from, to) = (&from[dst..dst + words], &mut to[..words]);
    bits::write(to, 0, shape.len_bits, len - 1);
    bits::copy(
        from,
        shape.slot(1),
        to,
        shape.slot(0),
        (len - 1) * shape.item,
    );
    m.arena.copy_within(t..t + words, dst);
    m.arena.truncate(t);
    Ok(())
}

/// `append(s, x)` in place on the wide sequence code at arena words
/// `dst..dst + words` (the sequence itself already there).
pub fn append_wide(
    a: &Append<WideExpr, Part>,
    m: &mut Machine,
    dst: usize,
    words: usize,
) -> Res<()> {
    let len = bits::read(&m.arena[dst..dst + words], 0, a.shape.len_bits);
    if len >= u64::from(a.shape.max) {
        return Err(Bail);
    }
    bits::write(&mut m.arena[dst..dst + words], 0, a.shape.len_bits, len + 1);
    write_part(&a.item, a.shape.slot(len), m, dst, words)
}

/// Whether the item is (or, for `not in`, is not) one of the sequence's.
pub fn contains(test: &InSeq, m: &mut Machine) -> Res<bool> {
    let v = code(&test.item, m)?;
    let mark = m.arena.len();
    let loc = locate(&test.seq, m)?;
    let shape = test.shape;
    let len = read(m, loc, shape.len_bits);
    let found = (0..len).any(|i| read(m, loc.add(shape.slot(i)), shape.item as u32) == v);
    m.arena.truncate(mark);
    Ok(test.op.holds(found))
}

/// A built sequence into arena words `dst..dst + words` (built in a
/// temporary: its operands may read `dst`).
pub fn build(b: &SeqBuild, m: &mut Machine, dst: usize, words: usize) -> Res<()> {
    let t = m.alloc(words);
    let shape = b.shape;
    let len = match &b.op {
        SeqOp::Concat(x, y) => {
            let n = copy_items(x, 0, None, m, t, words, shape, 0)?;
            copy_items(y, 0, None, m, t, words, shape, n)?
        }
        SeqOp::Sub(s, i, j) => {
            let (i, j) = (int(i, m)?, int(j, m)?);
            if j <= i {
                0
            } else if i < 0 {
                return Err(Bail);
            } else {
                copy_items(s, i as u64, Some(j as u64), m, t, words, shape, 0)?
            }
        }
        SeqOp::Map { bind, filter, map } => {
            let mut n = 0u64;
            each(&bind.dom, m, &mut |m, _, v| {
                if !bind_pat(&bind.pat, v, m) {
                    return Ok(true);
                }
                if let Some(f) = filter
                    && !boolean(f, m)?
                {
                    return Ok(true);
                }
                if n >= u64::from(shape.max) {
                    return Err(Bail);
                }
                let item = code(map, m)?;
                bits::write(
                    &mut m.arena[t..t + words],
                    shape.slot(n),
                    shape.item as u32,
                    item,
                );
                n += 1;
                Ok(true)
            })?;
            n
        }
    };
    bits::write(&mut m.arena[t..t + words], 0, shape.len_bits, len);
    m.arena.copy_within(t..t + words, dst);
    m.arena.truncate(t);
    Ok(())
}

/// A built sequence held in one word.
pub fn build_code(b: &SeqBuild, m: &mut Machine) -> Res<u64> {
    let t = m.alloc(1);
    let r = build(b, m, t, 1);
    let v = m.arena[t];
    m.arena.truncate(t);
    r.map(|()| v)
}

/// Copy the items `from..to` of a sequence (`to`: its length when
/// `None`; past it bails) into the result at arena words `t..t + words`
/// from slot `at`; the result's new length (past its bound bails).
#[allow(clippy::too_many_arguments)]
fn copy_items(
    src: &SeqSrc,
    from: u64,
    to: Option<u64>,
    m: &mut Machine,
    t: usize,
    words: usize,
    shape: SeqShape,
    at: u64,
) -> Res<u64> {
    let mark = m.arena.len();
    let loc = locate(&src.seq, m)?;
    let len = read(m, loc, src.shape.len_bits);
    let to = to.unwrap_or(len);
    let n = to.saturating_sub(from);
    if to > len || at + n > u64::from(shape.max) {
        m.arena.truncate(mark);
        return Err(Bail);
    }
    copy_bits(
        m,
        loc.add(src.shape.slot(from)),
        n * shape.item,
        t,
        words,
        shape.slot(at),
    );
    m.arena.truncate(mark);
    Ok(at + n)
}

/// Copy `width` bits at `loc` to bit `to` of arena words `t..t + words`.
fn copy_bits(m: &mut Machine, loc: Loc, width: u64, t: usize, words: usize, to: u64) {
    let mut done = 0;
    while done < width {
        let n = (width - done).min(64) as u32;
        let v = read(m, loc.add(done), n);
        bits::write(&mut m.arena[t..t + words], to + done, n, v);
        done += u64::from(n);
    }
}

/// A fold with a scalar accumulator: its last value.
pub fn fold(f: &Fold, m: &mut Machine) -> Res<u64> {
    let first = scalar(&f.init, m)?;
    let slot = f.slot as usize;
    m.locals[slot] = first;
    each(&f.bind.dom, m, &mut |m, _, v| {
        if bind_pat(&f.bind.pat, v, m) {
            let next = scalar(&f.body, m)?;
            m.locals[slot] = next;
        }
        Ok(true)
    })?;
    Ok(m.locals[slot])
}

/// A fold with a wide accumulator, into arena words `dst..dst + words`.
pub fn fold_wide(f: &FoldWide, m: &mut Machine, dst: usize, words: usize) -> Res<()> {
    let (at, n) = (f.at as usize, f.words as usize);
    // Each value goes through a temporary: the step reads the accumulator.
    let step = |x: &WideExpr, m: &mut Machine| -> Res<()> {
        let t = m.alloc(n);
        wide(x, m, t, n)?;
        m.arena.copy_within(t..t + n, at);
        m.arena.truncate(t);
        Ok(())
    };
    step(&f.init, m)?;
    each(&f.bind.dom, m, &mut |m, _, v| {
        if bind_pat(&f.bind.pat, v, m) {
            step(&f.body, m)?;
        }
        Ok(true)
    })?;
    if words != n {
        return Err(Bail);
    }
    m.arena.copy_within(at..at + n, dst);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `seq<0..3, 3>`: 2 bits of length, three 2-bit slots.
    const S: SeqShape = SeqShape {
        len_bits: 2,
        max: 3,
        item: 2,
    };

    #[test]
    fn append_fills_the_next_slot_and_tail_drops_the_first() {
        let one = append_code(0, 3, S).unwrap();
        assert_eq!(one, 1 | 3 << 2);
        let two = append_code(one, 2, S).unwrap();
        assert_eq!(two, 2 | 3 << 2 | 2 << 4);
        let full = append_code(two, 1, S).unwrap();
        assert_eq!(append_code(full, 0, S), Err(Bail));
        // The slot freed at the end is zero again.
        assert_eq!(tail_code(full, S).unwrap(), 2 | 2 << 2 | 1 << 4);
        assert_eq!(tail_code(tail_code(one, S).unwrap(), S), Err(Bail));
        assert_eq!(tail_code(one, S).unwrap(), 0);
    }

    #[test]
    fn a_full_word_of_zero_width_items_keeps_its_length() {
        // seq<{only}, 1> takes 1 bit: the length alone.
        let s = SeqShape {
            len_bits: 1,
            max: 1,
            item: 0,
        };
        assert_eq!(append_code(0, 0, s), Ok(1));
        assert_eq!(tail_code(1, s), Ok(0));
    }
}
