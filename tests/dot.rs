//! `ravel check --dot FILE` and `--html FILE`: the state graph in Graphviz
//! DOT, the counterexample in red, a graph too big to draw a clear error;
//! and the HTML report, a page that needs nothing else (tests/browser/
//! opens it in Chromium).

use std::process::Command;

fn ravel(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ravel"))
        .args(args)
        .env("RAVEL_NO_TIME", "1")
        .output()
        .expect("ravel runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const SPEC: &str = "var x: 0..2 = 0
var y: bool = false
action Inc {
    require x < 2
    x = x + 1
}
action Flip { y = not y }
constraint Low: x < 2 or not y
invariant Small: x < 2 or y
";

const DOT: &str = r##"digraph "SPEC" {
  node [shape=box, fontname="monospace", fontsize=10];
  edge [fontname="monospace", fontsize=9];
  s0 [label="x = 0\ly = false\l", peripheries=2, color="#c00000", penwidth=2];
  s1 [label="x = 1\ly = false\l", color="#c00000", penwidth=2];
  s2 [label="x = 0\ly = true\l"];
  s3 [label="x = 2\ly = false\l", fillcolor="#ffb3b3", color="#c00000", style="filled"];
  s4 [label="x = 1\ly = true\l"];
  s5 [label="x = 2\ly = true\l", style="dashed"];
  s0 -> s1 [label="Inc", color="#c00000", fontcolor="#c00000", penwidth=2];
  s0 -> s2 [label="Flip"];
  s1 -> s3 [label="Inc", color="#c00000", fontcolor="#c00000", penwidth=2];
  s1 -> s4 [label="Flip"];
  s2 -> s4 [label="Inc"];
  s2 -> s0 [label="Flip"];
  s3 -> s5 [label="Flip"];
  s4 -> s5 [label="Inc"];
  s4 -> s1 [label="Flip"];
}
"##;

#[test]
fn the_graph_marks_initial_states_the_trace_and_states_outside_a_constraint() {
    let dir = std::env::temp_dir().join(format!("ravel-dot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("spec.rvl");
    std::fs::write(&spec, SPEC).unwrap();
    let out = dir.join("graph.dot");
    let (code, err) = ravel(&[
        "check",
        spec.to_str().unwrap(),
        "--dot",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    let dot = std::fs::read_to_string(&out).unwrap();
    assert_eq!(dot, DOT.replace("SPEC", spec.to_str().unwrap()));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_graph_too_big_to_draw_is_refused_with_a_reason() {
    let out = std::env::temp_dir().join(format!("ravel-dot-big-{}.dot", std::process::id()));
    let root = env!("CARGO_MANIFEST_DIR");
    let spec = format!("{root}/specs/bench/paxos_2.rvl");
    let (code, err) = ravel(&[
        "check",
        &spec,
        "--max-states",
        "10",
        "--dot",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: --dot: the state graph has more than 2,000 states, too many to draw; \
         draw a smaller model (smaller constants)\n"
    );
    assert!(!out.exists());
}

#[test]
fn the_html_report_stands_alone_and_holds_the_trace() {
    let out = std::env::temp_dir().join(format!("ravel-html-{}.html", std::process::id()));
    let root = env!("CARGO_MANIFEST_DIR");
    let spec = format!("{root}/specs/two_phase_commit/blocking.rvl");
    let (code, err) = ravel(&["check", &spec, "--html", out.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    let page = std::fs::read_to_string(&out).unwrap();
    std::fs::remove_file(&out).ok();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<p id=\"verdict\" class=\"fails\">✗ deadlock reached</p>"));
    assert_eq!(page.matches("<li class=\"step\"").count(), 5);
    assert_eq!(page.matches("<table class=\"state\"").count(), 5);
    assert!(page.contains("<span class=\"title\">Coordinator crashes</span>"));
    assert!(page.contains("<svg"));
    assert!(page.contains("<section id=\"coverage\">"));
    // Nothing to fetch: no script, style or image from elsewhere.
    for attr in ["src=", "href="] {
        assert!(!page.contains(attr), "the page refers to a file ({attr})");
    }
}
