//! The abstract side of a `refines`: the abstract spec compiled, its
//! initial states, and the check that a mapped step is one of its steps.
//!
//! [`ExprKind::Refines`](crate::check::ir::ExprKind::Refines) evaluates the
//! mapping in this spec (the reference interpreter, `eval.rs`), then hands
//! the values here: [`Abstract::pack`] carries them into the abstract
//! spec's types and packs them as an abstract state, and
//! [`Abstract::is_initial`] and [`Abstract::steps_to`] answer the two
//! questions. The abstract spec runs without reductions: its steps are
//! taken as written. Successor sets are remembered per thread, so a state
//! with many successors maps its abstract state's steps once (in a
//! [`Worker`]'s [`Scratch`], on the hot path).

use hashbrown::{HashMap, HashSet};

use super::fast::mapping_of;
use super::layout::Layout;
use super::{Model, RuntimeError, RuntimeErrorKind, Worker, fit, show};
use super::{bits, fast};
use crate::check::domain;
use crate::check::ir::{
    ActionId, Conversion, Expr, Field, PropertyId, RefinementDef, Spec, Type, TypeId, VarId,
};
use crate::source::Span;
use crate::value::Value;

/// The abstract spec of a `refines`, ready to answer for mapped states.
pub struct Abstract {
    /// The abstract spec's name.
    pub name: String,
    /// The abstract spec, compiled.
    pub model: Model,
    /// How each mapped value becomes a value of its abstract variable.
    conversions: Vec<crate::check::ir::Conversion>,
    /// Its initial states, packed (or the error computing them).
    initial: Result<HashSet<Box<[u64]>>, RuntimeError>,
    /// The `refines` declaration (where its own errors point).
    span: Span,
    /// The mapped values (of this spec's types) as the fields of one word
    /// string, as the fast evaluator writes them.
    values: Layout,
    /// Each mapped value's bit field there (first bit, width).
    slots: Vec<(u64, u64)>,
    /// Whether every mapped value has the same code as its abstract
    /// value, so the fast evaluator's words are the abstract state.
    direct: bool,
}

impl std::fmt::Debug for Abstract {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Abstract")
            .field("name", &self.name)
            .finish()
    }
}

/// Per-thread memory of the refinement check (part of a [`Worker`]):
/// the abstract state of each state met, and the successors of each
/// abstract state met, so a state with many steps is mapped once.
#[derive(Debug, Default)]
pub struct Scratch {
    /// Packed state of this spec → packed abstract state.
    mapped: HashMap<Box<[u64]>, Box<[u64]>>,
    /// Packed abstract state → its successors, one after the other.
    successors: HashMap<Box<[u64]>, Box<[u64]>>,
    /// The abstract spec's own scratch space.
    worker: Option<Box<Worker>>,
    /// The mapped values, as the fast evaluator writes them.
    values: Vec<u64>,
    /// The state of this spec `before` is the abstract state of, for a
    /// step (empty when none).
    source: Vec<u64>,
    /// The abstract states of the step being checked.
    before: Vec<u64>,
    after: Vec<u64>,
}

/// Entries each map of a [`Scratch`] holds at most (it starts again when
/// full).
const REMEMBERED: usize = 1 << 16;

impl Abstract {
    /// Compile the abstract spec of `def`, declared by `spec`.
    pub fn new(spec: &Spec, def: &RefinementDef) -> Abstract {
        let types: Vec<TypeId> =
            mapping_of(spec).map_or(Vec::new(), |(_, xs)| xs.iter().map(|x| x.ty).collect());
        let values = Layout::from_types(&spec.types, &types);
        let slots = (0..types.len())
            .map(|i| values.field(VarId(i as u32)))
            .collect();
        let model = super::compile((*def.spec).clone());
        let mut initial = HashSet::new();
        let found = model.initial_states(&mut |s| {
            initial.insert(s.into());
        });
        let span = def.span;
        let direct = types.len() == model.spec.vars.len()
            && types
                .iter()
                .zip(&model.spec.vars)
                .zip(&def.conversions)
                .all(|((&s, var), c)| same_codes(&spec.types, s, &model.spec.types, var.ty, c));
        Abstract {
            direct,
            name: def.name.clone(),
            initial: found
                .map(|()| initial)
                .map_err(|e| in_abstract(&def.name, &e, span)),
            model,
            conversions: def.conversions.clone(),
            span,
            values,
            slots,
        }
    }

    /// The abstract values of the mapped `values` (one per abstract
    /// variable, computed by `exprs` of `spec`), each checked against its
    /// abstract variable's type.
    pub fn convert(
        &self,
        spec: &Spec,
        exprs: &[Expr],
        values: &[Value],
    ) -> Result<Vec<Value>, RuntimeError> {
        let abs = &self.model.spec;
        let mut out = Vec::with_capacity(values.len());
        for (((var, conversion), x), v) in abs
            .vars
            .iter()
            .zip(&self.conversions)
            .zip(exprs)
            .zip(values)
        {
            let leaves = |why: String| {
                let kind = RuntimeErrorKind::LeavesType {
                    place: format!("{}'s `{}`", self.name, var.name).into(),
                    value: show::value(spec, x.ty, v).into(),
                    ty: show::type_name(abs, var.ty).into(),
                    why: why.into(),
                };
                RuntimeError::new(kind, x.span)
            };
            let converted = conversion.apply(v).map_err(|_| {
                leaves(format!(
                    "it has a value that {}'s `{}` has no name for",
                    self.name,
                    show::type_name(abs, var.ty)
                ))
            })?;
            fit::fits(abs, var.ty, &converted).map_err(leaves)?;
            out.push(converted);
        }
        Ok(out)
    }

    /// The packed abstract state of abstract values.
    pub fn pack(&self, values: &[Value]) -> Result<Vec<u64>, RuntimeError> {
        let mut words = vec![0; self.model.state_words()];
        self.model.encode(values, &mut words)?;
        Ok(words)
    }

    /// Whether every mapped value has the same code as its abstract value,
    /// so that the mapped words are taken as the abstract state with no
    /// conversion.
    pub fn carries_codes(&self) -> bool {
        self.direct
    }

    /// Whether a packed abstract state is one of the abstract spec's
    /// initial states.
    pub fn is_initial(&self, state: &[u64]) -> Result<bool, RuntimeError> {
        match &self.initial {
            Ok(initial) => Ok(initial.contains(state)),
            Err(e) => Err(e.clone()),
        }
    }

    /// Whether some step of the abstract spec goes from `from` to `to`
    /// (both packed); `scratch` remembers the successors when given.
    pub fn steps_to(
        &self,
        from: &[u64],
        to: &[u64],
        scratch: Option<&mut Scratch>,
    ) -> Result<bool, RuntimeError> {
        let mut fresh = Scratch::default();
        let scratch = scratch.unwrap_or(&mut fresh);
        let among = |states: &[u64]| states.chunks_exact(to.len().max(1)).any(|s| s == to);
        if let Some(states) = scratch.successors.get(from) {
            return Ok(among(states));
        }
        let worker = scratch
            .worker
            .get_or_insert_with(|| Box::new(self.model.worker()));
        let mut states = Vec::new();
        self.model
            .step(worker, from, &mut |_, s| bits::push_words(&mut states, s))
            .map_err(|e| in_abstract(&self.name, &e.error, self.span))?;
        let holds = among(&states);
        if scratch.successors.len() >= REMEMBERED {
            scratch.successors.clear();
        }
        scratch.successors.insert(from.into(), states.into());
        Ok(holds)
    }

    /// The first abstract action instance that goes from `from` to `to`
    /// (decoded), for the trace: `None` when none does.
    pub fn step_between(&self, from: &[Value], to: &[Value]) -> Option<(ActionId, Vec<Value>)> {
        let to = self.pack(to).ok()?;
        let mut found = None;
        let _ = self.model.successors_of(from, &mut |s| {
            if found.is_none() && s.state == to.as_slice() {
                found = Some((s.action, s.args.to_vec()));
            }
        });
        found
    }
}

/// Whether every value of type `s` of this spec has the same code as the
/// value of type `a` of the abstract spec that `c` converts it to: the
/// same shape, the same sizes, and each atom, field, tag and key kept in
/// its place (the codes depend on nothing else).
fn same_codes(st: &[Type], s: TypeId, at: &[Type], a: TypeId, c: &Conversion) -> bool {
    let kept = |fields: &[(usize, Conversion)], from: &[Field], to: &[Field]| {
        from.len() == to.len()
            && fields.len() == to.len()
            && fields
                .iter()
                .zip(from.iter().zip(to))
                .enumerate()
                .all(|(k, ((i, c), (f, g)))| *i == k && same_codes(st, f.ty, at, g.ty, c))
    };
    match (&st[s.index()], &at[a.index()], c) {
        (Type::Bool, Type::Bool, Conversion::Same) => true,
        (Type::Range { lo, hi }, Type::Range { lo: l, hi: h }, Conversion::Same) => {
            (lo, hi) == (l, h)
        }
        (
            Type::Enum { atoms, .. },
            Type::Enum {
                atoms: to_atoms, ..
            },
            Conversion::Atoms(to),
        ) => {
            atoms.len() == to_atoms.len()
                && to.len() == atoms.len()
                && to.iter().enumerate().all(|(i, j)| *j == Some(i as u32))
        }
        (Type::Record { fields: f }, Type::Record { fields: g }, Conversion::Record(fs)) => {
            kept(fs, f, g)
        }
        (
            Type::Union { variants: v, .. },
            Type::Union { variants: w, .. },
            Conversion::Union(to),
        ) => {
            v.len() == w.len()
                && to.len() == v.len()
                && to.iter().enumerate().all(|(t, x)| match x {
                    Some((u, fs)) => *u as usize == t && kept(fs, &v[t].fields, &w[t].fields),
                    None => false,
                })
        }
        (Type::Option(x), Type::Option(y), Conversion::Option(c))
        | (Type::Set(x), Type::Set(y), Conversion::Set(c)) => same_codes(st, *x, at, *y, c),
        (Type::Seq(x, n), Type::Seq(y, k), Conversion::Seq(c)) => {
            n == k && same_codes(st, *x, at, *y, c)
        }
        (Type::Map(k, x), Type::Map(l, y), Conversion::Map(keys, c)) => {
            domain::size(st, *k) == domain::size(at, *l)
                && domain::size(st, *k) == Some(keys.len() as u64)
                && keys.iter().enumerate().all(|(i, j)| i == *j)
                && same_codes(st, *x, at, *y, c)
        }
        _ => false,
    }
}

/// An error of the abstract spec (whose spans point into another file) as
/// an error at the `refines` declaration.
fn in_abstract(name: &str, error: &RuntimeError, span: Span) -> RuntimeError {
    let kind = RuntimeErrorKind::InAbstract {
        spec: name.into(),
        message: error.kind.details().message,
    };
    RuntimeError::new(kind, span)
}

impl Model {
    /// The hot path's refinement check (see [`Model::check`]): `None` when
    /// `property` is not one of the `refines` properties. `state` is a
    /// state, or for the step property the two states and the action, as
    /// for a `transition`.
    pub(super) fn refinement_holds(
        &self,
        w: &mut Worker,
        property: PropertyId,
        state: &[u64],
    ) -> Option<Result<bool, RuntimeError>> {
        let def = self.spec.refinement.as_ref()?;
        let step = def.properties.iter().position(|p| *p == property)? == 1;
        let abs = self.refinement()?;
        let width = self.layout.words();
        let Worker {
            machine,
            refinement: scratch,
            ..
        } = w;
        let mut before = std::mem::take(&mut scratch.before);
        let mut after = std::mem::take(&mut scratch.after);
        let holds = (|| {
            // The successors of one state come one after another: its
            // abstract state is mapped once for all of them.
            if scratch.source != state[..width] {
                scratch.source.clear();
                self.mapped(abs, machine, scratch, &state[..width], &mut before)?;
                scratch.source.extend_from_slice(&state[..width]);
            }
            if !step {
                return abs.is_initial(&before);
            }
            self.mapped(abs, machine, scratch, &state[width..2 * width], &mut after)?;
            Ok(before == after || abs.steps_to(&before, &after, Some(scratch))?)
        })();
        scratch.before = before;
        scratch.after = after;
        Some(holds)
    }

    /// The packed abstract state of a packed state into `out`,
    /// remembered; the mapping runs on the fast evaluator where it can.
    fn mapped(
        &self,
        abs: &Abstract,
        m: &mut fast::Machine,
        scratch: &mut Scratch,
        state: &[u64],
        out: &mut Vec<u64>,
    ) -> Result<(), RuntimeError> {
        out.clear();
        if let Some(mapped) = scratch.mapped.get(state) {
            out.extend_from_slice(mapped);
            return Ok(());
        }
        m.state.clear();
        bits::push_words(&mut m.state, state);
        scratch.values.clear();
        scratch.values.resize(abs.values.words(), 0);
        let fast = self.fast.mapping(m, &abs.slots, &mut scratch.values);
        // The same codes: the words are the abstract state (faster to
        // compute again than to remember).
        if abs.direct && matches!(fast, Some(Ok(()))) {
            out.extend_from_slice(&scratch.values);
            return Ok(());
        }
        let values = match fast {
            Some(Ok(())) => {
                let exprs = mapping_of(&self.spec).map_or(&[][..], |(_, xs)| xs);
                abs.convert(&self.spec, exprs, &abs.values.decode_state(&scratch.values))?
            }
            _ => self.abstract_state(&self.decode(state))?,
        };
        let packed = abs.pack(&values)?;
        if scratch.mapped.len() >= REMEMBERED {
            scratch.mapped.clear();
        }
        out.extend_from_slice(&packed);
        scratch.mapped.insert(state.into(), packed.into());
        Ok(())
    }

    /// The abstract state (decoded, by the abstract spec's `VarId`) that a
    /// state of this spec (decoded) maps to, for reports.
    pub fn abstract_state(&self, vars: &[Value]) -> Result<Vec<Value>, RuntimeError> {
        let (Some((frame, exprs)), Some(abs)) = (mapping_of(&self.spec), self.refinement()) else {
            return Ok(Vec::new());
        };
        let env = self.env(vars, &[]);
        let mut locals = super::fresh_frame(frame);
        let values = exprs
            .iter()
            .map(|x| env.eval(x, &mut locals))
            .collect::<Result<Vec<_>, _>>()?;
        abs.convert(&self.spec, exprs, &values)
    }
}
