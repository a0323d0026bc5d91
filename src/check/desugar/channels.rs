//! Channels: `send` and `broadcast`, receiving as an action parameter, and
//! the network's own action (dropping a message on a `lossy` channel).
//!
//! A channel is one variable: per receiver, per sender, what that link holds
//! (`set<M>`, `M -> 0..N` or `seq<M, N>`; unaddressed channels hold one
//! link). Keys of a single instance are left out.

use super::DistErrorKind;
use crate::check::expr::{lit, mk, poisoned};
use crate::check::ir::{
    self, BinOp, Binding, Builtin, ChannelId, Delivery, ExprKind, Origin, PatternKind, ProcessId,
    Receive, StmtKind,
};
use crate::check::names::LocalKind;
use crate::check::types::{BOOL, ERR};
use crate::check::{Checker, names::suggest};
use crate::source::Span;
use crate::syntax::ast;
use crate::value::Value;

/// A receive, lowered: its parameters, the statements that run first, and
/// what reports need.
pub(in crate::check) struct Received {
    pub(in crate::check) bindings: Vec<Binding>,
    pub(in crate::check) prefix: Vec<ir::Stmt>,
    pub(in crate::check) receive: Receive,
}

impl Checker<'_> {
    /// The channel a name in an action's parameter receives from.
    pub(in crate::check) fn receiving_channel(&self, domain: &ast::Expr) -> Option<ChannelId> {
        let ast::ExprKind::Name(n) = &domain.kind else {
            return None;
        };
        if self.scope.lookup(&n.name).is_some() {
            return None;
        }
        self.dist
            .channels
            .iter()
            .position(|c| c.decl.name.name == n.name)
            .map(|i| ChannelId(i as u32))
    }

    /// `pattern from sender in channel` as action parameters; `first`: the
    /// index the first binding will have among the action's parameters.
    pub(in crate::check) fn receive(
        &mut self,
        cid: ChannelId,
        pattern: &ast::Pattern,
        sender: Option<&ast::Pattern>,
        domain: &ast::Expr,
        first: usize,
    ) -> Received {
        let span = domain.span;
        let c = &self.dist.channels[cid.index()];
        let (link, msg, name) = (c.link, c.msg, c.decl.name.name.clone());
        let mut bindings = Vec::new();
        let mut receive = Receive {
            channel: cid,
            sender: None,
            message: first,
        };
        let mut dst = None;
        let mut src = None;
        if let Some((a, b)) = link {
            let here = self.in_process.map(|ctx| ctx.process);
            if here != Some(b) {
                let kind = DistErrorKind::WrongReceiver {
                    channel: name.clone(),
                    receiver: self.dist.processes[b.index()].decl.name.name.clone(),
                    here: self.here(),
                };
                self.dist_error(span, kind);
            }
            dst = self.self_expr(span);
            match (self.index_of(a), sender) {
                (Some(s), _) => {
                    let set = self.types.set_of(s);
                    let mut pattern = match sender {
                        Some(p) => self.pattern(p, s),
                        None => ir::Pattern {
                            kind: PatternKind::Bind(self.scope.fresh(
                                "sender",
                                s,
                                LocalKind::Bound,
                            )),
                            alias: None,
                            span,
                        },
                    };
                    // A local holding the whole sender, to index the link with.
                    let local = match (&pattern.kind, pattern.alias) {
                        (PatternKind::Bind(l), None) => *l,
                        (_, Some(l)) => l,
                        (_, None) => {
                            let l = self.scope.fresh("sender", s, LocalKind::Bound);
                            pattern.alias = Some(l);
                            l
                        }
                    };
                    src = Some(self.e_local(local, span));
                    bindings.push(Binding {
                        pattern,
                        domain: mk(ExprKind::AllOf(s), set, span),
                    });
                    receive.sender = Some(first);
                    receive.message = first + 1;
                }
                (None, Some(p)) => {
                    let kind = DistErrorKind::NoSender {
                        channel: name.clone(),
                    };
                    self.dist_error(p.span, kind);
                }
                (None, None) => {}
            }
        } else if let Some(p) = sender {
            self.dist_error(p.span, DistErrorKind::NoSender { channel: name });
        }
        let keys = [dst, src];
        let deliverable = self.deliverable(cid, &keys, span);
        let mut pattern = self.pattern(pattern, msg);
        let m = match pattern.alias {
            Some(l) => l,
            None => {
                let l = self.scope.fresh("message", msg, LocalKind::Bound);
                pattern.alias = Some(l);
                l
            }
        };
        bindings.push(Binding {
            pattern,
            domain: deliverable,
        });
        let mut prefix = Vec::new();
        if let (Some((a, b)), Some(part)) = (link, &self.dist.partition) {
            let split = part.split;
            let guard = self.same_side(split, a, &keys[1], b, &keys[0], span);
            prefix.push(Self::s_require(guard));
        }
        let m = self.e_local(m, span);
        prefix.extend(self.take(cid, &keys, m, span));
        Received {
            bindings,
            prefix,
            receive,
        }
    }

    /// Where the checker is, in words for messages.
    fn here(&self) -> String {
        match self.in_process {
            Some(ctx) => format!(
                "an action of `{}`",
                self.dist.processes[ctx.process.index()].decl.name.name
            ),
            None => "outside any process".into(),
        }
    }

    /// `not partitioned or side_a[sender] == side_b[receiver]`.
    fn same_side(
        &mut self,
        split: ir::VarId,
        a: ProcessId,
        src: &Option<ir::Expr>,
        b: ProcessId,
        dst: &Option<ir::Expr>,
        span: Span,
    ) -> ir::Expr {
        let side = |c: &Self, p: ProcessId, key: &Option<ir::Expr>| {
            let v = c.dist.processes[p.index()].side?;
            Some(c.e_at(v, std::slice::from_ref(key), span))
        };
        let (Some(x), Some(y)) = (side(self, a, src), side(self, b, dst)) else {
            return Self::e_bool(true, span);
        };
        let split = self.e_var(split, span);
        let eq = self.e_bin(BinOp::Eq, x, y);
        self.e_bin(BinOp::Or, Self::e_not(split), eq)
    }

    /// What one link holds, at these keys (receiver, sender).
    fn link(&self, cid: ChannelId, keys: &[Option<ir::Expr>; 2], span: Span) -> ir::Expr {
        let var = self.dist.channels[cid.index()].var;
        self.e_at(var, keys, span)
    }

    /// The messages on a link that can be delivered now: every one of a
    /// set, every counted one of a bag, the head of a queue.
    pub(in crate::check) fn deliverable(
        &mut self,
        cid: ChannelId,
        keys: &[Option<ir::Expr>; 2],
        span: Span,
    ) -> ir::Expr {
        let c = &self.dist.channels[cid.index()];
        let (msg, delivery) = (c.msg, c.delivery);
        let link = self.link(cid, keys, span);
        let set = self.types.set_of(msg);
        match delivery {
            Delivery::Set => link,
            Delivery::Bag => {
                let x = self.scope.fresh("m", msg, LocalKind::Bound);
                let count = self.e_index(link, self.e_local(x, span));
                let positive = self.e_bin(BinOp::Gt, count, Self::e_int(0, span));
                let binding = Binding {
                    pattern: ir::Pattern {
                        kind: PatternKind::Bind(x),
                        alias: None,
                        span,
                    },
                    domain: mk(ExprKind::AllOf(msg), set, span),
                };
                mk(
                    ExprKind::SetFilter(Box::new(binding), Box::new(positive)),
                    set,
                    span,
                )
            }
            Delivery::Ordered => {
                let len = Self::e_builtin(
                    Builtin::Len,
                    vec![link.clone()],
                    crate::check::types::INT,
                    span,
                );
                let nonempty = self.e_bin(BinOp::Gt, len, Self::e_int(0, span));
                let head = Self::e_builtin(Builtin::Head, vec![link], msg, span);
                let one = self.e_singleton(head);
                let none = lit(Value::empty_set(), set, span);
                mk(
                    ExprKind::If(Box::new(nonempty), Box::new(one), Box::new(none)),
                    set,
                    span,
                )
            }
        }
    }

    /// Take message `m` off a link, as a receive does: unless the channel
    /// duplicates, in which case it may also stay (within the budget).
    fn take(
        &mut self,
        cid: ChannelId,
        keys: &[Option<ir::Expr>; 2],
        m: ir::Expr,
        span: Span,
    ) -> Vec<ir::Stmt> {
        let c = &self.dist.channels[cid.index()];
        let (delivery, duplicating, duplicated) = (c.delivery, c.duplicating, c.duplicated);
        let remove = self.remove(cid, keys, m, span);
        match (duplicating, delivery) {
            (None, _) => remove,
            // A set that duplicates keeps every message: it may be
            // delivered again, any number of times, to any receiver.
            (Some(None), Delivery::Set) => Vec::new(),
            (Some(_), _) => {
                let mut keep = Vec::new();
                if let (Some(v), Some(Some(k))) = (duplicated, duplicating) {
                    let count = self.e_var(v, span);
                    let room = self.e_bin(BinOp::Lt, count.clone(), Self::e_int(k, span));
                    keep.push(Self::s_require(room));
                    let more = self.e_bin(BinOp::Add, count, Self::e_int(1, span));
                    keep.push(self.s_assign(v, Vec::new(), more, span));
                }
                vec![ir::Stmt {
                    kind: StmtKind::Either(vec![remove, keep]),
                    span,
                }]
            }
        }
    }

    /// Remove message `m` from a link.
    fn remove(
        &mut self,
        cid: ChannelId,
        keys: &[Option<ir::Expr>; 2],
        m: ir::Expr,
        span: Span,
    ) -> Vec<ir::Stmt> {
        let c = &self.dist.channels[cid.index()];
        let (var, delivery, link_ty) = (c.var, c.delivery, c.link_ty);
        let link = self.link(cid, keys, span);
        let path = Self::steps(keys);
        let stmt = match delivery {
            Delivery::Set => {
                let one = self.e_singleton(m);
                let rest = self.e_bin(BinOp::Diff, link, one);
                self.s_assign(var, path, rest, span)
            }
            Delivery::Bag => {
                let count = self.e_index(link, m.clone());
                let less = self.e_bin(BinOp::Sub, count, Self::e_int(1, span));
                let mut path = path;
                path.push(ir::PlaceStep::Index(m));
                self.s_assign(var, path, less, span)
            }
            Delivery::Ordered => {
                let tail = Self::e_builtin(Builtin::Tail, vec![link], link_ty, span);
                self.s_assign(var, path, tail, span)
            }
        };
        vec![stmt]
    }

    /// `send m to d on c` / `broadcast m to ds on c`, as statements.
    pub(in crate::check) fn send(
        &mut self,
        broadcast: bool,
        msg: &ast::Expr,
        to: Option<&ast::Expr>,
        channel: Option<&ast::Ident>,
        span: Span,
    ) -> Vec<ir::Stmt> {
        let (cid, msg) = match self.send_channel(msg, channel, span) {
            Some(found) => found,
            None => {
                if let Some(t) = to {
                    self.infer(t, Some(ERR));
                }
                return Vec::new();
            }
        };
        let c = &self.dist.channels[cid.index()];
        let (link, name) = (c.link, c.decl.name.name.clone());
        let src = match link {
            Some((a, _)) => {
                let here = self.in_process.map(|ctx| ctx.process);
                if here != Some(a) {
                    let kind = DistErrorKind::WrongSender {
                        channel: name.clone(),
                        sender: self.dist.processes[a.index()].decl.name.name.clone(),
                        here: self.here(),
                    };
                    self.dist_error(span, kind);
                    return Vec::new();
                }
                self.self_expr(span)
            }
            None => None,
        };
        let m = self.scope.fresh("message", msg.ty, LocalKind::Let);
        let mut out = vec![ir::Stmt {
            kind: StmtKind::Let(m, msg),
            span,
        }];
        let m = self.e_local(m, span);
        let receiver = link.map(|(_, b)| (b, self.index_of(b)));
        match (receiver, to) {
            (None, Some(t)) => {
                self.infer(t, Some(ERR));
                self.dist_error(t.span, DistErrorKind::NotAddressed { channel: name });
            }
            (None, None) => out.extend(self.put(cid, &[None, None], m, span)),
            (Some((b, None)), Some(t)) => {
                self.infer(t, Some(ERR));
                let receiver = self.dist.processes[b.index()].decl.name.name.clone();
                let kind = DistErrorKind::NoDestination {
                    channel: name,
                    receiver,
                };
                self.dist_error(t.span, kind);
            }
            (Some((_, None)), None) => out.extend(self.put(cid, &[None, src], m, span)),
            (Some((_, Some(ids))), to) if broadcast => {
                let set = self.types.set_of(ids);
                let targets = match to {
                    Some(t) => self.check_expr(t, set),
                    None => mk(ExprKind::AllOf(ids), set, span),
                };
                let d = self.scope.fresh("receiver", ids, LocalKind::Bound);
                let dst = Some(self.e_local(d, span));
                let body = self.put(cid, &[dst, src], m, span);
                out.push(ir::Stmt {
                    kind: StmtKind::For(
                        Binding {
                            pattern: ir::Pattern {
                                kind: PatternKind::Bind(d),
                                alias: None,
                                span,
                            },
                            domain: targets,
                        },
                        body,
                    ),
                    span,
                });
            }
            (Some((_, Some(ids))), Some(t)) => {
                let dst = self.check_expr(t, ids);
                let d = self.scope.fresh("receiver", ids, LocalKind::Let);
                out.push(ir::Stmt {
                    kind: StmtKind::Let(d, dst),
                    span,
                });
                let dst = Some(self.e_local(d, span));
                out.extend(self.put(cid, &[dst, src], m, span));
            }
            (Some((b, Some(_))), None) => {
                let receiver = self.dist.processes[b.index()].decl.name.name.clone();
                let kind = DistErrorKind::NeedsDestination {
                    channel: name,
                    receiver,
                };
                self.dist_error(span, kind);
            }
        }
        out
    }

    /// The channel a send goes on, and its message checked against it.
    fn send_channel(
        &mut self,
        msg: &ast::Expr,
        channel: Option<&ast::Ident>,
        span: Span,
    ) -> Option<(ChannelId, ir::Expr)> {
        let cid = match channel {
            Some(name) => {
                let found = self
                    .dist
                    .channels
                    .iter()
                    .position(|c| c.decl.name.name == name.name);
                match found {
                    Some(i) => ChannelId(i as u32),
                    None => {
                        let names = self.dist.channels.iter().map(|c| c.decl.name.name.as_str());
                        let suggestion = suggest(&name.name, names);
                        let kind = DistErrorKind::UnknownChannel {
                            name: name.name.clone(),
                            suggestion,
                        };
                        self.dist_error(name.span, kind);
                        self.infer(msg, Some(ERR));
                        return None;
                    }
                }
            }
            None => {
                let here = self.in_process.map(|ctx| ctx.process);
                let candidates: Vec<ChannelId> = (0..self.dist.channels.len())
                    .map(|i| ChannelId(i as u32))
                    .filter(|c| match self.dist.channels[c.index()].link {
                        Some((a, _)) => here == Some(a),
                        None => true,
                    })
                    .collect();
                match candidates[..] {
                    [] => {
                        self.dist_error(span, DistErrorKind::NoChannel);
                        self.infer(msg, Some(ERR));
                        return None;
                    }
                    [only] => only,
                    _ => {
                        let x = self.infer(msg, None);
                        if x.ty == ERR {
                            return None;
                        }
                        let fitting: Vec<ChannelId> = candidates
                            .iter()
                            .copied()
                            .filter(|c| {
                                let carries = self.dist.channels[c.index()].msg;
                                carries != ERR && self.types.compat(x.ty, carries)
                            })
                            .collect();
                        if let [only] = fitting[..] {
                            return Some((only, x));
                        }
                        let names = if fitting.is_empty() {
                            candidates
                        } else {
                            fitting
                        };
                        let candidates = names
                            .iter()
                            .map(|c| self.dist.channels[c.index()].decl.name.name.clone())
                            .collect();
                        self.dist_error(span, DistErrorKind::WhichChannel { candidates });
                        return None;
                    }
                }
            }
        };
        let c = &self.dist.channels[cid.index()];
        let (carries, name) = (c.msg, c.decl.name.name.clone());
        let x = self.infer(msg, Some(carries));
        if !self.types.compat(x.ty, carries) {
            let kind = DistErrorKind::MessageType {
                channel: name,
                carries: self.types.name(carries),
                found: self.types.name(x.ty),
            };
            self.dist_error(x.span, kind);
            return Some((cid, poisoned(x.span)));
        }
        Some((cid, x))
    }

    /// Put message `m` on a link: blocked (no step) when the link is full.
    fn put(
        &mut self,
        cid: ChannelId,
        keys: &[Option<ir::Expr>; 2],
        m: ir::Expr,
        span: Span,
    ) -> Vec<ir::Stmt> {
        let c = &self.dist.channels[cid.index()];
        let (var, delivery, capacity, link_ty) = (c.var, c.delivery, c.capacity, c.link_ty);
        let link = self.link(cid, keys, span);
        let path = Self::steps(keys);
        let mut out = Vec::new();
        match delivery {
            Delivery::Set => {
                let one = self.e_singleton(m);
                let more = self.e_bin(BinOp::Union, link, one);
                if let Some(n) = capacity {
                    let size = mk(
                        ExprKind::Card(Box::new(more.clone())),
                        crate::check::types::INT,
                        span,
                    );
                    out.push(Self::s_require(self.e_bin(
                        BinOp::Le,
                        size,
                        Self::e_int(n, span),
                    )));
                }
                out.push(self.s_assign(var, path, more, span));
            }
            Delivery::Bag => {
                let count = self.e_index(link, m.clone());
                let n = capacity.unwrap_or(1);
                out.push(Self::s_require(self.e_bin(
                    BinOp::Lt,
                    count.clone(),
                    Self::e_int(n, span),
                )));
                let more = self.e_bin(BinOp::Add, count, Self::e_int(1, span));
                let mut path = path;
                path.push(ir::PlaceStep::Index(m));
                out.push(self.s_assign(var, path, more, span));
            }
            Delivery::Ordered => {
                let len = Self::e_builtin(
                    Builtin::Len,
                    vec![link.clone()],
                    crate::check::types::INT,
                    span,
                );
                let n = capacity.unwrap_or(1);
                out.push(Self::s_require(self.e_bin(
                    BinOp::Lt,
                    len,
                    Self::e_int(n, span),
                )));
                let more = Self::e_builtin(Builtin::Append, vec![link, m], link_ty, span);
                out.push(self.s_assign(var, path, more, span));
            }
        }
        out
    }

    /// The network's drop action for a lossy channel: any message in
    /// flight (the head of a queue) may be lost, within the budget.
    pub(in crate::check) fn drop_action(&mut self, cid: ChannelId) -> Option<ir::ActionDef> {
        let c = &self.dist.channels[cid.index()];
        c.lossy?;
        let (span, link, msg, lost) = (c.decl.span, c.link, c.msg, c.lost);
        let budget = c.lossy.flatten();
        self.scope = Default::default();
        self.mode = crate::check::Mode::Body(None);
        let mut params = Vec::new();
        let mut keys = [None, None];
        if let Some((a, b)) = link {
            for (slot, (pid, name)) in [(0, (b, "receiver")), (1, (a, "sender"))] {
                let Some(ids) = self.index_of(pid) else {
                    continue;
                };
                let l = self.scope.bind(name, ids, LocalKind::Bound);
                let set = self.types.set_of(ids);
                params.push(Binding {
                    pattern: ir::Pattern {
                        kind: PatternKind::Bind(l),
                        alias: None,
                        span,
                    },
                    domain: mk(ExprKind::AllOf(ids), set, span),
                });
                keys[slot] = Some(self.e_local(l, span));
            }
        }
        let deliverable = self.deliverable(cid, &keys, span);
        let m = self.scope.fresh("message", msg, LocalKind::Bound);
        let message = params.len();
        params.push(Binding {
            pattern: ir::Pattern {
                kind: PatternKind::Bind(m),
                alias: None,
                span,
            },
            domain: deliverable,
        });
        let mut body = Vec::new();
        if let (Some(v), Some(k)) = (lost, budget) {
            let count = self.e_var(v, span);
            body.push(Self::s_require(self.e_bin(
                BinOp::Lt,
                count.clone(),
                Self::e_int(k, span),
            )));
            let more = self.e_bin(BinOp::Add, count, Self::e_int(1, span));
            body.push(self.s_assign(v, Vec::new(), more, span));
        }
        let m = self.e_local(m, span);
        body.extend(self.remove(cid, &keys, m, span));
        let sender = link
            .and_then(|(a, _)| self.index_of(a))
            .map(|_| params.len() - 2);
        Some(ir::ActionDef {
            name: "drop".into(),
            frame: std::mem::take(&mut self.scope).frame,
            params,
            body,
            fairness: ir::Fairness::None,
            origin: Origin::Drop(cid),
            receives: vec![Receive {
                channel: cid,
                sender,
                message,
            }],
            span,
        })
    }

    /// `in_flight(c)`: every message in flight on a channel, on any link.
    pub(in crate::check) fn in_flight(&mut self, cid: ChannelId, span: Span) -> ir::Expr {
        let c = &self.dist.channels[cid.index()];
        let (msg, link, delivery) = (c.msg, c.link, c.delivery);
        let set = self.types.set_of(msg);
        let x = self.scope.fresh("m", msg, LocalKind::Bound);
        let mut quant = Vec::new();
        let mut keys = [None, None];
        if let Some((a, b)) = link {
            for (slot, pid) in [(0, b), (1, a)] {
                let Some(ids) = self.index_of(pid) else {
                    continue;
                };
                let l = self.scope.fresh("id", ids, LocalKind::Bound);
                let ids_set = self.types.set_of(ids);
                quant.push(Binding {
                    pattern: ir::Pattern {
                        kind: PatternKind::Bind(l),
                        alias: None,
                        span,
                    },
                    domain: mk(ExprKind::AllOf(ids), ids_set, span),
                });
                keys[slot] = Some(self.e_local(l, span));
            }
        }
        let on_link = self.link(cid, &keys, span);
        let mx = self.e_local(x, span);
        let present = match delivery {
            Delivery::Bag => {
                let count = self.e_index(on_link, mx);
                self.e_bin(BinOp::Gt, count, Self::e_int(0, span))
            }
            Delivery::Set | Delivery::Ordered => self.e_bin(BinOp::In, mx, on_link),
        };
        let cond = if quant.is_empty() {
            present
        } else {
            mk(
                ExprKind::Quant(ast::Quant::Exists, quant, Box::new(present)),
                BOOL,
                span,
            )
        };
        let binding = Binding {
            pattern: ir::Pattern {
                kind: PatternKind::Bind(x),
                alias: None,
                span,
            },
            domain: mk(ExprKind::AllOf(msg), set, span),
        };
        mk(
            ExprKind::SetFilter(Box::new(binding), Box::new(cond)),
            set,
            span,
        )
    }
}
