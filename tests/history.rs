//! `linearizable(h, init, step)` and `sequentially_consistent(h, init,
//! step)` end to end: hand-worked histories with the verdict each must
//! get, a register whose reads are atomic or stale, and the errors a spec
//! can make with them.

mod common;

use common::{holds, rejects, run, violates};
use ravel::explore::{Options, Verdict};

/// A register of 0..2 used by clients c1..c4: writes return 0, reads the value.
const REGISTER: &str = "
const Clients = {c1, c2, c3, c4}
type Op = Write { value: 0..2 } | Read
type Event = Call { client: Clients, op: Op } | Return { client: Clients, result: 0..2 }

fn register(state: 0..2, op: Op) -> { state: 0..2, result: 0..2 } =
    if op is Write then { state: op.value, result: 0 } else { state: state, result: state }
";

/// One initial state per history, each with the verdicts worked out by
/// hand; the invariants hold only if the checks agree on every one.
const HISTORIES: &str = "
var h: seq<Event, 12>
var lin: bool
var sc: bool

init {
    either {
        // Empty.
        h = []
        lin = true
        sc = true
    } or {
        // Write 1, then a read of 1: in real-time order, legal.
        h = [Call { client: c1, op: Write { value: 1 } }, Return { client: c1, result: 0 },
             Call { client: c2, op: Read }, Return { client: c2, result: 1 }]
        lin = true
        sc = true
    } or {
        // Write 1, then a read of 0: stale. Only without real time (the read
        // ordered first) is it legal.
        h = [Call { client: c1, op: Write { value: 1 } }, Return { client: c1, result: 0 },
             Call { client: c2, op: Read }, Return { client: c2, result: 0 }]
        lin = false
        sc = true
    } or {
        // A read overlapping the write may return either value.
        h = [Call { client: c1, op: Write { value: 1 } }, Call { client: c2, op: Read },
             Return { client: c2, result: 0 }, Return { client: c1, result: 0 }]
        lin = true
        sc = true
    } or {
        // A value never written.
        h = [Call { client: c1, op: Write { value: 1 } }, Call { client: c2, op: Read },
             Return { client: c2, result: 2 }, Return { client: c1, result: 0 }]
        lin = false
        sc = false
    } or {
        // A pending write may have taken effect.
        h = [Call { client: c1, op: Write { value: 1 } }, Call { client: c2, op: Read },
             Return { client: c2, result: 1 }]
        lin = true
        sc = true
    } or {
        // New-old inversion: c2 reads the new value, then c3 the old one,
        // while the write is still going on.
        h = [Call { client: c1, op: Write { value: 1 } },
             Call { client: c2, op: Read }, Return { client: c2, result: 1 },
             Call { client: c3, op: Read }, Return { client: c3, result: 0 },
             Return { client: c1, result: 0 }]
        lin = false
        sc = true
    } or {
        // Two readers see two concurrent writes in opposite orders.
        h = [Call { client: c1, op: Write { value: 1 } }, Call { client: c2, op: Write { value: 2 } },
             Return { client: c1, result: 0 }, Return { client: c2, result: 0 },
             Call { client: c3, op: Read }, Return { client: c3, result: 1 },
             Call { client: c4, op: Read }, Return { client: c4, result: 2 },
             Call { client: c3, op: Read }, Return { client: c3, result: 2 },
             Call { client: c4, op: Read }, Return { client: c4, result: 1 }]
        lin = false
        sc = false
    }
}

terminal Fixed: true
invariant Linearizability: linearizable(h, 0, register) == lin
invariant Sequential: sequentially_consistent(h, 0, register) == sc
";

#[test]
fn hand_worked_histories_get_their_verdicts() {
    let src = format!("{REGISTER}{HISTORIES}");
    let (_, outcome) = run("histories.rvl", &src, &[], &Options::default()).expect("runs");
    assert_eq!(outcome.verdict, Verdict::Holds);
    assert_eq!(outcome.stats.distinct, 8, "one state per history");
}

#[test]
fn a_wrong_expectation_is_caught() {
    // The stale read claimed linearizable: the check disagrees.
    let src = format!("{REGISTER}{HISTORIES}").replacen(
        "Return { client: c2, result: 0 }]
        lin = false",
        "Return { client: c2, result: 0 }]
        lin = true",
        1,
    );
    violates(&src, "Linearizability", 1);
}

/// A writer and a reader, one operation each: call, take effect, return.
/// `READ` is what the reader's operation returns when it takes effect.
fn register_spec(read: &str, property: &str) -> String {
    format!(
        "{REGISTER}
var h: seq<Event, 4> = []
var reg: 0..2 = 0
var phase: Clients -> {{idle, called, applied, done}} = [c in Clients: idle]
var res: 0..2 = 0

action Invoke(c in {{c1, c2}}) {{
    require phase[c] == idle
    phase[c] = called
    h = append(h, Call {{ client: c, op: if c == c1 then Write {{ value: 1 }} else Read }})
}}
action Apply(c in {{c1, c2}}) {{
    require phase[c] == called
    phase[c] = applied
    if c == c1 {{
        reg = 1
    }} else {{
        res = {read}
    }}
}}
action Respond(c in {{c1, c2}}) {{
    require phase[c] == applied
    phase[c] = done
    h = append(h, Return {{ client: c, result: if c == c1 then 0 else res }})
}}
terminal Done: phase[c1] == done and phase[c2] == done
invariant Consistent: {property}(h, 0, register)
"
    )
}

#[test]
fn an_atomic_register_is_linearizable() {
    holds(&register_spec("reg", "linearizable"));
}

#[test]
fn a_stale_read_after_the_write_returned_is_not_linearizable() {
    // The shortest way: the writer calls, writes and returns, then the
    // reader calls, reads 0 and returns: six steps.
    violates(&register_spec("0", "linearizable"), "Consistent", 7);
}

#[test]
fn a_stale_read_is_sequentially_consistent() {
    holds(&register_spec("0", "sequentially_consistent"));
}

#[test]
fn a_step_function_may_read_the_state() {
    // The register's "reads" return `bias` more than the value: with bias
    // 0 the atomic register is linearizable, with bias 1 it is not.
    let biased = |bias: u32| {
        register_spec("reg", "linearizable")
            .replace(
                "else { state: state, result: state }",
                "else { state: state, result: min(state + bias, 2) }",
            )
            .replace(
                "var res: 0..2 = 0",
                &format!("var res: 0..2 = 0\nvar bias: 0..1 = {bias}"),
            )
    };
    holds(&biased(0));
    assert!(matches!(
        common::verdict(&biased(1)),
        Verdict::InvariantViolated(..)
    ));
}

#[test]
fn mistakes_in_a_history_check_are_reported() {
    let with = |decls: &str, property: &str| format!("{REGISTER}{decls}\ninvariant P: {property}");
    let h = "var h: seq<Event, 4> = []";
    rejects(
        &with("var log: set<0..2> = {}", "linearizable(log, 0, register)"),
        "`linearizable` needs a history, a `seq` of events, not `set<0..2>`",
    );
    rejects(
        &with("var h: seq<0..2, 4> = []", "linearizable(h, 0, register)"),
        "`0..2` is not a history's events: they are not a union",
    );
    rejects(
        &with(h, "linearizable(h, 0, registr)"),
        "the third argument of `linearizable` must name a function",
    );
    rejects(
        &with(h, "sequentially_consistent(h, 0, 1)"),
        "the third argument of `sequentially_consistent` must name a function",
    );
    rejects(
        &with(h, "linearizable(h, register)"),
        "`linearizable` takes 3 arguments, but 2 were given",
    );
    rejects(
        &with(h, "linearizable(h, true, register)"),
        "type mismatch: expected `0..2`, found `bool`",
    );
    let step = |f: &str| with(&format!("{h}\n{f}"), "linearizable(h, 0, step)");
    rejects(
        &step(
            "fn step(state: 0..2) -> { state: 0..2, result: 0..2 } = { state: state, result: 0 }",
        ),
        "`step` cannot step this history's object: it takes 1 parameter, not 2 (state, op)",
    );
    rejects(
        &step(
            "fn step(state: 0..2, op: bool) -> { state: 0..2, result: 0..2 } = { state: state, result: 0 }",
        ),
        "the calls' `op` is `Op`, its second parameter is `bool`",
    );
    rejects(
        &step(
            "fn step(state: 0..2, op: Op) -> { state: 0..2, value: 0..2 } = { state: state, value: 0 }",
        ),
        "without both `state` and `result`",
    );
    rejects(
        &step(
            "fn step(state: 0..2, op: Op) -> { state: bool, result: 0..2 } = { state: true, result: 0 }",
        ),
        "its result's `state` is `bool`, its first parameter `0..2`",
    );
    rejects(
        &step(
            "fn step(state: 0..2, op: Op) -> { state: 0..2, result: bool } = { state: state, result: true }",
        ),
        "the returns' `result` is `0..2`, its result's `result` `bool`",
    );
}

#[test]
fn a_step_that_checks_its_own_history_is_recursion() {
    let src = format!(
        "{REGISTER}
var h: seq<Event, 4> = []
fn step(state: 0..2, op: Op) -> {{ state: 0..2, result: 0..2 }} =
    {{ state: state, result: if linearizable(h, 0, step) then 0 else 1 }}
invariant P: linearizable(h, 0, step)"
    );
    rejects(&src, "recursive function: `step` calls `step`");
}
