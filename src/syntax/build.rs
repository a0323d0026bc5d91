//! pest pairs → AST: declarations, types, statements and patterns.
//! Expressions are in `build_expr.rs`.
//!
//! Each function is named after the grammar rule it builds and quotes it.
//! The grammar guarantees the shape of every pair, so a missing child is an
//! internal error (`expect("grammar: ...")`); anything the user can get wrong
//! is a [`SyntaxError`].

use pest::Parser;

use super::ast::{self, Ident};
use super::build_expr::{expr, string};
use super::error::{self, SyntaxError, SyntaxErrorKind};
use super::{RavelParser, Rule};
use crate::source::Span;

pub(super) type Pair<'i> = pest::iterators::Pair<'i, Rule>;
pub(super) type Pairs<'i> = pest::iterators::Pairs<'i, Rule>;
pub(super) type Built<T> = Result<T, SyntaxError>;

/// `spec = { SOI ~ spec_header? ~ item* ~ EOI }`
pub(super) fn spec(text: &str) -> Built<ast::Spec> {
    let pair = parse(Rule::spec, text)?;
    let mut name = None;
    let mut items = Vec::new();
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::spec_header => name = Some(ident(first(p))),
            Rule::EOI => {}
            _ => items.push(item(p)?),
        }
    }
    Ok(ast::Spec { name, items })
}

/// `const_value_input = { SOI ~ (model_values | expr) ~ EOI }`
pub(super) fn const_value(text: &str) -> Built<ast::ConstValue> {
    const_value_of(first(parse(Rule::const_value_input, text)?))
}

/// Run the pest parser and return the single top pair.
fn parse(rule: Rule, text: &str) -> Built<Pair<'_>> {
    // pest recurses per level of nesting: refuse what could overflow it.
    super::depth::check(text)?;
    // Detail makes pest record the literal tokens it wanted, which the error
    // messages use (`expected `}``); the cost only matters on huge inputs.
    pest::set_error_detail(true);
    // A budget of rule calls linear in the input: no backtracking the
    // grammar still has (a type of nested brackets tries each bracket as a
    // range bound and as a parenthesised type) can take more than linear
    // time. Real specs use a few dozen calls per byte.
    pest::set_call_limit(std::num::NonZeroUsize::new(
        CALLS_PER_BYTE * text.len() + 100_000,
    ));
    let mut pairs = RavelParser::parse(rule, text).map_err(|e| error::from_pest(text, &e))?;
    let pair = pairs.next().expect("grammar: a top rule yields one pair");
    check_depth(&pair)?;
    Ok(pair)
}

/// The rule calls the parser may make per byte of input (see `parse`).
const CALLS_PER_BYTE: usize = 2_000;

/// How deeply pairs may nest: the builder recurses once or twice per level,
/// and one parenthesised expression is a dozen levels, so this allows about
/// 40 nested parentheses, and keeps a debug build within a 2 MiB test
/// thread's stack (it overflows near 900).
const MAX_DEPTH: usize = 5_000;

/// Refuse a tree the recursive builder could overflow the stack on.
fn check_depth(pair: &Pair) -> Built<()> {
    let mut depth = 0;
    for token in pair.clone().tokens() {
        match token {
            pest::Token::Start { pos, .. } => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(SyntaxError {
                        kind: SyntaxErrorKind::TooDeep,
                        span: Span::new(pos.pos(), pos.pos() + 1),
                    });
                }
            }
            pest::Token::End { .. } => depth -= 1,
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- helpers

/// The span of a pair, without the whitespace and comments pest keeps at
/// the end of a rule that ends with an optional or repeated part.
pub(super) fn span(pair: &Pair) -> Span {
    let start = pair.as_span().start();
    Span::new(start, start + token_len(pair.as_str()))
}

/// The length of `text` up to the end of its last token (not trivia).
fn token_len(text: &str) -> usize {
    let mut end = 0;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let at = text.len() - rest.len();
        let skip = if c.is_whitespace() {
            c.len_utf8()
        } else if rest.starts_with("//") {
            rest.find('\n').unwrap_or(rest.len())
        } else if rest.starts_with("/*") {
            rest.find("*/").map_or(rest.len(), |i| i + 2)
        } else if c == '"' {
            let len = string_len(rest);
            end = at + len;
            len
        } else {
            end = at + c.len_utf8();
            c.len_utf8()
        };
        rest = rest.get(skip..).unwrap_or("");
    }
    end
}

/// The length of the string literal `text` starts with.
fn string_len(text: &str) -> usize {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return i + 1,
            _ => {}
        }
    }
    text.len()
}

/// The first child of a pair the grammar says has one.
pub(super) fn first(pair: Pair) -> Pair {
    let rule = pair.as_rule();
    pair.into_inner()
        .next()
        .unwrap_or_else(|| panic!("grammar: {rule:?} has a child"))
}

/// The next child, which the grammar says is there.
pub(super) fn next<'i>(pairs: &mut impl Iterator<Item = Pair<'i>>) -> Pair<'i> {
    pairs.next().expect("grammar: the rule has this child")
}

/// `ident = @{ !keyword ~ (ASCII_ALPHA | "_") ~ ident_char* }`
pub(super) fn ident(pair: Pair) -> Ident {
    Ident {
        name: pair.as_str().to_string(),
        span: span(&pair),
    }
}

// ---------------------------------------------------------------- items

/// `item = _{ const_decl | type_decl | var_decl | init_decl | fn_decl | action_decl | ... }`
fn item(pair: Pair) -> Built<ast::Item> {
    Ok(match pair.as_rule() {
        Rule::const_decl => ast::Item::Const(const_decl(pair)?),
        Rule::type_decl => ast::Item::Type(type_decl(pair)?),
        Rule::var_decl => ast::Item::Var(var_decl(pair)?),
        Rule::init_decl => ast::Item::Init(block(first(pair))?),
        Rule::fn_decl => ast::Item::Fn(fn_decl(pair)?),
        Rule::action_decl => ast::Item::Action(action_decl(pair)?),
        Rule::liveness_decl => ast::Item::Liveness(super::build_liveness::liveness_decl(pair)?),
        Rule::process_decl => ast::Item::Process(super::build_dist::process_decl(pair)?),
        Rule::channel_decl => ast::Item::Channel(super::build_dist::channel_decl(pair)?),
        Rule::time_decl => ast::Item::Time(super::build_dist::time_decl(pair)?),
        Rule::partition_decl => ast::Item::Partition(super::build_dist::partition_decl(pair)?),
        Rule::view_decl => ast::Item::View(view_decl(pair)?),
        Rule::reduce_decl => ast::Item::Reduce(span(&pair)),
        Rule::refines_decl => ast::Item::Refines(refines_decl(pair)?),
        Rule::fair_decl => ast::Item::Fair(super::build_liveness::fair_decl(pair)),
        Rule::durable_var => {
            return Err(SyntaxError {
                kind: SyntaxErrorKind::DurableOutside,
                span: span(&first(pair)),
            });
        }
        Rule::invariant_decl
        | Rule::reachable_decl
        | Rule::constraint_decl
        | Rule::terminal_decl
        | Rule::transition_decl => ast::Item::Property(property_decl(pair)?),
        other => unreachable!("grammar: {other:?} is not an item"),
    })
}

/// `const_decl = { "const" ~ ident ~ "=" ~ (model_values | expr) }`
fn const_decl(pair: Pair) -> Built<ast::ConstDecl> {
    let span = span(&pair);
    let mut inner = pair.into_inner();
    let name = ident(next(&mut inner));
    let value = const_value_of(next(&mut inner))?;
    Ok(ast::ConstDecl { name, value, span })
}

/// `model_values | expr` in a `const` declaration or a `--const` override.
fn const_value_of(pair: Pair) -> Built<ast::ConstValue> {
    if pair.as_rule() == Rule::model_values {
        Ok(model_values(pair))
    } else {
        Ok(ast::ConstValue::Expr(expr(pair)?))
    }
}

/// `model_values = { symmetric? ~ "{" ~ (ident ~ ("," ~ ident)* ~ ","?)? ~ "}" ~ !op_follow }`
fn model_values(pair: Pair) -> ast::ConstValue {
    let span = span(&pair);
    let mut symmetric = false;
    let mut values = Vec::new();
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::symmetric => symmetric = true,
            Rule::ident => values.push(ident(p)),
            other => unreachable!("grammar: {other:?} in a set of model values"),
        }
    }
    ast::ConstValue::ModelValues {
        symmetric,
        values,
        span,
    }
}

/// `type_decl = { "type" ~ ident ~ "=" ~ (union_type | type_expr) }`
fn type_decl(pair: Pair) -> Built<ast::TypeDecl> {
    let span = span(&pair);
    let mut inner = pair.into_inner();
    let name = ident(next(&mut inner));
    let def = next(&mut inner);
    let def = match def.as_rule() {
        Rule::union_type => ast::TypeDef::Union(union_type(def)?),
        Rule::type_expr => ast::TypeDef::Alias(type_expr(def)?),
        other => unreachable!("grammar: {other:?} as a type definition"),
    };
    Ok(ast::TypeDecl { name, def, span })
}

/// `var_decl = { "var" ~ ident ~ ":" ~ type_expr ~ ("=" ~ expr)? }`
pub(super) fn var_decl(pair: Pair) -> Built<ast::VarDecl> {
    let span = span(&pair);
    let mut inner = pair.into_inner();
    let name = ident(next(&mut inner));
    let ty = type_expr(next(&mut inner))?;
    let init = inner.next().map(expr).transpose()?;
    Ok(ast::VarDecl {
        name,
        ty,
        init,
        span,
    })
}

/// `fn_decl = { "fn" ~ ident ~ "(" ~ (fn_param ~ ("," ~ fn_param)* ~ ","?)? ~ ")" ~ "->" ~ type_expr ~ "=" ~ expr }`
fn fn_decl(pair: Pair) -> Built<ast::FnDecl> {
    let span = span(&pair);
    let mut inner = pair.into_inner();
    let name = ident(next(&mut inner));
    let mut params = Vec::new();
    while inner.peek().map(|p| p.as_rule()) == Some(Rule::fn_param) {
        params.push(fn_param(next(&mut inner))?);
    }
    let result = type_expr(next(&mut inner))?;
    let body = expr(next(&mut inner))?;
    Ok(ast::FnDecl {
        name,
        params,
        result,
        body,
        span,
    })
}

/// `fn_param = { ident ~ ":" ~ type_expr }`
fn fn_param(pair: Pair) -> Built<ast::FnParam> {
    let mut inner = pair.into_inner();
    let name = ident(next(&mut inner));
    let ty = type_expr(next(&mut inner))?;
    Ok(ast::FnParam { name, ty })
}

/// `action_decl = { fairness? ~ "action" ~ ident ~ ("(" ~ (action_param ~ ("," ~ action_param)* ~ ","?)? ~ ")")? ~ block }`
pub(super) fn action_decl(pair: Pair) -> Built<ast::ActionDecl> {
    let span = span(&pair);
    let mut inner = pair.into_inner();
    let mut fairness = ast::Fairness::None;
    if inner.peek().map(|p| p.as_rule()) == Some(Rule::fairness) {
        fairness = super::build_liveness::fairness(next(&mut inner));
    }
    let name = ident(next(&mut inner));
    let mut params = Vec::new();
    while inner.peek().map(|p| p.as_rule()) == Some(Rule::action_param) {
        params.push(action_param(first(next(&mut inner)))?);
    }
    let body = block(next(&mut inner))?;
    Ok(ast::ActionDecl {
        fairness,
        name,
        params,
        body,
        span,
    })
}

/// `action_param = { typed_param | bound_param }`, where
/// `typed_param = { ident ~ ":" ~ type_expr }` and
/// `bound_param = { pattern ~ (from_kw ~ pattern)? ~ "in" ~ range }`
fn action_param(pair: Pair) -> Built<ast::ActionParam> {
    let typed = pair.as_rule() == Rule::typed_param;
    let mut inner = pair.into_inner().filter(|p| p.as_rule() != Rule::from_kw);
    let first = next(&mut inner);
    let second = next(&mut inner);
    if typed {
        return Ok(ast::ActionParam::Typed {
            name: ident(first),
            ty: type_expr(second)?,
        });
    }
    let pattern = pattern(first)?;
    Ok(match inner.next() {
        Some(domain) => ast::ActionParam::In {
            pattern,
            sender: Some(Box::new(self::pattern(second)?)),
            domain: expr(domain)?,
        },
        None => ast::ActionParam::In {
            pattern,
            sender: None,
            domain: expr(second)?,
        },
    })
}

/// `view_decl = { view_kw ~ ":" ~ expr ~ ("," ~ expr)* }`
fn view_decl(pair: Pair) -> Built<ast::ViewDecl> {
    let span = span(&pair);
    let exprs = pair
        .into_inner()
        .filter(|p| p.as_rule() != Rule::view_kw)
        .map(expr)
        .collect::<Built<Vec<_>>>()?;
    Ok(ast::ViewDecl { exprs, span })
}

/// `refines_decl = { refines_kw ~ string ~ ("{" ~ (refine_entry ~ ","?)* ~ "}")? }`,
/// `refine_entry = { ident ~ "=" ~ expr }`
fn refines_decl(pair: Pair) -> Built<ast::RefinesDecl> {
    let whole = span(&pair);
    let mut inner = pair
        .into_inner()
        .filter(|p| p.as_rule() != Rule::refines_kw);
    let path = next(&mut inner);
    let path_span = span(&path);
    let path = string(&path);
    let entries = inner
        .map(|entry| {
            let mut parts = entry.into_inner();
            let var = ident(next(&mut parts));
            Ok(ast::MappingEntry {
                var,
                expr: expr(next(&mut parts))?,
            })
        })
        .collect::<Built<Vec<_>>>()?;
    Ok(ast::RefinesDecl {
        path,
        path_span,
        entries,
        loaded: None,
        span: whole,
    })
}

/// `invariant_decl = { "invariant" ~ ident ~ ":" ~ expr }`, and likewise
/// `reachable_decl`, `constraint_decl`, `terminal_decl`.
fn property_decl(pair: Pair) -> Built<ast::PropertyDecl> {
    let kind = match pair.as_rule() {
        Rule::invariant_decl => ast::PropertyKind::Invariant,
        Rule::reachable_decl => ast::PropertyKind::Reachable,
        Rule::constraint_decl => ast::PropertyKind::Constraint,
        Rule::terminal_decl => ast::PropertyKind::Terminal,
        Rule::transition_decl => ast::PropertyKind::Transition,
        other => unreachable!("grammar: {other:?} is not a property"),
    };
    let span = span(&pair);
    let mut inner = pair
        .into_inner()
        .filter(|p| p.as_rule() != Rule::transition_kw);
    let name = ident(next(&mut inner));
    let body = expr(next(&mut inner))?;
    Ok(ast::PropertyDecl {
        kind,
        name,
        body,
        span,
    })
}

// ---------------------------------------------------------------- types

/// `union_type = { variant ~ ("|" ~ variant)+ | variant_rec }`, where
/// `variant = { ident ~ record_fields? }` and `variant_rec = { ident ~ record_fields }`
fn union_type(pair: Pair) -> Built<Vec<ast::Variant>> {
    pair.into_inner()
        .map(|v| {
            let span = span(&v);
            let mut inner = v.into_inner();
            let name = ident(next(&mut inner));
            let fields = inner.next().map(record_fields).transpose()?;
            Ok(ast::Variant {
                name,
                fields: fields.unwrap_or_default(),
                span,
            })
        })
        .collect()
}

/// `record_fields = { "{" ~ field_decl ~ ("," ~ field_decl)* ~ ","? ~ "}" }`, where
/// `field_decl = { ident ~ ":" ~ type_expr }`
fn record_fields(pair: Pair) -> Built<Vec<ast::FieldDecl>> {
    pair.into_inner()
        .map(|f| {
            let mut inner = f.into_inner();
            let name = ident(next(&mut inner));
            let ty = type_expr(next(&mut inner))?;
            Ok(ast::FieldDecl { name, ty })
        })
        .collect()
}

/// `type_expr = { type_atom ~ ("->" ~ type_expr)? }`
pub(super) fn type_expr(pair: Pair) -> Built<ast::TypeExpr> {
    let span = span(&pair);
    let mut inner = pair.into_inner();
    let key = type_atom(next(&mut inner))?;
    Ok(match inner.next() {
        None => key,
        Some(value) => ast::TypeExpr {
            kind: ast::TypeExprKind::Map(Box::new(key), Box::new(type_expr(value)?)),
            span,
        },
    })
}

/// `type_atom = _{ bool_type | set_type | option_type | seq_type | record_type
///   | enum_type | range_type | named_type | "(" ~ type_expr ~ ")" }`
fn type_atom(pair: Pair) -> Built<ast::TypeExpr> {
    use ast::TypeExprKind as K;
    let span = span(&pair);
    let rule = pair.as_rule();
    if rule == Rule::type_expr {
        return type_expr(pair);
    }
    let mut inner = pair.into_inner();
    let kind = match rule {
        Rule::bool_type => K::Bool,
        Rule::set_type => K::Set(Box::new(type_expr(next(&mut inner))?)),
        Rule::option_type => K::Option(Box::new(type_expr(next(&mut inner))?)),
        Rule::seq_type => {
            let elem = type_expr(next(&mut inner))?;
            K::Seq(Box::new(elem), Box::new(expr(next(&mut inner))?))
        }
        Rule::record_type => K::Record(record_fields(next(&mut inner))?),
        Rule::enum_type => K::Enum(inner.map(ident).collect()),
        Rule::range_type => {
            let lo = expr(next(&mut inner))?;
            K::Range(Box::new(lo), Box::new(expr(next(&mut inner))?))
        }
        Rule::named_type => K::Named(ident(next(&mut inner))),
        other => unreachable!("grammar: {other:?} is not a type"),
    };
    Ok(ast::TypeExpr { kind, span })
}

// ---------------------------------------------------------------- statements

/// `block = { "{" ~ stmt* ~ "}" }`
pub(super) fn block(pair: Pair) -> Built<ast::Block> {
    let span = span(&pair);
    let stmts = pair
        .into_inner()
        .map(|s| stmt(first(s)))
        .collect::<Built<_>>()?;
    Ok(ast::Block { stmts, span })
}

/// `stmt = { require_stmt | assert_stmt | let_stmt | if_stmt | choose_stmt
///   | either_stmt | for_stmt | assign_stmt }`
fn stmt(pair: Pair) -> Built<ast::Stmt> {
    let span = span(&pair);
    let rule = pair.as_rule();
    let mut inner = pair.into_inner();
    let kind = match rule {
        Rule::require_stmt => ast::StmtKind::Require(expr(next(&mut inner))?),
        Rule::assert_stmt => assert_stmt(inner)?,
        Rule::let_stmt => {
            let name = ident(next(&mut inner));
            ast::StmtKind::Let(name, expr(next(&mut inner))?)
        }
        Rule::if_stmt => if_stmt(inner)?,
        Rule::choose_stmt | Rule::for_stmt => loop_stmt(rule, inner)?,
        Rule::either_stmt => ast::StmtKind::Either(
            inner
                .filter(|p| p.as_rule() == Rule::block)
                .map(block)
                .collect::<Built<_>>()?,
        ),
        Rule::send_stmt | Rule::broadcast_stmt => super::build_dist::send_stmt(rule, inner)?,
        Rule::start_stmt => super::build_dist::start_stmt(inner)?,
        Rule::stop_stmt => {
            let _word = next(&mut inner);
            ast::StmtKind::StopTimer(ident(next(&mut inner)))
        }
        Rule::pause_stmt => ast::StmtKind::Pause,
        Rule::assign_stmt => assign_stmt(inner)?,
        other => unreachable!("grammar: {other:?} is not a statement"),
    };
    Ok(ast::Stmt { kind, span })
}

/// `assert_stmt = { &keyword ~ "assert" ~ expr ~ ("," ~ string)? }`
fn assert_stmt(mut inner: Pairs) -> Built<ast::StmtKind> {
    let cond = expr(next(&mut inner))?;
    Ok(ast::StmtKind::Assert(
        cond,
        inner.next().map(|s| string(&s)),
    ))
}

/// `if_stmt = { &keyword ~ "if" ~ expr ~ block ~ ("else" ~ (if_stmt | block))? }`
fn if_stmt(mut inner: Pairs) -> Built<ast::StmtKind> {
    let cond = expr(next(&mut inner))?;
    let then = block(next(&mut inner))?;
    let els = match inner.next() {
        None => None,
        Some(p) if p.as_rule() == Rule::block => Some(block(p)?),
        Some(p) => {
            // `else if`: the nested `if` is the only statement of the else block.
            let nested = stmt(p)?;
            let span = nested.span;
            Some(ast::Block {
                stmts: vec![nested],
                span,
            })
        }
    };
    Ok(ast::StmtKind::If { cond, then, els })
}

/// `choose_stmt = { &keyword ~ "choose" ~ pattern ~ "in" ~ domain ~ block }` and
/// `for_stmt = { &keyword ~ !quant_kind ~ "for" ~ pattern ~ "in" ~ domain ~ block }`
fn loop_stmt(rule: Rule, mut inner: Pairs) -> Built<ast::StmtKind> {
    let pattern = pattern(next(&mut inner))?;
    let domain = super::build_expr::domain_expr(next(&mut inner))?;
    let body = block(next(&mut inner))?;
    Ok(if rule == Rule::choose_stmt {
        ast::StmtKind::Choose {
            pattern,
            domain,
            body,
        }
    } else {
        ast::StmtKind::For {
            pattern,
            domain,
            body,
        }
    })
}

/// `assign_stmt = { place ~ assign_op ~ expr }`, where
/// `assign_op = @{ "+=" | "-=" | "=" ~ !"=" }`
fn assign_stmt(mut inner: Pairs) -> Built<ast::StmtKind> {
    let place = place(next(&mut inner))?;
    let op = match next(&mut inner).as_str() {
        "+=" => ast::AssignOp::Add,
        "-=" => ast::AssignOp::Sub,
        "=" => ast::AssignOp::Set,
        other => unreachable!("grammar: `{other}` is not an assignment"),
    };
    let value = expr(next(&mut inner))?;
    Ok(ast::StmtKind::Assign { place, op, value })
}

/// `place = { ident ~ (place_index | place_field)* }`, where
/// `place_index = { "[" ~ expr ~ "]" }` and `place_field = { "." ~ ident }`
fn place(pair: Pair) -> Built<ast::Place> {
    let span = span(&pair);
    let mut inner = pair.into_inner();
    let root = ident(next(&mut inner));
    let path = inner
        .map(|step| match step.as_rule() {
            Rule::place_index => Ok(ast::PlaceStep::Index(expr(first(step))?)),
            Rule::place_field => Ok(ast::PlaceStep::Field(ident(first(step)))),
            other => unreachable!("grammar: {other:?} in a place"),
        })
        .collect::<Built<_>>()?;
    Ok(ast::Place { root, path, span })
}

// ---------------------------------------------------------------- patterns

/// `pattern = { pattern_core ~ (as_kw ~ ident)? }`
pub(super) fn pattern(pair: Pair) -> Built<ast::Pattern> {
    let span = span(&pair);
    let mut inner = pair.into_inner();
    let kind = pattern_core(next(&mut inner))?;
    let alias = inner.find(|p| p.as_rule() == Rule::ident).map(ident);
    Ok(ast::Pattern { kind, alias, span })
}

/// `pattern_core = _{ variant_pattern | some_pattern | none_pattern | wildcard
///   | true_lit | false_lit | int_pattern | ident }`
fn pattern_core(pair: Pair) -> Built<ast::PatternKind> {
    let literal = |kind| {
        ast::PatternKind::Literal(ast::Expr {
            kind,
            span: span(&pair),
        })
    };
    Ok(match pair.as_rule() {
        Rule::variant_pattern | Rule::is_variant => variant_pattern(pair)?,
        Rule::some_pattern => ast::PatternKind::Some(Box::new(pattern(first(pair))?)),
        Rule::none_pattern => ast::PatternKind::None,
        Rule::wildcard => ast::PatternKind::Wildcard,
        Rule::true_lit => literal(ast::ExprKind::Bool(true)),
        Rule::false_lit => literal(ast::ExprKind::Bool(false)),
        Rule::int_pattern => match pair.as_str().parse::<i64>() {
            Ok(n) => literal(ast::ExprKind::Int(n)),
            Err(_) => {
                return Err(SyntaxError {
                    kind: SyntaxErrorKind::IntTooLarge,
                    span: span(&pair),
                });
            }
        },
        Rule::ident => ast::PatternKind::Name(ident(pair)),
        other => unreachable!("grammar: {other:?} is not a pattern"),
    })
}

/// `variant_pattern = { ident ~ "{" ~ (field_pattern ~ ("," ~ field_pattern)* ~ ","?)? ~ "}" }`,
/// where `field_pattern = { ident ~ (":" ~ pattern)? }`
fn variant_pattern(pair: Pair) -> Built<ast::PatternKind> {
    let mut inner = pair.into_inner();
    let tag = ident(next(&mut inner));
    let fields = inner
        .map(|field| {
            let mut parts = field.into_inner();
            let name = ident(next(&mut parts));
            let pattern = match parts.next() {
                Some(p) => pattern(p)?,
                // `g` alone stands for `g: g`.
                None => ast::Pattern {
                    kind: ast::PatternKind::Name(name.clone()),
                    alias: None,
                    span: name.span,
                },
            };
            Ok((name, pattern))
        })
        .collect::<Built<_>>()?;
    Ok(ast::PatternKind::Variant { tag, fields })
}
