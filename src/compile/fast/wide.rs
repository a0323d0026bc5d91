//! Wide codes (more than 64 bits): evaluated into words of the arena.

use crate::compile::bits;
use crate::compile::fast::eval::{bind_let, boolean, code, scalar};
use crate::compile::fast::iter::comprehend;
use crate::compile::fast::machine::{Machine, locate, read_wide};
use crate::compile::fast::node::*;
use crate::compile::fast::seq;

/// A wide code into arena words `dst..dst + words`.
pub fn wide(e: &WideExpr, m: &mut Machine, dst: usize, words: usize) -> Res<()> {
    match e {
        WideExpr::Const(k) => m.arena[dst..dst + words].copy_from_slice(k),
        WideExpr::Read(p, width) => {
            let mark = m.arena.len();
            let loc = locate(p, m)?;
            read_wide(m, loc, *width, dst, words);
            m.arena.truncate(mark);
        }
        WideExpr::SetOf(items) => {
            m.arena[dst..dst + words].fill(0);
            for (x, elem) in items {
                let idx = elem.index(scalar(x, m)?).ok_or(Bail)?;
                bits::set(&mut m.arena[dst..dst + words], idx);
            }
        }
        WideExpr::SetOp(op, x, y) => {
            wide(x, m, dst, words)?;
            let t = m.alloc(words);
            wide(y, m, t, words)?;
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
        WideExpr::Comp(comp) => {
            // Build in a temporary: the comprehension may read `dst`.
            let t = m.alloc(words);
            comprehend(comp, m, &mut |m, idx| {
                bits::set(&mut m.arena[t..t + words], idx)
            })?;
            m.arena.copy_within(t..t + words, dst);
            m.arena.truncate(t);
        }
        WideExpr::Build(k, parts) => {
            let t = m.alloc(words);
            m.arena[t..t + words].copy_from_slice(k);
            for (part, at) in parts {
                write_part(part, *at, m, t, words)?;
            }
            m.arena.copy_within(t..t + words, dst);
            m.arena.truncate(t);
        }
        WideExpr::MapLit(map) => {
            let t = m.alloc(words);
            for idx in 0..map.keys.n {
                m.locals[map.slot as usize] = map.keys.scalar(idx);
                write_part(&map.body, idx * map.width, m, t, words)?;
            }
            m.arena.copy_within(t..t + words, dst);
            m.arena.truncate(t);
        }
        WideExpr::Tail(x, shape) => {
            wide(x, m, dst, words)?;
            seq::tail_wide(m, dst, words, *shape)?
        }
        WideExpr::Append(a) => {
            wide(&a.seq, m, dst, words)?;
            seq::append_wide(a, m, dst, words)?
        }
        WideExpr::If(x, y, z) => {
            if boolean(x, m)? {
                wide(y, m, dst, words)?
            } else {
                wide(z, m, dst, words)?
            }
        }
        WideExpr::Let(l, x) => {
            bind_let(l, m)?;
            wide(x, m, dst, words)?
        }
        WideExpr::Seq(b) => seq::build(b, m, dst, words)?,
        WideExpr::FoldWide(f) => seq::fold_wide(f, m, dst, words)?,
    }
    Ok(())
}

/// Write a part at bit `at` of arena words `t..t + words` (OR, the bits
/// being zero).
pub fn write_part(part: &Part, at: u64, m: &mut Machine, t: usize, words: usize) -> Res<()> {
    match part {
        Part::Code(x, width) => {
            let v = code(x, m)?;
            bits::write(&mut m.arena[t..t + words], at, *width as u32, v);
        }
        Part::Wide(x, width, n) => {
            let n = *n as usize;
            let u = m.alloc(n);
            wide(x, m, u, n)?;
            let (dst, src) = m.arena.split_at_mut(u);
            bits::copy(src, 0, &mut dst[t..t + words], at, *width);
            m.arena.truncate(u);
        }
    }
    Ok(())
}
