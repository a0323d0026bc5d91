//! Test helpers: a small type table and short constructors for hand-built IR.

use crate::check::ir::*;
use crate::source::Span;
use crate::value::Value;

/// Type ids in [`types`].
pub const BOOL: u32 = 0;
pub const SMALL: u32 = 1; // -1..2
pub const RM: u32 = 2;
pub const MSG: u32 = 4; // P { rm: RM } | C
pub const SET_MSG: u32 = 6;
pub const MAP_RM: u32 = 7; // RM -> -1..2
pub const INT: u32 = 8;
pub const SET_INT: u32 = 11;
pub const SET_RM: u32 = 12;
pub const R03: u32 = 13; // 0..3
pub const SEQ2: u32 = 14; // seq<0..3, 2>
pub const SET_SET_RM: u32 = 15;
pub const MAP_R03: u32 = 16; // 0..3 -> bool

fn field(name: &str, ty: u32) -> Field {
    Field {
        name: name.into(),
        ty: TypeId(ty),
    }
}

/// A table with types of every kind.
pub fn types() -> Vec<Type> {
    vec![
        Type::Bool,
        Type::Range { lo: -1, hi: 2 },
        Type::Enum {
            name: "RM".into(),
            atoms: vec!["r1".into(), "r2".into(), "r3".into()],
            symmetric: true,
        },
        Type::Record {
            fields: vec![field("a", 0), field("b", 1)],
        },
        Type::Union {
            name: "Msg".into(),
            variants: vec![
                VariantDef {
                    name: "P".into(),
                    fields: vec![field("rm", RM)],
                },
                VariantDef {
                    name: "C".into(),
                    fields: vec![],
                },
            ],
        },
        Type::Option(TypeId(RM)),
        Type::Set(TypeId(MSG)),
        Type::Map(TypeId(RM), TypeId(SMALL)),
        Type::Int,
        Type::Set(TypeId(SMALL)),
        Type::Seq(TypeId(BOOL), 2),
        Type::Set(TypeId(INT)),
        Type::Set(TypeId(RM)),
        Type::Range { lo: 0, hi: 3 },
        Type::Seq(TypeId(R03), 2),
        Type::Set(TypeId(SET_RM)),
        Type::Map(TypeId(R03), TypeId(BOOL)),
    ]
}

/// A spec with these types and nothing else.
pub fn spec_with_types(types: Vec<Type>) -> Spec {
    Spec {
        name: "Test".into(),
        types,
        consts: Vec::new(),
        vars: Vec::new(),
        init: None,
        fns: Vec::new(),
        actions: Vec::new(),
        properties: Vec::new(),
        liveness: Vec::new(),
        fair_groups: Vec::new(),
        processes: Vec::new(),
        channels: Vec::new(),
        time: None,
        view: None,
        interleavings: None,
        refinement: None,
    }
}

/// A spec over [`types`] with these variables (name, type, initial value)
/// and actions.
pub fn spec_with(vars: Vec<(&str, u32, Option<Expr>)>, actions: Vec<ActionDef>) -> Spec {
    let mut spec = spec_with_types(types());
    spec.vars = vars
        .into_iter()
        .map(|(name, ty, init)| VarDef {
            name: name.into(),
            ty: TypeId(ty),
            init: init.map(|e| (Frame::default(), e)),
            role: crate::check::ir::VarRole::Plain,
            span: Span::default(),
        })
        .collect();
    spec.actions = actions;
    spec
}

/// A frame with these locals (name, type).
pub fn frame(locals: &[(&str, u32)]) -> Frame {
    Frame {
        locals: locals
            .iter()
            .map(|(name, ty)| LocalDef {
                name: (*name).into(),
                ty: TypeId(*ty),
            })
            .collect(),
    }
}

/// An action.
pub fn action(
    name: &str,
    locals: &[(&str, u32)],
    params: Vec<Binding>,
    body: Vec<Stmt>,
) -> ActionDef {
    ActionDef {
        name: name.into(),
        frame: frame(locals),
        params,
        body,
        fairness: Default::default(),
        origin: crate::check::ir::Origin::Spec(None),
        receives: Vec::new(),
        span: Span::default(),
    }
}

/// An expression of a type.
pub fn ex(kind: ExprKind, ty: u32) -> Expr {
    Expr {
        kind,
        ty: TypeId(ty),
        span: Span::default(),
    }
}

/// The same expression at `start..start + 1`.
pub fn at(mut e: Expr, start: usize) -> Expr {
    e.span = Span::new(start, start + 1);
    e
}

pub fn int(i: i64) -> Expr {
    ex(ExprKind::Lit(Value::Int(i)), INT)
}

pub fn boolean(b: bool) -> Expr {
    ex(ExprKind::Lit(Value::Bool(b)), BOOL)
}

pub fn lit(v: Value, ty: u32) -> Expr {
    ex(ExprKind::Lit(v), ty)
}

pub fn var(v: u32, ty: u32) -> Expr {
    ex(ExprKind::Var(VarId(v)), ty)
}

pub fn local(l: u32, ty: u32) -> Expr {
    ex(ExprKind::Local(LocalId(l)), ty)
}

pub fn bin(op: BinOp, a: Expr, b: Expr, ty: u32) -> Expr {
    ex(ExprKind::Bin(op, Box::new(a), Box::new(b)), ty)
}

pub fn set(items: Vec<Expr>, ty: u32) -> Expr {
    ex(ExprKind::SetLit(items), ty)
}

pub fn all_of(ty: u32, set_ty: u32) -> Expr {
    ex(ExprKind::AllOf(TypeId(ty)), set_ty)
}

pub fn pat(kind: PatternKind) -> Pattern {
    Pattern {
        kind,
        alias: None,
        span: Span::default(),
    }
}

/// `local in domain`.
pub fn binding(l: u32, domain: Expr) -> Binding {
    Binding {
        pattern: pat(PatternKind::Bind(LocalId(l))),
        domain,
    }
}

pub fn stmt(kind: StmtKind) -> Stmt {
    Stmt {
        kind,
        span: Span::default(),
    }
}

/// `var = e` for a whole variable of type `ty`.
pub fn assign(v: u32, ty: u32, e: Expr) -> Stmt {
    assign_path(v, vec![], ty, e)
}

/// `var[..] = e`, the place being of type `ty`.
pub fn assign_path(v: u32, path: Vec<PlaceStep>, ty: u32, e: Expr) -> Stmt {
    let place = Place {
        var: VarId(v),
        path,
        ty: TypeId(ty),
        span: Span::default(),
    };
    stmt(StmtKind::Assign(place, e))
}
