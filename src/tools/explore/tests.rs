//! The explorer's answers, request by request, on the two-phase commit spec.

use serde_json::{Value as Json, json};

use super::{Session, handle};
use crate::source::Source;

fn session(path: &str) -> Session {
    let file = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&file).expect("spec is readable");
    Session::new(Source::new(path, text), Vec::new()).unwrap_or_else(|f| panic!("{f:?}"))
}

fn post(s: &mut Session, path: &str, body: Json) -> Json {
    let answer = handle(s, "POST", path, &body.to_string());
    assert_eq!(answer.status, 200, "{}", answer.body);
    serde_json::from_str(&answer.body).expect("JSON")
}

fn get(s: &mut Session, path: &str) -> Json {
    let answer = handle(s, "GET", path, "");
    serde_json::from_str(&answer.body).expect("JSON")
}

fn labels(view: &Json, key: &str) -> Vec<String> {
    view[key]
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| e["label"].as_str().unwrap_or("").to_string())
        .collect()
}

fn var<'a>(view: &'a Json, name: &str) -> &'a Json {
    view["vars"]
        .as_array()
        .expect("vars")
        .iter()
        .find(|v| v["name"] == name)
        .expect("the variable")
}

#[test]
fn take_actions_see_changes_go_back_and_forward() {
    let mut s = session("specs/two_phase_commit/two_phase_commit.rvl");
    let view = get(&mut s, "/api/view");
    assert_eq!(
        view["spec"],
        "TwoPhaseCommit (specs/two_phase_commit/two_phase_commit.rvl)"
    );
    assert_eq!(labels(&view, "history"), ["initial state"]);
    assert_eq!(var(&view, "tm_state")["value"], "init");
    assert_eq!(var(&view, "tm_state")["changed"], false);
    let enabled = labels(&view, "enabled");
    assert_eq!(
        enabled,
        [
            "TMAbort",
            "RMPrepare(r = r1)",
            "RMPrepare(r = r2)",
            "RMPrepare(r = r3)",
            "RMChooseToAbort(r = r1)",
            "RMChooseToAbort(r = r2)",
            "RMChooseToAbort(r = r3)"
        ]
    );
    assert_eq!(
        view["disabled"],
        json!([
            "TMRcvPrepared",
            "TMCommit",
            "RMRcvCommitMsg",
            "RMRcvAbortMsg"
        ])
    );
    // RMPrepare(r = r2) is the third instance.
    let answer = post(&mut s, "/api/take", json!({ "id": 2 }));
    assert_eq!(answer["error"], Json::Null);
    let view = &answer["view"];
    assert_eq!(
        labels(view, "history"),
        ["initial state", "RMPrepare(r = r2)"]
    );
    let rm_state = var(view, "rm_state");
    assert_eq!(
        rm_state["value"],
        "[r1: working, r2: prepared, r3: working]"
    );
    assert_eq!(rm_state["changed"], true);
    assert_eq!(
        rm_state["changes"],
        json!(["rm_state[r2]: working → prepared"])
    );
    assert_eq!(
        var(view, "msgs")["changes"],
        json!(["msgs: + {Prepared { rm: r2 }}"])
    );
    assert_eq!(var(view, "tm_state")["changed"], false);
    let view = post(&mut s, "/api/back", json!({}))["view"].clone();
    assert_eq!(view["cursor"], 0);
    assert_eq!(
        var(&view, "rm_state")["value"],
        "[r1: working, r2: working, r3: working]"
    );
    let view = post(&mut s, "/api/forward", json!({}))["view"].clone();
    assert_eq!(view["cursor"], 1);
    let answer = post(&mut s, "/api/forward", json!({}));
    assert_eq!(answer["error"], "there is no step 3");
    let answer = post(&mut s, "/api/take", json!({ "id": 99 }));
    assert_eq!(answer["error"], "there is no enabled action 99");
}

#[test]
fn evaluate_expressions_in_the_current_state() {
    let mut s = session("specs/two_phase_commit/two_phase_commit.rvl");
    post(&mut s, "/api/take", json!({ "id": 1 }));
    let eval = |s: &mut Session, expr: &str| post(s, "/api/eval", json!({ "expr": expr }));
    assert_eq!(
        eval(&mut s, "|msgs|"),
        json!({ "value": "1", "type": "int" })
    );
    assert_eq!(
        eval(&mut s, "{r in RM if rm_state[r] == prepared}"),
        json!({ "value": "{r1}", "type": "set<RM>" })
    );
    assert_eq!(
        eval(&mut s, "{r1, r2}"),
        json!({ "value": "{r1, r2}", "type": "set<RM>" })
    );
    assert_eq!(eval(&mut s, "tm_stat")["error"], "unknown name `tm_stat`");
    assert_eq!(eval(&mut s, "1 +")["error"], "unexpected end of file");
}

#[test]
fn a_counterexample_loads_as_a_trace_to_step_through() {
    let mut s = session("specs/two_phase_commit/majority_commit.rvl");
    let check = get(&mut s, "/api/check");
    assert_eq!(check["verdict"], "✗ invariant Consistent is violated");
    let itf = check["itf"].as_str().expect("a counterexample");
    let answer = handle(&mut s, "POST", "/api/trace", itf);
    let answer: Json = serde_json::from_str(&answer.body).expect("JSON");
    assert_eq!(answer["error"], Json::Null);
    let view = &answer["view"];
    let history = labels(view, "history");
    assert_eq!(history.len(), 8);
    assert_eq!(history[0], "initial state");
    assert_eq!(history[1], "RMPrepare(r = r1)");
    assert_eq!(history[5], "TMCommit");
    assert_eq!(view["cursor"], 0);
    let view = post(&mut s, "/api/go", json!({ "step": 7 }))["view"].clone();
    let consistent = view["invariants"]
        .as_array()
        .expect("invariants")
        .iter()
        .find(|p| p["name"] == "Consistent")
        .cloned();
    assert_eq!(consistent.expect("Consistent")["holds"], false);
    // A broken trace is refused with the reason, and the walk is kept.
    let answer = handle(&mut s, "POST", "/api/trace", "{\"states\": [{}]}");
    let answer: Json = serde_json::from_str(&answer.body).expect("JSON");
    assert_eq!(answer["error"], "state 0: no value for `rm_state`");
    assert_eq!(answer["view"]["history"].as_array().map(Vec::len), Some(8));
}

#[test]
fn the_page_and_unknown_paths() {
    let mut s = session("specs/die_hard.rvl");
    let page = handle(&mut s, "GET", "/", "");
    assert_eq!(
        (page.status, page.content_type),
        (200, "text/html; charset=utf-8")
    );
    assert!(page.body.contains("<title>Ravel explorer</title>"));
    let missing = handle(&mut s, "GET", "/nope", "");
    assert_eq!(missing.status, 404);
}

#[test]
fn processes_and_channels_show_as_the_trace_shows_them() {
    let mut s = session("specs/two_phase_commit/blocking.rvl");
    let view = get(&mut s, "/api/view");
    assert_eq!(
        labels(&view, "enabled"),
        [
            "Coordinator: GiveUp",
            "r1: Prepare",
            "r2: Prepare",
            "r3: Prepare",
            "r1: ChooseToAbort",
            "r2: ChooseToAbort",
            "r3: ChooseToAbort",
            "Coordinator crashes"
        ]
    );
    let view = post(&mut s, "/api/take", json!({ "id": 1 }))["view"].clone();
    assert_eq!(labels(&view, "history"), ["initial state", "r1: Prepare"]);
    let changes: Vec<&Json> = view["vars"]
        .as_array()
        .expect("vars")
        .iter()
        .filter(|v| v["changed"] == true)
        .map(|v| &v["changes"])
        .collect();
    assert_eq!(
        changes,
        [
            &json!(["r1.state: working → prepared"]),
            &json!(["votes r1 → Coordinator: + Prepared"])
        ]
    );
    let names: Vec<&str> = view["vars"]
        .as_array()
        .expect("vars")
        .iter()
        .filter_map(|v| v["name"].as_str())
        .collect();
    assert!(names.contains(&"Coordinator.state") && names.contains(&"Participant.state"));
}
