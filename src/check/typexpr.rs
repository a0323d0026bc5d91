//! Written types → interned types, with the finiteness rules: no `int` or
//! `nat` where a value is stored, no empty range, at most 65,536 values for
//! a set's element type and for a map's key type, sequence bounds 0..=64.
//!
//! `type` declarations resolve on demand (so they may refer to one another
//! in any order); a declaration met again while it is being resolved is a
//! recursive type.

use super::names::{Global, suggest};
use super::types::{BOOL, ERR, INT};
use super::{CheckErrorKind as K, Checker, ConstSlot, FnSig, TypeSlot};
use crate::check::domain;
use crate::check::ir::{Field, Type, TypeId, VariantDef};
use crate::syntax::ast;

/// The most values a set's element type or a map's key type may have.
const DOMAIN_LIMIT: u64 = 65_536;
/// The largest sequence bound.
const SEQ_LIMIT: i64 = 64;

impl Checker<'_> {
    /// Resolve every written type of every declaration, once each, before
    /// any expression is checked (so every enum's atoms are known).
    pub(super) fn resolve_declared_types(&mut self) {
        for i in 0..self.decls.types.len() {
            self.type_decl(i);
        }
        let vars = self.decls.vars.clone();
        self.var_types = vars
            .iter()
            .map(|v| self.resolve_type(&v.ty, None, false))
            .collect();
        let fns = self.decls.fns.clone();
        self.fn_sigs = fns
            .iter()
            .map(|f| FnSig {
                params: f
                    .params
                    .iter()
                    .map(|p| self.resolve_type(&p.ty, None, true))
                    .collect(),
                result: self.resolve_type(&f.result, None, true),
            })
            .collect();
        let actions = self.decls.actions.clone();
        self.action_param_types = actions
            .iter()
            .map(|a| {
                a.params
                    .iter()
                    .map(|p| match p {
                        ast::ActionParam::Typed { ty, .. } => self.resolve_type(ty, None, false),
                        ast::ActionParam::In { .. } => ERR,
                    })
                    .collect()
            })
            .collect();
    }

    /// The type a `type` declaration stands for.
    pub(super) fn type_decl(&mut self, index: usize) -> TypeId {
        let decl = self.decls.types[index];
        match self.type_slots[index] {
            TypeSlot::Done(id) => id,
            TypeSlot::Resolving => {
                let kind = K::RecursiveType {
                    name: decl.name.name.clone(),
                };
                if !self.errors.iter().any(|e| e.kind == kind) {
                    self.error(decl.name.span, kind);
                }
                ERR
            }
            TypeSlot::Unresolved => {
                self.type_slots[index] = TypeSlot::Resolving;
                let id = match &decl.def {
                    ast::TypeDef::Alias(te) => self.resolve_type(te, Some(&decl.name.name), false),
                    ast::TypeDef::Union(variants) => self.union_type(&decl.name.name, variants),
                };
                self.type_slots[index] = TypeSlot::Done(id);
                id
            }
        }
    }

    /// A written type. `name` names an enum written directly in a `type`
    /// declaration; `allow_int` accepts a bare `int` (a function's
    /// parameter or result, which is never stored).
    pub(super) fn resolve_type(
        &mut self,
        te: &ast::TypeExpr,
        name: Option<&str>,
        allow_int: bool,
    ) -> TypeId {
        match &te.kind {
            ast::TypeExprKind::Bool => BOOL,
            ast::TypeExprKind::Range(lo, hi) => {
                let (Some(lo), Some(hi)) = (self.const_int(lo), self.const_int(hi)) else {
                    return ERR;
                };
                if lo > hi {
                    self.error(te.span, K::EmptyRange { lo, hi });
                    return ERR;
                }
                self.types.intern(Type::Range { lo, hi })
            }
            ast::TypeExprKind::Enum(atoms) => self.enum_type(name, atoms),
            ast::TypeExprKind::Record(fields) => {
                let fields = self.fields(fields);
                self.types.intern(Type::Record { fields })
            }
            ast::TypeExprKind::Set(elem) => {
                let t = self.resolve_type(elem, None, false);
                if !self.within_limit(t) {
                    let elem_name = self.types.name(t);
                    self.error(elem.span, K::SetTooLarge { elem: elem_name });
                    return ERR;
                }
                self.types.set_of(t)
            }
            ast::TypeExprKind::Option(inner) => {
                let t = self.resolve_type(inner, None, false);
                self.types.intern(Type::Option(t))
            }
            ast::TypeExprKind::Seq(item, bound) => {
                let t = self.resolve_type(item, None, false);
                let n = self.const_int(bound);
                match n {
                    Some(n) if (0..=SEQ_LIMIT).contains(&n) => {
                        self.types.intern(Type::Seq(t, n as u32))
                    }
                    Some(n) => {
                        self.error(bound.span, K::SeqBound { bound: n });
                        ERR
                    }
                    None => ERR,
                }
            }
            ast::TypeExprKind::Map(key, value) => {
                let k = self.resolve_type(key, None, false);
                let v = self.resolve_type(value, None, false);
                if !self.within_limit(k) {
                    let key_name = self.types.name(k);
                    self.error(key.span, K::MapKeyTooLarge { key: key_name });
                    return ERR;
                }
                self.types.intern(Type::Map(k, v))
            }
            ast::TypeExprKind::Named(ident) => self.named_type(ident, allow_int),
        }
    }

    /// Whether a type has few enough values to be a set element or map key.
    fn within_limit(&self, t: TypeId) -> bool {
        t == ERR || domain::size(&self.types.list, t).is_some_and(|n| n <= DOMAIN_LIMIT)
    }

    fn named_type(&mut self, ident: &ast::Ident, allow_int: bool) -> TypeId {
        let name = ident.name.as_str();
        if matches!(
            self.globals.get(name),
            Some(Global::Type(_) | Global::Const(_))
        ) {
            self.refer(ident.span, super::symbols::Target::Global(name.into()));
        }
        match self.globals.get(name).copied() {
            Some(Global::Type(i)) => return self.type_decl(i),
            Some(Global::Const(i)) => match &self.consts[i] {
                ConstSlot::Done {
                    enum_ty: Some(e), ..
                } => return *e,
                ConstSlot::Failed => return ERR,
                _ => {}
            },
            _ => {}
        }
        if let Some(g) = self.globals.get(name).copied() {
            self.error(
                ident.span,
                K::NotAType {
                    name: name.into(),
                    what: g.what(),
                },
            );
            return ERR;
        }
        if name == "int" || name == "nat" {
            // `nat` would promise values >= 0 that nothing checks.
            if allow_int && name == "int" {
                return INT;
            }
            self.error(ident.span, K::Unbounded { name: name.into() });
            return ERR;
        }
        let suggestion = suggest(name, self.type_names());
        self.error(
            ident.span,
            K::UnknownType {
                name: name.into(),
                suggestion,
            },
        );
        ERR
    }

    /// Names that can be used as types.
    fn type_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .globals
            .iter()
            .filter(|(_, g)| matches!(g, Global::Type(_)))
            .map(|(n, _)| n.as_str())
            .collect();
        for (i, c) in self.decls.consts.iter().enumerate() {
            if matches!(
                self.consts[i],
                ConstSlot::Done {
                    enum_ty: Some(_),
                    ..
                }
            ) {
                names.push(c.name.name.as_str());
            }
        }
        names.push("bool");
        names
    }

    /// Record or variant fields, each name once.
    fn fields(&mut self, decls: &[ast::FieldDecl]) -> Vec<Field> {
        let mut fields: Vec<Field> = Vec::new();
        for f in decls {
            let ty = self.resolve_type(&f.ty, None, false);
            if fields.iter().any(|g| g.name == f.name.name) {
                self.error(
                    f.name.span,
                    K::DuplicateField {
                        field: f.name.name.clone(),
                    },
                );
                continue;
            }
            fields.push(Field {
                name: f.name.name.clone(),
                ty,
            });
        }
        fields
    }

    fn union_type(&mut self, name: &str, variants: &[ast::Variant]) -> TypeId {
        let variants: Vec<VariantDef> = variants
            .iter()
            .map(|v| VariantDef {
                name: v.name.name.clone(),
                fields: self.fields(&v.fields),
            })
            .collect();
        self.types.intern(Type::Union {
            name: name.into(),
            variants,
        })
    }

    /// An enum of atoms; each atom must be new as a global name.
    fn enum_type(&mut self, name: Option<&str>, atoms: &[ast::Ident]) -> TypeId {
        let mut names: Vec<String> = Vec::new();
        for atom in atoms {
            let previous = if names.contains(&atom.name) {
                Some("atom of this enum")
            } else if let Some(g) = self.globals.get(&atom.name) {
                Some(g.what())
            } else if self.tags.contains_key(&atom.name) {
                Some("union tag")
            } else if self.model_values.contains(&atom.name) {
                Some("model value")
            } else {
                None
            };
            match previous {
                Some(previous) => self.error(
                    atom.span,
                    K::Duplicate {
                        name: atom.name.clone(),
                        previous,
                    },
                ),
                None => names.push(atom.name.clone()),
            }
        }
        let name = name.map_or_else(|| format!("{{{}}}", names.join(", ")), String::from);
        self.intern_enum(name, names, false)
    }

    /// Intern an enum and remember which enums each atom belongs to.
    pub(super) fn intern_enum(
        &mut self,
        name: String,
        atoms: Vec<String>,
        symmetric: bool,
    ) -> TypeId {
        let id = self.types.intern(Type::Enum {
            name,
            atoms: atoms.clone(),
            symmetric,
        });
        for atom in atoms {
            let enums = self.atoms.entry(atom).or_default();
            if !enums.contains(&id) {
                enums.push(id);
            }
        }
        id
    }
}
