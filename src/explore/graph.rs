//! The whole state graph of a small model, for drawing (`--dot`): every
//! reachable state and every transition with its action instance, in
//! breadth-first order, up to a limit of states. With a `view`, a node is
//! a view: the first state reached with it, as the search keeps it.
//!
//! It is built apart from the search (which keeps no edges), by the slow
//! path that gives each successor's arguments; states outside a
//! `constraint` are drawn but not expanded, as the search does not expand
//! them.

use hashbrown::HashMap;

use crate::check::ir::ActionId;
use crate::compile::{ActionError, RuntimeError};
use crate::value::Value;

use super::expand::{self, Properties};
use super::space::Space;

/// A model's state graph.
#[derive(Clone, Debug, Default)]
pub struct StateGraph {
    /// Every state's variables, by state number (breadth-first order).
    pub states: Vec<Vec<Value>>,
    /// The initial states' numbers.
    pub initial: Vec<usize>,
    /// The states outside a constraint (not expanded).
    pub outside: Vec<usize>,
    /// `(from, to, action, arguments)`, in the order found.
    pub edges: Vec<Edge>,
}

/// One transition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    /// The state it leaves.
    pub from: usize,
    /// The state it reaches.
    pub to: usize,
    /// The action instance.
    pub action: ActionId,
    /// Its arguments.
    pub args: Vec<Value>,
}

/// Why there is no graph to draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GraphError {
    /// More states than the limit.
    TooBig(usize),
    /// Evaluating the initial states or a constraint failed.
    Property(RuntimeError),
    /// Taking an action failed.
    Action(ActionError),
}

/// The state graph of `model`, if it has at most `limit` states.
pub fn state_graph<S: Space>(model: &S, limit: usize) -> Result<StateGraph, GraphError> {
    let props = Properties::of(model);
    let mut worker = model.worker();
    let mut graph = StateGraph::default();
    // With a `view`, states with the same view are one node: the first
    // state reached with it, as in the search.
    let mut index: HashMap<Vec<u64>, usize> = HashMap::new();
    let mut packed: Vec<Vec<u64>> = Vec::new();
    let mut viewer = model.worker();
    let mut view = Vec::new();
    let mut add = |words: &[u64], graph: &mut StateGraph, packed: &mut Vec<Vec<u64>>| {
        let key = model
            .stored(&mut viewer, words, &mut view)
            .map_err(GraphError::Property)?
            .to_vec();
        if let Some(&i) = index.get(&key) {
            return Ok(i);
        }
        if packed.len() == limit {
            return Err(GraphError::TooBig(limit));
        }
        let i = packed.len();
        index.insert(key, i);
        packed.push(words.to_vec());
        graph.states.push(model.decode(words));
        Ok(i)
    };
    let mut initial = Vec::new();
    model
        .initial_states(&mut |s| initial.push(s.to_vec()))
        .map_err(GraphError::Property)?;
    for words in &initial {
        let i = add(words, &mut graph, &mut packed)?;
        if !graph.initial.contains(&i) {
            graph.initial.push(i);
        }
    }
    let mut next = 0;
    while next < packed.len() {
        let state = packed[next].clone();
        let inside = expand::satisfies_all(model, &mut worker, &props.constraints, &state)
            .map_err(GraphError::Property)?;
        if !inside {
            graph.outside.push(next);
            next += 1;
            continue;
        }
        let mut successors = Vec::new();
        model
            .successors(&state, &mut |succ| {
                successors.push((succ.action, succ.args.to_vec(), succ.state.to_vec()));
            })
            .map_err(GraphError::Action)?;
        for (action, args, words) in successors {
            let to = add(&words, &mut graph, &mut packed)?;
            graph.edges.push(Edge {
                from: next,
                to,
                action,
                args,
            });
        }
        next += 1;
    }
    Ok(graph)
}
