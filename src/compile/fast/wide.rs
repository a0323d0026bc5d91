//! Wide codes (more than 64 bits): evaluated into words of the arena.

use crate::compile::bits;
use crate::compile::fast::eval::{b, c, let_, s};
use crate::compile::fast::iter::comprehend;
use crate::compile::fast::machine::{Machine, locate, read_wide};
use crate::compile::fast::node::*;

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
