//! Errors in the use of processes, channels, faults, partitions and time,
//! as data; their wording is in [`DistErrorKind::details`]. Each variant's
//! doc comment shows a line of spec that triggers it; `tests/bad/` has a
//! bad spec for each.

use crate::diagnostic::Details;

/// The kinds of error in the distributed-systems constructs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DistErrorKind {
    /// `require self == n1` in an action outside a process, or in a process
    /// without `[n in Nodes]`.
    SelfOutside {
        /// Whether the use is inside a single-instance process.
        single: bool,
    },
    /// `process Node[n in 0..N]` where `N` makes 100,000 instances.
    BadIndex {
        /// The type written.
        ty: String,
    },
    /// `var x: bool` inside a process (no initial value).
    ProcessVarInit {
        /// The variable.
        name: String,
    },
    /// `channel net: Msg from Nodes to Node` where `Nodes` is not a process.
    UnknownProcess {
        /// The name written.
        name: String,
        /// A process close to it.
        suggestion: Option<String>,
    },
    /// `channel net: Msg (ordered, bag)`, `(lossy, lossy)`.
    ConflictingOption {
        /// The option written.
        option: String,
        /// The earlier option it conflicts with.
        with: String,
    },
    /// `channel q: Msg (ordered)` with no `capacity`.
    NeedsCapacity {
        /// "an ordered channel" or "a bag channel".
        what: &'static str,
    },
    /// `capacity 0`, `at most -1`, `drift -1`, `time 5..2`.
    BadBound {
        /// What the bound is for.
        what: &'static str,
        /// The value written.
        value: i64,
        /// The least value allowed.
        least: i64,
    },
    /// `send Ack on votes` where `votes` does not exist.
    UnknownChannel {
        /// The name written.
        name: String,
        /// A channel close to it.
        suggestion: Option<String>,
    },
    /// `send m` when two channels could carry it.
    WhichChannel {
        /// The channels that could.
        candidates: Vec<String>,
    },
    /// `send m` where no channel can be sent on from here.
    NoChannel,
    /// `send Vote {..} on to_rm` from `Participant` where `to_rm` is
    /// `from Coordinator to Participant`.
    WrongSender {
        /// The channel.
        channel: String,
        /// The kind that sends on it.
        sender: String,
        /// Where the send is (a process kind, or "outside any process").
        here: String,
    },
    /// `Commit in to_rm` in a `Coordinator` action where `to_rm` is
    /// `from Coordinator to Participant`.
    WrongReceiver {
        /// The channel.
        channel: String,
        /// The kind it delivers to.
        receiver: String,
        /// Where the receive is.
        here: String,
    },
    /// `send Prepare on to_rm` where `to_rm` goes to `Participant[r in RM]`.
    NeedsDestination {
        /// The channel.
        channel: String,
        /// The receiving kind.
        receiver: String,
    },
    /// `send Vote to r1 on votes` where `votes` goes to the single
    /// `Coordinator`.
    NoDestination {
        /// The channel.
        channel: String,
        /// The receiving kind.
        receiver: String,
    },
    /// `send true on net` where `net: Msg`.
    MessageType {
        /// The channel.
        channel: String,
        /// The type it carries.
        carries: String,
        /// The type found.
        found: String,
    },
    /// `send m to p on pool` where `pool` has no `from A to B`.
    NotAddressed {
        /// The channel.
        channel: String,
    },
    /// `m from p in pool` where `pool` is unaddressed, or its sender is a
    /// single instance.
    NoSender {
        /// The channel.
        channel: String,
    },
    /// `m from p in msgs` where `msgs` is a set, not a channel.
    FromWithoutChannel,
    /// `net = {}`: channels change only by sending and receiving.
    AssignChannel {
        /// The channel.
        channel: String,
    },
    /// `n2.state = done` inside a process action.
    AssignOther {
        /// The variable.
        var: String,
    },
    /// `durable var x: bool = false` in a process without `restart`, or a
    /// `durable` where nothing can restart.
    DurableWithoutRestart {
        /// The variable.
        var: String,
    },
    /// `restart` without `crash`.
    RestartWithoutCrash,
    /// `start t after 3` / `expired(t)` / `clock` in a spec without `time`.
    NeedsTime {
        /// What needs it.
        what: String,
    },
    /// `expired(t)` where `t` is not a timer of this process (or of any,
    /// outside processes).
    UnknownTimer {
        /// The name written.
        name: String,
        /// A timer close to it.
        suggestion: Option<String>,
        /// Whether the use is inside a process.
        in_process: bool,
    },
    /// `expired(t)` in an action outside the process that has timer `t`.
    TimerOutside {
        /// The timer.
        timer: String,
        /// Its process.
        process: String,
    },
    /// `require t == 0` where `t` is a timer.
    TimerAsValue {
        /// The timer.
        name: String,
    },
    /// `pause` outside a process, or in one without `pause` in its options.
    PauseOutside {
        /// Whether the use is inside a process (without the option).
        in_process: bool,
    },
    /// `pause` inside an `if`, `choose`, `either` or `for`.
    PauseNested,
    /// Two `pause` statements in one action.
    PauseTwice,
    /// `let x = a + b` (an integer without a range) kept across a `pause`.
    PauseKeepsUnbounded {
        /// The local.
        name: String,
    },
    /// `partition` where no channel connects processes.
    PartitionWithoutLinks,
    /// `time` or `partition` declared twice.
    DeclaredTwice {
        /// "time" or "partition".
        what: &'static str,
    },
    /// `expired(t)`, `in_flight(net)`: the built-in needs one name.
    BuiltinArgument {
        /// The built-in.
        name: &'static str,
        /// What it takes, e.g. "a timer".
        takes: &'static str,
        /// How many arguments were given.
        given: usize,
    },
    /// `now = 3`: time passes by itself.
    AssignTime,
    /// `q.crashed = true`, `q.clock = 0`: kept by the fault model and time.
    AssignKept {
        /// The field.
        field: String,
    },
    /// `n.crashed` where `Node` cannot crash.
    CannotCrash {
        /// The process kind.
        process: String,
    },
}

impl DistErrorKind {
    /// The wording of this error.
    pub fn details(&self) -> Details {
        use DistErrorKind as K;
        match self {
            K::SelfOutside { single: false } => d(
                "`self` outside a process".into(),
                "only actions and variables of a process have a `self`",
                Some("put the action inside `process Name[id in Ids] { ... }`".into()),
            ),
            K::SelfOutside { single: true } => d(
                "`self` in a process with one instance".into(),
                "this process has no `[id in Ids]`, so no id",
                Some("declare it `process Name[id in Ids]` to have several instances".into()),
            ),
            K::BadIndex { ty } => d(
                format!("`{ty}` cannot number the instances of a process"),
                "not a finite type of at most 65,536 values",
                Some("use a set of model values, an enum or a small range".into()),
            ),
            K::ProcessVarInit { name } => d(
                format!("process variable `{name}` has no initial value"),
                "every instance needs a starting value",
                Some(format!(
                    "give one: `var {name}: T = ...` (it may use `self`)"
                )),
            ),
            K::UnknownProcess { name, suggestion } => d(
                format!("unknown process `{name}`"),
                "no process has this name",
                did_you_mean(suggestion)
                    .or_else(|| Some("declare it with `process {name}[id in Ids] { ... }`".into())),
            ),
            K::ConflictingOption { option, with } => d(
                format!("`{option}` contradicts `{with}`"),
                format!("conflicts with `{with}`"),
                Some("keep one of them".into()),
            ),
            K::NeedsCapacity { what } => d(
                format!("{what} needs a capacity"),
                "no `capacity N`",
                Some("add `capacity N`: at most N messages in flight on each link".into()),
            ),
            K::BadBound { what, value, least } => d(
                format!("{what} of {value}"),
                format!("must be at least {least}"),
                Some(format!("use a constant of {least} or more")),
            ),
            K::UnknownChannel { name, suggestion } => d(
                format!("unknown channel `{name}`"),
                "no channel has this name",
                did_you_mean(suggestion)
                    .or_else(|| Some(format!("declare it: `channel {name}: Msg from A to B`"))),
            ),
            K::WhichChannel { candidates } => d(
                "which channel?".into(),
                "more than one channel could carry this",
                Some(format!("say which: `on {}`", candidates.join("` or `on "))),
            ),
            K::NoChannel => d(
                "no channel to send on".into(),
                "no channel is sent on from here",
                Some("declare one: `channel net: Msg from A to B`, sent on from `A`".into()),
            ),
            K::WrongSender {
                channel,
                sender,
                here,
            } => d(
                format!("only `{sender}` sends on `{channel}`"),
                format!("this is {here}"),
                Some(format!(
                    "send from an action of `{sender}`, or declare a channel from here"
                )),
            ),
            K::WrongReceiver {
                channel,
                receiver,
                here,
            } => d(
                format!("`{channel}` delivers to `{receiver}`"),
                format!("this is {here}"),
                Some(format!("receive it in an action of `{receiver}`")),
            ),
            K::NeedsDestination { channel, receiver } => d(
                format!("`{channel}` needs a destination"),
                format!("which `{receiver}` should receive it?"),
                Some(format!(
                    "add `to id`, or `broadcast` it to every `{receiver}`"
                )),
            ),
            K::NoDestination { channel, receiver } => d(
                format!("`{channel}` has one destination"),
                format!("there is only one `{receiver}`"),
                Some("drop the `to ...`".into()),
            ),
            K::MessageType {
                channel,
                carries,
                found,
            } => d(
                format!("`{channel}` carries `{carries}`, not `{found}`"),
                format!("this is `{found}`"),
                Some(format!(
                    "send a `{carries}`, or use a channel that carries `{found}`"
                )),
            ),
            K::NotAddressed { channel } => d(
                format!("`{channel}` is not addressed"),
                "no `to` on a channel without `from A to B`",
                Some(format!(
                    "drop `to ...`: any receiver may take it; or declare `channel {channel}: ... from A to B`"
                )),
            ),
            K::NoSender { channel } => d(
                format!("`{channel}` has no sender to bind"),
                "unaddressed, or sent from a single instance",
                Some(format!(
                    "drop `from ...`, or declare `channel {channel}: ... from A to B` with `A[id in Ids]`"
                )),
            ),
            K::FromWithoutChannel => d(
                "`from` outside a receive".into(),
                "only a message received from a channel has a sender",
                Some("receive from a channel: `m from p in net`, or drop `from ...`".into()),
            ),
            K::AssignChannel { channel } => d(
                format!("`{channel}` is a channel"),
                "a channel changes only by sending and receiving",
                Some("use `send`, `broadcast`, or receive with `m in channel`".into()),
            ),
            K::AssignOther { var } => d(
                format!("a process assigns another's `{var}`"),
                "an instance can only assign its own variables",
                Some("send it a message instead".into()),
            ),
            K::DurableWithoutRestart { var } => d(
                format!("`durable` on `{var}`, which never restarts"),
                "this process cannot restart",
                Some("add `restart` to the process's options, or drop `durable`".into()),
            ),
            K::RestartWithoutCrash => d(
                "`restart` without `crash`".into(),
                "nothing can restart a process that never crashes",
                Some("add `crash` to the options".into()),
            ),
            K::NeedsTime { what } => d(
                format!("{what} needs time"),
                "the spec declares no `time`",
                Some("declare `time 0..N`".into()),
            ),
            K::UnknownTimer {
                name,
                suggestion,
                in_process: true,
            } => d(
                format!("unknown timer `{name}`"),
                "not a timer of this process",
                did_you_mean(suggestion)
                    .or_else(|| Some(format!("declare it in the process: `timer {name}`"))),
            ),
            K::UnknownTimer {
                name,
                in_process: false,
                ..
            } => d(
                format!("unknown timer `{name}`"),
                "no process has a timer with this name",
                Some(format!(
                    "timers belong to processes: declare `timer {name}` in one and use it there"
                )),
            ),
            K::TimerOutside { timer, process } => d(
                format!("timer `{timer}` used outside `{process}`"),
                format!("`{timer}` belongs to `{process}`"),
                Some(format!(
                    "a timer runs on its process's clock: use it in an action of `{process}`"
                )),
            ),
            K::TimerAsValue { name } => d(
                format!("timer `{name}` used as a value"),
                "a timer is not a value",
                Some(format!(
                    "test it with `expired({name})` or `active({name})`"
                )),
            ),
            K::PauseOutside { in_process: false } => d(
                "`pause` outside a process".into(),
                "only a process can be paused",
                Some("put the action in a process with `(pause)` in its options".into()),
            ),
            K::PauseOutside { in_process: true } => d(
                "`pause` in a process that cannot pause".into(),
                "the process has no `pause` option",
                Some("add `pause` to the process's options: `process P[p in Ps] (pause)`".into()),
            ),
            K::PauseNested => d(
                "`pause` inside a block".into(),
                "a pause must stand at the top of an action's body",
                Some("move it out of the `if`, `choose`, `either` or `for`".into()),
            ),
            K::PauseTwice => d(
                "a second `pause` in one action".into(),
                "one pause point per action",
                Some("split the action in two".into()),
            ),
            K::PauseKeepsUnbounded { name } => d(
                format!("`{name}` is kept across a pause but has no finite type"),
                "an integer without a range",
                Some(format!(
                    "compute `{name}` after the pause, or store it in a variable with a range"
                )),
            ),
            K::PartitionWithoutLinks => d(
                "`partition` without addressed channels".into(),
                "nothing to cut",
                Some("declare channels `from A to B` between processes".into()),
            ),
            K::DeclaredTwice { what } => d(
                format!("`{what}` is declared twice"),
                "a spec has at most one",
                Some("keep one".into()),
            ),
            K::BuiltinArgument {
                name,
                takes,
                given: 1,
            } => d(
                format!("`{name}` takes {takes}"),
                format!("not {takes}"),
                Some(format!("write the name alone: `{name}(name)`")),
            ),
            K::BuiltinArgument { name, takes, given } => d(
                format!("`{name}` takes one argument, {takes}"),
                format!("{given} arguments"),
                Some(format!("write `{name}(name)`")),
            ),
            K::AssignKept { field } => d(
                format!("`{field}` is assigned"),
                "it changes only as crashes, restarts and time say",
                Some("keep a variable of your own in the process".into()),
            ),
            K::AssignTime => d(
                "`now` is assigned".into(),
                "time passes by itself, one tick at a time",
                Some("use a variable of your own, or a timer: `start t after k`".into()),
            ),
            K::CannotCrash { process } => d(
                format!("`{process}` never crashes"),
                "no `crash` in its options",
                Some(format!("add `crash` to `process {process}`'s options")),
            ),
        }
    }
}

fn d(message: String, label: impl Into<String>, help: Option<String>) -> Details {
    Details {
        message,
        label: label.into(),
        help,
    }
}

fn did_you_mean(suggestion: &Option<String>) -> Option<String> {
    suggestion.as_ref().map(|s| format!("did you mean `{s}`?"))
}
