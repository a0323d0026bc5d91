//! A trace as numbered steps that show only what changed.
//!
//! Step 1 lists every variable of the initial state. Each later step names
//! the action instance, `RMPrepare(r = r1)`, then one line per change: a map
//! entry as `rm_state[r1]: working → prepared`, a record field as
//! `acc[a1].bal: 0 → 1`, a set as `msgs: + {Commit} - {Abort}`, anything
//! else as `tm_state: init → committed`.

use std::fmt::Write;

use crate::check::domain;
use crate::check::ir::{ActionId, Origin, Spec, Type, TypeId, VarId, VarRole};
use crate::compile::{Model, show};
use crate::explore::Trace;
use crate::value::Value;

use super::story;

/// The trace as text, each line indented by two spaces.
pub fn render(model: &Model, trace: &Trace) -> String {
    let mut out = String::new();
    let width = trace.steps.len().to_string().len();
    for (i, step) in told(model, trace).into_iter().enumerate() {
        let _ = writeln!(out, "  {:>width$}. {}", i + 1, step.title);
        for line in step.lines {
            let _ = writeln!(out, "  {:width$}    {line}", "");
        }
    }
    out
}

/// One step of a trace as the reader is told it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Told {
    /// `initial state`, or the action instance's title.
    pub title: String,
    /// What the step changed (for the initial state: the values).
    pub lines: Vec<String>,
}

/// Every step of a trace, told: its title and what it changed.
pub fn told(model: &Model, trace: &Trace) -> Vec<Told> {
    let spec = &model.spec;
    let mut out = Vec::new();
    let mut previous: Option<&[Value]> = None;
    for step in &trace.steps {
        let title = match &step.action {
            None => "initial state".to_string(),
            Some((action, args)) => action_instance(model, *action, args),
        };
        let mut lines = Vec::new();
        match previous {
            None => {
                for (var, value) in spec.vars.iter().zip(&step.state) {
                    if !story::shown_initially(var) {
                        continue;
                    }
                    match story::initial_line(spec, var, value, &step.state) {
                        Some(text) => lines.extend(text.lines().map(str::to_string)),
                        None => lines.push(format!(
                            "{}: {}",
                            var.name,
                            show::value(spec, var.ty, value)
                        )),
                    }
                }
            }
            Some(before) => {
                // `net loses Ping (n1 → n2)` says what left that channel.
                let lost_on = step.action.as_ref().and_then(|(a, _)| {
                    match spec.actions.get(a.index()).map(|d| d.origin) {
                        Some(Origin::Drop(c)) => Some(VarRole::Channel(c)),
                        _ => None,
                    }
                });
                for ((var, old), new) in spec.vars.iter().zip(before).zip(&step.state) {
                    if old == new || lost_on == Some(var.role) {
                        continue;
                    }
                    match story::change_lines(spec, var, old, new, before, &step.state) {
                        Some(more) => lines.extend(more),
                        None => changes(spec, var.ty, &var.name, old, new, &mut lines),
                    }
                }
                if let Some((action, args)) = &step.action
                    && let Some(def) = spec.actions.get(action.index())
                {
                    lines.extend(story::kept_copies(spec, def, args, &step.state));
                }
                if lines.is_empty() && before == step.state.as_slice() {
                    lines.push("(no change)".to_string());
                }
            }
        }
        out.push(Told { title, lines });
        previous = Some(&step.state);
    }
    out
}

/// An action instance as the user would call it: `RMPrepare(r = r1)`,
/// `Phase1b(a = a1, P1a { bal: 0 })`, or `TMCommit` without parameters.
pub fn action_instance(model: &Model, action: ActionId, args: &[Value]) -> String {
    let Some(def) = model.spec.actions.get(action.index()) else {
        return format!("action #{}", action.0);
    };
    story::title(model, def, args)
}

/// The lines saying how a variable changed (`rm_state[r1]: working →
/// prepared`), as the trace shows them; none when it did not.
pub fn var_changes(spec: &Spec, ty: TypeId, name: &str, old: &Value, new: &Value) -> Vec<String> {
    let mut out = Vec::new();
    changes(spec, ty, name, old, new, &mut out);
    out
}

/// How variable `var` changed between two whole states, in the words of
/// the trace: a process's variable per instance (`n1.state: a → b`), a
/// channel as messages put in flight and taken out.
pub fn state_var_changes(
    spec: &Spec,
    var: VarId,
    before: &[Value],
    after: &[Value],
) -> Vec<String> {
    let (Some(def), Some(old), Some(new)) = (
        spec.vars.get(var.index()),
        before.get(var.index()),
        after.get(var.index()),
    ) else {
        return Vec::new();
    };
    if old == new {
        return Vec::new();
    }
    story::change_lines(spec, def, old, new, before, after)
        .unwrap_or_else(|| var_changes(spec, def.ty, &def.name, old, new))
}

/// A variable's name as a reader knows it: `Participant.state` for a
/// process's variable, its own name otherwise.
pub fn var_label(spec: &Spec, var: VarId) -> String {
    let Some(def) = spec.vars.get(var.index()) else {
        return format!("#{}", var.0);
    };
    match def.role {
        crate::check::ir::VarRole::Process(p)
        | crate::check::ir::VarRole::Crashed(p)
        | crate::check::ir::VarRole::ClockOffset(p)
        | crate::check::ir::VarRole::Timer(p)
        | crate::check::ir::VarRole::Paused(p)
        | crate::check::ir::VarRole::Side(p) => {
            format!("{}.{}", spec.processes[p.index()].name, def.name)
        }
        _ => def.name.clone(),
    }
}

/// The lines saying how `old` became `new` at `path` (of type `ty`).
pub(super) fn changes(
    spec: &Spec,
    ty: TypeId,
    path: &str,
    old: &Value,
    new: &Value,
    out: &mut Vec<String>,
) {
    if old == new {
        return;
    }
    match (spec.ty(ty), old, new) {
        (Type::Map(key, val), Value::Map(a), Value::Map(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b.iter()).enumerate() {
                if x != y {
                    let key = domain::value_at(&spec.types, *key, i as u64)
                        .map_or_else(|| format!("#{i}"), |k| show::value(spec, *key, &k));
                    changes(spec, *val, &format!("{path}[{key}]"), x, y, out);
                }
            }
        }
        (Type::Record { fields }, Value::Record(a), Value::Record(b))
            if a.len() == b.len() && a.len() == fields.len() =>
        {
            for ((field, x), y) in fields.iter().zip(a.iter()).zip(b.iter()) {
                changes(spec, field.ty, &format!("{path}.{}", field.name), x, y, out);
            }
        }
        (Type::Set(_), Value::Set(a), Value::Set(b)) => {
            // Sets are sorted, so membership is a binary search.
            let added: Vec<Value> = b
                .iter()
                .filter(|v| a.binary_search(v).is_err())
                .cloned()
                .collect();
            let removed: Vec<Value> = a
                .iter()
                .filter(|v| b.binary_search(v).is_err())
                .cloned()
                .collect();
            let mut line = format!("{path}:");
            if !added.is_empty() {
                let _ = write!(
                    line,
                    " + {}",
                    show::value(spec, ty, &Value::Set(added.into()))
                );
            }
            if !removed.is_empty() {
                let _ = write!(
                    line,
                    " - {}",
                    show::value(spec, ty, &Value::Set(removed.into()))
                );
            }
            out.push(line);
        }
        _ => out.push(format!(
            "{path}: {} → {}",
            show::value(spec, ty, old),
            show::value(spec, ty, new)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::ir::{
        ActionDef, Binding, Expr, ExprKind, Field, Frame, LocalDef, LocalId, Pattern, PatternKind,
        VarDef, VariantDef,
    };
    use crate::compile::compile;
    use crate::explore::Step;
    use crate::source::Span;
    use std::sync::Arc;

    // Types: 0 RMState, 1 RM, 2 RM -> RMState, 3 Msg, 4 set<Msg>, 5 set<RM>.
    fn spec() -> Spec {
        let enumeration = |name: &str, atoms: &[&str]| Type::Enum {
            name: name.into(),
            atoms: atoms.iter().map(|a| a.to_string()).collect(),
            symmetric: false,
        };
        let types = vec![
            enumeration("RMState", &["working", "prepared"]),
            enumeration("RM", &["r1", "r2"]),
            Type::Map(TypeId(1), TypeId(0)),
            Type::Union {
                name: "Msg".into(),
                variants: vec![
                    VariantDef {
                        name: "Prepared".into(),
                        fields: vec![Field {
                            name: "rm".into(),
                            ty: TypeId(1),
                        }],
                    },
                    VariantDef {
                        name: "Commit".into(),
                        fields: vec![],
                    },
                ],
            },
            Type::Set(TypeId(3)),
            Type::Set(TypeId(1)),
        ];
        let var = |name: &str, ty: u32| VarDef {
            name: name.into(),
            ty: TypeId(ty),
            init: None,
            role: crate::check::ir::VarRole::Plain,
            span: Span::default(),
        };
        let param = Binding {
            pattern: Pattern {
                kind: PatternKind::Bind(LocalId(0)),
                alias: None,
                span: Span::default(),
            },
            domain: Expr {
                kind: ExprKind::AllOf(TypeId(1)),
                ty: TypeId(5),
                span: Span::default(),
            },
        };
        let action = ActionDef {
            name: "RMPrepare".into(),
            frame: Frame {
                locals: vec![LocalDef {
                    name: "r".into(),
                    ty: TypeId(1),
                }],
            },
            params: vec![param],
            body: vec![],
            fairness: Default::default(),
            origin: crate::check::ir::Origin::Spec(None),
            receives: Vec::new(),
            span: Span::default(),
        };
        Spec {
            name: "Test".into(),
            types,
            consts: vec![],
            vars: vec![var("rm_state", 2), var("msgs", 4)],
            init: None,
            fns: vec![],
            actions: vec![action],
            properties: vec![],
            liveness: vec![],
            fair_groups: Vec::new(),
            processes: vec![],
            channels: vec![],
            time: None,
            view: None,
            interleavings: None,
            refinement: None,
        }
    }

    fn map(items: &[u32]) -> Value {
        Value::Map(items.iter().map(|&a| Value::Atom(a)).collect())
    }

    fn prepared(rm: u32) -> Value {
        Value::Variant(0, Arc::from(vec![Value::Atom(rm)]))
    }

    #[test]
    fn later_steps_show_only_changes() {
        let trace = Trace {
            steps: vec![
                Step {
                    action: None,
                    state: vec![map(&[0, 0]), Value::empty_set()],
                },
                Step {
                    action: Some((ActionId(0), vec![Value::Atom(1)])),
                    state: vec![map(&[0, 1]), Value::set_from(vec![prepared(1)])],
                },
                Step {
                    action: Some((ActionId(0), vec![Value::Atom(0)])),
                    state: vec![
                        map(&[0, 1]),
                        Value::set_from(vec![Value::Variant(1, Arc::from(vec![]))]),
                    ],
                },
                Step {
                    action: Some((ActionId(0), vec![Value::Atom(0)])),
                    state: vec![
                        map(&[0, 1]),
                        Value::set_from(vec![Value::Variant(1, Arc::from(vec![]))]),
                    ],
                },
            ],
        };
        let expected = "  1. initial state
       rm_state: [r1: working, r2: working]
       msgs: {}
  2. RMPrepare(r = r2)
       rm_state[r2]: working → prepared
       msgs: + {Prepared { rm: r2 }}
  3. RMPrepare(r = r1)
       msgs: + {Commit} - {Prepared { rm: r2 }}
  4. RMPrepare(r = r1)
       (no change)
";
        assert_eq!(render(&compile(spec()), &trace), expected);
    }

    #[test]
    fn action_without_params_has_no_parentheses() {
        let mut bare = spec();
        bare.actions[0].params.clear();
        assert_eq!(
            action_instance(&compile(bare), ActionId(0), &[]),
            "RMPrepare"
        );
        assert_eq!(
            action_instance(&compile(spec()), ActionId(0), &[Value::Atom(0)]),
            "RMPrepare(r = r1)"
        );
    }
}
