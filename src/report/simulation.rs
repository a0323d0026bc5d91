//! A simulation's outcome as text: the finding as `check` shows it (with
//! the run that found it and how far its trace shrank), or what was
//! checked and how much; then the counts.
//!
//! ```text
//! ✗ invariant MutualExclusion is violated
//!   found by run 3 of the simulation with seed 7; its 23 states shrunk to 9
//!   ...the property, the trace...
//! simulated 3 runs of up to 100 steps (seed 7): 61 steps, 48 distinct states
//! ```

use std::fmt::Write;

use crate::check::ir::PropertyKind;
use crate::compile::Model;
use crate::explore::simulate::SimOutcome;
use crate::explore::{Verdict, group_digits};
use crate::source::Source;

use super::Style;
use super::text;

/// What the simulation was asked to do, for the report.
#[derive(Clone, Copy, Debug)]
pub struct Asked {
    /// The seed.
    pub seed: u64,
    /// Steps per run, at most.
    pub depth: u32,
}

/// The whole report of a simulation.
pub fn simulation(
    sim: &SimOutcome,
    asked: Asked,
    model: &Model,
    source: &Source,
    style: &Style,
) -> String {
    let spec = &model.spec;
    let mut out = String::new();
    let runs = |n: u64| format!("{} run{}", group_digits(n), if n == 1 { "" } else { "s" });
    let walks = format!("{} of up to {} steps", runs(sim.runs), asked.depth);
    match &sim.outcome.verdict {
        Verdict::Holds => {
            let _ = writeln!(out, "✓ no violation in {walks} (seed {})", asked.seed);
            let invariants: Vec<&str> = spec
                .properties
                .iter()
                .filter(|p| p.kind == PropertyKind::Invariant)
                .map(|p| p.name.as_str())
                .collect();
            if !invariants.is_empty() {
                let _ = writeln!(
                    out,
                    "  checked in every state visited: {}",
                    invariants.join(", ")
                );
            }
            let _ = writeln!(
                out,
                "  a simulation is not a proof: `ravel check` explores every state\n"
            );
        }
        Verdict::Incomplete(_) => {
            let _ = writeln!(
                out,
                "? interrupted after {walks} (seed {})\n  no violation in the runs made\n",
                asked.seed
            );
        }
        _ => {
            let findings = text::findings(&sim.outcome, model, source, style);
            let (headline, rest) = findings.split_once('\n').unwrap_or((&findings, ""));
            let _ = writeln!(out, "{headline}");
            if let Some((run, before)) = sim.found {
                let after = trace_len(&sim.outcome.verdict);
                let shrunk = if after < before {
                    format!("; its {before} states shrunk to {after}")
                } else {
                    String::new()
                };
                let _ = writeln!(
                    out,
                    "  found by run {} of the simulation with seed {}{shrunk}",
                    group_digits(run + 1),
                    asked.seed
                );
            }
            out.push_str(rest);
        }
    }
    let stats = &sim.outcome.stats;
    let _ = write!(
        out,
        "simulated {walks} (seed {}): {} steps, {} distinct states",
        asked.seed,
        group_digits(stats.transitions),
        group_digits(stats.distinct)
    );
    if style.timing {
        let seconds = stats.elapsed.as_secs_f64();
        let rate = (stats.transitions as f64 / seconds.max(1e-9)) as u64;
        let _ = write!(out, ", {seconds:.2} s, {} steps/s", group_digits(rate));
    }
    out.push('\n');
    for &id in &sim.unseen {
        let name = &spec.properties[id.index()].name;
        let _ = writeln!(
            out,
            "note: reachable {name} was true in no state visited (only `ravel check` can show it never is)"
        );
    }
    if !spec.liveness.is_empty() {
        let mut names: Vec<&str> = spec.liveness.iter().map(|l| l.name.as_str()).collect();
        names.dedup();
        let _ = writeln!(
            out,
            "note: liveness is not checked by simulation ({}); use `ravel check`",
            names.join(", ")
        );
    }
    out.push_str(&text::notes(&sim.outcome, model));
    out
}

/// The number of states of the verdict's trace.
fn trace_len(verdict: &Verdict) -> usize {
    match verdict {
        Verdict::InvariantViolated(_, t)
        | Verdict::Deadlock(t)
        | Verdict::PropertyError(_, t)
        | Verdict::ActionError(_, t) => t.steps.len(),
        _ => 0,
    }
}
