---------------------------- MODULE FifoClocks ----------------------------
EXTENDS Naturals, Sequences
CONSTANTS Node, Max, Cap
VARIABLES clock, net

Min(a, b) == IF a < b THEN a ELSE b
Mx(a, b) == IF a > b THEN a ELSE b

Init == /\ clock = [n \in Node |-> 0]
        /\ net = [t \in Node |-> [f \in Node |-> <<>>]]

Tick(n) == /\ clock[n] < Max
           /\ clock' = [clock EXCEPT ![n] = @ + 1]
           /\ UNCHANGED net

Send(f, t) == /\ f # t
              /\ clock[f] < Max
              /\ Len(net[t][f]) < Cap
              /\ clock' = [clock EXCEPT ![f] = @ + 1]
              /\ net' = [net EXCEPT ![t][f] = Append(@, clock[f] + 1)]

Receive(t, f) == /\ Len(net[t][f]) > 0
                 /\ clock' = [clock EXCEPT ![t] = Min(Mx(@, Head(net[t][f])) + 1, Max)]
                 /\ net' = [net EXCEPT ![t][f] = Tail(@)]

Next == \/ \E n \in Node: Tick(n)
        \/ \E f, t \in Node: Send(f, t)
        \/ \E t, f \in Node: Receive(t, f)

Spec == Init /\ [][Next]_<<clock, net>>

InOrder == \A t, f \in Node: \A i \in 1..(Len(net[t][f]) - 1): net[t][f][i] < net[t][f][i + 1]
=============================================================================
