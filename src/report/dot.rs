//! A small model's state graph in Graphviz DOT (`--dot FILE`): one box per
//! state with its variables, one arrow per transition labelled with its
//! action instance. Initial states have a double border, states outside a
//! `constraint` a dashed one; the counterexample (a trace, or a lasso whose
//! last edge closes its loop) is drawn in red, its last state filled.
//!
//! ```text
//! digraph "counter.rvl" {
//!   s0 [label="x = 0\l", peripheries=2];
//!   s0 -> s1 [label="Inc"];
//! }
//! ```

use std::fmt::Write;

use hashbrown::{HashMap, HashSet};

use crate::compile::Model;
use crate::compile::show;
use crate::explore::graph::StateGraph;
use crate::explore::{Outcome, Trace, Verdict};
use crate::value::Value;

use super::action_instance;

/// Red, for the counterexample.
const RED: &str = "#c00000";

/// The DOT text of `graph`, with the outcome's counterexample marked.
pub fn render(graph: &StateGraph, model: &Model, name: &str, outcome: &Outcome) -> String {
    let spec = &model.spec;
    let number: HashMap<&[Value], usize> = graph
        .states
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_slice(), i))
        .collect();
    let path = counterexample(&outcome.verdict);
    let on_path: Vec<usize> = path
        .map(|t| {
            t.steps
                .iter()
                .filter_map(|s| number.get(s.state.as_slice()).copied())
                .collect()
        })
        .unwrap_or_default();
    // A lasso's last state is the one it loops back to: its last edge
    // closes the loop.
    let red_edges: HashSet<(usize, usize)> = on_path.windows(2).map(|w| (w[0], w[1])).collect();
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quote(name));
    out.push_str("  node [shape=box, fontname=\"monospace\", fontsize=10];\n");
    out.push_str("  edge [fontname=\"monospace\", fontsize=9];\n");
    for (i, state) in graph.states.iter().enumerate() {
        let mut label = String::new();
        for (var, value) in spec.vars.iter().zip(state) {
            let _ = writeln!(label, "{} = {}", var.name, show::value(spec, var.ty, value));
        }
        let mut attrs = vec![format!("label={}", quote_lines(&label))];
        let mut styles = Vec::new();
        if graph.initial.contains(&i) {
            attrs.push("peripheries=2".into());
        }
        if graph.outside.contains(&i) {
            styles.push("dashed");
        }
        if on_path.last() == Some(&i) {
            styles.push("filled");
            attrs.push(format!("fillcolor=\"#ffb3b3\", color=\"{RED}\""));
        } else if on_path.contains(&i) {
            attrs.push(format!("color=\"{RED}\", penwidth=2"));
        }
        if !styles.is_empty() {
            attrs.push(format!("style=\"{}\"", styles.join(",")));
        }
        let _ = writeln!(out, "  s{i} [{}];", attrs.join(", "));
    }
    for e in &graph.edges {
        let label = quote(&action_instance(model, e.action, &e.args));
        let red = if red_edges.contains(&(e.from, e.to)) {
            format!(", color=\"{RED}\", fontcolor=\"{RED}\", penwidth=2")
        } else {
            String::new()
        };
        let _ = writeln!(out, "  s{} -> s{} [label={label}{red}];", e.from, e.to);
    }
    out.push_str("}\n");
    out
}

/// The counterexample's path.
fn counterexample(verdict: &Verdict) -> Option<&Trace> {
    match verdict {
        Verdict::InvariantViolated(_, t)
        | Verdict::Deadlock(t)
        | Verdict::PropertyError(_, t)
        | Verdict::ActionError(_, t) => Some(t),
        Verdict::LivenessViolated(_, lasso) => Some(&lasso.trace),
        _ => None,
    }
}

/// A DOT string.
fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A DOT string of left-justified lines (`\l` ends each).
fn quote_lines(text: &str) -> String {
    let body: String = text
        .lines()
        .map(|l| format!("{}\\l", l.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect();
    format!("\"{body}\"")
}
