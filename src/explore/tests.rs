//! The explorer on small hand-written state graphs: counts as TLC gives
//! them, constraint and deadlock semantics, traces, and the same outcome for
//! any number of threads.

use super::*;
use crate::check::ir::PropertyKind;
use crate::compile::{RuntimeErrorKind, Successor};
use crate::source::Span;

/// A property of the graph: its kind and its predicate.
type Property = (PropertyKind, fn(u64) -> bool);

/// A graph over numbers: one word per state, successors from a function.
/// Successor `i` of a state is action 0 with argument `i`.
struct Graph {
    initial: Vec<u64>,
    next: fn(u64) -> Vec<u64>,
    props: Vec<Property>,
    /// Expanding this state is a runtime error.
    fails_at: Option<u64>,
}

impl Space for Graph {
    type Worker = ();

    fn worker(&self) -> Self::Worker {}

    fn state_words(&self) -> usize {
        1
    }

    fn initial_states(&self, out: &mut dyn FnMut(&[u64])) -> Result<(), RuntimeError> {
        for &s in &self.initial {
            out(&[s]);
        }
        Ok(())
    }

    fn successors(
        &self,
        state: &[u64],
        out: &mut dyn FnMut(Successor<'_>),
    ) -> Result<(), ActionError> {
        if self.fails_at == Some(state[0]) {
            return Err(ActionError {
                action: ActionId(0),
                args: vec![Value::Int(7)],
                error: RuntimeError::new(RuntimeErrorKind::DivisionByZero, Span::new(3, 4)),
            });
        }
        for (i, s) in (self.next)(state[0]).into_iter().enumerate() {
            out(Successor {
                action: ActionId(0),
                args: &[Value::Int(i as i64)],
                state: &[s],
            });
        }
        Ok(())
    }

    fn check(
        &self,
        _worker: &mut (),
        property: PropertyId,
        state: &[u64],
    ) -> Result<bool, RuntimeError> {
        Ok((self.props[property.index()].1)(state[0]))
    }

    fn decode(&self, state: &[u64]) -> Vec<Value> {
        vec![Value::Int(state[0] as i64)]
    }

    fn property_kinds(&self) -> Vec<PropertyKind> {
        self.props.iter().map(|p| p.0).collect()
    }
}

fn counter() -> Graph {
    Graph {
        initial: vec![0],
        next: |n| if n < 3 { vec![n + 1] } else { vec![] },
        props: vec![],
        fails_at: None,
    }
}

fn run(graph: &Graph, options: &Options) -> Outcome {
    bfs::run(graph, options, &mut ())
}

fn counts(outcome: &Outcome) -> (u64, u64, u32) {
    let s = outcome.stats;
    (s.distinct, s.transitions, s.depth)
}

/// The trace's states as numbers.
fn path(trace: &Trace) -> Vec<i64> {
    trace
        .steps
        .iter()
        .map(|s| s.state[0].as_int().expect("int state"))
        .collect()
}

fn no_deadlock() -> Options {
    Options {
        deadlock: false,
        ..Options::default()
    }
}

#[test]
fn a_state_without_successors_is_a_deadlock() {
    let outcome = run(&counter(), &Options::default());
    match &outcome.verdict {
        Verdict::Deadlock(trace) => assert_eq!(path(trace), [0, 1, 2, 3]),
        other => panic!("expected a deadlock, got {other:?}"),
    }
    let outcome = run(&counter(), &no_deadlock());
    assert_eq!(outcome.verdict, Verdict::Holds);
    assert_eq!(counts(&outcome), (4, 4, 4));
}

#[test]
fn a_terminal_state_is_not_a_deadlock() {
    let mut graph = counter();
    graph.props = vec![(PropertyKind::Terminal, |n| n == 3)];
    assert_eq!(run(&graph, &Options::default()).verdict, Verdict::Holds);
}

#[test]
fn a_constraint_bounds_the_search_but_its_edge_is_still_checked() {
    let graph = |bound: fn(u64) -> bool| Graph {
        initial: vec![0],
        next: |n| if n < 10 { vec![n + 1] } else { vec![] },
        props: vec![
            (PropertyKind::Constraint, |n| n <= 3),
            (PropertyKind::Invariant, bound),
        ],
        fails_at: None,
    };
    let outcome = run(&graph(|n| n <= 4), &Options::default());
    assert_eq!(outcome.verdict, Verdict::Holds);
    assert_eq!(counts(&outcome), (4, 5, 4));
    let outcome = run(&graph(|n| n <= 3), &Options::default());
    match &outcome.verdict {
        Verdict::InvariantViolated(id, trace) => {
            assert_eq!(*id, PropertyId(1));
            assert_eq!(path(trace), [0, 1, 2, 3, 4]);
        }
        other => panic!("expected a violation, got {other:?}"),
    }
}

#[test]
fn self_loops_and_duplicates_count_as_transitions() {
    let graph = Graph {
        initial: vec![0, 0, 1],
        next: |n| vec![n, (n + 1) % 3, (n + 1) % 3],
        props: vec![],
        fails_at: None,
    };
    let outcome = run(&graph, &Options::default());
    assert_eq!(outcome.verdict, Verdict::Holds);
    // 3 initial (2 distinct), then 3 successors from each of 3 states.
    assert_eq!(counts(&outcome), (3, 3 + 9, 2));
}

#[test]
fn an_initial_state_can_violate_an_invariant() {
    let mut graph = counter();
    graph.props = vec![(PropertyKind::Invariant, |n| n > 0)];
    match run(&graph, &Options::default()).verdict {
        Verdict::InvariantViolated(_, trace) => {
            assert_eq!(path(&trace), [0]);
            assert_eq!(trace.steps[0].action, None);
        }
        other => panic!("expected a violation, got {other:?}"),
    }
}

#[test]
fn the_trace_is_shortest_and_names_the_first_action_instance() {
    // 0 → 5 directly (as successor 2) and through 1, 2; also 0 → 5 as
    // successor 3: the trace must name successor 2.
    let graph = Graph {
        initial: vec![0],
        next: |n| match n {
            0 => vec![1, 2, 5, 5],
            1 => vec![2],
            2 => vec![5],
            _ => vec![n],
        },
        props: vec![(PropertyKind::Invariant, |n| n != 5)],
        fails_at: None,
    };
    match run(&graph, &Options::default()).verdict {
        Verdict::InvariantViolated(_, trace) => {
            assert_eq!(path(&trace), [0, 5]);
            assert_eq!(
                trace.steps[1].action,
                Some((ActionId(0), vec![Value::Int(2)]))
            );
        }
        other => panic!("expected a violation, got {other:?}"),
    }
}

#[test]
fn reachables_are_tracked_over_stored_states() {
    let mut graph = counter();
    graph.props = vec![
        (PropertyKind::Reachable, |n| n == 3),
        (PropertyKind::Reachable, |n| n == 7),
        (PropertyKind::Reachable, |n| n == 8),
    ];
    let outcome = run(&graph, &no_deadlock());
    assert_eq!(
        outcome.verdict,
        Verdict::Unreachable(vec![PropertyId(1), PropertyId(2)])
    );
}

#[test]
fn an_action_error_ends_the_search_with_a_trace_to_its_state() {
    let mut graph = counter();
    graph.fails_at = Some(2);
    match run(&graph, &Options::default()).verdict {
        Verdict::ActionError(error, trace) => {
            assert_eq!(path(&trace), [0, 1, 2]);
            assert_eq!(error.args, [Value::Int(7)]);
            assert_eq!(error.error.kind, RuntimeErrorKind::DivisionByZero);
        }
        other => panic!("expected an action error, got {other:?}"),
    }
}

#[test]
fn max_states_stops_the_search() {
    let limited = |max| Options {
        max_states: Some(max),
        deadlock: false,
        ..Options::default()
    };
    let outcome = run(&counter(), &limited(2));
    assert_eq!(outcome.stats.distinct, 2);
    assert_eq!(outcome.verdict, Verdict::Incomplete(StopReason::MaxStates));
    // A limit equal to the number of states is not reached.
    assert_eq!(run(&counter(), &limited(4)).verdict, Verdict::Holds);
}

/// A graph of 20,000 states with many paths and duplicates per level.
fn tangle(violation: Option<u64>) -> Graph {
    const N: u64 = 20_000;
    let mut props: Vec<Property> = vec![(PropertyKind::Reachable, |n| n == 19_999)];
    if violation.is_some() {
        props.push((PropertyKind::Invariant, |n| n % 1_000 != 777 || n < 5_000));
    }
    Graph {
        initial: vec![1, 2, 3],
        next: |n| vec![(n * 7 + 1) % N, (n * 13 + 5) % N, n / 2, n],
        props,
        fails_at: None,
    }
}

#[test]
fn any_thread_count_gives_the_same_outcome() {
    for graph in [tangle(None), tangle(Some(0))] {
        let sequential = run(&graph, &Options::default());
        match &sequential.verdict {
            Verdict::Holds => assert!(sequential.stats.distinct > 10_000),
            Verdict::InvariantViolated(_, trace) => assert!(trace.steps.len() > 3),
            other => panic!("unexpected {other:?}"),
        }
        for threads in [2, 3, 8] {
            let options = Options {
                threads,
                ..Options::default()
            };
            let parallel = run(&graph, &options);
            assert_eq!(parallel.verdict, sequential.verdict, "{threads} threads");
            assert_eq!(counts(&parallel), counts(&sequential), "{threads} threads");
        }
    }
}

#[test]
fn groups_digits_by_thousands() {
    assert_eq!(group_digits(0), "0");
    assert_eq!(group_digits(288), "288");
    assert_eq!(group_digits(1146), "1,146");
    assert_eq!(group_digits(296_448), "296,448");
    assert_eq!(group_digits(2_744_706), "2,744,706");
}
