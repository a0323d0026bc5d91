---------------------------- MODULE ChandyLamport ----------------------------
(* A hand-written TLA+ twin of ../chandy_lamport.rvl, to confirm its state   *)
(* counts with TLC. net[t][f] is the FIFO channel from f to t; -1 in         *)
(* `recorded` stands for "not recorded yet" (Ravel's `none`).                *)
EXTENDS Integers, Sequences

CONSTANTS Node, Initiator, Start, AnyInitiates, NodeCount,
          WaitForMarkers  \* FALSE: ../no_marker_wait.rvl

Total == Start * NodeCount
Cap == Total + 1

VARIABLES balance, recorded, recording, recordedIn, net
vars == <<balance, recorded, recording, recordedIn, net>>

Init ==
    /\ balance = [n \in Node |-> Start]
    /\ recorded = [n \in Node |-> -1]
    /\ recording = [n \in Node |-> {}]
    /\ recordedIn = [n \in Node |-> [m \in Node |-> 0]]
    /\ net = [t \in Node |-> [f \in Node |-> <<>>]]

\* Markers from n to every other node, on the channels of `ch`.
Bcast(ch, n) == [t \in Node |-> IF t # n THEN [ch[t] EXCEPT ![n] = Append(@, "M")]
                                         ELSE ch[t]]
Room(ch, n) == \A t \in Node \ {n}: Len(ch[t][n]) < Cap

Send(n, t) ==
    /\ t # n /\ balance[n] > 0 /\ Len(net[t][n]) < Cap
    /\ balance' = [balance EXCEPT ![n] = @ - 1]
    /\ net' = [net EXCEPT ![t][n] = Append(@, "T")]
    /\ UNCHANGED <<recorded, recording, recordedIn>>

Initiate(n) ==
    /\ (n = Initiator \/ AnyInitiates) /\ recorded[n] = -1 /\ Room(net, n)
    /\ recorded' = [recorded EXCEPT ![n] = balance[n]]
    /\ recording' = [recording EXCEPT ![n] = IF WaitForMarkers THEN Node \ {n} ELSE {}]
    /\ net' = Bcast(net, n)
    /\ UNCHANGED <<balance, recordedIn>>

OnTransfer(n, m) ==
    /\ net[n][m] # <<>> /\ Head(net[n][m]) = "T"
    /\ net' = [net EXCEPT ![n][m] = Tail(@)]
    /\ balance' = [balance EXCEPT ![n] = @ + 1]
    /\ recordedIn' = IF m \in recording[n] THEN [recordedIn EXCEPT ![n][m] = @ + 1]
                                           ELSE recordedIn
    /\ UNCHANGED <<recorded, recording>>

OnMarker(n, m) ==
    /\ net[n][m] # <<>> /\ Head(net[n][m]) = "M"
    /\ LET rest == [net EXCEPT ![n][m] = Tail(@)] IN
       IF recorded[n] = -1
       THEN /\ Room(rest, n)
            /\ recorded' = [recorded EXCEPT ![n] = balance[n]]
            /\ recording' = [recording EXCEPT ![n] = IF WaitForMarkers THEN Node \ {n, m} ELSE {}]
            /\ net' = Bcast(rest, n)
       ELSE /\ recording' = [recording EXCEPT ![n] = @ \ {m}]
            /\ net' = rest
            /\ UNCHANGED recorded
    /\ UNCHANGED <<balance, recordedIn>>

Next == \E n, m \in Node: Send(n, m) \/ Initiate(n) \/ OnTransfer(n, m) \/ OnMarker(n, m)

Spec == Init /\ [][Next]_vars

Done == \A n \in Node: recorded[n] # -1 /\ recording[n] = {}
RECURSIVE SumOver(_, _)
SumOver(f, S) == IF S = {} THEN 0
                 ELSE LET x == CHOOSE y \in S: TRUE IN f[x] + SumOver(f, S \ {x})
RecordedMoney == SumOver(recorded, Node)
                 + SumOver([n \in Node |-> SumOver(recordedIn[n], Node)], Node)
Conserved == Done => RecordedMoney = Total
=============================================================================
