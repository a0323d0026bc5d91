//! Runtime errors: found while running a spec, reported with a trace.
//!
//! Each kind carries the values involved already rendered as spec text
//! (with `show`), so reports need no type table.

use crate::check::ir::ActionId;
use crate::diagnostic::Details;
use crate::source::Span;
use crate::value::Value;

/// An error found while evaluating, at the span that caused it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeError {
    /// What went wrong.
    pub kind: RuntimeErrorKind,
    /// Where.
    pub span: Span,
}

impl RuntimeError {
    /// An error of this kind at this span.
    pub fn new(kind: RuntimeErrorKind, span: Span) -> RuntimeError {
        RuntimeError { kind, span }
    }
}

/// A runtime error inside an action instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionError {
    /// The action.
    pub action: ActionId,
    /// Its parameters' values.
    pub args: Vec<Value>,
    /// The error.
    pub error: RuntimeError,
}

/// The kinds of runtime error. Values are already rendered as text
/// (boxed strings where a variant has many, to keep errors small).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeErrorKind {
    /// `x = x + 1` when `x: 0..3` is already 3.
    LeavesType {
        /// The place assigned, e.g. `x` or `rm_state[r1]`.
        place: Box<str>,
        /// The value it would hold.
        value: Box<str>,
        /// The place's type.
        ty: Box<str>,
        /// The part of the value that does not fit, e.g. "4 is outside 0..3".
        why: Box<str>,
    },
    /// `f(5)` when `f`'s parameter is of `0..3`, or a result outside the
    /// declared result type.
    CallOutsideType {
        /// What is outside, e.g. "the argument `a` of `f`".
        what: Box<str>,
        /// Its value.
        value: Box<str>,
        /// The declared type.
        ty: Box<str>,
        /// The part of the value that does not fit, e.g. "4 is outside 0..3".
        why: Box<str>,
        /// An argument (else the result).
        argument: bool,
    },
    /// `assert x < 3, "x stays small"` when `x` is 3.
    AssertFailed {
        /// The assertion's message.
        message: String,
    },
    /// `m[k]` or `m[k] = e` when `k` is not a key of `m`'s key type.
    OutsideDomain {
        /// The key.
        key: String,
        /// The map's key type.
        ty: String,
    },
    /// `s[3]` when `s` has 3 items.
    IndexOutOfRange {
        /// The index.
        index: i64,
        /// The sequence's length.
        len: usize,
    },
    /// `head(s)` or `tail(s)` when `s` is `[]`.
    EmptySeq {
        /// `head` or `tail`.
        op: &'static str,
    },
    /// `x / y` or `x % y` when `y` is 0.
    DivisionByZero,
    /// `min(S)` or `max(S)` when `S` is `{}`.
    EmptyMinMax {
        /// `min` or `max`.
        op: &'static str,
    },
    /// `pick x in S: x > 2` when no element of `S` is greater than 2 (or
    /// `S` is `{}`).
    NothingToPick {
        /// Whether the set was empty.
        empty: bool,
    },
    /// `m.bal` when `m` is `Commit`, a variant without `bal`.
    MissingField {
        /// The field asked for.
        field: String,
        /// The value's variant.
        tag: String,
    },
    /// `append(s, x)` when `s: seq<T, 2>` already has 2 items.
    AppendPastBound {
        /// The declared maximum length.
        bound: u32,
    },
    /// `sub(s, 1, 3)` when `s` has 2 items.
    SubOutOfRange {
        /// The first index asked for.
        from: i64,
        /// The index after the last.
        to: i64,
        /// The sequence's length.
        len: usize,
    },
    /// `var x: 0..3` with an `init` block that leaves `x` unset on some branch.
    NoInitialValue {
        /// The variable.
        var: String,
    },
    /// `x * y` beyond 64-bit integers.
    Overflow {
        /// The operation, e.g. `*`.
        op: &'static str,
    },
    /// `subsets(S)` or `lo..hi` with more than a million elements.
    TooLarge {
        /// What was being built.
        what: &'static str,
        /// How many elements it would have.
        size: String,
    },
    /// `linearizable(h, ..)` where `h` holds a return of `c1` and `c1` has
    /// no call pending.
    ReturnWithoutCall {
        /// The event's index in the history.
        event: usize,
        /// The client.
        client: String,
    },
    /// `linearizable(h, ..)` where `h` holds two calls of `c1` with no
    /// return between them.
    CallWhilePending {
        /// The second call's index in the history.
        event: usize,
        /// The client.
        client: String,
    },
    /// Running the abstract spec of a `refines` failed (its initial states
    /// or an action).
    InAbstract {
        /// The abstract spec.
        spec: String,
        /// The error there.
        message: String,
    },
    /// A value of the wrong shape for its type: a bug in Ravel's checker.
    Internal {
        /// What was expected.
        expected: &'static str,
    },
}

impl From<crate::value::ops::OpError> for RuntimeErrorKind {
    fn from(error: crate::value::ops::OpError) -> RuntimeErrorKind {
        use crate::value::ops::OpError;
        match error {
            OpError::Overflow { op } => RuntimeErrorKind::Overflow { op },
            OpError::DivisionByZero => RuntimeErrorKind::DivisionByZero,
            OpError::Shape { expected } => RuntimeErrorKind::Internal { expected },
            OpError::EmptySet { op } => RuntimeErrorKind::EmptyMinMax { op },
            OpError::EmptySeq { op } => RuntimeErrorKind::EmptySeq { op },
            OpError::AppendPastBound { bound } => RuntimeErrorKind::AppendPastBound { bound },
            OpError::SubOutOfRange { from, to, len } => {
                RuntimeErrorKind::SubOutOfRange { from, to, len }
            }
            OpError::TooLarge { what, size } => RuntimeErrorKind::TooLarge { what, size },
        }
    }
}

/// How a well-formed history reads, for its errors.
const HISTORY_HELP: &str =
    "a client calls, then returns, then may call again: record one call at a time per client";

fn details(message: String, label: &str, help: Option<&str>) -> Details {
    Details {
        message,
        label: label.into(),
        help: help.map(Into::into),
    }
}

impl RuntimeErrorKind {
    /// The wording of this error.
    pub fn details(&self) -> Details {
        use RuntimeErrorKind as K;
        match self {
            K::LeavesType {
                place,
                value,
                ty,
                why,
            } => details(
                format!("`{place}` would become {value}, outside {ty}"),
                why,
                Some("widen the type, or guard the assignment with `require`"),
            ),
            K::CallOutsideType {
                what,
                value,
                ty,
                why,
                argument,
            } => details(
                format!("{what} is {value}, outside its type {ty}"),
                why,
                Some(if *argument {
                    "widen the parameter's type, or call the function only with values of that type"
                } else {
                    "widen the result type, or keep the body's value inside it"
                }),
            ),
            K::AssertFailed { message } => details(
                format!("assertion failed: {message}"),
                "this is false",
                None,
            ),
            K::OutsideDomain { key, ty } => details(
                format!("{key} is outside the domain {ty}"),
                "no such key",
                Some("a map has one entry per value of its key type"),
            ),
            K::IndexOutOfRange { index, len } => details(
                format!("index {index} is out of range for a sequence of length {len}"),
                "no such item",
                Some("sequence indices start at 0"),
            ),
            K::EmptySeq { op } => details(
                format!("`{op}` of an empty sequence"),
                "this sequence is empty",
                Some("check `len(s) > 0` first"),
            ),
            K::DivisionByZero => details("division by zero".into(), "this is 0", None),
            K::EmptyMinMax { op } => details(
                format!("`{op}` of an empty set"),
                "this set is empty",
                Some("check that the set is not `{}` first"),
            ),
            K::NothingToPick { empty: true } => details(
                "`pick` from an empty set".into(),
                "there is nothing to pick",
                Some("check that the set is not `{}` first"),
            ),
            K::NothingToPick { empty: false } => details(
                "`pick` found no element that satisfies its condition".into(),
                "no element satisfies this",
                Some("check `exists x in S: P` first"),
            ),
            K::MissingField { field, tag } => details(
                format!("`{tag}` has no field `{field}`"),
                "the value here is a different variant",
                Some("test the variant with `is` first"),
            ),
            K::AppendPastBound { bound } => details(
                format!("`append` past the sequence bound {bound}"),
                "this sequence is full",
                Some("check `len(s)` first, or raise the bound"),
            ),
            K::SubOutOfRange { from, to, len } => details(
                format!("`sub` of items {from}..{to} of a sequence of length {len}"),
                "outside the sequence",
                Some("`sub(s, i, j)` needs `0 <= i` and `j <= len(s)` (or `j <= i`: empty)"),
            ),
            K::NoInitialValue { var } => details(
                format!("`{var}` has no initial value"),
                "no initial value here",
                Some("give it one with `= e` or assign it on every branch of `init`"),
            ),
            K::Overflow { op } => details(
                format!("integer overflow in `{op}`"),
                "beyond 64-bit integers",
                None,
            ),
            K::TooLarge { what, size } => details(
                format!("{what} too large ({size} elements)"),
                "this would be too large",
                Some("at most 1,048,576 elements"),
            ),
            K::ReturnWithoutCall { event, client } => details(
                format!(
                    "the history is not well formed: its event at index {event} returns to {client}, which has no call pending"
                ),
                "this history",
                Some(HISTORY_HELP),
            ),
            K::CallWhilePending { event, client } => details(
                format!(
                    "the history is not well formed: its event at index {event} is a call of {client}, whose previous call has not returned"
                ),
                "this history",
                Some(HISTORY_HELP),
            ),
            K::InAbstract { spec, message } => details(
                format!("running {spec}, the spec this one refines, failed: {message}"),
                "the abstract spec is run here",
                Some("check the abstract spec on its own to see where"),
            ),
            K::Internal { expected } => details(
                format!("internal error: expected {expected}"),
                "here",
                Some("this is a bug in Ravel; please report it"),
            ),
        }
    }
}
