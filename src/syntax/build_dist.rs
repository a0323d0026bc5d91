//! pest pairs → AST for the distributed-systems constructs: processes,
//! channels, time, partitions, and the statements that use them (`send`,
//! `broadcast`, `start`, `stop`).
//!
//! Each function is named after the grammar rule it builds and quotes it.

use super::Rule;
use super::ast;
use super::build::{
    Built, Pair, Pairs, action_decl, first, ident, next, span, type_expr, var_decl,
};
use super::build_expr::expr;

/// `process_decl = { fairness? ~ process_kw ~ ident ~ process_index? ~ process_opts? ~ "{" ~ process_item* ~ "}" }`
pub(super) fn process_decl(pair: Pair) -> Built<ast::ProcessDecl> {
    let span = span(&pair);
    let mut fairness = ast::Fairness::None;
    let mut name = None;
    let mut index = None;
    let mut options = Vec::new();
    let mut vars = Vec::new();
    let mut timers = Vec::new();
    let mut actions = Vec::new();
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::fairness => fairness = super::build_liveness::fairness(p),
            Rule::process_kw => {}
            Rule::ident => name = Some(ident(p)),
            Rule::process_index => {
                let mut inner = p.into_inner();
                let id = ident(next(&mut inner));
                let ty = type_expr(next(&mut inner))?;
                index = Some(ast::ProcessIndex { id, ty });
            }
            Rule::process_opts => {
                for opt in p.into_inner() {
                    options.push(process_opt(first(opt))?);
                }
            }
            Rule::process_var => {
                let mut inner = p.into_inner();
                let mut decl = next(&mut inner);
                let durable = decl.as_rule() == Rule::durable_kw;
                if durable {
                    decl = next(&mut inner);
                }
                vars.push(ast::ProcessVar {
                    durable,
                    decl: var_decl(decl)?,
                });
            }
            Rule::timer_decl => {
                timers.extend(
                    p.into_inner()
                        .filter(|t| t.as_rule() == Rule::ident)
                        .map(ident),
                );
            }
            _ => actions.push(action_decl(p)?),
        }
    }
    Ok(ast::ProcessDecl {
        fairness,
        name: name.expect("grammar: a process has a name"),
        index,
        options,
        vars,
        timers,
        actions,
        span,
    })
}

/// `process_opt = { crash_opt | restart_opt | pause_opt }`, where
/// `crash_opt = { word_crash ~ at_most? }` and `pause_opt = { word_pause ~ at_most? }`
fn process_opt(pair: Pair) -> Built<ast::ProcessOption> {
    let span = span(&pair);
    let rule = pair.as_rule();
    let budget = budget(pair.into_inner())?;
    Ok(match rule {
        Rule::crash_opt => ast::ProcessOption::Crash { budget, span },
        Rule::pause_opt => ast::ProcessOption::Pause { budget, span },
        _ => ast::ProcessOption::Restart { span },
    })
}

/// The `at_most = { word_at ~ word_most ~ sum }` among these pairs, if any.
fn budget(pairs: Pairs) -> Built<Option<ast::Expr>> {
    pairs
        .filter(|p| p.as_rule() == Rule::at_most)
        .map(|p| {
            let bound = p
                .into_inner()
                .find(|q| q.as_rule() == Rule::sum)
                .expect("grammar: `at most` has a bound");
            expr(bound)
        })
        .next()
        .transpose()
}

/// `channel_decl = { word_channel ~ ident ~ ":" ~ type_expr ~ channel_link? ~ channel_opts? }`
pub(super) fn channel_decl(pair: Pair) -> Built<ast::ChannelDecl> {
    let span = span(&pair);
    let mut inner = pair.into_inner();
    let _word = next(&mut inner);
    let name = ident(next(&mut inner));
    let msg = type_expr(next(&mut inner))?;
    let mut link = None;
    let mut options = Vec::new();
    for p in inner {
        match p.as_rule() {
            Rule::channel_link => {
                let mut ends = p.into_inner().filter(|q| q.as_rule() == Rule::ident);
                let from = ident(next(&mut ends));
                link = Some((from, ident(next(&mut ends))));
            }
            _ => {
                for opt in p.into_inner() {
                    options.push(channel_opt(first(opt))?);
                }
            }
        }
    }
    Ok(ast::ChannelDecl {
        name,
        msg,
        link,
        options,
        span,
    })
}

/// `channel_opt = { opt_ordered | opt_unordered | opt_lossy | opt_duplicating
///   | opt_bag | opt_set | opt_capacity }`
fn channel_opt(pair: Pair) -> Built<ast::ChannelOption> {
    use ast::ChannelOptionKind as K;
    let span = span(&pair);
    let rule = pair.as_rule();
    let kind = match rule {
        Rule::opt_ordered => K::Ordered,
        Rule::opt_unordered => K::Unordered,
        Rule::opt_bag => K::Bag,
        Rule::opt_set => K::Set,
        Rule::opt_lossy => K::Lossy(budget(pair.into_inner())?),
        Rule::opt_duplicating => K::Duplicating(budget(pair.into_inner())?),
        _ => {
            let bound = pair
                .into_inner()
                .find(|q| q.as_rule() == Rule::sum)
                .expect("grammar: `capacity` has a bound");
            K::Capacity(expr(bound)?)
        }
    };
    Ok(ast::ChannelOption { kind, span })
}

/// `time_decl = { word_time ~ sum ~ ".." ~ sum ~ ("(" ~ word_drift ~ sum ~ ")")? }`
pub(super) fn time_decl(pair: Pair) -> Built<ast::TimeDecl> {
    let span = span(&pair);
    let mut sums = pair.into_inner().filter(|p| p.as_rule() == Rule::sum);
    let lo = expr(next(&mut sums))?;
    let hi = expr(next(&mut sums))?;
    let drift = sums.next().map(expr).transpose()?;
    Ok(ast::TimeDecl {
        lo,
        hi,
        drift,
        span,
    })
}

/// `partition_decl = { word_partition ~ at_most? }`
pub(super) fn partition_decl(pair: Pair) -> Built<ast::PartitionDecl> {
    let span = span(&pair);
    let budget = budget(pair.into_inner())?;
    Ok(ast::PartitionDecl { budget, span })
}

/// `send_stmt = { word_send ~ expr ~ (to_kw ~ expr)? ~ (on_kw ~ ident)? }` and
/// `broadcast_stmt = { word_broadcast ~ expr ~ (to_kw ~ expr)? ~ (on_kw ~ ident)? }`
pub(super) fn send_stmt(rule: Rule, inner: Pairs) -> Built<ast::StmtKind> {
    let mut msg = None;
    let mut to = None;
    let mut channel = None;
    let mut after = None;
    for p in inner {
        match p.as_rule() {
            Rule::word_send | Rule::word_broadcast => {}
            Rule::to_kw | Rule::on_kw => after = Some(p.as_rule()),
            Rule::ident => channel = Some(ident(p)),
            _ if after == Some(Rule::to_kw) => to = Some(expr(p)?),
            _ => msg = Some(expr(p)?),
        }
    }
    Ok(ast::StmtKind::Send {
        broadcast: rule == Rule::broadcast_stmt,
        msg: msg.expect("grammar: a send has a message"),
        to,
        channel,
    })
}

/// `start_stmt = { word_start ~ ident ~ word_after ~ expr }`
pub(super) fn start_stmt(mut inner: Pairs) -> Built<ast::StmtKind> {
    let _word = next(&mut inner);
    let timer = ident(next(&mut inner));
    let _after = next(&mut inner);
    Ok(ast::StmtKind::StartTimer(timer, expr(next(&mut inner))?))
}

#[cfg(test)]
mod tests {
    use super::super::ast::{ChannelOptionKind, Item, PatternKind, ProcessOption, StmtKind};
    use super::super::parse;
    use crate::source::Source;

    fn items(text: &str) -> Vec<Item> {
        match parse(&Source::new("t.rvl", text)) {
            Ok(spec) => spec.items,
            Err(e) => panic!("{text}: {:?}", e.kind),
        }
    }

    #[test]
    fn a_process_holds_its_vars_timers_and_actions() {
        let items = items(
            "fair process Node[n in Nodes] (crash at most 1, restart, pause) {
                durable var term: 0..3 = 0
                var voted: bool = false
                timer election, heartbeat
                action Timeout {
                    require expired(election)
                    start election after 3
                    stop heartbeat
                    pause
                    broadcast Vote { term: term } on net
                    send Ack to m on net
                }
            }",
        );
        let [Item::Process(p)] = &items[..] else {
            panic!("one process: {items:?}");
        };
        assert_eq!(p.name.name, "Node");
        assert_eq!(p.index.as_ref().map(|i| i.id.name.as_str()), Some("n"));
        assert!(matches!(
            p.options[..],
            [
                ProcessOption::Crash {
                    budget: Some(_),
                    ..
                },
                ProcessOption::Restart { .. },
                ProcessOption::Pause { budget: None, .. }
            ]
        ));
        assert!(p.vars[0].durable && !p.vars[1].durable);
        let timers: Vec<&str> = p.timers.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(timers, ["election", "heartbeat"]);
        let stmts: Vec<&StmtKind> = p.actions[0].body.stmts.iter().map(|s| &s.kind).collect();
        assert!(matches!(stmts[1], StmtKind::StartTimer(t, _) if t.name == "election"));
        assert!(matches!(stmts[2], StmtKind::StopTimer(t) if t.name == "heartbeat"));
        assert!(matches!(stmts[3], StmtKind::Pause));
        assert!(matches!(
            stmts[4],
            StmtKind::Send {
                broadcast: true,
                to: None,
                channel: Some(_),
                ..
            }
        ));
        assert!(matches!(
            stmts[5],
            StmtKind::Send {
                broadcast: false,
                to: Some(_),
                channel: Some(_),
                ..
            }
        ));
    }

    #[test]
    fn channels_time_and_partitions_parse_with_their_options() {
        let items = items(
            "channel net: Msg from Node to Node (ordered, lossy at most 2, capacity 3, bag)
             channel pool: Msg
             time 0..5 (drift 1)
             partition at most 1",
        );
        let Item::Channel(c) = &items[0] else {
            panic!("a channel first");
        };
        assert_eq!(
            c.link
                .as_ref()
                .map(|(a, b)| (a.name.as_str(), b.name.as_str())),
            Some(("Node", "Node"))
        );
        let kinds: Vec<&ChannelOptionKind> = c.options.iter().map(|o| &o.kind).collect();
        assert!(matches!(
            kinds[..],
            [
                ChannelOptionKind::Ordered,
                ChannelOptionKind::Lossy(Some(_)),
                ChannelOptionKind::Capacity(_),
                ChannelOptionKind::Bag
            ]
        ));
        assert!(matches!(&items[1], Item::Channel(c) if c.link.is_none() && c.options.is_empty()));
        assert!(matches!(&items[2], Item::Time(t) if t.drift.is_some()));
        assert!(matches!(&items[3], Item::Partition(p) if p.budget.is_some()));
    }

    #[test]
    fn receiving_binds_the_sender_and_literal_patterns_parse() {
        let items =
            items("action A(Vote { yes: true, round: -1 } from p in net, m in msgs) { send = 1 }");
        let Item::Action(a) = &items[0] else {
            panic!("an action");
        };
        let super::super::ast::ActionParam::In {
            pattern, sender, ..
        } = &a.params[0]
        else {
            panic!("a receive");
        };
        assert!(sender.is_some());
        let PatternKind::Variant { fields, .. } = &pattern.kind else {
            panic!("a variant pattern");
        };
        assert!(
            fields
                .iter()
                .all(|(_, p)| matches!(p.kind, PatternKind::Literal(_)))
        );
        assert!(matches!(
            &a.params[1],
            super::super::ast::ActionParam::In { sender: None, .. }
        ));
        // `send = 1` still assigns a variable named `send`.
        assert!(matches!(a.body.stmts[0].kind, StmtKind::Assign { .. }));
    }
}
