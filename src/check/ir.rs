//! The checked spec: every name resolved to an id, every expression typed,
//! every constant folded to a value. `compile` takes it from here.
//!
//! Ids index tables in [`Spec`]: `TypeId` into `types`, `VarId` into `vars`,
//! `FnId` into `fns`, `ActionId` into `actions`, `PropertyId` into
//! `properties`, `LivenessId` into `liveness`. A `LocalId` indexes the `locals` of the frame (action,
//! function, property, variable initialiser or init block) it appears in.

use crate::source::Span;
use crate::value::Value;
use crate::value::ops::{Arith, Binary, Comparison, SetComparison, SetOp};

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);
        impl $name {
            /// The index into the table this id belongs to.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id!(/// A type in [`Spec::types`].
    TypeId);
id!(/// A state variable in [`Spec::vars`].
    VarId);
id!(/// A helper function in [`Spec::fns`].
    FnId);
id!(/// An action in [`Spec::actions`].
    ActionId);
id!(/// A property in [`Spec::properties`].
    PropertyId);
id!(/// A liveness property in [`Spec::liveness`].
    LivenessId);
id!(/// A local slot (parameter, `let`, binder) in the enclosing [`Frame`].
    LocalId);
id!(/// A kind of process in [`Spec::processes`].
    ProcessId);
id!(/// A channel in [`Spec::channels`].
    ChannelId);

/// The checked spec.
#[derive(Clone, Debug)]
pub struct Spec {
    /// `spec Name`, or the file stem.
    pub name: String,
    /// Every type used, interned: equal types have equal ids.
    pub types: Vec<Type>,
    /// Constants with their final values (after `--const` overrides).
    pub consts: Vec<ConstDef>,
    /// State variables in declaration order (the order of the state layout).
    pub vars: Vec<VarDef>,
    /// The `init { }` blocks, in order, run after the declared initial values.
    pub init: Option<Body>,
    /// Helper functions.
    pub fns: Vec<FnDef>,
    /// Actions in declaration order (the canonical order of successors).
    pub actions: Vec<ActionDef>,
    /// Invariants, reachables, constraints and terminals, in declaration order.
    pub properties: Vec<PropertyDef>,
    /// Liveness properties (`property Name: eventually P` ...), in
    /// declaration order.
    pub liveness: Vec<LivenessDef>,
    /// `fair A or B`: fairness of groups of actions taken together, on top
    /// of each action's own.
    pub fair_groups: Vec<FairGroup>,
    /// Kinds of process, in declaration order. Their variables and actions
    /// are plain ones of `vars` and `actions`; this says what they were
    /// written as, for reports.
    pub processes: Vec<ProcessDef>,
    /// Channels, in declaration order (each one variable of `vars`).
    pub channels: Vec<ChannelDef>,
    /// `time lo..hi`: the variable holding `now` and the last instant.
    pub time: Option<TimeDef>,
    /// `view: e1, e2`: what tells states apart, if declared.
    pub view: Option<ViewDef>,
    /// `reduce interleavings`: the units of the actions and how they may
    /// interfere, if declared.
    pub interleavings: Option<Interleavings>,
    /// `refines "voting.rvl" { ... }`: the spec this one implements, if
    /// declared.
    pub refinement: Option<RefinementDef>,
}

pub use super::refinement::Conversion;

/// `refines "voting.rvl" { votes = e }`: the abstract spec, how mapped
/// values become its values, and the two properties that check it (their
/// bodies are [`ExprKind::Refines`], holding the mapping).
#[derive(Clone, Debug)]
pub struct RefinementDef {
    /// The abstract spec's name (its `spec` name, or the file's stem).
    pub name: String,
    /// The abstract spec, checked on its own with this spec's constants.
    pub spec: Box<Spec>,
    /// The path as written.
    pub path: String,
    /// Where the path is written.
    pub path_span: Span,
    /// The whole declaration.
    pub span: Span,
    /// For each abstract variable, in order: how the mapping's value
    /// becomes a value of its type.
    pub conversions: Vec<Conversion>,
    /// The properties it adds: the initial states, then the steps.
    pub properties: [PropertyId; 2],
}

pub use super::footprint::{FnVars, Interleavings, Relation, Unit};

/// `view: e1, e2` (TLC's VIEW): two states are one when these values
/// agree; the search keeps the first state it meets of each view.
#[derive(Clone, Debug)]
pub struct ViewDef {
    /// The expressions' locals (one frame for all of them).
    pub frame: Frame,
    /// The expressions over the state, each of a bounded type.
    pub exprs: Vec<Expr>,
    /// The whole declaration.
    pub span: Span,
}

/// A kind of process, as declared: its variables are maps from instance
/// ids to values (plain values for a single instance).
#[derive(Clone, Debug)]
pub struct ProcessDef {
    /// The kind's name.
    pub name: String,
    /// The type of instance ids; `None` for a single instance.
    pub index: Option<TypeId>,
    /// Where it is declared.
    pub span: Span,
}

/// A channel, as declared.
#[derive(Clone, Debug)]
pub struct ChannelDef {
    /// Its name.
    pub name: String,
    /// The variable holding the messages in flight.
    pub var: VarId,
    /// The message type.
    pub msg: TypeId,
    /// The sending and receiving kinds (`None`: unaddressed).
    pub link: Option<(ProcessId, ProcessId)>,
    /// How messages in flight are kept.
    pub order: Delivery,
    /// Whether a delivered message may stay in flight (`duplicating`).
    pub duplicating: bool,
    /// Where it is declared.
    pub span: Span,
}

/// How a channel keeps its messages in flight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// A set per link: identical messages merge.
    Set,
    /// A count per message per link.
    Bag,
    /// A queue per link, delivered first in, first out.
    Ordered,
}

/// `time lo..hi`.
#[derive(Clone, Debug)]
pub struct TimeDef {
    /// The variable `now`.
    pub now: VarId,
    /// The last instant.
    pub hi: i64,
}

/// Where an action comes from: the spec's own, or one a construct stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Written by the spec; in a process, its first parameter is the instance.
    Spec(Option<ProcessId>),
    /// The rest of a paused action of this process (first parameter: the instance).
    Resume(ProcessId),
    /// The network drops a message in flight on a channel.
    Drop(ChannelId),
    /// An instance of a process crashes.
    Crash(ProcessId),
    /// A crashed instance restarts.
    Restart(ProcessId),
    /// Time advances by one tick.
    Tick,
    /// One instance's clock advances by one tick.
    ClockTick(ProcessId),
    /// The network splits in two.
    Partition,
    /// The partition heals.
    Heal,
}

/// A parameter pair that receives a message: for reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Receive {
    /// The channel.
    pub channel: ChannelId,
    /// The parameter holding the sender, if the channel has senders.
    pub sender: Option<usize>,
    /// The parameter holding the message.
    pub message: usize,
}

/// What a state variable stands for, for reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarRole {
    /// A variable of the spec.
    Plain,
    /// A local variable of a process (keyed by instance).
    Process(ProcessId),
    /// The messages in flight on a channel.
    Channel(ChannelId),
    /// Whether each instance of a process is crashed.
    Crashed(ProcessId),
    /// How far each instance's clock is ahead of `now` (the clock is `now`
    /// plus this).
    ClockOffset(ProcessId),
    /// A timer's deadline per instance on its clock (-1: stopped).
    Timer(ProcessId),
    /// The rest of a paused action per instance, with the locals it keeps.
    Paused(ProcessId),
    /// Which side of the partition each instance is on.
    Side(ProcessId),
    /// Whether the network is partitioned.
    Partitioned,
    /// How much of a fault budget is spent.
    Budget,
}

impl Spec {
    /// The type behind an id.
    pub fn ty(&self, id: TypeId) -> &Type {
        &self.types[id.index()]
    }
}

/// A finite type (or `Int`, which only intermediate expressions have).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    /// `bool`.
    Bool,
    /// An unbounded integer: the type of arithmetic results. Never the type
    /// of a variable, a map key or a set element that is stored.
    Int,
    /// `lo..hi`, both included.
    Range {
        /// Least value.
        lo: i64,
        /// Greatest value.
        hi: i64,
    },
    /// An enum of atoms, or a set of model values declared by a `const`.
    Enum {
        /// The type's name (`RM`, or the atoms joined for an anonymous enum).
        name: String,
        /// The atoms, in order; a value is its index here.
        atoms: Vec<String>,
        /// Declared `symmetric` (kept for symmetry reduction).
        symmetric: bool,
    },
    /// A record.
    Record {
        /// Fields in declaration order.
        fields: Vec<Field>,
    },
    /// A tagged union.
    Union {
        /// The declared name.
        name: String,
        /// Variants in declaration order; a tag is its index here.
        variants: Vec<VariantDef>,
    },
    /// `option<T>`.
    Option(TypeId),
    /// `set<T>`.
    Set(TypeId),
    /// `K -> V`: a total map.
    Map(TypeId, TypeId),
    /// `seq<T, N>`: at most N items.
    Seq(TypeId, u32),
}

/// A record or variant field.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    /// Its name.
    pub name: String,
    /// Its type.
    pub ty: TypeId,
}

/// One variant of a union.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct VariantDef {
    /// The tag's name.
    pub name: String,
    /// Its fields (empty for a bare tag).
    pub fields: Vec<Field>,
}

/// A constant and its value.
#[derive(Clone, Debug)]
pub struct ConstDef {
    /// Its name.
    pub name: String,
    /// Its type (for a model-value set: `set<that enum>`).
    pub ty: TypeId,
    /// Its value.
    pub value: Value,
    /// Where it is declared.
    pub span: Span,
}

/// A state variable.
#[derive(Clone, Debug)]
pub struct VarDef {
    /// Its name.
    pub name: String,
    /// Its (finite) type.
    pub ty: TypeId,
    /// Its declared initial value, evaluated in its own frame; `None` when
    /// the `init` block sets it.
    pub init: Option<(Frame, Expr)>,
    /// What it stands for.
    pub role: VarRole,
    /// Where it is declared.
    pub span: Span,
}

/// The local slots of one action, function, property or initialiser.
#[derive(Clone, Debug, Default)]
pub struct Frame {
    /// Every local, by `LocalId`.
    pub locals: Vec<LocalDef>,
}

/// One local slot.
#[derive(Clone, Debug)]
pub struct LocalDef {
    /// The name as written.
    pub name: String,
    /// Its type.
    pub ty: TypeId,
}

/// A statement list with its frame (the `init` block).
#[derive(Clone, Debug)]
pub struct Body {
    /// Its locals.
    pub frame: Frame,
    /// Its statements.
    pub stmts: Vec<Stmt>,
    /// Where it is written.
    pub span: Span,
}

/// A pure helper function.
#[derive(Clone, Debug)]
pub struct FnDef {
    /// Its name.
    pub name: String,
    /// Its locals; the parameters are the first `arity` of them.
    pub frame: Frame,
    /// The number of parameters.
    pub arity: usize,
    /// Its result type.
    pub result: TypeId,
    /// Its body.
    pub body: Expr,
    /// Where it is declared.
    pub span: Span,
}

/// An action.
#[derive(Clone, Debug)]
pub struct ActionDef {
    /// Its name.
    pub name: String,
    /// Its locals (parameters' bindings among them).
    pub frame: Frame,
    /// Its parameters, enumerated in order (a later domain may use earlier
    /// parameters).
    pub params: Vec<Binding>,
    /// Its body.
    pub body: Vec<Stmt>,
    /// `fair` or `strong fair`, applied to each instance separately.
    pub fairness: Fairness,
    /// Written by the spec, or standing for a construct.
    pub origin: Origin,
    /// The parameters that receive messages.
    pub receives: Vec<Receive>,
    /// Where it is declared.
    pub span: Span,
}

/// `fair A or B` / `strong fair A or B`: the actions' instances, taken
/// together, are one fairness condition (TLA+'s `WF_vars(A \/ B)`): it is
/// enabled where any of them is, and met by a step of any of them.
#[derive(Clone, Debug)]
pub struct FairGroup {
    /// Weak or strong.
    pub fairness: Fairness,
    /// The actions, in id order.
    pub actions: Vec<ActionId>,
    /// `fair Node` for a process: one condition per instance of the
    /// process, the actions' first parameter (PlusCal's `fair process`).
    pub per_instance: bool,
    /// The declaration.
    pub span: Span,
}

/// An action's fairness (as in the syntax).
pub use crate::syntax::ast::Fairness;

/// A liveness property's temporal form over typed state predicates.
pub type LivenessKind = crate::syntax::ast::LivenessKind<Expr>;

/// A liveness property: `property Name: eventually P` and its siblings.
#[derive(Clone, Debug)]
pub struct LivenessDef {
    /// Its name.
    pub name: String,
    /// `property P: forall s in S: ...` stands for one property per value
    /// of `s`: this one's names, their types and values (empty without
    /// `forall`).
    pub instance: Vec<(String, TypeId, Value)>,
    /// `property P: A and B` stands for one property per formula: this
    /// one's place (from 1) and how many there are (`None` for one).
    pub part: Option<(usize, usize)>,
    /// The temporal form and its predicates (type bool).
    pub kind: LivenessKind,
    /// Its predicate is a step formula (it reads `next(...)` or `step is`),
    /// TLA+'s `<<P>>_vars`: it holds of a step that changes the state, never
    /// of stuttering. Only `eventually` and `always eventually` take one.
    pub step: bool,
    /// The predicates' locals (one frame for all of them).
    pub frame: Frame,
    /// The temporal formula.
    pub span: Span,
}

/// The kinds of state property (as in the syntax).
pub use crate::syntax::ast::PropertyKind;

/// A state property.
#[derive(Clone, Debug)]
pub struct PropertyDef {
    /// Invariant, reachable, constraint or terminal.
    pub kind: PropertyKind,
    /// Its name.
    pub name: String,
    /// Its locals.
    pub frame: Frame,
    /// The predicate (type bool).
    pub body: Expr,
    /// The whole declaration.
    pub span: Span,
}

/// A pattern ranging over a set: `P1a { bal: b } in msgs`, `r: RM`.
#[derive(Clone, Debug)]
pub struct Binding {
    /// What each element must match.
    pub pattern: Pattern,
    /// The set (a `set<T>` expression; `AllOf(T)` for `r: T`), or in a
    /// fold or a sequence comprehension a sequence (its items, in order).
    pub domain: Expr,
}

/// A pattern. Elements that do not match are skipped.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// Which pattern.
    pub kind: PatternKind,
    /// `as m`: also bind the whole value.
    pub alias: Option<LocalId>,
    /// Where it is written.
    pub span: Span,
}

/// The forms of pattern.
#[derive(Clone, Debug)]
pub enum PatternKind {
    /// Bind the value.
    Bind(LocalId),
    /// Match anything.
    Wildcard,
    /// Match one variant of a union; sub-patterns on some of its fields
    /// (by field index within that variant).
    Variant {
        /// The tag's index.
        tag: u32,
        /// Field index and the pattern its value must match.
        fields: Vec<(u32, Pattern)>,
    },
    /// `some(p)`.
    Some(Box<Pattern>),
    /// `none`.
    None,
    /// Exactly this value.
    Literal(Value),
}

/// A statement.
#[derive(Clone, Debug)]
pub struct Stmt {
    /// Which statement.
    pub kind: StmtKind,
    /// Where it is written.
    pub span: Span,
}

/// The forms of statement. `+=` and `-=` are already desugared to `=`.
#[derive(Clone, Debug)]
pub enum StmtKind {
    /// Drop the branch unless the condition holds.
    Require(Expr),
    /// A runtime error with this message unless the condition holds.
    Assert(Expr, String),
    /// Bind a local.
    Let(LocalId, Expr),
    /// Store a value; it must fit the place's type.
    Assign(Place, Expr),
    /// Branch on a condition.
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    /// One branch per matching element.
    Choose(Binding, Vec<Stmt>),
    /// One branch per block.
    Either(Vec<Vec<Stmt>>),
    /// The body once per matching element, in canonical order.
    For(Binding, Vec<Stmt>),
}

/// What an assignment stores into.
#[derive(Clone, Debug)]
pub struct Place {
    /// The state variable.
    pub var: VarId,
    /// Steps into it.
    pub path: Vec<PlaceStep>,
    /// The type of the stored value (the place's declared type).
    pub ty: TypeId,
    /// Where it is written.
    pub span: Span,
}

/// A step into a value.
#[derive(Clone, Debug)]
pub enum PlaceStep {
    /// `[key]` into a map (key of the map's key type) or a sequence (index).
    Index(Expr),
    /// `.field` of a record, by field index.
    Field(u32),
}

/// A typed expression.
#[derive(Clone, Debug)]
pub struct Expr {
    /// Which expression.
    pub kind: ExprKind,
    /// Its type.
    pub ty: TypeId,
    /// Where it is written.
    pub span: Span,
}

/// Typed operators: each names the operation, not the symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// Boolean `and` (short-circuit).
    And,
    /// Boolean `or` (short-circuit).
    Or,
    /// `=>` (short-circuit).
    Implies,
    /// Structural equality.
    Eq,
    /// Structural inequality.
    Ne,
    /// Integer `<`.
    Lt,
    /// Integer `<=`.
    Le,
    /// Integer `>`.
    Gt,
    /// Integer `>=`.
    Ge,
    /// Integer `+`.
    Add,
    /// Integer `-`.
    Sub,
    /// Integer `*`.
    Mul,
    /// Integer division, rounding toward negative infinity (TLA+'s `\div`);
    /// division by zero is a runtime error.
    Div,
    /// The remainder of that division (floor modulus: the sign of the
    /// divisor, `(a / b) * b + a % b == a`; TLA+'s `%` for a positive
    /// divisor); zero divisor is a runtime error.
    Mod,
    /// `lo..hi` as a set of integers.
    Range,
    /// Element of a set (or item of a sequence).
    In,
    /// Not an element.
    NotIn,
    /// Set union.
    Union,
    /// Set intersection.
    Intersect,
    /// Set difference.
    Diff,
    /// `A <= B` on sets.
    Subset,
    /// `A < B` on sets.
    ProperSubset,
    /// `A >= B` on sets.
    Superset,
    /// `A > B` on sets.
    ProperSuperset,
}

impl BinOp {
    /// What the operator means on values, for every operator but the
    /// short-circuit `and`, `or` and `=>` (see [`crate::value::ops`]).
    pub fn binary(self) -> Option<Binary> {
        Some(match self {
            BinOp::And | BinOp::Or | BinOp::Implies => return None,
            BinOp::Eq => Binary::Eq,
            BinOp::Ne => Binary::Ne,
            BinOp::Lt => Binary::Compare(Comparison::Lt),
            BinOp::Le => Binary::Compare(Comparison::Le),
            BinOp::Gt => Binary::Compare(Comparison::Gt),
            BinOp::Ge => Binary::Compare(Comparison::Ge),
            BinOp::Add => Binary::Arith(Arith::Add),
            BinOp::Sub => Binary::Arith(Arith::Sub),
            BinOp::Mul => Binary::Arith(Arith::Mul),
            BinOp::Div => Binary::Arith(Arith::Div),
            BinOp::Mod => Binary::Arith(Arith::Mod),
            BinOp::Range => Binary::Range,
            BinOp::In => Binary::In,
            BinOp::NotIn => Binary::NotIn,
            BinOp::Union => Binary::Set(SetOp::Union),
            BinOp::Intersect => Binary::Set(SetOp::Intersect),
            BinOp::Diff => Binary::Set(SetOp::Diff),
            BinOp::Subset => Binary::SetCompare(SetComparison::Subset),
            BinOp::ProperSubset => Binary::SetCompare(SetComparison::ProperSubset),
            BinOp::Superset => Binary::SetCompare(SetComparison::Superset),
            BinOp::ProperSuperset => Binary::SetCompare(SetComparison::ProperSuperset),
        })
    }

    /// The integer operation, for `+ - * / %`.
    pub fn arith(self) -> Option<Arith> {
        match self.binary()? {
            Binary::Arith(a) => Some(a),
            _ => None,
        }
    }

    /// The integer comparison, for `== != < <= > >=` (on integers).
    pub fn comparison(self) -> Option<Comparison> {
        match self.binary()? {
            Binary::Compare(c) => Some(c),
            Binary::Eq => Some(Comparison::Eq),
            Binary::Ne => Some(Comparison::Ne),
            _ => None,
        }
    }

    /// The set operation, for `union intersect -` on sets.
    pub fn set_op(self) -> Option<SetOp> {
        match self.binary()? {
            Binary::Set(o) => Some(o),
            _ => None,
        }
    }
}

/// Quantifiers.
pub use crate::syntax::ast::Quant;

/// Built-in functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    /// `min(S)` of a non-empty set of integers (runtime error when empty).
    MinOf,
    /// `max(S)` of a non-empty set of integers.
    MaxOf,
    /// `min(a, b)`.
    Min2,
    /// `max(a, b)`.
    Max2,
    /// `len(s)` of a sequence.
    Len,
    /// `head(s)`: first item (runtime error when empty).
    Head,
    /// `tail(s)`: all but the first (runtime error when empty).
    Tail,
    /// `append(s, x)` (the result must still fit its type when stored).
    Append,
    /// `subsets(S)`: the set of all subsets.
    Subsets,
    /// `s ++ t`: the items of `s`, then those of `t` (TLA+'s `s \o t`).
    Concat,
    /// `sub(s, i, j)`: the items at `i..j-1` (TLA+'s `SubSeq(s, i+1, j)`);
    /// empty when `j <= i`, else `0 <= i` and `j <= len(s)` or a runtime
    /// error.
    Sub,
    /// `linearizable(h, init, step)` or `sequentially_consistent(h, init,
    /// step)`: whether the recorded history `h` (the first argument) has a
    /// legal sequential order, starting from `init` (the second). The third
    /// argument is the call `step(state, op)`, reading the two locals the
    /// shape names, which the search sets before each evaluation.
    History(Consistency, HistoryShape),
}

/// What order a history check must respect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Consistency {
    /// Real time: an operation that returned before another was called
    /// takes effect first (Herlihy and Wing's linearizability).
    Linearizable,
    /// Each client's own order only (Lamport's sequential consistency).
    Sequential,
}

/// Where a history check finds what it needs: the tags and field indices
/// of the history's call and return events, the fields of the step
/// function's result, and the locals its call reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HistoryShape {
    /// The tag of the call variant (`Call { client, op }`).
    pub call: u32,
    /// The index of `client` in the call variant.
    pub call_client: u32,
    /// The index of `op` in the call variant.
    pub call_op: u32,
    /// The tag of the return variant (`Return { client, result }`).
    pub ret: u32,
    /// The index of `client` in the return variant.
    pub ret_client: u32,
    /// The index of `result` in the return variant.
    pub ret_result: u32,
    /// The index of `state` in the step function's result record.
    pub next_state: u32,
    /// The index of `result` in the step function's result record.
    pub next_result: u32,
    /// The local the step's call reads as the object's state.
    pub state: LocalId,
    /// The local the step's call reads as the operation.
    pub op: LocalId,
}

/// The forms of typed expression.
#[derive(Clone, Debug)]
pub enum ExprKind {
    /// A constant value (literals, constants, atoms, bare tags, folded).
    Lit(Value),
    /// Read a state variable.
    Var(VarId),
    /// Read a local.
    Local(LocalId),
    /// Boolean negation.
    Not(Box<Expr>),
    /// Integer negation.
    Neg(Box<Expr>),
    /// A binary operation.
    Bin(BinOp, Box<Expr>, Box<Expr>),
    /// `if c then a else b`.
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `let x = e; body`.
    Let(LocalId, Box<Expr>, Box<Expr>),
    /// `forall`/`exists` over bindings (nested in order).
    Quant(Quant, Vec<Binding>, Box<Expr>),
    /// `{a, b}`.
    SetLit(Vec<Expr>),
    /// `{ e for bindings if filter }`.
    SetMap {
        /// The bindings, nested in order.
        bindings: Vec<Binding>,
        /// Keep only combinations where this holds.
        filter: Option<Box<Expr>>,
        /// The element produced.
        map: Box<Expr>,
    },
    /// `{ p in S if filter }`: the elements of S matching p and the filter.
    SetFilter(Box<Binding>, Box<Expr>),
    /// `{ f: a }`, fields in declaration order.
    Record(Vec<Expr>),
    /// `Tag { f: a }`, fields in declaration order.
    Variant(u32, Vec<Expr>),
    /// `some(e)`.
    Some(Box<Expr>),
    /// `[k in K: e]` (the key local ranges over the whole key type).
    MapLit(LocalId, Box<Expr>),
    /// `[a, b]`.
    SeqLit(Vec<Expr>),
    /// `e.f` on a record, by field index.
    Field(Box<Expr>, u32),
    /// `e.f` on a union: per tag, the index of `f` in that variant, or
    /// `None` when that variant has no such field (a runtime error).
    VariantField(Box<Expr>, Vec<Option<u32>>),
    /// `m[k]` on a map (k must be in the key type) or `s[i]` on a sequence
    /// (0-based; out of range is a runtime error).
    Index(Box<Expr>, Box<Expr>),
    /// `e is Tag`.
    Is(Box<Expr>, u32),
    /// `e is some(l)`: whether `e` matches the pattern, binding its locals
    /// when it does (read by the rest of an `and`, the right of `=>`, the
    /// `then` branch).
    Match(Box<Expr>, Pattern),
    /// `step is Name` in a `transition`: whether the step is an instance
    /// of one of these actions.
    StepIs(Vec<ActionId>),
    /// `next(e)` in a `transition` property: `e` in the state after the
    /// step (every variable it reads, also inside called functions).
    Next(Box<Expr>),
    /// `pick x in S: P`: the least element of S (in value order) whose
    /// binding makes P true; none is a runtime error.
    Pick(Box<Binding>, Box<Expr>),
    /// `|S|` of a set, or length of a sequence.
    Card(Box<Expr>),
    /// `[map for p in s if filter]`: the items of the sequence `s` (the
    /// binding's domain) that match `p` and the filter, each mapped, in
    /// order (TLA+'s `SelectSeq`, and `[i \in 1..Len(s) |-> F(s[i])]`).
    SeqMap {
        /// The pattern over the sequence.
        binding: Box<Binding>,
        /// Keep only items where this holds.
        filter: Option<Box<Expr>>,
        /// The item produced.
        map: Box<Expr>,
    },
    /// `fold(acc = init, p in S: body)`: `acc` starts as `init`, and each
    /// element of `S` that matches `p` (a sequence's in order, a set's in
    /// value order) sets it to `body`; the result is its last value.
    /// `sum(S)` and `sum(x in S: e)` are folds too.
    Fold {
        /// The accumulator.
        acc: LocalId,
        /// Its first value.
        init: Box<Expr>,
        /// The pattern over the sequence or set.
        binding: Box<Binding>,
        /// The accumulator's next value.
        body: Box<Expr>,
    },
    /// A call of a helper function.
    Call(FnId, Vec<Expr>),
    /// A call of a built-in.
    Builtin(Builtin, Vec<Expr>),
    /// A type name used as a value: the set of all its values.
    AllOf(TypeId),
    /// The check of a `refines` (the only place it appears: the body of
    /// the two properties a `refines` adds). The expressions are the
    /// mapping, one per variable of the abstract spec in its order; in a
    /// `Step`, they are then repeated under `next`.
    Refines(RefinesCheck, Vec<Expr>),
}

/// What an [`ExprKind::Refines`] checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefinesCheck {
    /// The state maps to an initial state of the abstract spec.
    Initial,
    /// The step maps to a step of the abstract spec, or to a stutter
    /// (no abstract variable changes).
    Step,
}

/// Call `f` on `e` and every expression inside it (not inside the bodies
/// of called functions, which are walked on their own).
pub fn walk(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(e);
    let each = |xs: &[Expr], f: &mut dyn FnMut(&Expr)| xs.iter().for_each(|x| walk(x, f));
    match &e.kind {
        ExprKind::Lit(_)
        | ExprKind::Var(_)
        | ExprKind::Local(_)
        | ExprKind::AllOf(_)
        | ExprKind::StepIs(_) => {}
        ExprKind::Not(x) | ExprKind::Neg(x) | ExprKind::Some(x) | ExprKind::Card(x) => walk(x, f),
        ExprKind::Field(x, _) | ExprKind::VariantField(x, _) | ExprKind::Is(x, _) => walk(x, f),
        ExprKind::MapLit(_, x) => walk(x, f),
        ExprKind::Bin(_, x, y) | ExprKind::Index(x, y) | ExprKind::Let(_, x, y) => {
            walk(x, f);
            walk(y, f);
        }
        ExprKind::If(x, y, z) => {
            walk(x, f);
            walk(y, f);
            walk(z, f);
        }
        ExprKind::Quant(_, bs, body) => {
            bs.iter().for_each(|b| walk(&b.domain, f));
            walk(body, f);
        }
        ExprKind::SetMap {
            bindings,
            filter,
            map,
        } => {
            bindings.iter().for_each(|b| walk(&b.domain, f));
            if let Some(x) = filter {
                walk(x, f);
            }
            walk(map, f);
        }
        ExprKind::SetFilter(b, x) | ExprKind::Pick(b, x) => {
            walk(&b.domain, f);
            walk(x, f);
        }
        ExprKind::SeqMap {
            binding,
            filter,
            map,
        } => {
            walk(&binding.domain, f);
            if let Some(x) = filter {
                walk(x, f);
            }
            walk(map, f);
        }
        ExprKind::Fold {
            init,
            binding,
            body,
            ..
        } => {
            walk(init, f);
            walk(&binding.domain, f);
            walk(body, f);
        }
        ExprKind::Match(x, _) | ExprKind::Next(x) => walk(x, f),
        ExprKind::SetLit(xs) | ExprKind::Record(xs) | ExprKind::Variant(_, xs) => each(xs, f),
        ExprKind::SeqLit(xs) | ExprKind::Builtin(_, xs) | ExprKind::Call(_, xs) => each(xs, f),
        ExprKind::Refines(_, xs) => each(xs, f),
    }
}

/// Call `f` on `e` and every expression inside it, parents first, each
/// mutably (the same expressions as [`walk`]).
pub fn walk_mut(e: &mut Expr, f: &mut dyn FnMut(&mut Expr)) {
    f(e);
    let each =
        |xs: &mut [Expr], f: &mut dyn FnMut(&mut Expr)| xs.iter_mut().for_each(|x| walk_mut(x, f));
    match &mut e.kind {
        ExprKind::Lit(_)
        | ExprKind::Var(_)
        | ExprKind::Local(_)
        | ExprKind::AllOf(_)
        | ExprKind::StepIs(_) => {}
        ExprKind::Not(x) | ExprKind::Neg(x) | ExprKind::Some(x) | ExprKind::Card(x) => {
            walk_mut(x, f)
        }
        ExprKind::Field(x, _) | ExprKind::VariantField(x, _) | ExprKind::Is(x, _) => walk_mut(x, f),
        ExprKind::MapLit(_, x) => walk_mut(x, f),
        ExprKind::Bin(_, x, y) | ExprKind::Index(x, y) | ExprKind::Let(_, x, y) => {
            walk_mut(x, f);
            walk_mut(y, f);
        }
        ExprKind::If(x, y, z) => {
            walk_mut(x, f);
            walk_mut(y, f);
            walk_mut(z, f);
        }
        ExprKind::Quant(_, bs, body) => {
            bs.iter_mut().for_each(|b| walk_mut(&mut b.domain, f));
            walk_mut(body, f);
        }
        ExprKind::SetMap {
            bindings,
            filter,
            map,
        } => {
            bindings.iter_mut().for_each(|b| walk_mut(&mut b.domain, f));
            if let Some(x) = filter {
                walk_mut(x, f);
            }
            walk_mut(map, f);
        }
        ExprKind::SetFilter(b, x) | ExprKind::Pick(b, x) => {
            walk_mut(&mut b.domain, f);
            walk_mut(x, f);
        }
        ExprKind::SeqMap {
            binding,
            filter,
            map,
        } => {
            walk_mut(&mut binding.domain, f);
            if let Some(x) = filter {
                walk_mut(x, f);
            }
            walk_mut(map, f);
        }
        ExprKind::Fold {
            init,
            binding,
            body,
            ..
        } => {
            walk_mut(init, f);
            walk_mut(&mut binding.domain, f);
            walk_mut(body, f);
        }
        ExprKind::Match(x, _) | ExprKind::Next(x) => walk_mut(x, f),
        ExprKind::SetLit(xs) | ExprKind::Record(xs) | ExprKind::Variant(_, xs) => each(xs, f),
        ExprKind::SeqLit(xs) | ExprKind::Builtin(_, xs) | ExprKind::Call(_, xs) => each(xs, f),
        ExprKind::Refines(_, xs) => each(xs, f),
    }
}

/// Replace each use of a local in `values` by its value.
pub fn substitute(e: &mut Expr, values: &[(LocalId, Value)]) {
    walk_mut(e, &mut |x| {
        if let ExprKind::Local(l) = x.kind
            && let Some((_, v)) = values.iter().find(|(k, _)| *k == l)
        {
            x.kind = ExprKind::Lit(v.clone());
        }
    });
}

/// The locals a pattern binds.
pub fn pattern_locals(p: &Pattern) -> Vec<LocalId> {
    let mut out = Vec::new();
    let mut stack = vec![p];
    while let Some(p) = stack.pop() {
        out.extend(p.alias);
        match &p.kind {
            PatternKind::Bind(l) => out.push(*l),
            PatternKind::Variant { fields, .. } => stack.extend(fields.iter().map(|(_, f)| f)),
            PatternKind::Some(inner) => stack.push(inner),
            PatternKind::Wildcard | PatternKind::None | PatternKind::Literal(_) => {}
        }
    }
    out
}
