//! The type table: interning, compatibility, and type names for messages.
//!
//! Types are interned so that equal types share one [`TypeId`]. While
//! checking, [`ERR`] stands for "the type of something already reported as
//! wrong": it is compatible with everything, so one mistake gives one error.
//! It never enters the table (a composite with an `ERR` part is `ERR`), and
//! no IR is returned once an error is recorded.

use std::collections::HashMap;

use crate::check::ir::{Field, Type, TypeId};

/// The type of an expression whose error is already reported.
pub(super) const ERR: TypeId = TypeId(u32::MAX);
/// `bool`, interned first.
pub(super) const BOOL: TypeId = TypeId(0);
/// The unbounded integers, interned second.
pub(super) const INT: TypeId = TypeId(1);

/// Every type used so far, each once.
pub(super) struct TypeTable {
    pub(super) list: Vec<Type>,
    ids: HashMap<Type, TypeId>,
}

impl TypeTable {
    /// A table holding `bool` and `int`.
    pub(super) fn new() -> TypeTable {
        let mut table = TypeTable {
            list: Vec::new(),
            ids: HashMap::new(),
        };
        table.intern(Type::Bool);
        table.intern(Type::Int);
        table
    }

    /// The id of `ty`, adding it if new; `ERR` if any part of it is `ERR`.
    pub(super) fn intern(&mut self, ty: Type) -> TypeId {
        if parts(&ty).contains(&ERR) {
            return ERR;
        }
        if let Some(id) = self.ids.get(&ty) {
            return *id;
        }
        let id = TypeId(self.list.len() as u32);
        self.list.push(ty.clone());
        self.ids.insert(ty, id);
        id
    }

    /// The type behind an id; `None` for `ERR`.
    pub(super) fn get(&self, id: TypeId) -> Option<&Type> {
        self.list.get(id.index())
    }

    /// `set<elem>`.
    pub(super) fn set_of(&mut self, elem: TypeId) -> TypeId {
        self.intern(Type::Set(elem))
    }

    /// Whether `id` is `int` or a range.
    pub(super) fn is_int_like(&self, id: TypeId) -> bool {
        matches!(self.get(id), Some(Type::Int | Type::Range { .. }))
    }

    /// The element type of a set.
    pub(super) fn set_elem(&self, id: TypeId) -> Option<TypeId> {
        match self.get(id) {
            Some(Type::Set(elem)) => Some(*elem),
            _ => None,
        }
    }

    /// Whether values of `a` may stand where `b` is expected: the same
    /// shape, ignoring range bounds and sequence bounds. `ERR` fits all.
    pub(super) fn compat(&self, a: TypeId, b: TypeId) -> bool {
        self.same_shape(a, b, &|x, y| enum_atoms(x) == enum_atoms(y))
    }

    /// Whether values of `a` may be widened into `b`: the same shape, with
    /// every enum of `a` holding only atoms of the enum of `b` at its place
    /// (neither `symmetric`: a permutation of one set of model values must
    /// not move values of another type). Map keys do not widen: a total map
    /// has no value for the added keys.
    pub(super) fn widens(&self, a: TypeId, b: TypeId) -> bool {
        self.same_shape(a, b, &|x, y| {
            enum_atoms(x) == enum_atoms(y)
                || plain_atoms(x)
                    .zip(plain_atoms(y))
                    .is_some_and(|(x, y)| x.iter().all(|atom| y.contains(atom)))
        })
    }

    /// `a` and `b` of one shape, part by part (range and sequence bounds
    /// ignored, `ERR` fitting all), with `enums` judging each pair of enums
    /// at the same place; map keys always by [`TypeTable::compat`].
    fn same_shape(&self, a: TypeId, b: TypeId, enums: &dyn Fn(&Type, &Type) -> bool) -> bool {
        if a == b || a == ERR || b == ERR {
            return true;
        }
        let (Some(ta), Some(tb)) = (self.get(a), self.get(b)) else {
            return true;
        };
        let part = |x: TypeId, y: TypeId| self.same_shape(x, y, enums);
        match (ta, tb) {
            (Type::Int | Type::Range { .. }, Type::Int | Type::Range { .. }) => true,
            (Type::Enum { .. }, Type::Enum { .. }) => enums(ta, tb),
            (Type::Record { fields: x }, Type::Record { fields: y }) => {
                x.len() == y.len()
                    && x.iter()
                        .zip(y)
                        .all(|(f, g)| f.name == g.name && part(f.ty, g.ty))
            }
            (Type::Option(x), Type::Option(y)) | (Type::Set(x), Type::Set(y)) => part(*x, *y),
            (Type::Seq(x, _), Type::Seq(y, _)) => part(*x, *y),
            (Type::Map(k, v), Type::Map(k2, v2)) => self.compat(*k, *k2) && part(*v, *v2),
            _ => false,
        }
    }

    /// Two (non-symmetric) enums without an atom in common: no value of
    /// one equals a value of the other.
    pub(super) fn disjoint_enums(&self, a: TypeId, b: TypeId) -> bool {
        let atoms = |t| self.get(t).and_then(plain_atoms);
        atoms(a)
            .zip(atoms(b))
            .is_some_and(|(x, y)| !x.iter().any(|atom| y.contains(atom)))
    }

    /// The least type both `a` and `b` widen to, when neither widens to the
    /// other: enums at the same place join into an anonymous enum of `a`'s
    /// atoms followed by the rest of `b`'s (`{commit, abort}` and
    /// `{notsent, sent}` give `{commit, abort, notsent, sent}`).
    pub(super) fn enum_join(&mut self, a: TypeId, b: TypeId) -> Option<TypeId> {
        if self.widens(b, a) {
            return Some(a);
        }
        if self.widens(a, b) {
            return Some(b);
        }
        let (ta, tb) = (self.get(a)?.clone(), self.get(b)?.clone());
        if let (Some(x), Some(y)) = (plain_atoms(&ta), plain_atoms(&tb)) {
            let mut atoms = x.clone();
            atoms.extend(y.iter().filter(|atom| !x.contains(atom)).cloned());
            let name = format!("{{{}}}", atoms.join(", "));
            let joined = Type::Enum {
                name,
                atoms,
                symmetric: false,
            };
            return Some(self.intern(joined));
        }
        let joined = match (ta, tb) {
            (Type::Record { fields: x }, Type::Record { fields: y }) => {
                if x.len() != y.len() || x.iter().zip(&y).any(|(f, g)| f.name != g.name) {
                    return None;
                }
                let mut fields = Vec::with_capacity(x.len());
                for (f, g) in x.into_iter().zip(y) {
                    let ty = self.enum_join(f.ty, g.ty)?;
                    fields.push(Field { name: f.name, ty });
                }
                Type::Record { fields }
            }
            (Type::Option(x), Type::Option(y)) => Type::Option(self.enum_join(x, y)?),
            (Type::Set(x), Type::Set(y)) => Type::Set(self.enum_join(x, y)?),
            (Type::Seq(x, n), Type::Seq(y, m)) => Type::Seq(self.enum_join(x, y)?, n.max(m)),
            (Type::Map(k, v), Type::Map(k2, w)) if self.compat(k, k2) => {
                Type::Map(k, self.enum_join(v, w)?)
            }
            _ => return None,
        };
        Some(self.intern(joined))
    }

    /// The type of a value that may come from `a` or from `b` (compatible):
    /// differing ranges widen to `int`, differing sequence bounds to the larger.
    pub(super) fn join(&mut self, a: TypeId, b: TypeId) -> TypeId {
        if a == b || b == ERR {
            return a;
        }
        if a == ERR {
            return b;
        }
        let (Some(ta), Some(tb)) = (self.get(a).cloned(), self.get(b).cloned()) else {
            return a;
        };
        match (ta, tb) {
            (Type::Int | Type::Range { .. }, Type::Int | Type::Range { .. }) => INT,
            (Type::Set(x), Type::Set(y)) => {
                let elem = self.join(x, y);
                self.intern(Type::Set(elem))
            }
            (Type::Option(x), Type::Option(y)) => {
                let inner = self.join(x, y);
                self.intern(Type::Option(inner))
            }
            (Type::Seq(x, n), Type::Seq(y, m)) => {
                let item = self.join(x, y);
                self.intern(Type::Seq(item, n.max(m)))
            }
            (Type::Map(k, v), Type::Map(_, w)) => {
                let value = self.join(v, w);
                self.intern(Type::Map(k, value))
            }
            _ => a,
        }
    }

    /// The name of a type as the spec language writes it.
    pub(super) fn name(&self, id: TypeId) -> String {
        if id == ERR {
            return "?".into();
        }
        type_name(&self.list, id)
    }
}

/// The ids a type is built from.
fn parts(ty: &Type) -> Vec<TypeId> {
    match ty {
        Type::Bool | Type::Int | Type::Range { .. } | Type::Enum { .. } => Vec::new(),
        Type::Record { fields } => fields.iter().map(|f| f.ty).collect(),
        Type::Union { variants, .. } => variants
            .iter()
            .flat_map(|v| v.fields.iter().map(|f| f.ty))
            .collect(),
        Type::Option(t) | Type::Set(t) | Type::Seq(t, _) => vec![*t],
        Type::Map(k, v) => vec![*k, *v],
    }
}

/// A type, written as the spec language writes it: `bool`, `0..3`, `RM`,
/// `set<RM>`, `RM -> RMState`, `option<Value>`, `seq<T, 3>`, `{ f: T }`.
pub fn type_name(types: &[Type], ty: TypeId) -> String {
    let Some(t) = types.get(ty.index()) else {
        return "?".into();
    };
    match t {
        Type::Bool => "bool".into(),
        Type::Int => "int".into(),
        Type::Range { lo, hi } => format!("{lo}..{hi}"),
        Type::Enum { name, .. } | Type::Union { name, .. } => name.clone(),
        Type::Record { fields } => {
            let fields: Vec<String> = fields
                .iter()
                .map(|f| format!("{}: {}", f.name, type_name(types, f.ty)))
                .collect();
            format!("{{ {} }}", fields.join(", "))
        }
        Type::Option(t) => format!("option<{}>", type_name(types, *t)),
        Type::Set(t) => format!("set<{}>", type_name(types, *t)),
        Type::Map(k, v) => {
            let key = type_name(types, *k);
            // `(A -> B) -> C` needs parentheses: the arrow binds to the right.
            let key = match types.get(k.index()) {
                Some(Type::Map(..)) => format!("({key})"),
                _ => key,
            };
            format!("{key} -> {}", type_name(types, *v))
        }
        Type::Seq(t, n) => format!("seq<{}, {n}>", type_name(types, *t)),
    }
}

/// The atoms of an enum.
fn enum_atoms(t: &Type) -> Option<&Vec<String>> {
    match t {
        Type::Enum { atoms, .. } => Some(atoms),
        _ => None,
    }
}

/// The atoms of an enum that is not `symmetric` (the only kind that
/// widens or joins).
fn plain_atoms(t: &Type) -> Option<&Vec<String>> {
    match t {
        Type::Enum {
            atoms,
            symmetric: false,
            ..
        } => Some(atoms),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_types_share_an_id_and_err_poisons_composites() {
        let mut t = TypeTable::new();
        let r = t.intern(Type::Range { lo: 0, hi: 3 });
        assert_eq!(t.intern(Type::Range { lo: 0, hi: 3 }), r);
        assert_eq!(t.set_of(ERR), ERR);
        let s = t.set_of(r);
        assert_eq!(t.name(s), "set<0..3>");
        let m = t.intern(Type::Map(r, BOOL));
        assert_eq!(t.name(m), "0..3 -> bool");
    }

    #[test]
    fn compatibility_ignores_range_bounds_only() {
        let mut t = TypeTable::new();
        let r = t.intern(Type::Range { lo: 0, hi: 3 });
        let s = t.set_of(r);
        let si = t.set_of(INT);
        assert!(t.compat(s, si));
        assert!(!t.compat(s, BOOL));
        assert_eq!(t.join(s, si), si);
    }
}
