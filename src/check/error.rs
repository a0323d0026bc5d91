//! Check errors as data; their wording is in [`CheckErrorKind::details`].
//!
//! Each variant's doc comment shows a line of spec (or a `--const`) that
//! triggers it; `check/tests.rs` has a bad spec for each.

use crate::diagnostic::Details;
use crate::source::Span;

/// A semantic error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckError {
    /// What went wrong.
    pub kind: CheckErrorKind,
    /// Where in the spec; `None` for an error in a `--const` override.
    pub span: Option<Span>,
}

/// The kinds of semantic error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckErrorKind {
    /// A misuse of processes, channels, faults, partitions or time (see
    /// `desugar/error.rs`).
    Dist(super::desugar::DistErrorKind),
    /// `require tm_stat == init` where only `tm_state` is declared.
    UnknownName {
        /// The name as written.
        name: String,
        /// A declared name close to it.
        suggestion: Option<String>,
    },
    /// `(x is some(l) or y) and l > 0`: `l` is used where its `is`
    /// pattern's scope has ended.
    OutOfScope {
        /// The name as written.
        name: String,
    },
    /// `transition T: step is Comit => ...` where the action is `Commit`.
    UnknownAction {
        /// The name as written.
        name: String,
        /// An action close to it.
        suggestion: Option<String>,
    },
    /// `invariant Up: next(x) >= x`: `next` outside a `transition`, or
    /// `next(next(x))`.
    NextOutsideTransition,
    /// `next(x) > x leads_to done`: a step formula where the form takes
    /// state predicates only.
    StepFormulaInLiveness,
    /// `var s: Stat = idle` where only `State` is declared.
    UnknownType {
        /// The name as written.
        name: String,
        /// A declared type close to it.
        suggestion: Option<String>,
    },
    /// `|quorum()|` where only `quorums` is declared.
    UnknownFunction {
        /// The name as written.
        name: String,
        /// A function close to it.
        suggestion: Option<String>,
    },
    /// `Prepard { rm: r }` where the tag is `Prepared`.
    UnknownTag {
        /// The tag as written.
        name: String,
        /// A tag close to it.
        suggestion: Option<String>,
    },
    /// `p.bal` where `p: { ball: 0..2 }`.
    UnknownField {
        /// The type that lacks the field.
        ty: String,
        /// The field as written.
        field: String,
        /// A field of that type close to it.
        suggestion: Option<String>,
    },
    /// `--const M=3` where the spec declares only `N`.
    UnknownConst {
        /// The name given on the command line.
        name: String,
        /// A constant close to it.
        suggestion: Option<String>,
    },
    /// `require x + 1`: expected `bool`, found `int`.
    Mismatch {
        /// The type the context needs.
        expected: String,
        /// The type the expression has.
        found: String,
        /// The value fits inside the option the context needs: wrap it.
        wrap_in_some: bool,
    },
    /// `phase == up` where `phase: {on, off}` and `up` is of `{up, down}`:
    /// the two enums share no atom, so the comparison can never be true.
    Disjoint {
        /// The left operand's type.
        left: String,
        /// The right operand's (or the container's items') type.
        right: String,
        /// The operator, as written: `==`, `!=`, `in`, `not in`.
        op: &'static str,
    },
    /// `3 in x` where `x: bool`: the operator needs a set.
    ExpectedKind {
        /// What kind of value was needed, e.g. "a set".
        expected: &'static str,
        /// The type found.
        found: String,
    },
    /// `[m.bal for m in msgs]` where `msgs: set<Msg>`: a sequence
    /// comprehension ranges over a sequence.
    SeqForOverSet {
        /// The set's type.
        found: String,
    },
    /// `fold(acc = 0, x in s: acc or x)`: the step gives a value of another
    /// type than the accumulator's.
    FoldStep {
        /// The accumulator's name.
        acc: String,
        /// Its type.
        expected: String,
        /// The step's type.
        found: String,
    },
    /// `double(x, 1)` where `fn double(n: 0..8)`.
    Arity {
        /// The function.
        name: String,
        /// How many arguments it takes, e.g. "1" or "1 or 2".
        expected: String,
        /// How many were given.
        found: usize,
    },
    /// `var x: bool` declared twice, or a var named like a const.
    Duplicate {
        /// The name.
        name: String,
        /// What the earlier declaration is, e.g. "variable".
        previous: &'static str,
    },
    /// `var x: int = 0`.
    Unbounded {
        /// `int` or `nat`.
        name: String,
    },
    /// `var x: 3..1`.
    EmptyRange {
        /// The lower bound.
        lo: i64,
        /// The upper bound.
        hi: i64,
    },
    /// `var s: set<0..100000>`.
    SetTooLarge {
        /// The element type.
        elem: String,
    },
    /// `var m: 0..100000 -> bool`.
    MapKeyTooLarge {
        /// The key type.
        key: String,
    },
    /// `var q: seq<bool, 100>`.
    SeqBound {
        /// The bound written.
        bound: i64,
    },
    /// `N = 4` in an action, where `const N = 3`.
    AssignToConst {
        /// The constant.
        name: String,
    },
    /// `y = 2` where `let y = x + 1`.
    AssignToLocal {
        /// The local.
        name: String,
        /// What it is, e.g. "`let` binding".
        what: &'static str,
    },
    /// `f = 1` where `f` is a function, type, action or property.
    NotAssignable {
        /// The name.
        name: String,
        /// What it is.
        what: &'static str,
    },
    /// `init { x = 1 }` and later another `init { ... }`: the second would
    /// silently run after the first.
    InitTwice,
    /// `property P: forall s in {x}: eventually ...`: the set a property
    /// ranges over reads the state.
    TemporalDomain,
    /// `property P: forall some(v) in S: ...`: only names can be bound
    /// outside a temporal form.
    TemporalPattern,
    /// A second `view: ...` declaration.
    ViewTwice,
    /// A second `reduce interleavings`.
    ReduceTwice,
    /// A second `refines`.
    RefinesTwice,
    /// `fair Node or Deliver`: a process named in a group with others.
    FairGroupMixed {
        /// The process.
        process: String,
    },
    /// `refines "a.rvl" { x = 1, x = 2 }`.
    RefinesMappedTwice {
        /// The abstract variable.
        var: String,
    },
    /// An abstract variable that the mapping leaves out and that this spec
    /// has no variable of the same name for.
    RefinesUnmapped {
        /// The abstract spec.
        spec: String,
        /// Its variable.
        var: String,
    },
    /// `refines "a.rvl" { y = ... }` where the abstract spec has no `y`.
    RefinesUnknownVar {
        /// The abstract spec.
        spec: String,
        /// The name written.
        var: String,
        /// The abstract spec's variables.
        vars: Vec<String>,
    },
    /// A mapped value whose type cannot become the abstract variable's.
    RefinesMismatch {
        /// The abstract spec.
        spec: String,
        /// Its variable.
        var: String,
        /// The mapped expression's type.
        ty: String,
        /// The abstract variable's type.
        abstract_ty: String,
        /// What differs.
        why: String,
    },
    /// A constant of both specs with different values.
    RefinesConstDiffers {
        /// The abstract spec.
        spec: String,
        /// The constant.
        name: String,
    },
    /// The abstract spec's file cannot be read (or was not: the caller
    /// parsed this file alone).
    RefinesUnreadable {
        /// The path as written.
        path: String,
        /// Why.
        why: String,
    },
    /// The abstract spec has a syntax or check error (the first).
    RefinesBroken {
        /// The path as written.
        path: String,
        /// The file it was read from.
        file: String,
        /// Where, in that file.
        line: usize,
        /// Where, in that file.
        column: usize,
        /// The error's message.
        message: String,
    },
    /// `view: x + 1`: a view value whose type has no bound.
    ViewUnbounded {
        /// The expression's type.
        ty: String,
    },
    /// `view: x` in a spec with `property P: eventually ...`.
    ViewWithLiveness {
        /// The first liveness property.
        property: String,
    },
    /// `x = 1` then `x = 2` (or `m[k] = 1` then `m[k] = 2`) with no read of
    /// `x` (`m`) between.
    AssignedTwice {
        /// The variable.
        name: String,
    },
    /// `u.f = 1` where `u` is a union value.
    AssignUnionField {
        /// The field.
        field: String,
    },
    /// `committed == committed` where two enums have `committed`.
    AmbiguousAtom {
        /// The atom.
        name: String,
        /// The enums it belongs to.
        types: Vec<String>,
    },
    /// `let s = {}; |s| == 0`: nothing says what `{}` holds.
    NeedsContext {
        /// The expression, e.g. "`{}`".
        what: &'static str,
    },
    /// `Pong { n: k } in msgs` where `Pong` is a variant of `Other`, not of `Msg`.
    WrongUnion {
        /// The tag.
        tag: String,
        /// The union the tag belongs to.
        tag_union: String,
        /// The type the context has.
        expected: String,
    },
    /// `Prepared {}` where `Prepared` has a field `rm`.
    MissingField {
        /// The record type or tag.
        of: String,
        /// The missing field.
        field: String,
    },
    /// `{ a: 1, a: 2 }`.
    DuplicateField {
        /// The field.
        field: String,
    },
    /// `msgs += {Prepared}` where `Prepared` has fields.
    VariantNeedsFields {
        /// The tag.
        tag: String,
    },
    /// `m.n` where variant `A` has `n: bool` and `B` has `n: 0..3`.
    InconsistentField {
        /// The union.
        union: String,
        /// The field.
        field: String,
    },
    /// `x = is_quorum` where `is_quorum` is a function.
    NotAValue {
        /// The name.
        name: String,
        /// What it is.
        what: &'static str,
    },
    /// `msgs(1)` where `msgs` is a variable.
    NotAFunction {
        /// The name.
        name: String,
        /// What it is.
        what: &'static str,
    },
    /// `var x: N` where `const N = 3`.
    NotAType {
        /// The name.
        name: String,
        /// What it is.
        what: &'static str,
    },
    /// `const N = x + 1` where `x` is a state variable.
    NotConstant {
        /// The name.
        name: String,
        /// What it is.
        what: &'static str,
    },
    /// `const N = M + 1` before `const M = 2`.
    ConstOrder {
        /// The constant used too early.
        name: String,
    },
    /// An empty file, or a spec with no `var`: there is no state to explore.
    NoVariables {
        /// Whether the spec declares nothing at all.
        empty: bool,
    },
    /// `const N = 1 / 0`.
    ConstEval {
        /// Why it could not be computed.
        reason: String,
    },
    /// `--const RM=true` where `RM` is a set of model values.
    OverrideKind {
        /// The constant.
        name: String,
        /// What kind of value it needs.
        expected: String,
        /// What was given.
        found: String,
    },
    /// `--const 'RM={r1,,r2}'`.
    OverrideSyntax {
        /// The constant.
        name: String,
        /// The syntax error's wording.
        detail: String,
    },
    /// `--const N=M` where `M` is not a constant.
    OverrideInvalid {
        /// The constant.
        name: String,
        /// The first error's wording.
        detail: String,
    },
    /// `--const RM=-1`.
    ModelValueCount {
        /// The constant.
        name: String,
        /// The count given.
        count: i64,
    },
    /// `--const N=1 --const N=2`.
    OverrideTwice {
        /// The constant.
        name: String,
    },
    /// `fn f(n: 0..3) -> bool = f(n)`.
    Recursion {
        /// The functions in the cycle, starting and ending with the same one.
        chain: Vec<String>,
    },
    /// `type T = set<T>`.
    RecursiveType {
        /// The type.
        name: String,
    },
    /// `var y: bool` with no `= e` and no `y = ...` in `init`.
    NoInitialValue {
        /// The variable.
        name: String,
    },
    /// `[k in {1, 2}: true]`: a map literal's keys must be a whole type.
    MapDomain {
        /// The type of the domain written.
        found: String,
    },
    /// `linearizable(log, 0, step)` where `log: set<0..3>`: a history is a
    /// sequence of events.
    HistoryType {
        /// `linearizable` or `sequentially_consistent`.
        builtin: &'static str,
        /// The type found.
        found: String,
    },
    /// `linearizable(h, 0, step)` where `h: seq<Ev, 4>` and `Ev` has no
    /// variant with a `result` field.
    HistoryEvents {
        /// The event type.
        union: String,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// `linearizable(h, 0, 3)`: the third argument names a `fn`.
    StepNotFn {
        /// `linearizable` or `sequentially_consistent`.
        builtin: &'static str,
        /// A function whose name is close to the one written.
        suggestion: Option<String>,
    },
    /// `linearizable(h, 0, step)` where `fn step(s: 0..3) -> bool`.
    StepSignature {
        /// The step function.
        name: String,
        /// What does not fit.
        problem: String,
    },
}

impl CheckErrorKind {
    /// The wording of this error.
    pub fn details(&self) -> Details {
        use CheckErrorKind as K;
        match self {
            K::Dist(kind) => kind.details(),
            K::UnknownName { name, suggestion } => d(
                format!("unknown name `{name}`"),
                "not declared",
                did_you_mean(suggestion),
            ),
            K::OutOfScope { name } => d(
                format!("`{name}` is not in scope here"),
                "bound by an `is` pattern whose scope has ended",
                Some("a name bound by `e is some(x)` is visible in the rest of its `and`, after `=>`, and in the `then` branch or `if` block".into()),
            ),
            K::UnknownAction { name, suggestion } => d(
                format!("unknown action `{name}`"),
                "no action has this name",
                did_you_mean(suggestion),
            ),
            K::StepFormulaInLiveness => d(
                "a step formula (`next(...)`, `step is`) in a liveness property needs `eventually` or `always eventually`".into(),
                "this reads the step, not a state",
                Some("`always eventually step is A` holds when steps of `A` keep being taken (TLA+'s `[]<><<A>>_vars`); here, write a state predicate".into()),
            ),
            K::NextOutsideTransition => d(
                "`next` is only for `transition` properties".into(),
                "no step here to read the next state of",
                Some("declare the property as `transition Name: ...`, or read the step in `eventually` or `always eventually` (a `next` inside a `next` reads the same state: drop the inner one); in an action, an assignment already sets the next value".into()),
            ),
            K::UnknownType { name, suggestion } => d(
                format!("unknown type `{name}`"),
                "no type has this name",
                did_you_mean(suggestion),
            ),
            K::UnknownFunction { name, suggestion } => d(
                format!("unknown function `{name}`"),
                "no function has this name",
                did_you_mean(suggestion),
            ),
            K::UnknownTag { name, suggestion } => d(
                format!("unknown name `{name}`"),
                "no union has a variant with this tag",
                did_you_mean(suggestion),
            ),
            K::UnknownField {
                ty,
                field,
                suggestion,
            } => d(
                format!("`{ty}` has no field `{field}`"),
                format!("no field `{field}`"),
                did_you_mean(suggestion),
            ),
            K::UnknownConst { name, suggestion } => d(
                format!("--const: no constant `{name}` in the spec"),
                "",
                did_you_mean(suggestion)
                    .or_else(|| Some("only names declared with `const` can be set".into())),
            ),
            K::Mismatch {
                expected,
                found,
                wrap_in_some,
            } => d(
                format!("type mismatch: expected `{expected}`, found `{found}`"),
                format!("this is `{found}`, not `{expected}`"),
                wrap_in_some.then(|| {
                    "an option holds `none` or `some(v)`: write `some(...)` around the value"
                        .to_string()
                }),
            ),
            K::Disjoint { left, right, op } => d(
                format!("`{left}` and `{right}` have no value in common, so `{op}` is always {}",
                    matches!(*op, "!=" | "not in")),
                format!("this is `{right}`"),
                Some(format!(
                    "no value of `{left}` is a value of `{right}`: is an atom misspelt, or the wrong variable named?"
                )),
            ),
            K::ExpectedKind { expected, found } => d(
                format!("expected {expected}, found `{found}`"),
                format!("this is `{found}`"),
                None,
            ),
            K::SeqForOverSet { found } => d(
                format!("`[e for x in s]` ranges over a sequence, found `{found}`"),
                format!("this is `{found}`, a set"),
                Some("write `{ e for x in S }` to build a set from a set".into()),
            ),
            K::FoldStep {
                acc,
                expected,
                found,
            } => d(
                format!("the step of `fold` gives `{found}`, but `{acc}` is `{expected}`"),
                format!("this is `{found}`, not `{expected}`"),
                Some(format!(
                    "the step is `{acc}`'s next value, e.g. `fold({acc} = 0, x in S: {acc} + x)`"
                )),
            ),
            K::Arity {
                name,
                expected,
                found,
            } => d(
                format!(
                    "`{name}` takes {expected} argument{}, but {found} {} given",
                    if expected == "1" { "" } else { "s" },
                    if *found == 1 { "was" } else { "were" }
                ),
                format!("{found} given here"),
                None,
            ),
            K::Duplicate { name, previous } => d(
                format!("`{name}` is declared twice"),
                format!("already declared as {}", with_article(previous)),
                Some("rename one of them".into()),
            ),
            K::Unbounded { name } => d(
                format!("unbounded type `{name}`"),
                format!("`{name}` has infinitely many values"),
                Some("every stored value needs a finite type: use a range such as `0..3`".into()),
            ),
            K::EmptyRange { lo, hi } => d(
                format!("empty range `{lo}..{hi}`"),
                "the lower bound is above the upper bound",
                Some("write the smaller bound first".into()),
            ),
            K::SetTooLarge { elem } => d(
                format!("set element type `{elem}` is too large"),
                "more than 65,536 values",
                Some("a `set<T>` needs `T` to have at most 65,536 values".into()),
            ),
            K::MapKeyTooLarge { key } => d(
                format!("map key type `{key}` is too large"),
                "more than 65,536 keys",
                Some("a map `K -> V` needs `K` to have at most 65,536 values".into()),
            ),
            K::SeqBound { bound } => d(
                format!("sequence bound {bound} is out of range"),
                "not in 0..64",
                Some("a `seq<T, N>` needs `N` between 0 and 64".into()),
            ),
            K::AssignToConst { name } => d(
                format!("cannot assign to constant `{name}`"),
                "a constant",
                Some("constants are fixed for a run; declare a `var` to change it".into()),
            ),
            K::AssignToLocal { name, what } => d(
                format!("cannot assign to `{name}`"),
                format!("{}, which cannot change", with_article(what)),
                Some("only state variables can be assigned; use a new `let` name".into()),
            ),
            K::NotAssignable { name, what } => d(
                format!("cannot assign to `{name}`"),
                with_article(what),
                Some("only state variables can be assigned".into()),
            ),
            K::TemporalDomain => d(
                "the set a property ranges over must be a constant".to_string(),
                "this reads the state",
                Some(
                    "`property P: forall s in S: ...` stands for one property per value of `s`, \
                     so `S` must be known before the search: a constant set, a type, or an \
                     expression over constants; to quantify over a changing set, put the \
                     `forall` inside the temporal form (`eventually forall s in S: ...`)"
                        .into(),
                ),
            ),
            K::TemporalPattern => d(
                "only names can be bound before a temporal form".to_string(),
                "a pattern",
                Some("bind a name (`forall s in S:`) and test its shape inside the predicate".into()),
            ),
            K::FairGroupMixed { process } => d(
                format!("`{process}` is a process, in a group with other names"),
                "a process's actions are grouped per instance",
                Some(format!(
                    "`fair {process}` alone makes each instance's actions fair together; to \
                     group actions across instances, name the actions (`fair A or B`)"
                )),
            ),
            K::RefinesTwice => d(
                "a second `refines`".to_string(),
                "the spec already refines another above",
                Some(
                    "a spec refines one abstract spec; check a chain one level at a time \
                     (the abstract spec may itself declare `refines`)"
                        .into(),
                ),
            ),
            K::RefinesMappedTwice { var } => d(
                format!("`{var}` is mapped twice"),
                "mapped again here",
                Some("give each abstract variable one value".into()),
            ),
            K::RefinesUnmapped { spec, var } => d(
                format!("{spec}'s variable `{var}` is not mapped, and this spec has no variable `{var}`"),
                format!("{spec} has `{var}`"),
                Some(format!(
                    "say what `{var}` is in terms of this spec's state: `refines \"...\" {{ {var} = ... }}`"
                )),
            ),
            K::RefinesUnknownVar { spec, var, vars } => d(
                format!("{spec} has no variable `{var}`"),
                "not a variable of the abstract spec",
                Some(format!("its variables are {}", vars.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", "))),
            ),
            K::RefinesMismatch {
                spec,
                var,
                ty,
                abstract_ty,
                why,
            } => d(
                format!("this value cannot be {spec}'s `{var}`: it is a `{ty}`, and `{var}` is a `{abstract_ty}`"),
                why.clone(),
                Some(
                    "values are carried across by name: atoms and model values, record fields \
                     and union tags must have the names they have in the abstract spec, \
                     and a map's keys must be the same"
                        .into(),
                ),
            ),
            K::RefinesConstDiffers { spec, name } => d(
                format!("the constant `{name}` has one value here and another in {spec}"),
                format!("{spec} is checked with this spec's `{name}`"),
                Some(format!(
                    "integers, booleans and sets of model values are passed to {spec}; \
                     a constant computed from them (`{name}`) must come out the same in both"
                )),
            ),
            K::RefinesUnreadable { path, why } => d(
                format!("cannot read `{path}`, the spec this one refines: {why}"),
                "the path is relative to this spec's file",
                None,
            ),
            K::RefinesBroken {
                path,
                file,
                line,
                column,
                message,
            } => d(
                format!("`{path}`, the spec this one refines, has an error at {line}:{column}: {message}"),
                "checked with this spec's constants",
                Some(format!("run `ravel check {file}` to see it in full")),
            ),
            K::ReduceTwice => d(
                "a second `reduce interleavings`".to_string(),
                "the reduction is already declared above",
                Some("declare `reduce interleavings` once".into()),
            ),
            K::ViewTwice => d(
                "a second `view`".to_string(),
                "a view is already declared above",
                Some("list every value that tells states apart in one `view: e1, e2, ...`".into()),
            ),
            K::ViewUnbounded { ty } => d(
                format!("a view's value must have a bounded type; this is `{ty}`"),
                "no bound on this value",
                Some(
                    "the view is stored in each state's place, so its values need a finite type: \
                     view a variable, or call a function that declares its result's range \
                     (`fn load() -> 0..9 = ...`)"
                        .into(),
                ),
            ),
            K::ViewWithLiveness { property } => d(
                format!("a view cannot be checked together with the liveness property `{property}`"),
                "the view is declared here",
                Some(
                    "a view merges states, and a cycle through merged states need not be a \
                     behaviour of the spec; check liveness in a run without the view"
                        .into(),
                ),
            ),
            K::InitTwice => d(
                "a second `init` block".to_string(),
                "`init` is already given above",
                Some("write all initial statements in one `init` block".into()),
            ),
            K::AssignedTwice { name } => d(
                format!("`{name}` is assigned twice with no read in between"),
                "this overwrites the value assigned before it",
                Some("the first value can never be seen: remove one of the assignments".into()),
            ),
            K::AssignUnionField { field } => d(
                format!("cannot assign to field `{field}` of a union value"),
                "a union value",
                Some("assign the whole value, e.g. `x = Tag { ... }`".into()),
            ),
            K::AmbiguousAtom { name, types } => d(
                format!("ambiguous atom `{name}`"),
                format!("could be {}", quoted_list(types)),
                Some("use it where the type is known, e.g. compare it with a variable".into()),
            ),
            K::NeedsContext { what } => d(
                format!("cannot tell the type of {what}"),
                "its type is unknown here",
                Some("use it where the type is known, e.g. compare it with a variable".into()),
            ),
            K::WrongUnion {
                tag,
                tag_union,
                expected,
            } => d(
                format!("`{tag}` is a variant of `{tag_union}`, not of `{expected}`"),
                format!("a tag of `{tag_union}`"),
                Some(format!("use a tag of `{expected}`")),
            ),
            K::MissingField { of, field } => d(
                format!("missing field `{field}` of `{of}`"),
                format!("`{field}` is not given"),
                None,
            ),
            K::DuplicateField { field } => d(
                format!("field `{field}` is given twice"),
                "given again here",
                None,
            ),
            K::VariantNeedsFields { tag } => d(
                format!("variant `{tag}` has fields"),
                "its fields are missing",
                Some(format!("write `{tag} {{ ... }}` with its fields")),
            ),
            K::InconsistentField { union, field } => d(
                format!("field `{field}` has different types in the variants of `{union}`"),
                "its type depends on the variant",
                Some("match the variant with a pattern instead".into()),
            ),
            K::NotAValue { name, what } => d(
                format!("`{name}` is {}, not a value", with_article(what)),
                "not a value",
                (*what == "function").then(|| format!("call it: `{name}(...)`")),
            ),
            K::NotAFunction { name, what } => d(
                format!("`{name}` is {}, not a function", with_article(what)),
                "cannot be called",
                None,
            ),
            K::NotAType { name, what } => d(
                format!("`{name}` is {}, not a type", with_article(what)),
                "not a type",
                None,
            ),
            K::NotConstant { name, what } => d(
                format!("`{name}` is {}, not a constant", with_article(what)),
                "not known before the run",
                Some("constants and types may use only constants".into()),
            ),
            K::ConstOrder { name } => d(
                format!("constant `{name}` is used before its declaration"),
                "declared later",
                Some("declare it before the constant that uses it".into()),
            ),
            K::NoVariables { empty: true } => d(
                "the spec is empty: there is nothing to check".into(),
                "",
                Some(
                    "declare the state with `var name: Type = value` and actions that change it"
                        .into(),
                ),
            ),
            K::NoVariables { empty: false } => d(
                "the spec declares no state variable: there is no state to explore".into(),
                "",
                Some("declare the state with `var name: Type = value`".into()),
            ),
            K::ConstEval { reason } => d(
                format!("cannot compute this constant: {reason}"),
                reason.clone(),
                None,
            ),
            K::OverrideKind {
                name,
                expected,
                found,
            } => d(
                format!("--const {name}: expected {expected}, found {found}"),
                format!("`{name}` is declared here"),
                Some(if expected.contains("model values") {
                    format!("give new model values, `{name}={{a,b,c}}`, or how many, `{name}=3`")
                } else {
                    format!("`{name}` is declared as {expected}")
                }),
            ),
            K::OverrideSyntax { name, detail } => d(
                format!("--const {name}: {detail}"),
                format!("`{name}` is declared here"),
                Some("write `NAME=3`, `NAME=true` or `NAME={a,b,c}`".into()),
            ),
            K::OverrideInvalid { name, detail } => d(
                format!("--const {name}: {detail}"),
                format!("`{name}` is declared here"),
                None,
            ),
            K::ModelValueCount { name, count } => d(
                format!("--const {name}: cannot make {count} model values"),
                format!("`{name}` is declared here"),
                Some("give a count from 0 to 65,536".into()),
            ),
            K::OverrideTwice { name } => d(
                format!("--const {name} is given twice"),
                format!("`{name}` is declared here"),
                Some("keep one of them".into()),
            ),
            K::Recursion { chain } => d(
                format!("recursive function: {}", chain_text(chain)),
                "this call closes the cycle",
                Some(
                    "functions may not call themselves, directly or not: a `fold` over a sequence or a set computes what a recursive sum or loop would"
                        .into(),
                ),
            ),
            K::RecursiveType { name } => d(
                format!("recursive type `{name}`"),
                "the type contains itself",
                Some("every type must be finite".into()),
            ),
            K::NoInitialValue { name } => d(
                format!("`{name}` has no initial value"),
                "no `= value`, and `init` never assigns it whole",
                Some(format!(
                    "write `= value` or assign `{name}` in an `init` block; a map may \
                     get its entries one by one at the top of `init` (`{name}[k] = ...` \
                     for every key, or `for k in K {{ {name}[k] = ... }}`), if nothing \
                     reads `{name}` before the last"
                )),
            ),
            K::HistoryType { builtin, found } => d(
                format!("`{builtin}` needs a history, a `seq` of events, not `{found}`"),
                format!("this is `{found}`"),
                Some(HISTORY_HELP.into()),
            ),
            K::HistoryEvents { union, problem } => d(
                format!("`{union}` is not a history's events: {problem}"),
                format!("a history of `{union}` events"),
                Some(HISTORY_HELP.into()),
            ),
            K::StepNotFn {
                builtin,
                suggestion,
            } => d(
                format!("the third argument of `{builtin}` must name a function"),
                "not the name of a `fn`",
                did_you_mean(suggestion).or_else(|| {
                    Some(
                        "pass the object's `fn step(state: S, op: Op) -> { state: S, result: R }` by name"
                            .into(),
                    )
                }),
            ),
            K::StepSignature { name, problem } => d(
                format!("`{name}` cannot step this history's object: {problem}"),
                "the step function",
                Some(format!(
                    "declare `fn {name}(state: S, op: Op) -> {{ state: S, result: R }}`, \
                     with the calls' `op` type and the returns' `result` type"
                )),
            ),
            K::MapDomain { found } => d(
                "the keys of a map literal must be a whole type".into(),
                format!("this is a `{found}` value, not a type"),
                Some("write a type name or a constant range, e.g. `[k in 0..3: ...]`".into()),
            ),
        }
    }
}

/// How to record a history, for its errors.
const HISTORY_HELP: &str = "record events of a union like `Call { client: C, op: Op } | \
     Return { client: C, result: R }` in a `seq<Event, N>`";

fn d(message: String, label: impl Into<String>, help: Option<String>) -> Details {
    Details {
        message,
        label: label.into(),
        help,
    }
}

/// "a variable", "an action".
fn with_article(noun: &str) -> String {
    let vowel = noun.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {noun}", if vowel { "an" } else { "a" })
}

fn did_you_mean(suggestion: &Option<String>) -> Option<String> {
    suggestion.as_ref().map(|s| format!("did you mean `{s}`?"))
}

fn quoted_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|t| format!("`{t}`")).collect();
    quoted.join(" or ")
}

fn chain_text(chain: &[String]) -> String {
    let quoted: Vec<String> = chain.iter().map(|t| format!("`{t}`")).collect();
    quoted.join(" calls ")
}
