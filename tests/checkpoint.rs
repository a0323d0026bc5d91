//! Checkpoints: a run killed with SIGKILL (or stopped with Ctrl-C) in the
//! middle of its search, then continued with `--resume`, prints exactly
//! what a run never stopped prints (counts, verdict, trace); a checkpoint
//! of another spec, other constants, other options or a damaged file is
//! refused with a clear error.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A walk on a grid of 40^4 = 2,560,000 states, whose corner (39, 39, 39,
/// 38) is reached at depth 156: a long search with a long trace.
const GRID: &str = "
const N = 39
var a: 0..N = 0
var b: 0..N = 0
var c: 0..N = 0
var d: 0..N = 0
action A { require a < N
    a = a + 1 }
action B { require b < N
    b = b + 1 }
action C { require c < N
    c = c + 1 }
action D { require d < N
    d = d + 1 }
invariant NotCorner: not (a == N and b == N and c == N and d == N - 1)
";

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ravel-checkpoint-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

fn ravel(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ravel"));
    cmd.arg("check")
        .args(args)
        .env("RAVEL_NO_TIME", "1")
        .env("NO_COLOR", "1");
    cmd
}

fn run(args: &[&str]) -> Output {
    ravel(args).output().expect("ravel runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Start a run that checkpoints into `dir` every 50 ms, wait for its
/// first checkpoint, and check it is still searching.
fn start_until_checkpoint(spec: &Path, dir: &Path, extra: &[&str]) -> Child {
    let mut args = vec![
        spec.to_str().expect("path"),
        "--checkpoint",
        dir.to_str().expect("path"),
        "--checkpoint-every",
        "0.05",
    ];
    args.extend_from_slice(extra);
    let mut child = ravel(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ravel starts");
    let file = dir.join("checkpoint.ravel");
    let start = Instant::now();
    while !file.exists() {
        assert!(
            child.try_wait().expect("status").is_none(),
            "the run ended before its first checkpoint"
        );
        assert!(start.elapsed() < Duration::from_secs(60), "no checkpoint");
        std::thread::sleep(Duration::from_millis(2));
    }
    assert!(
        child.try_wait().expect("status").is_none(),
        "the run ended before it could be stopped"
    );
    child
}

#[test]
fn a_run_killed_mid_search_resumes_to_the_same_report() {
    let dir = scratch("kill");
    let spec = dir.join("grid.rvl");
    std::fs::write(&spec, GRID).expect("spec");
    let spec_arg = spec.to_str().expect("path");
    let reference = run(&[spec_arg, "--threads", "1"]);
    assert_eq!(reference.status.code(), Some(1));
    let expected = stdout(&reference);
    assert!(
        expected.contains("✗ invariant NotCorner is violated"),
        "{expected}"
    );
    assert!(expected.contains("2,559,999 distinct states"), "{expected}");
    assert!(expected.contains("  156. D\n"), "{expected}");

    let checkpoints = dir.join("saved");
    let mut child = start_until_checkpoint(&spec, &checkpoints, &["--threads", "1"]);
    child.kill().expect("SIGKILL");
    let killed = child.wait_with_output().expect("the killed run");
    assert_eq!(killed.status.code(), None, "killed by a signal");
    assert!(
        !stdout(&killed).contains("distinct states"),
        "no report: it was killed"
    );

    let dir_arg = checkpoints.to_str().expect("path");
    let resumed = run(&[spec_arg, "--resume", dir_arg, "--threads", "2"]);
    assert_eq!(resumed.status.code(), Some(1), "{}", stderr(&resumed));
    assert_eq!(stdout(&resumed), expected);
    // The checkpoint stays usable: resuming it again gives the same.
    let again = run(&[spec_arg, "--resume", dir_arg]);
    assert_eq!(stdout(&again), expected);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ctrl_c_writes_a_checkpoint_that_resumes_to_the_same_report() {
    let dir = scratch("interrupt");
    let spec = dir.join("grid.rvl");
    std::fs::write(&spec, GRID).expect("spec");
    let spec_arg = spec.to_str().expect("path");
    let fingerprint = ["--fingerprint", "--threads", "2"];
    let reference = run(&[&[spec_arg][..], &fingerprint].concat());
    let checkpoints = dir.join("saved");
    let child = start_until_checkpoint(&spec, &checkpoints, &fingerprint);
    let pid = i32::try_from(child.id()).expect("a pid");
    // SAFETY: sending a signal to our own child process.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let stopped = child.wait_with_output().expect("the interrupted run");
    assert_eq!(stopped.status.code(), Some(130), "{}", stdout(&stopped));
    let dir_arg = checkpoints.to_str().expect("path");
    let text = stdout(&stopped);
    assert!(text.contains("? incomplete: interrupted after"), "{text}");
    assert!(
        text.contains(&format!(
            "the search so far is saved in {dir_arg}: continue it with --resume {dir_arg}"
        )),
        "{text}"
    );
    let resumed = run(&[&[spec_arg, "--resume", dir_arg][..], &fingerprint].concat());
    assert_eq!(stdout(&resumed), stdout(&reference));
    assert!(stdout(&resumed).contains("fingerprints: the probability"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A checkpoint of the grid, stopped early with `--max-states`.
fn small_checkpoint(dir: &Path) -> (PathBuf, PathBuf) {
    let spec = dir.join("grid.rvl");
    std::fs::write(&spec, GRID).expect("spec");
    let checkpoints = dir.join("saved");
    let spec_arg = spec.to_str().expect("path");
    let dir_arg = checkpoints.to_str().expect("path");
    let args = [
        spec_arg,
        "--checkpoint",
        dir_arg,
        "--checkpoint-every",
        "0.000001",
    ];
    let stopped = run(&[&args[..], &["--max-states", "100000"]].concat());
    assert_eq!(stopped.status.code(), Some(3), "{}", stdout(&stopped));
    assert!(checkpoints.join("checkpoint.ravel").exists());
    (spec, checkpoints)
}

/// `--resume` with these arguments is refused with exit 2 and `message`.
fn refused(args: &[&str], message: &str) {
    let output = run(args);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    // As one line: miette wraps long messages and marks the wrap with `│`.
    let text = stderr(&output)
        .split_whitespace()
        .filter(|w| *w != "│")
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(message), "`{text}` lacks `{message}`");
}

#[test]
fn a_checkpoint_of_another_run_is_refused() {
    let dir = scratch("refused");
    let (spec, checkpoints) = small_checkpoint(&dir);
    let (spec_arg, dir_arg) = (
        spec.to_str().expect("path"),
        checkpoints.to_str().expect("path"),
    );
    // Stopping at the limit continues where it stopped: the rest of the search.
    let resumed = run(&[spec_arg, "--resume", dir_arg]);
    assert_eq!(resumed.status.code(), Some(1));
    assert!(stdout(&resumed).contains("2,559,999 distinct states"));

    let other = dir.join("other.rvl");
    std::fs::write(&other, GRID.replace("NotCorner", "Elsewhere")).expect("spec");
    refused(
        &[other.to_str().expect("path"), "--resume", dir_arg],
        "the checkpoint is of another spec (it was made from",
    );
    refused(
        &[spec_arg, "--resume", dir_arg, "--const", "N=38"],
        "made with other constants (N = 39; this run has N = 38)",
    );
    refused(
        &[spec_arg, "--resume", dir_arg, "--fingerprint"],
        "the checkpoint was made without --fingerprint",
    );
    refused(
        &[spec_arg, "--resume", dir_arg, "--no-deadlock"],
        "the checkpoint was made without --no-deadlock",
    );
    let missing = dir.join("nothing");
    refused(
        &[spec_arg, "--resume", missing.to_str().expect("path")],
        "cannot resume: there is no checkpoint at",
    );

    let file = checkpoints.join("checkpoint.ravel");
    let good = std::fs::read(&file).expect("the checkpoint");
    std::fs::write(&file, &good[..good.len() / 2]).expect("cut short");
    refused(
        &[spec_arg, "--resume", dir_arg],
        "the checkpoint is damaged or cut short",
    );
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x10;
    std::fs::write(&file, &flipped).expect("damaged");
    refused(
        &[spec_arg, "--resume", dir_arg],
        "the checkpoint is damaged or cut short",
    );
    let mut newer = good.clone();
    newer[8..12].copy_from_slice(&99u32.to_le_bytes());
    std::fs::write(&file, &newer).expect("another format");
    refused(
        &[spec_arg, "--resume", dir_arg],
        "the checkpoint has format version 99, this Ravel reads version 2",
    );
    std::fs::write(&file, "not a checkpoint").expect("garbage");
    refused(
        &[spec_arg, "--resume", dir_arg],
        "is not a Ravel checkpoint",
    );
    std::fs::write(&file, &good).expect("restored");
    assert_eq!(run(&[spec_arg, "--resume", dir_arg]).status.code(), Some(1));

    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn checkpoint_options_are_checked_before_the_search() {
    let dir = scratch("options");
    let spec = dir.join("grid.rvl");
    std::fs::write(&spec, GRID).expect("spec");
    let spec_arg = spec.to_str().expect("path");
    refused(
        &[spec_arg, "--checkpoint-every", "10"],
        "--checkpoint-every needs --checkpoint DIR or --resume DIR",
    );
    refused(
        &[spec_arg, "--checkpoint", "x", "--checkpoint-every", "0"],
        "expected a positive number of seconds, found `0`",
    );
    let file = dir.join("a-file");
    std::fs::write(&file, "").expect("a file");
    refused(
        &[spec_arg, "--checkpoint", file.to_str().expect("path")],
        "cannot write checkpoints into",
    );
    refused(
        &[spec_arg, "--checkpoint", "a", "--resume", "b"],
        "cannot be used with",
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_reduced_run_resumes_to_the_same_report_and_only_reduced() {
    // The grid with one more counter, `e`, that no property reads: under
    // partial-order reduction `E` is taken alone until `e` is done, then
    // the grid is searched as before (40^4 + 39 states, not 40^5).
    let text = format!(
        "reduce interleavings\nvar e: 0..N = 0\naction E {{ require e < N\n    e = e + 1 }}\n{GRID}"
    );
    let dir = scratch("por");
    let spec = dir.join("grid_por.rvl");
    std::fs::write(&spec, text).expect("spec");
    let spec_arg = spec.to_str().expect("path");
    let reference = run(&[spec_arg, "--threads", "1"]);
    assert_eq!(reference.status.code(), Some(1));
    let expected = stdout(&reference);
    assert!(expected.contains("2,560,038 distinct states"), "{expected}");
    assert!(expected.contains("partial-order reduction:"), "{expected}");

    let checkpoints = dir.join("saved");
    let mut child = start_until_checkpoint(&spec, &checkpoints, &["--threads", "2"]);
    child.kill().expect("SIGKILL");
    let _ = child.wait_with_output().expect("the killed run");
    let dir_arg = checkpoints.to_str().expect("path");
    let refused = run(&[spec_arg, "--resume", dir_arg, "--no-por"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("made with partial-order reduction"),
        "{}",
        stderr(&refused)
    );
    let resumed = run(&[spec_arg, "--resume", dir_arg, "--threads", "2"]);
    assert_eq!(resumed.status.code(), Some(1), "{}", stderr(&resumed));
    assert_eq!(stdout(&resumed), expected);
    let _ = std::fs::remove_dir_all(&dir);
}
