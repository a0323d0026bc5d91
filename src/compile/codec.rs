//! Codecs: how the values of one type are written as a fixed number of bits,
//! and the bit-field helpers that read and write them in `u64` words.
//!
//! Input: a type table. Output: a [`Codec`] per type (built once per type
//! id), with `encode` (fails on a value outside the type) and `decode`.

use std::sync::Arc;

use super::bits;
use crate::check::domain;
use crate::check::ir::{Type, TypeId};
use crate::value::Value;

/// How the values of one type are written as bits.
#[derive(Debug)]
pub(super) struct Codec {
    /// Bits taken by every value of the type.
    pub(super) width: u64,
    pub(super) kind: CodecKind,
}

#[derive(Debug)]
pub(super) enum CodecKind {
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

impl Codec {
    /// Write `value` at bit `at` (the field must be zero beforehand); `None`
    /// when the value does not belong to the type.
    pub(super) fn encode(
        &self,
        types: &[Type],
        value: &Value,
        at: u64,
        out: &mut [u64],
    ) -> Option<()> {
        let codec = self;
        match (&codec.kind, value) {
            (CodecKind::Bool, Value::Bool(b)) => bits::write(out, at, 1, u64::from(*b)),
            (CodecKind::Int { lo, hi }, Value::Int(v)) if lo <= v && v <= hi => {
                let code = (i128::from(*v) - i128::from(*lo)) as u64;
                bits::write(out, at, codec.width as u32, code);
            }
            (CodecKind::Atom { count }, Value::Atom(a)) if a < count => {
                bits::write(out, at, codec.width as u32, u64::from(*a));
            }
            (CodecKind::Record(fields), Value::Record(items)) => {
                encode_all(types, fields, items, at, out)?;
            }
            (CodecKind::Union { tag_bits, variants }, Value::Variant(tag, items)) => {
                let fields = variants.get(*tag as usize)?;
                bits::write(out, at, *tag_bits, u64::from(*tag));
                encode_all(types, fields, items, at + u64::from(*tag_bits), out)?;
            }
            (CodecKind::Option(_), Value::None) => {}
            (CodecKind::Option(inner), Value::Some(v)) => {
                bits::write(out, at, 1, 1);
                inner.encode(types, v, at + 1, out)?;
            }
            (CodecKind::Set { elem, all, .. }, Value::Set(items)) => {
                for item in items.iter() {
                    let bit = domain::index_of(types, *elem, item)?;
                    if bit >= all.len() as u64 {
                        return None;
                    }
                    bits::write(out, at + bit, 1, 1);
                }
            }
            (CodecKind::Map { keys, value }, Value::Map(items)) if items.len() == *keys => {
                for (i, item) in items.iter().enumerate() {
                    value.encode(types, item, at + i as u64 * value.width, out)?;
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
                bits::write(out, at, *len_bits, items.len() as u64);
                let start = at + u64::from(*len_bits);
                for (i, x) in items.iter().enumerate() {
                    item.encode(types, x, start + i as u64 * item.width, out)?;
                }
            }
            _ => return None,
        }
        Some(())
    }
}

fn encode_all(
    types: &[Type],
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
        codec.encode(types, item, at, out)?;
        at += codec.width;
    }
    Some(())
}

/// Read a value written by [`Codec::encode`] at bit `at`.
pub(super) fn decode(codec: &Codec, state: &[u64], at: u64) -> Value {
    let width = codec.width;
    match &codec.kind {
        CodecKind::Bool => Value::Bool(bits::read(state, at, 1) == 1),
        CodecKind::Int { lo, .. } => {
            let code = bits::read(state, at, width as u32);
            Value::Int((i128::from(*lo) + i128::from(code)) as i64)
        }
        CodecKind::Atom { .. } => Value::Atom(bits::read(state, at, width as u32) as u32),
        CodecKind::Record(fields) => Value::Record(decode_all(fields, state, at)),
        CodecKind::Union { tag_bits, variants } => {
            let tag = bits::read(state, at, *tag_bits) as u32;
            let fields = variants.get(tag as usize).map_or(&[][..], |f| f);
            Value::Variant(tag, decode_all(fields, state, at + u64::from(*tag_bits)))
        }
        CodecKind::Option(inner) => {
            if bits::read(state, at, 1) == 0 {
                Value::None
            } else {
                Value::Some(Arc::new(decode(inner, state, at + 1)))
            }
        }
        CodecKind::Set { all, sorted, .. } => {
            let items: Vec<Value> = all
                .iter()
                .enumerate()
                .filter(|(i, _)| bits::read(state, at + *i as u64, 1) == 1)
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
            let len = bits::read(state, at, *len_bits).min(u64::from(*max));
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
pub(super) struct Builder<'a> {
    types: &'a [Type],
    memo: Vec<Option<Arc<Codec>>>,
}

impl<'a> Builder<'a> {
    /// A builder over a type table.
    pub(super) fn new(types: &'a [Type]) -> Builder<'a> {
        Builder {
            types,
            memo: vec![None; types.len()],
        }
    }

    /// The codec of a type, built on first use.
    pub(super) fn codec(&mut self, ty: TypeId) -> Arc<Codec> {
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
