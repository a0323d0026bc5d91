//! Shortest paths for lassos: into a fair component, and around it.
//!
//! [`reach`] is a breadth-first search from several sources, each with a
//! head start (its distance from an initial state), so the paths it gives
//! are the shortest over all sources. [`cycle`] walks a fair component from
//! an entry state back to it, through everything fairness needs: it goes
//! each time to the nearest state that does something still needed (an
//! edge of an instance to take, a state where an instance is disabled, an
//! accepting state), then back to the entry.

use std::collections::VecDeque;

use super::fair::{Analysis, Conditions, FairComponent, Need};
use super::graph::Graph;

/// Not reached.
pub const UNSEEN: u32 = u32::MAX;

/// The result of [`reach`].
pub struct Reach {
    /// Distance of each state, counting the head start; `UNSEEN` if not reached.
    pub dist: Vec<u32>,
    /// The state each was reached from; `UNSEEN` for a source.
    pub pred: Vec<u32>,
    /// The states reached, by increasing distance.
    pub order: Vec<u32>,
}

impl Reach {
    /// Whether `s` was reached.
    pub fn has(&self, s: u32) -> bool {
        self.dist[s as usize] != UNSEEN
    }

    /// The path from its source to `s`, both included.
    pub fn path_to(&self, s: u32) -> Vec<u32> {
        let mut path = vec![s];
        let mut at = s;
        while self.pred[at as usize] != UNSEEN {
            at = self.pred[at as usize];
            path.push(at);
        }
        path.reverse();
        path
    }
}

/// Breadth-first search from `sources` (state, head start), sorted by head
/// start, through the states where `allowed` holds (sources must be) and
/// over the edges not `cut` ([`Graph::steps`]).
pub fn reach(
    graph: &Graph,
    sources: &[(u32, u32)],
    allowed: &dyn Fn(u32) -> bool,
    cut: &[bool],
) -> Reach {
    let n = graph.state_count();
    let mut r = Reach {
        dist: vec![UNSEEN; n],
        pred: vec![UNSEEN; n],
        order: Vec::new(),
    };
    let mut queue: VecDeque<u32> = VecDeque::new();
    let mut next_source = 0;
    loop {
        // Take whichever comes first: the queue's head or the next source.
        let head = queue.front().map(|&s| r.dist[s as usize]);
        let source = sources.get(next_source).copied();
        let from_source = match (head, source) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(d), Some((_, start))) => start <= d,
        };
        if from_source {
            next_source += 1;
            if let Some((s, start)) = source
                && !r.has(s)
            {
                r.dist[s as usize] = start;
                r.order.push(s);
                queue.push_back(s);
            }
            continue;
        }
        let Some(s) = queue.pop_front() else { break };
        let d = r.dist[s as usize] + 1;
        for (t, _) in graph.steps(s, cut) {
            if !r.has(t) && allowed(t) {
                r.dist[t as usize] = d;
                r.pred[t as usize] = s;
                r.order.push(t);
                queue.push_back(t);
            }
        }
    }
    r
}

/// A cycle from `entry` back to it inside `comp`, fair by `comp.needs`
/// and through a state where `accept` holds (when given). Gives the steps
/// after `entry`: (state, instance) pairs, the last state being `entry`.
pub fn cycle(
    analysis: &Analysis,
    comp: &FairComponent,
    entry: u32,
    accept: Option<&dyn Fn(u32) -> bool>,
) -> Vec<(u32, u32)> {
    let graph = analysis.graph;
    let mut member = vec![false; graph.state_count()];
    for &s in &comp.states {
        member[s as usize] = true;
    }
    let inside = |s: u32| member[s as usize];
    let mut walk = Walk::new(graph, &member, &analysis.cut);
    let conditions = &analysis.conditions;
    let k = conditions.len();
    let mut take = vec![false; k];
    let mut disabled = vec![false; k];
    for need in &comp.needs {
        match *need {
            Need::Take(i) => take[i as usize] = true,
            Need::Disabled(i) => disabled[i as usize] = true,
        }
    }
    let mut open = Open {
        conditions,
        take,
        disabled,
        left: comp.needs.len(),
        accept,
    };
    open.visit(graph, entry);
    let mut steps: Vec<(u32, u32)> = Vec::new();
    let mut at = entry;
    while !open.done() {
        let wants = |s| open.wants(graph, s, &analysis.cut, &inside);
        let Some(path) = walk.path(at, true, &wants) else {
            break;
        };
        let moved = !path.is_empty();
        for &(s, i) in &path {
            open.step(graph, i, s);
        }
        at = path.last().map_or(at, |&(s, _)| s);
        steps.extend(path);
        let wanted = (analysis.steps(at)).find(|&(t, i)| inside(t) && open.takes(i));
        if let Some((t, i)) = wanted {
            open.step(graph, i, t);
            steps.push((t, i));
            at = t;
        } else if !moved {
            break;
        }
    }
    if at != entry || steps.is_empty() {
        let back = walk
            .path(at, false, &|s| s == entry)
            .expect("a component is strongly connected");
        steps.extend(back);
    }
    steps
}

/// What a cycle still has to do, by condition.
struct Open<'a> {
    conditions: &'a Conditions,
    take: Vec<bool>,
    disabled: Vec<bool>,
    /// Needs not yet met.
    left: usize,
    accept: Option<&'a dyn Fn(u32) -> bool>,
}

impl Open<'_> {
    /// Is every need met?
    fn done(&self) -> bool {
        self.left == 0 && self.accept.is_none()
    }

    /// Would taking instance `i` meet an open need?
    fn takes(&self, i: u32) -> bool {
        self.conditions.of(i).iter().any(|&c| self.take[c as usize])
    }

    /// The conditions enabled in `s`, each once.
    fn enabled(&self, graph: &Graph, s: u32) -> Vec<u32> {
        let mut on: Vec<u32> = graph
            .edges(s)
            .flat_map(|(_, i)| self.conditions.of(i).iter().copied())
            .collect();
        on.sort_unstable();
        on.dedup();
        on
    }

    /// Take instance `i` into state `s`.
    fn step(&mut self, graph: &Graph, i: u32, s: u32) {
        for &c in self.conditions.of(i) {
            if std::mem::take(&mut self.take[c as usize]) {
                self.left -= 1;
            }
        }
        self.visit(graph, s);
    }

    /// Be in state `s`: every condition disabled there is done with.
    fn visit(&mut self, graph: &Graph, s: u32) {
        if self.accept.is_some_and(|a| a(s)) {
            self.accept = None;
        }
        let enabled = self.enabled(graph, s);
        for (c, d) in self.disabled.iter_mut().enumerate() {
            if *d && enabled.binary_search(&(c as u32)).is_err() {
                *d = false;
                self.left -= 1;
            }
        }
    }

    /// Does being in `s` (or leaving it) meet some open need?
    fn wants(&self, graph: &Graph, s: u32, cut: &[bool], inside: &dyn Fn(u32) -> bool) -> bool {
        if self.accept.is_some_and(|a| a(s)) {
            return true;
        }
        if graph.steps(s, cut).any(|(t, i)| inside(t) && self.takes(i)) {
            return true;
        }
        let open_disabled = self.disabled.iter().filter(|d| **d).count();
        let enabled_open = (self.enabled(graph, s).into_iter())
            .filter(|&c| self.disabled[c as usize])
            .count();
        enabled_open < open_disabled
    }
}

/// Breadth-first paths inside one component.
struct Walk<'g> {
    graph: &'g Graph,
    member: &'g [bool],
    /// Edges the walk may not take ([`Graph::steps`]).
    cut: &'g [bool],
    visited: Vec<u32>,
    stamp: u32,
    /// (predecessor, instance) of each visited state.
    pred: Vec<(u32, u32)>,
}

impl<'g> Walk<'g> {
    fn new(graph: &'g Graph, member: &'g [bool], cut: &'g [bool]) -> Walk<'g> {
        let n = graph.state_count();
        Walk {
            graph,
            member,
            cut,
            visited: vec![0; n],
            stamp: 0,
            pred: vec![(0, 0); n],
        }
    }

    fn inside(&self, s: u32) -> bool {
        self.member[s as usize]
    }

    /// The shortest path from `from` to a state where `target` holds: the
    /// steps after `from`. With `zero`, `from` itself may be the target.
    fn path(
        &mut self,
        from: u32,
        zero: bool,
        target: &dyn Fn(u32) -> bool,
    ) -> Option<Vec<(u32, u32)>> {
        if zero && target(from) {
            return Some(Vec::new());
        }
        self.stamp += 1;
        self.visited[from as usize] = self.stamp;
        let mut queue = VecDeque::from([from]);
        while let Some(v) = queue.pop_front() {
            for (w, i) in self.graph.steps(v, self.cut) {
                if !self.inside(w) {
                    continue;
                }
                if target(w) {
                    let mut steps = vec![(w, i)];
                    let mut at = v;
                    while at != from {
                        let (p, j) = self.pred[at as usize];
                        steps.push((at, j));
                        at = p;
                    }
                    steps.reverse();
                    return Some(steps);
                }
                if self.visited[w as usize] != self.stamp {
                    self.visited[w as usize] = self.stamp;
                    self.pred[w as usize] = (v, i);
                    queue.push_back(w);
                }
            }
        }
        None
    }
}
