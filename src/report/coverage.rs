//! Coverage as the user reads it: a table of how often each action (and
//! each kind of process) was enabled, how many successors and how many new
//! states it gave and its share of the state space (`--coverage`), and the
//! warnings shown in every mode: actions that never fire, properties that
//! say nothing.
//!
//! ```text
//! coverage (safety search):
//!   action         enabled  successors  new states   share
//!   (initial)            -           -           1    0.3%
//!   TMCommit            …
//! ```

use std::fmt::Write;

use crate::check::ir::{Origin, PropertyKind};
use crate::compile::Model;
use crate::explore::{ActionCount, Outcome, group_digits};
use crate::source::Source;

/// One line of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The action's name, or `process Name` for a kind of process.
    pub name: String,
    /// Its counts.
    pub count: ActionCount,
    /// Its new states as a share of all distinct states (0 to 1).
    pub share: f64,
}

/// The rows: one per action in declaration order, one per kind of process
/// (its actions added up).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Per action.
    pub actions: Vec<Row>,
    /// Per kind of process.
    pub processes: Vec<Row>,
}

/// Count the table of an outcome.
pub fn table(outcome: &Outcome, model: &Model) -> Table {
    let spec = &model.spec;
    let distinct = outcome.stats.distinct.max(1) as f64;
    let row = |name: String, count: ActionCount| Row {
        name,
        count,
        share: count.new as f64 / distinct,
    };
    let mut processes = vec![ActionCount::default(); spec.processes.len()];
    let mut actions = Vec::new();
    for (i, def) in spec.actions.iter().enumerate() {
        let count = outcome.coverage.of(crate::check::ir::ActionId(i as u32));
        if let Some(p) = process_of(def.origin) {
            let total = &mut processes[p];
            total.enabled += count.enabled;
            total.successors += count.successors;
            total.new += count.new;
        }
        actions.push(row(def.name.clone(), count));
    }
    let processes = spec
        .processes
        .iter()
        .zip(processes)
        .map(|(p, count)| row(format!("process {}", p.name), count))
        .collect();
    Table { actions, processes }
}

/// The kind of process an action belongs to.
fn process_of(origin: Origin) -> Option<usize> {
    match origin {
        Origin::Spec(Some(p))
        | Origin::Resume(p)
        | Origin::Crash(p)
        | Origin::Restart(p)
        | Origin::ClockTick(p) => Some(p.index()),
        _ => None,
    }
}

/// What a warning is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarningKind {
    /// An action enabled in no reachable state.
    NeverFires,
    /// A `reachable` already true in an initial state.
    ReachableInitially,
    /// An invariant `P => Q` whose premise `P` holds in no reachable state.
    VacuousImplication,
    /// A `symmetric` set the search cannot reduce by.
    SymmetryUnused,
    /// Something the view leaves out decides a property, a guard or a
    /// viewed value.
    ViewMayMerge,
    /// A declared `reduce interleavings` the search cannot apply.
    PorUnused,
}

impl WarningKind {
    /// The name in JSON.
    pub fn name(self) -> &'static str {
        match self {
            WarningKind::NeverFires => "action never fires",
            WarningKind::ReachableInitially => "reachable in the initial state",
            WarningKind::VacuousImplication => "vacuous implication",
            WarningKind::SymmetryUnused => "symmetry not used",
            WarningKind::ViewMayMerge => "view may merge",
            WarningKind::PorUnused => "partial-order reduction not used",
        }
    }
}

/// A warning that the model may not say what it seems to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// What kind.
    pub kind: WarningKind,
    /// The action or property.
    pub subject: String,
    /// The sentence shown.
    pub message: String,
}

/// The warnings of an outcome. Actions that never fire are only known
/// when the safety search saw every reachable state (it did not stop at a
/// finding or a limit), in one run.
pub fn warnings(outcome: &Outcome, model: &Model, source: &Source) -> Vec<Warning> {
    let spec = &model.spec;
    let mut out = Vec::new();
    let whole = outcome.coverage.whole && outcome.coverage.exhausted;
    // Under partial-order reduction an action may be enabled only in
    // states the search skips.
    if whole && model.por().is_none() {
        let states = group_digits(outcome.stats.distinct);
        for (i, def) in spec.actions.iter().enumerate() {
            let count = outcome.coverage.of(crate::check::ir::ActionId(i as u32));
            if count.enabled == 0 {
                out.push(Warning {
                    kind: WarningKind::NeverFires,
                    subject: def.name.clone(),
                    message: format!(
                        "action {} never fires: it is enabled in none of the {states} reachable states",
                        def.name
                    ),
                });
            }
        }
        for &i in &outcome.coverage.vacuous {
            let Some(premise) = model.premises.get(i as usize) else {
                continue;
            };
            let Some(p) = spec.properties.get(premise.invariant.index()) else {
                continue;
            };
            let text = source
                .slice(premise.span)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            out.push(Warning {
                kind: WarningKind::VacuousImplication,
                subject: p.name.clone(),
                message: format!(
                    "invariant {} holds vacuously: `{text}` is true in none of the {states} reachable states, so what it implies is never checked",
                    p.name
                ),
            });
        }
    }
    out.extend(symmetry_warnings(model, source));
    out.extend(por_warning(model));
    out.extend(view_warnings(model, source));
    for id in &outcome.coverage.reachable_initially {
        let Some(p) = spec.properties.get(id.index()) else {
            continue;
        };
        if p.kind == PropertyKind::Reachable {
            out.push(Warning {
                kind: WarningKind::ReachableInitially,
                subject: p.name.clone(),
                message: format!(
                    "reachable {} is true in an initial state: it holds before any step, so it shows nothing",
                    p.name
                ),
            });
        }
    }
    out
}

/// A warning per `symmetric` set the search does not reduce by (none
/// with `--no-symmetry`: then nothing was asked).
fn symmetry_warnings(model: &Model, source: &Source) -> Vec<Warning> {
    use crate::compile::symmetry::{BreachKind, Skip};
    model
        .reduction()
        .skipped
        .iter()
        .map(|(group, skip)| {
            let name = &group.name;
            let why = match skip {
                Skip::Breach(b) => {
                    let (line, col) = source.line_col(b.span.start);
                    let at = format!("{}:{line}:{col}", source.name);
                    let text = source.slice(b.span).split_whitespace().collect::<Vec<_>>();
                    match b.kind {
                        BreachKind::Literal => format!(
                            "`{}` ({at}) singles out some of its values",
                            text.join(" ")
                        ),
                        BreachKind::Pick => format!(
                            "`{}` ({at}) picks the least of its values",
                            text.join(" ")
                        ),
                        BreachKind::OrderedFold => format!(
                            "`{}` ({at}) folds over its values in an order a renaming changes",
                            text.join(" ")
                        ),
                        BreachKind::OrderedLoop => format!(
                            "the assignment at {at} in a `for` over its values depends on the order they are visited in"
                        ),
                    }
                }
                Skip::Liveness => "Ravel checks liveness properties on every state".to_string(),
                Skip::Transitions => {
                    "Ravel checks transition properties on every state".to_string()
                }
                Skip::View => "the spec declares a view, which Ravel applies to every state".to_string(),
            };
            Warning {
                kind: WarningKind::SymmetryUnused,
                subject: name.clone(),
                message: format!("symmetric {name} is not reduced: {why}"),
            }
        })
        .collect()
}

/// A warning when the spec's `reduce interleavings` is not applied (none
/// with `--no-por`: then nothing was asked).
fn por_warning(model: &Model) -> Option<Warning> {
    use crate::compile::por::PorSkip;
    let why = match model.por_skip()? {
        PorSkip::Liveness => "liveness properties are checked on every interleaving",
        PorSkip::Transitions => "transition properties are checked on every step",
        PorSkip::Symmetry => {
            "symmetry reduction is on, and the two are not combined (--no-symmetry applies this one)"
        }
        PorSkip::View => "the spec declares a view, and the two are not combined",
    };
    Some(Warning {
        kind: WarningKind::PorUnused,
        subject: "reduce interleavings".into(),
        message: format!("reduce interleavings is not applied: {why}"),
    })
}

/// A warning per property, guard or viewed value that reads a variable
/// the `view` leaves out: there the view may merge states that behave
/// differently, and the counts and verdicts are those of another spec.
fn view_warnings(model: &Model, source: &Source) -> Vec<Warning> {
    crate::check::view::hazards(&model.spec)
        .into_iter()
        .map(|h| {
            let (line, col) = source.line_col(h.span.start);
            Warning {
                kind: WarningKind::ViewMayMerge,
                subject: h.reader.clone(),
                message: format!(
                    "the view may merge states that behave differently: {} reads `{}` ({}:{line}:{col}), which the view leaves out",
                    h.reader, h.var, source.name
                ),
            }
        })
        .collect()
}

/// The warnings as `warning: ...` lines.
pub fn warning_lines(outcome: &Outcome, model: &Model, source: &Source) -> String {
    let mut out = String::new();
    for w in warnings(outcome, model, source) {
        let _ = writeln!(out, "warning: {}", w.message);
    }
    out
}

/// The `--coverage` table as text.
pub fn render(outcome: &Outcome, model: &Model) -> String {
    let table = table(outcome, model);
    let initial = Row {
        name: "(initial)".into(),
        count: ActionCount {
            enabled: 0,
            successors: 0,
            new: outcome.coverage.initial,
        },
        share: outcome.coverage.initial as f64 / outcome.stats.distinct.max(1) as f64,
    };
    let rows: Vec<&Row> = std::iter::once(&initial)
        .chain(&table.actions)
        .chain(&table.processes)
        .collect();
    let width = rows
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(6);
    let mut out = String::new();
    if outcome.coverage.whole {
        out.push_str("coverage:\n");
    } else {
        out.push_str("coverage (since the checkpoint resumed):\n");
    }
    let _ = writeln!(
        out,
        "  {:width$}  {:>10}  {:>10}  {:>10}  {:>6}",
        "action", "enabled", "successors", "new states", "share"
    );
    for (i, r) in rows.iter().enumerate() {
        let dash = |n: u64| {
            if i == 0 {
                "-".to_string()
            } else {
                group_digits(n)
            }
        };
        let _ = writeln!(
            out,
            "  {:width$}  {:>10}  {:>10}  {:>10}  {:>5.1}%",
            r.name,
            dash(r.count.enabled),
            dash(r.count.successors),
            group_digits(r.count.new),
            r.share * 100.0
        );
    }
    out
}
