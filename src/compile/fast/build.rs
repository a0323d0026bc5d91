//! Compiling the IR into fast nodes: locals, paths (`m[k].f`), domains,
//! patterns and statements. Expressions are in `build_expr.rs`.
//!
//! Input: the checked spec, the state layout and the type facts. Output:
//! nodes, or [`Unsupported`] naming the construct the fast path does not
//! handle (the whole action or property then runs on the reference
//! interpreter). Helper functions are inlined at each call, with fresh
//! local slots, so running needs no call frames.

use crate::check::ir::{
    BinOp, Binding, Builtin, Expr, ExprKind, FnId, Frame, LocalId, Pattern, PatternKind, Place,
    PlaceStep, Spec, Stmt, StmtKind, Type, TypeId,
};
use crate::compile::eval::Tables;
use crate::compile::fast::hoist;
use crate::compile::fast::info::{Class, Elem, Types};
use crate::compile::fast::node::*;
use crate::compile::layout::Layout;
use crate::value::Value;
use crate::value::ops::Arith;

/// A frame's local types and their slots once bound, by `LocalId`.
pub type Scope = Vec<(TypeId, Option<Slot>)>;

/// What a call's body is built away from: the caller's scope and known
/// locals.
pub type Caller = (Scope, Vec<Option<Value>>);

/// A construct the fast path does not compile.
pub type Unsupported = &'static str;

/// A build result.
pub type Built<T> = Result<T, Unsupported>;

/// Compiles one frame (action, property) at a time.
pub struct Builder<'a> {
    pub spec: &'a Spec,
    pub t: &'a Types,
    pub layout: &'a Layout,
    pub tables: &'a Tables,
    /// The running frame's local types, and their slots once bound.
    pub scope: Scope,
    /// Slots used so far.
    pub size: FrameSize,
    /// Whether boolean calls may be memoised (properties: the state does
    /// not change while they run).
    pub memo_calls: bool,
    /// Memo tables so far: the first entry of each function's table.
    pub memos: std::collections::HashMap<u32, u32>,
    /// Memo entries so far.
    pub memo_words: u32,
    /// Function calls inlined so far in this frame (see [`MAX_INLINED`]).
    pub inlined: u32,
    /// Inside `next(e)` of a `transition`: variables are read from the
    /// state after the step, the second half of the checked words.
    pub next: bool,
    /// The values of the locals known while building, by `LocalId`: the
    /// binders of an unrolled quantifier (see `build_quant.rs`). An
    /// expression that reads only constants and known locals is folded.
    pub known: Vec<Option<Value>>,
    /// Copies of quantifier bodies made so far in this frame (see
    /// [`MAX_UNROLLED`]).
    pub unrolled: u32,
    /// Building an action's leading tests, which all read the same state:
    /// a call that reads no unknown local is computed once per state
    /// (see [`GuardMemo`]).
    pub in_guard: bool,
    /// The calls computed once per state so far.
    pub guard_memos: Vec<GuardMemo>,
}

/// A call in an action's leading tests whose arguments are constants:
/// its value cannot change while the tests run (they all read the state
/// the action starts from), so it is computed where it is first needed
/// and kept for the others (of every binding of the parameters). `flag`
/// says whether it is known yet (reset in front of the tests), `value`
/// holds it.
#[derive(Debug)]
pub struct GuardMemo {
    pub f: FnId,
    pub args: Vec<Value>,
    pub flag: u32,
    pub value: u32,
}

/// The most function calls one frame inlines. Inlining copies the callee's
/// body at each call, so a call tree (`f(x) = g(x) + g(x)`, ...) grows
/// exponentially with its depth (23 levels: 790 MB before the search
/// started); past this many the frame is left to the reference interpreter,
/// which calls instead of copying.
pub const MAX_INLINED: u32 = 2_000;

/// The most quantifier bodies one frame copies by unrolling (see
/// `Builder::unrolled_quant`): past these, quantifiers are loops.
pub const MAX_UNROLLED: u32 = 512;

impl<'a> Builder<'a> {
    /// A builder for one frame.
    pub fn new(
        spec: &'a Spec,
        t: &'a Types,
        layout: &'a Layout,
        tables: &'a Tables,
        frame: &Frame,
    ) -> Builder<'a> {
        Builder {
            spec,
            t,
            layout,
            tables,
            scope: frame.locals.iter().map(|l| (l.ty, None)).collect(),
            size: FrameSize::default(),
            memo_calls: false,
            memos: Default::default(),
            memo_words: 0,
            inlined: 0,
            next: false,
            known: vec![None; frame.locals.len()],
            unrolled: 0,
            in_guard: false,
            guard_memos: Vec::new(),
        }
    }

    /// Build `e` of `next(e)`: reading the state after the step.
    pub fn after<T>(&mut self, f: impl FnOnce(&mut Self) -> Built<T>) -> Built<T> {
        let was = std::mem::replace(&mut self.next, true);
        let built = f(self);
        self.next = was;
        built
    }

    /// The class of a type, if the fast path can hold its values.
    pub fn class(&self, ty: TypeId) -> Built<Class> {
        let info = self.t.info(ty);
        if info.class == Class::Int || info.ok {
            Ok(info.class)
        } else {
            Err("a type without a fixed-width code (e.g. a set of unbounded integers)")
        }
    }

    /// The slot of a local, allocated on first use.
    pub fn slot(&mut self, local: LocalId) -> Built<Slot> {
        let Some((ty, slot)) = self.scope.get(local.index()).copied() else {
            return Err("an unknown local");
        };
        if let Some(slot) = slot {
            return Ok(slot);
        }
        let slot = match self.class(ty)? {
            Class::Wide => {
                let at = self.size.wide;
                self.size.wide += self.t.words(ty) as u32;
                Slot::Wide(at)
            }
            _ => {
                let at = self.size.scalars;
                self.size.scalars += 1;
                Slot::Scalar(at)
            }
        };
        self.scope[local.index()].1 = Some(slot);
        Ok(slot)
    }

    /// A scalar slot of no local (a memo).
    pub fn fresh_scalar(&mut self) -> u32 {
        self.size.scalars += 1;
        self.size.scalars - 1
    }

    /// A fresh scalar slot (map literal keys).
    pub fn scalar_slot(&mut self, local: LocalId) -> Built<u32> {
        match self.slot(local)? {
            Slot::Scalar(at) => Ok(at),
            Slot::Wide(_) => Err("a wide map key"),
        }
    }

    /// Where the value of `e` is: a variable, a part of one, or a computed
    /// value, with map keys on the way.
    pub fn path(&mut self, e: &Expr) -> Built<Path> {
        match &e.kind {
            ExprKind::Var(v) => {
                let (mut base, _) = self.layout.field(*v);
                if self.next {
                    base += self.layout.words() as u64 * 64;
                }
                Ok(Path {
                    src: Src::State,
                    base,
                    keys: Vec::new(),
                })
            }
            ExprKind::Local(l) => match self.slot(*l)? {
                Slot::Wide(at) => Ok(Path {
                    src: Src::WideLocal(at),
                    base: 0,
                    keys: Vec::new(),
                }),
                Slot::Scalar(_) => self.computed(e),
            },
            ExprKind::Field(x, i) => {
                let Type::Record { fields } = self.t.ty(x.ty) else {
                    return Err("a field of a non-record");
                };
                let tys: Vec<TypeId> = fields.iter().map(|f| f.ty).collect();
                let off = *self
                    .t
                    .field_offsets(&tys)
                    .get(*i as usize)
                    .ok_or("a bad field")?;
                let mut p = self.path(x)?;
                p.base += off;
                Ok(p)
            }
            ExprKind::Index(map, k) => match self.t.ty(map.ty) {
                Type::Map(key, value) => {
                    let (key, value) = (*key, *value);
                    let mut p = self.path(map)?;
                    let key = self.key(k, key, self.t.info(value).width)?;
                    p.push_key(key);
                    Ok(p)
                }
                _ => self.seq_index(map, k),
            },
            ExprKind::Builtin(Builtin::Head, args) => self.seq_head(args),
            _ => self.computed(e),
        }
    }

    fn computed(&mut self, e: &Expr) -> Built<Path> {
        let src = match self.class(e.ty)? {
            Class::Code => Src::Code(self.code(e)?),
            Class::Wide => Src::Wide(self.wide(e)?, self.t.words(e.ty) as u32),
            _ => return Err("a part of a bool or an integer"),
        };
        Ok(Path {
            src,
            base: 0,
            keys: Vec::new(),
        })
    }

    /// A `[k]` step into a map keyed by `key_ty` with slots of `stride` bits.
    fn key(&mut self, k: &Expr, key_ty: TypeId, stride: u64) -> Built<Key> {
        let elem = self
            .t
            .elem(key_ty)
            .ok_or("a map key type too large to index")?;
        let key = self.scalar_as(k, key_ty)?;
        Ok(Key {
            key,
            elem,
            stride,
            seq: None,
        })
    }

    /// `e` as a scalar of `ty`'s class: a bool, an int, or a code of the
    /// same type.
    pub fn scalar_as(&mut self, e: &Expr, ty: TypeId) -> Built<ScalarExpr> {
        match (self.class(ty)?, self.class(e.ty)) {
            (Class::Bool, Ok(Class::Bool)) => Ok(ScalarExpr::Bool(self.bool(e)?)),
            (Class::Int, Ok(Class::Int)) => Ok(ScalarExpr::Int(self.int(e)?)),
            (Class::Code, Ok(Class::Code)) if e.ty == ty => Ok(ScalarExpr::Code(self.code(e)?)),
            // A value of a compatible type (`{ b: x }` with `x: int`, of a
            // `set<{ b: 0..2 }>`), coded as one of `ty` (it bails when it
            // is not one).
            (Class::Code, _) => Ok(ScalarExpr::Code(self.code_as(e, ty)?)),
            _ => Err("a value of a different (compatible) type"),
        }
    }

    /// `e` as a scalar of its own class.
    pub fn scalar(&mut self, e: &Expr) -> Built<ScalarExpr> {
        self.scalar_as(e, e.ty)
    }

    /// `e` as a code of type `ty` (to store it or build with it): a range
    /// value is checked against the range.
    pub fn code_as(&mut self, e: &Expr, ty: TypeId) -> Built<CodeExpr> {
        if e.ty != ty && self.class(ty)? == Class::Code {
            if let Some(k) = self.constant_as(e, ty) {
                return Ok(CodeExpr::Const(k[0]));
            }
            if matches!(self.t.ty(ty), Type::Seq(..)) {
                return match self.seq_as(e, ty)? {
                    AnyExpr::Scalar(ScalarExpr::Code(c)) => Ok(c),
                    _ => Err("a wide sequence as a code"),
                };
            }
        }
        let info = self.t.info(ty).clone();
        let built = matches!(
            e.kind,
            ExprKind::Some(_) | ExprKind::Record(_) | ExprKind::Variant(..)
        );
        if e.ty != ty && built && self.class(ty)? == Class::Code {
            let (k, parts) = self.build_parts_as(e, ty)?;
            let parts = code_parts(parts)?;
            return Ok(CodeExpr::Build(k, parts));
        }
        match (self.class(ty)?, self.class(e.ty)?) {
            (Class::Bool, Class::Bool) => Ok(CodeExpr::FromBool(Box::new(self.bool(e)?))),
            (Class::Int, Class::Int) if info.ok => {
                Ok(CodeExpr::FromInt(Box::new(self.int(e)?), info.lo, info.hi))
            }
            (Class::Code, Class::Code) if e.ty == ty => self.code(e),
            _ => Err("a value of a different (compatible) type"),
        }
    }

    /// `e` as a value of type `ty`: a code, or a wide code.
    pub fn value_as(&mut self, e: &Expr, ty: TypeId) -> Built<AnyExpr> {
        if e.ty != ty && self.class(ty)? == Class::Wide {
            if let Some(k) = self.constant_as(e, ty) {
                let words = k.len() as u32;
                return Ok(AnyExpr::Wide(WideExpr::Const(k.into()), words));
            }
            if matches!(self.t.ty(ty), Type::Seq(..)) {
                return self.seq_as(e, ty);
            }
        }
        match self.class(ty)? {
            Class::Wide if e.ty == ty => Ok(AnyExpr::Wide(self.wide(e)?, self.t.words(ty) as u32)),
            _ if e.ty != ty && matches!(self.t.ty(ty), Type::Set(_)) => self.set_as(e, ty),
            Class::Wide => Err("a value of a different (compatible) type"),
            _ => Ok(AnyExpr::Scalar(ScalarExpr::Code(self.code_as(e, ty)?))),
        }
    }

    /// A constant of a compatible type (`some(1)` of an `option<Int>`,
    /// `[]`) coded as a value of `ty`; `None` when `e` is no constant or
    /// its value is not one of `ty`'s (then it is built, and bails).
    pub fn constant_as(&self, e: &Expr, ty: TypeId) -> Option<Vec<u64>> {
        let value = match &e.kind {
            ExprKind::Lit(v) => Some(v.clone()),
            _ => self.fold(e),
        }?;
        let words = self.t.encode(ty, &value)?;
        (words.len() == self.t.words(ty).max(1)).then_some(words)
    }

    /// `e` as a value of its own class (for `let`).
    pub fn value(&mut self, e: &Expr) -> Built<AnyExpr> {
        match self.class(e.ty)? {
            Class::Wide => Ok(AnyExpr::Wide(self.wide(e)?, self.t.words(e.ty) as u32)),
            _ => Ok(AnyExpr::Scalar(self.scalar(e)?)),
        }
    }

    /// `let local = e`.
    pub fn let_(&mut self, local: LocalId, e: &Expr) -> Built<Let> {
        let value = self.value(e)?;
        let slot = self.slot(local)?;
        Ok(Let { slot, value })
    }

    /// The binders of a call (arguments into the callee's fresh slots),
    /// and the scope to restore after compiling the callee's body.
    pub fn enter_call(
        &mut self,
        f: crate::check::ir::FnId,
        args: &[Expr],
    ) -> Built<(Vec<Let>, Caller)> {
        self.inlined += 1;
        if self.inlined > MAX_INLINED {
            return Err("a call tree too large to inline");
        }
        let def = &self.spec.fns[f.index()];
        let values = args
            .iter()
            .zip(&def.frame.locals)
            .map(|(a, param)| self.value_within(a, param.ty))
            .collect::<Built<Vec<AnyExpr>>>()?;
        let callee = def.frame.locals.iter().map(|l| (l.ty, None)).collect();
        let saved = std::mem::replace(&mut self.scope, callee);
        let known = std::mem::replace(&mut self.known, vec![None; def.frame.locals.len()]);
        let saved = (saved, known);
        let mut lets = Vec::new();
        for (i, value) in values.into_iter().enumerate() {
            let slot = self.slot(LocalId(i as u32))?;
            match (&slot, &value) {
                (Slot::Scalar(_), AnyExpr::Scalar(_)) | (Slot::Wide(_), AnyExpr::Wide(..)) => {}
                _ => return Err("an argument of a different class than its parameter"),
            }
            lets.push(Let { slot, value });
        }
        Ok((lets, saved))
    }

    /// The slots of the memo of `f(args)` in an action's leading tests,
    /// if it may have one: arguments that read no local (a call that
    /// reads a parameter is mostly met once per binding, where a memo
    /// only costs), a result of one word.
    pub fn guard_memo(&mut self, f: FnId, args: &[Expr]) -> Option<(u32, u32)> {
        if !self.in_guard || args.iter().any(|a| !hoist::free(a).is_empty()) {
            return None;
        }
        let args = (args.iter())
            .map(|a| match &a.kind {
                ExprKind::Lit(v) => Some(v.clone()),
                _ => self.fold(a),
            })
            .collect::<Option<Vec<Value>>>()?;
        if let Some(m) = (self.guard_memos.iter()).find(|m| m.f == f && m.args == args) {
            return Some((m.flag, m.value));
        }
        let (flag, value) = (self.fresh_scalar(), self.fresh_scalar());
        self.guard_memos.push(GuardMemo {
            f,
            args,
            flag,
            value,
        });
        Some((flag, value))
    }

    /// Tests that forget every memo of the leading tests (true, each), to
    /// run before them.
    pub fn guard_resets(&self) -> Vec<BoolExpr> {
        (self.guard_memos.iter())
            .map(|m| BoolExpr::Fresh(m.flag, Box::new(BoolExpr::Const(true))))
            .collect()
    }

    /// Back from a call's body to the caller's scope and known locals.
    pub fn leave_call(&mut self, (scope, known): Caller) {
        self.scope = scope;
        self.known = known;
    }

    /// `e` as a value of the declared type `ty` of a parameter or result:
    /// a value outside it bails (the reference reports it).
    pub fn value_within(&mut self, e: &Expr, ty: TypeId) -> Built<AnyExpr> {
        if self.class(ty)? == Class::Int {
            return Ok(AnyExpr::Scalar(ScalarExpr::Int(self.int_within(e, ty)?)));
        }
        if e.ty == ty {
            return self.value(e);
        }
        self.value_as(e, ty)
    }

    /// `e`, an integer, checked against `ty` (`int` or a range) unless its
    /// own type lies inside it.
    pub fn int_within(&mut self, e: &Expr, ty: TypeId) -> Built<IntExpr> {
        let x = self.int(e)?;
        let Type::Range { lo, hi } = *self.t.ty(ty) else {
            return Ok(x);
        };
        if let Type::Range { lo: a, hi: b } = *self.t.ty(e.ty)
            && lo <= a
            && b <= hi
        {
            return Ok(x);
        }
        Ok(IntExpr::Code(
            Box::new(CodeExpr::FromInt(Box::new(x), lo, hi)),
            lo,
        ))
    }

    /// A binder: the pattern over the domain's elements.
    pub fn bind(&mut self, b: &Binding) -> Built<Bind> {
        let d = &b.domain;
        let (dom, elem_ty) = match (&d.kind, self.t.ty(d.ty)) {
            (ExprKind::Bin(crate::check::ir::BinOp::Range, lo, hi), _) => {
                (Dom::Ints(self.int(lo)?, self.int(hi)?), None)
            }
            (ExprKind::AllOf(ty), _) => {
                let elem = self.t.elem(*ty).ok_or("a type too large to enumerate")?;
                (Dom::All(elem), Some(*ty))
            }
            (_, Type::Set(elem_ty)) if self.t.elem(*elem_ty).is_none() => {
                (self.int_list(d).ok_or("a set of large elements")?, None)
            }
            (_, Type::Set(elem_ty)) => {
                let elem_ty = *elem_ty;
                let elem = self.t.elem(elem_ty).ok_or("a set of large elements")?;
                let dom = match self.path(d)? {
                    Path {
                        src: Src::Code(CodeExpr::Const(word)),
                        base: 0,
                        keys,
                    } if keys.is_empty() => Dom::Bits(word, elem),
                    path => Dom::Set(Box::new(path), elem),
                };
                (dom, Some(elem_ty))
            }
            // Folds and sequence comprehensions range over sequences.
            (_, Type::Seq(..)) => {
                let (dom, item) = self.seq_dom(d)?;
                (dom, Some(item))
            }
            // The checker ranges other binders over sets alone.
            _ => return Err("a binder over a non-set"),
        };
        let dom = match (dom, elem_ty, &b.pattern.kind) {
            (Dom::Set(p, elem), Some(ty), PatternKind::Variant { tag, .. }) => {
                self.narrow(Dom::Set(p, elem), ty, *tag)
            }
            (dom, ..) => dom,
        };
        let pat = match elem_ty {
            Some(ty) => self.pattern(&b.pattern, ty)?,
            None => match (&b.pattern.kind, b.pattern.alias) {
                (PatternKind::Bind(l), None) => Pat::Bind(self.scalar_slot(*l)?),
                (PatternKind::Wildcard, None) => Pat::Any,
                _ => return Err("a structured pattern over integers"),
            },
        };
        Ok(Bind { pat, dom })
    }

    /// The domain of a constant set of unbounded integers (`{1, 3}`,
    /// `{n * 2 for n in 1..K}`), if `d` is one.
    fn int_list(&self, d: &Expr) -> Option<Dom> {
        let constant = match &d.kind {
            ExprKind::Lit(v) => Some(v.clone()),
            _ => self.fold(d),
        };
        let Some(crate::value::Value::Set(items)) = constant else {
            return None;
        };
        let items = items.iter().map(|v| v.as_int()).collect::<Option<_>>()?;
        Some(Dom::IntList(items))
    }

    /// A set domain of union elements narrowed to one variant's indices
    /// (a union numbers its variants' values one after another).
    pub fn narrow(&self, dom: Dom, union: TypeId, tag: u32) -> Dom {
        let Dom::Set(p, elem) = dom else {
            return dom;
        };
        let Type::Union { variants, .. } = self.t.ty(union) else {
            return Dom::Set(p, elem);
        };
        let types = &self.spec.types;
        let size = |v: &crate::check::ir::VariantDef| {
            v.fields.iter().try_fold(1u64, |acc, f| {
                acc.checked_mul(crate::check::domain::size(types, f.ty)?)
            })
        };
        let mut lo = 0u64;
        for v in variants.iter().take(tag as usize) {
            match size(v) {
                Some(n) => lo += n,
                None => return Dom::Set(p, elem),
            }
        }
        match variants.get(tag as usize).and_then(size) {
            Some(n) => Dom::Part(p, elem, lo, lo + n),
            None => Dom::Set(p, elem),
        }
    }

    /// A pattern over values of `ty` (held as scalars).
    pub(super) fn pattern(&mut self, p: &Pattern, ty: TypeId) -> Built<Pat> {
        let pat = match &p.kind {
            PatternKind::Bind(l) => Pat::Bind(self.scalar_slot(*l)?),
            PatternKind::Wildcard => Pat::Any,
            PatternKind::None => Pat::None,
            PatternKind::Literal(v) => Pat::Lit(match self.class(ty)? {
                Class::Bool => u64::from(v.as_bool().ok_or("a non-bool literal")?),
                Class::Int => v.as_int().ok_or("a non-int literal")? as u64,
                Class::Code => self.lit_code(v, ty)?,
                Class::Wide => return Err("a literal pattern on a wide value"),
            }),
            PatternKind::Some(inner) => {
                let Type::Option(inner_ty) = self.t.ty(ty) else {
                    return Err("`some` over a non-option");
                };
                Pat::Some(Box::new(self.field_pat(inner, *inner_ty, 1)?))
            }
            PatternKind::Variant { tag, fields } => {
                let Type::Union { variants, .. } = self.t.ty(ty) else {
                    return Err("a variant pattern over a non-union");
                };
                let tag_bits = self.t.tag_bits(variants.len());
                let v = variants.get(*tag as usize).ok_or("a bad tag")?;
                let tys: Vec<TypeId> = v.fields.iter().map(|f| f.ty).collect();
                let offs = self.t.field_offsets(&tys);
                let mut subs = Vec::new();
                for (i, sub) in fields {
                    let (fty, off) = (tys[*i as usize], offs[*i as usize]);
                    subs.push(self.field_pat(sub, fty, tag_bits + off)?);
                }
                Pat::Variant {
                    tag_bits,
                    tag: u64::from(*tag),
                    fields: subs,
                }
            }
        };
        match p.alias {
            Some(l) => Ok(Pat::Alias(self.scalar_slot(l)?, Box::new(pat))),
            None => Ok(pat),
        }
    }

    fn field_pat(&mut self, p: &Pattern, ty: TypeId, shift: u64) -> Built<FieldPat> {
        let info = self.t.info(ty).clone();
        let lo = match self.class(ty)? {
            Class::Int => Some(info.lo),
            Class::Wide => return Err("a pattern on a wide field"),
            _ => None,
        };
        let pat = self.pattern(p, ty)?;
        Ok(FieldPat {
            shift: shift as u32,
            width: info.width as u32,
            lo,
            pat,
        })
    }

    /// A statement list.
    pub fn block(&mut self, stmts: &[Stmt]) -> Built<Block> {
        let stmts = stmts
            .iter()
            .map(|s| self.stmt(s))
            .collect::<Built<Vec<St>>>()?;
        let branches = stmts.iter().any(branches);
        Ok(Block { stmts, branches })
    }

    /// A statement.
    pub fn stmt(&mut self, s: &Stmt) -> Built<St> {
        Ok(match &s.kind {
            StmtKind::Require(e) => St::Require(self.bool(e)?),
            StmtKind::Assert(e, _) => St::Assert(self.bool(e)?),
            StmtKind::Let(l, e) => St::Let(self.let_(*l, e)?),
            StmtKind::Assign(place, e) => self.assign(place, e)?,
            StmtKind::If(c, a, b) => St::If(self.bool(c)?, self.block(a)?, self.block(b)?),
            StmtKind::Choose(b, body) => St::Choose(self.bind(b)?, self.block(body)?),
            StmtKind::Either(blocks) => {
                St::Either(blocks.iter().map(|b| self.block(b)).collect::<Built<_>>()?)
            }
            StmtKind::For(b, body) => St::For(self.bind(b)?, self.block(body)?),
        })
    }

    fn assign(&mut self, place: &Place, e: &Expr) -> Built<St> {
        if let Some(st) = self.insert(place, e)? {
            return Ok(st);
        }
        let value = self.value_as(e, place.ty)?;
        let (base, _) = self.layout.field(place.var);
        let mut path = Path {
            src: Src::State,
            base,
            keys: Vec::new(),
        };
        let mut ty = self.spec.vars[place.var.index()].ty;
        for step in &place.path {
            match (step, self.t.ty(ty)) {
                (PlaceStep::Field(i), Type::Record { fields }) => {
                    let tys: Vec<TypeId> = fields.iter().map(|f| f.ty).collect();
                    path.base += self.t.field_offsets(&tys)[*i as usize];
                    ty = tys[*i as usize];
                }
                (PlaceStep::Index(k), Type::Map(key, value)) => {
                    let (key, value) = (*key, *value);
                    let key = self.key(k, key, self.t.info(value).width)?;
                    path.push_key(key);
                    ty = value;
                }
                (PlaceStep::Index(k), Type::Seq(item, _)) => {
                    let item = *item;
                    path.keys.push(self.seq_key(k, ty, path.base)?);
                    ty = item;
                }
                _ => return Err("a place of this form"),
            }
        }
        if ty != place.ty {
            return Err("a place of an unexpected type");
        }
        let width = self.t.info(ty).width;
        if let [
            Key {
                key: ScalarExpr::Code(CodeExpr::Local(slot)) | ScalarExpr::Int(IntExpr::Local(slot)),
                elem,
                stride,
                seq: None,
            },
        ] = &path.keys[..]
            && let Some(lo) = elem.dense()
        {
            let at = At {
                base: path.base,
                slot: *slot,
                lo,
                n: elem.n,
                stride: *stride,
                width: width as u32,
            };
            if let AnyExpr::Scalar(ScalarExpr::Code(v)) = value {
                return Ok(St::SetAt(at, v));
            }
            return Ok(St::Assign {
                place: path,
                value,
                width,
            });
        }
        let dense = Self::dense_keys(&path, width as u32);
        let value = match (dense.filter(|at| at.is_map()), value) {
            (Some(at), AnyExpr::Scalar(ScalarExpr::Code(v))) => {
                return Ok(St::SetAtKeys(Box::new(at), v));
            }
            (_, value) => value,
        };
        Ok(St::Assign {
            place: path,
            value,
            width,
        })
    }

    /// A path into a state variable through several map keys, or map
    /// keys and sequence indices, each a local whose type has dense
    /// indices, as an [`AtKeys`] (see [`AtKeys::item_offset`]).
    pub fn dense_keys(p: &Path, width: u32) -> Option<AtKeys> {
        let one_map_key = p.keys.len() < 2 && p.keys.iter().all(|k| k.seq.is_none());
        if !matches!(p.src, Src::State) || one_map_key {
            return None;
        }
        let keys = p
            .keys
            .iter()
            .map(|k| {
                let (slot, plus) = local_plus(&k.key)?;
                Some(DenseKey {
                    slot,
                    // `idx = local + plus - lo` (see `local_plus`).
                    lo: shifted(k.elem.dense()?, plus)?,
                    n: k.elem.n,
                    stride: k.stride,
                    seq: k.seq,
                })
            })
            .collect::<Option<_>>()?;
        Some(AtKeys {
            base: p.base,
            keys,
            width,
        })
    }

    /// `s += {x}` (`s = s + {x}`) on a whole set variable: set one bit.
    fn insert(&mut self, place: &Place, e: &Expr) -> Built<Option<St>> {
        let (ExprKind::Bin(BinOp::Union | BinOp::Add, a, b), true) =
            (&e.kind, place.path.is_empty())
        else {
            return Ok(None);
        };
        let (ExprKind::Var(v), ExprKind::SetLit(items), Type::Set(elem_ty)) =
            (&a.kind, &b.kind, self.t.ty(place.ty))
        else {
            return Ok(None);
        };
        let elem_ty = *elem_ty;
        if *v != place.var || a.ty != place.ty || items.len() != 1 || self.class(place.ty).is_err()
        {
            return Ok(None);
        }
        let Some(elem) = self.t.elem(elem_ty) else {
            return Ok(None);
        };
        let item = self.scalar_as(&items[0], elem_ty)?;
        let (base, _) = self.layout.field(place.var);
        Ok(Some(St::Insert {
            at: base,
            item,
            elem,
        }))
    }
}

impl Path {
    /// Add a map key to the path. A constant key inside the key type is
    /// folded into the constant offset (a key outside stays, and bails
    /// when read).
    pub fn push_key(&mut self, key: Key) {
        match constant_index(&key.key, &key.elem) {
            Some(idx) if key.seq.is_none() => self.base += idx * key.stride,
            _ => self.keys.push(key),
        }
    }
}

/// The index of a constant key inside its key type.
pub(super) fn constant_index(key: &ScalarExpr, elem: &Elem) -> Option<u64> {
    let value = match key {
        ScalarExpr::Code(CodeExpr::Const(v)) => *v,
        ScalarExpr::Int(IntExpr::Const(v)) => *v as u64,
        ScalarExpr::Bool(BoolExpr::Const(v)) => u64::from(*v),
        _ => return None,
    };
    elem.index(value)
}

/// Whether a statement can make more than one branch.
pub fn branches(s: &St) -> bool {
    match s {
        St::Choose(..) | St::Either(_) => true,
        St::If(_, a, b) => a.branches || b.branches,
        St::For(_, body) => body.branches,
        _ => false,
    }
}

/// The parts of a built value that fits one word: each a code at its
/// offset (a wide part cannot be in a small value).
pub fn code_parts(parts: Vec<(Part, u64)>) -> Built<Vec<(CodeExpr, u32)>> {
    parts
        .into_iter()
        .map(|(p, at)| match p {
            Part::Code(c, _) => Ok((c, at as u32)),
            Part::Wide(..) => Err("a wide part of a small value"),
        })
        .collect()
}

/// Bound of the constants [`local_plus`] and [`shifted`] fold.
const SMALL: i64 = 1 << 40;

/// A key that is a local plus a constant (`k`, `i + 1`, `i - 1`): its
/// slot and the constant.
pub(super) fn local_plus(key: &ScalarExpr) -> Option<(u32, i64)> {
    let (slot, plus) = match key {
        ScalarExpr::Code(CodeExpr::Local(slot)) | ScalarExpr::Int(IntExpr::Local(slot)) => {
            (*slot, 0)
        }
        ScalarExpr::Int(IntExpr::Arith(op, x, y)) => match (op, &**x, &**y) {
            (Arith::Add, IntExpr::Local(slot), IntExpr::Const(c))
            | (Arith::Add, IntExpr::Const(c), IntExpr::Local(slot)) => (*slot, *c),
            (Arith::Sub, IntExpr::Local(slot), IntExpr::Const(c)) => (*slot, c.checked_neg()?),
            _ => return None,
        },
        _ => return None,
    };
    (plus.abs() < SMALL).then_some((slot, plus))
}

/// The low bound `lo - plus` that finds the index of `local + plus` as
/// `local - (lo - plus)`. With a constant on the key, both are kept
/// small, so that the subtraction, done with wrapping, lands on a valid
/// index only when the exact `local + plus - lo` does: where `local +
/// plus` overflows (the reference reports it), the index is out of range
/// and the fast path bails.
pub(super) fn shifted(lo: i64, plus: i64) -> Option<i64> {
    (plus == 0 || lo.abs() < SMALL).then_some(lo - plus)
}
