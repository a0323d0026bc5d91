//! One user's walk through a spec's states: where they are, how they got
//! there, and what they can do next. Every answer is JSON for the page.
//!
//! The walk is a history of states with a cursor, as a browser's: `back`
//! and `forward` move the cursor; taking an action from a state cuts the
//! history after it. A loaded ITF trace becomes the history, its steps
//! labelled with the action that leads from each state to the next.

use serde_json::{Value as Json, json};

use crate::check::ir::ActionId;
use crate::check::{self, ConstOverride};
use crate::compile::{self, Model, show};
use crate::diagnostic::Failure;
use crate::explore::{self, Step, Trace, Verdict};
use crate::report::{self, itf};
use crate::source::Source;
use crate::syntax::{self, ast};
use crate::value::Value;

/// A state in the history, with how it was reached.
#[derive(Clone, Debug)]
struct Entry {
    /// `initial state`, `RMPrepare(r = r1)`, ...
    label: String,
    /// The packed state.
    state: Vec<u64>,
    /// The action instance that led here, if known.
    action: Option<(ActionId, Vec<Value>)>,
}

/// One successor of the current state.
#[derive(Clone, Debug)]
struct Enabled {
    /// The action's name.
    action: String,
    /// The instance as the trace would show it.
    label: String,
    /// Its arguments, as text.
    args: String,
    /// The instance itself.
    instance: (ActionId, Vec<Value>),
    /// The state it leads to.
    state: Vec<u64>,
}

/// The explorer's state.
pub struct Session {
    source: Source,
    ast: ast::Spec,
    consts: Vec<ConstOverride>,
    model: Model,
    history: Vec<Entry>,
    cursor: usize,
    /// Which initial state the walk started from.
    initial: usize,
}

impl Session {
    /// Parse, check and compile the spec, and stand in its first initial
    /// state.
    pub fn new(source: Source, consts: Vec<ConstOverride>) -> Result<Session, Failure> {
        let ast = crate::parse_spec(&source)?;
        let spec = check::check(&ast, &consts).map_err(|errors| {
            let diagnostics = errors
                .into_iter()
                .map(|error| crate::diagnostic::Diagnostic {
                    details: error.kind.details(),
                    span: error.span,
                })
                .collect();
            Failure::new(&source, diagnostics)
        })?;
        let model = compile::compile(spec);
        let mut session = Session {
            source,
            ast,
            consts,
            model,
            history: Vec::new(),
            cursor: 0,
            initial: 0,
        };
        // A spec whose initial states cannot be computed shows the error.
        let _ = session.start(0);
        Ok(session)
    }

    /// The initial states, in canonical order.
    fn initial_states(&self) -> Result<Vec<Vec<u64>>, String> {
        let mut states = Vec::new();
        self.model
            .initial_states(&mut |s| states.push(s.to_vec()))
            .map_err(|e| e.kind.details().message)?;
        Ok(states)
    }

    /// Start again from the `index`-th initial state.
    pub fn start(&mut self, index: usize) -> Result<(), String> {
        let states = self.initial_states()?;
        let state = states
            .get(index)
            .ok_or_else(|| format!("there is no initial state {}", index + 1))?;
        self.history = vec![Entry {
            label: "initial state".into(),
            state: state.clone(),
            action: None,
        }];
        self.cursor = 0;
        self.initial = index;
        Ok(())
    }

    fn current(&self) -> Option<&Entry> {
        self.history.get(self.cursor)
    }

    /// The successors of a state, in the order of the trace's search.
    fn enabled(&self, state: &[u64]) -> Result<Vec<Enabled>, String> {
        let mut out = Vec::new();
        let result = self.model.successors(state, &mut |s| {
            let def = &self.model.spec.actions[s.action.index()];
            out.push(Enabled {
                action: def.name.clone(),
                label: report::action_instance(&self.model, s.action, s.args),
                args: if def.params.is_empty() {
                    String::new()
                } else {
                    self.model.describe_args(s.action, s.args)
                },
                instance: (s.action, s.args.to_vec()),
                state: s.state.to_vec(),
            });
        });
        match result {
            Ok(()) => Ok(out),
            Err(e) => {
                let instance = report::action_instance(&self.model, e.action, &e.args);
                Err(format!("{instance}: {}", e.error.kind.details().message))
            }
        }
    }

    /// Take the `index`-th enabled action instance.
    pub fn take(&mut self, index: usize) -> Result<(), String> {
        let state = self.current().ok_or("no current state")?.state.clone();
        let enabled = self.enabled(&state)?;
        let next = enabled
            .into_iter()
            .nth(index)
            .ok_or_else(|| format!("there is no enabled action {index}"))?;
        self.history.truncate(self.cursor + 1);
        self.history.push(Entry {
            label: next.label,
            state: next.state,
            action: Some(next.instance),
        });
        self.cursor += 1;
        Ok(())
    }

    /// Go to step `step` (from 0) of the history.
    pub fn go(&mut self, step: usize) -> Result<(), String> {
        if step >= self.history.len() {
            return Err(format!("there is no step {}", step + 1));
        }
        self.cursor = step;
        Ok(())
    }

    /// Back one step.
    pub fn back(&mut self) -> Result<(), String> {
        match self.cursor.checked_sub(1) {
            Some(step) => self.go(step),
            None => Err("this is the first step".into()),
        }
    }

    /// Forward one step (after going back, or in a loaded trace).
    pub fn forward(&mut self) -> Result<(), String> {
        self.go(self.cursor + 1)
    }

    /// Evaluate an expression in the current state: its value and type.
    pub fn eval(&self, text: &str) -> Result<(String, String), String> {
        let expr = match syntax::parse_const_value(text) {
            Ok(ast::ConstValue::Expr(e)) => e,
            // `{a, b}` of bare names parses as model values; it is a set.
            Ok(ast::ConstValue::ModelValues { values, span, .. }) => ast::Expr {
                kind: ast::ExprKind::SetLit(
                    values
                        .into_iter()
                        .map(|v| ast::Expr {
                            span: v.span,
                            kind: ast::ExprKind::Name(v),
                        })
                        .collect(),
                ),
                span,
            },
            Err(error) => return Err(error.kind.details().message),
        };
        let (spec, frame, expr) =
            check::check_expr(&self.ast, &self.consts, &expr).map_err(|errors| {
                let messages: Vec<String> =
                    errors.iter().map(|e| e.kind.details().message).collect();
                messages.join("; ")
            })?;
        let entry = self.current().ok_or("no current state")?;
        let vars = self.model.decode(&entry.state);
        let value =
            compile::evaluate(&spec, &frame, &expr, &vars).map_err(|e| e.kind.details().message)?;
        Ok((
            show::value(&spec, expr.ty, &value),
            show::type_name(&spec, expr.ty),
        ))
    }

    /// Replace the history with the states of an ITF trace.
    pub fn load_trace(&mut self, text: &str) -> Result<(), String> {
        let states = itf::read(&self.model, text).map_err(|e| e.message)?;
        if states.is_empty() {
            return Err("the trace has no states".into());
        }
        let mut history: Vec<Entry> = Vec::new();
        for (i, (action, values)) in states.into_iter().enumerate() {
            let state = self.model.layout.encode_state(&values).map_err(|var| {
                let name = &self.model.spec.vars[var.index()].name;
                format!("state {i}: the value of `{name}` does not fit its type")
            })?;
            let (label, instance) = match history.last() {
                None => (self.initial_label(&state), None),
                Some(prev) => self.step_label(&prev.state, &state, action),
            };
            history.push(Entry {
                label,
                state,
                action: instance,
            });
        }
        self.history = history;
        self.cursor = 0;
        Ok(())
    }

    fn initial_label(&self, state: &[u64]) -> String {
        let initial = self.initial_states().unwrap_or_default();
        if initial.iter().any(|s| s == state) {
            "initial state".into()
        } else {
            "first state (not an initial state of this spec)".into()
        }
    }

    /// The action that leads from `from` to `to`, as the trace names it
    /// or as the spec finds it.
    fn step_label(
        &self,
        from: &[u64],
        to: &[u64],
        named: Option<String>,
    ) -> (String, Option<(ActionId, Vec<Value>)>) {
        let enabled = self.enabled(from).unwrap_or_default();
        let leads = |e: &&Enabled| e.state == to;
        // The instance the trace names, else the first that leads there.
        let found = enabled
            .iter()
            .filter(leads)
            .find(|e| named.as_ref() == Some(&e.label))
            .or_else(|| enabled.iter().find(leads));
        match (found, named) {
            (Some(e), _) => (e.label.clone(), Some(e.instance.clone())),
            (None, Some(named)) => (format!("{named} (no action of this spec leads here)"), None),
            (None, None) => ("(no action of this spec leads here)".into(), None),
        }
    }

    /// Check the spec as `ravel check` does: the verdict's headline and,
    /// for a violation, its trace (or lasso) in ITF.
    pub fn check(&self) -> Json {
        let outcome = explore::explore(&self.model, &explore::Options::default(), &mut ());
        let style = report::Style {
            timing: false,
            colour: false,
        };
        let text = report::text(&outcome, &self.model, &self.source, &style);
        let headline = text.lines().next().unwrap_or("").to_string();
        let trace = match &outcome.verdict {
            Verdict::InvariantViolated(_, t)
            | Verdict::Deadlock(t)
            | Verdict::PropertyError(_, t)
            | Verdict::ActionError(_, t) => Some(t),
            Verdict::LivenessViolated(_, lasso) => Some(&lasso.trace),
            Verdict::Holds
            | Verdict::Unreachable(_)
            | Verdict::Incomplete(_)
            | Verdict::NoInitialState(_) => None,
        };
        let itf = trace.map(|t| itf::write(&self.model, &self.source.name, t));
        json!({ "verdict": headline, "itf": itf })
    }

    /// Everything the page shows, as JSON.
    pub fn view(&self) -> Json {
        let spec = &self.model.spec;
        let initial_count = self.initial_states().map_or(0, |s| s.len());
        let history: Vec<Json> = self
            .history
            .iter()
            .map(|e| json!({ "label": e.label }))
            .collect();
        let Some(entry) = self.current() else {
            let error = self.initial_states().err();
            return json!({ "spec": self.title(), "history": history, "error": error });
        };
        let values = self.model.decode(&entry.state);
        let before = self
            .cursor
            .checked_sub(1)
            .and_then(|i| self.history.get(i))
            .map(|e| self.model.decode(&e.state));
        let vars: Vec<Json> = spec
            .vars
            .iter()
            .enumerate()
            .map(|(i, var)| {
                let value = &values[i];
                let id = crate::check::ir::VarId(i as u32);
                let changes = before.as_ref().map_or_else(Vec::new, |old| {
                    report::state_var_changes(spec, id, old, &values)
                });
                json!({
                    "name": report::var_label(spec, id),
                    "type": show::type_name(spec, var.ty),
                    "value": show::value(spec, var.ty, value),
                    "changed": !changes.is_empty(),
                    "changes": changes,
                })
            })
            .collect();
        let (enabled, error) = match self.enabled(&entry.state) {
            Ok(enabled) => (enabled, None),
            Err(error) => (Vec::new(), Some(error)),
        };
        let instances: Vec<Json> = enabled
            .iter()
            .enumerate()
            .map(|(i, e)| json!({ "id": i, "action": e.action, "args": e.args, "label": e.label }))
            .collect();
        let disabled: Vec<&str> = spec
            .actions
            .iter()
            .map(|a| a.name.as_str())
            .filter(|name| !enabled.iter().any(|e| e.action == *name))
            .collect();
        let invariants: Vec<Json> = spec
            .properties
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == crate::check::ir::PropertyKind::Invariant)
            .map(|(i, p)| {
                let id = crate::check::ir::PropertyId(i as u32);
                let holds = self.model.holds_in(id, &values);
                json!({ "name": p.name, "holds": holds.as_ref().ok(), "error": holds.err().map(|e| e.kind.details().message) })
            })
            .collect();
        json!({
            "spec": self.title(),
            "initial": { "index": self.initial, "count": initial_count },
            "history": history,
            "cursor": self.cursor,
            "vars": vars,
            "enabled": instances,
            "disabled": disabled,
            "invariants": invariants,
            "error": error,
        })
    }

    fn title(&self) -> String {
        match self.model.spec.name.as_str() {
            "" => self.source.name.clone(),
            name => format!("{name} ({})", self.source.name),
        }
    }

    /// The current history as an ITF trace (to save it).
    pub fn trace_itf(&self) -> String {
        let steps = self
            .history
            .iter()
            .map(|e| Step {
                action: e.action.clone(),
                state: self.model.decode(&e.state),
            })
            .collect();
        itf::write(&self.model, &self.source.name, &Trace { steps })
    }
}
