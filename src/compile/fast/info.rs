//! What the fast evaluator knows about each type: how its values are held
//! (a bool, an `i64`, a code of at most 64 bits, or a wide code of several
//! words), its code width, and for types whose values are set elements,
//! map keys or iterated (`r: RM`), the tables between a value's code and
//! its index (`check::domain::index_of`, the bit it owns in a set).
//!
//! Input: the spec's type table. Output: [`Types`], built once at compile
//! time. Codes are those of `layout.rs` / `codec.rs`.

use std::sync::{Arc, OnceLock};

use crate::check::domain;
use crate::check::ir::{Type, TypeId};
use crate::compile::layout::Layout;
use crate::value::Value;

/// How values of a type are held while evaluating.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// `bool`: a `bool` (0 or 1 as a scalar).
    Bool,
    /// `Int` and ranges: the integer itself as an `i64`.
    Int,
    /// Any other type whose code fits one word.
    Code,
    /// A code of more than 64 bits, in words of the worker's arena.
    Wide,
}

/// One type's facts.
#[derive(Clone, Debug)]
pub struct Info {
    /// How its values are held.
    pub class: Class,
    /// Bits of its code (0 for `Int`).
    pub width: u64,
    /// A range's bounds (`i64::MIN..=i64::MAX` for `Int`).
    pub lo: i64,
    /// See `lo`.
    pub hi: i64,
    /// Whether every value has a code the fast path can hold (no `Int`
    /// inside a stored shape, no set or map too large for a code).
    pub ok: bool,
}

/// The most values an element or key type may have for the fast path.
pub const MAX_ELEMS: u64 = 1 << 16;

/// How to find an element's index from its scalar.
#[derive(Debug)]
enum ToIndex {
    /// An integer: `v - lo`.
    Int,
    /// The code is the index.
    Same,
    /// A table by code (`u32::MAX`: no such value).
    Table(Vec<u32>),
    /// Sorted `(code, index)` pairs, for codes too wide for a table.
    Search(Vec<(u64, u32)>),
}

/// The values of an element, key or iterated type, by index.
#[derive(Debug)]
pub struct Elem {
    /// How its values are held.
    pub class: Class,
    /// How many values.
    pub n: u64,
    lo: i64,
    to_index: ToIndex,
    /// The scalar of each index, unless it is the index itself (or, for
    /// ints, `lo + index`).
    of_index: Option<Vec<u64>>,
    /// Indices in value order, when that differs from index order.
    pub order: Option<Vec<u32>>,
}

impl Elem {
    /// The index of a value given as a scalar, or `None` when it is not a
    /// value of the type (an integer outside the range).
    #[inline]
    pub fn index(&self, scalar: u64) -> Option<u64> {
        match &self.to_index {
            ToIndex::Int => {
                let i = (scalar as i64).checked_sub(self.lo)?;
                (i >= 0 && (i as u64) < self.n).then_some(i as u64)
            }
            ToIndex::Same => (scalar < self.n).then_some(scalar),
            ToIndex::Table(t) => match t.get(scalar as usize) {
                Some(&i) if i != u32::MAX => Some(u64::from(i)),
                _ => None,
            },
            ToIndex::Search(pairs) => pairs
                .binary_search_by_key(&scalar, |p| p.0)
                .ok()
                .map(|at| u64::from(pairs[at].1)),
        }
    }

    /// The integers `lo..lo + n` (a sequence's indices `0..max`).
    pub fn ints(lo: i64, n: u64) -> Elem {
        Elem {
            class: Class::Int,
            n,
            lo,
            to_index: ToIndex::Int,
            of_index: None,
            order: None,
        }
    }

    /// The low bound when indices are dense (`index = scalar - lo`).
    pub fn dense(&self) -> Option<i64> {
        match self.to_index {
            ToIndex::Int => Some(self.lo),
            ToIndex::Same => Some(0),
            _ => None,
        }
    }

    /// The scalar of the value at an index (which must be below `n`).
    #[inline]
    pub fn scalar(&self, index: u64) -> u64 {
        match (&self.of_index, &self.to_index) {
            (Some(t), _) => t[index as usize],
            (None, ToIndex::Int) => (self.lo + index as i64) as u64,
            (None, _) => index,
        }
    }
}

/// Facts for every type of a spec.
#[derive(Debug)]
pub struct Types {
    types: Vec<Type>,
    infos: Vec<Info>,
    elems: Vec<OnceLock<Option<Arc<Elem>>>>,
}

/// Bits to tell `n` values apart.
fn bits_for(n: u128) -> u64 {
    if n <= 1 {
        0
    } else {
        u64::from(128 - (n - 1).leading_zeros())
    }
}

impl Types {
    /// Facts for a type table.
    pub fn new(types: &[Type]) -> Types {
        let mut infos: Vec<Option<Info>> = vec![None; types.len()];
        for i in 0..types.len() {
            info_of(types, TypeId(i as u32), &mut infos);
        }
        Types {
            types: types.to_vec(),
            infos: infos
                .into_iter()
                .map(|i| i.expect("every type's info was built"))
                .collect(),
            elems: (0..types.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// A type's facts.
    pub fn info(&self, ty: TypeId) -> &Info {
        &self.infos[ty.index()]
    }

    /// The type behind an id.
    pub fn ty(&self, ty: TypeId) -> &Type {
        &self.types[ty.index()]
    }

    /// Words of a wide type's code.
    pub fn words(&self, ty: TypeId) -> usize {
        self.info(ty).width.div_ceil(64) as usize
    }

    /// The code of a value of a type, as words (`None` if it does not fit).
    pub fn encode(&self, ty: TypeId, value: &Value) -> Option<Vec<u64>> {
        let layout = Layout::from_types(&self.types, &[ty]);
        layout.encode_state(std::slice::from_ref(value)).ok()
    }

    /// Element tables of a type, if it is small enough and its values fit
    /// a scalar.
    pub fn elem(&self, ty: TypeId) -> Option<Arc<Elem>> {
        self.elems[ty.index()]
            .get_or_init(|| self.build_elem(ty).map(Arc::new))
            .clone()
    }

    fn build_elem(&self, ty: TypeId) -> Option<Elem> {
        let info = self.info(ty);
        let n = domain::size(&self.types, ty)?;
        if n > MAX_ELEMS || !info.ok || info.class == Class::Wide {
            return None;
        }
        let values = domain::values(&self.types, ty);
        let order = if values.windows(2).all(|w| w[0] < w[1]) {
            None
        } else {
            let mut idx: Vec<u32> = (0..n as u32).collect();
            idx.sort_by(|a, b| values[*a as usize].cmp(&values[*b as usize]));
            Some(idx)
        };
        if info.class == Class::Int {
            let to_index = ToIndex::Int;
            return Some(Elem {
                class: info.class,
                n,
                lo: info.lo,
                to_index,
                of_index: None,
                order,
            });
        }
        let codes = values
            .iter()
            .map(|v| Some(self.encode(ty, v)?.first().copied().unwrap_or(0)))
            .collect::<Option<Vec<u64>>>()?;
        let same = codes.iter().enumerate().all(|(i, c)| *c == i as u64);
        let to_index = if same {
            ToIndex::Same
        } else if info.width <= 16 {
            let mut table = vec![u32::MAX; 1 << info.width];
            for (i, c) in codes.iter().enumerate() {
                table[*c as usize] = i as u32;
            }
            ToIndex::Table(table)
        } else {
            let mut pairs: Vec<(u64, u32)> = codes
                .iter()
                .enumerate()
                .map(|(i, c)| (*c, i as u32))
                .collect();
            pairs.sort_unstable();
            ToIndex::Search(pairs)
        };
        let of_index = (!same).then_some(codes);
        Some(Elem {
            class: info.class,
            n,
            lo: 0,
            to_index,
            of_index,
            order,
        })
    }

    /// Bit offsets of a record's fields.
    pub fn field_offsets(&self, fields: &[TypeId]) -> Vec<u64> {
        let mut at = 0;
        fields
            .iter()
            .map(|f| {
                let here = at;
                at += self.info(*f).width;
                here
            })
            .collect()
    }

    /// Bits of a union's tag.
    pub fn tag_bits(&self, variants: usize) -> u64 {
        bits_for(variants as u128)
    }
}

fn info_of(types: &[Type], ty: TypeId, memo: &mut Vec<Option<Info>>) -> Info {
    if let Some(i) = &memo[ty.index()] {
        return i.clone();
    }
    let mut sub = |t: TypeId| info_of(types, t, memo);
    let (width, lo, hi, ok) = match &types[ty.index()] {
        Type::Bool => (1, 0, 1, true),
        Type::Int => (0, i64::MIN, i64::MAX, false),
        Type::Range { lo, hi } => {
            let n = (i128::from(*hi) - i128::from(*lo) + 1).max(0) as u128;
            (bits_for(n), *lo, *hi, true)
        }
        Type::Enum { atoms, .. } => (bits_for(atoms.len() as u128), 0, 0, true),
        Type::Record { fields } => {
            let subs: Vec<Info> = fields.iter().map(|f| sub(f.ty)).collect();
            (
                subs.iter().map(|i| i.width).sum(),
                0,
                0,
                subs.iter().all(|i| i.ok),
            )
        }
        Type::Union { variants, .. } => {
            let mut payload = 0;
            let mut ok = true;
            for v in variants {
                let subs: Vec<Info> = v.fields.iter().map(|f| sub(f.ty)).collect();
                payload = payload.max(subs.iter().map(|i| i.width).sum());
                ok &= subs.iter().all(|i| i.ok);
            }
            (bits_for(variants.len() as u128) + payload, 0, 0, ok)
        }
        Type::Option(inner) => {
            let i = sub(*inner);
            (1 + i.width, 0, 0, i.ok)
        }
        Type::Set(elem) => {
            let e = sub(*elem);
            match domain::size(types, *elem) {
                Some(n) if n <= MAX_ELEMS && e.ok => (n, 0, 0, true),
                _ => (0, 0, 0, false),
            }
        }
        Type::Map(key, value) => {
            let (k, v) = (sub(*key), sub(*value));
            match domain::size(types, *key) {
                Some(n) if n <= MAX_ELEMS && k.ok && v.ok => (n * v.width, 0, 0, true),
                _ => (0, 0, 0, false),
            }
        }
        Type::Seq(item, max) => {
            let i = sub(*item);
            (
                bits_for(u128::from(*max) + 1) + u64::from(*max) * i.width,
                0,
                0,
                i.ok,
            )
        }
    };
    let class = match &types[ty.index()] {
        Type::Bool => Class::Bool,
        Type::Int | Type::Range { .. } => Class::Int,
        _ if width <= 64 => Class::Code,
        _ => Class::Wide,
    };
    let info = Info {
        class,
        width,
        lo,
        hi,
        ok,
    };
    memo[ty.index()] = Some(info.clone());
    info
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::testing::*;

    #[test]
    fn widths_match_the_state_layout() {
        let t = types();
        let facts = Types::new(&t);
        for i in 0..t.len() as u32 {
            if !facts.info(TypeId(i)).ok {
                continue;
            }
            let layout = Layout::from_types(&t, &[TypeId(i)]);
            let (_, width) = layout.field(crate::check::ir::VarId(0));
            assert_eq!(facts.info(TypeId(i)).width, width, "type {i}");
        }
        assert_eq!(facts.info(TypeId(INT)).class, Class::Int);
        assert!(!facts.info(TypeId(SET_INT)).ok);
    }

    #[test]
    fn element_tables_map_codes_to_indices() {
        let t = types();
        let facts = Types::new(&t);
        // Msg = P { rm: RM } | C: codes are tag + payload, indices dense.
        let msg = facts.elem(TypeId(MSG)).unwrap();
        assert_eq!(msg.n, 4);
        for i in 0..4 {
            let v = domain::value_at(&t, TypeId(MSG), i).unwrap();
            let code = facts.encode(TypeId(MSG), &v).unwrap()[0];
            assert_eq!(msg.scalar(i), code);
            assert_eq!(msg.index(code), Some(i));
        }
        let small = facts.elem(TypeId(SMALL)).unwrap();
        assert_eq!(small.index((-1i64) as u64), Some(0));
        assert_eq!(small.index(3), None);
        assert_eq!(small.scalar(3) as i64, 2);
        // set<RM> as an element: index order is not value order.
        let sets = facts.elem(TypeId(SET_RM)).unwrap();
        let order = sets.order.as_ref().unwrap();
        assert_eq!(order[..4], [0, 1, 3, 7]); // {}, {r1}, {r1,r2}, {r1,r2,r3}
    }
}
