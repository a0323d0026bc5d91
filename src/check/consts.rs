//! Constants: `--const` overrides, model values, and folding constant
//! expressions to values.
//!
//! Model-value constants are defined first (so any constant or type may use
//! them); the other constants are folded in declaration order, each from
//! the constants before it. Overrides follow the brief: `RM={a,b}` gives
//! fresh model values, `RM=4` four generated ones (the defaults' common
//! alphabetic prefix, or the lowercase constant name, plus 1..4), `N=5` a
//! value of the same kind as the default.

use std::collections::HashMap;

use super::names::{Global, suggest};
use super::types::{ERR, INT};
use super::{CheckErrorKind as K, Checker, ConstOverride, ConstSlot, Mode};
use crate::check::ir::TypeId;
use crate::source::Span;
use crate::syntax::{self, ast};
use crate::value::Value;

/// The most model values a count may ask for, and the most values a
/// constant set may have.
const LIMIT: i64 = 65_536;

impl Checker<'_> {
    /// Parse each override, by the index of the constant it sets.
    pub(super) fn parse_overrides(
        &mut self,
        overrides: &[ConstOverride],
    ) -> Vec<Option<ast::ConstValue>> {
        let mut out: Vec<Option<ast::ConstValue>> = vec![None; self.decls.consts.len()];
        let mut seen: HashMap<&str, ()> = HashMap::new();
        for o in overrides {
            let Some(Global::Const(i)) = self.globals.get(&o.name).copied() else {
                let names: Vec<&str> = self
                    .decls
                    .consts
                    .iter()
                    .map(|c| c.name.name.as_str())
                    .collect();
                let suggestion = suggest(&o.name, names);
                self.cli_error(K::UnknownConst {
                    name: o.name.clone(),
                    suggestion,
                });
                continue;
            };
            if seen.insert(o.name.as_str(), ()).is_some() {
                self.override_error(
                    &o.name,
                    K::OverrideTwice {
                        name: o.name.clone(),
                    },
                );
                continue;
            }
            match syntax::parse_const_value(&o.value) {
                Ok(value) => out[i] = Some(value),
                Err(e) => self.override_error(
                    &o.name,
                    K::OverrideSyntax {
                        name: o.name.clone(),
                        detail: e.kind.details().message,
                    },
                ),
            }
        }
        out
    }

    /// Define every model-value constant: its enum, its atoms, its value.
    pub(super) fn define_model_values(&mut self, overrides: &[Option<ast::ConstValue>]) {
        let consts = self.decls.consts.clone();
        for (i, decl) in consts.iter().enumerate() {
            let ast::ConstValue::ModelValues {
                symmetric, values, ..
            } = &decl.value
            else {
                continue;
            };
            let name = &decl.name.name;
            let (names, symmetric) = match &overrides[i] {
                None => (
                    values
                        .iter()
                        .map(|v| (v.name.clone(), Some(v.span)))
                        .collect(),
                    *symmetric,
                ),
                Some(ast::ConstValue::ModelValues {
                    symmetric: s,
                    values,
                    ..
                }) => (
                    values.iter().map(|v| (v.name.clone(), None)).collect(),
                    *symmetric || *s,
                ),
                Some(ast::ConstValue::Expr(e)) => match self.model_value_count(name, e) {
                    Some(n) => (generated(name, values, n), *symmetric),
                    None => {
                        self.consts[i] = ConstSlot::Failed;
                        continue;
                    }
                },
            };
            if !symmetric && let Some(slot) = self.subset_of_model_values(&names) {
                self.consts[i] = slot;
                continue;
            }
            let atoms = self.fresh_model_values(names);
            let enum_ty = self.intern_enum(name.clone(), atoms.clone(), symmetric);
            let ty = self.types.set_of(enum_ty);
            let value = Value::Set((0..atoms.len() as u32).map(Value::Atom).collect());
            self.consts[i] = ConstSlot::Done {
                ty,
                value,
                enum_ty: Some(enum_ty),
            };
        }
    }

    /// `const Byz = {n3}` after `const Node = {n1, n2, n3}`: a set of model
    /// values all of one earlier set is a subset of it, not new values.
    fn subset_of_model_values(&mut self, names: &[(String, Option<Span>)]) -> Option<ConstSlot> {
        let mut of: Option<TypeId> = None;
        let mut items = Vec::new();
        for (name, _) in names {
            if !self.model_values.contains(name) {
                return None;
            }
            let [ty] = self.atoms.get(name)?[..] else {
                return None;
            };
            if of.is_some_and(|t| t != ty) {
                return None;
            }
            of = Some(ty);
            let Some(super::ir::Type::Enum { atoms, .. }) = self.types.get(ty) else {
                return None;
            };
            let index = atoms.iter().position(|a| a == name)?;
            items.push(Value::Atom(index as u32));
        }
        let ty = of?;
        Some(ConstSlot::Done {
            ty: self.types.set_of(ty),
            value: Value::set_from(items),
            enum_ty: None,
        })
    }

    /// `--const RM=4`: the count, if it is a sensible one.
    fn model_value_count(&mut self, name: &str, e: &ast::Expr) -> Option<i64> {
        let value = self.override_value(name, e, None)?.1;
        match value {
            Value::Int(n) if (0..=LIMIT).contains(&n) => Some(n),
            Value::Int(count) => {
                self.override_error(
                    name,
                    K::ModelValueCount {
                        name: name.into(),
                        count,
                    },
                );
                None
            }
            other => {
                self.override_error(
                    name,
                    K::OverrideKind {
                        name: name.into(),
                        expected: "a set of model values or a count".into(),
                        found: kind_of_value(&other).into(),
                    },
                );
                None
            }
        }
    }

    /// Keep the model values whose names are new; report the others.
    fn fresh_model_values(&mut self, names: Vec<(String, Option<Span>)>) -> Vec<String> {
        let mut atoms: Vec<String> = Vec::new();
        for (name, span) in names {
            let previous = if atoms.contains(&name) || self.model_values.contains(&name) {
                Some("model value")
            } else if let Some(g) = self.globals.get(&name) {
                Some(g.what())
            } else if self.tags.contains_key(&name) {
                Some("union tag")
            } else {
                None
            };
            match previous {
                Some(previous) => {
                    let kind = K::Duplicate { name, previous };
                    match span {
                        Some(span) => self.error(span, kind),
                        None => self.cli_error(kind),
                    }
                }
                None => {
                    self.model_values.insert(name.clone());
                    atoms.push(name);
                }
            }
        }
        atoms
    }

    /// Fold the other constants in declaration order, applying overrides.
    pub(super) fn fold_consts(&mut self, overrides: &[Option<ast::ConstValue>]) {
        let consts = self.decls.consts.clone();
        for (i, decl) in consts.iter().enumerate() {
            let ast::ConstValue::Expr(e) = &decl.value else {
                continue;
            };
            let name = &decl.name.name;
            let default = self.const_value(e, None);
            let slot = match (&overrides[i], default) {
                (_, None) => ConstSlot::Failed,
                (None, Some((ty, value))) => ConstSlot::Done {
                    ty,
                    value,
                    enum_ty: None,
                },
                (Some(ast::ConstValue::ModelValues { .. }), Some((ty, value))) => {
                    self.override_error(
                        name,
                        K::OverrideKind {
                            name: name.clone(),
                            expected: self.kind_of_type(ty),
                            found: "a set of model values".into(),
                        },
                    );
                    ConstSlot::Done {
                        ty,
                        value,
                        enum_ty: None,
                    }
                }
                (Some(ast::ConstValue::Expr(o)), Some((ty, default))) => {
                    let value = match self.override_value(name, o, Some(ty)) {
                        Some((oty, v)) if self.types.compat(oty, ty) => v,
                        Some((oty, _)) => {
                            self.override_error(
                                name,
                                K::OverrideKind {
                                    name: name.clone(),
                                    expected: self.kind_of_type(ty),
                                    found: self.kind_of_type(oty),
                                },
                            );
                            default
                        }
                        None => default,
                    };
                    ConstSlot::Done {
                        ty,
                        value,
                        enum_ty: None,
                    }
                }
            };
            self.consts[i] = slot;
        }
    }

    /// The value of an override's expression. Its spans point into the
    /// command line, so any error in it becomes one error without a span.
    fn override_value(
        &mut self,
        name: &str,
        e: &ast::Expr,
        hint: Option<TypeId>,
    ) -> Option<(TypeId, Value)> {
        let before = self.errors.len();
        let result = self.const_value(e, hint);
        let new: Vec<_> = self.errors.drain(before..).collect();
        match new.first() {
            Some(first) => {
                self.override_error(
                    name,
                    K::OverrideInvalid {
                        name: name.into(),
                        detail: first.kind.details().message,
                    },
                );
                None
            }
            None => result,
        }
    }

    /// "an integer", "a boolean", or "a value of type `T`".
    fn kind_of_type(&self, ty: TypeId) -> String {
        if self.types.is_int_like(ty) {
            "an integer".into()
        } else if ty == super::types::BOOL {
            "a boolean".into()
        } else {
            format!("a value of type `{}`", self.types.name(ty))
        }
    }

    /// Check a constant expression and compute it; `None` once reported.
    pub(super) fn const_value(
        &mut self,
        e: &ast::Expr,
        hint: Option<TypeId>,
    ) -> Option<(TypeId, Value)> {
        let mode = std::mem::replace(&mut self.mode, Mode::Const);
        let scope = std::mem::take(&mut self.scope);
        let pending = std::mem::take(&mut self.pending);
        let errors = self.errors.len();
        let x = self.infer(e, hint);
        let locals = self.scope.frame.locals.len();
        self.mode = mode;
        self.scope = scope;
        self.pending = pending;
        if x.ty == ERR || self.errors.len() > errors {
            return None;
        }
        match self.eval(&x, locals) {
            Ok(v) => Some((x.ty, v)),
            Err(reason) => {
                self.error(e.span, K::ConstEval { reason });
                None
            }
        }
    }

    /// A constant integer (a range bound, a sequence bound).
    pub(super) fn const_int(&mut self, e: &ast::Expr) -> Option<i64> {
        let (ty, value) = self.const_value(e, Some(INT))?;
        if !self.types.is_int_like(ty) {
            let found = self.types.name(ty);
            self.error(
                e.span,
                K::Mismatch {
                    expected: "int".into(),
                    found,
                    wrap_in_some: false,
                },
            );
            return None;
        }
        value.as_int()
    }
}

/// "an integer", "a boolean", ... for a value given on the command line.
fn kind_of_value(v: &Value) -> &'static str {
    match v {
        Value::Bool(_) => "a boolean",
        Value::Int(_) => "an integer",
        Value::Set(_) => "a set",
        _ => "another kind of value",
    }
}

/// `n` model value names for `--const NAME=n`: the defaults' common
/// alphabetic prefix (`r` for `r1, r2, r3`), else the lowercase name.
fn generated(name: &str, defaults: &[ast::Ident], n: i64) -> Vec<(String, Option<Span>)> {
    let mut prefix: String = defaults.first().map(|d| d.name.clone()).unwrap_or_default();
    for d in defaults {
        let common = prefix
            .chars()
            .zip(d.name.chars())
            .take_while(|(a, b)| a == b)
            .count();
        prefix = prefix.chars().take(common).collect();
    }
    let prefix = prefix.trim_end_matches(|c: char| c.is_ascii_digit());
    let prefix = if prefix.is_empty() {
        name.to_lowercase()
    } else {
        prefix.to_string()
    };
    (1..=n).map(|i| (format!("{prefix}{i}"), None)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idents(names: &[&str]) -> Vec<ast::Ident> {
        names
            .iter()
            .map(|n| ast::Ident {
                name: n.to_string(),
                span: Span::default(),
            })
            .collect()
    }

    #[test]
    fn generated_names_use_the_common_prefix_or_the_constant_name() {
        let names =
            |v: Vec<(String, Option<Span>)>| v.into_iter().map(|(n, _)| n).collect::<Vec<_>>();
        assert_eq!(
            names(generated("RM", &idents(&["r1", "r2", "r3"]), 2)),
            ["r1", "r2"]
        );
        assert_eq!(names(generated("RM", &idents(&["r10", "r11"]), 1)), ["r1"]);
        assert_eq!(
            names(generated("Node", &idents(&["alice", "bob"]), 2)),
            ["node1", "node2"]
        );
    }
}
