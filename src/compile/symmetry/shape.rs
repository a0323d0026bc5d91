//! Where the symmetric values sit in a packed state, and how a renaming
//! moves them.
//!
//! A [`Shape`] mirrors one variable's codec (`codec.rs` decides every bit
//! position; this only reads them), keeping what a renaming must touch: an
//! atom of a symmetric set is replaced by its new index, a set's bits move
//! to the new indices of their elements, a map's slots to the new indices
//! of their keys. Parts with no symmetric value inside are [`Kind::Plain`]
//! and copied as they are. An element or key is known by its index in its
//! type's domain (`check::domain`); an [`Index`] renames such an index with
//! arithmetic on its mixed-radix digits, without building the value.
//!
//! Both also hash a value *invariantly*: the same hash for a value and its
//! renamed image, given colours that are renamed along (`Colours`).

use crate::check::domain;
use crate::check::ir::{Type, TypeId};
use crate::compile::bits;
use crate::compile::codec::{Codec, CodecKind};

/// The colour of each symmetric value (by global atom number): what an
/// invariant hash reads instead of the value itself.
pub(super) struct Colours<'a> {
    pub(super) of: &'a [u64],
}

/// A renaming: the new index (within its set) of each global atom.
pub(super) struct Perm<'a> {
    pub(super) to: &'a [u32],
}

/// The symmetric sets, by type: their group number and first global atom.
pub(super) struct Groups {
    /// `(type, first global atom)` per group, in group order.
    pub(super) sets: Vec<(TypeId, u32)>,
}

impl Groups {
    fn group_of(&self, ty: TypeId) -> Option<(u32, u32)> {
        self.sets
            .iter()
            .position(|(t, _)| *t == ty)
            .map(|g| (g as u32, self.sets[g].1))
    }

    fn touches(&self, types: &[Type], ty: TypeId) -> bool {
        self.sets
            .iter()
            .any(|(t, _)| crate::check::symmetry::contains(types, ty, *t))
    }
}

/// A 64-bit mix (splitmix64's finaliser).
pub(super) fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Ordered combination.
fn then(h: u64, x: u64) -> u64 {
    mix(h.rotate_left(5) ^ x)
}

fn atom_hash(c: &Colours, global: u32) -> u64 {
    c.of.get(global as usize).copied().unwrap_or(u64::MAX)
}

/// One variable's (or part's) layout, as a renaming sees it.
#[derive(Debug)]
pub(super) struct Shape {
    width: u64,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    /// No symmetric value inside: copied bit for bit.
    Plain,
    /// An atom of a symmetric set (its first global atom number).
    Atom(u32),
    /// Fields at their offsets.
    Record(Vec<(u64, Shape)>),
    /// The tag, then each variant's fields at their offsets.
    Union {
        tag_bits: u32,
        variants: Vec<Vec<(u64, Shape)>>,
    },
    /// A presence bit, then the payload.
    Option(Box<Shape>),
    /// One bit per element index.
    Set(Index),
    /// One slot per key index.
    Map {
        keys: u64,
        key: Index,
        value: Box<Shape>,
    },
    /// The length, then the items.
    Seq {
        len_bits: u32,
        max: u32,
        item: Box<Shape>,
    },
}

impl Shape {
    /// The shape of a value of `ty` written by `codec`.
    pub(super) fn new(types: &[Type], groups: &Groups, ty: TypeId, codec: &Codec) -> Shape {
        let width = codec.width;
        if !groups.touches(types, ty) {
            return Shape {
                width,
                kind: Kind::Plain,
            };
        }
        let fields = |tys: &[TypeId], codecs: &[std::sync::Arc<Codec>]| {
            let mut at = 0;
            tys.iter()
                .zip(codecs)
                .map(|(t, c)| {
                    let part = (at, Shape::new(types, groups, *t, c));
                    at += c.width;
                    part
                })
                .collect::<Vec<_>>()
        };
        let kind = match (&types[ty.index()], &codec.kind) {
            (Type::Enum { .. }, CodecKind::Atom { .. }) => match groups.group_of(ty) {
                Some((_, first)) => Kind::Atom(first),
                None => Kind::Plain,
            },
            (Type::Record { fields: fs }, CodecKind::Record(codecs)) => {
                let tys: Vec<TypeId> = fs.iter().map(|f| f.ty).collect();
                Kind::Record(fields(&tys, codecs))
            }
            (
                Type::Union { variants, .. },
                CodecKind::Union {
                    tag_bits,
                    variants: cs,
                },
            ) => Kind::Union {
                tag_bits: *tag_bits,
                variants: variants
                    .iter()
                    .zip(cs)
                    .map(|(v, c)| {
                        let tys: Vec<TypeId> = v.fields.iter().map(|f| f.ty).collect();
                        fields(&tys, c)
                    })
                    .collect(),
            },
            (Type::Option(t), CodecKind::Option(inner)) => {
                Kind::Option(Box::new(Shape::new(types, groups, *t, inner)))
            }
            (Type::Set(t), CodecKind::Set { .. }) => Kind::Set(Index::new(types, groups, *t)),
            (Type::Map(k, v), CodecKind::Map { keys, value }) => Kind::Map {
                keys: *keys as u64,
                key: Index::new(types, groups, *k),
                value: Box::new(Shape::new(types, groups, *v, value)),
            },
            (
                Type::Seq(t, _),
                CodecKind::Seq {
                    max,
                    len_bits,
                    item,
                },
            ) => Kind::Seq {
                len_bits: *len_bits,
                max: *max,
                item: Box::new(Shape::new(types, groups, *t, item)),
            },
            _ => Kind::Plain,
        };
        Shape { width, kind }
    }

    /// Whether a renaming leaves this part alone.
    pub(super) fn is_plain(&self) -> bool {
        matches!(self.kind, Kind::Plain)
    }

    /// Write the renamed image of the value at `src[from..]` to
    /// `dst[to..]` (which must be zero).
    pub(super) fn rename(&self, src: &[u64], from: u64, dst: &mut [u64], to: u64, p: &Perm) {
        match &self.kind {
            Kind::Plain => bits::copy(src, from, dst, to, self.width),
            Kind::Atom(first) => {
                let a = bits::read(src, from, self.width as u32) as u32;
                let b = p.to[(first + a) as usize];
                bits::write(dst, to, self.width as u32, u64::from(b));
            }
            Kind::Record(fields) => {
                for (at, f) in fields {
                    f.rename(src, from + at, dst, to + at, p);
                }
            }
            Kind::Union { tag_bits, variants } => {
                let tag = bits::read(src, from, *tag_bits);
                bits::write(dst, to, *tag_bits, tag);
                let base = u64::from(*tag_bits);
                for (at, f) in variants.get(tag as usize).into_iter().flatten() {
                    f.rename(src, from + base + at, dst, to + base + at, p);
                }
            }
            Kind::Option(inner) => {
                if bits::test(src, from) {
                    bits::set(dst, to);
                    inner.rename(src, from + 1, dst, to + 1, p);
                }
            }
            Kind::Set(elem) => each_bit(src, from, self.width, |i| {
                bits::set(dst, to + elem.rename(i, p));
            }),
            Kind::Map { keys, key, value } => {
                let w = value.width;
                for i in 0..*keys {
                    value.rename(src, from + i * w, dst, to + key.rename(i, p) * w, p);
                }
            }
            Kind::Seq {
                len_bits,
                max,
                item,
            } => {
                let len = bits::read(src, from, *len_bits);
                bits::write(dst, to, *len_bits, len);
                let base = u64::from(*len_bits);
                for i in 0..len.min(u64::from(*max)) {
                    let at = base + i * item.width;
                    item.rename(src, from + at, dst, to + at, p);
                }
            }
        }
    }

    /// A hash of the value at `src[at..]` that renaming the value and the
    /// colours together leaves unchanged.
    pub(super) fn hash(&self, src: &[u64], at: u64, c: &Colours) -> u64 {
        match &self.kind {
            Kind::Plain => plain_hash(src, at, self.width),
            Kind::Atom(first) => {
                atom_hash(c, first + bits::read(src, at, self.width as u32) as u32)
            }
            Kind::Record(fields) => fields
                .iter()
                .fold(1, |h, (off, f)| then(h, f.hash(src, at + off, c))),
            Kind::Union { tag_bits, variants } => {
                let tag = bits::read(src, at, *tag_bits);
                let base = at + u64::from(*tag_bits);
                variants
                    .get(tag as usize)
                    .into_iter()
                    .flatten()
                    .fold(mix(tag + 2), |h, (off, f)| {
                        then(h, f.hash(src, base + off, c))
                    })
            }
            Kind::Option(inner) => match bits::test(src, at) {
                false => 3,
                true => then(4, inner.hash(src, at + 1, c)),
            },
            Kind::Set(elem) => {
                let mut h = 5u64;
                each_bit(src, at, self.width, |i| {
                    h = h.wrapping_add(mix(elem.hash(i, c)));
                });
                h
            }
            Kind::Map { keys, key, value } => {
                let w = value.width;
                let slots = (0..*keys).map(|i| (i, value.hash(src, at + i * w, c)));
                match key {
                    Index::Fixed => slots.fold(6, |h, (_, v)| then(h, v)),
                    _ => slots.fold(7u64, |h, (i, v)| {
                        h.wrapping_add(mix(then(key.hash(i, c), v)))
                    }),
                }
            }
            Kind::Seq {
                len_bits,
                max,
                item,
            } => {
                let len = bits::read(src, at, *len_bits);
                let base = at + u64::from(*len_bits);
                (0..len.min(u64::from(*max))).fold(mix(len + 8), |h, i| {
                    then(h, item.hash(src, base + i * item.width, c))
                })
            }
        }
    }
}

impl Shape {
    /// Add to `sig[a]`, for every occurrence of each symmetric value `a`
    /// in the value at `src[at..]`, a hash of where it occurs: `path` (the
    /// position in the state's shape, which no renaming moves) and what
    /// surrounds it (the element or entry it is in, hashed with the
    /// colours). Renaming the state and the colours together renames the
    /// signatures: they are what refinement sorts the values by.
    pub(super) fn occurrences(
        &self,
        src: &[u64],
        at: u64,
        path: u64,
        c: &Colours,
        sig: &mut [u64],
    ) {
        match &self.kind {
            Kind::Plain => {}
            Kind::Atom(first) => {
                let a = first + bits::read(src, at, self.width as u32) as u32;
                add(sig, a, mix(path));
            }
            Kind::Record(fields) => {
                for (i, (off, f)) in fields.iter().enumerate() {
                    f.occurrences(src, at + off, then(path, i as u64), c, sig);
                }
            }
            Kind::Union { tag_bits, variants } => {
                let tag = bits::read(src, at, *tag_bits);
                let base = at + u64::from(*tag_bits);
                let path = then(path, tag + 40);
                for (i, (off, f)) in variants.get(tag as usize).into_iter().flatten().enumerate() {
                    f.occurrences(src, base + off, then(path, i as u64), c, sig);
                }
            }
            Kind::Option(inner) => {
                if bits::test(src, at) {
                    inner.occurrences(src, at + 1, then(path, 1), c, sig);
                }
            }
            Kind::Set(elem) => each_bit(src, at, self.width, |i| {
                let around = elem.hash(i, c);
                elem.occurrences(i, then(path ^ around, 21), c, sig);
            }),
            Kind::Map { keys, key, value } => {
                let w = value.width;
                for k in 0..*keys {
                    let slot = at + k * w;
                    match key {
                        Index::Fixed => {
                            value.occurrences(src, slot, then(path, k), c, sig);
                        }
                        _ => {
                            let entry = value.hash(src, slot, c);
                            key.occurrences(k, then(path ^ entry, 22), c, sig);
                            let of_key = key.hash(k, c);
                            value.occurrences(src, slot, then(path ^ of_key, 23), c, sig);
                        }
                    }
                }
            }
            Kind::Seq {
                len_bits,
                max,
                item,
            } => {
                let len = bits::read(src, at, *len_bits);
                let base = at + u64::from(*len_bits);
                for i in 0..len.min(u64::from(*max)) {
                    item.occurrences(src, base + i * item.width, then(path, i + 60), c, sig);
                }
            }
        }
    }
}

fn add(sig: &mut [u64], a: u32, h: u64) {
    if let Some(s) = sig.get_mut(a as usize) {
        *s = s.wrapping_add(h);
    }
}

fn plain_hash(src: &[u64], at: u64, width: u64) -> u64 {
    let mut h = mix(width);
    let mut done = 0;
    while done < width {
        let w = (width - done).min(64) as u32;
        h = then(h, bits::read(src, at + done, w));
        done += u64::from(w);
    }
    h
}

/// Call `f` with the position of every set bit among `width` bits at `at`.
fn each_bit(src: &[u64], at: u64, width: u64, mut f: impl FnMut(u64)) {
    let mut done = 0;
    while done < width {
        let w = (width - done).min(64) as u32;
        let mut chunk = bits::read(src, at + done, w);
        while chunk != 0 {
            let bit = u64::from(chunk.trailing_zeros());
            f(done + bit);
            chunk &= chunk - 1;
        }
        done += u64::from(w);
    }
}

/// How a renaming moves an element's index in its type's domain (the
/// numbering of `check::domain::index_of`).
#[derive(Debug)]
pub(super) enum Index {
    /// No symmetric value inside: the index stays.
    Fixed,
    /// An atom of a symmetric set (its first global atom number).
    Atom(u32),
    /// Mixed-radix digits, the first most significant: `(radix, digit)`.
    Digits(Vec<(u64, Index)>),
    /// Variants one after another: `(count, digits)` per variant.
    Union(Vec<(u64, Vec<(u64, Index)>)>),
    /// `none` is 0, `some(x)` is 1 + x.
    Option(Box<Index>),
    /// A bitmask of element indices (fewer than 64 of them).
    Set(u32, Box<Index>),
    /// The digits of the values by key index: `(keys, key, radix, value)`.
    Map(u64, Box<Index>, u64, Box<Index>),
    /// Shorter sequences first, then the items' digits: `(radix, max)`.
    Seq(u64, u32, Box<Index>),
}

impl Index {
    fn new(types: &[Type], groups: &Groups, ty: TypeId) -> Index {
        if !groups.touches(types, ty) {
            return Index::Fixed;
        }
        let digits = |tys: &[TypeId]| -> Vec<(u64, Index)> {
            tys.iter()
                .map(|t| {
                    let radix = domain::size(types, *t).unwrap_or(0);
                    (radix, Index::new(types, groups, *t))
                })
                .collect()
        };
        match &types[ty.index()] {
            Type::Enum { .. } => match groups.group_of(ty) {
                Some((_, first)) => Index::Atom(first),
                None => Index::Fixed,
            },
            Type::Record { fields } => {
                let tys: Vec<TypeId> = fields.iter().map(|f| f.ty).collect();
                Index::Digits(digits(&tys))
            }
            Type::Union { variants, .. } => Index::Union(
                variants
                    .iter()
                    .map(|v| {
                        let tys: Vec<TypeId> = v.fields.iter().map(|f| f.ty).collect();
                        let d = digits(&tys);
                        (d.iter().map(|(r, _)| *r).product(), d)
                    })
                    .collect(),
            ),
            Type::Option(t) => Index::Option(Box::new(Index::new(types, groups, *t))),
            Type::Set(t) => {
                let n = domain::size(types, *t).unwrap_or(0) as u32;
                Index::Set(n, Box::new(Index::new(types, groups, *t)))
            }
            Type::Map(k, v) => Index::Map(
                domain::size(types, *k).unwrap_or(0),
                Box::new(Index::new(types, groups, *k)),
                domain::size(types, *v).unwrap_or(0),
                Box::new(Index::new(types, groups, *v)),
            ),
            Type::Seq(t, max) => Index::Seq(
                domain::size(types, *t).unwrap_or(0),
                *max,
                Box::new(Index::new(types, groups, *t)),
            ),
            Type::Bool | Type::Int | Type::Range { .. } => Index::Fixed,
        }
    }

    /// The index of the renamed element.
    fn rename(&self, i: u64, p: &Perm) -> u64 {
        match self {
            Index::Fixed => i,
            Index::Atom(first) => u64::from(p.to[(first + i as u32) as usize]),
            Index::Digits(ds) => rename_digits(ds, i, p),
            Index::Union(vs) => {
                let mut offset = 0;
                let mut rest = i;
                for (count, ds) in vs {
                    if rest < *count {
                        return offset + rename_digits(ds, rest, p);
                    }
                    rest -= count;
                    offset += count;
                }
                i
            }
            Index::Option(inner) => match i {
                0 => 0,
                _ => 1 + inner.rename(i - 1, p),
            },
            Index::Set(n, elem) => (0..*n)
                .filter(|b| i >> b & 1 == 1)
                .fold(0, |m, b| m | 1 << elem.rename(u64::from(b), p)),
            Index::Map(keys, key, radix, value) => {
                let mut digits = split(i, *radix, *keys);
                let old = digits.clone();
                for (k, d) in old.iter().enumerate() {
                    digits[key.rename(k as u64, p) as usize] = value.rename(*d, p);
                }
                join(&digits, *radix)
            }
            Index::Seq(radix, max, item) => {
                let (offset, len, rest) = seq_parts(i, *radix, *max);
                let digits: Vec<u64> = split(rest, *radix, len)
                    .into_iter()
                    .map(|d| item.rename(d, p))
                    .collect();
                offset + join(&digits, *radix)
            }
        }
    }

    /// An invariant hash of the element with this index.
    fn hash(&self, i: u64, c: &Colours) -> u64 {
        match self {
            Index::Fixed => mix(i ^ 0x55),
            Index::Atom(first) => atom_hash(c, first + i as u32),
            Index::Digits(ds) => hash_digits(ds, i, c),
            Index::Union(vs) => {
                let mut rest = i;
                for (tag, (count, ds)) in vs.iter().enumerate() {
                    if rest < *count {
                        return then(mix(tag as u64), hash_digits(ds, rest, c));
                    }
                    rest -= count;
                }
                0
            }
            Index::Option(inner) => match i {
                0 => 9,
                _ => then(10, inner.hash(i - 1, c)),
            },
            Index::Set(n, elem) => (0..*n).filter(|b| i >> b & 1 == 1).fold(11u64, |h, b| {
                h.wrapping_add(mix(elem.hash(u64::from(b), c)))
            }),
            Index::Map(keys, key, radix, value) => split(i, *radix, *keys)
                .iter()
                .enumerate()
                .fold(12u64, |h, (k, d)| {
                    h.wrapping_add(mix(then(key.hash(k as u64, c), value.hash(*d, c))))
                }),
            Index::Seq(radix, max, item) => {
                let (_, len, rest) = seq_parts(i, *radix, *max);
                split(rest, *radix, len)
                    .iter()
                    .fold(mix(len + 13), |h, d| then(h, item.hash(*d, c)))
            }
        }
    }
}

impl Index {
    /// [`Shape::occurrences`] for the element with index `i`.
    fn occurrences(&self, i: u64, path: u64, c: &Colours, sig: &mut [u64]) {
        match self {
            Index::Fixed => {}
            Index::Atom(first) => add(sig, first + i as u32, mix(path)),
            Index::Digits(ds) => digit_occurrences(ds, i, path, c, sig),
            Index::Union(vs) => {
                let mut rest = i;
                for (tag, (count, ds)) in vs.iter().enumerate() {
                    if rest < *count {
                        return digit_occurrences(ds, rest, then(path, tag as u64 + 40), c, sig);
                    }
                    rest -= count;
                }
            }
            Index::Option(inner) => {
                if i > 0 {
                    inner.occurrences(i - 1, then(path, 1), c, sig);
                }
            }
            Index::Set(n, elem) => {
                for b in (0..u64::from(*n)).filter(|b| i >> b & 1 == 1) {
                    let around = elem.hash(b, c);
                    elem.occurrences(b, then(path ^ around, 21), c, sig);
                }
            }
            Index::Map(keys, key, radix, value) => {
                for (k, d) in split(i, *radix, *keys).into_iter().enumerate() {
                    let k = k as u64;
                    key.occurrences(k, then(path ^ value.hash(d, c), 22), c, sig);
                    value.occurrences(d, then(path ^ key.hash(k, c), 23), c, sig);
                }
            }
            Index::Seq(radix, max, item) => {
                let (_, len, rest) = seq_parts(i, *radix, *max);
                for (j, d) in split(rest, *radix, len).into_iter().enumerate() {
                    item.occurrences(d, then(path, j as u64 + 60), c, sig);
                }
            }
        }
    }
}

fn digit_occurrences(ds: &[(u64, Index)], mut i: u64, path: u64, c: &Colours, sig: &mut [u64]) {
    for (j, (radix, d)) in ds.iter().enumerate().rev() {
        d.occurrences(i % radix, then(path, j as u64), c, sig);
        i /= radix;
    }
}

fn rename_digits(ds: &[(u64, Index)], mut i: u64, p: &Perm) -> u64 {
    let mut out = 0;
    let mut scale = 1;
    for (radix, d) in ds.iter().rev() {
        out += d.rename(i % radix, p) * scale;
        scale *= radix;
        i /= radix;
    }
    out
}

fn hash_digits(ds: &[(u64, Index)], mut i: u64, c: &Colours) -> u64 {
    let mut parts = Vec::with_capacity(ds.len());
    for (radix, d) in ds.iter().rev() {
        parts.push(d.hash(i % radix, c));
        i /= radix;
    }
    parts.iter().rev().fold(14, |h, x| then(h, *x))
}

/// The `n` digits of `i` in base `radix`, the first most significant.
fn split(mut i: u64, radix: u64, n: u64) -> Vec<u64> {
    let mut out = vec![0; n as usize];
    for d in out.iter_mut().rev() {
        *d = i % radix.max(1);
        i /= radix.max(1);
    }
    out
}

fn join(digits: &[u64], radix: u64) -> u64 {
    digits.iter().fold(0, |acc, d| acc * radix + d)
}

/// A sequence index as (offset of its length's block, length, index
/// within the block).
fn seq_parts(i: u64, radix: u64, max: u32) -> (u64, u64, u64) {
    let mut offset = 0;
    let mut rest = i;
    for len in 0..=u64::from(max) {
        let count = radix.saturating_pow(len as u32);
        if rest < count {
            return (offset, len, rest);
        }
        rest -= count;
        offset += count;
    }
    (offset, 0, 0)
}
