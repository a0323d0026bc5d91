//! The history search on hand-worked histories of a register and a queue:
//! linearizable and not, sequentially consistent and not, overlapping and
//! sequential operations, pending calls, and histories that are not well
//! formed.

use std::sync::Arc;

use super::history::{Event, Malformed, Operation, operations, search};
use crate::check::ir::Consistency::{self, Linearizable, Sequential};
use crate::value::Value;

fn client(c: u32) -> Value {
    Value::Atom(c)
}

fn variant(tag: u32, fields: Vec<Value>) -> Value {
    Value::Variant(tag, Arc::from(fields))
}

/// A register's operations: `Write(v)` returns 0, `Read` returns the value.
fn write(v: i64) -> Value {
    variant(0, vec![Value::Int(v)])
}

fn read() -> Value {
    variant(1, vec![])
}

fn register(state: &Value, op: &Value) -> Result<(Value, Value), ()> {
    match op {
        Value::Variant(0, v) => Ok((v[0].clone(), Value::Int(0))),
        _ => Ok((state.clone(), state.clone())),
    }
}

/// A queue's operations: `Enq(v)` returns 0, `Deq` the head (or -1 when
/// empty).
fn enq(v: i64) -> Value {
    variant(0, vec![Value::Int(v)])
}

fn deq() -> Value {
    variant(1, vec![])
}

fn queue(state: &Value, op: &Value) -> Result<(Value, Value), ()> {
    let Value::Seq(items) = state else {
        return Err(());
    };
    match op {
        Value::Variant(0, v) => {
            let mut next = items.to_vec();
            next.push(v[0].clone());
            Ok((Value::Seq(next.into()), Value::Int(0)))
        }
        _ => match items.split_first() {
            Some((head, rest)) => Ok((Value::Seq(rest.to_vec().into()), head.clone())),
            None => Ok((state.clone(), Value::Int(-1))),
        },
    }
}

fn call(c: u32, op: Value) -> Event {
    Event::Call {
        client: client(c),
        op,
    }
}

fn ret(c: u32, result: i64) -> Event {
    Event::Return {
        client: client(c),
        result: Value::Int(result),
    }
}

type Step = fn(&Value, &Value) -> Result<(Value, Value), ()>;

fn holds(events: &[Event], order: Consistency, init: Value, step: Step) -> bool {
    let ops = operations(events).expect("a well-formed history");
    search(&ops, order, init, &mut |s, o| step(s, o)).expect("the step never fails")
}

fn on_register(events: &[Event], order: Consistency) -> bool {
    holds(events, order, Value::Int(0), register)
}

fn on_queue(events: &[Event], order: Consistency) -> bool {
    holds(events, order, Value::Seq(Arc::from(Vec::new())), queue)
}

#[test]
fn operations_pair_each_return_with_its_clients_call() {
    let events = [
        call(0, write(1)),
        call(1, read()),
        ret(1, 0),
        ret(0, 0),
        call(1, read()),
    ];
    let ops = operations(&events).expect("well formed");
    assert_eq!(
        ops,
        vec![
            Operation {
                client: 0,
                op: write(1),
                call: 0,
                ret: Some((3, Value::Int(0))),
            },
            Operation {
                client: 1,
                op: read(),
                call: 1,
                ret: Some((2, Value::Int(0))),
            },
            Operation {
                client: 1,
                op: read(),
                call: 4,
                ret: None,
            },
        ]
    );
}

#[test]
fn a_return_without_a_call_or_a_second_pending_call_is_malformed() {
    assert_eq!(
        operations(&[call(0, read()), ret(0, 0), ret(0, 0)]),
        Err(Malformed::ReturnWithoutCall {
            event: 2,
            client: client(0)
        })
    );
    assert_eq!(
        operations(&[call(1, read()), call(0, read()), call(1, write(1))]),
        Err(Malformed::CallWhilePending {
            event: 2,
            client: client(1)
        })
    );
}

#[test]
fn the_empty_history_is_linearizable() {
    assert!(on_register(&[], Linearizable));
    assert!(on_register(&[], Sequential));
}

#[test]
fn sequential_operations_must_take_effect_in_their_order() {
    // c0 writes 1; then c1 reads 1: the only order, and legal.
    let fresh = [call(0, write(1)), ret(0, 0), call(1, read()), ret(1, 1)];
    assert!(on_register(&fresh, Linearizable));
    // c1 reads 0 after the write returned: stale. Real time puts the
    // write first, so no legal order exists; without real time the read
    // may go first, so it is sequentially consistent.
    let stale = [call(0, write(1)), ret(0, 0), call(1, read()), ret(1, 0)];
    assert!(!on_register(&stale, Linearizable));
    assert!(on_register(&stale, Sequential));
}

#[test]
fn overlapping_operations_may_take_effect_in_either_order() {
    // The read overlaps the write: 0 (read first) and 1 (write first) are
    // both linearizable, 2 (never written) is not.
    for (result, ok) in [(0, true), (1, true), (2, false)] {
        let h = [
            call(0, write(1)),
            call(1, read()),
            ret(1, result),
            ret(0, 0),
        ];
        assert_eq!(on_register(&h, Linearizable), ok, "read {result}");
    }
}

#[test]
fn a_pending_call_may_take_effect_or_not() {
    // The write never returns: a read may see it, or not.
    for result in [0, 1] {
        let h = [call(0, write(1)), call(1, read()), ret(1, result)];
        assert!(on_register(&h, Linearizable), "read {result}");
    }
    // But once a read has seen it, a later read cannot miss it.
    let h = [
        call(0, write(1)),
        call(1, read()),
        ret(1, 1),
        call(1, read()),
        ret(1, 0),
    ];
    assert!(!on_register(&h, Linearizable));
    // A pending read's result is unknown: it never makes a history illegal.
    let h = [call(0, write(1)), ret(0, 0), call(1, read())];
    assert!(on_register(&h, Linearizable));
}

#[test]
fn new_old_inversion_is_not_linearizable() {
    // The write of 1 overlaps both reads; c1 reads 1, then (strictly
    // later) c2 reads 0. Each read alone is fine; together they are not:
    // once the value 1 was seen, it must stay seen.
    let h = [
        call(0, write(1)),
        call(1, read()),
        ret(1, 1),
        call(2, read()),
        ret(2, 0),
        ret(0, 0),
    ];
    assert!(!on_register(&h, Linearizable));
    // Sequential consistency lets c2's read go before the write.
    assert!(on_register(&h, Sequential));
}

#[test]
fn writes_seen_in_different_orders_are_not_sequentially_consistent() {
    // c0 writes 1 and c1 writes 2, concurrently; c2 reads 1 then 2, c3
    // reads 2 then 1. No single order of the two writes explains both
    // readers (the causal-but-not-sequential execution).
    let h = [
        call(0, write(1)),
        call(1, write(2)),
        ret(0, 0),
        ret(1, 0),
        call(2, read()),
        ret(2, 1),
        call(3, read()),
        ret(3, 2),
        call(2, read()),
        ret(2, 2),
        call(3, read()),
        ret(3, 1),
    ];
    assert!(!on_register(&h, Sequential));
    assert!(!on_register(&h, Linearizable));
    // With c3 reading 2 twice, the order write 1, write 2 explains both.
    let mut agreeing = h.clone();
    agreeing[11] = ret(3, 2);
    assert!(on_register(&agreeing, Sequential));
}

#[test]
fn a_queue_after_herlihy_and_wing() {
    // Their Figure 1 (b)-style histories: A enqueues x = 1, B enqueues
    // y = 2, overlapping; B dequeues y, then A dequeues x. Legal with the
    // enqueue of y first.
    let overlapping = [
        call(0, enq(1)),
        call(1, enq(2)),
        ret(1, 0),
        ret(0, 0),
        call(1, deq()),
        ret(1, 2),
        call(0, deq()),
        ret(0, 1),
    ];
    assert!(on_queue(&overlapping, Linearizable));
    // The same dequeues after enqueues that did not overlap: x went in
    // first, so y cannot come out first. Sequentially consistent all the
    // same (B's enqueue may be ordered before A's).
    let sequential = [
        call(0, enq(1)),
        ret(0, 0),
        call(1, enq(2)),
        ret(1, 0),
        call(1, deq()),
        ret(1, 2),
    ];
    assert!(!on_queue(&sequential, Linearizable));
    assert!(on_queue(&sequential, Sequential));
    // A dequeue of an empty queue while an enqueue is pending.
    let pending = [call(0, enq(1)), call(1, deq()), ret(1, -1)];
    assert!(on_queue(&pending, Linearizable));
}

#[test]
fn the_memo_keeps_many_concurrent_operations_cheap() {
    // 16 concurrent writes of the same value, then a read: 16! orders,
    // but only 2^16 sets of operations done, each with one state.
    let mut h: Vec<Event> = (0..16).map(|c| call(c, write(1))).collect();
    h.extend((0..16).map(|c| ret(c, 0)));
    h.push(call(16, read()));
    h.push(ret(16, 2));
    let ops = operations(&h).expect("well formed");
    // Each configuration (a set of writes done) is expanded once, by at
    // most 17 steps; without the memo this would be billions.
    let mut steps = 0u64;
    let found = search(&ops, Linearizable, Value::Int(0), &mut |s, o| {
        steps += 1;
        assert!(steps <= (1 << 16) * 17, "more than {steps} steps");
        register(s, o)
    });
    assert_eq!(found, Ok(false));
}

#[test]
fn an_error_in_the_step_stops_the_search() {
    let ops = operations(&[call(0, read()), ret(0, 0)]).expect("well formed");
    let found: Result<bool, &str> =
        search(&ops, Linearizable, Value::Int(0), &mut |_, _| Err("boom"));
    assert_eq!(found, Err("boom"));
}
