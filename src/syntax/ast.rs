//! The untyped syntax tree, as written, with a span on every node.
//!
//! Names are plain strings here; `check` resolves them. Nothing in this file
//! knows about types beyond their written form.

use crate::source::Span;

/// A name as written, with where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    /// The text of the name.
    pub name: String,
    /// Where it stands.
    pub span: Span,
}

/// A whole spec file.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    /// `spec Name`, if given.
    pub name: Option<Ident>,
    /// Declarations in source order.
    pub items: Vec<Item>,
}

/// One top-level declaration.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// `const RM = {r1, r2}` or `const N = 3`.
    Const(ConstDecl),
    /// `type Msg = ...`.
    Type(TypeDecl),
    /// `var x: T = e`.
    Var(VarDecl),
    /// `init { ... }`.
    Init(Block),
    /// `fn f(x: T) -> U = e`.
    Fn(FnDecl),
    /// `action A(p: T) { ... }`.
    Action(ActionDecl),
    /// `invariant`, `reachable`, `constraint`, `terminal`.
    Property(PropertyDecl),
    /// `property Name: eventually P` and the other temporal forms.
    Liveness(LivenessDecl),
    /// `process Node[n in Nodes] (...) { ... }`.
    Process(ProcessDecl),
    /// `channel net: Msg from Node to Node (...)`.
    Channel(ChannelDecl),
    /// `time 0..MaxTime (drift D)`.
    Time(TimeDecl),
    /// `partition at most K`.
    Partition(PartitionDecl),
    /// `view: e1, e2`.
    View(ViewDecl),
    /// `reduce interleavings` (partial-order reduction), where declared.
    Reduce(Span),
    /// `refines "voting.rvl" { votes = e }`.
    Refines(RefinesDecl),
    /// `fair A or B`: fairness of a group of actions taken together.
    Fair(FairDecl),
}

/// `fair A or B` / `strong fair A or B`: the instances of the named
/// actions, taken together, are fair; a process's name stands for its
/// actions, grouped per instance.
#[derive(Clone, Debug, PartialEq)]
pub struct FairDecl {
    /// Weak or strong (never `None`).
    pub fairness: Fairness,
    /// The actions or the process named, in order.
    pub members: Vec<Ident>,
    /// The whole declaration.
    pub span: Span,
}

/// `process Name[id in T] (options) { vars, timers, actions }`: a kind of
/// process, one instance per value of `T` (or a single one without `[...]`).
#[derive(Clone, Debug, PartialEq)]
pub struct ProcessDecl {
    /// `fair process` / `strong fair process`: the default fairness of its
    /// actions.
    pub fairness: Fairness,
    /// The kind's name (`Node`).
    pub name: Ident,
    /// `[n in Nodes]`: the name of an instance's id and the type of ids.
    pub index: Option<ProcessIndex>,
    /// `(crash at most 1, restart, pause)`.
    pub options: Vec<ProcessOption>,
    /// Its local variables, in order.
    pub vars: Vec<ProcessVar>,
    /// `timer t`: its timers, in order.
    pub timers: Vec<Ident>,
    /// Its actions, in order.
    pub actions: Vec<ActionDecl>,
    /// The whole declaration.
    pub span: Span,
}

/// `[n in Nodes]` after a process's name.
#[derive(Clone, Debug, PartialEq)]
pub struct ProcessIndex {
    /// The name an instance calls its own id (besides `self`).
    pub id: Ident,
    /// The type of ids.
    pub ty: TypeExpr,
}

/// One fault a process is subject to.
#[derive(Clone, Debug, PartialEq)]
pub enum ProcessOption {
    /// `crash` / `crash at most K`: an instance may stop for good.
    Crash {
        /// At most this many crashes in all (instances together).
        budget: Option<Expr>,
        /// Where it is written.
        span: Span,
    },
    /// `restart`: a crashed instance may come back, its volatile variables reset.
    Restart {
        /// Where it is written.
        span: Span,
    },
    /// `pause` / `pause at most K`: a `pause` statement may stall the instance.
    Pause {
        /// At most this many pauses in all.
        budget: Option<Expr>,
        /// Where it is written.
        span: Span,
    },
}

/// A process's local variable; `durable` ones survive a restart.
#[derive(Clone, Debug, PartialEq)]
pub struct ProcessVar {
    /// `durable var ...`.
    pub durable: bool,
    /// The declaration as a plain variable of one instance.
    pub decl: VarDecl,
}

/// `channel name: Msg from A to B (options)`.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelDecl {
    /// The channel's name.
    pub name: Ident,
    /// The type of its messages.
    pub msg: TypeExpr,
    /// `from A to B`: the process kinds that send and receive (unaddressed
    /// when absent: any action sends, any receives).
    pub link: Option<(Ident, Ident)>,
    /// Its delivery semantics, as written.
    pub options: Vec<ChannelOption>,
    /// The whole declaration.
    pub span: Span,
}

/// One option of a channel, with where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelOption {
    /// Which option.
    pub kind: ChannelOptionKind,
    /// Where it is written.
    pub span: Span,
}

/// The options of a channel.
#[derive(Clone, Debug, PartialEq)]
pub enum ChannelOptionKind {
    /// `ordered`: first in, first out per link.
    Ordered,
    /// `unordered` (the default).
    Unordered,
    /// `lossy` / `lossy at most K`: a message may be dropped.
    Lossy(Option<Expr>),
    /// `duplicating` / `duplicating at most K`: a message may be delivered
    /// more than once.
    Duplicating(Option<Expr>),
    /// `bag`: identical messages in flight are counted.
    Bag,
    /// `set` (the default for unordered): identical messages merge.
    Set,
    /// `capacity N`: at most N messages in flight per link.
    Capacity(Expr),
}

/// `time lo..hi (drift d)`.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeDecl {
    /// The first instant.
    pub lo: Expr,
    /// The last instant: time stops here.
    pub hi: Expr,
    /// How far a process's clock may run ahead of or behind `now`.
    pub drift: Option<Expr>,
    /// The whole declaration.
    pub span: Span,
}

/// `partition` / `partition at most K`.
#[derive(Clone, Debug, PartialEq)]
pub struct PartitionDecl {
    /// At most this many partitions.
    pub budget: Option<Expr>,
    /// The whole declaration.
    pub span: Span,
}

/// `const NAME = ...`.
#[derive(Clone, Debug, PartialEq)]
pub struct ConstDecl {
    /// The constant's name.
    pub name: Ident,
    /// Its default value (the CLI may override it).
    pub value: ConstValue,
    /// The whole declaration.
    pub span: Span,
}

/// The written value of a constant.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    /// `{r1, r2}` or `symmetric {r1, r2}`: a set of fresh model values, which
    /// also makes the constant's name a type.
    ModelValues {
        /// Whether `symmetric` was written.
        symmetric: bool,
        /// The model values.
        values: Vec<Ident>,
        /// The braces and what is inside.
        span: Span,
    },
    /// Any other constant: an expression over earlier constants.
    Expr(Expr),
}

/// `type NAME = ...`.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDecl {
    /// The type's name.
    pub name: Ident,
    /// What it stands for.
    pub def: TypeDef,
    /// The whole declaration.
    pub span: Span,
}

/// The right-hand side of a type declaration.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeDef {
    /// `A { f: T } | B | C`: a tagged union (also one variant with fields).
    Union(Vec<Variant>),
    /// Any other type expression: an alias.
    Alias(TypeExpr),
}

/// One variant of a tagged union.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    /// Its tag.
    pub name: Ident,
    /// Its fields (empty for `B`).
    pub fields: Vec<FieldDecl>,
    /// The variant as written.
    pub span: Span,
}

/// `name: T` in a record or variant.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDecl {
    /// The field's name.
    pub name: Ident,
    /// Its type.
    pub ty: TypeExpr,
}

/// A type as written.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeExpr {
    /// Which type.
    pub kind: TypeExprKind,
    /// Where it is written.
    pub span: Span,
}

/// The forms of a written type.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeExprKind {
    /// `bool`.
    Bool,
    /// `lo..hi`, bounds being constant expressions.
    Range(Box<Expr>, Box<Expr>),
    /// `{a, b, c}`: an enum of atoms.
    Enum(Vec<Ident>),
    /// `{ f: T, g: U }`.
    Record(Vec<FieldDecl>),
    /// `set<T>`.
    Set(Box<TypeExpr>),
    /// `option<T>`.
    Option(Box<TypeExpr>),
    /// `seq<T, N>`, N a constant expression.
    Seq(Box<TypeExpr>, Box<Expr>),
    /// `K -> V`.
    Map(Box<TypeExpr>, Box<TypeExpr>),
    /// A declared type or model-value constant, or a built-in name such as
    /// `int` (which `check` rejects as unbounded where storage needs it).
    Named(Ident),
}

/// `var name: T = e` (the initial value may come from `init` instead).
#[derive(Clone, Debug, PartialEq)]
pub struct VarDecl {
    /// The variable.
    pub name: Ident,
    /// Its type.
    pub ty: TypeExpr,
    /// Its initial value, if given here.
    pub init: Option<Expr>,
    /// The whole declaration.
    pub span: Span,
}

/// `fn name(x: T, ...) -> U = body`: a pure helper.
#[derive(Clone, Debug, PartialEq)]
pub struct FnDecl {
    /// The function's name.
    pub name: Ident,
    /// Its parameters.
    pub params: Vec<FnParam>,
    /// Its result type.
    pub result: TypeExpr,
    /// Its body.
    pub body: Expr,
    /// The whole declaration.
    pub span: Span,
}

/// `x: T` in a function's parameter list.
#[derive(Clone, Debug, PartialEq)]
pub struct FnParam {
    /// The parameter.
    pub name: Ident,
    /// Its type.
    pub ty: TypeExpr,
}

/// `action Name(params) { body }`.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionDecl {
    /// `fair` / `strong fair` written before `action`.
    pub fairness: Fairness,
    /// The action's name.
    pub name: Ident,
    /// Its parameters, each ranging over a type or a set.
    pub params: Vec<ActionParam>,
    /// Its body.
    pub body: Block,
    /// The whole declaration.
    pub span: Span,
}

/// The fairness of an action, applied to each of its instances (each
/// combination of parameter values) separately.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Fairness {
    /// No fairness: the system may stop taking this action at any point.
    #[default]
    None,
    /// `fair action`: an instance enabled continuously from some point on
    /// is eventually taken (TLA+'s `WF_vars`).
    Weak,
    /// `strong fair action`: an instance enabled infinitely often is taken
    /// infinitely often (TLA+'s `SF_vars`).
    Strong,
}

/// One parameter of an action.
// A spec has a handful of parameters, built once: boxing the larger
// variant would only add an indirection.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum ActionParam {
    /// `r: RM`: one action instance per value of the type.
    Typed {
        /// The parameter.
        name: Ident,
        /// The type it ranges over.
        ty: TypeExpr,
    },
    /// `P1a { bal: b } in msgs`: one instance per matching element.
    In {
        /// What each element must match, and the names it binds.
        pattern: Pattern,
        /// `from p`: the sender of a message received from a channel.
        sender: Option<Box<Pattern>>,
        /// The set it ranges over (may depend on the state and on earlier
        /// parameters).
        domain: Expr,
    },
}

/// The kinds of state property.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PropertyKind {
    /// Holds in every reachable state.
    Invariant,
    /// Holds in at least one reachable state.
    Reachable,
    /// States outside it are not stored or expanded (as TLC's CONSTRAINT).
    Constraint,
    /// States where stopping is legitimate (no deadlock reported).
    Terminal,
    /// Holds on every step that changes the state, reading the state
    /// before and (through `next(e)`) after it: TLA+'s `[][P]_vars`.
    Transition,
    /// Holds in every initial state. Not written: the initial-state half
    /// of a `refines` is one.
    Initial,
}

/// `invariant Name: expr` and its siblings.
#[derive(Clone, Debug, PartialEq)]
pub struct PropertyDecl {
    /// Which kind.
    pub kind: PropertyKind,
    /// Its name.
    pub name: Ident,
    /// The state predicate.
    pub body: Expr,
    /// The whole declaration.
    pub span: Span,
}

/// `view: e1, e2`: what tells states apart (TLC's VIEW).
#[derive(Clone, Debug, PartialEq)]
pub struct ViewDecl {
    /// The expressions over the state, in order.
    pub exprs: Vec<Expr>,
    /// The whole declaration.
    pub span: Span,
}

/// `refines "voting.rvl" { votes = e }`: this spec implements the spec in
/// that file under a mapping of its variables.
#[derive(Clone, Debug, PartialEq)]
pub struct RefinesDecl {
    /// The path as written, relative to this spec's file.
    pub path: String,
    /// Where the path is written.
    pub path_span: Span,
    /// `var = e`: what each abstract variable is, over this spec's state.
    pub entries: Vec<MappingEntry>,
    /// The abstract spec, once read (see [`Loaded`]); `None` when the
    /// caller parsed this file alone.
    pub loaded: Option<Box<Loaded>>,
    /// The whole declaration.
    pub span: Span,
}

/// `votes = e` in a `refines` mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct MappingEntry {
    /// The abstract spec's variable.
    pub var: Ident,
    /// Its value, over this spec's state.
    pub expr: Expr,
}

/// The file a `refines` names, as read and parsed by whoever read it.
#[derive(Clone, Debug, PartialEq)]
pub enum Loaded {
    /// It was read.
    Read {
        /// Its text and name (the path it was read from).
        source: crate::source::Source,
        /// It parsed, or where it did not.
        parsed: Result<Spec, super::SyntaxError>,
    },
    /// It could not be read: why.
    Unreadable(String),
}

/// `property Name: ...`: a temporal property over infinite behaviours.
#[derive(Clone, Debug, PartialEq)]
pub struct LivenessDecl {
    /// Its name.
    pub name: Ident,
    /// `forall s in S:` before the temporal form: one property per value.
    pub binders: Vec<Binder>,
    /// Its temporal formulas, joined by `and`: it holds when each does.
    pub parts: Vec<LivenessPart>,
    /// The whole declaration.
    pub span: Span,
}

/// One temporal formula of a property.
#[derive(Clone, Debug, PartialEq)]
pub struct LivenessPart {
    /// Which temporal form, with its state predicates.
    pub kind: LivenessKind,
    /// The formula.
    pub span: Span,
}

/// The temporal forms; `P` and `Q` are state predicates.
#[derive(Clone, Debug, PartialEq)]
pub enum LivenessKind<E = Expr> {
    /// `eventually P` (TLA+'s `<>P`).
    Eventually(E),
    /// `always eventually P` (`[]<>P`).
    AlwaysEventually(E),
    /// `eventually always P` (`<>[]P`).
    EventuallyAlways(E),
    /// `P leads_to Q` (`[](P => <>Q)`).
    LeadsTo(E, E),
    /// `P => eventually Q` (`P => <>Q`): `P` of the initial state.
    EventuallyFrom(E, E),
    /// `P => eventually always Q` (`P => <>[]Q`): `P` of the initial state.
    EventuallyAlwaysFrom(E, E),
}

impl<E> LivenessKind<E> {
    /// The same form with each predicate mapped, in written order.
    pub fn map<F>(&self, mut f: impl FnMut(&E) -> F) -> LivenessKind<F> {
        match self {
            LivenessKind::Eventually(p) => LivenessKind::Eventually(f(p)),
            LivenessKind::AlwaysEventually(p) => LivenessKind::AlwaysEventually(f(p)),
            LivenessKind::EventuallyAlways(p) => LivenessKind::EventuallyAlways(f(p)),
            LivenessKind::LeadsTo(p, q) => {
                let p = f(p);
                LivenessKind::LeadsTo(p, f(q))
            }
            LivenessKind::EventuallyFrom(p, q) => {
                let p = f(p);
                LivenessKind::EventuallyFrom(p, f(q))
            }
            LivenessKind::EventuallyAlwaysFrom(p, q) => {
                let p = f(p);
                LivenessKind::EventuallyAlwaysFrom(p, f(q))
            }
        }
    }
}

/// `{ stmt* }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Statements in order.
    pub stmts: Vec<Stmt>,
    /// The braces and what is inside.
    pub span: Span,
}

/// A statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// Which statement.
    pub kind: StmtKind,
    /// Where it is written.
    pub span: Span,
}

/// The forms of statement.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// `require cond`: drop this branch unless cond holds.
    Require(Expr),
    /// `assert cond, "message"`: a failure is an error with a trace.
    Assert(Expr, Option<String>),
    /// `let x = e`.
    Let(Ident, Expr),
    /// `place = e`, `place += e`, `place -= e`.
    Assign {
        /// What is assigned.
        place: Place,
        /// `=`, `+=` or `-=`.
        op: AssignOp,
        /// The value.
        value: Expr,
    },
    /// `if c { } else { }` (an `else if` chain nests in `els`).
    If {
        /// The condition.
        cond: Expr,
        /// Taken when it holds.
        then: Block,
        /// Taken otherwise (empty when absent).
        els: Option<Block>,
    },
    /// `choose x in S { }`: one branch per element.
    Choose {
        /// What each element must match.
        pattern: Pattern,
        /// The set.
        domain: Expr,
        /// Run for each matching element.
        body: Block,
    },
    /// `either { } or { }`: one branch per block.
    Either(Vec<Block>),
    /// `for x in S { }`: the body once per element, in order, sequentially.
    For {
        /// What each element must match.
        pattern: Pattern,
        /// The set.
        domain: Expr,
        /// The body.
        body: Block,
    },
    /// `send m to p on net` / `broadcast m to S on net`.
    Send {
        /// `broadcast`: to every receiver (or every one in `to`).
        broadcast: bool,
        /// The message.
        msg: Expr,
        /// `to p` (a receiver; for `broadcast`, a set of receivers).
        to: Option<Expr>,
        /// `on net` (needed when more than one channel could carry it).
        channel: Option<Ident>,
    },
    /// `start t after d`: the timer expires `d` ticks from now on the
    /// process's clock.
    StartTimer(Ident, Expr),
    /// `stop t`.
    StopTimer(Ident),
    /// `pause`: the process may be stalled here while others (and time) go on.
    Pause,
}

/// `=`, `+=`, `-=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    /// `=`.
    Set,
    /// `+=` (set union or integer addition).
    Add,
    /// `-=` (set difference or integer subtraction).
    Sub,
}

/// The target of an assignment: `x`, `x[k]`, `x.f`, `x[k].f[j]` ...
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The state variable (or `let` name, which `check` rejects).
    pub root: Ident,
    /// Indexing and field steps, outermost first.
    pub path: Vec<PlaceStep>,
    /// The whole place.
    pub span: Span,
}

/// One step of a place.
#[derive(Clone, Debug, PartialEq)]
pub enum PlaceStep {
    /// `[key]`.
    Index(Expr),
    /// `.field`.
    Field(Ident),
}

/// A pattern that an element must match; it binds names.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    /// Which pattern.
    pub kind: PatternKind,
    /// `as name`: also bind the whole value.
    pub alias: Option<Ident>,
    /// Where it is written.
    pub span: Span,
}

/// The forms of pattern.
#[derive(Clone, Debug, PartialEq)]
pub enum PatternKind {
    /// `x`: bind anything (or, if `x` names a variant without fields, match it).
    Name(Ident),
    /// `_`.
    Wildcard,
    /// `Tag { f: p, g }`: match the variant; `g` alone binds the field to `g`.
    Variant {
        /// The tag.
        tag: Ident,
        /// Field patterns; fields not named are not constrained.
        fields: Vec<(Ident, Pattern)>,
    },
    /// `some(p)`.
    Some(Box<Pattern>),
    /// `none`.
    None,
    /// `true`, `-1`: matches that value only.
    Literal(Expr),
}

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// Which expression.
    pub kind: ExprKind,
    /// Where it is written.
    pub span: Span,
}

/// Binary operators, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `=>`.
    Implies,
    /// `or`.
    Or,
    /// `and`.
    And,
    /// `==`.
    Eq,
    /// `!=`.
    Ne,
    /// `<` (also proper subset).
    Lt,
    /// `<=` (also subset).
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
    /// `in`.
    In,
    /// `not in`.
    NotIn,
    /// `..`: the set of integers from lo to hi.
    Range,
    /// `+` (also set union).
    Add,
    /// `-` (also set difference).
    Sub,
    /// `union`.
    Union,
    /// `*`.
    Mul,
    /// `/` (integer division, rounding toward negative infinity).
    Div,
    /// `%`.
    Mod,
    /// `intersect`.
    Intersect,
    /// `++`: sequence concatenation.
    Concat,
}

/// Quantifier kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quant {
    /// `forall`.
    Forall,
    /// `exists`.
    Exists,
}

/// `p1, p2 in S`: one or more patterns over one set.
#[derive(Clone, Debug, PartialEq)]
pub struct Binder {
    /// The patterns, each ranging over the set independently.
    pub patterns: Vec<Pattern>,
    /// The set.
    pub domain: Expr,
}

/// The forms of expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `42`.
    Int(i64),
    /// `true`, `false`.
    Bool(bool),
    /// `none`.
    None,
    /// `some(e)`.
    Some(Box<Expr>),
    /// A name: variable, constant, local, enum atom, model value, variant
    /// without fields, or a type (standing for the set of all its values).
    Name(Ident),
    /// `-e`.
    Neg(Box<Expr>),
    /// `not e`.
    Not(Box<Expr>),
    /// `a op b`.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `|e|`: cardinality (or length of a sequence).
    Card(Box<Expr>),
    /// `if c then a else b`.
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `let x = e; body`.
    Let(Ident, Box<Expr>, Box<Expr>),
    /// `forall x in S, y in T: body`.
    Quant(Quant, Vec<Binder>, Box<Expr>),
    /// `[k in K: e]`.
    MapLit(Ident, Box<Expr>, Box<Expr>),
    /// `[a, b, c]`.
    SeqLit(Vec<Expr>),
    /// `{ f: a, g: b }`.
    RecordLit(Vec<(Ident, Expr)>),
    /// `Tag { f: a }`.
    VariantLit(Ident, Vec<(Ident, Expr)>),
    /// `{ a, b, c }`.
    SetLit(Vec<Expr>),
    /// `K -> V` after `in` in a binder: every value of the type.
    EveryValue(TypeExpr),
    /// `{ e for x in S if p }`.
    SetMap(Box<Expr>, Box<Binder>, Option<Box<Expr>>),
    /// `{ x in S if p }`.
    SetFilter(Box<Pattern>, Box<Expr>, Box<Expr>),
    /// `f(a, b)`: a `fn` or a built-in (`min`, `max`, `len`, `subsets`, ...).
    Call(Ident, Vec<Expr>),
    /// `e.f`.
    Field(Box<Expr>, Ident),
    /// `e[k]`.
    Index(Box<Expr>, Box<Expr>),
    /// `e is Tag`.
    Is(Box<Expr>, Ident),
    /// `e is some(l)`: whether `e` matches the pattern; its names are bound
    /// in the rest of an `and`, after `=>` and in the `then` branch.
    Matches(Box<Expr>, Box<Pattern>),
    /// `pick x in S: P` (no `: P`: `true`).
    Pick(Ident, Box<Expr>, Option<Box<Expr>>),
    /// `[e for p in s if c]`: a sequence from the items of a sequence.
    SeqMap(Box<Expr>, Box<Pattern>, Box<Expr>, Option<Box<Expr>>),
    /// `fold(acc = init, p in S: body)`.
    Fold(Box<Fold>),
    /// `sum(p in S: e)`.
    SumOf(Box<Pattern>, Box<Expr>, Box<Expr>),
}

/// `fold(acc = init, p in S: body)`: the accumulator's name and first
/// value, the binder, the step.
#[derive(Clone, Debug, PartialEq)]
pub struct Fold {
    /// The accumulator.
    pub acc: Ident,
    /// Its value before the first element.
    pub init: Expr,
    /// What each element must match.
    pub pattern: Pattern,
    /// The sequence or set folded over.
    pub domain: Expr,
    /// The accumulator's next value.
    pub body: Expr,
}
