//! `refines "voting.rvl" { votes = e }`: checking the declaration, the
//! abstract spec it names, and how each mapped value becomes a value of the
//! abstract spec's types.
//!
//! The abstract spec is checked on its own, with this spec's constants of
//! the same name (so `--const Acceptor=...` changes both). Its variables are
//! given by the mapping: an expression over this spec's state per abstract
//! variable, written in the declaration or, when left out, this spec's
//! variable of the same name. The two specs have types of their own, so a
//! mapped value is carried across by name ([`Conversion`]): atoms and model
//! values, record fields and union tags by their names, map keys by the
//! keys they convert to.
//!
//! What it adds to the spec are two properties, whose bodies are
//! [`ExprKind::Refines`]: the initial states map to initial states of the
//! abstract spec, and each step maps to one of its steps or to a stutter.

use std::collections::HashMap;

use super::error::{CheckError, CheckErrorKind as K};
use super::expr::mk;
use super::ir::{self, Expr, ExprKind, PropertyId, RefinesCheck, Type, TypeId};
use super::names::Global;
use super::types::{BOOL, ERR, type_name};
use super::{Checker, ConstOverride, domain};
use crate::source::Span;
use crate::syntax::ast;
use crate::value::Value;

/// How a value of one of this spec's types becomes a value of one of the
/// abstract spec's types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conversion {
    /// Booleans and integers stay as they are (an integer is checked
    /// against the abstract range when the state is packed).
    Same,
    /// Atoms or model values: each one's index in the abstract type, or
    /// `None` when it has no value of that name.
    Atoms(Vec<Option<u32>>),
    /// A record: for each abstract field in order, the field it comes from.
    Record(Fields),
    /// A union: for each variant, its abstract tag and fields (as for a
    /// record), or `None` when the abstract union has no such tag.
    Union(Vec<Option<(u32, Fields)>>),
    /// `option<T>`.
    Option(Box<Conversion>),
    /// `set<T>` (sorted again in the abstract order).
    Set(Box<Conversion>),
    /// `seq<T, N>`.
    Seq(Box<Conversion>),
    /// A map: for each abstract key in order, the position of the key that
    /// converts to it; and the values' conversion.
    Map(Vec<usize>, Box<Conversion>),
}

/// For each abstract field in order: the position of the field it comes
/// from, and how.
pub type Fields = Vec<(usize, Conversion)>;

/// A value that has no counterpart in the abstract type: what is missing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Untranslatable(pub String);

impl Conversion {
    /// The abstract value for `v`, or what it has that the abstract type
    /// does not.
    pub fn apply(&self, v: &Value) -> Result<Value, Untranslatable> {
        let fields = |fields: &[(usize, Conversion)], xs: &[Value]| {
            fields
                .iter()
                .map(|(i, c)| c.apply(&xs[*i]))
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(match (self, v) {
            (Conversion::Same, v) => v.clone(),
            (Conversion::Atoms(to), Value::Atom(i)) => match to.get(*i as usize) {
                Some(Some(j)) => Value::Atom(*j),
                _ => return Err(Untranslatable(format!("atom #{i}"))),
            },
            (Conversion::Record(fs), Value::Record(xs)) => Value::Record(fields(fs, xs)?.into()),
            (Conversion::Union(to), Value::Variant(tag, xs)) => match to.get(*tag as usize) {
                Some(Some((t, fs))) => Value::Variant(*t, fields(fs, xs)?.into()),
                _ => return Err(Untranslatable(format!("variant #{tag}"))),
            },
            (Conversion::Option(_), Value::None) => Value::None,
            (Conversion::Option(c), Value::Some(x)) => Value::Some(c.apply(x)?.into()),
            (Conversion::Set(c), Value::Set(xs)) => {
                Value::set_from(xs.iter().map(|x| c.apply(x)).collect::<Result<_, _>>()?)
            }
            (Conversion::Seq(c), Value::Seq(xs)) => Value::Seq(
                xs.iter()
                    .map(|x| c.apply(x))
                    .collect::<Result<Vec<_>, _>>()?
                    .into(),
            ),
            (Conversion::Map(keys, c), Value::Map(xs)) => Value::Map(
                keys.iter()
                    .map(|k| c.apply(&xs[*k]))
                    .collect::<Result<Vec<_>, _>>()?
                    .into(),
            ),
            (_, v) => return Err(Untranslatable(format!("{v:?}"))),
        })
    }
}

/// How values of type `c` (of `ct`) become values of type `a` (of `at`),
/// or why they cannot.
pub fn plan(ct: &[Type], c: TypeId, at: &[Type], a: TypeId) -> Result<Conversion, String> {
    let mismatch = || {
        Err(format!(
            "a `{}` cannot become a `{}`",
            type_name(ct, c),
            type_name(at, a)
        ))
    };
    let record = |cf: &[ir::Field], af: &[ir::Field]| -> Result<Fields, String> {
        fn names(fs: &[ir::Field]) -> Vec<&str> {
            let mut n: Vec<&str> = fs.iter().map(|f| f.name.as_str()).collect();
            n.sort_unstable();
            n
        }
        if names(cf) != names(af) {
            let show = |fs: &[ir::Field]| names(fs).join(", ");
            return Err(format!(
                "the fields differ: {{ {} }} here, {{ {} }} there",
                show(cf),
                show(af)
            ));
        }
        af.iter()
            .map(|f| {
                let i = cf.iter().position(|g| g.name == f.name).unwrap_or(0);
                Ok((i, plan(ct, cf[i].ty, at, f.ty)?))
            })
            .collect()
    };
    Ok(match (&ct[c.index()], &at[a.index()]) {
        (Type::Bool, Type::Bool) => Conversion::Same,
        (Type::Int | Type::Range { .. }, Type::Int | Type::Range { .. }) => Conversion::Same,
        (Type::Enum { atoms: ca, .. }, Type::Enum { atoms: aa, .. }) => Conversion::Atoms(
            ca.iter()
                .map(|x| aa.iter().position(|y| y == x).map(|j| j as u32))
                .collect(),
        ),
        (Type::Record { fields: cf }, Type::Record { fields: af }) => {
            Conversion::Record(record(cf, af)?)
        }
        (Type::Union { variants: cv, .. }, Type::Union { variants: av, .. }) => Conversion::Union(
            cv.iter()
                .map(|v| match av.iter().position(|w| w.name == v.name) {
                    None => Ok(None),
                    Some(j) => record(&v.fields, &av[j].fields)
                        .map(|fs| Some((j as u32, fs)))
                        .map_err(|why| format!("in `{}`, {why}", v.name)),
                })
                .collect::<Result<_, String>>()?,
        ),
        (Type::Option(x), Type::Option(y)) => Conversion::Option(Box::new(plan(ct, *x, at, *y)?)),
        (Type::Set(x), Type::Set(y)) => Conversion::Set(Box::new(plan(ct, *x, at, *y)?)),
        (Type::Seq(x, _), Type::Seq(y, _)) => Conversion::Seq(Box::new(plan(ct, *x, at, *y)?)),
        (Type::Map(ck, cv), Type::Map(ak, av)) => {
            let keys = key_positions(ct, *ck, at, *ak)?;
            Conversion::Map(keys, Box::new(plan(ct, *cv, at, *av)?))
        }
        _ => return mismatch(),
    })
}

/// For each key of `ak` (of `at`), in order, the position of the key of
/// `ck` (of `ct`) that converts to it: the two key sets must correspond
/// one to one.
fn key_positions(ct: &[Type], ck: TypeId, at: &[Type], ak: TypeId) -> Result<Vec<usize>, String> {
    let keys = plan(ct, ck, at, ak).map_err(|why| format!("the keys differ: {why}"))?;
    let size = domain::size(at, ak).unwrap_or(0) as usize;
    let differ = || {
        Err(format!(
            "the keys differ: `{}` here, `{}` there",
            type_name(ct, ck),
            type_name(at, ak)
        ))
    };
    let mut positions = vec![None; size];
    for (i, key) in domain::values(ct, ck).iter().enumerate() {
        let Ok(abstract_key) = keys.apply(key) else {
            return differ();
        };
        match domain::index_of(at, ak, &abstract_key) {
            Some(j) if positions[j as usize].is_none() => positions[j as usize] = Some(i),
            _ => return differ(),
        }
    }
    positions
        .into_iter()
        .map(|p| p.ok_or(()))
        .collect::<Result<_, _>>()
        .or_else(|()| differ())
}

/// `--const` overrides that give the abstract spec this spec's constants
/// of the same name: integers, booleans and sets of model values, written
/// as a `--const` value is.
pub fn const_overrides(
    spec: &[ir::ConstDef],
    types: &[Type],
    abstract_ast: &ast::Spec,
) -> Vec<ConstOverride> {
    let mut out = Vec::new();
    for item in &abstract_ast.items {
        let ast::Item::Const(decl) = item else {
            continue;
        };
        let Some(c) = spec.iter().find(|c| c.name == decl.name.name) else {
            continue;
        };
        let value = match (&c.value, &types[c.ty.index()]) {
            (Value::Int(n), _) => n.to_string(),
            (Value::Bool(b), _) => b.to_string(),
            (Value::Set(xs), Type::Set(elem)) => match &types[elem.index()] {
                Type::Enum { atoms, .. } => {
                    let names: Option<Vec<&str>> = xs
                        .iter()
                        .map(|x| match x {
                            Value::Atom(i) => atoms.get(*i as usize).map(String::as_str),
                            _ => None,
                        })
                        .collect();
                    let Some(names) = names else { continue };
                    format!("{{{}}}", names.join(", "))
                }
                _ => continue,
            },
            _ => continue,
        };
        out.push(ConstOverride {
            name: c.name.clone(),
            value,
        });
    }
    out
}

impl Checker<'_> {
    /// The `refines` declaration, if any: its abstract spec checked, its
    /// mapping checked and planned, and its two properties pushed onto
    /// `properties`.
    pub(super) fn check_refinement(
        &mut self,
        properties: &mut Vec<ir::PropertyDef>,
    ) -> Option<ir::RefinementDef> {
        let decls = self.decls.refines.clone();
        for second in decls.iter().skip(1) {
            self.error(second.span, K::RefinesTwice);
        }
        let decl = decls.first()?;
        self.begin_frame(None);
        let mut written: HashMap<&str, (Expr, Span)> = HashMap::new();
        for entry in &decl.entries {
            let x = self.infer(&entry.expr, None);
            if written
                .insert(&entry.var.name, (x, entry.var.span))
                .is_some()
            {
                let var = entry.var.name.clone();
                self.error(entry.var.span, K::RefinesMappedTwice { var });
            }
        }
        let frame = self.end_frame();
        let abstract_spec = self.abstract_spec(decl)?;
        let name = abstract_name(&abstract_spec, &decl.path);
        let mut exprs = Vec::new();
        let mut conversions = Vec::new();
        for var in &abstract_spec.vars {
            let (x, _) = match written.remove(var.name.as_str()) {
                Some(entry) => entry,
                None => match self.globals.get(&var.name).copied() {
                    Some(Global::Var(v)) => {
                        let x = mk(ExprKind::Var(v), self.var_types[v.index()], decl.path_span);
                        (x, decl.path_span)
                    }
                    _ => {
                        let kind = K::RefinesUnmapped {
                            spec: name.clone(),
                            var: var.name.clone(),
                        };
                        self.error(decl.path_span, kind);
                        continue;
                    }
                },
            };
            if x.ty == ERR {
                continue;
            }
            match plan(&self.types.list, x.ty, &abstract_spec.types, var.ty) {
                Ok(c) => conversions.push(c),
                Err(why) => {
                    let kind = K::RefinesMismatch {
                        spec: name.clone(),
                        var: var.name.clone(),
                        ty: self.types.name(x.ty),
                        abstract_ty: type_name(&abstract_spec.types, var.ty),
                        why,
                    };
                    self.error(x.span, kind);
                }
            }
            exprs.push(x);
        }
        let mut left: Vec<(&str, Span)> = written.iter().map(|(v, (_, s))| (*v, *s)).collect();
        left.sort_by_key(|(_, s)| s.start);
        for (var, span) in left {
            let kind = K::RefinesUnknownVar {
                spec: name.clone(),
                var: var.to_string(),
                vars: abstract_spec.vars.iter().map(|v| v.name.clone()).collect(),
            };
            self.error(span, kind);
        }
        self.same_consts(&abstract_spec, &name, decl.path_span);
        let first = PropertyId(properties.len() as u32);
        let next: Vec<Expr> = exprs
            .iter()
            .map(|x| mk(ExprKind::Next(Box::new(x.clone())), x.ty, x.span))
            .collect();
        let step: Vec<Expr> = exprs.iter().cloned().chain(next).collect();
        for (check, xs) in [(RefinesCheck::Initial, exprs), (RefinesCheck::Step, step)] {
            let kind = match check {
                RefinesCheck::Initial => ast::PropertyKind::Initial,
                RefinesCheck::Step => ast::PropertyKind::Transition,
            };
            properties.push(ir::PropertyDef {
                kind,
                name: name.clone(),
                frame: frame.clone(),
                body: mk(ExprKind::Refines(check, xs), BOOL, decl.span),
                span: decl.span,
            });
        }
        Some(ir::RefinementDef {
            name,
            spec: Box::new(abstract_spec),
            path: decl.path.clone(),
            path_span: decl.path_span,
            span: decl.span,
            conversions,
            properties: [first, PropertyId(first.0 + 1)],
        })
    }

    /// The abstract spec, checked with this spec's constants; an error at
    /// the path when it cannot be read, parsed or checked.
    fn abstract_spec(&mut self, decl: &ast::RefinesDecl) -> Option<ir::Spec> {
        let path = decl.path.clone();
        let broken = |source: &crate::source::Source, span: Option<Span>, message: String| {
            let (line, column) = span.map_or((1, 1), |s| source.line_col(s.start));
            K::RefinesBroken {
                path: path.clone(),
                file: source.name.clone(),
                line,
                column,
                message,
            }
        };
        let kind = match decl.loaded.as_deref() {
            None => K::RefinesUnreadable {
                path: path.clone(),
                why: "this spec was parsed alone (`ravel::parse_spec` reads the specs a spec refines)"
                    .into(),
            },
            Some(ast::Loaded::Unreadable(why)) => K::RefinesUnreadable {
                path: path.clone(),
                why: why.clone(),
            },
            Some(ast::Loaded::Read { source, parsed }) => match parsed {
                Err(e) => broken(source, Some(e.span), e.kind.details().message),
                Ok(ast) => {
                    let overrides = const_overrides(&self.const_defs(), &self.types.list, ast);
                    match super::check(ast, &overrides) {
                        Ok(spec) => return Some(spec),
                        Err(errors) => {
                            let first: &CheckError = &errors[0];
                            broken(source, first.span, first.kind.details().message)
                        }
                    }
                }
            },
        };
        self.error(decl.path_span, kind);
        None
    }

    /// Every constant the abstract spec shares by name with this one must
    /// have the same value (those that are not overridden, as a set of
    /// sets, are computed there and compared here).
    fn same_consts(&mut self, abstract_spec: &ir::Spec, name: &str, span: Span) {
        for c in self.const_defs() {
            let Some(a) = abstract_spec.consts.iter().find(|a| a.name == c.name) else {
                continue;
            };
            let same = plan(&self.types.list, c.ty, &abstract_spec.types, a.ty)
                .ok()
                .and_then(|conv| conv.apply(&c.value).ok())
                .is_some_and(|v| v == a.value);
            if !same {
                let kind = K::RefinesConstDiffers {
                    spec: name.to_string(),
                    name: c.name.clone(),
                };
                self.error(span, kind);
            }
        }
    }
}

/// The abstract spec's name: its `spec` name, or the file's stem.
fn abstract_name(spec: &ir::Spec, path: &str) -> String {
    if !spec.name.is_empty() {
        return spec.name.clone();
    }
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    file.strip_suffix(".rvl").unwrap_or(file).to_string()
}
