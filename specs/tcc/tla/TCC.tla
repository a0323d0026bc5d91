---- MODULE TCC ----
\* A hand-written twin of specs/tcc/tcc.rvl, in the encoding the Ravel
\* constructs stand for (docs/distributed.md): `now`, the coordinator's timer
\* as a deadline (-1 when stopped, MaxTime + 1 for "never"), each channel as
\* the set of messages in flight on its one link, and the loss budget of
\* the replies channel.
EXTENDS Integers
CONSTANTS Total, Timeout, MaxTime
VARIABLES now, state, deadline, available, frozen, spent, record,
          requests, replies, lost
vars == <<now, state, deadline, available, frozen, spent, record,
          requests, replies, lost>>
H == MaxTime + 1
Start == IF now + Timeout < H THEN now + Timeout ELSE H
Expired == deadline >= 0 /\ now >= deadline
coord == <<state, deadline>>
account == <<available, frozen, spent, record>>

Init == now = 0 /\ state = "idle" /\ deadline = -1 /\ available = Total
        /\ frozen = 0 /\ spent = 0 /\ record = "blank"
        /\ requests = {} /\ replies = {} /\ lost = 0

Tick == now < MaxTime /\ now' = now + 1
        /\ UNCHANGED <<coord, account, requests, replies, lost>>

\* The coordinator.
Begin == state = "idle" /\ state' = "trying" /\ deadline' = Start
        /\ requests' = requests \cup {"Try"}
        /\ UNCHANGED <<now, account, replies, lost>>
Receive(m) == m \in replies /\ replies' = replies \ {m}
OnTried == Receive("Tried")
        /\ (IF state = "trying"
           THEN state' = "confirming" /\ deadline' = Start
                /\ requests' = requests \cup {"Confirm"}
           ELSE UNCHANGED <<coord, requests>>)
        /\ UNCHANGED <<now, account, lost>>
OnRefused == Receive("Refused")
        /\ (IF state = "trying"
           THEN state' = "cancelling" /\ deadline' = Start
                /\ requests' = requests \cup {"Cancel"}
           ELSE UNCHANGED <<coord, requests>>)
        /\ UNCHANGED <<now, account, lost>>
GiveUp == state = "trying" /\ Expired /\ state' = "cancelling"
        /\ deadline' = Start /\ requests' = requests \cup {"Cancel"}
        /\ UNCHANGED <<now, account, replies, lost>>
Retry == state \in {"confirming", "cancelling"} /\ Expired
        /\ deadline' = Start
        /\ requests' = requests \cup {IF state = "confirming" THEN "Confirm" ELSE "Cancel"}
        /\ UNCHANGED <<now, state, account, replies, lost>>
OnConfirmed == Receive("Confirmed")
        /\ (IF state = "confirming" THEN state' = "committed" /\ deadline' = -1
           ELSE UNCHANGED coord)
        /\ UNCHANGED <<now, account, requests, lost>>
OnCancelled == Receive("Cancelled")
        /\ (IF state = "cancelling" THEN state' = "aborted" /\ deadline' = -1
           ELSE UNCHANGED coord)
        /\ UNCHANGED <<now, account, requests, lost>>

\* The account.
Take(m) == m \in requests /\ requests' = requests \ {m}
OnTry == Take("Try")
        /\ (IF record = "blank" /\ available >= 1
           THEN available' = available - 1 /\ frozen' = frozen + 1
                /\ record' = "tried" /\ replies' = replies \cup {"Tried"}
                /\ UNCHANGED spent
           ELSE UNCHANGED account
                /\ replies' = replies \cup {IF record = "tried" THEN "Tried" ELSE "Refused"})
        /\ UNCHANGED <<now, coord, lost>>
OnConfirm == Take("Confirm")
        /\ (IF record = "tried"
           THEN frozen' = frozen - 1 /\ spent' = spent + 1 /\ record' = "confirmed"
                /\ UNCHANGED available
           ELSE UNCHANGED account)
        /\ replies' = (IF record' = "confirmed" THEN replies \cup {"Confirmed"} ELSE replies)
        /\ UNCHANGED <<now, coord, lost>>
OnCancel == Take("Cancel")
        /\ (IF record = "tried"
           THEN frozen' = frozen - 1 /\ available' = available + 1
           ELSE UNCHANGED <<frozen, available>>)
        /\ record' = (IF record # "confirmed" THEN "cancelled" ELSE record)
        /\ replies' = replies \cup {"Cancelled"}
        /\ UNCHANGED <<now, coord, spent, lost>>

\* The network loses a reply (at most one).
Drop == \E m \in replies: lost < 1 /\ lost' = lost + 1 /\ replies' = replies \ {m}
        /\ UNCHANGED <<now, coord, account, requests>>

Next == Tick \/ Begin \/ OnTried \/ OnRefused \/ GiveUp \/ Retry \/ OnConfirmed
        \/ OnCancelled \/ OnTry \/ OnConfirm \/ OnCancel \/ Drop
Spec == Init /\ [][Next]_vars

BalanceIntact == frozen >= 0 /\ available + frozen + spent = Total
Committed == state = "committed" => spent = 1
NoSuspension == state = "aborted" => frozen = 0 /\ spent = 0
====
