//! The packed state: every variable a fixed-width bit field.
//!
//! Because every stored type is finite, each value has a canonical code of a
//! fixed number of bits: a range `lo..hi` takes ceil(log2(hi-lo+1)) bits
//! (storing `v - lo`), an enum its index, a record its fields side by side, a
//! union a tag plus its widest payload, an option a presence bit plus the
//! payload, `set<T>` one bit per value of T (bit i is the value with
//! `domain::index_of` i), a map one slot per key (in key index order),
//! `seq<T, N>` a length plus N slots. A type with one value takes no bits.
//! A state is a `[u64]` of [`Layout::words`] words; fields may straddle a
//! word boundary.
//!
//! Input: the spec's type table and variable types. Output: `encode` /
//! `decode` between `Value`s and bits. Encoding a value that does not belong
//! to its type fails (the interpreter checks that every stored value fits
//! before it encodes, see `fit.rs`).

use std::sync::Arc;

use crate::check::domain;
use crate::check::ir::{self, Type, TypeId, VarId};
use crate::value::Value;

/// Where each variable lives in a packed state.
#[derive(Clone, Debug)]
pub struct Layout {
    words: usize,
    types: Vec<Type>,
    vars: Vec<Slot>,
}

/// One variable's bit field.
#[derive(Clone, Debug)]
struct Slot {
    offset: u64,
    codec: Arc<Codec>,
}

/// How the values of one type are written as bits.
#[derive(Debug)]
struct Codec {
    /// Bits taken by every value of the type.
    width: u64,
    kind: CodecKind,
}

#[derive(Debug)]
enum CodecKind {
    Bool,
    /// `v - lo` in `width` bits (a range).
    Int {
        lo: i64,
        hi: i64,
    },
    /// The atom's index.
    Atom {
        count: u32,
    },
    /// Fields side by side, first field at the lowest bits.
    Record(Vec<Arc<Codec>>),
    /// The tag, then that variant's fields (padded to the widest variant).
    Union {
        tag_bits: u32,
        variants: Vec<Vec<Arc<Codec>>>,
    },
    /// A presence bit, then the payload.
    Option(Arc<Codec>),
    /// One bit per value of the element type; `all` lists them in index
    /// order, `sorted` says whether that order is also the value order.
    Set {
        elem: TypeId,
        all: Arc<[Value]>,
        sorted: bool,
    },
    /// One slot per key.
    Map {
        keys: usize,
        value: Arc<Codec>,
    },
    /// The length, then `max` slots.
    Seq {
        max: u32,
        len_bits: u32,
        item: Arc<Codec>,
    },
    /// A type with no finite code (only `int`, which check keeps out of
    /// stored types): nothing encodes.
    Unrepresentable,
}

/// Bits needed to tell `n` values apart: ceil(log2(n)), 0 for n <= 1.
fn bits_for(n: u128) -> u32 {
    if n <= 1 {
        0
    } else {
        128 - (n - 1).leading_zeros()
    }
}

/// A set's element type with more values than this has no code (check
/// rejects such types first).
const MAX_SET_DOMAIN: u64 = 1 << 16;

impl Layout {
    /// The layout of a spec's variables, in declaration order.
    pub fn new(spec: &ir::Spec) -> Layout {
        let var_types: Vec<TypeId> = spec.vars.iter().map(|v| v.ty).collect();
        Layout::from_types(&spec.types, &var_types)
    }

    /// The layout of variables of the given types, over a type table.
    pub fn from_types(types: &[Type], var_types: &[TypeId]) -> Layout {
        let mut builder = Builder {
            types,
            memo: vec![None; types.len()],
        };
        let mut offset = 0u64;
        let mut vars = Vec::with_capacity(var_types.len());
        for &ty in var_types {
            let codec = builder.codec(ty);
            vars.push(Slot {
                offset,
                codec: codec.clone(),
            });
            offset += codec.width;
        }
        Layout {
            words: offset.div_ceil(64) as usize,
            types: types.to_vec(),
            vars,
        }
    }

    /// Words per state.
    pub fn words(&self) -> usize {
        self.words
    }

    /// The first bit of a variable and its width in bits.
    pub fn field(&self, var: VarId) -> (u64, u64) {
        let slot = &self.vars[var.index()];
        (slot.offset, slot.codec.width)
    }

    /// Encode every variable into a fresh packed state; on failure, the
    /// first variable whose value does not belong to its type.
    pub fn encode_state(&self, values: &[Value]) -> Result<Vec<u64>, VarId> {
        let mut out = vec![0; self.words];
        self.encode_state_into(values, &mut out)?;
        Ok(out)
    }

    /// Encode every variable into `out` (of [`Layout::words`] words).
    pub fn encode_state_into(&self, values: &[Value], out: &mut [u64]) -> Result<(), VarId> {
        out.fill(0);
        for (i, value) in values.iter().enumerate() {
            let var = VarId(i as u32);
            self.encode_var(var, value, out)?;
        }
        Ok(())
    }

    /// Decode every variable of a packed state.
    pub fn decode_state(&self, state: &[u64]) -> Vec<Value> {
        (0..self.vars.len())
            .map(|i| self.decode_var(VarId(i as u32), state))
            .collect()
    }

    /// Write one variable's value into its bit field (which must be zero).
    pub fn encode_var(&self, var: VarId, value: &Value, out: &mut [u64]) -> Result<(), VarId> {
        let slot = &self.vars[var.index()];
        self.encode(&slot.codec, value, slot.offset, out).ok_or(var)
    }

    /// Read one variable's value from a packed state.
    pub fn decode_var(&self, var: VarId, state: &[u64]) -> Value {
        let slot = &self.vars[var.index()];
        decode(&slot.codec, state, slot.offset)
    }

    fn encode(&self, codec: &Codec, value: &Value, at: u64, out: &mut [u64]) -> Option<()> {
        match (&codec.kind, value) {
            (CodecKind::Bool, Value::Bool(b)) => write_bits(out, at, 1, u64::from(*b)),
            (CodecKind::Int { lo, hi }, Value::Int(v)) if lo <= v && v <= hi => {
                let code = (i128::from(*v) - i128::from(*lo)) as u64;
                write_bits(out, at, codec.width as u32, code);
            }
            (CodecKind::Atom { count }, Value::Atom(a)) if a < count => {
                write_bits(out, at, codec.width as u32, u64::from(*a));
            }
            (CodecKind::Record(fields), Value::Record(items)) => {
                self.encode_all(fields, items, at, out)?;
            }
            (CodecKind::Union { tag_bits, variants }, Value::Variant(tag, items)) => {
                let fields = variants.get(*tag as usize)?;
                write_bits(out, at, *tag_bits, u64::from(*tag));
                self.encode_all(fields, items, at + u64::from(*tag_bits), out)?;
            }
            (CodecKind::Option(_), Value::None) => {}
            (CodecKind::Option(inner), Value::Some(v)) => {
                write_bits(out, at, 1, 1);
                self.encode(inner, v, at + 1, out)?;
            }
            (CodecKind::Set { elem, all, .. }, Value::Set(items)) => {
                for item in items.iter() {
                    let bit = domain::index_of(&self.types, *elem, item)?;
                    if bit >= all.len() as u64 {
                        return None;
                    }
                    write_bits(out, at + bit, 1, 1);
                }
            }
            (CodecKind::Map { keys, value }, Value::Map(items)) if items.len() == *keys => {
                for (i, item) in items.iter().enumerate() {
                    self.encode(value, item, at + i as u64 * value.width, out)?;
                }
            }
            (
                CodecKind::Seq {
                    max,
                    len_bits,
                    item,
                },
                Value::Seq(items),
            ) if items.len() <= *max as usize => {
                write_bits(out, at, *len_bits, items.len() as u64);
                let start = at + u64::from(*len_bits);
                for (i, x) in items.iter().enumerate() {
                    self.encode(item, x, start + i as u64 * item.width, out)?;
                }
            }
            _ => return None,
        }
        Some(())
    }

    fn encode_all(
        &self,
        codecs: &[Arc<Codec>],
        items: &[Value],
        at: u64,
        out: &mut [u64],
    ) -> Option<()> {
        if codecs.len() != items.len() {
            return None;
        }
        let mut at = at;
        for (codec, item) in codecs.iter().zip(items) {
            self.encode(codec, item, at, out)?;
            at += codec.width;
        }
        Some(())
    }
}

fn decode(codec: &Codec, state: &[u64], at: u64) -> Value {
    let width = codec.width;
    match &codec.kind {
        CodecKind::Bool => Value::Bool(read_bits(state, at, 1) == 1),
        CodecKind::Int { lo, .. } => {
            let code = read_bits(state, at, width as u32);
            Value::Int((i128::from(*lo) + i128::from(code)) as i64)
        }
        CodecKind::Atom { .. } => Value::Atom(read_bits(state, at, width as u32) as u32),
        CodecKind::Record(fields) => Value::Record(decode_all(fields, state, at)),
        CodecKind::Union { tag_bits, variants } => {
            let tag = read_bits(state, at, *tag_bits) as u32;
            let fields = variants.get(tag as usize).map_or(&[][..], |f| f);
            Value::Variant(tag, decode_all(fields, state, at + u64::from(*tag_bits)))
        }
        CodecKind::Option(inner) => {
            if read_bits(state, at, 1) == 0 {
                Value::None
            } else {
                Value::Some(Arc::new(decode(inner, state, at + 1)))
            }
        }
        CodecKind::Set { all, sorted, .. } => {
            let items: Vec<Value> = all
                .iter()
                .enumerate()
                .filter(|(i, _)| read_bits(state, at + *i as u64, 1) == 1)
                .map(|(_, v)| v.clone())
                .collect();
            if *sorted {
                Value::Set(items.into())
            } else {
                Value::set_from(items)
            }
        }
        CodecKind::Map { keys, value } => Value::Map(
            (0..*keys)
                .map(|i| decode(value, state, at + i as u64 * value.width))
                .collect(),
        ),
        CodecKind::Seq {
            max,
            len_bits,
            item,
        } => {
            let len = read_bits(state, at, *len_bits).min(u64::from(*max));
            let start = at + u64::from(*len_bits);
            Value::Seq(
                (0..len)
                    .map(|i| decode(item, state, start + i * item.width))
                    .collect(),
            )
        }
        CodecKind::Unrepresentable => Value::Int(0),
    }
}

fn decode_all(codecs: &[Arc<Codec>], state: &[u64], mut at: u64) -> Arc<[Value]> {
    codecs
        .iter()
        .map(|codec| {
            let v = decode(codec, state, at);
            at += codec.width;
            v
        })
        .collect()
}

/// Builds codecs once per type id.
struct Builder<'a> {
    types: &'a [Type],
    memo: Vec<Option<Arc<Codec>>>,
}

impl Builder<'_> {
    fn codec(&mut self, ty: TypeId) -> Arc<Codec> {
        if let Some(codec) = &self.memo[ty.index()] {
            return codec.clone();
        }
        let codec = Arc::new(self.build(ty));
        self.memo[ty.index()] = Some(codec.clone());
        codec
    }

    fn build(&mut self, ty: TypeId) -> Codec {
        let unrepresentable = Codec {
            width: 0,
            kind: CodecKind::Unrepresentable,
        };
        match &self.types[ty.index()] {
            Type::Bool => Codec {
                width: 1,
                kind: CodecKind::Bool,
            },
            Type::Int => unrepresentable,
            Type::Range { lo, hi } => {
                let n = (i128::from(*hi) - i128::from(*lo) + 1).max(0) as u128;
                let kind = CodecKind::Int { lo: *lo, hi: *hi };
                Codec {
                    width: u64::from(bits_for(n)),
                    kind,
                }
            }
            Type::Enum { atoms, .. } => {
                let count = atoms.len() as u32;
                let kind = CodecKind::Atom { count };
                Codec {
                    width: u64::from(bits_for(u128::from(count))),
                    kind,
                }
            }
            Type::Record { fields } => {
                let fields: Vec<Arc<Codec>> = fields.iter().map(|f| self.codec(f.ty)).collect();
                let width = fields.iter().map(|c| c.width).sum();
                Codec {
                    width,
                    kind: CodecKind::Record(fields),
                }
            }
            Type::Union { variants, .. } => {
                let variants: Vec<Vec<Arc<Codec>>> = variants
                    .iter()
                    .map(|v| v.fields.iter().map(|f| self.codec(f.ty)).collect())
                    .collect();
                let tag_bits = bits_for(variants.len() as u128);
                let payload = variants
                    .iter()
                    .map(|fields| fields.iter().map(|c| c.width).sum::<u64>())
                    .max()
                    .unwrap_or(0);
                let kind = CodecKind::Union { tag_bits, variants };
                Codec {
                    width: u64::from(tag_bits) + payload,
                    kind,
                }
            }
            Type::Option(inner) => {
                let inner = self.codec(*inner);
                Codec {
                    width: 1 + inner.width,
                    kind: CodecKind::Option(inner),
                }
            }
            Type::Set(elem) => match domain::size(self.types, *elem) {
                Some(n) if n <= MAX_SET_DOMAIN => {
                    let all: Arc<[Value]> = domain::values(self.types, *elem).into();
                    let sorted = all.windows(2).all(|w| w[0] < w[1]);
                    let kind = CodecKind::Set {
                        elem: *elem,
                        all,
                        sorted,
                    };
                    Codec { width: n, kind }
                }
                _ => unrepresentable,
            },
            Type::Map(key, value) => match domain::size(self.types, *key) {
                Some(keys) if keys <= MAX_SET_DOMAIN => {
                    let value = self.codec(*value);
                    let keys = keys as usize;
                    Codec {
                        width: keys as u64 * value.width,
                        kind: CodecKind::Map { keys, value },
                    }
                }
                _ => unrepresentable,
            },
            Type::Seq(item, max) => {
                let item = self.codec(*item);
                let len_bits = bits_for(u128::from(*max) + 1);
                let width = u64::from(len_bits) + u64::from(*max) * item.width;
                Codec {
                    width,
                    kind: CodecKind::Seq {
                        max: *max,
                        len_bits,
                        item,
                    },
                }
            }
        }
    }
}

/// Read `width` (at most 64) bits starting at bit `at`.
fn read_bits(words: &[u64], at: u64, width: u32) -> u64 {
    if width == 0 {
        return 0;
    }
    let word = (at / 64) as usize;
    let shift = (at % 64) as u32;
    let mut bits = words[word] >> shift;
    if shift + width > 64 {
        bits |= words[word + 1] << (64 - shift);
    }
    if width == 64 {
        bits
    } else {
        bits & ((1 << width) - 1)
    }
}

/// OR `width` (at most 64) bits of `value` in at bit `at` (the field must be
/// zero beforehand).
fn write_bits(words: &mut [u64], at: u64, width: u32, value: u64) {
    if width == 0 {
        return;
    }
    let word = (at / 64) as usize;
    let shift = (at % 64) as u32;
    words[word] |= value << shift;
    if shift + width > 64 {
        words[word + 1] |= value >> (64 - shift);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::ir::{Field, VariantDef};

    fn field(name: &str, ty: u32) -> Field {
        Field {
            name: name.into(),
            ty: TypeId(ty),
        }
    }

    /// Small types of every kind, nested ones included.
    fn table() -> Vec<Type> {
        let enum_of = |atoms: &[&str]| Type::Enum {
            name: atoms.join(""),
            atoms: atoms.iter().map(|a| a.to_string()).collect(),
            symmetric: false,
        };
        vec![
            Type::Bool,                    // 0
            Type::Range { lo: -1, hi: 2 }, // 1
            enum_of(&["r1", "r2", "r3"]),  // 2
            Type::Record {
                fields: vec![field("a", 0), field("b", 1)],
            }, // 3
            Type::Union {
                name: "Msg".into(),
                variants: vec![
                    VariantDef {
                        name: "P".into(),
                        fields: vec![field("rm", 2)],
                    },
                    VariantDef {
                        name: "R".into(),
                        fields: vec![field("rec", 3)],
                    },
                    VariantDef {
                        name: "C".into(),
                        fields: vec![],
                    },
                ],
            }, // 4
            Type::Option(TypeId(2)),       // 5
            Type::Set(TypeId(4)),          // 6: set of union with records
            Type::Map(TypeId(2), TypeId(1)), // 7
            Type::Map(TypeId(2), TypeId(5)), // 8: map to option
            Type::Seq(TypeId(3), 2),       // 9: seq of records
            Type::Range { lo: 5, hi: 5 },  // 10: zero width
            enum_of(&["only"]),            // 11: zero width
            Type::Range {
                lo: 0,
                hi: (1 << 61) - 1,
            }, // 12: 61 bits
            Type::Set(TypeId(2)),          // 13
            Type::Seq(TypeId(0), 3),       // 14
            Type::Record {
                fields: vec![field("s", 13), field("o", 5), field("z", 10)],
            }, // 15
        ]
    }

    fn round_trips(types: &[Type], ty: TypeId, prefix: Option<TypeId>) {
        let vars: Vec<TypeId> = prefix.into_iter().chain([ty]).collect();
        let layout = Layout::from_types(types, &vars);
        // The greatest value of the prefix: all its bits set, so a field
        // that overlaps it would be caught.
        let pad = prefix.map(|p| {
            let last = domain::size(types, p).unwrap() - 1;
            domain::value_at(types, p, last).unwrap()
        });
        let all = domain::values(types, ty);
        assert_eq!(all.len() as u64, domain::size(types, ty).unwrap());
        let mut seen = std::collections::HashSet::new();
        for v in all {
            let state: Vec<Value> = pad.iter().cloned().chain([v]).collect();
            let packed = layout.encode_state(&state).unwrap();
            assert_eq!(packed.len(), layout.words());
            assert_eq!(layout.decode_state(&packed), state, "type {ty:?}");
            assert!(seen.insert(packed), "two values share a code in {ty:?}");
        }
    }

    #[test]
    fn every_value_of_every_type_round_trips() {
        let t = table();
        for i in 0..t.len() {
            if i == 12 {
                continue; // too many values to enumerate
            }
            round_trips(&t, TypeId(i as u32), None);
        }
    }

    #[test]
    fn values_straddling_a_word_boundary_round_trip() {
        let t = table();
        for i in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 15] {
            round_trips(&t, TypeId(i), Some(TypeId(12)));
        }
    }

    #[test]
    fn widths_follow_the_codes() {
        let t = table();
        let vars: Vec<TypeId> = (0..t.len() as u32).map(TypeId).collect();
        let layout = Layout::from_types(&t, &vars);
        let widths: Vec<u64> = (0..vars.len() as u32)
            .map(|i| layout.field(VarId(i)).1)
            .collect();
        // record: 1 + 2; union: tag 2 + widest payload 3; set<Msg>: 3 + 8 + 1.
        assert_eq!(
            widths,
            [1, 2, 2, 3, 5, 3, 12, 6, 9, 2 + 6, 0, 0, 61, 3, 2 + 3, 3 + 3]
        );
        let offsets: Vec<u64> = (0..vars.len() as u32)
            .map(|i| layout.field(VarId(i)).0)
            .collect();
        assert_eq!(offsets[..4], [0, 1, 3, 5]);
        assert_eq!(
            layout.words(),
            widths.iter().sum::<u64>().div_ceil(64) as usize
        );
    }

    #[test]
    fn many_variables_span_several_words() {
        let t = vec![Type::Range { lo: 0, hi: 9 }, Type::Bool];
        let vars: Vec<TypeId> = (0..40).map(|i| TypeId(i % 2)).collect();
        let layout = Layout::from_types(&t, &vars);
        assert_eq!(layout.words(), 2); // 20 * 4 + 20 * 1 = 100 bits
        let state: Vec<Value> = (0..40)
            .map(|i| {
                if i % 2 == 0 {
                    Value::Int((i * 7 % 10) as i64)
                } else {
                    Value::Bool(i % 3 == 0)
                }
            })
            .collect();
        let packed = layout.encode_state(&state).unwrap();
        assert_eq!(layout.decode_state(&packed), state);
        assert_eq!(layout.decode_var(VarId(38), &packed), Value::Int(6));
    }

    #[test]
    fn values_outside_their_type_do_not_encode() {
        let t = table();
        let layout = Layout::from_types(&t, &[TypeId(0), TypeId(1), TypeId(14)]);
        let ok = vec![
            Value::Bool(true),
            Value::Int(2),
            Value::Seq(vec![Value::Bool(true)].into()),
        ];
        assert!(layout.encode_state(&ok).is_ok());
        let mut bad = ok.clone();
        bad[1] = Value::Int(3);
        assert_eq!(layout.encode_state(&bad), Err(VarId(1)));
        let mut long = ok;
        long[2] = Value::Seq(vec![Value::Bool(true); 4].into());
        assert_eq!(layout.encode_state(&long), Err(VarId(2)));
    }
}
