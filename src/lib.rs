//! Ravel: a model checker for distributed protocols.
//!
//! A spec goes through five stages, each a folder:
//! `syntax::parse` → `check::check` → `compile::compile` →
//! `explore::explore` → `report::text`. [`run`] chains them:
//!
//! ```
//! use ravel::explore::Verdict;
//! use ravel::source::Source;
//!
//! let spec = "
//!     var x: 0..3 = 0
//!     action Inc {
//!         require x < 3
//!         x = x + 1
//!     }
//!     terminal Done: x == 3
//!     invariant Small: x <= 3
//! ";
//! let args = ravel::CheckArgs::new(Source::new("counter.rvl", spec));
//! let checked = ravel::run(&args, &mut ()).expect("the spec is well-formed");
//! assert_eq!(checked.outcome.verdict, Verdict::Holds);
//! assert_eq!(checked.outcome.stats.distinct, 4);
//! assert!(checked.report.starts_with("✓ all properties hold (Small)"));
//! ```

pub mod check;
pub mod compile;
pub mod diagnostic;
pub mod explore;
mod load;
pub mod report;
pub mod source;
pub mod stack;
pub mod syntax;
pub mod tools;
pub mod value;

use check::ConstOverride;
use compile::Model;
use diagnostic::{Diagnostic, Failure};
use explore::{Observer, Outcome};
pub use load::{load_refined, parse_spec};
use source::Source;

/// What `ravel check` needs: the spec, the constant overrides, how to
/// explore and how to render.
#[derive(Clone, Debug)]
pub struct CheckArgs {
    /// The spec text and its name (the path, as given).
    pub source: Source,
    /// `--const NAME=VALUE`, in command-line order.
    pub consts: Vec<ConstOverride>,
    /// Exploration options.
    pub options: explore::Options,
    /// How to render the report.
    pub style: report::Style,
    /// `--checkpoint DIR` or `--resume DIR`.
    pub checkpoint: Option<Checkpointing>,
    /// Reduce by the symmetry of `symmetric` sets where the spec allows
    /// it (`--no-symmetry` turns it off).
    pub symmetry: bool,
    /// Tell states apart by the spec's `view`, if it declares one
    /// (`--no-view` turns it off).
    pub view: bool,
    /// Apply the spec's `reduce interleavings`, if it declares it
    /// (`--no-por` turns it off).
    pub por: bool,
}

/// Where checkpoints go and how often, and whether to continue the one
/// already there (`--resume`).
#[derive(Clone, Debug)]
pub struct Checkpointing {
    /// The directory.
    pub dir: std::path::PathBuf,
    /// The time between two checkpoints.
    pub every: std::time::Duration,
    /// Continue the search saved in `dir`.
    pub resume: bool,
}

impl CheckArgs {
    /// Check `source` with the declared constants, default exploration
    /// options and no timing in the report.
    pub fn new(source: Source) -> CheckArgs {
        CheckArgs {
            source,
            consts: Vec::new(),
            options: explore::Options::default(),
            style: report::Style {
                timing: false,
                colour: false,
            },
            checkpoint: None,
            symmetry: true,
            view: true,
            por: true,
        }
    }
}

/// Explore with checkpoints written into `c.dir`, continuing the one there
/// if asked. A directory that cannot be written, or a checkpoint that is
/// missing, damaged or of another run, is a [`Failure`].
fn explore_with_checkpoints(
    model: &Model,
    args: &CheckArgs,
    c: &Checkpointing,
    observer: &mut dyn Observer,
) -> Result<Outcome, Failure> {
    use explore::checkpoint;
    let source = &args.source;
    let fail = |details| {
        Failure::new(
            source,
            vec![Diagnostic {
                details,
                span: None,
            }],
        )
    };
    let identity = checkpoint::Identity::new(model, &source.name, &source.text, &args.options);
    let saved = if c.resume {
        Some(checkpoint::read(&c.dir, &identity).map_err(|e| fail(e.details()))?)
    } else {
        None
    };
    checkpoint::prepare(&c.dir).map_err(|error| {
        fail(diagnostic::Details {
            message: format!("cannot write checkpoints into {}: {error}", c.dir.display()),
            label: String::new(),
            help: Some("give --checkpoint a directory you can write to".into()),
        })
    })?;
    let options = explore::Options {
        checkpoint: Some(checkpoint::Checkpoint {
            dir: c.dir.clone(),
            every: c.every,
            identity,
        }),
        ..args.options.clone()
    };
    Ok(match saved {
        None => explore::explore(model, &options, observer),
        Some(saved) => explore::resume(model, &options, saved, observer),
    })
}

/// A spec that was checked: the model, what the search found and the
/// report to print.
pub struct Checked {
    /// The compiled spec.
    pub model: Model,
    /// The verdict and counts.
    pub outcome: Outcome,
    /// The report as text (verdict, trace, summary).
    pub report: String,
    /// The spec's name (its path, as given).
    pub source_name: String,
}

/// A syntax error as the user sees it, with the source it points into.
pub fn syntax_failure(source: &Source, error: &syntax::SyntaxError) -> Failure {
    let diagnostic = Diagnostic {
        details: error.kind.details(),
        span: Some(error.span),
    };
    Failure::new(source, vec![diagnostic])
}

/// Parse, check, compile and explore a spec, and render the report. A spec
/// that cannot be checked (syntax or check errors) gives a [`Failure`].
pub fn run(args: &CheckArgs, observer: &mut dyn Observer) -> Result<Checked, Failure> {
    let model = compile_spec(&args.source, &args.consts)?;
    check_model(model, args, observer)
}

/// Parse, check and compile a spec. A spec that cannot be checked (syntax
/// or check errors) gives a [`Failure`].
pub fn compile_spec(source: &Source, consts: &[ConstOverride]) -> Result<Model, Failure> {
    let ast = parse_spec(source)?;
    let spec = check::check(&ast, consts).map_err(|errors| {
        let diagnostics = errors
            .into_iter()
            .map(|error| Diagnostic {
                details: error.kind.details(),
                span: error.span,
            })
            .collect();
        Failure::new(source, diagnostics)
    })?;
    Ok(compile::compile(spec))
}

/// Explore a compiled spec and render the report ([`run`] after
/// [`compile_spec`]).
pub fn check_model(
    mut model: Model,
    args: &CheckArgs,
    observer: &mut dyn Observer,
) -> Result<Checked, Failure> {
    if !args.view {
        model.drop_view();
    }
    if args.symmetry {
        model.reduce_symmetry();
    }
    if args.por {
        model.reduce_interleavings();
    }
    let source = &args.source;
    let outcome = match &args.checkpoint {
        None => explore::explore(&model, &args.options, observer),
        Some(c) => explore_with_checkpoints(&model, args, c, observer)?,
    };
    let report = report::text(&outcome, &model, source, &args.style);
    Ok(Checked {
        model,
        outcome,
        report,
        source_name: source.name.clone(),
    })
}

/// The state graph of a checked spec in Graphviz DOT, its counterexample
/// marked; an error (as the user reads it) when it has more than `limit`
/// states or cannot be built.
pub fn dot(checked: &Checked, limit: usize) -> Result<String, String> {
    use explore::graph::{GraphError, state_graph};
    let model = &checked.model;
    let graph = state_graph(model, limit).map_err(|error| match error {
        GraphError::TooBig(n) => format!(
            "the state graph has more than {} states, too many to draw; draw a smaller model (smaller constants)",
            explore::group_digits(n as u64)
        ),
        GraphError::Property(e) => format!("cannot build the state graph: {}", e.kind.details().message),
        GraphError::Action(e) => format!(
            "cannot build the state graph: {}",
            e.error.kind.details().message
        ),
    })?;
    Ok(report::dot::render(
        &graph,
        model,
        &checked.source_name,
        &checked.outcome,
    ))
}

/// What `ravel simulate` needs: the spec, the constant overrides, how to
/// walk and how to render.
#[derive(Clone, Debug)]
pub struct SimulateArgs {
    /// The spec text and its name.
    pub source: Source,
    /// `--const NAME=VALUE`, in command-line order.
    pub consts: Vec<ConstOverride>,
    /// Simulation options.
    pub options: explore::simulate::SimOptions,
    /// How to render the report.
    pub style: report::Style,
}

/// A spec that was simulated: the model, what the runs found and the
/// report to print.
pub struct Simulated {
    /// The compiled spec.
    pub model: Model,
    /// The verdict and counts.
    pub outcome: explore::simulate::SimOutcome,
    /// The report as text.
    pub report: String,
}

/// Parse, check, compile and simulate a spec, and render the report.
pub fn simulate(args: &SimulateArgs) -> Result<Simulated, Failure> {
    let model = compile_spec(&args.source, &args.consts)?;
    let lane = |action, values: &[value::Value]| explore::simulate::lane_of(&model, action, values);
    let outcome = explore::simulate::simulate(&model, &args.options, &lane);
    let asked = report::simulation::Asked {
        seed: args.options.seed,
        depth: args.options.depth,
    };
    let report = report::simulation::simulation(&outcome, asked, &model, &args.source, &args.style);
    Ok(Simulated {
        model,
        outcome,
        report,
    })
}
