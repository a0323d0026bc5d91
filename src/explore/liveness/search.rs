//! One liveness property against the graph: the shortest fair behaviour
//! that violates it, if there is one.
//!
//! Each form reduces to one [`Question`]: is there a fair behaviour that,
//! from some *source* state (reached from an initial state), stays in the
//! *allowed* states forever, and (for `eventually always`) visits an
//! *accepting* state infinitely often? Such a behaviour ends either
//! stuttering forever in a state where no fair action is enabled, or
//! cycling through a fair component (see `fair.rs`).
//!
//! | property            | allowed | sources                  | accepting |
//! |---------------------|---------|--------------------------|-----------|
//! | `eventually P`      | ¬P      | initial states with ¬P   | all       |
//! | `always eventually P` | ¬P    | every state with ¬P      | all       |
//! | `eventually always P` | all   | initial states           | ¬P        |
//! | `P leads_to Q`      | ¬Q      | every state with P ∧ ¬Q  | all       |
//! | `P => eventually Q` | ¬Q      | initial states with P ∧ ¬Q | all     |
//! | `P => eventually always Q` | all | initial states with P | ¬Q        |
//!
//! A source's head start is its distance from an initial state, so the
//! lasso found has the shortest prefix into its loop over all sources.

use super::fair::Analysis;
use super::paths::{self, Reach};

/// A violation's shape, by state ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Witness {
    /// From an initial state to the state where the loop starts.
    pub prefix: Vec<u32>,
    /// The loop's steps after that state, (state, instance), ending back
    /// at it; empty when the behaviour stutters there forever.
    pub cycle: Vec<(u32, u32)>,
}

/// What a violating behaviour must do (see the module header).
pub struct Question<'a> {
    /// States it may visit once it starts.
    pub allowed: &'a dyn Fn(u32) -> bool,
    /// Where it may start (every source allowed).
    pub sources: Vec<u32>,
    /// States it must visit infinitely often; `None` for any.
    pub accept: Option<&'a dyn Fn(u32) -> bool>,
}

/// Where the loop of the best violation is.
enum End {
    Stutter,
    Cycle(usize),
}

/// The shortest violating lasso for `question`, or `None` when the
/// property holds. `from_init` is the search from the initial states.
pub fn find(analysis: &mut Analysis, from_init: &Reach, question: &Question) -> Option<Witness> {
    let graph = analysis.graph;
    let mut sources: Vec<(u32, u32)> = question
        .sources
        .iter()
        .map(|&s| (s, from_init.dist[s as usize]))
        .collect();
    sources.sort_by_key(|&(s, d)| (d, s));
    let region = paths::reach(graph, &sources, question.allowed, &analysis.cut);
    let accepts = |s: u32| question.accept.is_none_or(|a| a(s));
    let mut best: Option<(u32, u32, End)> = region
        .order
        .iter()
        .find(|&&s| accepts(s) && analysis.may_stutter(s))
        .map(|&s| (region.dist[s as usize], s, End::Stutter));
    let comps = analysis.fair_components(&region.order, &|s| region.has(s));
    for (k, comp) in comps.iter().enumerate() {
        if !comp.states.iter().any(|&s| accepts(s)) {
            continue;
        }
        let entry = comp
            .states
            .iter()
            .copied()
            .min_by_key(|&s| (region.dist[s as usize], s))
            .expect("a component has states");
        let d = region.dist[entry as usize];
        if best.as_ref().is_none_or(|(bd, _, _)| d < *bd) {
            best = Some((d, entry, End::Cycle(k)));
        }
    }
    let (_, entry, end) = best?;
    let mut prefix = region.path_to(entry);
    let source = prefix[0];
    let mut lead = from_init.path_to(source);
    lead.pop();
    lead.extend(prefix);
    prefix = lead;
    let cycle = match end {
        End::Stutter => Vec::new(),
        End::Cycle(k) => paths::cycle(analysis, &comps[k], entry, question.accept),
    };
    Some(Witness { prefix, cycle })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::ir::Fairness::{self, None as Unfair, Strong, Weak};
    use crate::explore::liveness::fair::Conditions;
    use crate::explore::liveness::graph::Graph;

    fn eventually(g: &Graph, fairness: Vec<Fairness>, p: &[u32]) -> Option<Witness> {
        let mut a = Analysis::new(g, Conditions::per_instance(&fairness));
        let from_init = paths::reach(g, &[(0, 0)], &|_| true, &[]);
        let not_p = |s: u32| !p.contains(&s);
        let q = Question {
            allowed: &not_p,
            sources: g.initial.iter().copied().filter(|&s| not_p(s)).collect(),
            accept: None,
        };
        find(&mut a, &from_init, &q)
    }

    /// 0 → 1 → 2 (goal) by instance 0; 1 ⇄ 3 by instances 1 and 2.
    fn detour() -> Graph {
        Graph::from_rows(&[&[(1, 0)], &[(2, 0), (3, 1)], &[], &[(1, 2)]], &[0])
    }

    #[test]
    fn without_fairness_the_first_state_stutters() {
        let w = eventually(&detour(), vec![Unfair; 3], &[2]).expect("violated");
        assert_eq!(
            w,
            Witness {
                prefix: vec![0],
                cycle: vec![]
            }
        );
    }

    #[test]
    fn weak_fairness_of_progress_is_not_enough_against_a_detour_loop() {
        // Instance 0 is disabled in 3, so the loop 1 ⇄ 3 is weakly fair.
        let w = eventually(&detour(), vec![Weak; 3], &[2]).expect("violated");
        assert_eq!(w.prefix, [0, 1]);
        assert_eq!(w.cycle, [(3, 1), (1, 2)]);
    }

    #[test]
    fn strong_fairness_of_progress_gets_there() {
        assert_eq!(eventually(&detour(), vec![Strong, Weak, Weak], &[2]), None);
    }

    #[test]
    fn a_deadlock_short_of_the_goal_violates_eventually() {
        let g = Graph::from_rows(&[&[(1, 0)], &[], &[]], &[0]);
        let w = eventually(&g, vec![Weak], &[2]).expect("violated");
        assert_eq!(
            w,
            Witness {
                prefix: vec![0, 1],
                cycle: vec![]
            }
        );
    }
}
