//! The explored state graph, kept for liveness.
//!
//! Takes the [`Model`], gives a [`Graph`]: every reachable state in one
//! exact, indexed store [`Shard`] (ids in breadth-first order, the same
//! store as the safety search's), and the edges in compressed
//! rows (CSR): the edges of state `s` are `targets[offsets[s]..offsets[s +
//! 1]]`, each with the action instance that produced it in `instances`.
//! An action instance (an action with its parameter values) is interned to
//! a dense `u32` in [`Instances`].
//!
//! Self-loops are not kept: a step that leaves the state unchanged is a
//! stuttering step, which neither counts as taking an action nor makes it
//! enabled (TLA+'s `<<A>>_vars`). Successors outside a `constraint` are
//! not kept either, as the safety search does not store them.
//!
//! Memory: per state, its packed words (8 bytes each) plus 11 to 21 bytes
//! of table (8-byte slots at a load of 3/8 to 3/4) and 4 of parent link in
//! the store, and 8 bytes of row offset; per edge, 8 bytes (target and
//! instance). A million states of 2 words with 10 edges each take about
//! 130 MB ([`Graph::bytes`]).

use std::hash::{Hash, Hasher};

use hashbrown::HashTable;
use rayon::prelude::*;

use crate::check::ir::{ActionId, PropertyId, PropertyKind};
use crate::compile::{ActionError, Model, RuntimeError, Worker};
use crate::value::Value;

use super::super::store::{self, NO_PARENT, Shard};
use super::super::{Step, Trace, action_between};

/// An action instance: the action and its parameter values.
pub type Instance = (ActionId, Vec<Value>);

/// Every action instance met on an edge, each given a dense id.
#[derive(Debug, Default)]
pub struct Instances {
    /// The instances (action and arguments), by id.
    pub list: Vec<Instance>,
    /// Their arguments as codes (as [`Model::instances`] gives them), by id.
    codes: Vec<Vec<u64>>,
    /// Ids, found by the hash of their codes.
    index: HashTable<u32>,
}

impl Instances {
    /// The id of the instance of `action` with argument codes `codes`,
    /// interned on first sight with the arguments `args` computes.
    pub fn intern(
        &mut self,
        action: ActionId,
        codes: &[u64],
        args: impl FnOnce() -> Vec<Value>,
    ) -> u32 {
        let hash = instance_hash(action, codes);
        let (list, keys) = (&self.list, &self.codes);
        let found = self.index.find(hash, |&id| {
            list[id as usize].0 == action && keys[id as usize] == codes
        });
        if let Some(&id) = found {
            return id;
        }
        let id = u32::try_from(self.list.len()).expect("fewer than 2^32 action instances");
        self.list.push((action, args()));
        self.codes.push(codes.to_vec());
        let (list, keys) = (&self.list, &self.codes);
        self.index.insert_unique(hash, id, |&id| {
            instance_hash(list[id as usize].0, &keys[id as usize])
        });
        id
    }
}

/// A fixed hash of an instance (no random seed: runs are reproducible).
fn instance_hash(action: ActionId, codes: &[u64]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    (action, codes).hash(&mut h);
    h.finish()
}

/// The reachable states and the edges between them.
#[derive(Debug)]
pub struct Graph {
    /// The states, by id; `parent` gives a shortest path from an initial state.
    pub seen: Shard,
    /// Row starts: state `s`'s edges are `offsets[s]..offsets[s + 1]`.
    offsets: Vec<u64>,
    /// Edge targets.
    targets: Vec<u32>,
    /// Edge action instances (ids into `instances`).
    edge_instances: Vec<u32>,
    /// The initial states, in canonical order.
    pub initial: Vec<u32>,
    /// The action instances on the edges.
    pub instances: Instances,
}

/// Why the graph could not be built: the error and the trace to the state
/// where it happened (empty while computing the initial states).
#[derive(Debug)]
pub enum BuildError {
    /// A property (a constraint) failed to evaluate.
    Property(RuntimeError, Trace),
    /// An action failed from the trace's last state.
    Action(ActionError, Trace),
    /// More states than `limit`.
    Full(u64),
    /// The graph would use more bytes than the memory budget.
    Memory(u64),
    /// Interrupted (Ctrl-C).
    Interrupted,
}

/// When to give up building the graph, besides its state limit.
#[derive(Clone, Copy, Default)]
pub struct Bounds<'a> {
    /// The memory budget in bytes (`--memory`).
    pub memory: Option<u64>,
    /// Set on Ctrl-C.
    pub interrupt: Option<&'a std::sync::atomic::AtomicBool>,
}

impl Graph {
    /// An empty graph of states `width` words wide.
    pub fn new(width: usize) -> Graph {
        Graph {
            seen: Shard::indexed(width),
            offsets: vec![0],
            targets: Vec::new(),
            edge_instances: Vec::new(),
            initial: Vec::new(),
            instances: Instances::default(),
        }
    }

    /// Explore `space` breadth-first from its initial states, keeping every
    /// edge, on `pool`'s threads if given (the graph is the same either way).
    /// Stops with an error beyond `limit` states, past the memory budget or
    /// on an interrupt (checked between runs). It takes the model itself,
    /// not the explorer's `Space` view: it needs each successor's action
    /// instance ([`Model::instances`], on the fast path where it can).
    pub fn build(
        space: &Model,
        limit: u64,
        bounds: Bounds<'_>,
        pool: Option<&rayon::ThreadPool>,
    ) -> Result<Graph, Box<BuildError>> {
        let expander = Expander::new(space);
        let limit = limit.min(u64::from(store::CAPACITY) - 1);
        let mut graph = Graph::new(space.state_words());
        let mut error = None;
        let mut full = false;
        let mut worker = space.worker();
        let result = space.initial_states(&mut |state| {
            if error.is_some() || full {
                return;
            }
            match expander.inside(&mut worker, state) {
                Ok(true) => match graph.seen.intern(state, NO_PARENT) {
                    Some((id, true)) => graph.initial.push(id),
                    Some((_, false)) => {}
                    None => full = true,
                },
                Ok(false) => {}
                Err(e) => error = Some(e),
            }
        });
        if let Some(e) = result.err().or(error) {
            return Err(Box::new(BuildError::Property(e, Trace::default())));
        }
        if full || graph.seen.len() as u64 > limit {
            return Err(Box::new(BuildError::Full(limit)));
        }
        let width = graph.seen.width();
        let mut next = 0usize;
        while next < graph.seen.len() {
            // The estimate per row below, and between runs what the process
            // really holds (the estimate misses allocator slack and what
            // the safety search left behind).
            if let Some(budget) = bounds.memory
                && (graph.bytes() as u64 > budget
                    || crate::explore::memory::current_rss().is_some_and(|rss| rss > budget))
            {
                return Err(Box::new(BuildError::Memory(budget)));
            }
            if bounds
                .interrupt
                .is_some_and(|flag| flag.load(std::sync::atomic::Ordering::Relaxed))
            {
                return Err(Box::new(BuildError::Interrupted));
            }
            // The states stored so far are expanded in parallel, a run at a
            // time; their successors are stored in order.
            let end = graph.seen.len().min(next + RUN);
            let seen = &graph.seen;
            let expand = |w: &mut Worker, i: usize| expander.row(w, seen.get(i as u32));
            let rows: Vec<Result<Row, Failure>> = match pool {
                Some(pool) => pool.install(|| {
                    (next..end)
                        .into_par_iter()
                        .map_init(|| space.worker(), expand)
                        .collect()
                }),
                None => (next..end).map(|i| expand(&mut worker, i)).collect(),
            };
            for (i, row) in (next..end).zip(rows) {
                let id = i as u32;
                let row = match row {
                    Ok(row) => row,
                    Err(failure) => {
                        let trace = trace_to(space, &graph.seen, id);
                        return Err(Box::new(match failure {
                            Failure::Action(e) => BuildError::Action(e, trace),
                            Failure::Property(e) => BuildError::Property(e, trace),
                        }));
                    }
                };
                graph.reserve_edges(row.instances.len());
                if let Some(budget) = bounds.memory
                    && graph.bytes() as u64 > budget
                {
                    return Err(Box::new(BuildError::Memory(budget)));
                }
                let mut from = 0;
                for (k, &(action, end)) in row.instances.iter().enumerate() {
                    let succ = &row.words[k * width..(k + 1) * width];
                    let codes = &row.codes[from..end];
                    from = end;
                    let Some((to, new)) = graph.seen.intern(succ, id) else {
                        return Err(Box::new(BuildError::Full(limit)));
                    };
                    if new && graph.seen.len() as u64 > limit {
                        return Err(Box::new(BuildError::Full(limit)));
                    }
                    let args = || space.instance_args(action, codes);
                    let instance = graph.instances.intern(action, codes, args);
                    graph.push_edge(to, instance);
                }
                graph.end_row();
            }
            next = end;
        }
        Ok(graph)
    }

    /// Add an edge from the state whose row is open (the next one).
    pub fn push_edge(&mut self, to: u32, instance: u32) {
        self.targets.push(to);
        self.edge_instances.push(instance);
    }

    /// Close the open row: the next edges belong to the next state.
    pub fn end_row(&mut self) {
        self.offsets.push(self.targets.len() as u64);
    }

    /// The number of states whose rows are closed.
    pub fn state_count(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The number of edges.
    pub fn edge_count(&self) -> usize {
        self.targets.len()
    }

    /// The edges out of `s`: (target, instance) pairs, in canonical order.
    pub fn edges(&self, s: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        let (a, b) = self.row(s);
        self.targets[a..b]
            .iter()
            .copied()
            .zip(self.edge_instances[a..b].iter().copied())
    }

    /// The edges out of `s` a behaviour may take: all but the `cut` ones
    /// (a flag per edge position; an empty `cut` cuts none).
    pub fn steps<'a>(&'a self, s: u32, cut: &'a [bool]) -> impl Iterator<Item = (u32, u32)> + 'a {
        let (a, b) = self.row(s);
        (a..b)
            .filter(move |&e| !is_cut(cut, e))
            .map(move |e| (self.targets[e], self.edge_instances[e]))
    }

    /// The target of edge `e` (an index within some state's row).
    pub fn target(&self, e: usize) -> u32 {
        self.targets[e]
    }

    /// The action instance of edge `e`.
    pub fn instance(&self, e: usize) -> u32 {
        self.edge_instances[e]
    }

    /// The positions of `s`'s edges.
    pub fn row(&self, s: u32) -> (usize, usize) {
        let s = s as usize;
        (self.offsets[s] as usize, self.offsets[s + 1] as usize)
    }

    /// The first instance (in canonical order) taking `from` to `to`.
    pub fn instance_between(&self, from: u32, to: u32) -> Option<u32> {
        self.edges(from).find(|&(t, _)| t == to).map(|(_, i)| i)
    }

    /// A graph from rows of (target, instance), state `i` stored as `[i]`
    /// (for tests of the analysis on hand-made graphs).
    #[cfg(test)]
    pub fn from_rows(rows: &[&[(u32, u32)]], initial: &[u32]) -> Graph {
        let mut g = Graph::new(1);
        for (i, row) in rows.iter().enumerate() {
            g.seen.intern(&[i as u64], NO_PARENT);
            for &(to, inst) in row.iter() {
                g.push_edge(to, inst);
            }
            g.end_row();
        }
        g.initial = initial.to_vec();
        g
    }

    /// Bytes held by the graph's own arrays, the store (every stored
    /// state, expanded or not, with its table slot and parent link), the
    /// interned instances, and what the analysis after the build will need
    /// ([`ANALYSIS_BYTES`] per state).
    pub fn bytes(&self) -> usize {
        self.seen.bytes()
            + self.seen.len() * ANALYSIS_BYTES
            + self.instances.list.capacity() * (std::mem::size_of::<Instance>() + 8)
            + self.offsets.capacity() * 8
            + self.targets.capacity() * 4
            + self.edge_instances.capacity() * 4
    }

    /// Make room for `edges` more edges, growing the edge arrays by a
    /// quarter at a time rather than doubling them, so the memory budget
    /// is not overshot by a doubling between two checks.
    fn reserve_edges(&mut self, edges: usize) {
        let len = self.targets.len();
        if len + edges > self.targets.capacity() {
            let more = (len / 4).max(edges).max(1024);
            self.targets.reserve_exact(more);
            self.edge_instances.reserve_exact(more);
        }
        if self.offsets.len() == self.offsets.capacity() {
            self.offsets
                .reserve_exact((self.offsets.len() / 4).max(1024));
        }
    }
}

/// Bytes per state that the analysis (components, fairness marks, paths)
/// allocates after the graph is built: counted against the budget while
/// building, so the whole liveness phase stays within it.
const ANALYSIS_BYTES: usize = 48;

/// States expanded per parallel run.
const RUN: usize = 4096;

/// The successors of one state: their words one after another, and the
/// action instance of each.
struct Row {
    /// The successors' words, one after another.
    words: Vec<u64>,
    /// Each successor's action and where its argument codes end in `codes`.
    instances: Vec<(ActionId, usize)>,
    codes: Vec<u64>,
}

/// Why a state could not be expanded.
enum Failure {
    Action(ActionError),
    Property(RuntimeError),
}

/// Expands one state into its row: successors that change the state and
/// satisfy every constraint.
struct Expander<'m> {
    model: &'m Model,
    constraints: Vec<PropertyId>,
}

impl<'m> Expander<'m> {
    fn new(model: &'m Model) -> Expander<'m> {
        let constraints = (model.spec.properties.iter().enumerate())
            .filter(|(_, p)| p.kind == PropertyKind::Constraint)
            .map(|(i, _)| PropertyId(i as u32))
            .collect();
        Expander { model, constraints }
    }

    /// Does `state` satisfy every constraint?
    fn inside(&self, w: &mut Worker, state: &[u64]) -> Result<bool, RuntimeError> {
        for &c in &self.constraints {
            if !self.model.check(w, c, state)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The successors of `state` and their action instances, on the fast
    /// path where it can ([`Model::instances`]).
    fn row(&self, w: &mut Worker, state: &[u64]) -> Result<Row, Failure> {
        let mut all = Row {
            words: Vec::new(),
            instances: Vec::new(),
            codes: Vec::new(),
        };
        self.model
            .instances(w, state, &mut |action, codes, succ| {
                if succ != state {
                    all.words.extend_from_slice(succ);
                    all.codes.extend_from_slice(codes);
                    all.instances.push((action, all.codes.len()));
                }
            })
            .map_err(Failure::Action)?;
        if self.constraints.is_empty() {
            return Ok(all);
        }
        // Only successors inside every constraint, in order; the first
        // that fails to evaluate is the error.
        let width = state.len();
        let mut row = Row {
            words: Vec::new(),
            instances: Vec::new(),
            codes: Vec::new(),
        };
        let mut from = 0;
        for (k, &(action, end)) in all.instances.iter().enumerate() {
            let succ = &all.words[k * width..(k + 1) * width];
            let codes = &all.codes[from..end];
            from = end;
            if self.inside(w, succ).map_err(Failure::Property)? {
                row.words.extend_from_slice(succ);
                row.codes.extend_from_slice(codes);
                row.instances.push((action, row.codes.len()));
            }
        }
        Ok(row)
    }
}

/// The stored path from an initial state to `last`, as a trace.
fn trace_to(space: &Model, seen: &Shard, last: u32) -> Trace {
    let mut path = vec![last];
    while let Some(parent) = path.last().and_then(|&s| seen.parent(s)) {
        path.push(parent);
    }
    path.reverse();
    let mut steps: Vec<Step> = Vec::with_capacity(path.len());
    for (k, &s) in path.iter().enumerate() {
        let action = k
            .checked_sub(1)
            .and_then(|j| action_between(space, seen.get(path[j]), seen.get(s)));
        steps.push(Step {
            action,
            state: space.decode(seen.get(s)),
        });
    }
    Trace { steps }
}

/// Whether edge position `e` is cut (see [`Graph::steps`]).
pub fn is_cut(cut: &[bool], e: usize) -> bool {
    cut.get(e).copied().unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_hold_their_edges() {
        let g = Graph::from_rows(&[&[(1, 0), (2, 1)], &[], &[(0, 0)]], &[0]);
        assert_eq!(g.state_count(), 3);
        assert_eq!(g.edge_count(), 3);
        assert_eq!(g.edges(0).collect::<Vec<_>>(), [(1, 0), (2, 1)]);
        assert_eq!(g.edges(1).count(), 0);
        assert_eq!(g.instance_between(2, 0), Some(0));
        assert_eq!(g.instance_between(0, 0), None);
    }

    #[test]
    fn instances_are_interned_once() {
        let mut is = Instances::default();
        let a = is.intern(ActionId(0), &[1], || vec![Value::Int(1)]);
        let b = is.intern(ActionId(0), &[2], || vec![Value::Int(2)]);
        assert_eq!((a, b), (0, 1));
        assert_eq!(is.intern(ActionId(0), &[1], || unreachable!()), 0);
        assert_eq!(is.list.len(), 2);
        assert_eq!(is.list[1], (ActionId(0), vec![Value::Int(2)]));
    }

    /// The representation's cost: a million states of 2 words with 10
    /// edges each stay far below 1 GB (the edge arrays alone, built here
    /// without a store, are 8 bytes per edge and 8 per state).
    #[test]
    fn a_million_states_fit_well_under_a_gigabyte() {
        let n: u32 = 1_000_000;
        let mut g = Graph::new(2);
        g.targets.reserve_exact(n as usize * 10);
        g.edge_instances.reserve_exact(n as usize * 10);
        g.offsets.reserve_exact(n as usize + 1);
        for s in 0..n {
            for k in 0..10 {
                g.push_edge((s + k + 1) % n, k);
            }
            g.end_row();
        }
        let edges = g.offsets.capacity() * 8 + g.targets.capacity() * 4 * 2;
        // 8 bytes per state (row offset) and 8 per edge (target, instance).
        assert!((88_000_000..88_000_100).contains(&edges), "{edges} bytes");
        // With the store (2 words, the parent link and the hash table),
        // as `bytes` counts it once the states are in.
        let store = n as usize * (2 * 8 + 4) + n as usize * 40 / 7;
        assert!(edges + store < 150_000_000, "{} bytes", edges + store);
        // `bytes` estimates the store from the rows' count and the width.
        assert!(g.bytes() < 150_000_000, "{} bytes", g.bytes());
    }
}
