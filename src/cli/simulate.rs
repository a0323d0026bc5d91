//! `ravel simulate FILE`: random walks, for models too big to exhaust.

use std::io::IsTerminal;

use ravel::check::ConstOverride;
use ravel::explore::simulate::SimOptions;
use ravel::report::Style;
use ravel::source::Source;
use ravel::{SimulateArgs, explore};

use crate::{DiagramFormat, Exit, colour, interrupt_flag, parse_const, parse_seconds};

/// Steps per run unless `--depth` says otherwise.
const DEFAULT_DEPTH: u32 = 100;
/// Runs unless `--runs` or `--time` says otherwise.
const DEFAULT_RUNS: u64 = 1000;

#[derive(clap::Args)]
pub struct Simulate {
    /// The spec file.
    file: std::path::PathBuf,
    /// Override a constant, as for `check`. May be repeated.
    #[arg(long = "const", value_name = "NAME=VALUE", value_parser = parse_const)]
    consts: Vec<ConstOverride>,
    /// The seed of every random choice (default: one from the clock,
    /// printed so that the run can be repeated). The same seed gives the
    /// same runs and the same trace for any number of threads.
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
    /// Steps per run, at most (default 100).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    depth: Option<u32>,
    /// Runs to make (default 1000, or as many as fit in --time).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    runs: Option<u64>,
    /// Start no new runs after this many seconds (fractions allowed).
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    time: Option<std::time::Duration>,
    /// Worker threads (default: the number of cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=explore::MAX_THREADS as i64))]
    threads: Option<u32>,
    /// Do not report states without successors as deadlocks.
    #[arg(long)]
    no_deadlock: bool,
    /// Draw the counterexample as a message sequence diagram (text,
    /// mermaid or svg).
    #[arg(long, value_name = "FORMAT")]
    diagram: Option<DiagramFormat>,
    /// Write the diagram to this file instead of after the report.
    #[arg(long, value_name = "FILE", requires = "diagram")]
    diagram_out: Option<std::path::PathBuf>,
}

/// Run `ravel simulate`.
pub fn run(sim: Simulate) -> Exit {
    let name = sim.file.display().to_string();
    let text = match std::fs::read_to_string(&sim.file) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: cannot read {name}: {error}");
            return Exit::BadInput;
        }
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = sim.threads.map_or(cores, |n| n as usize);
    let threads = explore::clamp_threads(threads, cores);
    let seed = sim.seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64 % 1_000_000_000)
    });
    let runs = match (sim.runs, sim.time) {
        (None, None) => Some(DEFAULT_RUNS),
        (runs, _) => runs,
    };
    let args = SimulateArgs {
        source: Source::new(name, text),
        consts: sim.consts,
        options: SimOptions {
            seed,
            depth: sim.depth.unwrap_or(DEFAULT_DEPTH),
            runs,
            time: sim.time,
            threads,
            deadlock: !sim.no_deadlock,
            interrupt: Some(interrupt_flag()),
        },
        style: Style {
            timing: std::env::var_os("RAVEL_NO_TIME").is_none_or(|v| v.is_empty() || v == "0"),
            colour: colour(std::io::stdout().is_terminal()),
        },
    };
    match ravel::simulate(&args) {
        Ok(simulated) => {
            print!("{}", simulated.report);
            let outcome = &simulated.outcome.outcome;
            if let Some(format) = sim.diagram
                && let Some(picture) =
                    ravel::report::diagram_of(outcome, &simulated.model, format.into())
            {
                match &sim.diagram_out {
                    Some(path) => {
                        if let Err(error) = std::fs::write(path, picture) {
                            eprintln!("error: cannot write {}: {error}", path.display());
                            return Exit::BadInput;
                        }
                    }
                    None => print!("\n{picture}"),
                }
            }
            match &outcome.verdict {
                explore::Verdict::Incomplete(_) => Exit::Interrupted,
                verdict if verdict.is_failure() => Exit::Violated,
                _ => Exit::Holds,
            }
        }
        Err(failure) => {
            eprint!(
                "{}",
                failure.render(colour(std::io::stderr().is_terminal()))
            );
            Exit::BadInput
        }
    }
}
