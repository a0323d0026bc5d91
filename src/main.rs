//! The `ravel` command: parse the arguments, run the library, print, exit.

use std::io::IsTerminal;
use std::process::{ExitCode, Termination};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Parser, Subcommand};

mod cli;

use ravel::check::ConstOverride;
use ravel::report::{Progress, Style};
use ravel::source::Source;
use ravel::{CheckArgs, explore};

const ABOUT: &str = "Ravel checks a protocol spec by exploring every state it can reach.";

const LONG_ABOUT: &str = "\
Ravel is a model checker for distributed protocols. You describe a protocol
in a small spec language (state variables, atomic actions, properties);
`ravel check` explores every reachable state breadth-first and either
confirms that every property holds or stops at the first violation with the
shortest trace that leads to it. Liveness properties (`eventually P`,
`P leads_to Q`, ...) are checked after the safety search, under the
fairness of `fair` actions; a violation is shown as a lasso (a path into a
loop that repeats forever, or a state where the system stops for good).

Example:
  ravel check specs/two_phase_commit/two_phase_commit.rvl
  ravel check specs/two_phase_commit/two_phase_commit.rvl --const 'RM={r1,r2,r3,r4,r5}'

Exit codes:
  0  every property holds on the whole reachable state space
  1  a property is violated, a deadlock or a runtime error was found (with a
     trace), a `reachable` property is never reached, or the spec has no
     initial state (so nothing could be checked)
  2  bad input: unreadable file, syntax or type errors, bad arguments
  3  incomplete: the search stopped early (--max-states, or the --memory
     budget) before finding any violation, so nothing is proven
  130  interrupted (Ctrl-C): the statistics so far are printed first; a
     second Ctrl-C stops at once

Progress (distinct states, states/s, queue, depth, memory) is shown on
stderr about once a second when stderr is a terminal, or with --progress
(into a log: one plain line each time).

Output for programs: --format json writes JSON Lines on stdout, one event
per line, `verdict` last (docs/json.md has the schema); --trace-out FILE
writes the counterexample in the Informal Trace Format (ITF). --coverage
adds a table of how often each action fired; warnings about actions that
never fire and vacuous properties are always shown. --continue reports the
first violation of every property instead of stopping at the first.

Checkpoints: with --checkpoint DIR the safety search writes its state to
DIR/checkpoint.ravel every --checkpoint-every seconds (default 300) and on
Ctrl-C; after a crash, a kill or an interrupt, --resume DIR continues it
and gives the same counts, verdict and trace as a run never stopped. The
spec, its constants, --fingerprint and --no-deadlock must be those of the
run that wrote it (a checkpoint of another is refused); the liveness phase
is not checkpointed and starts over.

Set RAVEL_NO_TIME=1 to leave the elapsed time out of the report (for
comparing outputs), NO_COLOR=1 to turn colours off.";

#[derive(Parser)]
#[command(name = "ravel", version, about = ABOUT, long_about = LONG_ABOUT)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Explore a spec's state space and check its properties.
    Check(Check),
    /// Format spec files in place, in the one canonical layout.
    Fmt(Fmt),
    /// Run the language server (for editors) on standard input and output.
    Lsp,
    /// Check a spec by random walks from its initial states (for models too
    /// big to explore); a violation's trace is shrunk.
    Simulate(cli::simulate::Simulate),
    /// Walk through a spec's states by hand in a web page on 127.0.0.1.
    Explore(Explore),
    /// Print a shell completion script: `ravel completions bash >
    /// ~/.local/share/bash-completion/completions/ravel`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(clap::Args)]
struct Explore {
    /// The spec file.
    file: std::path::PathBuf,
    /// The port to serve on (default: any free port; the URL is printed).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Override a constant, as for `check`. May be repeated.
    #[arg(long = "const", value_name = "NAME=VALUE", value_parser = parse_const)]
    consts: Vec<ConstOverride>,
}

#[derive(clap::Args)]
struct Fmt {
    /// Change nothing: list the files that are not formatted (exit code 1
    /// if there are any).
    #[arg(long)]
    check: bool,
    /// The spec files; `-` reads standard input and writes standard output.
    #[arg(required = true)]
    files: Vec<std::path::PathBuf>,
}

#[derive(clap::Args)]
struct Check {
    /// The spec file (e.g. specs/two_phase_commit/two_phase_commit.rvl).
    file: std::path::PathBuf,
    /// Override a constant: `RM={r1,r2,r3,r4}`, `RM=4` (four model values),
    /// `N=5`. May be repeated.
    #[arg(long = "const", value_name = "NAME=VALUE", value_parser = parse_const)]
    consts: Vec<ConstOverride>,
    /// Do not report states without successors as deadlocks.
    #[arg(long)]
    no_deadlock: bool,
    /// Stop after storing this many distinct states, at least 1 (the
    /// verdict is then "incomplete" unless a violation was found first).
    #[arg(long, value_name = "N", value_parser = parse_max_states)]
    max_states: Option<u64>,
    /// Worker threads (default: the number of cores; at most 256, and
    /// more than four times the cores is clamped to that, with a note). The
    /// states, counts and trace are the same for any number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=explore::MAX_THREADS as i64))]
    threads: Option<u32>,
    /// Store 64-bit fingerprints instead of whole states (for models too
    /// big to hold exactly); the report estimates the probability that a
    /// fingerprint collision hid a state.
    #[arg(long)]
    fingerprint: bool,
    /// Memory budget for the state store, e.g. `400MB`, `2GiB`, or a bare
    /// number of MiB (default: 75% of the physical memory; at least 1 MiB,
    /// at most 1 PiB). When it would be exceeded the search
    /// stops cleanly with an "incomplete" verdict.
    #[arg(long, value_name = "SIZE", value_parser = parse_memory)]
    memory: Option<u64>,
    /// Show progress on stderr even when it is not a terminal.
    #[arg(long)]
    progress: bool,
    /// After the report, print the peak memory (resident set), bytes per
    /// state and states per second.
    #[arg(long)]
    stats: bool,
    /// Write the search's state into DIR every --checkpoint-every seconds
    /// and on Ctrl-C, for --resume to continue after a crash or a kill.
    #[arg(long, value_name = "DIR", conflicts_with = "resume")]
    checkpoint: Option<std::path::PathBuf>,
    /// Continue the search saved in DIR by --checkpoint (same spec,
    /// constants, --fingerprint and --no-deadlock), checkpointing on into
    /// DIR.
    #[arg(long, value_name = "DIR")]
    resume: Option<std::path::PathBuf>,
    /// Seconds between two checkpoints (default 300; fractions allowed).
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    checkpoint_every: Option<std::time::Duration>,
    /// Draw the counterexample as a message sequence diagram: one lifeline
    /// per process, messages as arrows (text, mermaid or svg).
    #[arg(long, value_name = "FORMAT")]
    diagram: Option<DiagramFormat>,
    /// Write the diagram to this file instead of after the report.
    #[arg(long, value_name = "FILE", requires = "diagram")]
    diagram_out: Option<std::path::PathBuf>,
    /// `text` (the report) or `json`: JSON Lines on stdout, one event per
    /// line (see docs/json.md).
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    format: OutputFormat,
    /// Write the counterexample (trace or lasso) to FILE in the Informal
    /// Trace Format (ITF) of Apalache and Quint.
    #[arg(long, value_name = "FILE")]
    trace_out: Option<std::path::PathBuf>,
    /// After the report, print how often each action was enabled, its
    /// successors, the new states it found and its share of the states.
    #[arg(long)]
    coverage: bool,
    /// After a violation keep exploring, and report the first (shortest)
    /// violation of every property, not just the first one found.
    #[arg(long = "continue")]
    keep_going: bool,
    /// Explore every state, not one per class of states that differ only
    /// by a renaming of the values of `symmetric` sets.
    #[arg(long)]
    no_symmetry: bool,
    /// Tell states apart by all their variables, not by the spec's `view`.
    #[arg(long)]
    no_view: bool,
    /// Explore every interleaving of independent steps, not one order of
    /// them (turns off the spec's `reduce interleavings`).
    #[arg(long)]
    no_por: bool,
    /// Write the whole state graph (at most 2,000 states) to FILE in
    /// Graphviz DOT, the counterexample in red.
    #[arg(long, value_name = "FILE")]
    dot: Option<std::path::PathBuf>,
    /// Write a self-contained HTML report to FILE: the verdict, the
    /// sequence diagram, the trace with every state, the coverage.
    #[arg(long, value_name = "FILE")]
    html: Option<std::path::PathBuf>,
}

/// `--format text|json`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum OutputFormat {
    Text,
    Json,
}

/// `--diagram text|mermaid|svg`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum DiagramFormat {
    Text,
    Mermaid,
    Svg,
}

impl From<DiagramFormat> for ravel::report::diagram::Format {
    fn from(f: DiagramFormat) -> Self {
        match f {
            DiagramFormat::Text => Self::Text,
            DiagramFormat::Mermaid => Self::Mermaid,
            DiagramFormat::Svg => Self::Svg,
        }
    }
}

/// `--max-states N`, N >= 1: a search that may store no state would check
/// nothing, not even the initial states.
fn parse_max_states(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(0) => Err("must be at least 1: a search that stores no state checks nothing".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("expected a number of states, found `{text}`")),
    }
}

/// `--checkpoint-every SECONDS`: a positive number of seconds.
fn parse_seconds(text: &str) -> Result<std::time::Duration, String> {
    match text.trim().parse::<f64>() {
        Ok(s) if s > 0.0 && s.is_finite() && s < 1e9 => Ok(std::time::Duration::from_secs_f64(s)),
        _ => Err(format!(
            "expected a positive number of seconds, found `{text}`"
        )),
    }
}

fn parse_memory(text: &str) -> Result<u64, String> {
    explore::memory::parse_size(text)
}

/// `NAME=VALUE`, split at the first `=`.
fn parse_const(text: &str) -> Result<ConstOverride, String> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| format!("expected NAME=VALUE, found `{text}`"))?;
    let name = name.trim();
    if name.is_empty() || value.trim().is_empty() {
        return Err(format!("expected NAME=VALUE, found `{text}`"));
    }
    Ok(ConstOverride {
        name: name.to_string(),
        value: value.trim().to_string(),
    })
}

/// Colour on a terminal, unless `NO_COLOR` is set (https://no-color.org).
fn colour(terminal: bool) -> bool {
    terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// How `ravel` ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Exit {
    /// Every property holds.
    Holds = 0,
    /// A violation, deadlock, runtime error or unreached `reachable`.
    Violated = 1,
    /// The input could not be checked.
    BadInput = 2,
    /// The search stopped early without a finding: nothing is proven.
    Incomplete = 3,
    /// Interrupted by Ctrl-C.
    Interrupted = 130,
}

/// Set by the first Ctrl-C; the search stops at the end of its block.
static INTERRUPTED: std::sync::OnceLock<Arc<AtomicBool>> = std::sync::OnceLock::new();

extern "C" fn on_interrupt(_signal: libc::c_int) {
    if let Some(flag) = INTERRUPTED.get()
        && flag.swap(true, Ordering::SeqCst)
    {
        // A second Ctrl-C: stop now.
        // SAFETY: `_exit` is async-signal-safe.
        unsafe { libc::_exit(Exit::Interrupted as libc::c_int) };
    }
}

/// A flag that Ctrl-C (SIGINT) sets.
fn interrupt_flag() -> Arc<AtomicBool> {
    let flag = INTERRUPTED
        .get_or_init(|| Arc::new(AtomicBool::new(false)))
        .clone();
    let handler = on_interrupt as extern "C" fn(libc::c_int);
    // SAFETY: the handler only touches an atomic (initialised above) and
    // calls `_exit`, both async-signal-safe.
    unsafe { libc::signal(libc::SIGINT, handler as libc::sighandler_t) };
    flag
}

impl Termination for Exit {
    fn report(self) -> ExitCode {
        ExitCode::from(self as u8)
    }
}

/// Tune glibc's allocator for a search that frees and re-allocates large
/// per-level buffers all the time. By default its trim threshold grows with
/// every large buffer freed, so freed memory stays resident (TwoPhase with
/// 9 RMs peaked at 389 MB, 305 MB with a fixed 16 MiB threshold); and the
/// heap grows and shrinks in small steps, each a system call and fresh page
/// faults, which with two threads cost a quarter of TwoPhase 8's run (sys
/// time 0.27 s of 1.1 s). Growing the heap 64 MiB at a time halves the page
/// faults: TwoPhase 8 with 2 threads 1.10 s → 0.83 s, TwoPhase 9 peak 375 MB.
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; it is called first
    // thing in main, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, 16 << 20);
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
    }
}

/// A command that prints its results ends quietly when the reader of its
/// output goes away (`ravel check x.rvl | head -3`), as Unix filters do,
/// instead of panicking on the failed write. Not for `explore` and `lsp`,
/// whose writes to a client that left are not fatal.
fn die_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: resets one signal's disposition to the default before any
    // other thread exists; no handler runs Rust code.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> Exit {
    tune_allocator();
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Explore(_) | Command::Lsp) {
        die_on_closed_pipe();
    }
    // Deeply nested specs recurse deeply in every stage: give them room.
    ravel::stack::with_big_stack(move || match cli.command {
        Command::Check(check) => run_check(check),
        Command::Simulate(sim) => cli::simulate::run(sim),
        Command::Fmt(fmt) => run_fmt(&fmt),
        Command::Explore(explore) => run_explore(explore),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "ravel", &mut std::io::stdout());
            Exit::Holds
        }
        Command::Lsp => match ravel::tools::lsp::serve() {
            Ok(()) => Exit::Holds,
            Err(error) => {
                eprintln!("error: the language server stopped: {error}");
                Exit::BadInput
            }
        },
    })
}

fn run_explore(explore: Explore) -> Exit {
    let name = explore.file.display().to_string();
    let text = match std::fs::read_to_string(&explore.file) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: cannot read {name}: {error}");
            return Exit::BadInput;
        }
    };
    let source = Source::new(name.clone(), text);
    let session = match ravel::tools::explore::Session::new(source, explore.consts) {
        Ok(session) => session,
        Err(failure) => {
            eprint!(
                "{}",
                failure.render(colour(std::io::stderr().is_terminal()))
            );
            return Exit::BadInput;
        }
    };
    let served = ravel::tools::explore::serve(session, explore.port, |url| {
        println!("Exploring {name} at {url} (Ctrl-C to stop)");
        use std::io::Write;
        let _ = std::io::stdout().flush();
    });
    match served {
        Ok(()) => Exit::Holds,
        Err(error) => {
            eprintln!("error: {error}");
            Exit::BadInput
        }
    }
}

fn run_fmt(fmt: &Fmt) -> Exit {
    let mut exit = Exit::Holds;
    for path in &fmt.files {
        let stdio = path.as_os_str() == "-";
        let name = if stdio {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        let text = if stdio {
            std::io::read_to_string(std::io::stdin())
        } else {
            std::fs::read_to_string(path)
        };
        let text = match text {
            Ok(text) => text,
            Err(error) => {
                eprintln!("error: cannot read {name}: {error}");
                exit = Exit::BadInput;
                continue;
            }
        };
        let source = Source::new(name.clone(), text);
        let formatted = match ravel::tools::fmt::format(&source) {
            Ok(formatted) => formatted,
            Err(ravel::tools::fmt::FmtError::Syntax(error)) => {
                let failure = ravel::syntax_failure(&source, &error);
                eprint!(
                    "{}",
                    failure.render(colour(std::io::stderr().is_terminal()))
                );
                exit = Exit::BadInput;
                continue;
            }
            Err(ravel::tools::fmt::FmtError::Changed) => {
                eprintln!(
                    "error: {name}: formatting would change what the spec means; left as it is (a bug in `ravel fmt`)"
                );
                exit = Exit::BadInput;
                continue;
            }
        };
        if fmt.check {
            if formatted != source.text {
                println!("{name}");
                if exit == Exit::Holds {
                    exit = Exit::Violated;
                }
            }
        } else if stdio {
            print!("{formatted}");
        } else if formatted != source.text
            && let Err(error) = std::fs::write(path, &formatted)
        {
            eprintln!("error: cannot write {name}: {error}");
            exit = Exit::BadInput;
        }
    }
    exit
}

fn run_check(check: Check) -> Exit {
    let json = check.format == OutputFormat::Json;
    let name = check.file.display().to_string();
    let text = match std::fs::read_to_string(&check.file) {
        Ok(text) => text,
        Err(error) => {
            return bad_input(json, &format!("cannot read {name}: {error}"));
        }
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = match check.threads {
        None => cores.min(explore::MAX_THREADS),
        Some(n) => {
            let threads = explore::clamp_threads(n as usize, cores);
            if threads < n as usize {
                eprintln!(
                    "note: --threads {n} is more than four times the {cores} cores; using {threads}"
                );
            }
            threads
        }
    };
    let interrupt = interrupt_flag();
    let mode = if check.fingerprint {
        explore::Mode::Fingerprint
    } else {
        explore::Mode::Exact
    };
    let checkpoint = checkpointing(&check);
    let args = CheckArgs {
        source: Source::new(name, text),
        consts: check.consts.clone(),
        options: explore::Options {
            deadlock: !check.no_deadlock,
            max_states: check.max_states,
            threads,
            mode,
            memory: check.memory.or_else(explore::memory::default_budget),
            interrupt: Some(interrupt.clone()),
            checkpoint: None,
            keep_going: check.keep_going,
        },
        style: Style {
            timing: std::env::var_os("RAVEL_NO_TIME").is_none_or(|v| v.is_empty() || v == "0"),
            colour: colour(std::io::stdout().is_terminal()),
        },
        checkpoint,
        symmetry: !check.no_symmetry,
        view: !check.no_view,
        por: !check.no_por,
    };
    if check.checkpoint_every.is_some() && args.checkpoint.is_none() {
        return bad_input(
            json,
            "--checkpoint-every needs --checkpoint DIR or --resume DIR",
        );
    }
    if json {
        return run_check_json(&check, &args);
    }
    let stderr_tty = std::io::stderr().is_terminal();
    let mut progress = if stderr_tty {
        Progress::new(std::io::stderr())
    } else {
        Progress::lines(std::io::stderr())
    };
    let result = if stderr_tty || check.progress {
        ravel::run(&args, &mut progress)
    } else {
        ravel::run(&args, &mut ())
    };
    progress.finish();
    match result {
        Ok(checked) => {
            print!("{}", checked.report);
            if let Err(exit) = write_trace(&check, &checked, &args.source.name) {
                return exit;
            }
            if check.coverage {
                print!(
                    "\n{}",
                    ravel::report::coverage::render(&checked.outcome, &checked.model)
                );
            }
            if let Some(format) = check.diagram
                && let Some(picture) =
                    ravel::report::diagram_of(&checked.outcome, &checked.model, format.into())
            {
                match &check.diagram_out {
                    Some(path) => {
                        if let Err(error) = std::fs::write(path, picture) {
                            eprintln!("error: cannot write {}: {error}", path.display());
                            return Exit::BadInput;
                        }
                    }
                    None => print!("\n{picture}"),
                }
            }
            if let Some(path) = &check.dot
                && let Err(message) = write_dot(path, &checked)
            {
                eprintln!("error: --dot: {message}");
                return Exit::BadInput;
            }
            if let Some(path) = &check.html {
                let page =
                    ravel::report::html::render(&checked.outcome, &checked.model, &args.source);
                if let Err(error) = std::fs::write(path, page) {
                    eprintln!("error: cannot write {}: {error}", path.display());
                    return Exit::BadInput;
                }
            }
            if check.stats {
                print!("{}", stats_lines(&checked.outcome));
                print!("{}", ravel::report::fast_path(&checked.model));
            }
            exit_of(&checked.outcome.verdict)
        }
        Err(failure) => {
            eprint!("{}", failure.render(colour(stderr_tty)));
            Exit::BadInput
        }
    }
}

/// `--dot FILE`: the state graph, if it is small enough to draw.
fn write_dot(path: &std::path::Path, checked: &ravel::Checked) -> Result<(), String> {
    let text = ravel::dot(checked, DOT_LIMIT)?;
    std::fs::write(path, text).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// The most states `--dot` draws.
const DOT_LIMIT: usize = 2000;

/// How a verdict ends the command.
fn exit_of(verdict: &explore::Verdict) -> Exit {
    match verdict {
        explore::Verdict::Incomplete(why) if why.interrupted() => Exit::Interrupted,
        explore::Verdict::Incomplete(_) => Exit::Incomplete,
        verdict if verdict.is_failure() => Exit::Violated,
        _ => Exit::Holds,
    }
}

/// Input that cannot be checked: a message on stderr, or in JSON mode an
/// `error` event and the verdict.
fn bad_input(json: bool, message: &str) -> Exit {
    if json {
        println!("{}", ravel::report::json::error(message));
        println!(
            "{}",
            ravel::report::json::verdict("bad input", Exit::BadInput as u8)
        );
    } else {
        eprintln!("error: {message}");
    }
    Exit::BadInput
}

/// `--trace-out FILE`: the counterexample as ITF, if there is one.
fn write_trace(check: &Check, checked: &ravel::Checked, source: &str) -> Result<(), Exit> {
    let Some(path) = &check.trace_out else {
        return Ok(());
    };
    let Some(itf) = ravel::report::itf::counterexample(&checked.model, source, &checked.outcome)
    else {
        return Ok(());
    };
    std::fs::write(path, itf).map_err(|error| {
        bad_input(
            check.format == OutputFormat::Json,
            &format!("cannot write {}: {error}", path.display()),
        )
    })
}

/// `--format json`: JSON Lines on stdout, `verdict` last (docs/json.md).
fn run_check_json(check: &Check, args: &CheckArgs) -> Exit {
    use ravel::report::json;
    let mut emit = |event: serde_json::Value| println!("{event}");
    let refuse = |failure: &ravel::diagnostic::Failure| {
        for event in json::errors(failure, &args.source) {
            println!("{event}");
        }
        println!("{}", json::verdict("bad input", Exit::BadInput as u8));
        Exit::BadInput
    };
    let model = match ravel::compile_spec(&args.source, &args.consts) {
        Ok(model) => model,
        Err(failure) => return refuse(&failure),
    };
    let mut extra = serde_json::Map::new();
    extra.insert("coverage".into(), check.coverage.into());
    extra.insert("continue".into(), check.keep_going.into());
    extra.insert("symmetry".into(), args.symmetry.into());
    extra.insert(
        "por".into(),
        (args.por && model.spec.interleavings.is_some()).into(),
    );
    extra.insert(
        "view".into(),
        (args.view && model.spec.view.is_some()).into(),
    );
    emit(json::start(
        &model,
        &args.source.name,
        &args.options,
        &extra,
    ));
    let mut lines = json::JsonLines::new(std::io::stdout());
    let checked = match ravel::check_model(model, args, &mut lines) {
        Ok(checked) => checked,
        Err(failure) => return refuse(&failure),
    };
    let (outcome, model) = (&checked.outcome, &checked.model);
    json::violations(outcome, model, &args.source)
        .into_iter()
        .for_each(&mut emit);
    emit(json::coverage(outcome, model, &args.source));
    emit(json::stats(outcome, args.style.timing));
    if let Err(exit) = write_trace(check, &checked, &args.source.name) {
        return exit;
    }
    let exit = exit_of(&outcome.verdict);
    emit(json::verdict(
        json::verdict_name(&outcome.verdict),
        exit as u8,
    ));
    exit
}

/// `--checkpoint DIR` (a new search) or `--resume DIR` (continue it).
fn checkpointing(check: &Check) -> Option<ravel::Checkpointing> {
    let every = check
        .checkpoint_every
        .unwrap_or(explore::checkpoint::DEFAULT_EVERY);
    let (dir, resume) = match (&check.checkpoint, &check.resume) {
        (Some(dir), _) => (dir.clone(), false),
        (None, Some(dir)) => (dir.clone(), true),
        (None, None) => return None,
    };
    Some(ravel::Checkpointing { dir, every, resume })
}

/// `--stats`: peak memory, bytes per state, speed.
fn stats_lines(outcome: &explore::Outcome) -> String {
    let stats = &outcome.stats;
    let seconds = stats.elapsed.as_secs_f64().max(1e-9);
    let per_state = |bytes: u64| bytes as f64 / stats.distinct.max(1) as f64;
    let peak = explore::memory::peak_rss().map_or_else(
        || "peak memory unknown".to_string(),
        |peak| {
            format!(
                "peak memory {} ({:.1} bytes/state)",
                explore::memory::show_bytes(peak),
                per_state(peak)
            )
        },
    );
    let mut out = format!(
        "stats: {peak}, store {} ({:.1} bytes/state), {} states/s, {} transitions/s, {:.3} s\n",
        explore::memory::show_bytes(stats.memory),
        per_state(stats.memory),
        explore::group_digits((stats.distinct as f64 / seconds) as u64),
        explore::group_digits((stats.transitions as f64 / seconds) as u64),
        seconds,
    );
    out.push_str(&ravel::report::reduction_stats(outcome));
    out
}
