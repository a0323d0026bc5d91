//! Running compiled statements on the successor buffer `m.buf`.
//!
//! As in the reference `exec.rs`, running is continuation style: `run`
//! executes straight-line statements in a loop and hands "run the rest,
//! then `done`" to any block that branches. `choose` and `either` save the
//! buffer and the locals once and restore them before each branch (states
//! and frames are a few words), instead of cloning.

use crate::compile::bits;
use crate::compile::fast::eval::{bind_let, boolean, code, scalar, wide};
use crate::compile::fast::info::Elem;
use crate::compile::fast::iter::{bind_pat, each};
use crate::compile::fast::machine::{Loc, Machine};
use crate::compile::fast::node::*;

/// What runs when a branch completes.
pub type Done<'k> = dyn FnMut(&mut Machine) -> Res<()> + 'k;

/// Run `stmts`, then `done` on every branch that completes.
pub fn run(stmts: &[St], m: &mut Machine, done: &mut Done) -> Res<()> {
    for (k, st) in stmts.iter().enumerate() {
        let rest = &stmts[k + 1..];
        match st {
            St::If(x, then, other) => {
                let block = if boolean(x, m)? { then } else { other };
                if block.branches {
                    return run(&block.stmts, m, &mut |m| run(rest, m, done));
                }
                if !straight(&block.stmts, m)? {
                    return Ok(());
                }
            }
            St::Choose(bind, body) => {
                let mark = save(m);
                each(&bind.dom, m, &mut |m, _, v| {
                    restore(m, mark);
                    if bind_pat(&bind.pat, v, m) {
                        run(&body.stmts, m, &mut |m| run(rest, m, done))?;
                    }
                    Ok(true)
                })?;
                m.saves.truncate(mark);
                return Ok(());
            }
            St::Either(blocks) => {
                let mark = save(m);
                for block in blocks {
                    restore(m, mark);
                    run(&block.stmts, m, &mut |m| run(rest, m, done))?;
                }
                m.saves.truncate(mark);
                return Ok(());
            }
            St::For(bind, body) if body.branches => {
                let start = m.elems.len();
                each(&bind.dom, m, &mut |m, _, v| {
                    m.elems.push(v);
                    Ok(true)
                })?;
                let end = m.elems.len();
                let r = run_for(bind, start, end, body, m, &mut |m| run(rest, m, done));
                m.elems.truncate(start);
                return r;
            }
            // Statements that cannot branch run as in a straight block.
            _ => {
                if !straight(std::slice::from_ref(st), m)? {
                    return Ok(());
                }
            }
        }
    }
    done(m)
}

/// Run a block that cannot branch; whether it completed (a `require`
/// may drop it).
pub fn straight(stmts: &[St], m: &mut Machine) -> Res<bool> {
    for st in stmts {
        match st {
            St::Require(x) => {
                if !boolean(x, m)? {
                    return Ok(false);
                }
            }
            St::Assert(x) => {
                if !boolean(x, m)? {
                    return Err(Bail);
                }
            }
            St::Let(l) => bind_let(l, m)?,
            St::Assign {
                place,
                value,
                width,
            } => assign(place, value, *width, m)?,
            St::SetAt(at, x) => set_at(at, x, m)?,
            St::SetAtKeys(at, x) => {
                let v = code(x, m)?;
                let offset = at.offset(&m.locals)?;
                m.dirty = true;
                bits::write(&mut m.buf, offset, at.width, v);
            }
            St::Insert { at, item, elem } => insert(*at, item, elem, m)?,
            St::If(x, then, other) => {
                let block = if boolean(x, m)? { then } else { other };
                if !straight(&block.stmts, m)? {
                    return Ok(false);
                }
            }
            St::For(bind, body) => {
                let mut dropped = false;
                each(&bind.dom, m, &mut |m, _, v| {
                    if bind_pat(&bind.pat, v, m) && !straight(&body.stmts, m)? {
                        dropped = true;
                        return Ok(false);
                    }
                    Ok(true)
                })?;
                if dropped {
                    return Ok(false);
                }
            }
            St::Choose(..) | St::Either(_) => {
                let mut completed = false;
                run(std::slice::from_ref(st), m, &mut |_| {
                    completed = true;
                    Ok(())
                })?;
                if !completed {
                    return Ok(false);
                }
            }
        }
    }
    Ok(true)
}

/// The body of a branching `for` once per element `m.elems[at..end]`.
fn run_for(
    bind: &Bind,
    at: usize,
    end: usize,
    body: &Block,
    m: &mut Machine,
    done: &mut Done,
) -> Res<()> {
    if at == end {
        return done(m);
    }
    let v = m.elems[at];
    if !bind_pat(&bind.pat, v, m) {
        return run_for(bind, at + 1, end, body, m, done);
    }
    run(&body.stmts, m, &mut |m| {
        run_for(bind, at + 1, end, body, m, done)
    })
}

/// Push the buffer, the locals and the wide locals; returns the mark.
fn save(m: &mut Machine) -> usize {
    m.dirty = true;
    let mark = m.saves.len();
    m.saves.extend_from_slice(&m.buf);
    m.saves.extend_from_slice(&m.locals);
    m.saves.extend_from_slice(&m.arena[..m.wide]);
    mark
}

fn restore(m: &mut Machine, mark: usize) {
    let (nb, nl, nw) = (m.buf.len(), m.locals.len(), m.wide);
    let saved = &m.saves[mark..mark + nb + nl + nw];
    m.buf.copy_from_slice(&saved[..nb]);
    m.locals.copy_from_slice(&saved[nb..nb + nl]);
    m.arena[..nw].copy_from_slice(&saved[nb + nl..]);
}

/// `place = value`: the value first, then the keys (as the reference).
fn assign(p: &Path, x: &AnyExpr, width: u64, m: &mut Machine) -> Res<()> {
    m.dirty = true;
    match x {
        AnyExpr::Scalar(x) => {
            let v = scalar(x, m)?;
            let at = p.key_offset(m, Loc::State(0))?;
            bits::write(&mut m.buf, at, width as u32, v);
        }
        AnyExpr::Wide(x, words) => {
            let words = *words as usize;
            let t = m.alloc(words);
            wide(x, m, t, words)?;
            let at = p.key_offset(m, Loc::State(0))?;
            bits::copy(&m.arena[t..t + words], 0, &mut m.buf, at, width);
            m.arena.truncate(t);
        }
    }
    Ok(())
}

/// `m[k] = x` with `k` a local: the value first, then the key's slot.
#[inline]
fn set_at(at: &At, x: &CodeExpr, m: &mut Machine) -> Res<()> {
    let v = code(x, m)?;
    let offset = at.offset(&m.locals)?;
    m.dirty = true;
    bits::write(&mut m.buf, offset, at.width, v);
    Ok(())
}

/// `s += {x}`: the element's bit.
#[inline]
fn insert(at: u64, x: &ScalarExpr, elem: &Elem, m: &mut Machine) -> Res<()> {
    let idx = elem.index(scalar(x, m)?).ok_or(Bail)?;
    m.dirty = true;
    bits::set(&mut m.buf, at + idx);
    Ok(())
}
