//! The fast evaluator: actions and properties compiled once into trees
//! that work on packed codes (see [`node`]), run per state with no heap
//! allocation once a worker's buffers are warm.
//!
//! Input: the checked spec, layout and the reference interpreter's tables.
//! Output: [`Fast`], which `Model::step` / `Model::check` run. Anything
//! the builder does not handle leaves that action or property to the
//! reference interpreter ([`Fast::coverage`] says which and why); any
//! runtime problem on the fast path ([`node::Bail`]) makes the caller
//! redo the whole state with the reference interpreter, so results and
//! errors are always the reference's.

mod build;
mod build_expr;
mod build_quant;
mod build_set;
mod eval;
mod exec;
mod hoist;
mod info;
mod iter;
mod machine;
mod node;
mod wide;

use crate::check::ir::{
    ActionDef, ActionId, Builtin, Expr, ExprKind, LocalId, PropertyId, Spec, Stmt, StmtKind,
};
use crate::compile::bits;
use crate::compile::eval::Tables;
use crate::compile::layout::Layout;
use build::{Builder, Built, Unsupported};
use info::Types;
pub use machine::Machine;
use node::{B, Bind, Block, FrameSize, Res, St};

/// A compiled action.
#[derive(Debug)]
struct ActionCode {
    /// Tests that use no parameter, hoisted out of the leading `require`s.
    pre: Vec<B>,
    params: Vec<Bind>,
    body: Block,
    size: FrameSize,
}

/// A compiled property.
#[derive(Debug)]
struct PropertyCode {
    body: B,
    size: FrameSize,
}

/// Every action and property, compiled where possible.
#[derive(Debug)]
pub struct Fast {
    actions: Vec<Result<ActionCode, Unsupported>>,
    properties: Vec<Result<PropertyCode, Unsupported>>,
    /// Entries of the memo tables of calls in properties.
    memo_words: usize,
}

/// What one action or property runs on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    /// `action Name` or `property Name`.
    pub item: String,
    /// `None` on the fast path, else why it falls back.
    pub fallback: Option<&'static str>,
}

impl Fast {
    /// Compile every action and property of a spec.
    pub fn new(spec: &Spec, layout: &Layout, tables: &Tables) -> Fast {
        let t = Types::new(&spec.types);
        let actions = spec
            .actions
            .iter()
            .map(|a| {
                let mut b = Builder::new(spec, &t, layout, tables, &a.frame);
                let params: Vec<Bind> = a.params.iter().map(|p| b.bind(p)).collect::<Built<_>>()?;
                let (pre, body) = if params.iter().all(|p| p.dom.infallible()) {
                    hoisted_body(&mut b, a)?
                } else {
                    (Vec::new(), b.block(&a.body)?)
                };
                Ok(ActionCode {
                    pre,
                    params,
                    body,
                    size: b.size,
                })
            })
            .collect();
        let mut memos = Default::default();
        let mut memo_words = 0;
        let properties = spec
            .properties
            .iter()
            .map(|p| {
                let mut b = Builder::new(spec, &t, layout, tables, &p.frame);
                b.memo_calls = true;
                b.memos = std::mem::take(&mut memos);
                b.memo_words = memo_words;
                let body = match uses_history(spec, &p.body) {
                    true => Err(HISTORY_FALLBACK),
                    false => b.bool(&p.body),
                };
                memos = std::mem::take(&mut b.memos);
                memo_words = b.memo_words;
                Ok(PropertyCode {
                    body: body?,
                    size: b.size,
                })
            })
            .collect();
        Fast {
            actions,
            properties,
            memo_words: memo_words as usize,
        }
    }

    /// Which actions and properties fall back to the reference, and why.
    pub fn coverage(&self, spec: &Spec) -> Vec<Coverage> {
        let actions = spec
            .actions
            .iter()
            .zip(&self.actions)
            .map(|(a, c)| Coverage {
                item: format!("action {}", a.name),
                fallback: c.as_ref().err().copied(),
            });
        let props = spec
            .properties
            .iter()
            .zip(&self.properties)
            .map(|(p, c)| Coverage {
                item: format!("property {}", p.name),
                fallback: c.as_ref().err().copied(),
            });
        actions.chain(props).collect()
    }

    /// Whether an action is compiled.
    pub fn has_action(&self, action: ActionId) -> bool {
        self.actions[action.index()].is_ok()
    }

    /// Every successor of `m.state` by one compiled action, each handed to
    /// `out` with the built state (`Err(Bail)`: redo with the reference;
    /// `Ok(false)`: the action is not compiled).
    pub fn successors(
        &self,
        action: ActionId,
        m: &mut Machine,
        out: &mut dyn FnMut(&[u64]),
    ) -> Res<bool> {
        let Ok(code) = &self.actions[action.index()] else {
            return Ok(false);
        };
        enter(m, code.size);
        bits::copy_words(&mut m.buf, &m.state);
        for test in &code.pre {
            if !eval::b(test, m)? {
                return Ok(true);
            }
        }
        params(code, &code.params, m, out)?;
        Ok(true)
    }

    /// Whether a compiled property holds in `m.state` (`None`: not compiled).
    pub fn check(&self, property: PropertyId, m: &mut Machine) -> Option<Res<bool>> {
        let Ok(code) = &self.properties[property.index()] else {
            return None;
        };
        enter(m, code.size);
        bits::copy_words(&mut m.buf, &m.state);
        if m.memo.len() != self.memo_words {
            m.memo.clear();
            m.memo.resize(self.memo_words, (0, false));
        }
        let owner = self as *const Fast as usize;
        // No memo table, no epochs to keep (and no state compare).
        if self.memo_words > 0 && (m.epoch == 0 || m.memo_owner != owner || m.memo_state != m.state)
        {
            m.memo_owner = owner;
            m.epoch += 1;
            m.memo_state.clear();
            m.memo_state.extend_from_slice(&m.state);
        }
        Some(eval::b(&code.body, m))
    }
}

/// Why a property with a history check runs on the reference interpreter.
pub const HISTORY_FALLBACK: &str = "a history check (`linearizable`, `sequentially_consistent`): its search runs on the reference interpreter";

/// Whether an expression, or a function it calls, checks a history.
fn uses_history(spec: &Spec, e: &Expr) -> bool {
    let mut seen = std::collections::HashSet::new();
    let mut todo = vec![e];
    let mut found = false;
    while let Some(e) = todo.pop() {
        build_quant::walk(e, &mut |x| match &x.kind {
            ExprKind::Builtin(Builtin::History(..), _) => found = true,
            ExprKind::Call(f, _) if seen.insert(*f) => todo.push(&spec.fns[f.index()].body),
            _ => {}
        });
    }
    found
}

/// An action's body, with the leading `require` conjuncts that use no
/// local (so no parameter) taken out to test before the parameters.
fn hoisted_body(b: &mut Builder<'_>, a: &ActionDef) -> Built<(Vec<B>, Block)> {
    let all: Vec<LocalId> = (0..a.frame.locals.len() as u32).map(LocalId).collect();
    let mut pre = Vec::new();
    let mut stmts = Vec::new();
    let mut k = 0;
    while let Some(Stmt {
        kind: StmtKind::Require(e),
        ..
    }) = a.body.get(k)
    {
        let mut ts = Vec::new();
        hoist::terms(e, false, false, &mut ts);
        let n = ts.iter().take_while(|t| !hoist::uses(t.expr, &all)).count();
        for t in &ts[..n] {
            pre.push(b.join(std::slice::from_ref(t), false)?);
        }
        k += 1;
        if n < ts.len() {
            stmts.push(St::Require(b.join(&ts[n..], false)?));
            break;
        }
    }
    for s in &a.body[k..] {
        stmts.push(b.stmt(s)?);
    }
    let branches = stmts.iter().any(build::branches);
    Ok((pre, Block { stmts, branches }))
}

/// Size the machine's frame for a compiled item.
fn enter(m: &mut Machine, size: FrameSize) {
    m.locals.resize(size.scalars as usize, 0);
    m.arena.clear();
    m.arena.resize(size.wide as usize, 0);
    m.wide = size.wide as usize;
    m.saves.clear();
    m.elems.clear();
    m.dirty = false;
    if m.buf.len() != m.state.len() {
        m.buf.resize(m.state.len(), 0);
    }
}

/// Bind parameters in every way, running the body for each.
fn params(
    code: &ActionCode,
    rest: &[Bind],
    m: &mut Machine,
    out: &mut dyn FnMut(&[u64]),
) -> Res<()> {
    let Some((first, rest)) = rest.split_first() else {
        return body(code, m, out);
    };
    // The last binder runs the body directly (no call per element).
    let mut next = |m: &mut Machine| {
        if rest.is_empty() {
            body(code, m, out)
        } else {
            params(code, rest, m, out)
        }
    };
    if let node::Pat::Bind(slot) = &first.pat
        && let Some((word, elem)) = iter::small_set(&first.dom, m)?
    {
        let slot = *slot as usize;
        match &elem.order {
            None => {
                let mut word = word;
                while word != 0 {
                    let idx = u64::from(word.trailing_zeros());
                    word &= word - 1;
                    m.locals[slot] = elem.scalar(idx);
                    next(m)?;
                }
            }
            Some(order) => {
                for &idx in order {
                    if word >> idx & 1 == 1 {
                        m.locals[slot] = elem.scalar(u64::from(idx));
                        next(m)?;
                    }
                }
            }
        }
        return Ok(());
    }
    if let (node::Pat::Bind(slot), node::Dom::All(elem)) = (&first.pat, &first.dom)
        && elem.order.is_none()
    {
        for idx in 0..elem.n {
            m.locals[*slot as usize] = elem.scalar(idx);
            next(m)?;
        }
        return Ok(());
    }
    iter::each(&first.dom, m, &mut |m, _, v| {
        if iter::bind_pat(&first.pat, v, m) {
            next(m)?;
        }
        Ok(true)
    })?;
    Ok(())
}

/// Run the body once for the bound parameters.
#[inline(always)]
fn body(code: &ActionCode, m: &mut Machine, out: &mut dyn FnMut(&[u64])) -> Res<()> {
    let r = if code.body.branches {
        m.dirty = true;
        exec::run(&code.body.stmts, m, &mut |m| {
            out(&m.buf);
            Ok(())
        })
    } else {
        exec::straight(&code.body.stmts, m).map(|done| {
            if done {
                out(&m.buf);
            }
        })
    };
    if m.dirty {
        bits::copy_words(&mut m.buf, &m.state);
        m.dirty = false;
    }
    r
}
