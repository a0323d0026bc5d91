//! One self-contained HTML page for an outcome (`--html FILE`): the
//! verdict and counts, the sequence diagram (inline SVG), the trace with
//! each step clickable to show the whole state at that step (the variables
//! it changed highlighted), the coverage table and warnings, and the text
//! report. No network access is needed to view it: the style and the few
//! lines of script are in the page.

use std::fmt::Write;

use crate::compile::{Model, show};
use crate::explore::{LassoEnd, Outcome, Trace, Verdict};
use crate::source::Source;

use super::steps::told;
use super::{Style, coverage, diagram, diagram_of, text};

/// The page.
pub fn render(outcome: &Outcome, model: &Model, source: &Source) -> String {
    let plain = Style {
        timing: true,
        colour: false,
    };
    let report = text::render(outcome, model, source, &plain);
    let headline = report.lines().next().unwrap_or_default();
    let fails = outcome.verdict.is_failure();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{} — {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&source.name),
        esc(headline)
    );
    let _ = writeln!(out, "<h1>{}</h1>", esc(&source.name));
    let _ = writeln!(
        out,
        "<p id=\"verdict\" class=\"{}\">{}</p>",
        if fails { "fails" } else { "holds" },
        esc(headline)
    );
    let _ = writeln!(
        out,
        "<p id=\"summary\">{}</p>",
        esc(&text::summary(&outcome.stats, &plain))
    );
    let warnings = coverage::warnings(outcome, model, source);
    if !warnings.is_empty() {
        out.push_str("<ul id=\"warnings\">\n");
        for w in &warnings {
            let _ = writeln!(out, "<li>{}</li>", esc(&w.message));
        }
        out.push_str("</ul>\n");
    }
    if let Some(svg) = diagram_of(outcome, model, diagram::Format::Svg) {
        let _ = writeln!(
            out,
            "<section id=\"diagram\"><h2>Sequence</h2>\n{svg}</section>"
        );
    }
    if let Some((trace, back)) = counterexample(&outcome.verdict) {
        trace_section(&mut out, model, trace, back);
    }
    coverage_section(&mut out, outcome, model);
    let _ = writeln!(
        out,
        "<details id=\"text\"><summary>Text report</summary><pre>{}</pre></details>",
        esc(&report)
    );
    let _ = write!(out, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

/// The counterexample's trace, and for a lasso the step it loops back to.
fn counterexample(verdict: &Verdict) -> Option<(&Trace, Option<usize>)> {
    match verdict {
        Verdict::InvariantViolated(_, t)
        | Verdict::Deadlock(t)
        | Verdict::PropertyError(_, t)
        | Verdict::ActionError(_, t) => Some((t, None)),
        Verdict::LivenessViolated(_, lasso) => Some((
            &lasso.trace,
            match lasso.end {
                LassoEnd::BackTo(k) => Some(k),
                LassoEnd::Stutters => None,
            },
        )),
        _ => None,
    }
}

/// The steps (clickable) and, per step, the whole state.
fn trace_section(out: &mut String, model: &Model, trace: &Trace, back: Option<usize>) {
    let spec = &model.spec;
    out.push_str(
        "<section id=\"trace\"><h2>Trace</h2>\n<div class=\"panes\">\n<ol id=\"steps\">\n",
    );
    for (i, step) in told(model, trace).iter().enumerate() {
        let _ = write!(
            out,
            "<li class=\"step\" data-step=\"{}\"><span class=\"title\">{}</span>",
            i + 1,
            esc(&step.title)
        );
        if !step.lines.is_empty() && i > 0 {
            out.push_str("<ul class=\"changes\">");
            for line in &step.lines {
                let _ = write!(out, "<li>{}</li>", esc(line));
            }
            out.push_str("</ul>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n<div id=\"states\">\n");
    if let Some(k) = back {
        let _ = writeln!(
            out,
            "<p class=\"note\">the last state is that of step {k}: the steps after it repeat forever</p>"
        );
    }
    let mut previous: Option<&[crate::value::Value]> = None;
    for (i, step) in trace.steps.iter().enumerate() {
        let _ = writeln!(
            out,
            "<table class=\"state\" data-step=\"{}\" hidden><caption>state {}</caption>",
            i + 1,
            i + 1
        );
        for (v, (var, value)) in spec.vars.iter().zip(&step.state).enumerate() {
            let changed = previous.is_some_and(|p| p.get(v) != Some(value));
            let name = super::var_label(spec, crate::check::ir::VarId(v as u32));
            let _ = writeln!(
                out,
                "<tr data-var=\"{}\"{}><td class=\"name\">{}</td><td class=\"value\">{}</td></tr>",
                esc(&name),
                if changed { " class=\"changed\"" } else { "" },
                esc(&name),
                esc(&show::value(spec, var.ty, value))
            );
        }
        out.push_str("</table>\n");
        previous = Some(&step.state);
    }
    out.push_str("</div>\n</div>\n</section>\n");
}

/// The coverage table.
fn coverage_section(out: &mut String, outcome: &Outcome, model: &Model) {
    let table = coverage::table(outcome, model);
    if table.actions.is_empty() {
        return;
    }
    out.push_str(
        "<section id=\"coverage\"><h2>Coverage</h2>\n<table>\n<tr><th>action</th><th>enabled</th>\
         <th>successors</th><th>new states</th><th>share</th></tr>\n",
    );
    for row in table.actions.iter().chain(&table.processes) {
        let _ = writeln!(
            out,
            "<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.1}%</td></tr>",
            if row.count.successors == 0 {
                " class=\"never\""
            } else {
                ""
            },
            esc(&row.name),
            row.count.enabled,
            row.count.successors,
            row.count.new,
            row.share * 100.0
        );
    }
    out.push_str("</table>\n</section>\n");
}

/// Text safe inside HTML.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
h1 { font-size: 1.3em; font-family: monospace; }
#verdict { font-size: 1.2em; font-weight: 600; }
#verdict.fails { color: #b00020; } #verdict.holds { color: #1b7f3b; }
#summary { color: #555; font-family: monospace; }
#warnings { color: #8a5a00; }
.panes { display: flex; gap: 2em; align-items: flex-start; }
#steps { flex: 1; font-family: monospace; padding-left: 2.5em; }
.step { cursor: pointer; padding: 2px 4px; border-radius: 3px; }
.step:hover { background: #f0f0f0; }
.step.selected { background: #e3ecff; }
.changes { color: #555; margin: 0; padding-left: 1.5em; list-style: none; }
#states { flex: 1; position: sticky; top: 1em; }
table { border-collapse: collapse; font-family: monospace; }
td, th { border: 1px solid #ddd; padding: 2px 8px; text-align: left; vertical-align: top; }
tr.changed td { background: #fff3b0; }
tr.never td { color: #b00020; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
.note { color: #555; font-style: italic; }
#diagram svg { max-width: 100%; height: auto; }
pre { background: #f7f7f7; padding: 1em; overflow-x: auto; }
";

const SCRIPT: &str = "
const steps = document.querySelectorAll('.step');
function show(n) {
  steps.forEach((s) => s.classList.toggle('selected', s.dataset.step === String(n)));
  document.querySelectorAll('table.state').forEach((t) => { t.hidden = t.dataset.step !== String(n); });
}
steps.forEach((s) => s.addEventListener('click', () => show(s.dataset.step)));
if (steps.length) show(steps.length);
";
