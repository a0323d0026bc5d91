//! Channel operations in footprints: a `send` puts a message on a link, a
//! receive (or the network's drop) takes one off. Two operations on one
//! link by different units often commute where a read and a write of the
//! same place would not, and which pairs do depends on how the channel
//! keeps its messages.
//!
//! The statements a send and a receive desugar into are recognised by
//! their shape (the channel variable cannot be named in a spec, so no
//! other statement has it). Anything else that reads the variable, such
//! as `in_flight(c)`, stays a plain read; a `duplicating` channel's
//! operations stay plain reads and writes.

use crate::check::ir::{BinOp, Builtin, Delivery, Expr, ExprKind, PatternKind};
use crate::value::Value;

/// What a channel's operations need to know of it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Link {
    pub(super) delivery: Delivery,
    /// Whether a set's size is bounded (a bag's and a queue's always are).
    pub(super) bounded: bool,
    /// How many keys (receiver, sender) name one link in the variable.
    pub(super) depth: usize,
}

/// A put or take of a message whose tag (its variant, or its atom) is
/// `tag` when known before the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Op {
    pub(super) put: bool,
    pub(super) tag: Option<u32>,
    /// Whether the link is known before the run (every key is).
    pub(super) exact: bool,
    /// Whether every step of the unit does it (it is not inside an `if`,
    /// `either`, `choose` or `for`).
    pub(super) always: bool,
}

/// What two operations on one link by different units, `a` and `b`,
/// require of a stubborn set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Interplay {
    /// With `a` enabled in the set, `b` must join it: an enabled step of
    /// `a` and a step of `b` may not commute, or one may disable the
    /// other, or `b` may enable a step of `a` that is not enabled yet.
    pub(super) a_needs_b: bool,
    /// The same with the roles swapped.
    pub(super) b_needs_a: bool,
    /// `b` may enable `a`.
    pub(super) b_enables_a: bool,
    /// `a` may enable `b`.
    pub(super) a_enables_b: bool,
    /// `a` may enable `b` only by putting on an empty queue that every
    /// step of `b` takes from.
    pub(super) a_fills_b: bool,
    /// The same with the roles swapped.
    pub(super) b_fills_a: bool,
}

impl Interplay {
    const ALL: Interplay = Interplay {
        a_needs_b: true,
        b_needs_a: true,
        b_enables_a: true,
        a_enables_b: true,
        a_fills_b: false,
        b_fills_a: false,
    };

    /// Dependent both ways, and neither enables the other.
    const EXCLUSIVE: Interplay = Interplay {
        a_needs_b: true,
        b_needs_a: true,
        b_enables_a: false,
        a_enables_b: false,
        a_fills_b: false,
        b_fills_a: false,
    };

    fn swapped(self) -> Interplay {
        Interplay {
            a_needs_b: self.b_needs_a,
            b_needs_a: self.a_needs_b,
            b_enables_a: self.a_enables_b,
            a_enables_b: self.b_enables_a,
            a_fills_b: self.b_fills_a,
            b_fills_a: self.a_fills_b,
        }
    }

    /// Either's requirements.
    pub(super) fn or(self, other: Interplay) -> Interplay {
        Interplay {
            a_needs_b: self.a_needs_b | other.a_needs_b,
            b_needs_a: self.b_needs_a | other.b_needs_a,
            b_enables_a: self.b_enables_a | other.b_enables_a,
            a_enables_b: self.a_enables_b | other.a_enables_b,
            a_fills_b: self.a_fills_b | other.a_fills_b,
            b_fills_a: self.b_fills_a | other.b_fills_a,
        }
    }

    /// Operations `a` and `b` on one link.
    pub(super) fn of(link: Link, a: Op, b: Op) -> Interplay {
        let distinct = matches!((a.tag, b.tag), (Some(x), Some(y)) if x != y);
        match (link.delivery, a.put, b.put) {
            // A queue: puts append, takes remove the head. A put does not
            // change the head of a non-empty queue, so an enabled take
            // from one known link needs no put (its every step takes from
            // that link). A put needs the takes, which make room, unless
            // every step of its unit puts on that one link: then the unit
            // is enabled only while there is room for all of its steps.
            // A put enables such a take only on an empty queue.
            (Delivery::Ordered, true, true) => Interplay::EXCLUSIVE,
            (Delivery::Ordered, false, false) => Interplay::ALL,
            (Delivery::Ordered, true, false) => Interplay {
                a_needs_b: !(a.exact && a.always),
                b_needs_a: !b.exact,
                b_enables_a: true,
                a_enables_b: !(b.exact && b.always),
                a_fills_b: b.exact && b.always,
                b_fills_a: false,
            },
            (Delivery::Ordered, false, true) => Self::of(link, b, a).swapped(),
            // A count per message, bounded per message: messages known to
            // differ never meet.
            (Delivery::Bag, _, _) if distinct => Interplay::default(),
            (Delivery::Bag, true, true) | (Delivery::Bag, false, false) => Interplay::EXCLUSIVE,
            (Delivery::Bag, _, _) => Interplay::ALL,
            // A set: unions commute, but a bound on its size lets one put
            // block another and a take make room for one.
            (Delivery::Set, true, true) => match link.bounded {
                true => Interplay::EXCLUSIVE,
                false => Interplay::default(),
            },
            (Delivery::Set, false, false) if distinct => Interplay::default(),
            (Delivery::Set, false, false) => Interplay::EXCLUSIVE,
            (Delivery::Set, true, false) if distinct => Interplay {
                a_needs_b: link.bounded,
                b_needs_a: false,
                b_enables_a: link.bounded,
                ..Interplay::default()
            },
            (Delivery::Set, true, false) => Interplay {
                b_enables_a: link.bounded,
                ..Interplay::ALL
            },
            (Delivery::Set, false, true) => Self::of(link, b, a).swapped(),
        }
    }
}

/// Whether `a` and `b` both take from this one queue, at every step.
pub(super) fn same_queue(link: Link, a: Op, b: Op) -> bool {
    let every = |o: Op| !o.put && o.exact && o.always;
    link.delivery == Delivery::Ordered && every(a) && every(b)
}

/// Whether an assignment's value puts a message on the link it is
/// assigned to, or takes one off (`None`: neither shape).
pub(super) fn assigned_op(delivery: Delivery, value: &Expr) -> Option<bool> {
    match (delivery, &value.kind) {
        (Delivery::Set, ExprKind::Bin(BinOp::Union, _, one))
        | (Delivery::Set, ExprKind::Bin(BinOp::Diff, _, one)) => {
            matches!(one.kind, ExprKind::SetLit(_))
                .then_some(matches!(value.kind, ExprKind::Bin(BinOp::Union, ..)))
        }
        (Delivery::Bag, ExprKind::Bin(op @ (BinOp::Add | BinOp::Sub), _, one))
            if matches!(one.kind, ExprKind::Lit(Value::Int(1))) =>
        {
            Some(*op == BinOp::Add)
        }
        (Delivery::Ordered, ExprKind::Builtin(Builtin::Append, _)) => Some(true),
        (Delivery::Ordered, ExprKind::Builtin(Builtin::Tail, _)) => Some(false),
        _ => None,
    }
}

/// The tag of a message value, when the expression gives it.
pub(super) fn expr_tag(e: &Expr) -> Option<u32> {
    match &e.kind {
        ExprKind::Variant(tag, _) | ExprKind::Lit(Value::Variant(tag, _)) => Some(*tag),
        ExprKind::Lit(Value::Atom(a)) => Some(*a),
        _ => None,
    }
}

/// The tag every message a pattern matches has, if one.
pub(super) fn pattern_tag(kind: &PatternKind) -> Option<u32> {
    match kind {
        PatternKind::Variant { tag, .. } | PatternKind::Literal(Value::Variant(tag, _)) => {
            Some(*tag)
        }
        PatternKind::Literal(Value::Atom(a)) => Some(*a),
        _ => None,
    }
}
