//! Traces in the Informal Trace Format (ITF) of Apalache and Quint: a JSON
//! object with the variables' names and one object per state.
//!
//! ```text
//! { "#meta": { "format": "ITF", "source": "spec.rvl", ... },
//!   "vars": ["x", "msgs"],
//!   "states": [ { "#meta": { "index": 0 }, "x": { "#bigint": "0" }, "msgs": { "#set": [] } }, ... ] }
//! ```
//!
//! Values follow the format's conventions: booleans and strings as JSON,
//! integers as `{"#bigint": "42"}` (plain JSON numbers are read too), sets
//! as `{"#set": [...]}`, maps as `{"#map": [[k, v], ...]}`, sequences as
//! arrays, records as objects. Enum atoms and model values are strings.
//! Union values and options are Quint's sum types: `{"tag": "Prepared",
//! "value": {"rm": "r1"}}`, `{"tag": "Commit", "value": {"#tup": []}}`,
//! `{"tag": "Some", "value": v}`, `{"tag": "None", "value": {"#tup": []}}`.
//! Each state's `#meta` may name the action that led to it (`"action":
//! "RMPrepare(r = r1)"`), as Ravel writes it.
//!
//! Reading needs the model: it decodes each variable by its type and
//! reports, with a path, anything that does not fit.

use std::sync::Arc;

use serde_json::{Map, Value as Json, json};

use crate::check::domain;
use crate::check::ir::{Spec, Type, TypeId};
use crate::compile::Model;
use crate::explore::{LassoEnd, Outcome, Trace, Verdict};
use crate::value::Value;

/// The counterexample of an outcome (a trace, or a lasso with its `loop`
/// index) as ITF, if it has one.
pub fn counterexample(model: &Model, source_name: &str, outcome: &Outcome) -> Option<String> {
    match &outcome.verdict {
        Verdict::InvariantViolated(_, trace)
        | Verdict::Deadlock(trace)
        | Verdict::PropertyError(_, trace)
        | Verdict::ActionError(_, trace)
            if !trace.steps.is_empty() =>
        {
            Some(write(model, source_name, trace))
        }
        Verdict::LivenessViolated(_, lasso) => {
            let back = match lasso.end {
                LassoEnd::BackTo(k) => Some(k - 1),
                LassoEnd::Stutters => lasso.trace.steps.len().checked_sub(1),
            };
            Some(write_lasso(model, source_name, &lasso.trace, back))
        }
        _ => None,
    }
}

/// A trace as ITF JSON (pretty-printed, ending with a line break).
pub fn write(model: &Model, source_name: &str, trace: &Trace) -> String {
    write_lasso(model, source_name, trace, None)
}

/// A trace as ITF JSON; with `back`, a lasso whose last state is followed
/// again by state `back + 1` (ITF's top-level `"loop": back`, 0-based: the
/// index of the state the loop returns to; for a behaviour that stutters
/// in its last state, that state).
pub fn write_lasso(model: &Model, source_name: &str, trace: &Trace, back: Option<usize>) -> String {
    let spec = &model.spec;
    let vars: Vec<&str> = spec.vars.iter().map(|v| v.name.as_str()).collect();
    let states: Vec<Json> = trace
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let mut state = Map::new();
            let mut meta = Map::new();
            meta.insert("index".into(), json!(i));
            if let Some((action, args)) = &step.action {
                meta.insert(
                    "action".into(),
                    json!(super::action_instance(model, *action, args)),
                );
            }
            state.insert("#meta".into(), Json::Object(meta));
            for (var, value) in spec.vars.iter().zip(&step.state) {
                state.insert(var.name.clone(), to_json(spec, var.ty, value));
            }
            Json::Object(state)
        })
        .collect();
    let itf = json!({
        "#meta": {
            "format": "ITF",
            "format-description": "https://apalache-mc.org/docs/adr/015adr-trace.html",
            "source": source_name,
            "description": "Created by Ravel",
        },
        "vars": vars,
        "states": states,
    });
    let mut itf = itf;
    if let (Some(back), Some(object)) = (back, itf.as_object_mut()) {
        object.insert("loop".into(), json!(back));
    }
    let mut text = serde_json::to_string_pretty(&itf).unwrap_or_default();
    text.push('\n');
    text
}

/// One value of type `ty` as ITF.
pub fn to_json(spec: &Spec, ty: TypeId, value: &Value) -> Json {
    let unit = || json!({ "#tup": [] });
    match (spec.ty(ty), value) {
        (_, Value::Bool(b)) => json!(b),
        (_, Value::Int(i)) => json!({ "#bigint": i.to_string() }),
        (Type::Enum { atoms, .. }, Value::Atom(a)) => {
            json!(atoms.get(*a as usize).cloned().unwrap_or_default())
        }
        (Type::Record { fields }, Value::Record(items)) => Json::Object(
            fields
                .iter()
                .zip(items.iter())
                .map(|(f, v)| (f.name.clone(), to_json(spec, f.ty, v)))
                .collect(),
        ),
        (Type::Union { variants, .. }, Value::Variant(tag, items)) => {
            let Some(variant) = variants.get(*tag as usize) else {
                return json!({ "#unserializable": format!("variant #{tag}") });
            };
            let value = if variant.fields.is_empty() {
                unit()
            } else {
                Json::Object(
                    variant
                        .fields
                        .iter()
                        .zip(items.iter())
                        .map(|(f, v)| (f.name.clone(), to_json(spec, f.ty, v)))
                        .collect(),
                )
            };
            json!({ "tag": variant.name, "value": value })
        }
        (Type::Option(_), Value::None) => json!({ "tag": "None", "value": unit() }),
        (Type::Option(inner), Value::Some(v)) => {
            json!({ "tag": "Some", "value": to_json(spec, *inner, v) })
        }
        (Type::Set(elem), Value::Set(items)) => {
            let items: Vec<Json> = items.iter().map(|v| to_json(spec, *elem, v)).collect();
            json!({ "#set": items })
        }
        (Type::Map(key, val), Value::Map(items)) => {
            let pairs: Vec<Json> = items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let k = domain::value_at(&spec.types, *key, i as u64)
                        .map_or(Json::Null, |k| to_json(spec, *key, &k));
                    json!([k, to_json(spec, *val, v)])
                })
                .collect();
            json!({ "#map": pairs })
        }
        (Type::Seq(elem, _), Value::Seq(items)) => {
            Json::Array(items.iter().map(|v| to_json(spec, *elem, v)).collect())
        }
        _ => json!({ "#unserializable": format!("{value:?}") }),
    }
}

/// Why an ITF trace could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItfError {
    /// What is wrong, and where (`state 2, msgs: ...`).
    pub message: String,
}

/// One state read from a trace: the action its `#meta` names, if any, and
/// each variable's value by `VarId`.
pub type ItfState = (Option<String>, Vec<Value>);

/// The states of an ITF trace.
pub fn read(model: &Model, text: &str) -> Result<Vec<ItfState>, ItfError> {
    let fail = |message: String| ItfError { message };
    let json: Json = serde_json::from_str(text).map_err(|e| fail(format!("not JSON: {e}")))?;
    let states = json
        .get("states")
        .and_then(Json::as_array)
        .ok_or_else(|| fail("no `states` list: not an ITF trace".into()))?;
    let spec = &model.spec;
    states
        .iter()
        .enumerate()
        .map(|(i, state)| {
            let vars = spec
                .vars
                .iter()
                .map(|var| {
                    let value = state
                        .get(&var.name)
                        .ok_or_else(|| fail(format!("state {i}: no value for `{}`", var.name)))?;
                    from_json(spec, var.ty, value)
                        .map_err(|why| fail(format!("state {i}, {}: {why}", var.name)))
                })
                .collect::<Result<Vec<Value>, ItfError>>()?;
            let action = state
                .get("#meta")
                .and_then(|m| m.get("action"))
                .and_then(Json::as_str)
                .map(str::to_string);
            Ok((action, vars))
        })
        .collect()
}

/// One ITF value read as a value of type `ty`.
pub fn from_json(spec: &Spec, ty: TypeId, json: &Json) -> Result<Value, String> {
    let wanted = |what: &str| Err(format!("expected {what}, found {json}"));
    match spec.ty(ty) {
        Type::Bool => json
            .as_bool()
            .map(Value::Bool)
            .map_or_else(|| wanted("a boolean"), Ok),
        Type::Int | Type::Range { .. } => {
            let int = match json.get("#bigint") {
                Some(Json::String(s)) => s.parse().ok(),
                _ => json.as_i64(),
            };
            int.map(Value::Int)
                .map_or_else(|| wanted("an integer ({\"#bigint\": \"42\"})"), Ok)
        }
        Type::Enum { atoms, name, .. } => {
            let Some(s) = json.as_str() else {
                return wanted(&format!("a value of {name} (a string)"));
            };
            atoms
                .iter()
                .position(|a| a == s)
                .map(|i| Value::Atom(i as u32))
                .ok_or_else(|| format!("`{s}` is not a value of {name}"))
        }
        Type::Record { fields } => {
            let Some(object) = json.as_object() else {
                return wanted("a record (an object)");
            };
            let items = fields
                .iter()
                .map(|f| match object.get(&f.name) {
                    Some(v) => from_json(spec, f.ty, v).map_err(|e| format!("{}: {e}", f.name)),
                    None => Err(format!("no field `{}`", f.name)),
                })
                .collect::<Result<Vec<Value>, String>>()?;
            Ok(Value::Record(Arc::from(items)))
        }
        Type::Union { variants, name } => {
            let (tag, value) = sum(json).ok_or_else(|| {
                format!(
                    "expected a value of {name} ({{\"tag\": ..., \"value\": ...}}), found {json}"
                )
            })?;
            let (index, variant) = variants
                .iter()
                .enumerate()
                .find(|(_, v)| v.name == tag)
                .ok_or_else(|| format!("`{tag}` is not a variant of {name}"))?;
            let items = variant
                .fields
                .iter()
                .map(|f| match value.get(&f.name) {
                    Some(v) => {
                        from_json(spec, f.ty, v).map_err(|e| format!("{tag}.{}: {e}", f.name))
                    }
                    None => Err(format!("{tag} has no field `{}`", f.name)),
                })
                .collect::<Result<Vec<Value>, String>>()?;
            Ok(Value::Variant(index as u32, Arc::from(items)))
        }
        Type::Option(inner) => match sum(json) {
            Some(("None", _)) => Ok(Value::None),
            Some(("Some", v)) => Ok(Value::Some(Arc::new(from_json(spec, *inner, v)?))),
            _ => wanted("an option ({\"tag\": \"Some\" or \"None\", \"value\": ...})"),
        },
        Type::Set(elem) => {
            let Some(items) = json.get("#set").and_then(Json::as_array) else {
                return wanted("a set ({\"#set\": [...]})");
            };
            let items = items
                .iter()
                .map(|v| from_json(spec, *elem, v))
                .collect::<Result<Vec<Value>, String>>()?;
            Ok(Value::set_from(items))
        }
        Type::Map(key, val) => {
            let Some(pairs) = json.get("#map").and_then(Json::as_array) else {
                return wanted("a map ({\"#map\": [[key, value], ...]})");
            };
            let size = domain::size(&spec.types, *key).unwrap_or(0) as usize;
            let mut slots: Vec<Option<Value>> = vec![None; size];
            for pair in pairs {
                let (Some(k), Some(v)) = (pair.get(0), pair.get(1)) else {
                    return Err(format!("expected a [key, value] pair, found {pair}"));
                };
                let k = from_json(spec, *key, k)?;
                let slot = domain::index_of(&spec.types, *key, &k)
                    .and_then(|i| slots.get_mut(i as usize))
                    .ok_or_else(|| format!("key {} is outside the map's domain", pair[0]))?;
                *slot = Some(from_json(spec, *val, v)?);
            }
            let items = slots
                .into_iter()
                .enumerate()
                .map(|(i, v)| v.ok_or_else(|| format!("no value for the map's key #{i}")))
                .collect::<Result<Vec<Value>, String>>()?;
            Ok(Value::Map(Arc::from(items)))
        }
        Type::Seq(elem, max) => {
            let Some(items) = json.as_array() else {
                return wanted("a sequence (an array)");
            };
            if items.len() > *max as usize {
                return Err(format!(
                    "{} items, more than the {max} the type allows",
                    items.len()
                ));
            }
            let items = items
                .iter()
                .map(|v| from_json(spec, *elem, v))
                .collect::<Result<Vec<Value>, String>>()?;
            Ok(Value::Seq(Arc::from(items)))
        }
    }
}

/// A sum-type value: its tag and payload.
fn sum(json: &Json) -> Option<(&str, &Json)> {
    let tag = json.get("tag")?.as_str()?;
    Some((tag, json.get("value").unwrap_or(&Json::Null)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::{self, Options, Verdict};
    use crate::source::Source;

    fn model(src: &str) -> Model {
        let ast = crate::syntax::parse(&Source::new("t.rvl", src)).expect("parses");
        crate::compile::compile(crate::check::check(&ast, &[]).expect("checks"))
    }

    const SPEC: &str = "
        const RM = {r1, r2}
        type Msg = Prepared { rm: RM } | Commit
        var state: RM -> {working, prepared} = [r in RM: working]
        var msgs: set<Msg> = {}
        var last: option<RM> = none
        var log: seq<0..3, 3> = []
        var pair: { n: -1..3, ok: bool } = { n: -1, ok: false }
        action Prepare(r: RM) {
            require state[r] == working
            state[r] = prepared
            msgs += {Prepared { rm: r }, Commit}
            last = some(r)
            log = append(log, len(log))
            pair.n = pair.n + 1
        }
        invariant NotBoth: not (state[r1] == prepared and state[r2] == prepared)
    ";

    #[test]
    fn a_counterexample_round_trips() {
        let model = model(SPEC);
        let outcome = explore::explore(&model, &Options::default(), &mut ());
        let Verdict::InvariantViolated(_, trace) = outcome.verdict else {
            panic!("{:?}", outcome.verdict)
        };
        let text = write(&model, "t.rvl", &trace);
        let json: Json = serde_json::from_str(&text).expect("JSON");
        assert_eq!(
            json["vars"],
            json!(["state", "msgs", "last", "log", "pair"])
        );
        let second = &json["states"][1];
        assert_eq!(
            second["#meta"],
            json!({ "index": 1, "action": "Prepare(r = r1)" })
        );
        assert_eq!(
            second["state"],
            json!({ "#map": [["r1", "prepared"], ["r2", "working"]] })
        );
        assert_eq!(
            second["msgs"],
            json!({ "#set": [{ "tag": "Prepared", "value": { "rm": "r1" } }, { "tag": "Commit", "value": { "#tup": [] } }] })
        );
        assert_eq!(second["last"], json!({ "tag": "Some", "value": "r1" }));
        assert_eq!(second["log"], json!([{ "#bigint": "0" }]));
        assert_eq!(
            second["pair"],
            json!({ "n": { "#bigint": "0" }, "ok": false })
        );
        let read = read(&model, &text).expect("reads back");
        let states: Vec<Vec<Value>> = read.iter().map(|(_, s)| s.clone()).collect();
        let expected: Vec<Vec<Value>> = trace.steps.iter().map(|s| s.state.clone()).collect();
        assert_eq!(states, expected);
        assert_eq!(read[1].0.as_deref(), Some("Prepare(r = r1)"));
    }

    #[test]
    fn bad_traces_say_where() {
        let model = model(SPEC);
        let err = |text: &str| read(&model, text).expect_err("rejected").message;
        assert_eq!(err("[1]"), "no `states` list: not an ITF trace");
        assert!(err("{").starts_with("not JSON"));
        assert_eq!(err(r#"{"states": [{}]}"#), "state 0: no value for `state`");
        let wrong = r##"{"states": [{"state": {"#map": [["r1", "done"], ["r2", "working"]]}}]}"##;
        assert_eq!(
            err(wrong),
            "state 0, state: `done` is not a value of {working, prepared}"
        );
        let wrong = r##"{"states": [{"state": {"#map": [["r1", "working"]]}}]}"##;
        assert_eq!(err(wrong), "state 0, state: no value for the map's key #1");
    }
}
