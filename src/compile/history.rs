//! The history checks behind `linearizable(h, init, step)` and
//! `sequentially_consistent(h, init, step)`.
//!
//! A spec records what its clients saw as a sequence of events: a client
//! calls an operation, or its pending call returns a result. [`operations`]
//! pairs each return with its client's pending call; [`search`] looks for a
//! legal sequential order of the operations: one in which every completed
//! operation takes effect once and returns what it returned, starting from
//! the object's initial state, and which respects
//! - real time, for linearizability (Herlihy and Wing, 1990): an operation
//!   that returned before another was called comes before it;
//! - each client's own order only, for sequential consistency (Lamport,
//!   1979).
//!
//! A pending call (one that has not returned) may take effect, with any
//! result, or not at all (Herlihy and Wing's completions of a history).
//!
//! The search is Wing and Gong's (1993): extend the order one operation at
//! a time, trying each that may come next, and backtrack when an operation
//! would return something else. It keeps the configurations it has
//! explored (which operations are done, the object's state) and never
//! explores one twice, as Lowe does ("Testing for linearizability", 2017):
//! two orders that reach the same configuration have the same futures.

use std::collections::HashSet;

use crate::check::ir::{Consistency, Expr, HistoryShape, Type};
use crate::compile::eval::{Env, internal};
use crate::compile::{RuntimeError, RuntimeErrorKind, show};
use crate::source::Span;
use crate::value::Value;

/// One recorded event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// `client` calls `op`.
    Call {
        /// Who calls.
        client: Value,
        /// The operation.
        op: Value,
    },
    /// `client`'s pending call returns `result`.
    Return {
        /// Who returns.
        client: Value,
        /// What the call returned.
        result: Value,
    },
}

/// One operation of a history: a call and, unless it is pending, its return.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    /// Which client (an index among the history's clients, in order of
    /// their first call).
    pub client: usize,
    /// The operation called.
    pub op: Value,
    /// The index of the call event.
    pub call: usize,
    /// The index of the return event and the result, if it returned.
    pub ret: Option<(usize, Value)>,
}

/// Why a history is not well formed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Malformed {
    /// A return of a client with no call pending.
    ReturnWithoutCall {
        /// The event's index.
        event: usize,
        /// The client.
        client: Value,
    },
    /// A call of a client whose previous call is still pending.
    CallWhilePending {
        /// The event's index.
        event: usize,
        /// The client.
        client: Value,
    },
}

/// The operations of a history, in the order of their calls.
pub fn operations(events: &[Event]) -> Result<Vec<Operation>, Malformed> {
    let mut ops: Vec<Operation> = Vec::new();
    // Per client seen so far: its value and its pending operation.
    let mut clients: Vec<(Value, Option<usize>)> = Vec::new();
    for (event, e) in events.iter().enumerate() {
        let (Event::Call { client, .. } | Event::Return { client, .. }) = e;
        let c = match clients.iter().position(|(v, _)| v == client) {
            Some(c) => c,
            None => {
                clients.push((client.clone(), None));
                clients.len() - 1
            }
        };
        let pending = &mut clients[c].1;
        match (e, *pending) {
            (Event::Call { op, .. }, None) => {
                *pending = Some(ops.len());
                ops.push(Operation {
                    client: c,
                    op: op.clone(),
                    call: event,
                    ret: None,
                });
            }
            (Event::Call { client, .. }, Some(_)) => {
                let client = client.clone();
                return Err(Malformed::CallWhilePending { event, client });
            }
            (Event::Return { result, .. }, Some(o)) => {
                ops[o].ret = Some((event, result.clone()));
                *pending = None;
            }
            (Event::Return { client, .. }, None) => {
                let client = client.clone();
                return Err(Malformed::ReturnWithoutCall { event, client });
            }
        }
    }
    Ok(ops)
}

/// The object's sequential meaning: the next state and the result of an
/// operation in a state.
pub type Step<'a, E> = dyn FnMut(&Value, &Value) -> Result<(Value, Value), E> + 'a;

/// Whether the operations have a legal sequential order that respects
/// `order`, from the object's state `init`; `step(state, op)` gives the
/// next state and the result. At most 64 operations (a sequence in a state
/// holds at most 64 events).
pub fn search<E>(
    ops: &[Operation],
    order: Consistency,
    init: Value,
    step: &mut Step<'_, E>,
) -> Result<bool, E> {
    assert!(ops.len() <= 64, "a history holds at most 64 operations");
    let bit = |i: usize| 1u64 << i;
    // What must be done before each operation may take effect.
    let before: Vec<u64> = ops
        .iter()
        .map(|o| {
            let mut mask = 0;
            for (j, p) in ops.iter().enumerate() {
                let first = match order {
                    Consistency::Linearizable => p.ret.as_ref().is_some_and(|(r, _)| *r < o.call),
                    Consistency::Sequential => p.client == o.client && p.call < o.call,
                };
                if first {
                    mask |= bit(j);
                }
            }
            mask
        })
        .collect();
    let must = ops
        .iter()
        .enumerate()
        .filter(|(_, o)| o.ret.is_some())
        .fold(0, |m, (i, _)| m | bit(i));
    let mut search = Search {
        ops,
        before,
        must,
        seen: HashSet::new(),
        step,
    };
    search.from(0, init)
}

/// The search's fixed parts and the configurations it has explored.
struct Search<'a, E> {
    ops: &'a [Operation],
    before: Vec<u64>,
    must: u64,
    seen: HashSet<(u64, Value)>,
    step: &'a mut Step<'a, E>,
}

impl<E> Search<'_, E> {
    /// Whether the order can be completed from `done` operations in `state`.
    fn from(&mut self, done: u64, state: Value) -> Result<bool, E> {
        if done & self.must == self.must {
            return Ok(true);
        }
        if !self.seen.insert((done, state.clone())) {
            return Ok(false);
        }
        for (i, o) in self.ops.iter().enumerate() {
            if done >> i & 1 == 1 || self.before[i] & !done != 0 {
                continue;
            }
            let (next, result) = (self.step)(&state, &o.op)?;
            let legal = match &o.ret {
                Some((_, returned)) => *returned == result,
                None => true,
            };
            if legal && self.from(done | 1 << i, next)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

impl Env<'_> {
    /// Evaluate a history check: `args` are the history, the initial state
    /// and the step function's call.
    pub(super) fn history(
        &self,
        order: Consistency,
        shape: &HistoryShape,
        args: &[Expr],
        span: Span,
        locals: &mut [Value],
    ) -> Result<Value, RuntimeError> {
        let [h, init, call] = args else {
            return internal("a history, a state and a step", span);
        };
        let items = self.elements(h, locals)?;
        let events: Option<Vec<Event>> = items.iter().map(|v| event(shape, v)).collect();
        let Some(events) = events else {
            return internal("history events of the checked shape", h.span);
        };
        let ops = operations(&events).map_err(|m| self.malformed(h, shape, m))?;
        let init = self.eval(init, locals)?;
        let mut step = |state: &Value, op: &Value| {
            locals[shape.state.index()] = state.clone();
            locals[shape.op.index()] = op.clone();
            match self.eval(call, locals)? {
                Value::Record(fields) => {
                    match (
                        fields.get(shape.next_state as usize),
                        fields.get(shape.next_result as usize),
                    ) {
                        (Some(s), Some(r)) => Ok((s.clone(), r.clone())),
                        _ => internal("a step result with `state` and `result`", call.span),
                    }
                }
                _ => internal("a record", call.span),
            }
        };
        search(&ops, order, init, &mut step).map(Value::Bool)
    }

    /// The runtime error for a history that is not well formed.
    fn malformed(&self, h: &Expr, shape: &HistoryShape, m: Malformed) -> RuntimeError {
        let client_ty = match self.spec.ty(h.ty) {
            Type::Seq(event, _) => match self.spec.ty(*event) {
                Type::Union { variants, .. } => variants
                    .get(shape.call as usize)
                    .and_then(|v| v.fields.get(shape.call_client as usize))
                    .map(|f| f.ty),
                _ => None,
            },
            _ => None,
        };
        let render = |client: &Value| match client_ty {
            Some(ty) => show::value(self.spec, ty, client),
            None => format!("{client:?}"),
        };
        let kind = match m {
            Malformed::ReturnWithoutCall { event, client } => RuntimeErrorKind::ReturnWithoutCall {
                event,
                client: render(&client),
            },
            Malformed::CallWhilePending { event, client } => RuntimeErrorKind::CallWhilePending {
                event,
                client: render(&client),
            },
        };
        RuntimeError::new(kind, h.span)
    }
}

/// A recorded event, read by its tag and fields.
fn event(shape: &HistoryShape, v: &Value) -> Option<Event> {
    let Value::Variant(tag, fields) = v else {
        return None;
    };
    let field = |i: u32| fields.get(i as usize).cloned();
    if *tag == shape.call {
        Some(Event::Call {
            client: field(shape.call_client)?,
            op: field(shape.call_op)?,
        })
    } else if *tag == shape.ret {
        Some(Event::Return {
            client: field(shape.ret_client)?,
            result: field(shape.ret_result)?,
        })
    } else {
        None
    }
}
