//! Shrinking a simulation's trace: the same finding by fewer steps, with
//! the processes' steps less interleaved.
//!
//! A trace is an initial state and a list of action instances (action and
//! arguments). A candidate (the list with steps removed or two neighbours
//! swapped) is replayed from the initial state: each instance must be
//! enabled where it is taken, every state on the way must pass the checks
//! a walk makes (invariants, constraints), and the replay must end in the
//! same finding (the same invariant false, a deadlock, the same runtime
//! error), possibly earlier. So a shrunk trace is one a walk could have
//! taken. In order: cut the loops (a state visited twice), remove runs
//! of steps (halving their length down to one, to a fixpoint), then swap
//! neighbouring steps of different lifelines where that lowers the number
//! of switches between lifelines, and remove again. Deterministic: the
//! same trace always shrinks to the same trace. A budget of replays
//! bounds the work on long traces.

use hashbrown::HashMap;

use crate::check::ir::ActionId;
use crate::value::Value;

use super::super::expand::{self, Finding};
use super::super::space::Space;
use super::Ctx;

/// The lifeline an action instance belongs to: `(kind, instance)`, or
/// `None` for the network and time. Steps on different lifelines are the
/// interleavings shrinking reduces.
pub type Lane = Option<(u32, Option<Value>)>;

/// Replays a shrink may try.
const BUDGET: usize = 4000;

/// One step of a candidate: the instance, and the state it led to last
/// time (preferred when the instance has several successors).
#[derive(Clone)]
struct Instance {
    action: ActionId,
    args: Vec<Value>,
    target: Vec<u64>,
}

/// The shrinker's state: the best trace so far.
struct Shrinker<'c, 'm, S: Space> {
    ctx: &'c Ctx<'m, S>,
    worker: S::Worker,
    finding: &'c Finding,
    lane: &'c (dyn Fn(ActionId, &[Value]) -> Lane + Sync),
    init: Vec<u64>,
    steps: Vec<Instance>,
    replays: usize,
}

/// The states (packed) of a shortest-found trace from `states`'s initial
/// state to the same `finding`.
pub(super) fn shrink<S: Space>(
    ctx: &Ctx<'_, S>,
    lane: &(dyn Fn(ActionId, &[Value]) -> Lane + Sync),
    states: Vec<u64>,
    finding: &Finding,
) -> Vec<u64> {
    let width = ctx.width;
    let init = states[..width].to_vec();
    let mut steps = Vec::new();
    for pair in states.windows(2 * width).step_by(width) {
        let (from, to) = pair.split_at(width);
        let Some((action, args)) = super::trace::action_between(ctx.model, from, to) else {
            return states;
        };
        steps.push(Instance {
            action,
            args,
            target: to.to_vec(),
        });
    }
    let mut s = Shrinker {
        ctx,
        worker: ctx.model.worker(),
        finding,
        lane,
        init,
        steps,
        replays: 0,
    };
    s.cut_loops();
    loop {
        let before = (s.steps.len(), s.switches(&s.steps));
        s.remove_runs();
        s.fewer_switches();
        if (s.steps.len(), s.switches(&s.steps)) == before || s.replays >= BUDGET {
            break;
        }
    }
    let mut out = s.init.clone();
    for step in &s.steps {
        out.extend_from_slice(&step.target);
    }
    out
}

impl<S: Space> Shrinker<'_, '_, S> {
    /// Drop the steps between two visits of the same state.
    fn cut_loops(&mut self) {
        loop {
            let Some((j, i)) = self.first_loop() else {
                return;
            };
            let mut candidate = self.steps[..j].to_vec();
            candidate.extend_from_slice(&self.steps[i..]);
            if !self.try_accept(candidate) {
                return;
            }
        }
    }

    /// The first state visited again: the indices of its two visits.
    fn first_loop(&self) -> Option<(usize, usize)> {
        let mut first: HashMap<&[u64], usize> = HashMap::new();
        let states =
            std::iter::once(&self.init[..]).chain(self.steps.iter().map(|s| &s.target[..]));
        for (i, state) in states.enumerate() {
            if let Some(&j) = first.get(state) {
                return Some((j, i));
            }
            first.insert(state, i);
        }
        None
    }

    /// Remove runs of consecutive steps, longest first.
    fn remove_runs(&mut self) {
        let mut size = (self.steps.len() / 2).max(1);
        loop {
            let mut start = 0;
            while start + size <= self.steps.len() && self.replays < BUDGET {
                let mut candidate = self.steps[..start].to_vec();
                candidate.extend_from_slice(&self.steps[start + size..]);
                if !self.try_accept(candidate) {
                    start += 1;
                }
            }
            if size == 1 || self.replays >= BUDGET {
                return;
            }
            size /= 2;
        }
    }

    /// Swap neighbours on different lifelines where that lowers the
    /// number of switches.
    fn fewer_switches(&mut self) {
        let mut k = 0;
        while k + 1 < self.steps.len() && self.replays < BUDGET {
            let lanes = |s: &Instance| (self.lane)(s.action, &s.args);
            if lanes(&self.steps[k]) != lanes(&self.steps[k + 1]) {
                let mut candidate = self.steps.clone();
                candidate.swap(k, k + 1);
                if self.switches(&candidate) < self.switches(&self.steps)
                    && self.try_accept(candidate)
                {
                    k = k.saturating_sub(1);
                    continue;
                }
            }
            k += 1;
        }
    }

    /// How often consecutive steps are on different lifelines.
    fn switches(&self, steps: &[Instance]) -> usize {
        steps
            .windows(2)
            .filter(|w| {
                (self.lane)(w[0].action, &w[0].args) != (self.lane)(w[1].action, &w[1].args)
            })
            .count()
    }

    /// Replay `candidate`; keep it (truncated where the finding occurs)
    /// when it is valid and ends in the same finding.
    fn try_accept(&mut self, candidate: Vec<Instance>) -> bool {
        self.replays += 1;
        match self.replay(candidate) {
            Some(steps) => {
                self.steps = steps;
                true
            }
            None => false,
        }
    }

    /// The candidate's steps up to the finding, with their states, or
    /// `None` if it is not a valid trace to the same finding.
    fn replay(&mut self, mut candidate: Vec<Instance>) -> Option<Vec<Instance>> {
        let (model, props) = (self.ctx.model, &self.ctx.props);
        let mut state = self.init.clone();
        let mut before: Option<(Vec<u64>, ActionId)> = None;
        let mut words = Vec::new();
        for k in 0..=candidate.len() {
            let stepped = before.as_ref().and_then(|(b, action)| {
                let pair = (&b[..], &state[..]);
                expand::check_step(model, &mut self.worker, props, pair, *action, &mut words)
            });
            if let Some(found) = stepped {
                return same(&found, self.finding).then(|| {
                    candidate.truncate(k);
                    candidate
                });
            }
            let check = if k == 0 {
                expand::check_initial
            } else {
                expand::check_state
            };
            let here = check(
                model,
                &mut self.worker,
                props,
                &mut Vec::new(),
                &state,
                &mut Vec::new(),
            );
            let here = match here {
                Some(found) => Some(found),
                None => {
                    match expand::satisfies_all(model, &mut self.worker, &props.constraints, &state)
                    {
                        Err(error) => Some(Finding::PropertyError(error)),
                        // A walk ends at a state outside a constraint.
                        Ok(false) => return None,
                        Ok(true) => None,
                    }
                }
            };
            if let Some(found) = here {
                return same(&found, self.finding).then(|| {
                    candidate.truncate(k);
                    candidate
                });
            }
            let Some(step) = candidate.get(k) else {
                return self.ends_here(&state).then_some(candidate);
            };
            let mut next: Option<Vec<u64>> = None;
            let result = model.successors(&state, &mut |succ| {
                if succ.action == step.action
                    && *succ.args == step.args[..]
                    && (next.is_none() || *succ.state == step.target[..])
                {
                    next = Some(succ.state.to_vec());
                }
            });
            if let Err(error) = result {
                let found = Finding::ActionError(error);
                return same(&found, self.finding).then(|| {
                    candidate.truncate(k);
                    candidate
                });
            }
            before = Some((std::mem::replace(&mut state, next?), step.action));
            candidate[k].target.clone_from(&state);
        }
        unreachable!("the loop returns at its last index")
    }

    /// Whether a trace ending in `state` ends in the finding there: a
    /// deadlock or an action's runtime error (the other findings are
    /// found by the checks on the state).
    fn ends_here(&mut self, state: &[u64]) -> bool {
        let model = self.ctx.model;
        let mut any = false;
        match model.step(&mut self.worker, state, &mut |_, _| any = true) {
            Err(error) => same(&Finding::ActionError(error), self.finding),
            Ok(()) if !any && self.ctx.options.deadlock => {
                expand::deadlock_at(model, &mut self.worker, &self.ctx.props, state)
                    .is_some_and(|found| same(&found, self.finding))
            }
            Ok(()) => false,
        }
    }
}

/// Whether two findings are the same violation.
fn same(a: &Finding, b: &Finding) -> bool {
    match (a, b) {
        (Finding::Invariant(x), Finding::Invariant(y)) => x == y,
        (Finding::Deadlock, Finding::Deadlock) => true,
        (Finding::PropertyError(x), Finding::PropertyError(y)) => x == y,
        (Finding::ActionError(x), Finding::ActionError(y)) => {
            x.action == y.action && x.error == y.error
        }
        _ => false,
    }
}
