//! A trace as a message sequence: lifelines, what each step does on which
//! lifeline, and every message with the step that sent it and what became
//! of it. The three renderers (text, Mermaid, SVG) draw this, nothing else.
//!
//! Lifelines are the instances of the spec's processes, in declaration
//! order. A spec without processes gets one lifeline per value of the
//! model-value type of its actions' first parameters (and one for the
//! actions that have none).

use crate::check::domain;
use crate::check::ir::{ActionDef, Origin, ProcessId, Spec, Type, TypeId, VarRole};
use crate::compile::{Model, show};
use crate::explore::Trace;
use crate::value::Value;

use super::super::story;

/// What the diagram draws.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sequence {
    /// Lifeline names, left to right.
    pub lifelines: Vec<String>,
    /// One row per step of the trace after the initial state.
    pub rows: Vec<Row>,
    /// Every message sent on the way.
    pub messages: Vec<Message>,
    /// The property that fails at the end, if any: its words.
    pub end: Option<String>,
}

/// One step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The step's number in the trace (the initial state is 1).
    pub step: usize,
    /// Which lifeline acts, if one does.
    pub actor: Option<usize>,
    /// The step's title, as in the text trace.
    pub title: String,
    /// What kind of step it is.
    pub kind: RowKind,
}

/// Kinds of step, for how they are drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// A process's (or the spec's) own step.
    Local,
    /// The actor crashes (its lifeline stops).
    Crash,
    /// The actor restarts.
    Restart,
    /// The network loses a message.
    Loss,
    /// Time passes to this instant.
    Tick(i64),
    /// The network splits or heals.
    Network,
}

/// A message, from its send to its fate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The channel's name.
    pub channel: String,
    /// The message as the spec writes it.
    pub label: String,
    /// The sending lifeline.
    pub from: Option<usize>,
    /// The receiving lifeline (unknown for a pool until delivered).
    pub to: Option<usize>,
    /// The row that sent it (index into `rows`).
    pub sent: usize,
    /// The rows that delivered it (more than one when it is duplicated).
    pub delivered: Vec<usize>,
    /// The row where the network lost it.
    pub lost: Option<usize>,
}

impl Message {
    /// For a delivery or loss at row `r` that is not the step right after
    /// the send: `sent at step N`, so that a message overtaken or held
    /// back in the network does not look freshly sent.
    pub fn delay(&self, rows: &[Row], r: usize) -> Option<String> {
        (r > self.sent + 1).then(|| format!("sent at step {}", rows[self.sent].step))
    }

    /// Whether it is still in flight at the end of the trace.
    pub fn in_flight(&self) -> bool {
        self.lost.is_none() && self.delivered.is_empty()
    }
}

/// Build the sequence of a trace; `end` names the violated property.
pub fn of(model: &Model, trace: &Trace, end: Option<String>) -> Sequence {
    let spec = &model.spec;
    let lines = Lifelines::new(spec);
    let mut seq = Sequence {
        lifelines: lines.names.clone(),
        end,
        ..Sequence::default()
    };
    for (i, pair) in trace.steps.windows(2).enumerate() {
        let (before, after) = (&pair[0], &pair[1]);
        let Some((action, args)) = &after.action else {
            continue;
        };
        let Some(def) = spec.actions.get(action.index()) else {
            continue;
        };
        let row = seq.rows.len();
        let actor = lines.actor(spec, def, args);
        let kind = match def.origin {
            Origin::Crash(_) => RowKind::Crash,
            Origin::Restart(_) => RowKind::Restart,
            Origin::Drop(_) => RowKind::Loss,
            Origin::Tick => RowKind::Tick(now(spec, &after.state).unwrap_or(0)),
            Origin::Partition | Origin::Heal => RowKind::Network,
            _ => RowKind::Local,
        };
        let title = match kind {
            RowKind::Tick(now) => format!("time passes: now = {now}"),
            _ => story::title(model, def, args),
        };
        seq.rows.push(Row {
            step: i + 2,
            actor,
            title,
            kind,
        });
        // Deliveries and losses first: they refer to messages sent earlier.
        for r in &def.receives {
            let chan = &spec.channels[r.channel.index()];
            let label = args
                .get(r.message)
                .map(|m| show::value(spec, chan.msg, m))
                .unwrap_or_default();
            let from = r.sender.and_then(|s| {
                let (a, _) = chan.link?;
                lines.instance(spec, a, args.get(s)?)
            });
            let from = from.or_else(|| single_end(spec, &lines, chan.link.map(|(a, _)| a)));
            let dropped = matches!(def.origin, Origin::Drop(_));
            // A drop names the receiver first; a receive's receiver acts.
            let to = if dropped {
                chan.link
                    .and_then(|(_, b)| match spec.processes[b.index()].index {
                        Some(_) => lines.instance(spec, b, args.first()?),
                        None => single_end(spec, &lines, Some(b)),
                    })
            } else {
                actor
            };
            let fits = |m: &Message| {
                m.channel == chan.name
                    && m.label == label
                    && m.lost.is_none()
                    && (from.is_none() || m.from == from)
                    && (m.to.is_none() || m.to == to)
            };
            // The oldest one not yet delivered; else (a duplicate) one that was.
            let index = seq
                .messages
                .iter()
                .position(|m| fits(m) && m.delivered.is_empty())
                .or_else(|| seq.messages.iter().position(fits));
            if let Some(m) = index.map(|k| &mut seq.messages[k]) {
                if dropped {
                    m.lost = Some(row);
                } else {
                    m.delivered.push(row);
                    m.to = m.to.or(to);
                }
            }
        }
        for (var, (old, new)) in spec.vars.iter().zip(before.state.iter().zip(&after.state)) {
            let VarRole::Channel(c) = var.role else {
                continue;
            };
            let chan = &spec.channels[c.index()];
            for delta in story::link_deltas(spec, chan, old, new) {
                for label in delta.added {
                    let from = delta.from.as_deref().and_then(|n| lines.index(n)).or(actor);
                    let to = delta.to.as_deref().and_then(|n| lines.index(n));
                    seq.messages.push(Message {
                        channel: chan.name.clone(),
                        label,
                        from,
                        to,
                        sent: row,
                        delivered: Vec::new(),
                        lost: None,
                    });
                }
            }
        }
    }
    seq
}

/// The lifeline of a single-instance end of a channel.
fn single_end(spec: &Spec, lines: &Lifelines, end: Option<ProcessId>) -> Option<usize> {
    let p = end?;
    let proc = &spec.processes[p.index()];
    if proc.index.is_some() {
        return None;
    }
    lines.index(&proc.name)
}

/// `now` in a state.
fn now(spec: &Spec, state: &[Value]) -> Option<i64> {
    state.get(spec.time.as_ref()?.now.index())?.as_int()
}

/// The lifelines and how a step's instance maps to one.
struct Lifelines {
    names: Vec<String>,
    /// Without processes: the model-value types whose values are lifelines.
    by_param: Vec<TypeId>,
}

impl Lifelines {
    fn new(spec: &Spec) -> Lifelines {
        let mut names = Vec::new();
        for p in &spec.processes {
            match p.index {
                Some(ids) => names.extend(
                    domain::values(&spec.types, ids)
                        .iter()
                        .map(|v| show::value(spec, ids, v)),
                ),
                None => names.push(p.name.clone()),
            }
        }
        let mut by_param = Vec::new();
        if spec.processes.is_empty() {
            for a in &spec.actions {
                let Some(t) = a
                    .params
                    .first()
                    .and_then(|p| model_values(spec, p.domain.ty))
                else {
                    continue;
                };
                if !by_param.contains(&t) {
                    by_param.push(t);
                    names.extend(
                        domain::values(&spec.types, t)
                            .iter()
                            .map(|v| show::value(spec, t, v)),
                    );
                }
            }
            if spec.actions.iter().any(|a| {
                a.params
                    .first()
                    .and_then(|p| model_values(spec, p.domain.ty))
                    .is_none()
            }) {
                names.push("spec".into());
            }
        }
        Lifelines { names, by_param }
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The lifeline of instance `id` of kind `p`.
    fn instance(&self, spec: &Spec, p: ProcessId, id: &Value) -> Option<usize> {
        let ids = spec.processes[p.index()].index?;
        self.index(&show::value(spec, ids, id))
    }

    /// Which lifeline a step of this action instance is on.
    fn actor(&self, spec: &Spec, def: &ActionDef, args: &[Value]) -> Option<usize> {
        let p = match def.origin {
            Origin::Spec(Some(p))
            | Origin::Resume(p)
            | Origin::Crash(p)
            | Origin::Restart(p)
            | Origin::ClockTick(p) => p,
            Origin::Spec(None) => {
                let first = def.params.first();
                return match (
                    first.and_then(|p| model_values(spec, p.domain.ty)),
                    args.first(),
                ) {
                    (Some(t), Some(v)) if self.by_param.contains(&t) => {
                        self.index(&show::value(spec, t, v))
                    }
                    _ => self.index("spec"),
                };
            }
            _ => return None,
        };
        let proc = &spec.processes[p.index()];
        match (proc.index, args.first()) {
            (Some(_), Some(id)) => self.instance(spec, p, id),
            (None, _) => self.index(&proc.name),
            _ => None,
        }
    }
}

/// The element type of a parameter's domain when it is a set of model
/// values (an enum declared by a `const`).
fn model_values(spec: &Spec, domain: TypeId) -> Option<TypeId> {
    let Type::Set(t) = spec.ty(domain) else {
        return None;
    };
    let is_const = spec
        .consts
        .iter()
        .any(|c| matches!(spec.ty(c.ty), Type::Set(e) if e == t));
    matches!(spec.ty(*t), Type::Enum { .. })
        .then_some(*t)
        .filter(|_| is_const)
}
