//! The compiled form: expression and statement trees specialised by how
//! their values are held. `B` yields a bool, `I` an `i64`, `C` a code of at
//! most 64 bits, `W` a wide code written into the worker's arena, `S` any
//! of the first three as one `u64` (a local, a set element, a key).
//!
//! Built by `build*.rs` from the IR, run by `eval.rs` and `exec.rs`.

use std::sync::Arc;

use crate::compile::fast::info::Elem;
pub use crate::value::ops::SetOp;
use crate::value::ops::{Arith, Comparison};

/// The fast path gave up on this state (a runtime error, or a value it
/// cannot hold): the reference interpreter redoes the state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bail;

/// A fast-path result.
pub type Res<T> = Result<T, Bail>;

/// A scalar: bool (0/1), integer (`i64` bits) or small code.
#[derive(Debug)]
pub enum S {
    /// A bool.
    B(B),
    /// An integer.
    I(I),
    /// A code.
    C(C),
}

/// A value of any class: a scalar, or a wide code of so many words.
#[derive(Debug)]
pub enum X {
    /// One word.
    S(S),
    /// Several words.
    W(W, u32),
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
    pub value: X,
}

/// Where a read starts.
#[derive(Debug)]
pub enum Src {
    /// The state being built (or checked).
    State,
    /// A wide local at this arena word.
    WLocal(u32),
    /// A computed small code.
    C(C),
    /// A computed wide code of so many words.
    W(W, u32),
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

/// One `[k]` step.
#[derive(Debug)]
pub struct Key {
    /// The key.
    pub key: S,
    /// The key type's indices.
    pub elem: Arc<Elem>,
    /// Bits per slot.
    pub stride: u64,
}

/// Subset comparisons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubOp {
    /// `<=`.
    Subset,
    /// `<`.
    Proper,
}

/// Boolean expressions.
#[derive(Debug)]
pub enum B {
    Const(bool),
    Local(u32),
    /// A bool-typed code read (a field, a map slot, a variable).
    Code(Box<C>),
    Not(Box<B>),
    And(Box<B>, Box<B>),
    Or(Box<B>, Box<B>),
    Implies(Box<B>, Box<B>),
    /// Integer comparison.
    CmpI(Comparison, Box<I>, Box<I>),
    /// Equality of bools, codes or wide codes (`true`: `==`).
    EqBool(bool, Box<B>, Box<B>),
    EqC(bool, Box<C>, Box<C>),
    /// Equality with a constant code.
    EqK(bool, Box<C>, u64),
    EqW(bool, Box<W>, Box<W>, u32),
    /// Membership of a scalar in the set at a path (`true`: `in`).
    In(bool, Box<S>, Arc<Elem>, Box<Path>),
    /// Membership in a set variable at a constant offset.
    InVar(bool, Box<S>, Arc<Elem>, u64),
    /// `a <= b` or `a < b` (swapped for `>=`, `>`).
    SubC(SubOp, Box<C>, Box<C>),
    SubW(SubOp, Box<W>, Box<W>, u32),
    /// `exists` (true) or `forall`.
    Quant(bool, Vec<Bind>, Box<B>),
    If(Box<B>, Box<B>, Box<B>),
    Let(Box<Let>, Box<B>),
    /// The tag bits (a code read) equal a tag.
    Is(Box<C>, u64),
    /// A test whose value cannot change within the enclosing `Fresh`:
    /// computed once, kept in a scalar slot (0: not yet, 1: false, 2: true).
    Memo(u32, Box<B>),
    /// Forget the memo in a slot, then evaluate.
    Fresh(u32, Box<B>),
    /// A call memoised per checked state: the table's first entry, the
    /// key, the call.
    Memo2(u32, Vec<MemoKey>, Box<B>),
}

/// One argument of a memoised call: its value, indices and stride.
#[derive(Debug)]
pub struct MemoKey {
    pub arg: S,
    pub elem: Arc<Elem>,
    pub stride: u64,
}

/// Integer expressions.
#[derive(Debug)]
pub enum I {
    Const(i64),
    Local(u32),
    /// A range code plus the range's low bound.
    Code(Box<C>, i64),
    Neg(Box<I>),
    /// `+ - * / %`.
    Arith(Arith, Box<I>, Box<I>),
    /// A union field of integers: the variant's own low bound plus the
    /// field's code (see [`VariantField`]).
    VField(Box<VariantField>),
    /// `|S|` of a set of `width` bits at a path.
    Card(Box<Path>, u64),
    /// `|S|` of a set held in one word.
    CardC(Box<C>),
    /// `min(a, b)` (false) or `max(a, b)` (true).
    MinMax2(bool, Box<I>, Box<I>),
    /// `min(S)` (false) / `max(S)` of a set of ints of `width` bits.
    MinMaxOf(bool, Box<Path>, u64, Arc<Elem>),
    /// `min` (false) / `max` of the integers `{ map for binds if filter }`.
    MinMaxMap(bool, Box<IntComp>),
    If(Box<B>, Box<I>, Box<I>),
    Let(Box<Let>, Box<I>),
}

/// `{ map for binds if filter }` with integer elements, folded.
#[derive(Debug)]
pub struct IntComp {
    pub binds: Vec<Bind>,
    pub filter: Option<B>,
    pub map: I,
}

/// One part of a built value: a code at a bit offset.
#[derive(Debug)]
pub enum Part {
    /// A small code of this width.
    C(C, u64),
    /// A wide code of this many bits (and words).
    W(W, u64, u32),
}

/// A comprehension `{ map for binds if filter }`, or a filter
/// `{ p in S if filter }` (then `map` is `None`: keep the element).
#[derive(Debug)]
pub struct Comp {
    pub binds: Vec<Bind>,
    pub filter: Option<B>,
    pub map: Option<S>,
    /// The result's element indices.
    pub elem: Arc<Elem>,
}

/// Small codes.
#[derive(Debug)]
pub enum C {
    Const(u64),
    Local(u32),
    /// `width` bits of the state at a constant offset (a variable).
    Var(u64, u32),
    /// A map slot of a state variable keyed by a local with dense indices:
    /// base, key slot, key's low bound, key count, stride, width.
    At(u64, u32, i64, u64, u64, u32),
    /// `width` bits at a path.
    Read(Box<Path>, u32),
    /// A bool as a code.
    FromB(Box<B>),
    /// An integer as a range code (`v - lo`); outside `lo..=hi` bails.
    FromI(Box<I>, i64, i64),
    /// Constant bits OR each part shifted (records, variants, `some`).
    Build(u64, Vec<(C, u32)>),
    /// A union field's code (see [`VariantField`]).
    VField(Box<VariantField>),
    /// `{a, b}`: one bit per element's index.
    SetOf(Vec<(S, Arc<Elem>)>),
    SetOp(SetOp, Box<C>, Box<C>),
    Comp(Box<Comp>),
    /// `[k in K: body]`: key slot, keys, body, slot width.
    MapLit(u32, Arc<Elem>, Box<C>, u32),
    /// `subsets(S)` of a set of `n`-element type (bit = subset mask).
    Subsets(Box<C>),
    If(Box<B>, Box<C>, Box<C>),
    Let(Box<Let>, Box<C>),
}

/// Wide codes (written into `words` words of the arena).
#[derive(Debug)]
pub enum W {
    Const(Arc<[u64]>),
    /// `width` bits at a path.
    Read(Box<Path>, u64),
    SetOf(Vec<(S, Arc<Elem>)>),
    SetOp(SetOp, Box<W>, Box<W>),
    Comp(Box<Comp>),
    /// Constant words, then parts at bit offsets.
    Build(Arc<[u64]>, Vec<(Part, u64)>),
    /// `[k in K: body]`: key slot, keys, body, slot width.
    MapLit(u32, Arc<Elem>, Box<Part>, u64),
    If(Box<B>, Box<W>, Box<W>),
    Let(Box<Let>, Box<W>),
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
    Ints(I, I),
    /// Every value of a type (in value order).
    All(Arc<Elem>),
    /// The elements of a constant small set (in value order).
    Bits(u64, Arc<Elem>),
    /// The elements of the set of `n` bits at a path (in value order).
    Set(Box<Path>, Arc<Elem>),
    /// The same, only those whose index is in `lo..hi` (one variant of a
    /// union, when the pattern or filter asks for that variant alone).
    Part(Box<Path>, Arc<Elem>, u64, u64),
}

impl Dom {
    /// Whether enumerating it can never fail (so a test may move before
    /// it): a type, a constant set, or a set variable.
    pub fn infallible(&self) -> bool {
        match self {
            Dom::All(_) | Dom::Bits(..) => true,
            Dom::Set(p, _) | Dom::Part(p, ..) => matches!(p.src, Src::State) && p.keys.is_empty(),
            Dom::Ints(..) => false,
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
    Variant(u64, u64, Vec<FieldPat>),
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
    Require(B),
    /// False bails (the reference reports the assertion).
    Assert(B),
    Let(Let),
    /// Store a value at a path into the state (`src` is `State`); the
    /// value is a code of the place's width.
    Assign(Path, X, u64),
    /// Store a code into a map slot of a variable keyed by a local.
    SetAt(At, C),
    /// `s += {x}` on a set variable at this bit: set the element's bit.
    Insert(u64, S, Arc<Elem>),
    If(B, Block, Block),
    Choose(Bind, Block),
    Either(Vec<Block>),
    For(Bind, Block),
}

/// A map slot of a state variable keyed by a local with dense indices.
#[derive(Debug, Clone, Copy)]
pub struct At {
    pub base: u64,
    pub slot: u32,
    pub lo: i64,
    pub n: u64,
    pub stride: u64,
    pub width: u32,
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
