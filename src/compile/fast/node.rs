//! The compiled form: expression and statement trees specialised by how
//! their values are held. A [`BoolExpr`] yields a bool, an [`IntExpr`] an
//! `i64`, a [`CodeExpr`] a code of at most 64 bits, a [`WideExpr`] a wide
//! code written into the worker's arena; a [`ScalarExpr`] is any of the
//! first three as one `u64` (a local, a set element, a key), an
//! [`AnyExpr`] a scalar or a wide code.
//!
//! Built by `build*.rs` from the IR, run by `eval.rs`, `wide.rs`,
//! `iter.rs` and `exec.rs`.
//!
//! The expression enums evaluated on the hot path are `#[repr(u8)]`: a
//! plain one-byte tag. Left to itself the compiler folds the tag into a
//! niche of the largest variant (a `Vec`'s capacity), and every `match`
//! then decodes it: about 3% more instructions on TwoPhase and Paxos.

use std::sync::Arc;

use crate::compile::fast::info::Elem;
pub use crate::value::ops::SetOp;
use crate::value::ops::{Arith, Comparison};

pub use crate::check::ir::Quant;

/// The fast path gave up on this state (a runtime error, or a value it
/// cannot hold): the reference interpreter redoes the state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bail;

/// A fast-path result.
pub type Res<T> = Result<T, Bail>;

/// A scalar: bool (0/1), integer (`i64` bits) or small code.
#[derive(Debug)]
pub enum ScalarExpr {
    /// A bool.
    Bool(BoolExpr),
    /// An integer.
    Int(IntExpr),
    /// A code.
    Code(CodeExpr),
}

/// A value of any class: a scalar, or a wide code of so many words.
#[derive(Debug)]
pub enum AnyExpr {
    /// One word.
    Scalar(ScalarExpr),
    /// Several words.
    Wide(WideExpr, u32),
}

/// Where a local lives: a scalar slot, or words of the arena.
#[derive(Clone, Copy, Debug)]
pub enum Slot {
    /// `locals[i]`.
    Scalar(u32),
    /// `arena[at..at + words]`.
    Wide(u32),
}

/// `let slot = value`.
#[derive(Debug)]
pub struct Let {
    /// Where it goes.
    pub slot: Slot,
    /// What.
    pub value: AnyExpr,
}

/// Where a read starts.
#[derive(Debug)]
pub enum Src {
    /// The state being built (or checked).
    State,
    /// A wide local at this arena word.
    WideLocal(u32),
    /// A computed small code.
    Code(CodeExpr),
    /// A computed wide code of so many words.
    Wide(WideExpr, u32),
}

/// A part of a value: `base` bits in, plus one `index * stride` per key
/// (`m[k]`), e.g. `rm_state[r]` or `msgs` or `x.f[k]`.
#[derive(Debug)]
pub struct Path {
    /// What holds it.
    pub src: Src,
    /// Constant bit offset.
    pub base: u64,
    /// Map keys on the way.
    pub keys: Vec<Key>,
}

/// One `[k]` step: a map key, or a sequence index.
#[derive(Debug)]
pub struct Key {
    /// The key.
    pub key: ScalarExpr,
    /// The key type's indices (for a sequence, `0..max`).
    pub elem: Arc<Elem>,
    /// Bits per slot.
    pub stride: u64,
    /// For a sequence index, where the sequence's length is (the index
    /// must be below it); `None` for a map key.
    pub seq: Option<SeqIndex>,
}

/// An item of a sequence at a fixed place in the state, by a constant
/// index: bails unless the index is below the length.
#[derive(Debug)]
pub struct Item {
    /// The bit offset of the sequence's length, and its width.
    pub len_at: u64,
    pub len_bits: u32,
    /// The index.
    pub index: u64,
    /// The bit offset of the item, and its width.
    pub at: u64,
    pub width: u32,
}

/// Where a sequence indexed by a [`Key`] keeps its length: `start` bits
/// into the path (its constant part when the key was added; the offsets
/// of the keys before it come on top), in `len_bits` bits, in front of
/// the slots.
#[derive(Clone, Copy, Debug)]
pub struct SeqIndex {
    pub start: u64,
    pub len_bits: u32,
}

/// How a `seq<T, N>` is coded: the length in `len_bits` bits, then `max`
/// slots of `item` bits each (slots past the length are zero).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeqShape {
    pub len_bits: u32,
    pub max: u32,
    pub item: u64,
}

impl SeqShape {
    /// The first bit of slot `i`.
    #[inline]
    pub fn slot(self, i: u64) -> u64 {
        u64::from(self.len_bits) + i * self.item
    }
}

/// A map slot of a state variable keyed by a local whose type has dense
/// indices (`rm_state[r]` with `r` a parameter): the slot is found by one
/// subtraction and one multiplication.
#[derive(Debug, Clone, Copy)]
pub struct At {
    /// The variable's first bit.
    pub base: u64,
    /// The key's scalar slot.
    pub slot: u32,
    /// The key's low bound (`index = key - lo`).
    pub lo: i64,
    /// How many keys.
    pub n: u64,
    /// Bits per map slot.
    pub stride: u64,
    /// Bits of the value.
    pub width: u32,
}

/// A slot of a state variable reached by several map keys, each a local
/// whose type has dense indices (`net[to][from]` with `to` and `from`
/// parameters): one subtraction and one multiplication per key, as [`At`]
/// does for one.
#[derive(Debug)]
pub struct AtKeys {
    /// The variable's first bit (plus constant offsets on the way).
    pub base: u64,
    /// The keys, outermost first.
    pub keys: Box<[DenseKey]>,
    /// Bits of the value.
    pub width: u32,
}

impl AtKeys {
    /// Whether every key is a map key (no sequence index).
    pub fn is_map(&self) -> bool {
        self.keys.iter().all(|k| k.seq.is_none())
    }
}

/// One key of [`AtKeys`]: its scalar slot, low bound, count and stride;
/// for a sequence index (in an [`CodeExpr::AtItem`]), where the sequence
/// keeps its length.
#[derive(Debug, Clone, Copy)]
pub struct DenseKey {
    pub slot: u32,
    pub lo: i64,
    pub n: u64,
    pub stride: u64,
    pub seq: Option<SeqIndex>,
}

/// `==` or `!=`. The discriminant is the result when the two sides are
/// the same, so [`Equality::holds`] is one compare, as with a `bool`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Equality {
    /// `!=`.
    NotEqual = 0,
    /// `==`.
    Equal = 1,
}

impl Equality {
    /// The test's result when the two sides are (or are not) the same.
    #[inline]
    pub fn holds(self, same: bool) -> bool {
        same == (self as u8 != 0)
    }
}

/// `in` or `not in` (the discriminant is the result for an element that
/// is in the set).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Membership {
    /// `x not in S`.
    NotIn = 0,
    /// `x in S`.
    In = 1,
}

impl Membership {
    /// The test's result when the element is (or is not) in the set.
    #[inline]
    pub fn holds(self, found: bool) -> bool {
        found == (self as u8 != 0)
    }
}

/// Subset comparisons (`>=` and `>` swap their sides to these).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubOp {
    /// `<=`.
    Subset,
    /// `<`.
    Proper,
}

/// `min` or `max`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extreme {
    /// The least.
    Min,
    /// The greatest.
    Max,
}

/// Boolean expressions.
#[derive(Debug)]
#[repr(u8)]
pub enum BoolExpr {
    Const(bool),
    Local(u32),
    /// A bool-typed code read (a field, a map slot, a variable).
    Code(Box<CodeExpr>),
    Not(Box<BoolExpr>),
    And(Box<BoolExpr>, Box<BoolExpr>),
    Or(Box<BoolExpr>, Box<BoolExpr>),
    Implies(Box<BoolExpr>, Box<BoolExpr>),
    /// A comparison of integers.
    Compare(Comparison, Box<IntExpr>, Box<IntExpr>),
    /// A comparison of an integer with a constant (`n < Max`).
    CompareConst(Comparison, Box<IntExpr>, i64),
    /// A comparison of a range's code with a constant: `lo + code op k`
    /// as `code op k - lo`, with no addition at run time (`clock[n] <
    /// Max`, `len(q) > 0`).
    CompareCode(Comparison, Box<CodeExpr>, i64),
    /// Equality of bools.
    BoolEq(Equality, Box<BoolExpr>, Box<BoolExpr>),
    /// Equality of codes.
    CodeEq(Equality, Box<CodeExpr>, Box<CodeExpr>),
    /// Equality with a constant code.
    CodeEqConst(Equality, Box<CodeExpr>, u64),
    /// Equality of wide codes.
    WideEq(Box<WideEq>),
    /// Membership of a scalar in the set at a path.
    In(Box<InSet>),
    /// Membership in a set variable at a constant bit offset.
    InVar(Membership, Box<ScalarExpr>, Arc<Elem>, u64),
    /// `item in s` (or `not in`) on a sequence of items of one word.
    InSeq(Box<InSeq>),
    /// `a <= b` or `a < b` on small sets.
    CodeSubset(SubOp, Box<CodeExpr>, Box<CodeExpr>),
    /// The same on wide sets.
    WideSubset(Box<WideSubset>),
    Quant(Quant, Vec<Bind>, Box<BoolExpr>),
    If(Box<BoolExpr>, Box<BoolExpr>, Box<BoolExpr>),
    Let(Box<Let>, Box<BoolExpr>),
    /// A scalar slot set to a constant, then the expression (a copy of an
    /// unrolled quantifier's body: the binder's value).
    With(u32, u64, Box<BoolExpr>),
    /// The tag bits (a code read) equal a tag.
    Is(Box<CodeExpr>, u64),
    /// A test whose value cannot change within the enclosing `Fresh`:
    /// computed once, kept in a scalar slot (0: not yet, 1: false, 2: true).
    Once(u32, Box<BoolExpr>),
    /// Forget the `Once` in a slot, then evaluate.
    Fresh(u32, Box<BoolExpr>),
    /// A call memoised per checked state.
    MemoCall(Box<MemoCall>),
    /// `x is some(l)`: match the scalar, binding the pattern's locals.
    Match(Box<ScalarExpr>, Box<Pat>),
    /// `step is Name` in a `transition`: the action id in this word of
    /// the checked words has its bit in the mask.
    StepIs(u32, u64),
    /// `fold(..)` with a bool accumulator.
    Fold(Box<Fold>),
}

/// `pick x in S: P`: the first element of the binding's domain (value
/// order) for which `cond` holds, read from the bound name's slot; none
/// bails (the reference reports it).
#[derive(Debug)]
pub struct Pick {
    pub binds: Vec<Bind>,
    pub cond: BoolExpr,
    pub slot: u32,
}

/// `a == b` (or `!=`) on wide codes of `words` words.
#[derive(Debug)]
pub struct WideEq {
    pub op: Equality,
    pub a: WideExpr,
    pub b: WideExpr,
    pub words: u32,
}

/// `a <= b` (or `<`) on wide sets of `words` words.
#[derive(Debug)]
pub struct WideSubset {
    pub op: SubOp,
    pub a: WideExpr,
    pub b: WideExpr,
    pub words: u32,
}

/// `item in set` (or `not in`), the set at a path.
#[derive(Debug)]
pub struct InSet {
    pub op: Membership,
    pub item: ScalarExpr,
    /// The element type's indices.
    pub elem: Arc<Elem>,
    pub set: Path,
}

/// `item in seq` (or `not in`): the item as a code of the sequence's
/// item type, compared with each slot below the length.
#[derive(Debug)]
pub struct InSeq {
    pub op: Membership,
    pub item: CodeExpr,
    pub seq: Path,
    pub shape: SeqShape,
}

/// A boolean call memoised per checked state: its table's first entry,
/// the key (the arguments), the inlined call.
#[derive(Debug)]
pub struct MemoCall {
    pub base: u32,
    pub key: Vec<MemoKey>,
    pub call: BoolExpr,
}

/// One argument of a memoised call: its value, indices and stride.
#[derive(Debug)]
pub struct MemoKey {
    pub arg: ScalarExpr,
    pub elem: Arc<Elem>,
    pub stride: u64,
}

/// Integer expressions.
#[derive(Debug)]
#[repr(u8)]
pub enum IntExpr {
    Const(i64),
    Local(u32),
    /// A range code plus the range's low bound.
    Code(Box<CodeExpr>, i64),
    /// A union field of integers: the variant's own low bound plus the
    /// field's code (see [`VariantField`]).
    VariantField(Box<VariantField>),
    Neg(Box<IntExpr>),
    /// `+ - * / %`.
    Arith(Arith, Box<IntExpr>, Box<IntExpr>),
    /// `|S|` of a set of `width` bits at a path.
    Card(Box<Path>, u64),
    /// `|S|` of a set held in one word.
    CardCode(Box<CodeExpr>),
    /// `min(a, b)` or `max(a, b)`.
    Extreme2(Extreme, Box<IntExpr>, Box<IntExpr>),
    /// `min(S)` or `max(S)` of a set of ints.
    ExtremeOf(Extreme, Box<ExtremeOf>),
    /// `min` or `max` of the integers `{ map for binds if filter }`.
    ExtremeOfMap(Extreme, Box<IntComp>),
    /// `min` or `max` of a union of sets of integers (`max({b for b in
    /// 0..N if p(b)} + {0})`), part by part: the union, a set of `Int`,
    /// has no code of its own.
    ExtremeOfUnion(Extreme, Box<[IntPart]>),
    If(Box<BoolExpr>, Box<IntExpr>, Box<IntExpr>),
    Let(Box<Let>, Box<IntExpr>),
    Pick(Box<Pick>),
    /// `fold(..)` with an integer accumulator (also `sum`).
    Fold(Box<Fold>),
}

/// A set of integers of `width` bits at a path.
#[derive(Debug)]
pub struct ExtremeOf {
    pub set: Path,
    pub width: u64,
    pub elem: Arc<Elem>,
}

/// `{ map for binds if filter }` with integer elements, folded.
#[derive(Debug)]
pub struct IntComp {
    pub binds: Vec<Bind>,
    pub filter: Option<BoolExpr>,
    pub map: IntExpr,
}

/// One part of a union of integer sets under `min` / `max`.
#[derive(Debug)]
pub enum IntPart {
    /// A set literal's item.
    Item(IntExpr),
    /// A comprehension's integers.
    Comp(IntComp),
    /// A set with a code.
    Set(ExtremeOf),
}

/// One part of a built value: a code at a bit offset.
#[derive(Debug)]
pub enum Part {
    /// A small code of this width.
    Code(CodeExpr, u64),
    /// A wide code of this many bits (and words).
    Wide(WideExpr, u64, u32),
}

/// A comprehension `{ map for binds if filter }`, or a filter
/// `{ p in S if filter }` (then `map` is `None`: keep the element).
#[derive(Debug)]
pub struct Comp {
    pub binds: Vec<Bind>,
    pub filter: Option<BoolExpr>,
    pub map: Option<ScalarExpr>,
    /// The result's element indices.
    pub elem: Arc<Elem>,
}

/// `[k in K: body]`: the key's scalar slot, the keys, the body, the bits
/// of one map slot.
#[derive(Debug)]
pub struct MapLit<T> {
    pub slot: u32,
    pub keys: Arc<Elem>,
    pub body: T,
    pub width: u64,
}

/// Small codes.
#[derive(Debug)]
#[repr(u8)]
pub enum CodeExpr {
    Const(u64),
    Local(u32),
    /// `width` bits of the state at a constant offset (a variable).
    Var(u64, u32),
    /// A map slot of a state variable keyed by a local.
    At(At),
    /// A slot of a state variable keyed by several locals.
    AtKeys(Box<AtKeys>),
    /// An item of a sequence in a state variable, reached by locals:
    /// map keys, then an index (`net[to][from][i]`).
    AtItem(Box<AtKeys>),
    /// An item of a sequence at a fixed place in the state, by a constant
    /// index (`head(net[n2][n1])`, `s[0]`).
    Item(Box<Item>),
    /// A value that cannot change within the enclosing `Fresh` of its
    /// flag slot: computed once (the flag set) and kept in a slot.
    Once(u32, u32, Box<CodeExpr>),
    /// `width` bits at a path.
    Read(Box<Path>, u32),
    /// `tail(s)` of a sequence held in one word.
    Tail(Box<CodeExpr>, SeqShape),
    /// `append(s, x)` of a sequence held in one word.
    Append(Box<Append<CodeExpr, CodeExpr>>),
    /// A bool as a code.
    FromBool(Box<BoolExpr>),
    /// An integer as a range code (`v - lo`); outside `lo..=hi` bails.
    FromInt(Box<IntExpr>, i64, i64),
    /// Constant bits OR each part shifted (records, variants, `some`).
    Build(u64, Vec<(CodeExpr, u32)>),
    /// A union field's code (see [`VariantField`]).
    VariantField(Box<VariantField>),
    /// `{a, b}`: one bit per element's index.
    SetOf(Vec<(ScalarExpr, Arc<Elem>)>),
    SetOp(SetOp, Box<CodeExpr>, Box<CodeExpr>),
    /// A set of integers of one range as a set of another: its bits moved
    /// by the difference of the low bounds (`up`: towards higher indices),
    /// bailing when an element falls outside the `n` of the new range.
    Rebase {
        set: Box<CodeExpr>,
        up: bool,
        by: u32,
        n: u32,
    },
    Comp(Box<Comp>),
    MapLit(Box<MapLit<CodeExpr>>),
    /// `subsets(S)` of a set of at most 6 elements (bit = subset mask).
    Subsets(Box<CodeExpr>),
    If(Box<BoolExpr>, Box<CodeExpr>, Box<CodeExpr>),
    Let(Box<Let>, Box<CodeExpr>),
    Pick(Box<Pick>),
    /// `s ++ t`, `sub(s, i, j)` or `[e for x in s]` held in one word.
    Seq(Box<SeqBuild>),
    /// `fold(..)` with an accumulator held in one word.
    Fold(Box<Fold>),
}

/// Wide codes (written into `words` words of the arena).
#[derive(Debug)]
pub enum WideExpr {
    Const(Arc<[u64]>),
    /// `width` bits at a path.
    Read(Box<Path>, u64),
    SetOf(Vec<(ScalarExpr, Arc<Elem>)>),
    SetOp(SetOp, Box<WideExpr>, Box<WideExpr>),
    Comp(Box<Comp>),
    /// Constant words, then parts at bit offsets.
    Build(Arc<[u64]>, Vec<(Part, u64)>),
    MapLit(Box<MapLit<Part>>),
    /// `tail(s)` of a wide sequence.
    Tail(Box<WideExpr>, SeqShape),
    /// `append(s, x)` of a wide sequence.
    Append(Box<Append<WideExpr, Part>>),
    If(Box<BoolExpr>, Box<WideExpr>, Box<WideExpr>),
    Let(Box<Let>, Box<WideExpr>),
    /// `s ++ t`, `sub(s, i, j)` or `[e for x in s]`, wide.
    Seq(Box<SeqBuild>),
    /// `fold(..)` with a wide accumulator (in a wide local).
    FoldWide(Box<FoldWide>),
}

/// A sequence operand: where it is and how it is coded.
#[derive(Debug)]
pub struct SeqSrc {
    pub seq: Path,
    pub shape: SeqShape,
}

/// A sequence built item by item (see `seq.rs`).
#[derive(Debug)]
pub enum SeqOp {
    /// `a ++ b`: the items of both (of the result's item type).
    Concat(SeqSrc, SeqSrc),
    /// `sub(s, i, j)`: the items at `i..j`.
    Sub(SeqSrc, IntExpr, IntExpr),
    /// `[map for p in s if filter]`: the binder ranges over the sequence
    /// ([`Dom::Seq`]); `map` is the item's code.
    Map {
        bind: Bind,
        filter: Option<BoolExpr>,
        map: CodeExpr,
    },
}

/// A built sequence and the shape of its result (the type the context
/// stores it as, which may differ from its operands'); longer than the
/// shape's bound bails.
#[derive(Debug)]
pub struct SeqBuild {
    pub op: SeqOp,
    pub shape: SeqShape,
}

/// `fold(acc = init, p in S: body)` with a scalar accumulator in scalar
/// slot `slot`.
#[derive(Debug)]
pub struct Fold {
    pub slot: u32,
    pub init: ScalarExpr,
    pub bind: Bind,
    pub body: ScalarExpr,
}

/// The same with a wide accumulator of `words` words at arena word `at`
/// (a wide local).
#[derive(Debug)]
pub struct FoldWide {
    pub at: u32,
    pub words: u32,
    pub init: WideExpr,
    pub bind: Bind,
    pub body: WideExpr,
}

/// `append(seq, item)`: the sequence, the item's code (of the slot's
/// width) and the sequence's shape.
#[derive(Debug)]
pub struct Append<S, I> {
    pub seq: S,
    pub item: I,
    pub shape: SeqShape,
}

/// `x.f` on a union value. Variants may declare the field with different
/// ranges (`A { b: 0..1 } | B { b: 0..2 }`), so where it sits, how wide it
/// is and its low bound are per variant.
#[derive(Debug)]
pub struct VariantField {
    /// Where the union value is.
    pub union: Path,
    /// Bits of its tag.
    pub tag_bits: u32,
    /// Per tag, the field in that variant (`None`: the variant lacks it).
    pub per_tag: Vec<Option<FieldAt>>,
}

/// Where one variant holds a field: its bit offset in the union's code,
/// its width, and the low bound of its range (0 for codes).
#[derive(Clone, Copy, Debug)]
pub struct FieldAt {
    pub shift: u64,
    pub width: u32,
    pub lo: i64,
}

/// What a binder ranges over.
#[derive(Debug)]
pub enum Dom {
    /// `lo..hi` of integers.
    Ints(IntExpr, IntExpr),
    /// The integers of a constant set, in value order.
    IntList(Box<[i64]>),
    /// Every value of a type (in value order).
    All(Arc<Elem>),
    /// The elements of a constant small set (in value order).
    Bits(u64, Arc<Elem>),
    /// The elements of the set at a path (in value order).
    Set(Box<Path>, Arc<Elem>),
    /// The same, only those whose index is in `lo..hi` (one variant of a
    /// union, when the pattern or filter asks for that variant alone).
    Part(Box<Path>, Arc<Elem>, u64, u64),
    /// The items of a sequence (of items of at most 64 bits), in order;
    /// an item's scalar is its code, plus the low bound for integers.
    Seq(Box<SeqSrc>, Option<i64>),
}

impl Dom {
    /// Whether enumerating it can never fail (so a test may move before
    /// it): a type, a constant set, or a set variable.
    pub fn infallible(&self) -> bool {
        match self {
            Dom::All(_) | Dom::Bits(..) | Dom::IntList(_) => true,
            Dom::Set(p, _) | Dom::Part(p, ..) => matches!(p.src, Src::State) && p.keys.is_empty(),
            Dom::Ints(..) | Dom::Seq(..) => false,
        }
    }
}

/// A pattern over a scalar.
#[derive(Debug)]
pub enum Pat {
    /// Bind the scalar.
    Bind(u32),
    Any,
    /// The low `tag_bits` equal `tag`; then sub-patterns on fields.
    Variant {
        tag_bits: u64,
        tag: u64,
        fields: Vec<FieldPat>,
    },
    /// Presence bit set; then the payload.
    Some(Box<FieldPat>),
    None,
    /// Exactly this scalar.
    Lit(u64),
    /// Bind the whole scalar too.
    Alias(u32, Box<Pat>),
}

/// A sub-pattern on `width` bits at `shift` of a code, converted to its
/// class (`Some(lo)`: an integer, `v + lo`).
#[derive(Debug)]
pub struct FieldPat {
    pub shift: u32,
    pub width: u32,
    pub lo: Option<i64>,
    pub pat: Pat,
}

/// `pattern in domain`.
#[derive(Debug)]
pub struct Bind {
    pub pat: Pat,
    pub dom: Dom,
}

/// Statements.
#[derive(Debug)]
pub enum St {
    Require(BoolExpr),
    /// False bails (the reference reports the assertion).
    Assert(BoolExpr),
    Let(Let),
    /// Store a value at a path into the state (`src` is `State`); the
    /// value is a code of the place's width.
    Assign {
        place: Path,
        value: AnyExpr,
        width: u64,
    },
    /// Store a code into a map slot of a variable keyed by a local.
    SetAt(At, CodeExpr),
    /// Store a code into a slot of a variable keyed by several locals.
    SetAtKeys(Box<AtKeys>, CodeExpr),
    /// `s += {x}` on a set variable at bit `at`: set the element's bit.
    Insert {
        at: u64,
        item: ScalarExpr,
        elem: Arc<Elem>,
    },
    If(BoolExpr, Block, Block),
    Choose(Bind, Block),
    Either(Vec<Block>),
    For(Bind, Block),
}

/// A statement list, and whether it can make more than one branch.
#[derive(Debug)]
pub struct Block {
    pub stmts: Vec<St>,
    pub branches: bool,
}

/// A compiled action, property or other frame: how many scalar locals and
/// wide-local words it needs.
#[derive(Debug, Default, Clone, Copy)]
pub struct FrameSize {
    pub scalars: u32,
    pub wide: u32,
}
