//! The outcome as JSON Lines events (`ravel check --format json`), one
//! object per line, each with an `"event"` field; docs/json.md is the
//! schema. Values are written as in ITF ([`super::itf::to_json`]): integers
//! as `{"#bigint": "3"}`, sets as `{"#set": [...]}`, and so on.
//!
//! [`JsonLines`] is the observer that writes `progress` and `phase` events
//! while the search runs; the other events are built here from the
//! outcome and written by the caller, `verdict` last.

use std::io::Write;

use serde_json::{Map, Value as Json, json};

use crate::check::ir::{ActionId, Origin, PropertyId, Spec, Type, TypeId};
use crate::compile::Model;
use crate::diagnostic::Failure;
use crate::explore::{self, Event, LassoEnd, Observer, Outcome, Stats, Step, Trace, Verdict};
use crate::source::Source;

use super::coverage::{self, Warning};
use super::itf::to_json;

/// The `start` event: the spec, its constants, the options and Ravel's
/// version.
pub fn start(
    model: &Model,
    file: &str,
    options: &explore::Options,
    extra: &Map<String, Json>,
) -> Json {
    let spec = &model.spec;
    let constants: Map<String, Json> = spec
        .consts
        .iter()
        .map(|c| (c.name.clone(), to_json(spec, c.ty, &c.value)))
        .collect();
    let mut opts = Map::new();
    opts.insert("threads".into(), json!(options.threads));
    opts.insert("deadlock".into(), json!(options.deadlock));
    opts.insert("max_states".into(), json!(options.max_states));
    opts.insert(
        "fingerprint".into(),
        json!(options.mode == explore::Mode::Fingerprint),
    );
    opts.insert("memory".into(), json!(options.memory));
    opts.extend(extra.clone());
    json!({
        "event": "start",
        "spec": (!spec.name.is_empty()).then_some(&spec.name),
        "file": file,
        "constants": constants,
        "options": opts,
        "version": env!("CARGO_PKG_VERSION"),
    })
}

/// Writes `progress` and `phase` events as they come.
pub struct JsonLines<W: Write> {
    out: W,
}

impl<W: Write> JsonLines<W> {
    /// Events written to `out`.
    pub fn new(out: W) -> JsonLines<W> {
        JsonLines { out }
    }
}

impl<W: Write> Observer for JsonLines<W> {
    fn on(&mut self, event: Event) {
        let line = match event {
            Event::Progress(stats) => progress(&stats),
            Event::Phase(phase) => json!({ "event": "phase", "phase": phase.name() }),
            Event::Level(_) => return,
        };
        let _ = writeln!(self.out, "{line}");
        let _ = self.out.flush();
    }
}

/// A `progress` event.
pub fn progress(stats: &Stats) -> Json {
    json!({
        "event": "progress",
        "distinct": stats.distinct,
        "transitions": stats.transitions,
        "depth": stats.depth,
        "queued": stats.queued,
        "memory": stats.memory,
        "seconds": seconds(stats.elapsed),
    })
}

/// Elapsed seconds, rounded to milliseconds.
fn seconds(d: std::time::Duration) -> f64 {
    (d.as_secs_f64() * 1000.0).round() / 1000.0
}

/// One `violation` event per finding of the outcome (none when it holds
/// or is incomplete; one per `reachable` never reached; with `--continue`,
/// the first violation of each property, in the order found).
pub fn violations(outcome: &Outcome, model: &Model, source: &Source) -> Vec<Json> {
    std::iter::once(&outcome.verdict)
        .chain(&outcome.also)
        .flat_map(|verdict| findings(verdict, model, source))
        .collect()
}

/// The `violation` events of one verdict.
fn findings(verdict: &Verdict, model: &Model, source: &Source) -> Vec<Json> {
    let spec = &model.spec;
    let event = |kind: &str, property: Option<&str>, message: String| {
        let mut e = Map::new();
        e.insert("event".into(), json!("violation"));
        e.insert("kind".into(), json!(kind));
        e.insert("property".into(), json!(property));
        e.insert("message".into(), json!(message));
        e
    };
    let with_trace = |mut e: Map<String, Json>, trace: &Trace| {
        e.insert("trace".into(), trace_json(model, trace, None));
        Json::Object(e)
    };
    let name = |id: PropertyId| spec.properties.get(id.index()).map(|p| p.name.as_str());
    match verdict {
        Verdict::Holds | Verdict::Incomplete(_) => Vec::new(),
        Verdict::InvariantViolated(id, trace) => {
            let n = name(*id).unwrap_or("?");
            let kind = super::safety_kind(spec, *id);
            let message = format!("{kind} {n} is violated");
            vec![with_trace(event(kind, Some(n), message), trace)]
        }
        Verdict::Deadlock(trace) => {
            let message = "deadlock: no step is possible".to_string();
            vec![with_trace(event("deadlock", None, message), trace)]
        }
        Verdict::Unreachable(ids) => ids
            .iter()
            .map(|&id| {
                let n = name(id).unwrap_or("?");
                let message = format!("reachable {n} is never reached");
                let mut e = event("reachable", Some(n), message);
                e.insert("trace".into(), Json::Null);
                Json::Object(e)
            })
            .collect(),
        Verdict::PropertyError(error, trace) => {
            let message = error.kind.details().message;
            let mut e = event("runtime error", None, message);
            e.insert("span".into(), span_json(source, Some(error.span)));
            vec![with_trace(e, trace)]
        }
        Verdict::ActionError(error, trace) => {
            let message = format!(
                "{} fails: {}",
                super::action_instance(model, error.action, &error.args),
                error.error.kind.details().message
            );
            let mut e = event("runtime error", None, message);
            e.insert("span".into(), span_json(source, Some(error.error.span)));
            e.insert(
                "action".into(),
                action_json(model, error.action, &error.args),
            );
            vec![with_trace(e, trace)]
        }
        Verdict::NoInitialState(_) => {
            let mut e = event("no initial state", None, "no initial state".into());
            e.insert("trace".into(), Json::Null);
            vec![Json::Object(e)]
        }
        Verdict::LivenessViolated(id, lasso) => {
            let def = spec.liveness.get(id.index());
            let n = def.map_or("?", |l| l.name.as_str());
            let full = def.map_or_else(
                || "?".to_string(),
                |l| super::lasso::instance_name(model, l),
            );
            let message = format!("property {full} is violated");
            let mut e = event("liveness", Some(n), message);
            e.insert(
                "trace".into(),
                trace_json(model, &lasso.trace, Some(lasso.end)),
            );
            vec![Json::Object(e)]
        }
    }
}

/// A trace: its steps, and for a lasso how it goes on forever.
pub fn trace_json(model: &Model, trace: &Trace, end: Option<LassoEnd>) -> Json {
    let steps: Vec<Json> = trace
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| step_json(model, i, step, i.checked_sub(1).map(|p| &trace.steps[p])))
        .collect();
    let mut t = Map::new();
    t.insert("steps".into(), Json::Array(steps));
    match end {
        None => {}
        Some(LassoEnd::BackTo(k)) => {
            t.insert("loop".into(), json!(k));
        }
        Some(LassoEnd::Stutters) => {
            t.insert("loop".into(), Json::Null);
            t.insert("stutters".into(), json!(true));
        }
    }
    Json::Object(t)
}

/// One step: its number (1 for the initial state), the action instance,
/// the full state and the variables that changed.
fn step_json(model: &Model, i: usize, step: &Step, before: Option<&Step>) -> Json {
    let spec = &model.spec;
    let state: Map<String, Json> = spec
        .vars
        .iter()
        .zip(&step.state)
        .map(|(var, value)| (var.name.clone(), to_json(spec, var.ty, value)))
        .collect();
    let changed: Vec<&str> = match before {
        None => Vec::new(),
        Some(before) => spec
            .vars
            .iter()
            .zip(&before.state)
            .zip(&step.state)
            .filter(|((_, old), new)| old != new)
            .map(|((var, _), _)| var.name.as_str())
            .collect(),
    };
    let action = match &step.action {
        None => Json::Null,
        Some((action, args)) => action_json(model, *action, args),
    };
    json!({
        "step": i + 1,
        "action": action,
        "state": state,
        "changed": changed,
    })
}

/// An action instance: its name, its arguments by parameter, the process
/// instance that takes it (if it belongs to a process) and how the trace
/// shows it.
fn action_json(model: &Model, action: ActionId, args: &[crate::value::Value]) -> Json {
    let spec = &model.spec;
    let Some(def) = spec.actions.get(action.index()) else {
        return Json::Null;
    };
    let params: Vec<Json> = def
        .params
        .iter()
        .zip(args)
        .map(|(param, arg)| {
            let name = match param.pattern.kind {
                crate::check::ir::PatternKind::Bind(local) => {
                    Some(def.frame.locals[local.index()].name.clone())
                }
                _ => param
                    .pattern
                    .alias
                    .map(|l| def.frame.locals[l.index()].name.clone()),
            };
            json!({ "name": name, "value": to_json(spec, element(spec, param.domain.ty), arg) })
        })
        .collect();
    let process = match def.origin {
        Origin::Spec(Some(p))
        | Origin::Resume(p)
        | Origin::Crash(p)
        | Origin::Restart(p)
        | Origin::ClockTick(p) => {
            let proc = &spec.processes[p.index()];
            let instance = match (proc.index, args.first(), def.params.first()) {
                (Some(_), Some(arg), Some(param)) => {
                    to_json(spec, element(spec, param.domain.ty), arg)
                }
                _ => Json::Null,
            };
            json!({ "kind": proc.name, "instance": instance })
        }
        _ => Json::Null,
    };
    json!({
        "name": def.name,
        "args": params,
        "process": process,
        "text": super::action_instance(model, action, args),
    })
}

/// The element type of a parameter's domain.
fn element(spec: &Spec, domain: TypeId) -> TypeId {
    match spec.ty(domain) {
        Type::Set(t) | Type::Seq(t, _) => *t,
        _ => domain,
    }
}

/// The `coverage` event: per action and per process, and the warnings.
pub fn coverage(outcome: &Outcome, model: &Model, source: &Source) -> Json {
    let table = coverage::table(outcome, model);
    let row = |r: &coverage::Row| {
        json!({
            "name": r.name,
            "enabled": r.count.enabled,
            "successors": r.count.successors,
            "new": r.count.new,
            "share": r.share,
        })
    };
    let warnings: Vec<Json> = coverage::warnings(outcome, model, source)
        .iter()
        .map(warning_json)
        .collect();
    json!({
        "event": "coverage",
        "whole": outcome.coverage.whole,
        "initial": outcome.coverage.initial,
        "actions": table.actions.iter().map(row).collect::<Vec<_>>(),
        "processes": table.processes.iter().map(row).collect::<Vec<_>>(),
        "warnings": warnings,
    })
}

fn warning_json(w: &Warning) -> Json {
    json!({ "kind": w.kind.name(), "subject": w.subject, "message": w.message })
}

/// The `stats` event; without `timing` (`RAVEL_NO_TIME=1`, for comparing
/// outputs) the measurements that vary from run to run, the times and the
/// peak memory, are `null`.
pub fn stats(outcome: &Outcome, timing: bool) -> Json {
    let s = &outcome.stats;
    let time = |d: std::time::Duration| timing.then(|| seconds(d));
    json!({
        "event": "stats",
        "distinct": s.distinct,
        "transitions": s.transitions,
        "depth": s.depth,
        "queued": s.queued,
        "memory": s.memory,
        "peak_memory": explore::memory::peak_rss().filter(|_| timing),
        "seconds": time(s.elapsed),
        "liveness_seconds": s.liveness.and_then(time),
        "collision_probability": outcome.collision_probability,
        "stands_for": (outcome.coverage.stands_for > 0)
            .then(|| u64::try_from(outcome.coverage.stands_for).unwrap_or(u64::MAX)),
        "canonical_seconds": s.canonical.and_then(time),
        "por": s.por.map(|p| json!({
            "states": p.states,
            "reduced": p.reduced,
            "proviso": p.proviso,
            "successors": p.enabled,
            "pruned": p.pruned,
            "seconds": timing.then(|| p.nanos as f64 / 1e9),
        })),
    })
}

/// The `verdict` event, last: the verdict's name and the exit code.
pub fn verdict(verdict: &str, exit: u8) -> Json {
    json!({ "event": "verdict", "verdict": verdict, "exit": exit })
}

/// The name of a verdict in the `verdict` event.
pub fn verdict_name(verdict: &Verdict) -> &'static str {
    match verdict {
        Verdict::Holds => "holds",
        Verdict::Incomplete(why) if why.interrupted() => "interrupted",
        Verdict::Incomplete(_) => "incomplete",
        _ => "violated",
    }
}

/// One `error` event per diagnostic of input that cannot be checked.
pub fn errors(failure: &Failure, source: &Source) -> Vec<Json> {
    failure
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "event": "error",
                "message": d.details.message,
                "label": d.details.label,
                "help": d.details.help,
                "span": span_json(source, d.span),
            })
        })
        .collect()
}

/// An `error` event without a place in the spec (an unreadable file, a
/// bad argument).
pub fn error(message: &str) -> Json {
    json!({ "event": "error", "message": message, "label": "", "help": null, "span": null })
}

/// A span as byte offsets and 1-based line and column of its start and end.
fn span_json(source: &Source, span: Option<crate::source::Span>) -> Json {
    let Some(span) = span else {
        return Json::Null;
    };
    let (line, column) = source.line_col(span.start);
    let (end_line, end_column) = source.line_col(span.end);
    json!({
        "file": source.name,
        "start": span.start,
        "end": span.end,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
    })
}
