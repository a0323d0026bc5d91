//! Liveness end to end: small specs whose answers are worked out by hand,
//! for each temporal form and each kind of fairness, and the lasso's shape.

mod common;

use common::{liveness_holds, rejects, run, violates_liveness};
use ravel::explore::{LassoEnd, Options, StopReason, Verdict};
use ravel::report::{self, Style};
use ravel::source::Source;
use ravel::value::Value;

/// `x` counts up to 3 and stops there.
fn counter(fairness: &str, property: &str) -> String {
    format!(
        "var x: 0..3 = 0
         {fairness} action Inc {{
             require x < 3
             x = x + 1
         }}
         {property}"
    )
}

/// The value of variable `var` in step `k` (1-based) of the lasso.
fn at(lasso: &ravel::explore::Lasso, k: usize, var: usize) -> Value {
    lasso.trace.steps[k - 1].state[var].clone()
}

// ------------------------------------------------------------ eventually

#[test]
fn eventually_holds_when_a_fair_action_gets_there() {
    liveness_holds(&counter("fair", "property Done: eventually x == 3"));
}

#[test]
fn without_fairness_a_behaviour_may_stop_at_once() {
    let lasso = violates_liveness(&counter("", "property Done: eventually x == 3"), "Done");
    assert_eq!(lasso.trace.steps.len(), 1);
    assert_eq!(lasso.end, LassoEnd::Stutters);
}

#[test]
fn a_deadlock_where_p_is_false_violates_eventually() {
    let src = "var x: 0..2 = 0
        fair action Inc { require x < 1
            x = x + 1 }
        property Two: eventually x == 2";
    let lasso = violates_liveness(src, "Two");
    assert_eq!(lasso.trace.steps.len(), 2);
    assert_eq!(at(&lasso, 2, 0), Value::Int(1));
    assert_eq!(lasso.end, LassoEnd::Stutters);
}

#[test]
fn eventually_holds_in_an_initial_state() {
    liveness_holds(&counter("", "property Zero: eventually x == 0"));
}

#[test]
fn eventually_is_checked_from_every_initial_state() {
    let src = "var x: 0..3
        init { either { x = 0 } or { x = 2 } }
        fair action Inc { require x == 0
            x = 1 }
        property One: eventually x == 1";
    let lasso = violates_liveness(src, "One");
    assert_eq!(lasso.trace.steps.len(), 1);
    assert_eq!(at(&lasso, 1, 0), Value::Int(2));
}

#[test]
fn a_self_loop_is_stuttering_not_progress() {
    // `Stay` is fair, but a step that changes nothing does not count as
    // taking it, nor does it make it enabled.
    let src = "var x: bool = false
        fair action Stay { x = x }
        property Set: eventually x";
    assert_eq!(violates_liveness(src, "Set").end, LassoEnd::Stutters);
}

// ------------------------------------------------------------ the lasso

/// 0 → 1 → 2 → 1 → 2 ...: `x == 3` is never reached.
const BOUNCE: &str = "var x: 0..3 = 0
    fair action Up { require x < 2
        x = x + 1 }
    fair action Back { require x == 2
        x = 1 }
    property Three: eventually x == 3";

#[test]
fn a_lasso_is_the_shortest_prefix_then_a_loop_back() {
    let lasso = violates_liveness(BOUNCE, "Three");
    let xs: Vec<Value> = (1..=4).map(|k| at(&lasso, k, 0)).collect();
    assert_eq!(xs, [0, 1, 2, 1].map(Value::Int));
    assert_eq!(lasso.end, LassoEnd::BackTo(2));
}

#[test]
fn the_report_draws_the_loop_and_the_stutter() {
    let report = report_of(BOUNCE);
    assert!(
        report.starts_with("✗ property Three is violated: a fair behaviour never reaches `x == 3`")
    );
    assert!(
        report.contains("Lasso (steps 3 to 4 repeat forever):"),
        "{report}"
    );
    assert!(
        report.contains("  4. Back\n       x: 2 → 1\n     ↻ back to step 2\n"),
        "{report}"
    );
    let report = report_of(&counter("", "property Done: eventually x == 3"));
    assert!(
        report.contains("  1. initial state\n       x: 0\n     ⏸ stutters forever here"),
        "{report}"
    );
}

fn report_of(src: &str) -> String {
    let mut args = ravel::CheckArgs::new(Source::new("test.rvl", src));
    args.options.deadlock = false;
    let checked = ravel::run(&args, &mut ()).expect("the spec is well-formed");
    let style = Style {
        timing: false,
        colour: false,
    };
    report::text(&checked.outcome, &checked.model, &args.source, &style)
}

// ------------------------------------------------------------ always eventually

#[test]
fn always_eventually_holds_on_a_fair_toggle() {
    let src = "var on: bool = false
        fair action Flip { on = not on }
        property Blinks: always eventually on";
    liveness_holds(src);
}

#[test]
fn always_eventually_fails_where_the_system_gets_stuck() {
    // After `Break`, `on` stays false forever (a deadlock).
    let src = "var on: bool = false
        var broken: bool = false
        fair action Flip { require not broken
            on = not on }
        action Break { require on
            broken = true
            on = false }
        property Blinks: always eventually on";
    let lasso = violates_liveness(src, "Blinks");
    assert_eq!(lasso.end, LassoEnd::Stutters);
    assert_eq!(lasso.trace.steps.len(), 3);
}

// ------------------------------------------------------------ eventually always

#[test]
fn eventually_always_holds_once_it_settles() {
    liveness_holds(&counter(
        "fair",
        "property Settles: eventually always x == 3",
    ));
}

#[test]
fn eventually_always_fails_on_a_fair_oscillation() {
    let src = "var on: bool = false
        fair action Flip { on = not on }
        property StaysOn: eventually always on";
    let lasso = violates_liveness(src, "StaysOn");
    assert_eq!(lasso.end, LassoEnd::BackTo(1));
    assert_eq!(lasso.trace.steps.len(), 3);
}

// ------------------------------------------------------------ leads_to

#[test]
fn leads_to_holds_when_every_request_is_answered() {
    let src = "var req: bool = false
        var ans: bool = false
        fair action Ask { require not req
            req = true
            ans = false }
        fair action Answer { require req
            req = false
            ans = true }
        property Answered: req leads_to ans";
    liveness_holds(src);
}

#[test]
fn leads_to_fails_when_an_answer_can_be_starved() {
    // `Answer` is not fair: after a request, the system may stop.
    let src = "var req: bool = false
        var ans: bool = false
        fair action Ask { require not req
            req = true }
        action Answer { require req
            req = false
            ans = true }
        property Answered: req leads_to ans";
    let lasso = violates_liveness(src, "Answered");
    assert_eq!(lasso.trace.steps.len(), 2);
    assert_eq!(at(&lasso, 2, 0), Value::Bool(true));
    assert_eq!(lasso.end, LassoEnd::Stutters);
}

// ------------------------------------------------------------ weak vs strong

/// `Finish` is enabled only while `flag` is on, and `Toggle` keeps
/// switching it: enabled infinitely often, never continuously.
fn toggling(finish: &str) -> String {
    format!(
        "var flag: bool = false
         var done: bool = false
         fair action Toggle {{ require not done
             flag = not flag }}
         {finish} action Finish {{ require flag and not done
             done = true }}
         property Finishes: eventually done"
    )
}

#[test]
fn weak_fairness_does_not_force_an_action_enabled_only_now_and_then() {
    let lasso = violates_liveness(&toggling("fair"), "Finishes");
    assert_eq!(lasso.end, LassoEnd::BackTo(1));
    assert_eq!(lasso.trace.steps.len(), 3);
}

#[test]
fn strong_fairness_does() {
    liveness_holds(&toggling("strong fair"));
}

// ------------------------------------------------------------ per instance

/// `Serve(p1)` and `Again(p1)` can alternate forever. `Serve` as a whole
/// would then be taken infinitely often while p2 waits; fairness per
/// instance makes `Serve(p2)`, enabled all along, happen.
fn serving(fairness: &str) -> String {
    format!(
        "const Proc = {{p1, p2}}
         var waiting: Proc -> bool = [p in Proc: true]
         var got: Proc -> bool = [p in Proc: false]
         {fairness} action Serve(p: Proc) {{ require waiting[p]
             waiting[p] = false
             got[p] = true }}
         fair action Again(p: Proc) {{ require not waiting[p]
             waiting[p] = true }}
         property P2Served: eventually got[p2]"
    )
}

#[test]
fn fairness_applies_to_each_instance() {
    liveness_holds(&serving("fair"));
}

#[test]
fn without_it_one_process_can_be_starved() {
    let lasso = violates_liveness(&serving(""), "P2Served");
    assert_eq!(lasso.end, LassoEnd::Stutters);
}

// ------------------------------------------------------------ phases, syntax

#[test]
fn a_safety_violation_comes_first() {
    let src = counter(
        "",
        "property Done: eventually x == 3\ninvariant Small: x < 2",
    );
    let (_, outcome) = run(
        "t.rvl",
        &src,
        &[],
        &Options {
            deadlock: false,
            ..Options::default()
        },
    )
    .expect("well-formed");
    assert!(matches!(outcome.verdict, Verdict::InvariantViolated(..)));
    assert_eq!(outcome.stats.liveness, None);
}

#[test]
fn no_liveness_phase_without_liveness_properties() {
    let (_, outcome) = run(
        "t.rvl",
        &counter("fair", ""),
        &[],
        &Options {
            deadlock: false,
            ..Options::default()
        },
    )
    .expect("well-formed");
    assert_eq!(outcome.verdict, Verdict::Holds);
    assert_eq!(outcome.stats.liveness, None);
}

#[test]
fn temporal_words_are_only_keywords_where_they_belong() {
    let src = "var always_on: bool = true
        var eventually_x: bool = true
        action fair_step { always_on = eventually_x }
        property Stays: eventually always always_on
        property Once: eventually eventually_x";
    liveness_holds(src);
}

#[test]
fn predicates_must_be_bool() {
    rejects(
        &counter("", "property Done: eventually x"),
        "expected `bool`",
    );
    rejects(
        &counter("", "property Done: x leads_to y == 1"),
        "unknown name",
    );
}

#[test]
fn a_liveness_property_name_is_a_global_name() {
    rejects(
        &counter(
            "",
            "invariant Done: x < 4\nproperty Done: eventually x == 3",
        ),
        "Done",
    );
}

#[test]
fn the_lasso_is_the_same_on_any_number_of_threads() {
    for src in [BOUNCE.to_string(), toggling("fair"), serving("")] {
        let verdict = |threads| {
            let options = Options {
                deadlock: false,
                threads,
                ..Options::default()
            };
            run("t.rvl", &src, &[], &options)
                .expect("well-formed")
                .1
                .verdict
        };
        assert_eq!(verdict(1), verdict(3), "{src}");
    }
}

#[test]
fn a_runtime_error_in_a_predicate_is_reported_with_its_trace() {
    let src = counter("fair", "property Div: eventually 6 / (2 - x) == 0");
    let options = Options {
        deadlock: false,
        ..Options::default()
    };
    let (_, outcome) = run("t.rvl", &src, &[], &options).expect("well-formed");
    match outcome.verdict {
        Verdict::PropertyError(_, trace) => assert_eq!(trace.steps.len(), 3),
        other => panic!("expected a runtime error, got {other:?}"),
    }
}

#[test]
fn the_memory_budget_stops_the_liveness_graph_cleanly() {
    // 2,000 states with 40 edges each: the safety store fits in 1 MB, the
    // graph of 80,000 edges does not.
    let src = "var x: 0..1999 = 0
        fair action Jump(v: 0..39) { x = (x + v + 1) % 2000 }
        property Zero: always eventually x == 0";
    let options = Options {
        memory: Some(1_000_000),
        ..Options::default()
    };
    let (_, outcome) = run("budget.rvl", src, &[], &options).expect("the spec checks");
    assert_eq!(
        outcome.verdict,
        Verdict::Incomplete(StopReason::LivenessMemory(1_000_000))
    );
    assert_eq!(outcome.stats.distinct, 2000);
}

// ------------------------------------------------------------ forall outside

/// Nodes wake up one by one; `n3` only if `gate` lets it.
fn wake(gate: &str) -> String {
    format!(
        "const Node = {{n1, n2, n3}}
         var up: Node -> bool = [n in Node: false]
         fair action Wake(n: Node) {{
             require not up[n] and {gate}
             up[n] = true
         }}
         property EachWakes: forall n in Node: eventually up[n]
         property Follows: forall a, b in {{n1, n2}}: up[a] leads_to up[b]"
    )
}

#[test]
fn forall_outside_gives_one_property_per_value() {
    let src = wake("true");
    liveness_holds(&src);
    let (model, _) = run("test.rvl", &src, &[], &common::options(false)).expect("runs");
    let names: Vec<String> = model
        .spec
        .liveness
        .iter()
        .map(|l| report::lasso::instance_name(&model, l))
        .collect();
    assert_eq!(
        names,
        [
            "EachWakes for n = n1",
            "EachWakes for n = n2",
            "EachWakes for n = n3",
            "Follows for a = n1, b = n1",
            "Follows for a = n1, b = n2",
            "Follows for a = n2, b = n1",
            "Follows for a = n2, b = n2",
        ]
    );
}

#[test]
fn the_violated_value_is_named() {
    let src = wake("n != n3");
    let (model, outcome) = run("test.rvl", &src, &[], &common::options(false)).expect("runs");
    let Verdict::LivenessViolated(p, lasso) = &outcome.verdict else {
        panic!("expected a violation, got {:?}", outcome.verdict);
    };
    let def = &model.spec.liveness[p.index()];
    assert_eq!(
        report::lasso::instance_name(&model, def),
        "EachWakes for n = n3"
    );
    // The shortest lasso: n1 and n2 wake, then nothing is enabled.
    assert_eq!(lasso.trace.steps.len(), 3);
    assert_eq!(lasso.end, LassoEnd::Stutters);
    let text = report::text(
        &outcome,
        &model,
        &Source::new("test.rvl", src.clone()),
        &Style::default(),
    );
    assert!(
        text.starts_with(
            "✗ property EachWakes for n = n3 is violated: a fair behaviour never reaches `up[n]`"
        ),
        "{text}"
    );
}

#[test]
fn the_set_of_a_forall_outside_must_be_a_constant() {
    rejects(
        "var s: set<0..2> = {1}
         fair action A { s += {2} }
         property P: forall x in s: eventually x in s",
        "the set a property ranges over must be a constant",
    );
    rejects(
        "var o: option<0..1> = none
         fair action A { o = some(1) }
         property P: forall some(v) in {some(1)}: eventually o == some(v)",
        "only names can be bound before a temporal form",
    );
}

/// `P => eventually Q` and `P => eventually always Q` (issue 12): `P` picks
/// the initial states. From 1 the fair counter climbs to 3; from 0 it
/// may stay at 0 for ever.
const FROM_INITIAL: &str = "
var x: 0..3
var idle: bool = false
init {
    choose s in {0, 1} {
        x = s
    }
}
fair action Climb {
    require x >= 1 and x < 3
    x = x + 1
}
action Idle {
    require x == 0 and not idle
    idle = true
}
";

#[test]
fn an_initial_condition_picks_the_behaviours() {
    let with = |p: &str| format!("{FROM_INITIAL}property P: {p}\n");
    liveness_holds(&with("x == 1 => eventually x == 3"));
    liveness_holds(&with("x == 1 => eventually always x == 3"));
    liveness_holds(&with("x >= 1 => eventually always x == 3"));
    let lasso = violates_liveness(&with("x == 0 => eventually x == 3"), "P");
    assert_eq!(lasso.trace.steps[0].state[0], Value::Int(0));
    assert_eq!(lasso.end, LassoEnd::Stutters);
    violates_liveness(&with("x == 0 => eventually always x == 3"), "P");
    violates_liveness(&with("eventually x == 3"), "P");
    // `P` is read in the initial state only: once the counter has left 1,
    // `x == 1` is false, and the property still holds.
    liveness_holds(&with("x == 1 => eventually x == 2"));
    // Not `always (P => eventually Q)`: `x == 2 leads_to x == 1` fails.
    liveness_holds(&with("x == 2 => eventually x == 1"));
    violates_liveness(&with("x == 2 leads_to x == 1"), "P");
}

// ------------------------------------------------------------ groups

/// `Flip` alternates which of `FinishA` and `FinishB` is enabled: each
/// alone is disabled in every other state, so weak fairness of each does
/// not force it; weak fairness of the two together does.
fn finishing(fairness: &str) -> String {
    format!(
        "var turn: 0..1 = 0
         var done: bool = false
         action Flip {{ require not done
             turn = 1 - turn }}
         {fairness}action FinishA {{ require turn == 0 and not done
             done = true }}
         {fairness}action FinishB {{ require turn == 1 and not done
             done = true }}
         property Finishes: eventually done"
    )
}

#[test]
fn weak_fairness_of_each_action_of_a_group_is_not_enough() {
    let lasso = violates_liveness(&finishing("fair "), "Finishes");
    assert!(matches!(lasso.end, LassoEnd::BackTo(_)), "{lasso:?}");
}

#[test]
fn weak_fairness_of_the_group_forces_one_of_them() {
    liveness_holds(&format!("{}\nfair FinishA or FinishB", finishing("")));
    liveness_holds(&format!(
        "{}\nstrong fair FinishA or FinishB",
        finishing("")
    ));
}

#[test]
fn a_group_over_all_instances_is_met_by_any_of_them() {
    // `fair Serve` is WF(\E p: Serve(p)): p1's steps meet it while p2 waits.
    let lasso = violates_liveness(&format!("{}\nfair Serve", serving("")), "P2Served");
    assert!(matches!(lasso.end, LassoEnd::BackTo(_)), "{lasso:?}");
}

/// Each worker steps `A`, `B`, `Reset` forever; `fair Worker` groups a
/// worker's actions per instance (PlusCal's `fair process`), `fair A or B
/// or Reset` groups them across workers.
fn workers(group: &str) -> String {
    format!(
        "const W = {{w1, w2}}
         process Worker[w in W] {{
             var pc: 0..2 = 0
             action A {{ require pc == 0
                 pc = 1 }}
             action B {{ require pc == 1
                 pc = 2 }}
             action Reset {{ require pc == 2
                 pc = 0 }}
         }}
         {group}
         property Done: forall w in W: eventually w.pc == 2"
    )
}

#[test]
fn fairness_of_a_process_is_per_instance() {
    liveness_holds(&workers("fair Worker"));
}

#[test]
fn a_group_across_instances_lets_one_worker_starve_the_other() {
    let lasso = violates_liveness(&workers("fair A or B or Reset"), "Done");
    assert!(matches!(lasso.end, LassoEnd::BackTo(_)), "{lasso:?}");
    assert_eq!(
        violates_liveness(&workers(""), "Done").end,
        LassoEnd::Stutters
    );
}

#[test]
fn a_group_names_actions_or_one_process() {
    rejects(
        &format!("{}\nfair Worker or A", workers("")),
        "`Worker` is a process, in a group with other names",
    );
    rejects(
        &format!("{}\nfair Finish", finishing("")),
        "unknown action `Finish`",
    );
}

// ------------------------------------------------------ step formulas

/// `x` climbs to 2 and `Reset` (fair or not) drops it to 0; `Toggle` flips
/// `y` forever. TLC agrees on each verdict (`[]<><<Reset>>_vars` and
/// `[]<><<x' > x>>_vars` violated without `WF_vars(Reset)`,
/// `[]<><<Toggle>>_vars` holds).
fn climber(reset: &str, property: &str) -> String {
    format!(
        "var x: 0..2 = 0
         var y: 0..1 = 0
         fair action Inc {{ require x < 2
             x = x + 1 }}
         {reset} action Reset {{ require x == 2
             x = 0 }}
         fair action Toggle {{ y = 1 - y }}
         {property}"
    )
}

#[test]
fn always_eventually_a_step_holds_when_the_action_is_fair() {
    liveness_holds(&climber(
        "fair",
        "property Resets: always eventually step is Reset",
    ));
    liveness_holds(&climber(
        "",
        "property Toggles: always eventually step is Toggle",
    ));
    liveness_holds(&climber(
        "fair",
        "property Grows: always eventually next(x) > x",
    ));
}

#[test]
fn a_loop_without_the_step_violates_always_eventually() {
    let lasso = violates_liveness(
        &climber("", "property Resets: always eventually step is Reset"),
        "Resets",
    );
    // Up to x = 2, then Toggle forever: Reset stays enabled but is unfair.
    assert_eq!(at(&lasso, 3, 0), Value::Int(2));
    let LassoEnd::BackTo(k) = lasso.end else {
        panic!("a loop, got {:?}", lasso.end)
    };
    let looped = &lasso.trace.steps[k..];
    assert!(!looped.is_empty());
    for step in looped {
        let (action, _) = step.action.as_ref().expect("a step");
        assert_eq!(action.0, 2, "only Toggle in the loop: {lasso:?}");
    }
}

#[test]
fn a_stutter_takes_no_step() {
    // Without fairness the behaviour may stop at once: no step at all.
    let lasso = violates_liveness(
        &counter("", "property Moves: eventually step is Inc"),
        "Moves",
    );
    assert_eq!(lasso.end, LassoEnd::Stutters);
    assert_eq!(lasso.trace.steps.len(), 1);
    liveness_holds(&counter("fair", "property Moves: eventually step is Inc"));
    // A counter that stops at 3 stops taking steps.
    let lasso = violates_liveness(
        &counter("fair", "property Keeps: always eventually step is Inc"),
        "Keeps",
    );
    assert_eq!(lasso.end, LassoEnd::Stutters);
    assert_eq!(at(&lasso, lasso.trace.steps.len(), 0), Value::Int(3));
}

#[test]
fn a_step_that_changes_nothing_is_not_a_step_of_the_formula() {
    // `Stay` keeps being taken, but it changes nothing: stuttering, which
    // never satisfies <<Stay>>_vars.
    let src = "var x: 0..1 = 0
        fair action Stay { x = x }
        property Stays: eventually step is Stay";
    violates_liveness(src, "Stays");
}

#[test]
fn a_step_formula_needs_eventually_or_always_eventually() {
    rejects(
        &counter("fair", "property P: next(x) > x leads_to x == 3"),
        "a step formula (`next(...)`, `step is`) in a liveness property needs `eventually` or `always eventually`",
    );
    rejects(
        &counter("fair", "property P: eventually always step is Inc"),
        "needs `eventually` or `always eventually`",
    );
}

// ------------------------------------------------------ parts joined by `and`

#[test]
fn a_property_of_parts_holds_when_each_part_holds() {
    // TLA+'s `[]<>(x = 0) /\ [](x = 1 ~> x = 2) /\ <>(x = 2)`.
    let src = "var x: 0..2 = 0
        fair action Step { x = (x + 1) % 3 }
        property Cycles: always eventually x == 0 and (x == 1 leads_to x == 2) and eventually x == 2";
    liveness_holds(src);
}

#[test]
fn the_first_part_that_fails_is_named_with_its_place() {
    // `Stop` may freeze `x` at 1: the first part holds on that behaviour,
    // both `always eventually` parts fail, and the first of them is
    // reported by its place among the parts.
    let src = "var x: 0..2 = 0
        var stopped: bool = false
        fair action Step { require not stopped
            x = (x + 1) % 3 }
        action Stop { require x == 1
            stopped = true }
        property Cycles: eventually x == 1 and always eventually x == 2 and always eventually x == 0";
    let lasso = violates_liveness(src, "Cycles");
    assert_eq!(lasso.end, LassoEnd::Stutters);
    let report = report_of(src);
    assert!(
        report.starts_with(
            "✗ property Cycles (part 2 of 3) is violated: a fair behaviour stops reaching `x == 2`"
        ),
        "{report}"
    );
}

#[test]
fn parts_and_forall_give_one_property_per_value_and_part() {
    let src = "var x: 0..2 = 0
        fair action Step { x = (x + 1) % 3 }
        property Visits: forall v in {1, 2}: always eventually x == v and eventually x == 3 - v";
    liveness_holds(src);
    let (model, _) = common::outcome(src, false);
    let names: Vec<String> = model
        .spec
        .liveness
        .iter()
        .map(|l| ravel::report::lasso::instance_name(&model, l))
        .collect();
    assert_eq!(
        names,
        [
            "Visits (part 1 of 2) for v = 1",
            "Visits (part 2 of 2) for v = 1",
            "Visits (part 1 of 2) for v = 2",
            "Visits (part 2 of 2) for v = 2",
        ]
    );
}

#[test]
fn temporal_formulas_are_joined_only_by_a_propertys_and() {
    rejects(
        &counter("fair", "invariant I: x == 0 and always eventually x == 3"),
        "a temporal formula after `and` outside the top of a property",
    );
    rejects(
        &counter(
            "fair",
            "property P: eventually (x == 0 and eventually x == 3)",
        ),
        "a temporal formula after `and` outside the top of a property",
    );
    rejects(
        &counter(
            "fair",
            "property P: always eventually x == 0 or always eventually x == 3",
        ),
        "temporal formulas cannot be joined by `or`",
    );
}
