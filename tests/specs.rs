//! The spec library as a data-driven test.
//!
//! Every `specs/**/*.rvl` states what checking it must give, in header lines:
//!
//! ```text
//! // expect: holds distinct=288 transitions=1146 depth=11
//! // expect --const RM={r1,r2,r3,r4,r5}: holds distinct=8832 depth=17
//! // expect-slow --const MaxBallot=2: holds distinct=185369 depth=25
//! // expect: violated Agreement depth=13
//! // expect --no-deadlock: holds
//! ```
//!
//! The verdict word is `holds`, `violated NAME` (an invariant), `deadlock`,
//! `unreachable NAME`, or `error` (a runtime error); `depth` of a violation
//! is the length of its trace in states. `expect-slow` lines run only in the
//! ignored test (CI runs it in release mode). Every mismatch in every spec is
//! gathered and reported at once.

mod common;

use common::{Expectation, check_spec_file, spec_files};

fn run_all(slow: bool) {
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in spec_files() {
        let text = std::fs::read_to_string(&path).expect("spec file is readable");
        let expectations = Expectation::parse_all(&text, slow);
        if !slow && Expectation::parse_all(&text, false).is_empty() {
            failures.push(format!("{}: no `// expect:` line", path.display()));
        }
        for expectation in expectations {
            checked += 1;
            if let Err(message) = check_spec_file(&path, &text, &expectation) {
                failures.push(format!(
                    "{} [{}]: {message}",
                    path.display(),
                    expectation.line
                ));
            }
        }
    }
    assert!(checked > 0, "no expectations were checked");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn bundled_specs_give_their_expected_verdicts() {
    run_all(false);
}

#[test]
#[ignore = "large models: run in release mode (`cargo test --release -- --include-ignored`)"]
fn bundled_specs_large_configurations() {
    run_all(true);
}
