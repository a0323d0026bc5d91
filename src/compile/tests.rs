//! Model tests over hand-built IR: expressions, statements, branching,
//! initial states, successors and the runtime errors.

use std::sync::Arc;

use super::testing::*;
use super::*;
use crate::check::ir::{
    BinOp, Body, Builtin, ExprKind, FnDef, LocalId, PlaceStep, PropertyDef, Quant, Spec, StmtKind,
    TypeId,
};
use crate::source::Span;
use crate::syntax::ast::PropertyKind;

fn ints(xs: &[i64]) -> Value {
    Value::set_from(xs.iter().map(|x| Value::Int(*x)).collect())
}

/// Evaluate a closed expression (four spare locals) over [`types`].
fn eval_in(spec: &Spec, e: &ir::Expr) -> Result<Value, RuntimeError> {
    let tables = Tables::new(spec);
    let env = Env {
        spec,
        tables: &tables,
        vars: &[],
        unset: &[],
        next: &[],
        step: None,
    };
    env.eval(e, &mut vec![Value::Bool(false); 4])
}

fn eval(e: ir::Expr) -> Result<Value, RuntimeError> {
    eval_in(&spec_with(vec![], vec![]), &e)
}

fn err_kind(e: ir::Expr) -> RuntimeErrorKind {
    eval(e).expect_err("should fail").kind
}

fn initial(model: &Model) -> Result<Vec<Vec<Value>>, RuntimeError> {
    let mut out = Vec::new();
    model.initial_states(&mut |s| out.push(model.decode(s)))?;
    Ok(out)
}

/// A successor as (action name, args, decoded state).
type Succ = (String, Vec<Value>, Vec<Value>);

/// Successors of the first initial state.
fn successors(model: &Model) -> Result<Vec<Succ>, ActionError> {
    let mut init = Vec::new();
    model
        .initial_states(&mut |s| init.push(s.to_vec()))
        .expect("initial states");
    let mut out = Vec::new();
    model.successors(&init[0], &mut |s| {
        let name = model.spec.actions[s.action.index()].name.clone();
        out.push((name, s.args.to_vec(), model.decode(s.state)));
    })?;
    Ok(out)
}

fn x_plus(n: i64) -> ir::Expr {
    bin(BinOp::Add, var(0, R03), int(n), INT)
}

/// A spec with `var x: 0..3 = 0` and one action with this body.
fn counter(body: Vec<ir::Stmt>) -> Model {
    let a = action("A", &[("r", RM), ("i", INT)], vec![], body);
    compile(spec_with(vec![("x", R03, Some(int(0)))], vec![a]))
}

fn xs(succ: &[Succ]) -> Vec<Value> {
    succ.iter().map(|(_, _, s)| s[0].clone()).collect()
}

#[test]
fn arithmetic_follows_tla_and_reports_division_by_zero_at_the_divisor() {
    assert_eq!(
        eval(bin(BinOp::Div, int(-7), int(2), INT)),
        Ok(Value::Int(-4))
    );
    assert_eq!(
        eval(bin(BinOp::Mod, int(-7), int(2), INT)),
        Ok(Value::Int(1))
    );
    let e = eval(bin(BinOp::Div, int(1), at(int(0), 5), INT)).unwrap_err();
    assert_eq!(
        e,
        RuntimeError::new(RuntimeErrorKind::DivisionByZero, Span::new(5, 6))
    );
    let big = ex(ExprKind::Neg(Box::new(int(i64::MIN))), INT);
    assert_eq!(err_kind(big), RuntimeErrorKind::Overflow { op: "-" });
}

#[test]
fn quantifiers_short_circuit() {
    // exists x in {1, 2}: 1 / (2 - x) == 1 stops at x = 1, before 1 / 0.
    let body = bin(
        BinOp::Eq,
        bin(
            BinOp::Div,
            int(1),
            bin(BinOp::Sub, int(2), local(0, INT), INT),
            INT,
        ),
        int(1),
        BOOL,
    );
    let domain = set(vec![int(1), int(2)], SET_INT);
    let q = |quant| {
        ex(
            ExprKind::Quant(
                quant,
                vec![binding(0, domain.clone())],
                Box::new(body.clone()),
            ),
            BOOL,
        )
    };
    assert_eq!(eval(q(Quant::Exists)), Ok(Value::Bool(true)));
    // forall fails at x = 2 on the division.
    assert_eq!(err_kind(q(Quant::Forall)), RuntimeErrorKind::DivisionByZero);
    let false_and_error = bin(BinOp::And, boolean(false), q(Quant::Forall), BOOL);
    assert_eq!(eval(false_and_error), Ok(Value::Bool(false)));
}

#[test]
fn comprehensions_filters_and_set_algebra() {
    let domain = set(vec![int(1), int(2), int(3)], SET_INT);
    let map = ex(
        ExprKind::SetMap {
            bindings: vec![binding(0, domain.clone())],
            filter: Some(Box::new(bin(BinOp::Ne, local(0, INT), int(2), BOOL))),
            map: Box::new(bin(BinOp::Mul, local(0, INT), int(2), INT)),
        },
        SET_INT,
    );
    assert_eq!(eval(map), Ok(ints(&[2, 6])));
    let filter = ex(
        ExprKind::SetFilter(
            Box::new(binding(0, domain.clone())),
            Box::new(bin(BinOp::Gt, local(0, INT), int(1), BOOL)),
        ),
        SET_INT,
    );
    assert_eq!(eval(filter), Ok(ints(&[2, 3])));
    let range = bin(BinOp::Range, int(2), int(4), SET_INT);
    assert_eq!(
        eval(bin(BinOp::Diff, range, domain, SET_INT)),
        Ok(ints(&[4]))
    );
    let subsets = ex(
        ExprKind::Builtin(Builtin::Subsets, vec![all_of(RM, SET_RM)]),
        SET_SET_RM,
    );
    let Ok(Value::Set(all)) = eval(subsets) else {
        panic!("subsets is a set")
    };
    assert_eq!(all.len(), 8);
}

#[test]
fn map_literals_and_lookups_outside_the_domain() {
    // [k in 0..3: k > 1]
    let m = ex(
        ExprKind::MapLit(
            LocalId(0),
            Box::new(bin(BinOp::Gt, local(0, R03), int(1), BOOL)),
        ),
        MAP_R03,
    );
    let lookup = |k: ir::Expr| ex(ExprKind::Index(Box::new(m.clone()), Box::new(k)), BOOL);
    assert_eq!(eval(lookup(int(2))), Ok(Value::Bool(true)));
    let e = eval(lookup(at(int(7), 3))).unwrap_err();
    let kind = RuntimeErrorKind::OutsideDomain {
        key: "7".into(),
        ty: "0..3".into(),
    };
    assert_eq!(e, RuntimeError::new(kind, Span::new(3, 4)));
}

#[test]
fn field_of_the_wrong_variant() {
    let commit = lit(Value::Variant(1, Arc::from(vec![])), MSG);
    let e = ex(
        ExprKind::VariantField(Box::new(commit), vec![Some(0), None]),
        RM,
    );
    let kind = RuntimeErrorKind::MissingField {
        field: "rm".into(),
        tag: "C".into(),
    };
    assert_eq!(err_kind(e), kind);
}

#[test]
fn sequence_and_min_max_errors() {
    let seq = |xs: &[i64]| {
        lit(
            Value::Seq(xs.iter().map(|x| Value::Int(*x)).collect()),
            SEQ2,
        )
    };
    let call = |b, args, ty| ex(ExprKind::Builtin(b, args), ty);
    assert_eq!(
        eval(call(Builtin::Head, vec![seq(&[3, 1])], R03)),
        Ok(Value::Int(3))
    );
    assert_eq!(
        err_kind(call(Builtin::Head, vec![seq(&[])], R03)),
        RuntimeErrorKind::EmptySeq { op: "head" }
    );
    assert_eq!(
        err_kind(call(Builtin::Tail, vec![seq(&[])], SEQ2)),
        RuntimeErrorKind::EmptySeq { op: "tail" }
    );
    assert_eq!(
        err_kind(call(Builtin::Append, vec![seq(&[1, 2]), int(0)], SEQ2)),
        RuntimeErrorKind::AppendPastBound { bound: 2 }
    );
    let empty = lit(Value::empty_set(), SET_INT);
    assert_eq!(
        err_kind(call(Builtin::MaxOf, vec![empty], INT)),
        RuntimeErrorKind::EmptyMinMax { op: "max" }
    );
    let index = ex(ExprKind::Index(Box::new(seq(&[1])), Box::new(int(1))), R03);
    assert_eq!(
        err_kind(index),
        RuntimeErrorKind::IndexOutOfRange { index: 1, len: 1 }
    );
}

#[test]
fn calls_get_a_fresh_frame() {
    let mut spec = spec_with(vec![], vec![]);
    spec.fns.push(FnDef {
        name: "double".into(),
        frame: frame(&[("x", INT)]),
        arity: 1,
        result: TypeId(INT),
        body: bin(BinOp::Mul, local(0, INT), int(2), INT),
        span: Span::default(),
    });
    let call = ex(
        ExprKind::Call(ir::FnId(0), vec![bin(BinOp::Add, int(1), int(2), INT)]),
        INT,
    );
    assert_eq!(eval_in(&spec, &call), Ok(Value::Int(6)));
}

#[test]
fn either_and_require_make_and_drop_branches() {
    let never = vec![
        stmt(StmtKind::Require(boolean(false))),
        assign(0, R03, int(3)),
    ];
    let body = vec![stmt(StmtKind::Either(vec![
        vec![assign(0, R03, int(1))],
        vec![assign(0, R03, int(2))],
        never,
    ]))];
    let succ = successors(&counter(body)).unwrap();
    assert_eq!(xs(&succ), [Value::Int(1), Value::Int(2)]);
}

#[test]
fn for_runs_in_order_and_branches_multiply() {
    let each_rm = |body| stmt(StmtKind::For(binding(0, all_of(RM, SET_RM)), body));
    let succ = successors(&counter(vec![each_rm(vec![assign(0, R03, x_plus(1))])])).unwrap();
    assert_eq!(xs(&succ), [Value::Int(3)]);
    // Two rounds, each either adds one or not: 4 branches.
    let two = set(vec![int(1), int(2)], SET_INT);
    let maybe = stmt(StmtKind::Either(vec![
        vec![assign(0, R03, x_plus(1))],
        vec![],
    ]));
    let body = vec![stmt(StmtKind::For(binding(1, two), vec![maybe]))];
    let succ = successors(&counter(body)).unwrap();
    assert_eq!(xs(&succ), [2, 1, 1, 0].map(Value::Int));
}

#[test]
fn leaving_the_type_names_the_place_and_the_value() {
    let four = set(vec![int(1), int(2), int(3), int(4)], SET_INT);
    let mut inc = assign(0, R03, x_plus(1));
    inc.span = Span::new(10, 15);
    let body = vec![stmt(StmtKind::For(binding(1, four), vec![inc]))];
    let err = successors(&counter(body)).unwrap_err();
    let kind = RuntimeErrorKind::LeavesType {
        place: "x".into(),
        value: "4".into(),
        ty: "0..3".into(),
        why: "4 is outside 0..3".into(),
    };
    assert_eq!(err.error, RuntimeError::new(kind, Span::new(10, 15)));
    assert_eq!((err.action, err.args), (ActionId(0), vec![]));
}

#[test]
fn nested_places_update_one_slot() {
    let zeros = ex(ExprKind::MapLit(LocalId(0), Box::new(int(0))), MAP_RM);
    let r2 = lit(Value::Atom(1), RM);
    let set_r2 = |v| assign_path(0, vec![PlaceStep::Index(r2.clone())], SMALL, int(v));
    let spec = |v| {
        let a = action("Set", &[], vec![], vec![set_r2(v)]);
        let mut spec = spec_with(vec![("m", MAP_RM, Some(zeros.clone()))], vec![a]);
        spec.vars[0].init = Some((frame(&[("k", RM)]), zeros.clone()));
        compile(spec)
    };
    let succ = successors(&spec(2)).unwrap();
    assert_eq!(succ[0].2[0], Value::Map([0, 2, 0].map(Value::Int).into()));
    let err = successors(&spec(3)).unwrap_err();
    let RuntimeErrorKind::LeavesType { place, .. } = err.error.kind else {
        panic!("expected a type error")
    };
    assert_eq!(&*place, "m[r2]");
}

#[test]
fn typed_and_pattern_parameters() {
    // var s: set<RM> = {}; action Add(r: RM) { require r not in s; s = s + {r} }
    let add = action(
        "Add",
        &[("r", RM)],
        vec![binding(0, all_of(RM, SET_RM))],
        vec![
            stmt(StmtKind::Require(bin(
                BinOp::NotIn,
                local(0, RM),
                var(0, SET_RM),
                BOOL,
            ))),
            assign(
                0,
                SET_RM,
                bin(
                    BinOp::Union,
                    var(0, SET_RM),
                    set(vec![local(0, RM)], SET_RM),
                    SET_RM,
                ),
            ),
        ],
    );
    // var msgs: set<Msg> = {P { rm: r2 }, C}; action Recv(P { rm: r } in msgs) { s = {r} }
    let p_r2 = Value::Variant(0, Arc::from(vec![Value::Atom(1)]));
    let msgs = Value::set_from(vec![p_r2.clone(), Value::Variant(1, Arc::from(vec![]))]);
    let p = ir::Pattern {
        kind: ir::PatternKind::Variant {
            tag: 0,
            fields: vec![(0, pat(ir::PatternKind::Bind(LocalId(0))))],
        },
        alias: None,
        span: Span::default(),
    };
    let recv = action(
        "Recv",
        &[("r", RM)],
        vec![ir::Binding {
            pattern: p,
            domain: var(1, SET_MSG),
        }],
        vec![assign(0, SET_RM, set(vec![local(0, RM)], SET_RM))],
    );
    let vars = vec![
        ("s", SET_RM, Some(lit(Value::empty_set(), SET_RM))),
        ("msgs", SET_MSG, Some(lit(msgs, SET_MSG))),
    ];
    let model = compile(spec_with(vars, vec![add, recv]));
    let succ = successors(&model).unwrap();
    let summary: Vec<(String, String)> = succ
        .iter()
        .map(|(name, args, _)| {
            let id = ActionId(if name == "Add" { 0 } else { 1 });
            (name.clone(), model.describe_args(id, args))
        })
        .collect();
    let expected = [
        ("Add", "r = r1"),
        ("Add", "r = r2"),
        ("Add", "r = r3"),
        ("Recv", "P { rm: r2 }"),
    ];
    assert_eq!(
        summary,
        expected.map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(succ[3].1, [p_r2]);
    assert_eq!(succ[3].2[0], Value::set_from(vec![Value::Atom(1)]));
}

#[test]
fn init_block_branches_and_unset_variables() {
    // var x: 0..3; init { choose v in {1, 2} { x = v } }
    let with_init = |stmts| {
        let mut spec = spec_with(vec![("x", R03, None)], vec![]);
        spec.init = Some(Body {
            frame: frame(&[("v", INT)]),
            stmts,
            span: Span::default(),
        });
        compile(spec)
    };
    let choose = stmt(StmtKind::Choose(
        binding(0, set(vec![int(1), int(2)], SET_INT)),
        vec![assign(0, R03, local(0, INT))],
    ));
    let states = initial(&with_init(vec![choose])).unwrap();
    assert_eq!(states, [vec![Value::Int(1)], vec![Value::Int(2)]]);
    let sometimes = stmt(StmtKind::If(
        boolean(false),
        vec![assign(0, R03, int(1))],
        vec![],
    ));
    let err = initial(&with_init(vec![sometimes])).unwrap_err();
    assert_eq!(
        err.kind,
        RuntimeErrorKind::NoInitialValue { var: "x".into() }
    );
    // Reading it before it is set is the same error.
    let read = stmt(StmtKind::Assign(
        ir::Place {
            var: ir::VarId(0),
            path: vec![],
            ty: TypeId(R03),
            span: Span::default(),
        },
        x_plus(1),
    ));
    let err = initial(&with_init(vec![read])).unwrap_err();
    assert_eq!(
        err.kind,
        RuntimeErrorKind::NoInitialValue { var: "x".into() }
    );
}

#[test]
fn assert_failure_names_the_action_instance() {
    let body = vec![stmt(StmtKind::Assert(
        bin(BinOp::Ne, local(0, RM), lit(Value::Atom(1), RM), BOOL),
        "not r2".into(),
    ))];
    let a = action(
        "Check",
        &[("r", RM)],
        vec![binding(0, all_of(RM, SET_RM))],
        body,
    );
    let model = compile(spec_with(vec![("x", R03, Some(int(0)))], vec![a]));
    let err = successors(&model).unwrap_err();
    assert_eq!(err.args, [Value::Atom(1)]);
    assert_eq!(
        err.error.kind,
        RuntimeErrorKind::AssertFailed {
            message: "not r2".into()
        }
    );
}

#[test]
fn properties_hold_or_not() {
    let mut spec = spec_with(vec![("x", R03, Some(int(2)))], vec![]);
    for (name, k) in [("Two", 2), ("Zero", 0)] {
        spec.properties.push(PropertyDef {
            kind: PropertyKind::Invariant,
            name: name.into(),
            frame: frame(&[]),
            body: bin(BinOp::Eq, var(0, R03), int(k), BOOL),
            span: Span::default(),
        });
    }
    let model = compile(spec);
    let mut init = Vec::new();
    model
        .initial_states(&mut |s| init.push(s.to_vec()))
        .unwrap();
    assert_eq!(model.holds(ir::PropertyId(0), &init[0]), Ok(true));
    assert_eq!(model.holds(ir::PropertyId(1), &init[0]), Ok(false));
}

#[test]
fn initial_values_outside_their_type() {
    let model = compile(spec_with(vec![("x", R03, Some(at(int(9), 4)))], vec![]));
    let err = initial(&model).unwrap_err();
    assert_eq!(err.span, Span::new(4, 5));
    assert!(matches!(err.kind, RuntimeErrorKind::LeavesType { .. }));
}

#[test]
fn a_model_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Model>();
}
