//! The worker's scratch space ([`Machine`]) and reading bits at paths:
//! a path (`rm_state[r]`, `msgs`, `x.f`) is located in the state words, in
//! the arena (wide locals and temporaries) or in a computed word.

use crate::compile::bits;
use crate::compile::fast::eval::{code, wide};
use crate::compile::fast::node::*;

/// Per-thread scratch space. Buffers grow to their largest size once and
/// are reused: no allocation per state once warm.
#[derive(Clone, Debug, Default)]
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
    /// Whether to keep the bound parameters of the action being expanded
    /// in `args` (for the liveness graph's action instances).
    pub keep_args: bool,
    /// With `keep_args`: each bound parameter's element, outermost first
    /// (its index in its type, or the integer itself for `lo..hi`).
    pub args: Vec<u64>,
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
pub enum Loc {
    /// Bit offset in `buf`.
    State(u64),
    /// Bit offset in the arena.
    Arena(u64),
    /// Bit offset in a word.
    Word(u64, u64),
}

impl Loc {
    #[inline]
    pub fn add(self, off: u64) -> Loc {
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
pub fn locate(p: &Path, m: &mut Machine) -> Res<Loc> {
    let src = match &p.src {
        Src::State => Loc::State(0),
        Src::WideLocal(at) => Loc::Arena(u64::from(*at) * 64),
        Src::Code(x) => Loc::Word(code(x, m)?, 0),
        Src::Wide(x, words) => {
            let t = m.alloc(*words as usize);
            wide(x, m, t, *words as usize)?;
            Loc::Arena(t as u64 * 64)
        }
    };
    Ok(src.add(p.key_offset(m, src)?))
}

#[inline]
pub fn read(m: &Machine, loc: Loc, width: u32) -> u64 {
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
pub fn read_path(p: &Path, m: &mut Machine, width: u32) -> Res<u64> {
    let mark = m.arena.len();
    let loc = locate(p, m)?;
    let v = read(m, loc, width);
    m.arena.truncate(mark);
    Ok(v)
}

/// Copy `width` bits at `loc` into arena words `dst..dst + words`.
pub fn read_wide(m: &mut Machine, loc: Loc, width: u64, dst: usize, words: usize) {
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
