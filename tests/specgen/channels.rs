//! Random specs with processes and a channel, for partial-order
//! reduction: sends (to a named node, back to the sender, to everyone
//! else; some inside an `if`), receives by variant pattern with guards,
//! local steps, and properties that read some nodes' variables (or what
//! is in flight). The channel is a queue, a bag or a set, bounded or not,
//! sometimes lossy. Every node sends at most twice, so state spaces stay
//! small.

use super::Gen;

/// A random spec with a channel that declares `reduce interleavings`.
pub fn channel_spec(g: &mut Gen) -> String {
    let nodes = ["n1", "n2", "n3"];
    let n = 2 + g.below(2);
    let ids = &nodes[..n];
    let mut out = String::from("spec Wire\nreduce interleavings\n");
    out += &format!("const Node = {{{}}}\n", ids.join(", "));
    out += "type Msg = A { v: 0..1 } | B | C { v: 0..1 }\n";
    let lossy = if g.below(4) == 0 {
        ", lossy at most 1"
    } else {
        ""
    };
    let options = match g.below(4) {
        0 => format!("ordered, capacity {}", 1 + g.below(2)),
        1 => format!("bag, capacity {}", 1 + g.below(2)),
        2 => "set, capacity 2".to_string(),
        _ => "set".to_string(),
    };
    out += &format!("channel net: Msg from Node to Node ({options}{lossy})\n");
    out += "process Node[n in Node] {\n";
    out += "    var x: 0..2 = 0\n    var y: bool = false\n    var sent: 0..2 = 0\n";
    let actions = 2 + g.below(3);
    for i in 0..actions {
        out += &action(g, i, ids);
    }
    out += "}\n";
    out += &property(g, ids, "invariant Inv");
    if g.below(2) == 0 {
        out += &property(g, ids, "reachable Reach");
    }
    out
}

fn message(g: &mut Gen) -> &'static str {
    ["A { v: 0 }", "A { v: 1 }", "B", "C { v: 0 }", "C { v: 1 }"][g.below(5)]
}

fn update(g: &mut Gen) -> &'static str {
    ["x = (x + 1) % 3", "y = not y", "x = 0", "y = x == 2"][g.below(4)]
}

fn guard(g: &mut Gen) -> &'static str {
    ["x < 2", "not y", "y", "x != 1", "true"][g.below(5)]
}

/// A send: to a node, to the sender (`back`), or to every other node.
fn send(g: &mut Gen, ids: &[&str], back: bool) -> String {
    let m = message(g);
    match g.below(if back { 4 } else { 3 }) {
        0 => format!("broadcast {m} to Node - {{self}}"),
        3 => format!("send {m} to p"),
        _ => format!("send {m} to {}", ids[g.below(ids.len())]),
    }
}

fn action(g: &mut Gen, i: usize, ids: &[&str]) -> String {
    let mut body = Vec::new();
    let head = match g.below(3) {
        // A receive, by pattern.
        0 | 1 => {
            let pattern = ["A { v: k }", "B", "C { v: k }", "m"][g.below(4)];
            if pattern.contains('k') && g.below(2) == 0 {
                body.push(format!("require k == {}", g.below(2)));
            }
            format!("action R{i}({pattern} from p in net)")
        }
        _ => {
            body.push(format!("require {}", guard(g)));
            format!("action L{i}")
        }
    };
    let receives = head.contains("from p");
    if g.below(3) > 0 {
        body.push(update(g).to_string());
    }
    if g.below(2) == 0 {
        let s = send(g, ids, receives);
        if g.below(3) == 0 {
            let g = guard(g);
            body.push(format!(
                "if {g} and sent < 2 {{\n            sent = sent + 1\n            {s}\n        }}"
            ));
        } else {
            body.push("require sent < 2".to_string());
            body.push("sent = sent + 1".to_string());
            body.push(s);
        }
    }
    if body.is_empty() {
        body.push("y = not y".to_string());
    }
    let mut text = format!("    {head} {{\n");
    for line in body {
        text += &format!("        {line}\n");
    }
    text + "    }\n"
}

fn property(g: &mut Gen, ids: &[&str], head: &str) -> String {
    let a = ids[g.below(ids.len())];
    let b = ids[g.below(ids.len())];
    let body = match g.below(5) {
        0 => format!("not ({a}.x == 2 and {b}.y)"),
        1 => format!("{a}.x <= 1"),
        2 => "forall q in Node: q.x < 2 or not q.y".to_string(),
        3 => "|in_flight(net)| <= 2".to_string(),
        _ => format!("not {a}.y or {b}.x != 1"),
    };
    format!("{head}: {body}\n")
}
