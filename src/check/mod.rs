//! Stage 2: AST → checked IR.
//!
//! Takes an [`ast::Spec`] and the `--const` overrides, gives an [`ir::Spec`]
//! or every [`CheckError`] found, sorted by position. It resolves every name
//! (with "did you mean" suggestions), types every expression, folds
//! constants (applying the overrides), and makes sure every stored type is
//! finite.
//!
//! The work is split by concern, each file an `impl Checker` block:
//! `names` (globals, locals, suggestions), `types` (the interned type
//! table), `typexpr` (written types → types), `consts` (constants,
//! overrides, folding), `expr` and `ops` (expressions), `pattern`
//! (patterns and bindings), `stmt` (statements), `items` (declarations).
//!
//! Order of work: collect global names; define model values; fold the other
//! constants in declaration order; resolve every written type; then check
//! initial values, `init`, functions, actions and properties; last, look for
//! call cycles.

#![deny(clippy::unwrap_used)]

mod calls;
mod consts;
mod desugar;
pub mod domain;
mod error;
mod eval;
mod expr;
mod fair_groups;
mod footprint;
mod history;
mod init_entries;
pub mod ir;
mod items;
mod literals;
mod names;
mod ops;
mod pattern;
mod refinement;
mod seqops;
mod stmt;
pub mod symbols;
pub mod symmetry;
mod types;
mod typexpr;
pub mod view;
mod widen;

#[cfg(test)]
mod tests;

pub use error::{CheckError, CheckErrorKind};
pub use types::type_name;

use std::collections::{HashMap, HashSet};

use crate::source::Span;
use crate::syntax::ast;
use crate::value::Value;
use ir::{FnId, TypeId, VarId};
use names::{Global, Scope};
use types::TypeTable;

/// A `--const NAME=VALUE` given on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConstOverride {
    /// The constant's name.
    pub name: String,
    /// The value as written (parsed with [`crate::syntax::parse_const_value`]).
    pub value: String,
}

/// Check a parsed spec with the given constant overrides.
pub fn check(spec: &ast::Spec, overrides: &[ConstOverride]) -> Result<ir::Spec, Vec<CheckError>> {
    check_with_symbols(spec, overrides).0
}

/// [`check`], and the spec's symbol index: what each name is, its type,
/// where it is defined and used (also when there are errors).
pub fn check_with_symbols(
    spec: &ast::Spec,
    overrides: &[ConstOverride],
) -> (Result<ir::Spec, Vec<CheckError>>, symbols::Symbols) {
    let (result, symbols) = check_all(spec, overrides, None);
    (result.map(|(spec, _)| spec), symbols)
}

/// An expression checked in the scope of a spec's state (the explorer's
/// "evaluate"): the spec, the expression's locals and the expression, or
/// the errors of either.
pub fn check_expr(
    spec: &ast::Spec,
    overrides: &[ConstOverride],
    expr: &ast::Expr,
) -> Result<(ir::Spec, ir::Frame, ir::Expr), Vec<CheckError>> {
    let (result, _) = check_all(spec, overrides, Some(expr));
    let (spec, extra) = result?;
    let (frame, expr) = extra.expect("an expression was given");
    Ok((spec, frame, expr))
}

/// A checked expression with its locals.
type Extra = (ir::Frame, ir::Expr);

/// What [`check_all`] gives: the spec (and the extra expression) or the
/// errors.
type Checked = Result<(ir::Spec, Option<Extra>), Vec<CheckError>>;

/// Check a spec, and then an extra expression over its state if given.
fn check_all(
    spec: &ast::Spec,
    overrides: &[ConstOverride],
    extra: Option<&ast::Expr>,
) -> (Checked, symbols::Symbols) {
    let mut c = Checker::new(spec);
    c.collect_globals();
    let overrides = c.parse_overrides(overrides);
    c.define_model_values(&overrides);
    c.fold_consts(&overrides);
    c.resolve_declared_types();
    c.declare_dist();
    let mut vars = c.check_vars();
    c.check_process_inits();
    let init = c.check_init(&vars);
    let fns = c.check_fns();
    let mut actions = c.check_actions();
    c.action_names = actions.iter().map(|a| a.name.clone()).collect();
    let mut properties = c.check_properties();
    properties.extend(c.time_is_up());
    let liveness = c.check_liveness();
    let view = c.check_view(&liveness);
    let refinement = c.check_refinement(&mut properties);
    // Last, as every use of a clock (which makes its variable) is known.
    actions.extend(c.system_actions());
    c.guard_process_actions(&mut actions);
    let fair_groups = c.check_fair_groups(&actions);
    c.check_recursion();
    let interleavings = c
        .reduce_decl()
        .map(|span| c.interleavings(span, &actions, &properties, &fns));
    vars.extend(c.dist_var_defs());
    if c.errors.is_empty() && vars.is_empty() {
        // Only once the rest is right: without a variable, nothing runs.
        let empty = spec.items.is_empty();
        c.errors.push(CheckError {
            kind: CheckErrorKind::NoVariables { empty },
            span: None,
        });
    }
    let extra = extra.map(|e| {
        c.begin_frame(None);
        let x = c.infer(e, None);
        (c.end_frame(), x)
    });
    let symbols = c.symbols();
    if !c.errors.is_empty() {
        let mut errors = c.errors;
        errors.sort_by_key(|e| e.span.map(|s| (s.start, s.end)));
        return (Err(errors), symbols);
    }
    let consts = c.const_defs();
    let (processes, channels, time) = c.dist_defs();
    let spec = ir::Spec {
        name: spec
            .name
            .as_ref()
            .map(|n| n.name.clone())
            .unwrap_or_default(),
        types: c.types.list,
        consts,
        vars,
        init,
        fns,
        actions,
        properties,
        liveness,
        fair_groups,
        processes,
        channels,
        time,
        view,
        interleavings,
        refinement,
    };
    (Ok((spec, extra)), symbols)
}

/// The declarations of a spec, by kind, in source order.
#[derive(Default)]
struct Decls<'a> {
    consts: Vec<&'a ast::ConstDecl>,
    types: Vec<&'a ast::TypeDecl>,
    vars: Vec<&'a ast::VarDecl>,
    inits: Vec<&'a ast::Block>,
    fns: Vec<&'a ast::FnDecl>,
    /// Actions in source order, those of processes at their process's place.
    actions: Vec<&'a ast::ActionDecl>,
    /// For each action, the kind of process it belongs to.
    action_owner: Vec<Option<ir::ProcessId>>,
    processes: Vec<&'a ast::ProcessDecl>,
    channels: Vec<&'a ast::ChannelDecl>,
    times: Vec<&'a ast::TimeDecl>,
    partitions: Vec<&'a ast::PartitionDecl>,
    views: Vec<&'a ast::ViewDecl>,
    fair_groups: Vec<&'a ast::FairDecl>,
    /// `reduce interleavings` declarations.
    reduces: Vec<Span>,
    refines: Vec<&'a ast::RefinesDecl>,
    properties: Vec<&'a ast::PropertyDecl>,
    liveness: Vec<&'a ast::LivenessDecl>,
}

/// What is known of a constant.
#[derive(Clone, Debug)]
enum ConstSlot {
    /// Not folded yet (a later constant).
    Pending,
    /// Its value could not be computed (already reported).
    Failed,
    /// Its type and value; for model values, also the enum they form.
    Done {
        ty: TypeId,
        value: Value,
        enum_ty: Option<TypeId>,
    },
}

/// What is known of a `type` declaration.
#[derive(Clone, Copy, Debug)]
enum TypeSlot {
    Unresolved,
    Resolving,
    Done(TypeId),
}

/// A function's parameter and result types.
struct FnSig {
    params: Vec<TypeId>,
    result: TypeId,
}

/// Where an expression is being checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// A constant expression: only constants, types and atoms.
    Const,
    /// A body that may read the state; inside a function, which one.
    Body(Option<FnId>),
}

/// The state of the check: tables filled in as declarations are processed.
struct Checker<'a> {
    decls: Decls<'a>,
    types: TypeTable,
    errors: Vec<CheckError>,
    globals: HashMap<String, Global>,
    /// Union tag → (index of its `type` declaration, tag index).
    tags: HashMap<String, (usize, u32)>,
    /// Atom or model value → the enums that have it.
    atoms: HashMap<String, Vec<TypeId>>,
    model_values: HashSet<String>,
    consts: Vec<ConstSlot>,
    type_slots: Vec<TypeSlot>,
    var_types: Vec<TypeId>,
    fn_sigs: Vec<FnSig>,
    /// Types of typed action parameters (`ERR` for `p in S` ones).
    action_param_types: Vec<Vec<TypeId>>,
    /// Calls between functions: caller, callee, where.
    calls: Vec<(FnId, FnId, Span)>,
    scope: Scope,
    mode: Mode,
    /// In a `transition` property: whether `next(e)` may be used here
    /// (not inside another `next`).
    next_allowed: bool,
    /// In a `transition` property (where `step is Name` tests the action).
    in_transition: bool,
    /// The names of the spec's actions, by `ActionId`, once checked.
    action_names: Vec<String>,
    /// Whole-variable assignments not yet read, one map per open block.
    pending: Vec<HashMap<(VarId, Option<String>), Span>>,
    /// Variables assigned as a whole since the last reset (for `init`).
    whole_assigned: HashSet<VarId>,
    /// Processes, channels, time and partitions (see `desugar`).
    dist: desugar::Dist<'a>,
    /// The process whose code is being checked.
    in_process: Option<desugar::ProcessCtx>,
    /// Bindings and uses of names, for the symbol index.
    symbol_log: symbols::SymbolLog,
}

impl<'a> Checker<'a> {
    fn new(spec: &'a ast::Spec) -> Checker<'a> {
        let mut decls = Decls::default();
        for item in &spec.items {
            match item {
                ast::Item::Const(c) => decls.consts.push(c),
                ast::Item::Type(t) => decls.types.push(t),
                ast::Item::Var(v) => decls.vars.push(v),
                ast::Item::Init(b) => decls.inits.push(b),
                ast::Item::Fn(f) => decls.fns.push(f),
                ast::Item::Action(a) => {
                    decls.actions.push(a);
                    decls.action_owner.push(None);
                }
                ast::Item::Property(p) => decls.properties.push(p),
                ast::Item::Liveness(l) => decls.liveness.push(l),
                ast::Item::Process(p) => {
                    let pid = ir::ProcessId(decls.processes.len() as u32);
                    decls.processes.push(p);
                    for a in &p.actions {
                        decls.actions.push(a);
                        decls.action_owner.push(Some(pid));
                    }
                }
                ast::Item::Channel(c) => decls.channels.push(c),
                ast::Item::Time(t) => decls.times.push(t),
                ast::Item::Partition(p) => decls.partitions.push(p),
                ast::Item::View(v) => decls.views.push(v),
                ast::Item::Reduce(span) => decls.reduces.push(*span),
                ast::Item::Refines(r) => decls.refines.push(r),
                ast::Item::Fair(f) => decls.fair_groups.push(f),
            }
        }
        let consts = vec![ConstSlot::Pending; decls.consts.len()];
        let type_slots = vec![TypeSlot::Unresolved; decls.types.len()];
        Checker {
            decls,
            types: TypeTable::new(),
            errors: Vec::new(),
            globals: HashMap::new(),
            tags: HashMap::new(),
            atoms: HashMap::new(),
            model_values: HashSet::new(),
            consts,
            type_slots,
            var_types: Vec::new(),
            fn_sigs: Vec::new(),
            action_param_types: Vec::new(),
            calls: Vec::new(),
            scope: Scope::default(),
            mode: Mode::Body(None),
            next_allowed: false,
            in_transition: false,
            action_names: Vec::new(),
            pending: Vec::new(),
            whole_assigned: HashSet::new(),
            dist: desugar::Dist::default(),
            in_process: None,
            symbol_log: symbols::SymbolLog::default(),
        }
    }

    /// Record an error at a span of the spec.
    fn error(&mut self, span: Span, kind: CheckErrorKind) {
        self.errors.push(CheckError {
            kind,
            span: Some(span),
        });
    }

    /// Record an error about the command line.
    fn cli_error(&mut self, kind: CheckErrorKind) {
        self.errors.push(CheckError { kind, span: None });
    }

    /// Record an error about the `--const` override of a declared
    /// constant, pointing at its declaration.
    fn override_error(&mut self, name: &str, kind: CheckErrorKind) {
        let span = self
            .decls
            .consts
            .iter()
            .find(|c| c.name.name == name)
            .map(|c| c.name.span);
        self.errors.push(CheckError { kind, span });
    }

    /// Every global name, with duplicates reported; then every union tag.
    fn collect_globals(&mut self) {
        let d = &self.decls;
        let mut named: Vec<(&ast::Ident, Global)> = Vec::new();
        named.extend(
            d.consts
                .iter()
                .enumerate()
                .map(|(i, c)| (&c.name, Global::Const(i))),
        );
        named.extend(
            d.types
                .iter()
                .enumerate()
                .map(|(i, t)| (&t.name, Global::Type(i))),
        );
        named.extend(
            d.vars
                .iter()
                .enumerate()
                .map(|(i, v)| (&v.name, Global::Var(VarId(i as u32)))),
        );
        named.extend(
            d.fns
                .iter()
                .enumerate()
                .map(|(i, f)| (&f.name, Global::Fn(FnId(i as u32)))),
        );
        // `process Node[n in Node]` may share its name with its ids' type.
        let own_index = |p: &&ast::ProcessDecl| {
            p.index.as_ref().is_some_and(
                |ix| matches!(&ix.ty.kind, ast::TypeExprKind::Named(t) if t.name == p.name.name),
            )
        };
        named.extend(
            d.processes
                .iter()
                .filter(|p| !own_index(p))
                .map(|p| (&p.name, Global::Process)),
        );
        named.extend(d.channels.iter().map(|c| (&c.name, Global::Channel)));
        named.extend(d.properties.iter().map(|p| (&p.name, Global::Property)));
        named.extend(d.liveness.iter().map(|l| (&l.name, Global::Property)));
        // Source order decides which of two declarations is "the second".
        named.sort_by_key(|(ident, _)| ident.span.start);
        let mut dups = Vec::new();
        for (ident, global) in named {
            match self.globals.get(&ident.name) {
                Some(prev) => dups.push((ident.span, ident.name.clone(), prev.what())),
                None => {
                    self.globals.insert(ident.name.clone(), global);
                }
            }
        }
        // Actions have a namespace of their own (a PlusCal label is often
        // also a value of the program counter): only two actions clash.
        let mut actions: HashMap<&str, ()> = HashMap::new();
        let top = d.actions.iter().zip(&d.action_owner);
        for (a, _) in top.filter(|(_, owner)| owner.is_none()) {
            if actions.insert(a.name.name.as_str(), ()).is_some() {
                dups.push((a.name.span, a.name.name.clone(), Global::Action.what()));
            }
        }
        dups.sort_by_key(|(span, ..)| span.start);
        for (span, name, previous) in dups {
            self.error(span, CheckErrorKind::Duplicate { name, previous });
        }
        self.collect_tags();
    }

    /// Union tags are global names too.
    fn collect_tags(&mut self) {
        let types = self.decls.types.clone();
        for (i, decl) in types.iter().enumerate() {
            let ast::TypeDef::Union(variants) = &decl.def else {
                continue;
            };
            for (j, v) in variants.iter().enumerate() {
                let previous = if self.tags.contains_key(&v.name.name) {
                    Some("union tag")
                } else {
                    self.globals.get(&v.name.name).map(|g| g.what())
                };
                match previous {
                    Some(previous) => self.error(
                        v.name.span,
                        CheckErrorKind::Duplicate {
                            name: v.name.name.clone(),
                            previous,
                        },
                    ),
                    None => {
                        self.tags.insert(v.name.name.clone(), (i, j as u32));
                    }
                }
            }
        }
    }

    /// The constants with their final values, in declaration order.
    fn const_defs(&self) -> Vec<ir::ConstDef> {
        self.decls
            .consts
            .iter()
            .zip(&self.consts)
            .filter_map(|(decl, slot)| match slot {
                ConstSlot::Done { ty, value, .. } => Some(ir::ConstDef {
                    name: decl.name.name.clone(),
                    ty: *ty,
                    value: value.clone(),
                    span: decl.span,
                }),
                _ => None,
            })
            .collect()
    }
}
