---- MODULE Lamport ----
\* A hand-written twin of specs/logical_clocks/lamport.rvl: the same
\* variables as its desugaring (per-process maps, and the channel as one
\* set of messages per link, receiver first), the same actions.
EXTENDS Naturals
CONSTANTS Proc, MaxEvents, ReceiveTakesMax
VARIABLES c, events, clock_of, preds_of, past, net
vars == <<c, events, clock_of, preds_of, past, net>>
Index == 1..MaxEvents
Ev == [proc: Proc, index: Index]
Max(a, b) == IF a > b THEN a ELSE b

Init == /\ c = [p \in Proc |-> 0]
        /\ events = [p \in Proc |-> 0]
        /\ clock_of = [p \in Proc |-> [i \in Index |-> 0]]
        /\ preds_of = [p \in Proc |-> [i \in Index |-> {}]]
        /\ past = [p \in Proc |-> {}]
        /\ net = [r \in Proc |-> [s \in Proc |-> {}]]

\* The common part of every event of p, stamped k, with predecessors ps.
Event(p, k, ps) ==
    /\ c' = [c EXCEPT ![p] = k]
    /\ events' = [events EXCEPT ![p] = @ + 1]
    /\ clock_of' = [clock_of EXCEPT ![p][events[p] + 1] = k]
    /\ preds_of' = [preds_of EXCEPT ![p][events[p] + 1] = ps]
    /\ past' = [past EXCEPT ![p] = ps \cup {[proc |-> p, index |-> events[p] + 1]}]

Local(p) == /\ events[p] < MaxEvents
            /\ Event(p, c[p] + 1, past[p])
            /\ UNCHANGED net
Send(p, q) == /\ q # p /\ events[p] < MaxEvents
              /\ Event(p, c[p] + 1, past[p])
              /\ net' = [net EXCEPT ![q][p] = @ \cup {[ts |-> c[p] + 1, index |-> events[p] + 1]}]
Receive(p, q, m) ==
    /\ events[p] < MaxEvents
    /\ Event(p, IF ReceiveTakesMax THEN Max(c[p], m.ts) + 1 ELSE c[p] + 1,
             past[p] \cup {[proc |-> q, index |-> m.index]} \cup preds_of[q][m.index])
    /\ net' = [net EXCEPT ![p][q] = @ \ {m}]

Next == \E p \in Proc: \/ Local(p)
                       \/ \E q \in Proc: Send(p, q)
                       \/ \E q \in Proc: \E m \in net[p][q]: Receive(p, q, m)
Spec == Init /\ [][Next]_vars

Happened == {e \in Ev: e.index <= events[e.proc]}
ClockCondition == \A a, b \in Happened:
    a \in preds_of[b.proc][b.index] => clock_of[a.proc][a.index] < clock_of[b.proc][b.index]
====
