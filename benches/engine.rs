//! The engine alone, without spec evaluation: a synthetic state space of
//! one-word states where each state has twelve pseudo-random successors,
//! explored with 1 and 2 threads. It measures what the engine adds per
//! transition (hashing, the seen-set, the frontier), the part of a run
//! that does not depend on the evaluator.
//!
//! `cargo bench --bench engine [-- STATES [THREADS]]` (default 10,000,000
//! states, 1 and 2 threads).

use std::time::Instant;

use ravel::check::ir::{ActionId, PropertyId, PropertyKind};
use ravel::compile::{ActionError, RuntimeError, Successor};
use ravel::explore::{self, Mode, Options, Space};
use ravel::value::Value;

/// States `0..n`; state `s` goes to `(s * A[i] + C[i]) mod n`.
struct Synthetic {
    n: u64,
}

const A: [u64; 12] = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41];
const C: [u64; 12] = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233];

impl Space for Synthetic {
    type Worker = ();

    fn worker(&self) -> Self::Worker {}

    fn state_words(&self) -> usize {
        1
    }

    fn initial_states(&self, out: &mut dyn FnMut(&[u64])) -> Result<(), RuntimeError> {
        out(&[0]);
        Ok(())
    }

    fn successors(
        &self,
        state: &[u64],
        out: &mut dyn FnMut(Successor<'_>),
    ) -> Result<(), ActionError> {
        self.step(&mut (), state, &mut |action, succ| {
            out(Successor {
                action,
                args: &[],
                state: succ,
            })
        })
    }

    fn step(
        &self,
        _worker: &mut (),
        state: &[u64],
        out: &mut dyn FnMut(ActionId, &[u64]),
    ) -> Result<(), ActionError> {
        for (i, (a, c)) in A.iter().zip(C).enumerate() {
            out(ActionId(i as u32), &[(state[0] * a + c) % self.n]);
        }
        Ok(())
    }

    fn check(&self, _: &mut (), _: PropertyId, _: &[u64]) -> Result<bool, RuntimeError> {
        Ok(true)
    }

    fn decode(&self, state: &[u64]) -> Vec<Value> {
        vec![Value::Int(state[0] as i64)]
    }

    fn property_kinds(&self) -> Vec<PropertyKind> {
        vec![PropertyKind::Invariant]
    }
}

fn main() {
    let numbers: Vec<u64> = std::env::args().filter_map(|a| a.parse().ok()).collect();
    let n = numbers.first().copied().unwrap_or(10_000_000);
    let thread_counts: Vec<usize> = match numbers.get(1) {
        Some(&t) => vec![t as usize],
        None => vec![1, 2],
    };
    let space = Synthetic { n };
    println!("synthetic space: {n} states, 12 successors each, one invariant");
    for mode in [Mode::Exact, Mode::Fingerprint] {
        for &threads in &thread_counts {
            let options = Options {
                threads,
                mode,
                deadlock: false,
                ..Options::default()
            };
            let start = Instant::now();
            let outcome = explore::explore_space(&space, &options, &mut ());
            let seconds = start.elapsed().as_secs_f64();
            let s = outcome.stats;
            println!(
                "{mode:?} {threads} thread(s): {} distinct, {} transitions, depth {}, {seconds:.2} s, {:.1} M transitions/s, {:.1} ns/transition/thread, store {:.1} B/state",
                s.distinct,
                s.transitions,
                s.depth,
                s.transitions as f64 / seconds / 1e6,
                seconds * 1e9 * threads as f64 / s.transitions as f64,
                s.memory as f64 / s.distinct as f64,
            );
        }
    }
}
