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

use crate::check::ir::{self, Type, TypeId, VarId};
use crate::compile::codec::{self, Builder, Codec};
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

impl Layout {
    /// The layout of a spec's variables, in declaration order.
    pub fn new(spec: &ir::Spec) -> Layout {
        let var_types: Vec<TypeId> = spec.vars.iter().map(|v| v.ty).collect();
        Layout::from_types(&spec.types, &var_types)
    }

    /// The layout of variables of the given types, over a type table.
    pub fn from_types(types: &[Type], var_types: &[TypeId]) -> Layout {
        let mut builder = Builder::new(types);
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

    /// The first bit of a variable and its codec.
    pub(super) fn slot(&self, var: VarId) -> (u64, &Arc<Codec>) {
        let slot = &self.vars[var.index()];
        (slot.offset, &slot.codec)
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
        slot.codec
            .encode(&self.types, value, slot.offset, out)
            .ok_or(var)
    }

    /// Read one variable's value from a packed state.
    pub fn decode_var(&self, var: VarId, state: &[u64]) -> Value {
        let slot = &self.vars[var.index()];
        codec::decode(&slot.codec, state, slot.offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::domain;
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
