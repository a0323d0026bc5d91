//! Which parts of the graph can be the end of a fair behaviour.
//!
//! Takes the [`Graph`], the fairness of each action instance and a set of
//! states; gives the states where a behaviour may stutter forever, and the
//! *fair components*: strongly connected sets of states in which a
//! behaviour can cycle forever without breaking fairness.
//!
//! Words, as in TLA+: an instance is *enabled* in `s` when it has an edge
//! out of `s` (self-loops are not edges), and *taken* inside a set when
//! one of its edges has both ends in the set. A cycle through every state
//! and edge of a component `C` is fair when each fair instance is:
//! - weak: taken inside `C`, or disabled in some state of `C`;
//! - strong: taken inside `C`, or enabled in no state of `C`.
//!
//! A weakly fair instance enabled everywhere in `C` and never taken
//! there condemns every cycle inside `C`. A strongly fair instance enabled
//! somewhere but never taken condemns only cycles through the states that
//! enable it: those states are removed and the rest split into components
//! again, until each is fair or empty (as TLC and SPIN do; Emerson–Lei).

use super::graph::Graph;
use super::scc::Tarjan;
use crate::check::ir::Fairness;

/// What a cycle through a fair component must do for an instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Take this instance (it is taken somewhere inside).
    Take(u32),
    /// Pass through a state where this weakly fair instance is disabled.
    Disabled(u32),
}

/// A set of states a fair behaviour can cycle through forever.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FairComponent {
    /// Its states (strongly connected, two or more).
    pub states: Vec<u32>,
    /// What a cycle through it must do to be fair.
    pub needs: Vec<Need>,
}

/// The verdict on one component.
enum Judgement {
    Fair(Vec<Need>),
    Unfair,
    /// These strongly fair instances are enabled but never taken.
    Remove(Vec<u32>),
}

/// The fairness analysis over one graph, with its scratch space.
pub struct Analysis<'g> {
    /// The graph.
    pub graph: &'g Graph,
    /// The fairness of each instance, by instance id.
    pub fairness: Vec<Fairness>,
    tarjan: Tarjan,
    /// `mark[s] == stamp`: `s` is in the set being looked at.
    mark: Vec<u32>,
    stamp: u32,
    /// Per instance: states of the component enabling it, the last state
    /// counted, whether it is taken inside.
    count: Vec<u32>,
    last: Vec<u32>,
    taken: Vec<bool>,
}

impl<'g> Analysis<'g> {
    /// The analysis of `graph` where instance `i` has `fairness[i]`.
    pub fn new(graph: &'g Graph, fairness: Vec<Fairness>) -> Analysis<'g> {
        let n = graph.state_count();
        let k = fairness.len();
        Analysis {
            graph,
            fairness,
            tarjan: Tarjan::new(n),
            mark: vec![0; n],
            stamp: 0,
            count: vec![0; k],
            last: vec![u32::MAX; k],
            taken: vec![false; k],
        }
    }

    /// Whether instance `i` is fair (weakly or strongly).
    pub fn is_fair(&self, i: u32) -> bool {
        self.fairness[i as usize] != Fairness::None
    }

    /// Whether a behaviour may stay in `s` forever: no fair instance is
    /// enabled there (a deadlock, or only unfair actions are possible).
    pub fn may_stutter(&self, s: u32) -> bool {
        self.graph.edges(s).all(|(_, i)| !self.is_fair(i))
    }

    /// The fair components inside `nodes` (`inside` agrees with it).
    pub fn fair_components(
        &mut self,
        nodes: &[u32],
        inside: &dyn Fn(u32) -> bool,
    ) -> Vec<FairComponent> {
        let mut work = self.tarjan.components(self.graph, nodes, inside);
        work.reverse();
        let mut out = Vec::new();
        while let Some(states) = work.pop() {
            match self.judge(&states) {
                Judgement::Fair(needs) => out.push(FairComponent { states, needs }),
                Judgement::Unfair => {}
                Judgement::Remove(bad) => {
                    let rest: Vec<u32> = states
                        .into_iter()
                        .filter(|&s| !self.graph.edges(s).any(|(_, i)| bad.contains(&i)))
                        .collect();
                    let stamp = self.next_stamp(&rest);
                    let mark = &self.mark;
                    let parts = self
                        .tarjan
                        .components(self.graph, &rest, &|s| mark[s as usize] == stamp);
                    work.extend(parts.into_iter().rev());
                }
            }
        }
        out
    }

    /// Mark `states` with a fresh stamp.
    fn next_stamp(&mut self, states: &[u32]) -> u32 {
        self.stamp += 1;
        for &s in states {
            self.mark[s as usize] = self.stamp;
        }
        self.stamp
    }

    /// Is a cycle through all of `states` fair, and if so what must it do?
    fn judge(&mut self, states: &[u32]) -> Judgement {
        let stamp = self.next_stamp(states);
        let mut touched = Vec::new();
        for &s in states {
            for (t, i) in self.graph.edges(s) {
                let k = i as usize;
                if self.fairness[k] == Fairness::None {
                    continue;
                }
                if self.count[k] == 0 {
                    touched.push(i);
                }
                if self.last[k] != s {
                    self.last[k] = s;
                    self.count[k] += 1;
                }
                if self.mark[t as usize] == stamp {
                    self.taken[k] = true;
                }
            }
        }
        touched.sort_unstable();
        let mut needs = Vec::new();
        let mut bad = Vec::new();
        let mut unfair = false;
        for &i in &touched {
            let k = i as usize;
            let everywhere = self.count[k] as usize == states.len();
            match (self.taken[k], self.fairness[k]) {
                (true, _) => needs.push(Need::Take(i)),
                (false, Fairness::Weak) if everywhere => unfair = true,
                (false, Fairness::Weak) => needs.push(Need::Disabled(i)),
                (false, _) => bad.push(i),
            }
            self.count[k] = 0;
            self.last[k] = u32::MAX;
            self.taken[k] = false;
        }
        if unfair {
            Judgement::Unfair
        } else if !bad.is_empty() {
            Judgement::Remove(bad)
        } else {
            Judgement::Fair(needs)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Fairness::{None as Unfair, Strong, Weak};

    fn all(g: &Graph) -> Vec<u32> {
        (0..g.state_count() as u32).collect()
    }

    /// 0 ⇄ 1 by instance 0 (0 → 1) and 1 (1 → 0); instance 2 leaves 0 to 2.
    fn ring_with_exit() -> Graph {
        Graph::from_rows(&[&[(1, 0), (2, 2)], &[(0, 1)], &[]], &[0])
    }

    #[test]
    fn an_exit_enabled_only_sometimes_does_not_bind_weak_fairness() {
        let g = ring_with_exit();
        let mut a = Analysis::new(&g, vec![Weak, Weak, Weak]);
        let comps = a.fair_components(&all(&g), &|_| true);
        assert_eq!(comps.len(), 1);
        assert_eq!(comps[0].states, [0, 1]);
        assert_eq!(
            comps[0].needs,
            [Need::Take(0), Need::Take(1), Need::Disabled(2)]
        );
    }

    #[test]
    fn strong_fairness_forces_an_exit_enabled_infinitely_often() {
        let g = ring_with_exit();
        let mut a = Analysis::new(&g, vec![Unfair, Unfair, Strong]);
        assert!(a.fair_components(&all(&g), &|_| true).is_empty());
    }

    #[test]
    fn weak_fairness_forces_an_exit_enabled_everywhere() {
        // Both states of the ring can leave to 2 by instance 2.
        let g = Graph::from_rows(&[&[(1, 0), (2, 2)], &[(0, 1), (2, 2)], &[]], &[0]);
        let mut a = Analysis::new(&g, vec![Unfair, Unfair, Weak]);
        assert!(a.fair_components(&all(&g), &|_| true).is_empty());
        assert!(a.may_stutter(2));
        assert!(!a.may_stutter(0));
    }

    #[test]
    fn strong_refinement_keeps_the_inner_cycle() {
        // 0 ⇄ 1 ⇄ 2; instance 3 is enabled in 2 only (to 3) and never taken
        // inside: the cycle 0 ⇄ 1 avoids it and stays fair.
        let g = Graph::from_rows(
            &[&[(1, 0)], &[(0, 1), (2, 0)], &[(1, 1), (3, 3)], &[]],
            &[0],
        );
        let mut a = Analysis::new(&g, vec![Unfair, Unfair, Unfair, Strong]);
        let comps = a.fair_components(&all(&g), &|_| true);
        assert_eq!(comps.len(), 1);
        assert_eq!(comps[0].states, [0, 1]);
    }
}
