//! How a step of a process, the network, a fault or time reads in a trace.
//!
//! The checked spec says what each desugared action and variable stands
//! for ([`Origin`], [`VarRole`]); this module turns that back into the
//! words of the spec: `n2: Vote(Prepare from tm)`, `net drops Vote (n1 → n2)`,
//! `n2 crashes`, `time passes`, `n1.state: working → prepared`,
//! `votes n1 → tm: + Vote { yes: true }`.

use crate::check::domain;
use crate::check::ir::{
    ActionDef, ChannelDef, Delivery, Origin, PatternKind, ProcessId, Spec, Type, TypeId, VarDef,
    VarRole,
};
use crate::compile::{Model, show};
use crate::value::Value;

/// The title of a step by an action instance.
pub fn title(model: &Model, def: &ActionDef, args: &[Value]) -> String {
    let spec = &model.spec;
    match def.origin {
        Origin::Spec(None) => plain_title(model, def, args, 0),
        Origin::Spec(Some(p)) => {
            let (who, skip) = instance(spec, p, args);
            let call = plain_title(model, def, args, skip);
            format!("{who}: {call}")
        }
        Origin::Resume(p) => {
            let (who, _) = instance(spec, p, args);
            format!("{who}: {} resumes after a pause", def.name)
        }
        Origin::Crash(p) => format!("{} crashes", instance(spec, p, args).0),
        Origin::Restart(p) => format!("{} restarts", instance(spec, p, args).0),
        Origin::ClockTick(p) => format!("{}'s clock ticks", instance(spec, p, args).0),
        Origin::Tick => "time passes".into(),
        Origin::Drop(c) => {
            let chan = &spec.channels[c.index()];
            let r = def.receives.first();
            let msg = r.and_then(|r| args.get(r.message));
            let msg = msg.map_or_else(String::new, |m| show::value(spec, chan.msg, m));
            let link = link_words(spec, chan, args);
            format!("{} loses {msg}{link}", chan.name)
        }
        Origin::Partition => partition_title(spec, args),
        Origin::Heal => "the partition heals".into(),
    }
}

/// `n2` (the instance an action of `p` runs in, its first argument) and
/// how many arguments that used; the kind's name for a single instance.
fn instance(spec: &Spec, p: ProcessId, args: &[Value]) -> (String, usize) {
    let proc = &spec.processes[p.index()];
    match (proc.index, args.first()) {
        (Some(ids), Some(id)) => (show::value(spec, ids, id), 1),
        _ => (proc.name.clone(), 0),
    }
}

/// `Name(args)` from argument `skip` on, receives written as
/// `Msg from sender`; just `Name` without arguments.
fn plain_title(model: &Model, def: &ActionDef, args: &[Value], skip: usize) -> String {
    let spec = &model.spec;
    let mut parts = Vec::new();
    let mut i = skip;
    while i < def.params.len().min(args.len()) {
        if let Some(r) = def
            .receives
            .iter()
            .find(|r| r.sender == Some(i) || r.message == i)
        {
            let chan = &spec.channels[r.channel.index()];
            let msg = show::value(spec, chan.msg, &args[r.message]);
            let from = r.sender.and_then(|s| {
                let (a, _) = chan.link?;
                let ids = spec.processes[a.index()].index?;
                Some(format!(" from {}", show::value(spec, ids, args.get(s)?)))
            });
            parts.push(format!("{msg}{}", from.unwrap_or_default()));
            i = r.message + 1;
            continue;
        }
        let param = &def.params[i];
        let elem = match spec.ty(param.domain.ty) {
            Type::Set(t) | Type::Seq(t, _) => *t,
            _ => param.domain.ty,
        };
        let shown = show::value(spec, elem, &args[i]);
        parts.push(match param.pattern.kind {
            PatternKind::Bind(local) if param.pattern.alias.is_none() => {
                format!("{} = {shown}", def.frame.locals[local.index()].name)
            }
            _ => shown,
        });
        i += 1;
    }
    if parts.is_empty() {
        def.name.clone()
    } else {
        format!("{}({})", def.name, parts.join(", "))
    }
}

/// ` (n1 → n2)` for the link a drop's arguments name.
fn link_words(spec: &Spec, chan: &ChannelDef, args: &[Value]) -> String {
    let Some((a, b)) = chan.link else {
        return String::new();
    };
    let mut i = 0;
    let mut end = |p: ProcessId| {
        let proc = &spec.processes[p.index()];
        match proc.index {
            Some(ids) => {
                let v = args
                    .get(i)
                    .map_or_else(String::new, |v| show::value(spec, ids, v));
                i += 1;
                v
            }
            None => proc.name.clone(),
        }
    };
    // The drop's parameters are receiver first, then sender.
    let to = end(b);
    let from = end(a);
    format!(" ({from} → {to})")
}

/// `the network splits: {n1} | {n2, n3}`, from the partition's arguments
/// (per kind, the ids on the marked side).
fn partition_title(spec: &Spec, args: &[Value]) -> String {
    let mut marked = Vec::new();
    let mut rest = Vec::new();
    let ends = spec.vars.iter().filter_map(|v| match v.role {
        VarRole::Side(p) => Some(p),
        _ => None,
    });
    for (p, arg) in ends.zip(args) {
        let proc = &spec.processes[p.index()];
        match (proc.index, arg) {
            (Some(ids), Value::Set(items)) => {
                for id in &domain::values(&spec.types, ids) {
                    let name = show::value(spec, ids, id);
                    if items.contains(id) {
                        marked.push(name);
                    } else {
                        rest.push(name);
                    }
                }
            }
            (_, Value::Bool(true)) => marked.push(proc.name.clone()),
            _ => rest.push(proc.name.clone()),
        }
    }
    format!(
        "the network splits: {{{}}} | {{{}}}",
        rest.join(", "),
        marked.join(", ")
    )
}

/// Whether a variable is shown in the initial state (the constructs'
/// bookkeeping is not: it starts empty, stopped or unspent).
pub fn shown_initially(var: &VarDef) -> bool {
    matches!(
        var.role,
        VarRole::Plain | VarRole::Process(_) | VarRole::Channel(_) | VarRole::ClockOffset(_)
    )
}

/// The initial-state line of a variable of a construct, or `None` to use
/// the plain one.
pub fn initial_line(spec: &Spec, var: &VarDef, value: &Value, state: &[Value]) -> Option<String> {
    match var.role {
        VarRole::Channel(c) => {
            let chan = &spec.channels[c.index()];
            let mut lines = Vec::new();
            links(spec, chan, value, &mut |from, to, held| {
                let items = contents(spec, chan, held);
                if !items.is_empty() {
                    let link = link_name(from, to);
                    lines.push(format!("{}{link}: {}", chan.name, items.join(", ")));
                }
            });
            Some(if lines.is_empty() {
                format!("{}: no message in flight", chan.name)
            } else {
                lines.join("\n")
            })
        }
        VarRole::ClockOffset(p) => {
            let clocks: Vec<String> = clocks(spec, p, value, state)?
                .iter()
                .map(|(who, t)| format!("{who} {t}"))
                .collect();
            Some(format!("clocks: {}", clocks.join(", ")))
        }
        VarRole::Process(p) => Some(format!(
            "{}.{}: {}",
            spec.processes[p.index()].name,
            var.name,
            show::value(spec, var.ty, value)
        )),
        _ => None,
    }
}

/// The lines that say how a variable of a construct changed, or `None` to
/// use the plain ones. `before` and `after` are whole states.
pub fn change_lines(
    spec: &Spec,
    var: &VarDef,
    old: &Value,
    new: &Value,
    before: &[Value],
    after: &[Value],
) -> Option<Vec<String>> {
    match var.role {
        VarRole::Plain => None,
        VarRole::Process(p) => Some(per_instance(spec, p, var.ty, old, new, |who, ty, a, b| {
            let mut out = Vec::new();
            super::steps::changes(spec, ty, &format!("{who}.{}", var.name), a, b, &mut out);
            out
        })),
        VarRole::Channel(c) => Some(channel_changes(spec, &spec.channels[c.index()], old, new)),
        // Said by the step's title.
        VarRole::Crashed(_) | VarRole::Side(_) | VarRole::Partitioned | VarRole::Budget => {
            Some(Vec::new())
        }
        VarRole::ClockOffset(p) => {
            let (Some(was), Some(now)) =
                (clocks(spec, p, old, before), clocks(spec, p, new, after))
            else {
                return Some(Vec::new());
            };
            Some(
                was.iter()
                    .zip(&now)
                    .filter(|((_, a), (_, b))| a != b)
                    .map(|((who, a), (_, b))| format!("{who}.clock: {a} → {b}"))
                    .collect(),
            )
        }
        VarRole::Timer(p) => Some(per_instance(spec, p, var.ty, old, new, |who, _, a, b| {
            vec![format!(
                "{who}.{}: {} → {}",
                var.name,
                deadline(a),
                deadline(b)
            )]
        })),
        VarRole::Paused(p) => Some(per_instance(spec, p, var.ty, old, new, |who, _, _, b| {
            let action = var.name.trim_end_matches(" paused");
            match b {
                Value::None => Vec::new(),
                _ => vec![format!("{who} is paused in {action}")],
            }
        })),
    }
}

/// For a receive from a `duplicating` channel that left the message in
/// flight: `net n1 → n2: Ping delivered, a copy stays in flight`.
pub fn kept_copies(spec: &Spec, def: &ActionDef, args: &[Value], after: &[Value]) -> Vec<String> {
    if !matches!(def.origin, Origin::Spec(_)) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for r in &def.receives {
        let chan = &spec.channels[r.channel.index()];
        let (Some(msg), Some(held)) = (args.get(r.message), after.get(chan.var.index())) else {
            continue;
        };
        if !chan.duplicating {
            continue;
        }
        let shown = show::value(spec, chan.msg, msg);
        let sender = r.sender.and_then(|s| {
            let (a, _) = chan.link?;
            let ids = spec.processes[a.index()].index?;
            Some(show::value(spec, ids, args.get(s)?))
        });
        let receiver = match (def.origin, chan.link) {
            (Origin::Spec(Some(p)), Some(_)) => {
                let proc = &spec.processes[p.index()];
                match (proc.index, args.first()) {
                    (Some(ids), Some(id)) => Some(show::value(spec, ids, id)),
                    _ => Some(proc.name.clone()),
                }
            }
            _ => None,
        };
        let mut kept = false;
        links(spec, chan, held, &mut |from, to, link| {
            let on_link = chan.link.is_none()
                || (to.map(str::to_string) == receiver
                    && (sender.is_none() || from.map(str::to_string) == sender));
            if on_link && contents(spec, chan, link).contains(&shown) {
                kept = true;
            }
        });
        if kept {
            let link = link_name(
                sender.as_deref().or(single_sender(spec, chan)),
                receiver.as_deref(),
            );
            out.push(format!(
                "{}{link}: {shown} delivered, a copy stays in flight",
                chan.name
            ));
        }
    }
    out
}

/// The name of a channel's sending kind when it has one instance.
fn single_sender<'a>(spec: &'a Spec, chan: &ChannelDef) -> Option<&'a str> {
    let (a, _) = chan.link?;
    let proc = &spec.processes[a.index()];
    proc.index.is_none().then_some(proc.name.as_str())
}

/// A timer's deadline in words.
fn deadline(v: &Value) -> String {
    match v {
        Value::Int(-1) => "stopped".into(),
        Value::Int(t) => format!("due at {t}"),
        _ => "?".into(),
    }
}

/// The names of a kind's instances (its name for a single one).
fn instance_names(spec: &Spec, p: ProcessId) -> Vec<String> {
    let proc = &spec.processes[p.index()];
    match proc.index {
        Some(ids) => domain::values(&spec.types, ids)
            .iter()
            .map(|v| show::value(spec, ids, v))
            .collect(),
        None => vec![proc.name.clone()],
    }
}

/// The lines for each instance whose part of a per-instance variable changed.
fn per_instance(
    spec: &Spec,
    p: ProcessId,
    ty: TypeId,
    old: &Value,
    new: &Value,
    line: impl Fn(&str, TypeId, &Value, &Value) -> Vec<String>,
) -> Vec<String> {
    let names = instance_names(spec, p);
    match (spec.processes[p.index()].index, spec.ty(ty), old, new) {
        (Some(_), Type::Map(_, value), Value::Map(a), Value::Map(b)) => names
            .iter()
            .zip(a.iter().zip(b.iter()))
            .filter(|(_, (x, y))| x != y)
            .flat_map(|(who, (x, y))| line(who, *value, x, y))
            .collect(),
        _ => line(&names[0], ty, old, new),
    }
}

/// Each instance's clock reading, from its offset and `now`.
fn clocks(
    spec: &Spec,
    p: ProcessId,
    offsets: &Value,
    state: &[Value],
) -> Option<Vec<(String, i64)>> {
    let now = state.get(spec.time.as_ref()?.now.index())?.as_int()?;
    let names = instance_names(spec, p);
    let offsets: Vec<i64> = match offsets {
        Value::Map(items) => items.iter().filter_map(Value::as_int).collect(),
        Value::Int(o) => vec![*o],
        _ => return None,
    };
    Some(
        names
            .iter()
            .zip(offsets)
            .map(|(who, o)| (who.clone(), now + o))
            .collect(),
    )
}

/// What [`links`] calls per link: sender, receiver, what it holds.
type LinkVisitor<'a> = dyn FnMut(Option<&str>, Option<&str>, &Value) + 'a;

/// Call `f` with each link of a channel's value: its sender's and
/// receiver's names (`None` for an unaddressed channel) and what it holds.
fn links(spec: &Spec, chan: &ChannelDef, value: &Value, f: &mut LinkVisitor) {
    let Some((a, b)) = chan.link else {
        f(None, None, value);
        return;
    };
    let senders = instance_names(spec, a);
    let receivers = instance_names(spec, b);
    let keyed = |p: ProcessId| spec.processes[p.index()].index.is_some();
    let per_receiver: Vec<&Value> = match (keyed(b), value) {
        (true, Value::Map(items)) => items.iter().collect(),
        _ => vec![value],
    };
    for (to, held) in receivers.iter().zip(per_receiver) {
        let per_sender: Vec<&Value> = match (keyed(a), held) {
            (true, Value::Map(items)) => items.iter().collect(),
            _ => vec![held],
        };
        for (from, link) in senders.iter().zip(per_sender) {
            f(Some(from), Some(to), link);
        }
    }
}

/// The messages a link holds, in order (a bag repeats counted ones).
fn contents(spec: &Spec, chan: &ChannelDef, link: &Value) -> Vec<String> {
    let show_msg = |m: &Value| show::value(spec, chan.msg, m);
    match (chan.order, link) {
        (Delivery::Set | Delivery::Ordered, Value::Set(items) | Value::Seq(items)) => {
            items.iter().map(show_msg).collect()
        }
        (Delivery::Bag, Value::Map(counts)) => {
            let msgs = domain::values(&spec.types, chan.msg);
            msgs.iter()
                .zip(counts.iter())
                .flat_map(|(m, n)| {
                    let n = n.as_int().unwrap_or(0).max(0) as usize;
                    std::iter::repeat_n(show_msg(m), n)
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// How one link of a channel changed in a step: its ends' names (`None`
/// for an unaddressed channel), and the messages put in and taken out.
pub struct LinkDelta {
    pub from: Option<String>,
    pub to: Option<String>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

/// The links of a channel that changed between two values of it.
pub fn link_deltas(spec: &Spec, chan: &ChannelDef, old: &Value, new: &Value) -> Vec<LinkDelta> {
    let mut before = Vec::new();
    links(spec, chan, old, &mut |_, _, held| {
        before.push(contents(spec, chan, held));
    });
    let mut out = Vec::new();
    let mut i = 0;
    links(spec, chan, new, &mut |from, to, held| {
        let now = contents(spec, chan, held);
        let was = before.get(i).cloned().unwrap_or_default();
        i += 1;
        if now == was {
            return;
        }
        let mut removed = was;
        let mut added = Vec::new();
        for m in now {
            match removed.iter().position(|r| *r == m) {
                Some(k) => {
                    removed.remove(k);
                }
                None => added.push(m),
            }
        }
        out.push(LinkDelta {
            from: from.map(str::to_string),
            to: to.map(str::to_string),
            added,
            removed,
        });
    });
    out
}

/// `net n1 → n2: + Vote` for messages put in flight, `- Vote` for ones
/// taken out, per link that changed.
fn channel_changes(spec: &Spec, chan: &ChannelDef, old: &Value, new: &Value) -> Vec<String> {
    link_deltas(spec, chan, old, new)
        .into_iter()
        .map(|d| {
            let mut line = format!(
                "{}{}:",
                chan.name,
                link_name(d.from.as_deref(), d.to.as_deref())
            );
            if !d.added.is_empty() {
                line.push_str(&format!(" + {}", d.added.join(", ")));
            }
            if !d.removed.is_empty() {
                line.push_str(&format!(" - {}", d.removed.join(", ")));
            }
            line
        })
        .collect()
}

/// ` n1 → n2`, or nothing for an unaddressed channel.
fn link_name(from: Option<&str>, to: Option<&str>) -> String {
    match (from, to) {
        (Some(a), Some(b)) => format!(" {a} → {b}"),
        _ => String::new(),
    }
}
