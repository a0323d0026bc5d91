//! The spec library as issue 8 lays it out, and the README's table of it:
//! every topic folder exists with a run that holds and a run that breaks,
//! and the table has a row, with the same verdict, for every `// expect`
//! line of every spec (tests/specs.rs checks those lines against Ravel;
//! `bench/library_table.sh` writes the table).

use std::collections::BTreeSet;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

const TOPICS: [&str; 19] = [
    "two_phase_commit",
    "three_phase_commit",
    "paxos",
    "multi_paxos",
    "raft",
    "leader_election",
    "quorums",
    "logical_clocks",
    "distributed_locks",
    "membership",
    "idempotency",
    "exactly_once",
    "saga",
    "tcc",
    "snapshots",
    "flp",
    "cap",
    "consistency_models",
    "failure_models",
];

/// A run: spec path, arguments, verdict words (`holds`, `violated P`, ...).
type Run = (String, String, String);

/// The runs the specs' `// expect` lines state (not `expect-slow`).
fn expected_runs() -> BTreeSet<Run> {
    let mut runs = BTreeSet::new();
    let specs = Path::new(ROOT).join("specs");
    for topic in std::fs::read_dir(&specs).expect("specs/") {
        let topic = topic.expect("entry").path();
        if !topic.is_dir() || topic.ends_with("bench") {
            continue;
        }
        for file in std::fs::read_dir(&topic).expect("topic folder") {
            let file = file.expect("entry").path();
            if file.extension().is_none_or(|e| e != "rvl") {
                continue;
            }
            let rel = file.strip_prefix(ROOT).expect("under the root");
            let rel = rel.to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&file).expect("readable");
            for line in text.lines() {
                let Some(rest) = line.strip_prefix("// expect") else {
                    continue;
                };
                let Some((args, verdict)) = rest.split_once(": ") else {
                    continue;
                };
                if !(args.is_empty() || args.starts_with(" --")) {
                    continue;
                }
                let verdict: Vec<&str> = verdict
                    .split_whitespace()
                    .take_while(|w| !w.contains('='))
                    .collect();
                runs.insert((rel.clone(), args.trim().to_string(), verdict.join(" ")));
            }
        }
    }
    runs
}

/// The runs of the README's library table.
fn table_runs() -> BTreeSet<Run> {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).expect("README");
    let start = readme
        .find("| topic | spec | verdict | what it shows | time |")
        .expect("the README has the library table");
    let mut runs = BTreeSet::new();
    for row in readme[start..].lines().skip(2) {
        let Some(row) = row.strip_prefix("| ") else {
            break;
        };
        let cells: Vec<&str> = row.split(" | ").collect();
        let spec = cells[1];
        let path = spec
            .split_once("](")
            .and_then(|(_, r)| r.split_once(')'))
            .map(|(p, _)| p.to_string())
            .expect("a link to the spec");
        let args = spec
            .rsplit_once(") `")
            .map_or("", |(_, a)| a.trim_end_matches('`'))
            .to_string();
        runs.insert((path, args, cells[2].to_string()));
    }
    runs
}

#[test]
fn every_topic_has_a_run_that_holds_and_one_that_breaks() {
    let runs = expected_runs();
    for topic in TOPICS {
        let dir = format!("specs/{topic}/");
        let mine: Vec<&Run> = runs.iter().filter(|r| r.0.starts_with(&dir)).collect();
        assert!(
            mine.iter().any(|r| r.2 == "holds"),
            "{topic}: no run that holds"
        );
        assert!(
            mine.iter().any(|r| r.2 != "holds"),
            "{topic}: no run that breaks"
        );
    }
}

#[test]
fn the_readme_table_lists_every_run_with_its_verdict() {
    let expected = expected_runs();
    let table = table_runs();
    let missing: Vec<&Run> = expected.difference(&table).collect();
    let extra: Vec<&Run> = table.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "rerun bench/library_table.sh and paste it into README.md\nmissing: {missing:#?}\nnot in any spec: {extra:#?}"
    );
}
