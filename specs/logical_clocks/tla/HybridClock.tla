---- MODULE HybridClock ----
\* A hand-written twin of specs/logical_clocks/hybrid_clock.rvl, written
\* from docs/distributed.md's desugaring of `time 0..MaxTime (drift d)`:
\* `now`, an offset per process in -d..d (its clock is now + offset), a
\* tick that lowers every offset (allowed while all are above -d) and a
\* clock tick that raises one (while it is below d). The channel is one
\* set of messages per link, receiver first.
EXTENDS Integers
CONSTANTS Proc, MaxEvents, MaxTime, Drift, ReceiveTakesMax
VARIABLES now, offset, l, c, events, l_of, c_of, pt_of, preds_of, past, net
vars == <<now, offset, l, c, events, l_of, c_of, pt_of, preds_of, past, net>>
Eps == 2 * Drift
Index == 1..MaxEvents
Ev == [proc: Proc, index: Index]
Max(a, b) == IF a > b THEN a ELSE b
Clock(p) == now + offset[p]

Init == /\ now = 0 /\ offset = [p \in Proc |-> 0]
        /\ l = [p \in Proc |-> 0] /\ c = [p \in Proc |-> 0]
        /\ events = [p \in Proc |-> 0]
        /\ l_of = [p \in Proc |-> [i \in Index |-> 0]]
        /\ c_of = [p \in Proc |-> [i \in Index |-> 0]]
        /\ pt_of = [p \in Proc |-> [i \in Index |-> 0]]
        /\ preds_of = [p \in Proc |-> [i \in Index |-> {}]]
        /\ past = [p \in Proc |-> {}]
        /\ net = [r \in Proc |-> [s \in Proc |-> {}]]

\* An event of p stamped (nl, nc), with predecessors ps.
Event(p, nl, nc, ps) ==
    LET k == events[p] + 1 IN
    /\ l' = [l EXCEPT ![p] = nl]
    /\ c' = [c EXCEPT ![p] = nc]
    /\ events' = [events EXCEPT ![p] = k]
    /\ l_of' = [l_of EXCEPT ![p][k] = nl]
    /\ c_of' = [c_of EXCEPT ![p][k] = nc]
    /\ pt_of' = [pt_of EXCEPT ![p][k] = Clock(p)]
    /\ preds_of' = [preds_of EXCEPT ![p][k] = ps]
    /\ past' = [past EXCEPT ![p] = ps \cup {[proc |-> p, index |-> k]}]
    /\ UNCHANGED <<now, offset>>

LocalStamp(p) == LET nl == Max(l[p], Clock(p)) IN
                 <<nl, IF nl = l[p] THEN c[p] + 1 ELSE 0>>

Local(p) == /\ events[p] < MaxEvents
            /\ Event(p, LocalStamp(p)[1], LocalStamp(p)[2], past[p])
            /\ UNCHANGED net
Send(p, q) == /\ q # p /\ events[p] < MaxEvents
              /\ Event(p, LocalStamp(p)[1], LocalStamp(p)[2], past[p])
              /\ net' = [net EXCEPT ![q][p] = @ \cup
                           {[l |-> LocalStamp(p)[1], c |-> LocalStamp(p)[2], index |-> events[p] + 1]}]
ReceiveStamp(p, m) ==
    LET nl == Max(Max(l[p], m.l), Clock(p)) IN
    <<nl, IF nl = l[p] /\ nl = m.l THEN Max(c[p], m.c) + 1
          ELSE IF nl = l[p] THEN c[p] + 1
          ELSE IF nl = m.l THEN m.c + 1
          ELSE 0>>
Receive(p, q, m) ==
    /\ events[p] < MaxEvents
    /\ LET st == IF ReceiveTakesMax THEN ReceiveStamp(p, m) ELSE LocalStamp(p) IN
       Event(p, st[1], st[2], past[p] \cup {[proc |-> q, index |-> m.index]} \cup preds_of[q][m.index])
    /\ net' = [net EXCEPT ![p][q] = @ \ {m}]

Tick == /\ now < MaxTime
        /\ \A p \in Proc: offset[p] > -Drift
        /\ now' = now + 1
        /\ offset' = [p \in Proc |-> offset[p] - 1]
        /\ UNCHANGED <<l, c, events, l_of, c_of, pt_of, preds_of, past, net>>
ClockTick(p) == /\ offset[p] < Drift
                /\ offset' = [offset EXCEPT ![p] = @ + 1]
                /\ UNCHANGED <<now, l, c, events, l_of, c_of, pt_of, preds_of, past, net>>

Next == \/ Tick
        \/ \E p \in Proc: \/ ClockTick(p) \/ Local(p)
                          \/ \E q \in Proc: Send(p, q)
                          \/ \E q \in Proc: \E m \in net[p][q]: Receive(p, q, m)
Spec == Init /\ [][Next]_vars

Happened == {e \in Ev: e.index <= events[e.proc]}
HB(a, b) == a \in preds_of[b.proc][b.index]
Before(a, b) == \/ l_of[a.proc][a.index] < l_of[b.proc][b.index]
                \/ /\ l_of[a.proc][a.index] = l_of[b.proc][b.index]
                   /\ c_of[a.proc][a.index] < c_of[b.proc][b.index]
ClockCondition == \A a, b \in Happened: HB(a, b) => Before(a, b)
WithinDrift == \A e \in Happened: /\ pt_of[e.proc][e.index] <= l_of[e.proc][e.index]
                                  /\ l_of[e.proc][e.index] <= pt_of[e.proc][e.index] + Eps
====
