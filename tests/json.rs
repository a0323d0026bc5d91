//! Machine-readable output: every event `--format json` writes on the
//! bundled specs has exactly the fields docs/json.md documents, with their
//! types; `--trace-out` writes ITF that reads back as the trace; coverage
//! counts add up and do not depend on the threads.

use std::collections::BTreeMap;
use std::process::Command;

use ravel::explore::{Options, Verdict};
use ravel::source::Source;
use serde_json::Value as Json;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A documented field: its path (`trace.steps[].state`), its types and
/// whether it is only there in some cases (its meaning starts with "only").
struct Field {
    path: String,
    types: Vec<String>,
    optional: bool,
}

/// The fields of each event, from the tables of docs/json.md.
fn schema() -> BTreeMap<String, Vec<Field>> {
    let text = std::fs::read_to_string(format!("{ROOT}/docs/json.md")).expect("docs/json.md");
    let mut events = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("### `") {
            current = Some(name.trim_end_matches('`').to_string());
            events.insert(current.clone().unwrap(), Vec::new());
            continue;
        }
        if line.starts_with("## ") {
            current = None;
        }
        let (Some(event), Some(row)) = (&current, line.strip_prefix("| `")) else {
            continue;
        };
        let cells: Vec<&str> = row.split(" | ").collect();
        let path = cells[0].trim_end_matches('`').to_string();
        let types = cells[1].split("\\|").map(str::to_string).collect();
        let optional = cells.get(2).is_some_and(|m| m.starts_with("only"));
        events.get_mut(event).unwrap().push(Field {
            path,
            types,
            optional,
        });
    }
    events
}

fn type_ok(value: &Json, ty: &str) -> bool {
    match ty {
        "string" => value.is_string(),
        "integer" => value.is_u64() || value.is_i64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "null" => value.is_null(),
        "value" => true,
        other => panic!("docs/json.md: unknown type `{other}`"),
    }
}

/// Every difference between an event and its documented fields.
fn validate(event: &Json, fields: &[Field], what: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let documented = |path: &str| fields.iter().any(|f| f.path == path);
    let has_children = |path: &str| {
        fields.iter().any(|f| {
            f.path.starts_with(&format!("{path}.")) || f.path.starts_with(&format!("{path}[]"))
        })
    };
    // Every field present is documented, with a documented type.
    let mut stack = vec![(String::new(), event)];
    while let Some((path, value)) = stack.pop() {
        match value {
            Json::Object(map) if path.is_empty() || has_children(&path) => {
                for (key, v) in map {
                    let p = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    match fields.iter().find(|f| f.path == p) {
                        None => problems.push(format!("{what}: `{p}` is not documented")),
                        Some(f) if !f.types.iter().any(|t| type_ok(v, t)) => problems
                            .push(format!("{what}: `{p}` is {v}, documented as {:?}", f.types)),
                        Some(_) => stack.push((p, v)),
                    }
                }
            }
            Json::Array(items) if documented(&format!("{path}[]")) || has_children(&path) => {
                let p = format!("{path}[]");
                for v in items {
                    if let Some(f) = fields.iter().find(|f| f.path == p)
                        && !f.types.iter().any(|t| type_ok(v, t))
                    {
                        problems.push(format!("{what}: `{p}` is {v}, documented as {:?}", f.types));
                    }
                    stack.push((p.clone(), v));
                }
            }
            _ => {}
        }
    }
    // Every documented field is present where its parent is.
    for f in fields.iter().filter(|f| !f.optional) {
        for parent in parents(event, &f.path) {
            let key = f.path.rsplit('.').next().unwrap();
            if parent.get(key).is_none() {
                problems.push(format!("{what}: `{}` is missing", f.path));
            }
        }
    }
    problems
}

/// The objects that hold the last part of `path` (its parent objects).
fn parents<'a>(event: &'a Json, path: &str) -> Vec<&'a Json> {
    let mut parts: Vec<&str> = path.split('.').collect();
    parts.pop();
    let mut current = vec![event];
    for part in parts {
        let (key, each) = match part.strip_suffix("[]") {
            Some(key) => (key, true),
            None => (part, false),
        };
        let mut next = Vec::new();
        for v in current {
            match v.get(key) {
                Some(Json::Array(items)) if each => next.extend(items.iter()),
                Some(child) if !each && child.is_object() => next.push(child),
                _ => {}
            }
        }
        current = next;
    }
    current
}

/// `ravel check ARGS... --format json`: the exit code and the events.
fn json_run(args: &[&str]) -> (i32, Vec<Json>) {
    let output = Command::new(env!("CARGO_BIN_EXE_ravel"))
        .current_dir(ROOT)
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("the ravel binary runs");
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    let events = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    (output.status.code().unwrap_or(-1), events)
}

#[test]
fn every_event_has_the_documented_fields() {
    let schema = schema();
    for event in [
        "start",
        "phase",
        "progress",
        "violation",
        "coverage",
        "stats",
        "verdict",
        "error",
    ] {
        assert!(
            schema.contains_key(event),
            "docs/json.md documents `{event}`"
        );
    }
    let runs: &[&[&str]] = &[
        &["specs/two_phase_commit/two_phase_commit.rvl", "--coverage"],
        &["specs/two_phase_commit/live.rvl"],
        &["specs/paxos/no_value_rule.rvl"],
        &["specs/flp/wait_for_all.rvl", "--no-deadlock"],
        &["specs/flp/wait_for_all.rvl"],
        &["specs/three_phase_commit/partition.rvl"],
        &["specs/distributed_locks/lease_pause.rvl"],
        &["specs/die_hard.rvl", "--fingerprint"],
        &["tests/cli/counter_assert.rvl"],
        &["tests/cli/counter_property_error.rvl"],
        &["tests/cli/counter_unreachable.rvl"],
        &["tests/cli/vacuous.rvl"],
        &["tests/cli/continue.rvl", "--continue"],
        &["specs/paxos/paxos.rvl", "--max-states", "100"],
        &["tests/bad/ambiguous_atom.rvl"],
        &["tests/bad/no_such_file.rvl"],
    ];
    let mut problems = Vec::new();
    let mut seen = BTreeMap::new();
    for args in runs {
        let (code, events) = json_run(args);
        let what = args.join(" ");
        assert!(!events.is_empty(), "{what}: no event");
        for (i, event) in events.iter().enumerate() {
            let name = event["event"].as_str().unwrap_or("?").to_string();
            *seen.entry(name.clone()).or_insert(0) += 1;
            match schema.get(&name) {
                None => problems.push(format!("{what}: event `{name}` is not documented")),
                Some(fields) => {
                    problems.extend(validate(event, fields, &format!("{what}: {name} #{i}")))
                }
            }
        }
        let last = events.last().unwrap();
        assert_eq!(last["event"], "verdict", "{what}: verdict last");
        assert_eq!(
            last["exit"], code,
            "{what}: the verdict's exit code is the exit code"
        );
        if code != 2 {
            assert_eq!(events[0]["event"], "start", "{what}: start first");
        }
    }
    // Progress events come once a second: check the shape of one here.
    let stats = ravel::explore::Stats {
        distinct: 5,
        ..Default::default()
    };
    problems.extend(validate(
        &ravel::report::json::progress(&stats),
        &schema["progress"],
        "progress",
    ));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for event in [
        "start",
        "phase",
        "violation",
        "coverage",
        "stats",
        "verdict",
        "error",
    ] {
        assert!(
            seen.contains_key(event),
            "no run produced a `{event}` event: {seen:?}"
        );
    }
}

#[test]
fn a_bad_spec_gives_error_events_and_exit_2() {
    let (code, events) = json_run(&["tests/bad/ambiguous_atom.rvl"]);
    assert_eq!(code, 2);
    assert_eq!(events[0]["event"], "error");
    assert_eq!(events[0]["message"], "ambiguous atom `committed`");
    assert_eq!(events[0]["span"]["file"], "tests/bad/ambiguous_atom.rvl");
    assert!(events[0]["span"]["line"].as_u64().unwrap() > 1);
    assert_eq!(events.last().unwrap()["verdict"], "bad input");
    let (code, events) = json_run(&["tests/no_such_file.rvl"]);
    assert_eq!(code, 2);
    assert_eq!(events.len(), 2);
    assert!(
        events[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("cannot read tests/no_such_file.rvl")
    );
}

#[test]
fn a_lasso_has_its_loop_point_and_steps_name_their_process() {
    let (code, events) = json_run(&["tests/cli/bounce.rvl"]);
    assert_eq!(code, 1);
    let violation = events.iter().find(|e| e["event"] == "violation").unwrap();
    assert_eq!(violation["kind"], "liveness");
    assert_eq!(violation["property"], "Three");
    let trace = &violation["trace"];
    let steps = trace["steps"].as_array().unwrap();
    let xs: Vec<&Json> = steps.iter().map(|s| &s["state"]["x"]["#bigint"]).collect();
    assert_eq!(xs, ["0", "1", "2", "1"]);
    assert_eq!(trace["loop"], 2);
    assert_eq!(steps[3]["action"]["name"], "Back");
    assert_eq!(steps[3]["changed"], serde_json::json!(["x"]));

    let (_, events) = json_run(&["specs/flp/wait_for_all.rvl", "--no-deadlock"]);
    let violation = events.iter().find(|e| e["event"] == "violation").unwrap();
    let trace = &violation["trace"];
    assert_eq!(trace["loop"], Json::Null);
    assert_eq!(trace["stutters"], true);
    let second = &trace["steps"][1];
    assert_eq!(second["action"]["process"]["kind"], "Process");
    assert!(second["changed"].as_array().is_some_and(|c| !c.is_empty()));
}

/// The model and outcome of a bundled spec, checked with `threads`.
fn checked(file: &str, threads: usize, extra: &[&str]) -> ravel::Checked {
    let text = std::fs::read_to_string(format!("{ROOT}/{file}")).expect("spec is readable");
    let mut args = ravel::CheckArgs::new(Source::new(file, text));
    args.options = Options {
        threads,
        deadlock: !extra.contains(&"--no-deadlock"),
        ..Options::default()
    };
    args.symmetry = !extra.contains(&"--no-symmetry");
    ravel::run(&args, &mut ()).expect("the spec checks")
}

#[test]
fn trace_out_writes_itf_that_reads_back_as_the_trace() {
    let dir = std::env::temp_dir().join(format!("ravel-trace-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (file, extra) in [
        ("specs/paxos/no_value_rule.rvl", &[][..]),
        ("specs/flp/wait_for_all.rvl", &["--no-deadlock"][..]),
        ("tests/cli/bounce.rvl", &[][..]),
    ] {
        let out = dir.join("trace.itf.json");
        let _ = std::fs::remove_file(&out);
        let status = Command::new(env!("CARGO_BIN_EXE_ravel"))
            .current_dir(ROOT)
            .args(["check", file, "--trace-out"])
            .arg(&out)
            .args(extra)
            .output()
            .expect("the ravel binary runs");
        assert_eq!(status.status.code(), Some(1), "{file}");
        let text = std::fs::read_to_string(&out).expect("the trace is written");
        let checked = checked(file, 1, extra);
        let states = ravel::report::itf::read(&checked.model, &text).expect("the ITF reads back");
        let (trace, back) = match &checked.outcome.verdict {
            Verdict::InvariantViolated(_, trace) => (trace, None),
            Verdict::LivenessViolated(_, lasso) => match lasso.end {
                ravel::explore::LassoEnd::BackTo(k) => (&lasso.trace, Some(k - 1)),
                ravel::explore::LassoEnd::Stutters => {
                    (&lasso.trace, Some(lasso.trace.steps.len() - 1))
                }
            },
            other => panic!("{file}: {other:?}"),
        };
        assert_eq!(states.len(), trace.steps.len(), "{file}");
        for (i, ((action, state), step)) in states.iter().zip(&trace.steps).enumerate() {
            assert_eq!(state, &step.state, "{file}: state {i}");
            assert_eq!(
                action.is_some(),
                step.action.is_some(),
                "{file}: action {i}"
            );
        }
        let json: Json = serde_json::from_str(&text).unwrap();
        assert_eq!(
            json["loop"].as_u64().map(|l| l as usize),
            back,
            "{file}: loop"
        );
    }
    // No counterexample, no file.
    let out = dir.join("none.itf.json");
    let status = Command::new(env!("CARGO_BIN_EXE_ravel"))
        .current_dir(ROOT)
        .args([
            "check",
            "specs/two_phase_commit/two_phase_commit.rvl",
            "--trace-out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(0));
    assert!(!out.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn coverage_adds_up_and_is_the_same_for_any_thread_count() {
    for (file, extra) in [
        ("specs/two_phase_commit/two_phase_commit.rvl", &[][..]),
        ("specs/paxos/no_value_rule.rvl", &[][..]),
        ("specs/flp/wait_for_all.rvl", &["--no-deadlock"][..]),
        ("specs/three_phase_commit/partition.rvl", &[][..]),
        ("specs/distributed_locks/redlock.rvl", &[][..]),
        ("specs/paxos/paxos.rvl", &[][..]),
    ] {
        let one = checked(file, 1, extra);
        let two = checked(file, 2, extra);
        assert_eq!(one.outcome.coverage, two.outcome.coverage, "{file}");
        let c = &one.outcome.coverage;
        let new: u64 = c.actions.iter().map(|a| a.new).sum();
        assert_eq!(
            c.initial + new,
            one.outcome.stats.distinct,
            "{file}: new states"
        );
        let successors: u64 = c.actions.iter().map(|a| a.successors).sum();
        let mut initial = 0;
        one.model.initial_states(&mut |_| initial += 1).unwrap();
        assert_eq!(
            initial + successors,
            one.outcome.stats.transitions,
            "{file}: successors"
        );
        assert!(
            c.actions
                .iter()
                .all(|a| a.enabled <= a.successors && a.new <= a.successors)
        );
    }
    // 2PC with three RMs, as TLC's coverage gives it.
    let two_pc = checked(
        "specs/two_phase_commit/two_phase_commit.rvl",
        2,
        &["--no-symmetry"],
    );
    let table = ravel::report::coverage::table(&two_pc.outcome, &two_pc.model);
    let row = |name: &str| {
        let r = table.actions.iter().find(|r| r.name == name).unwrap();
        (r.count.enabled, r.count.successors, r.count.new)
    };
    assert_eq!(row("TMCommit"), (1, 1, 1));
    assert_eq!(row("RMRcvAbortMsg"), (216, 648, 152));
}

#[test]
fn vacuous_models_are_warned_about_in_text_and_json() {
    let output = Command::new(env!("CARGO_BIN_EXE_ravel"))
        .current_dir(ROOT)
        .args(["check", "tests/cli/vacuous.rvl"])
        .env("RAVEL_NO_TIME", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.ends_with(
            "warning: action Expire never fires: it is enabled in none of the 4 reachable states\n\
             warning: invariant ExpiredMeansFree holds vacuously: `now > lease_end and holder == h` \
             is true in none of the 4 reachable states, so what it implies is never checked\n\
             warning: reachable Started is true in an initial state: it holds before any step, so it shows nothing\n"
        ),
        "{stdout}"
    );
    let (_, events) = json_run(&["tests/cli/vacuous.rvl"]);
    let coverage = events.iter().find(|e| e["event"] == "coverage").unwrap();
    let kinds: Vec<&str> = coverage["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "action never fires",
            "vacuous implication",
            "reachable in the initial state"
        ]
    );
    // A search stopped early does not know which actions never fire.
    let (_, events) = json_run(&["tests/cli/vacuous.rvl", "--max-states", "2"]);
    let coverage = events.iter().find(|e| e["event"] == "coverage").unwrap();
    assert_eq!(coverage["warnings"].as_array().unwrap().len(), 1);
}

#[test]
fn continue_reports_the_shortest_violation_of_every_property() {
    let lengths = |threads: usize, keep_going: bool| {
        let file = "tests/cli/continue.rvl";
        let text = std::fs::read_to_string(format!("{ROOT}/{file}")).unwrap();
        let mut args = ravel::CheckArgs::new(Source::new(file, text));
        args.options.threads = threads;
        args.options.keep_going = keep_going;
        let checked = ravel::run(&args, &mut ()).unwrap();
        let spec = &checked.model.spec;
        std::iter::once(&checked.outcome.verdict)
            .chain(&checked.outcome.also)
            .map(|v| match v {
                Verdict::InvariantViolated(id, trace) => {
                    (spec.properties[id.index()].name.clone(), trace.steps.len())
                }
                Verdict::Deadlock(trace) => ("deadlock".to_string(), trace.steps.len()),
                other => panic!("{other:?}"),
            })
            .collect::<Vec<_>>()
    };
    let expected = [
        ("SmallY", 2),
        ("SmallX", 4),
        ("SmallSum", 7),
        ("deadlock", 7),
    ]
    .map(|(n, l)| (n.to_string(), l));
    assert_eq!(lengths(1, true), expected);
    assert_eq!(lengths(2, true), expected);
    // Without --continue: the first one only.
    assert_eq!(lengths(2, false), expected[..1]);
    let (code, events) = json_run(&["tests/cli/continue.rvl", "--continue"]);
    assert_eq!(code, 1);
    let properties: Vec<&Json> = events
        .iter()
        .filter(|e| e["event"] == "violation")
        .map(|e| &e["property"])
        .collect();
    assert_eq!(
        properties,
        [
            &serde_json::json!("SmallY"),
            &serde_json::json!("SmallX"),
            &serde_json::json!("SmallSum"),
            &Json::Null
        ]
    );
}

#[test]
fn continue_finds_the_same_first_violation_and_checks_liveness_after() {
    // The bundled Paxos without the value rule: the first violation is the
    // same with and without --continue, and the search goes on to the end.
    let file = "specs/paxos/no_value_rule.rvl";
    let plain = checked(file, 2, &[]);
    let text = std::fs::read_to_string(format!("{ROOT}/{file}")).unwrap();
    let mut args = ravel::CheckArgs::new(Source::new(file, text));
    args.options.threads = 2;
    args.options.keep_going = true;
    let all = ravel::run(&args, &mut ()).unwrap();
    assert_eq!(all.outcome.verdict, plain.outcome.verdict);
    assert!(all.outcome.coverage.exhausted);
    assert!(all.outcome.stats.distinct > plain.outcome.stats.distinct);
    // An invariant violation and a liveness property: both are reported.
    let src = "var x: 0..3 = 0
        fair action Up { require x < 2
            x = x + 1 }
        fair action Back { require x == 2
            x = 1 }
        invariant NotTwo: x != 2
        property Three: eventually x == 3";
    let mut args = ravel::CheckArgs::new(Source::new("bounce.rvl", src));
    args.options.keep_going = true;
    let checked = ravel::run(&args, &mut ()).unwrap();
    assert!(matches!(
        checked.outcome.verdict,
        Verdict::InvariantViolated(..)
    ));
    assert!(
        matches!(
            checked.outcome.also.as_slice(),
            [Verdict::LivenessViolated(..)]
        ),
        "{:?}",
        checked.outcome.also
    );
}
