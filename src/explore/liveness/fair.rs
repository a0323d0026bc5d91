//! Which parts of the graph can be the end of a fair behaviour.
//!
//! Takes the [`Graph`], the fairness conditions ([`Conditions`]: each a
//! kind and a set of action instances, one per fair instance and one per
//! `fair A or B` group) and a set of states; gives the states where a
//! behaviour may stutter forever, and the *fair components*: strongly
//! connected sets of states in which a behaviour can cycle forever without
//! breaking fairness.
//!
//! Words, as in TLA+: a condition is *enabled* in `s` when one of its
//! instances has an edge out of `s` (self-loops are not edges), and *taken*
//! inside a set when one of its instances' edges has both ends in the set.
//! A cycle through every state and edge of a component `C` is fair when
//! each condition is:
//! - weak: taken inside `C`, or disabled in some state of `C`;
//! - strong: taken inside `C`, or enabled in no state of `C`.
//!
//! A weak condition enabled everywhere in `C` and never taken there
//! condemns every cycle inside `C`. A strong condition enabled somewhere
//! but never taken condemns only cycles through the states that enable
//! it: those states are removed and the rest split into components again,
//! until each is fair or empty (as TLC and SPIN do; Emerson–Lei).

use super::graph::{Graph, is_cut};
use super::scc::Tarjan;
use crate::check::ir::Fairness;

/// The fairness conditions, by id, and the instances each is made of.
#[derive(Clone, Debug, Default)]
pub struct Conditions {
    /// Each condition's kind (weak or strong).
    pub kinds: Vec<Fairness>,
    /// Per instance id, the conditions it belongs to.
    of: Vec<Vec<u32>>,
}

impl Conditions {
    /// One condition per fair instance, instance `i` having `fairness[i]`.
    pub fn per_instance(fairness: &[Fairness]) -> Conditions {
        let mut c = Conditions {
            kinds: Vec::new(),
            of: vec![Vec::new(); fairness.len()],
        };
        for (i, &f) in fairness.iter().enumerate() {
            if f != Fairness::None {
                let id = c.add(f);
                c.join(i as u32, id);
            }
        }
        c
    }

    /// A new condition of kind `fairness`, of no instance yet.
    pub fn add(&mut self, fairness: Fairness) -> u32 {
        self.kinds.push(fairness);
        (self.kinds.len() - 1) as u32
    }

    /// Make instance `i` one of condition `c`'s.
    pub fn join(&mut self, i: u32, c: u32) {
        let i = i as usize;
        if self.of.len() <= i {
            self.of.resize(i + 1, Vec::new());
        }
        self.of[i].push(c);
    }

    /// The conditions instance `i` belongs to.
    pub fn of(&self, i: u32) -> &[u32] {
        self.of.get(i as usize).map_or(&[], Vec::as_slice)
    }

    /// How many conditions there are.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }
}

/// What a cycle through a fair component must do for a condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Take one of this condition's instances (one is taken inside).
    Take(u32),
    /// Pass through a state where this weak condition is disabled.
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
    /// These strong conditions are enabled but never taken.
    Remove(Vec<u32>),
}

/// The fairness analysis over one graph, with its scratch space.
pub struct Analysis<'g> {
    /// The graph.
    pub graph: &'g Graph,
    /// The fairness conditions.
    pub conditions: Conditions,
    /// Edges a behaviour may not take, by position ([`Graph::steps`]): the
    /// steps of an action formula the behaviour must avoid. They still
    /// count for what is enabled where.
    pub cut: Vec<bool>,
    tarjan: Tarjan,
    /// `mark[s] == stamp`: `s` is in the set being looked at.
    mark: Vec<u32>,
    stamp: u32,
    /// Per condition: states of the component enabling it, the last state
    /// counted, whether it is taken inside.
    count: Vec<u32>,
    last: Vec<u32>,
    taken: Vec<bool>,
}

impl<'g> Analysis<'g> {
    /// The analysis of `graph` under `conditions`.
    pub fn new(graph: &'g Graph, conditions: Conditions) -> Analysis<'g> {
        let n = graph.state_count();
        let k = conditions.len();
        Analysis {
            graph,
            conditions,
            cut: Vec::new(),
            tarjan: Tarjan::new(n),
            mark: vec![0; n],
            stamp: 0,
            count: vec![0; k],
            last: vec![u32::MAX; k],
            taken: vec![false; k],
        }
    }

    /// Whether instance `i` is part of some fairness condition.
    pub fn is_fair(&self, i: u32) -> bool {
        !self.conditions.of(i).is_empty()
    }

    /// The steps out of `s` a behaviour may take (not [`Analysis::cut`]).
    pub fn steps(&self, s: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.graph.steps(s, &self.cut)
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
        let mut work = self.tarjan.components(self.graph, nodes, inside, &self.cut);
        work.reverse();
        let mut out = Vec::new();
        while let Some(states) = work.pop() {
            match self.judge(&states) {
                Judgement::Fair(needs) => out.push(FairComponent { states, needs }),
                Judgement::Unfair => {}
                Judgement::Remove(bad) => {
                    let rest: Vec<u32> = states
                        .into_iter()
                        .filter(|&s| {
                            let of = |i| self.conditions.of(i);
                            !self
                                .graph
                                .edges(s)
                                .any(|(_, i)| of(i).iter().any(|c| bad.contains(c)))
                        })
                        .collect();
                    let stamp = self.next_stamp(&rest);
                    let mark = &self.mark;
                    let inside = |s: u32| mark[s as usize] == stamp;
                    let parts = (self.tarjan).components(self.graph, &rest, &inside, &self.cut);
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
            let (a, b) = self.graph.row(s);
            for e in a..b {
                let (t, i) = (self.graph.target(e), self.graph.instance(e));
                let inside = self.mark[t as usize] == stamp && !is_cut(&self.cut, e);
                for &c in self.conditions.of(i) {
                    let k = c as usize;
                    if self.count[k] == 0 {
                        touched.push(c);
                    }
                    if self.last[k] != s {
                        self.last[k] = s;
                        self.count[k] += 1;
                    }
                    if inside {
                        self.taken[k] = true;
                    }
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
            match (self.taken[k], self.conditions.kinds[k]) {
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

    fn per(fairness: &[Fairness]) -> Conditions {
        Conditions::per_instance(fairness)
    }

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
        let mut a = Analysis::new(&g, per(&[Weak, Weak, Weak]));
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
        let mut a = Analysis::new(&g, per(&[Unfair, Unfair, Strong]));
        assert!(a.fair_components(&all(&g), &|_| true).is_empty());
    }

    #[test]
    fn weak_fairness_forces_an_exit_enabled_everywhere() {
        // Both states of the ring can leave to 2 by instance 2.
        let g = Graph::from_rows(&[&[(1, 0), (2, 2)], &[(0, 1), (2, 2)], &[]], &[0]);
        let mut a = Analysis::new(&g, per(&[Unfair, Unfair, Weak]));
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
        let mut a = Analysis::new(&g, per(&[Unfair, Unfair, Unfair, Strong]));
        let comps = a.fair_components(&all(&g), &|_| true);
        assert_eq!(comps.len(), 1);
        assert_eq!(comps[0].states, [0, 1]);
    }

    #[test]
    fn a_group_is_enabled_where_any_of_its_instances_is() {
        // 0 ⇄ 1 by instances 0 and 1; instance 2 leaves 0, instance 3
        // leaves 1. Each exit alone is disabled somewhere in the ring, so
        // weak fairness of each does not force it; weak fairness of the two
        // together does, as one of them is enabled in every state.
        let g = Graph::from_rows(&[&[(1, 0), (2, 2)], &[(0, 1), (3, 3)], &[], &[]], &[0]);
        let mut alone = Analysis::new(&g, per(&[Unfair, Unfair, Weak, Weak]));
        assert_eq!(alone.fair_components(&all(&g), &|_| true).len(), 1);
        let mut group = Conditions::default();
        let c = group.add(Weak);
        group.join(2, c);
        group.join(3, c);
        let mut together = Analysis::new(&g, group);
        assert!(together.fair_components(&all(&g), &|_| true).is_empty());
        assert!(!together.may_stutter(0));
        assert!(together.may_stutter(2));
    }
}
