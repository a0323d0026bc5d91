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
mod build_seq;
mod build_set;
mod build_value;
mod eval;
mod exec;
mod hoist;
mod info;
mod init;
mod instance;
mod iter;
mod machine;
mod node;
mod seq;
mod sieve;
mod wide;

use crate::check::ir::{
    ActionDef, ActionId, Expr, ExprKind, Frame, PropertyId, Spec, Stmt, StmtKind,
};
use crate::compile::bits;
use crate::compile::eval::Tables;
use crate::compile::layout::Layout;
use build::{Builder, Built, Unsupported};
pub use build_expr::HISTORY_FALLBACK;
#[cfg(test)]
pub(crate) use build_expr::closed;
#[cfg(test)]
pub(crate) use build_quant::walk;
use info::Types;
pub use machine::Machine;
use node::{AnyExpr, Bail, Bind, Block, BoolExpr, Dom, FrameSize, Res, St};
use sieve::Sieve;

/// A compiled action.
#[derive(Debug)]
struct ActionCode {
    /// Tests hoisted out of the leading `require`s, by how many parameters
    /// they need bound: `pre[0]` before any, `pre[k]` once the first `k`
    /// are (see `hoist.rs`).
    pre: Vec<Vec<BoolExpr>>,
    /// The first parameter's first test (`pre[1][0]`) for all its values
    /// at once, where it has a form that allows it.
    sieve: Option<Sieve>,
    params: Vec<Bind>,
    body: Block,
    size: FrameSize,
    /// The body once per binding of the parameters, where they range
    /// over small constant domains and there is no sieve; run in place
    /// of `params` and `body`.
    instances: Option<instance::Instances>,
}

/// The compiled `init` block, run from the declared initial values.
#[derive(Debug)]
struct InitCode {
    body: Block,
    size: FrameSize,
}

/// A compiled property.
#[derive(Debug)]
struct PropertyCode {
    body: BoolExpr,
    size: FrameSize,
}

/// A compiled `view`: each value's code, in order.
#[derive(Debug)]
struct ViewCode {
    parts: Vec<AnyExpr>,
    size: FrameSize,
}

/// Every action and property, compiled where possible.
#[derive(Debug)]
pub struct Fast {
    actions: Vec<Result<ActionCode, Unsupported>>,
    properties: Vec<Result<PropertyCode, Unsupported>>,
    /// The `view`, if the spec declares one.
    view: Option<Result<ViewCode, Unsupported>>,
    /// The mapping of a `refines`, if the spec declares one (its values
    /// laid out as a view's are).
    mapping: Option<Result<ViewCode, Unsupported>>,
    /// The premises of implication invariants (see `compile::premise`).
    premises: Vec<Result<PropertyCode, Unsupported>>,
    /// The state predicates of each liveness property, in order.
    liveness: Vec<Vec<Result<PropertyCode, Unsupported>>>,
    /// The `init` block, if the spec has one.
    init: Option<Result<InitCode, Unsupported>>,
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
    /// Compile every action and property of a spec, and the premises of
    /// its implication invariants.
    pub fn new(
        spec: &Spec,
        layout: &Layout,
        tables: &Tables,
        premises: &[crate::compile::premise::Premise],
    ) -> Fast {
        let t = Types::new(&spec.types);
        let actions = spec
            .actions
            .iter()
            .map(|a| {
                let mut builder = Builder::new(spec, &t, layout, tables, &a.frame);
                let params: Vec<Bind> = a
                    .params
                    .iter()
                    .map(|p| builder.bind(p))
                    .collect::<Built<_>>()?;
                let (pre, body) = if params.iter().all(|p| p.dom.infallible()) {
                    let (mut pre, body) = hoisted_body(&mut builder, a, &spec.types)?;
                    pre[0].splice(0..0, builder.guard_resets());
                    (pre, body)
                } else {
                    let none = (0..=params.len()).map(|_| Vec::new()).collect();
                    (none, builder.block(&a.body)?)
                };
                let sieve = Sieve::new(&params, &pre);
                let instances = match (&sieve, a.params.is_empty()) {
                    (None, false) => {
                        let builder = Builder::new(spec, &t, layout, tables, &a.frame);
                        instance::instances(builder, a, &spec.types)
                    }
                    _ => None,
                };
                Ok(ActionCode {
                    sieve,
                    pre,
                    params,
                    body,
                    size: builder.size,
                    instances,
                })
            })
            .collect();
        let mut memos = Default::default();
        let mut memo_words = 0;
        // A `transition` reads two states: a call's memo entry (kept per
        // checked state) could hold its value in the other one.
        let mut predicate = |frame, body, memo_calls| {
            let mut builder = Builder::new(spec, &t, layout, tables, frame);
            builder.memo_calls = memo_calls;
            builder.memos = std::mem::take(&mut memos);
            builder.memo_words = memo_words;
            let body = builder.bool(body);
            memos = std::mem::take(&mut builder.memos);
            memo_words = builder.memo_words;
            Ok(PropertyCode {
                body: body?,
                size: builder.size,
            })
        };
        let properties = spec
            .properties
            .iter()
            .map(|p| {
                let memo = p.kind != crate::check::ir::PropertyKind::Transition;
                predicate(&p.frame, &p.body, memo)
            })
            .collect();
        let premises = premises
            .iter()
            .map(|p| predicate(&p.frame, &p.expr, true))
            .collect();
        let liveness = spec
            .liveness
            .iter()
            .map(|l| {
                liveness_predicates(&l.kind)
                    .into_iter()
                    .map(|p| predicate(&l.frame, p, !l.step))
                    .collect()
            })
            .collect();
        let values = |frame, exprs: &[Expr]| {
            let mut builder = Builder::new(spec, &t, layout, tables, frame);
            let parts = exprs
                .iter()
                .map(|e| builder.value_as(e, e.ty))
                .collect::<Built<Vec<_>>>()?;
            Ok(ViewCode {
                parts,
                size: builder.size,
            })
        };
        let init = spec.init.as_ref().map(|body| {
            if !init::sets_before_reading(spec) {
                return Err("`init` may read a variable before it sets it, or leave one unset");
            }
            let mut builder = Builder::new(spec, &t, layout, tables, &body.frame);
            let body = builder.block(&body.stmts)?;
            Ok(InitCode {
                body,
                size: builder.size,
            })
        });
        let view = spec.view.as_ref().map(|v| values(&v.frame, &v.exprs));
        let mapping = mapping_of(spec).map(|(frame, exprs)| values(frame, exprs));
        Fast {
            actions,
            properties,
            view,
            mapping,
            premises,
            liveness,
            init,
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
        // A `refines` property runs its mapping here and the abstract
        // spec's steps there (whose own coverage is listed after).
        let refined = |i: usize| {
            spec.refinement
                .as_ref()
                .is_some_and(|r| r.properties.contains(&PropertyId(i as u32)))
        };
        let mapping = self
            .mapping
            .as_ref()
            .and_then(|m| m.as_ref().err().copied());
        let props = spec
            .properties
            .iter()
            .zip(&self.properties)
            .enumerate()
            .map(move |(i, (p, c))| Coverage {
                item: format!("property {}", p.name),
                fallback: if refined(i) {
                    mapping
                } else {
                    c.as_ref().err().copied()
                },
            });
        let liveness = spec
            .liveness
            .iter()
            .zip(&self.liveness)
            .map(|(l, ps)| Coverage {
                item: format!("property {}", l.name),
                fallback: ps.iter().find_map(|c| c.as_ref().err().copied()),
            });
        let view = self.view.iter().map(|c| Coverage {
            item: "view".into(),
            fallback: c.as_ref().err().copied(),
        });
        let init = self.init.iter().map(|c| Coverage {
            item: "init".into(),
            fallback: c.as_ref().err().copied(),
        });
        init.chain(actions)
            .chain(props)
            .chain(liveness)
            .chain(view)
            .collect()
    }

    /// Whether predicate `i` of liveness property `l` holds in `m.state`
    /// (`None`: not compiled).
    pub fn check_liveness(&self, l: usize, i: usize, m: &mut Machine) -> Option<Res<bool>> {
        let Ok(code) = &self.liveness[l][i] else {
            return None;
        };
        self.run(code, m)
    }

    /// Forget the view (the spec's is not used).
    pub fn drop_view(&mut self) {
        self.view = None;
    }

    /// The view of `m.state` into `out`, value `i` at bit `fields[i].0`,
    /// `fields[i].1` bits wide (`None`: not compiled).
    pub fn view(&self, m: &mut Machine, fields: &[(u64, u64)], out: &mut [u64]) -> Option<Res<()>> {
        let Some(Ok(code)) = &self.view else {
            return None;
        };
        enter(m, code.size);
        bits::copy_words(&mut m.buf, &m.state);
        Some(view_parts(code, m, fields, out))
    }

    /// The mapping of the spec's `refines` in `m.state` into `out`, laid
    /// out as [`Fast::view`] lays out a view (`None`: not compiled).
    pub fn mapping(
        &self,
        m: &mut Machine,
        fields: &[(u64, u64)],
        out: &mut [u64],
    ) -> Option<Res<()>> {
        let Some(Ok(code)) = &self.mapping else {
            return None;
        };
        enter(m, code.size);
        bits::copy_words(&mut m.buf, &m.state);
        Some(view_parts(code, m, fields, out))
    }

    /// Whether an action is compiled.
    pub fn has_action(&self, action: ActionId) -> bool {
        self.actions[action.index()].is_ok()
    }

    /// For a compiled action, how each parameter is kept in
    /// `Machine::args`: `true` for the integer itself (a `lo..hi`
    /// domain), `false` for its index among its type's values.
    pub fn arg_is_int(&self, action: ActionId) -> Option<Vec<bool>> {
        let code = self.actions[action.index()].as_ref().ok()?;
        Some(
            code.params
                .iter()
                .map(|p| matches!(p.dom, Dom::Ints(..) | Dom::IntList(_)))
                .collect(),
        )
    }

    /// The actions whose first test runs as a [`Sieve`], by name (for
    /// tests).
    #[cfg(test)]
    pub fn sieved(&self, spec: &Spec) -> Vec<String> {
        self.actions_where(spec, |c| c.sieve.is_some())
    }

    /// The actions compiled as one copy per binding of their parameters
    /// (tests).
    #[cfg(test)]
    pub fn instanced(&self, spec: &Spec) -> Vec<String> {
        self.actions_where(spec, |c| c.instances.is_some())
    }

    /// The names of the compiled actions whose code `has` (tests).
    #[cfg(test)]
    fn actions_where(&self, spec: &Spec, has: impl Fn(&ActionCode) -> bool) -> Vec<String> {
        (spec.actions.iter().zip(&self.actions))
            .filter(|(_, code)| code.as_ref().is_ok_and(&has))
            .map(|(a, _)| a.name.clone())
            .collect()
    }

    /// Every successor of `m.state` by one compiled action, each handed to
    /// `out` with the machine (the built state in `buf`, and with
    /// `keep_args` the parameters in `args`) (`Err(Bail)`: redo with the reference;
    /// `Ok(false)`: the action is not compiled).
    pub fn successors(
        &self,
        action: ActionId,
        m: &mut Machine,
        out: &mut dyn FnMut(&Machine),
    ) -> Res<bool> {
        let Ok(code) = &self.actions[action.index()] else {
            return Ok(false);
        };
        if let Some(instances) = &code.instances {
            instance::run(instances, m, out)?;
            return Ok(true);
        }
        enter(m, code.size);
        bits::copy_words(&mut m.buf, &m.state);
        if !passes(&code.pre[0], m)? {
            return Ok(true);
        }
        match &code.sieve {
            Some(sieve) => sieved(code, sieve, m, out)?,
            None => params(code, &code.params, m, out)?,
        }
        Ok(true)
    }

    /// Every state the `init` block gives from `m.state` (the declared
    /// initial values, the other variables zero), packed one after the
    /// other in the reference's order (`None`: not compiled; `Err(Bail)`:
    /// redo with the reference). Called on a thread of a rayon pool, the
    /// branches of the block's first `choose` run in parallel there.
    pub fn initial(&self, m: &mut Machine) -> Option<Res<Vec<u64>>> {
        let Some(Ok(code)) = &self.init else {
            return None;
        };
        enter(m, code.size);
        bits::copy_words(&mut m.buf, &m.state);
        let stmts = &code.body.stmts;
        let first = stmts.iter().position(build::branches);
        if let Some(j) = first
            && let St::Choose(bind, body) = &stmts[j]
            && rayon::current_thread_index().is_some()
        {
            return Some(parallel_choose(&stmts[..j], bind, body, &stmts[j + 1..], m));
        }
        let mut states = Vec::new();
        Some(
            exec::run(stmts, m, &mut |m| {
                bits::push_words(&mut states, &m.buf);
                Ok(())
            })
            .map(|()| states),
        )
    }

    /// Whether a compiled property holds in `m.state` (`None`: not compiled).
    pub fn check(&self, property: PropertyId, m: &mut Machine) -> Option<Res<bool>> {
        let Ok(code) = &self.properties[property.index()] else {
            return None;
        };
        self.run(code, m)
    }

    /// Whether the compiled premise `i` holds in `m.state` (`None`: not
    /// compiled).
    pub fn check_premise(&self, i: usize, m: &mut Machine) -> Option<Res<bool>> {
        let Ok(code) = &self.premises[i] else {
            return None;
        };
        self.run(code, m)
    }

    /// Run a compiled predicate on `m.state`.
    fn run(&self, code: &PropertyCode, m: &mut Machine) -> Option<Res<bool>> {
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
        Some(eval::boolean(&code.body, m))
    }
}

/// `before`, then `choose bind { body }`, then `rest`: each element's
/// branches on a task of its own (from a copy of the machine), their
/// states put together in the elements' order.
fn parallel_choose(
    before: &[St],
    bind: &Bind,
    body: &Block,
    rest: &[St],
    m: &mut Machine,
) -> Res<Vec<u64>> {
    use rayon::prelude::*;
    if !exec::straight(before, m)? {
        return Ok(Vec::new());
    }
    let mut elements = Vec::new();
    iter::each(&bind.dom, m, &mut |_, _, v| {
        elements.push(v);
        Ok(true)
    })?;
    let base: &Machine = m;
    let parts: Vec<Res<Vec<u64>>> = elements
        .par_iter()
        .with_max_len(1)
        .map(|&v| {
            let mut m = base.clone();
            let mut states = Vec::new();
            if iter::bind_pat(&bind.pat, v, &mut m) {
                exec::run(&body.stmts, &mut m, &mut |m| {
                    exec::run(rest, m, &mut |m| {
                        bits::push_words(&mut states, &m.buf);
                        Ok(())
                    })
                })?;
            }
            Ok(states)
        })
        .collect();
    let mut states = Vec::new();
    for part in parts {
        states.extend_from_slice(&part?);
    }
    Ok(states)
}

fn view_parts(code: &ViewCode, m: &mut Machine, fields: &[(u64, u64)], out: &mut [u64]) -> Res<()> {
    for (part, &(at, width)) in code.parts.iter().zip(fields) {
        match part {
            AnyExpr::Scalar(x) => {
                let v = eval::scalar(x, m)?;
                if v & !bits::mask(width as u32) != 0 || width > 64 {
                    return Err(node::Bail);
                }
                bits::write(out, at, width as u32, v);
            }
            AnyExpr::Wide(x, words) => {
                let words = *words as usize;
                let t = m.alloc(words);
                eval::wide(x, m, t, words)?;
                bits::copy(&m.arena[t..t + words], 0, out, at, width);
                m.arena.truncate(t);
            }
        }
    }
    Ok(())
}

/// The mapping of a `refines` (the body of its first property) and its
/// frame, if the spec declares one.
pub fn mapping_of(spec: &Spec) -> Option<(&Frame, &[Expr])> {
    let def = spec.refinement.as_ref()?;
    let property = spec.properties.get(def.properties[0].index())?;
    match &property.body.kind {
        ExprKind::Refines(_, exprs) => Some((&property.frame, exprs)),
        _ => None,
    }
}

/// The state predicates of a liveness property, in order (`P`, or `P`
/// then `Q` for `P leads_to Q` and `P => eventually Q`).
pub fn liveness_predicates(kind: &crate::check::ir::LivenessKind) -> Vec<&crate::check::ir::Expr> {
    use crate::check::ir::LivenessKind as K;
    match kind {
        K::Eventually(p) | K::AlwaysEventually(p) | K::EventuallyAlways(p) => vec![p],
        K::LeadsTo(p, q) | K::EventuallyFrom(p, q) | K::EventuallyAlwaysFrom(p, q) => vec![p, q],
    }
}

/// An action's body, with the conjuncts of its leading `require`s taken
/// out to test as soon as the parameters they read are bound (`pre[k]`
/// once the first `k` are). A conjunct moves only in front of conjuncts
/// that cannot fail ([`hoist::total`]), so the fast path never skips one
/// the reference would fail on.
fn hoisted_body(
    builder: &mut Builder<'_>,
    a: &ActionDef,
    types: &[crate::check::ir::Type],
) -> Built<(Vec<Vec<BoolExpr>>, Block)> {
    // The leading tests all read the state the action starts from.
    builder.in_guard = true;
    let tests = hoisted_tests(builder, a, types);
    builder.in_guard = false;
    let Tests { pre, rest, from } = tests?;
    let mut stmts = Vec::new();
    stmts.extend(rest.map(St::Require));
    for s in &a.body[from..] {
        stmts.push(builder.stmt(s)?);
    }
    let branches = stmts.iter().any(build::branches);
    Ok((pre, Block { stmts, branches }))
}

/// The leading tests of an action (see [`hoisted_body`]).
struct Tests {
    /// Those hoisted, by how many parameters they need bound.
    pre: Vec<Vec<BoolExpr>>,
    /// Those that stay, as one test in front of the body.
    rest: Option<BoolExpr>,
    /// The first statement of the body after them.
    from: usize,
}

fn hoisted_tests(
    builder: &mut Builder<'_>,
    a: &ActionDef,
    types: &[crate::check::ir::Type],
) -> Built<Tests> {
    // The parameter that binds each local, by local.
    let mut by_param = vec![None; a.frame.locals.len()];
    for (k, p) in a.params.iter().enumerate() {
        let mut bound = Vec::new();
        hoist::bound(&p.pattern, &mut bound);
        for l in bound {
            by_param[l.index()] = Some(k);
        }
    }
    let mut ts = Vec::new();
    let mut k = 0;
    while let Some(Stmt {
        kind: StmtKind::Require(e),
        ..
    }) = a.body.get(k)
    {
        hoist::terms(e, false, false, &mut ts);
        k += 1;
    }
    // Each term's level (how many parameters it needs), `None` to stay.
    let mut placed: Vec<Option<usize>> = Vec::with_capacity(ts.len());
    for (j, t) in ts.iter().enumerate() {
        let level = (!hoist::binds(t.expr))
            .then(|| {
                hoist::free(t.expr)
                    .iter()
                    .try_fold(0, |at, l| Some(at.max(by_param[l.index()]? + 1)))
            })
            .flatten();
        let moves = level.is_some_and(|level| {
            (0..j)
                .all(|i| placed[i].is_some_and(|at| at <= level) || hoist::total(ts[i].expr, types))
        });
        placed.push(if moves { level } else { None });
    }
    let mut pre: Vec<Vec<BoolExpr>> = (0..=a.params.len()).map(|_| Vec::new()).collect();
    let mut rest = Vec::new();
    for (t, at) in ts.iter().zip(&placed) {
        match at {
            Some(level) => pre[*level].push(builder.join(std::slice::from_ref(t), false)?),
            None => rest.push(*t),
        }
    }
    let rest = match rest.is_empty() {
        true => None,
        false => Some(builder.join(&rest, false)?),
    };
    Ok(Tests { pre, rest, from: k })
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
    out: &mut dyn FnMut(&Machine),
) -> Res<()> {
    let Some((first, rest)) = rest.split_first() else {
        return run_block(&code.body, m, out);
    };
    // The tests that need the parameters up to `first`.
    let tests = &code.pre[code.params.len() - rest.len()];
    // The last binder runs the body directly (no call per element).
    let mut next = |m: &mut Machine| {
        if !passes(tests, m)? {
            Ok(())
        } else if rest.is_empty() {
            run_block(&code.body, m, out)
        } else {
            params(code, rest, m, out)
        }
    };
    let direct = iter::each_direct(first, m, |m, idx| {
        if m.keep_args {
            m.args.push(idx);
            next(m)?;
            m.args.pop();
        } else {
            next(m)?;
        }
        Ok(true)
    })?;
    if direct.is_some() {
        return Ok(());
    }
    let ints = matches!(first.dom, Dom::Ints(..) | Dom::IntList(_));
    iter::each(&first.dom, m, &mut |m, idx, v| {
        if iter::bind_pat(&first.pat, v, m) {
            if m.keep_args {
                m.args.push(if ints { v } else { idx });
                next(m)?;
                m.args.pop();
            } else {
                next(m)?;
            }
        }
        Ok(true)
    })?;
    Ok(())
}

/// Bind the first parameter to each value its [`Sieve`] lets through,
/// then go on as [`params`] does after the sieved test.
fn sieved(
    code: &ActionCode,
    sieve: &Sieve,
    m: &mut Machine,
    out: &mut dyn FnMut(&Machine),
) -> Res<()> {
    let rest = code.params.get(1..).ok_or(Bail)?;
    let tests = &code.pre[1][1..];
    let mut pass = sieve.passing(m);
    while pass != 0 {
        let idx = u64::from(pass.trailing_zeros());
        pass &= pass - 1;
        let (v, arg) = sieve.value(idx);
        m.locals[sieve.slot as usize] = v;
        if !passes(tests, m)? {
            continue;
        }
        if m.keep_args {
            m.args.push(arg);
        }
        if rest.is_empty() {
            run_block(&code.body, m, out)?;
        } else {
            params(code, rest, m, out)?;
        }
        if m.keep_args {
            m.args.pop();
        }
    }
    Ok(())
}

/// Whether every hoisted test holds.
#[inline(always)]
fn passes(tests: &[BoolExpr], m: &mut Machine) -> Res<bool> {
    for test in tests {
        if !eval::boolean(test, m)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Run an action's body once for the bound parameters, from `m.state`,
/// each successor to `out`, and leave `buf` as `m.state` again.
#[inline(always)]
fn run_block(body: &Block, m: &mut Machine, out: &mut dyn FnMut(&Machine)) -> Res<()> {
    let r = if body.branches {
        m.dirty = true;
        exec::run(&body.stmts, m, &mut |m| {
            out(m);
            Ok(())
        })
    } else {
        exec::straight(&body.stmts, m).map(|done| {
            if done {
                out(m);
            }
        })
    };
    if m.dirty {
        bits::copy_words(&mut m.buf, &m.state);
        m.dirty = false;
    }
    r
}
