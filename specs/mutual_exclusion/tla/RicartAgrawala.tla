---- MODULE RicartAgrawala ----
\* A hand-written twin of specs/mutual_exclusion/ricart_agrawala.rvl: the
\* same variables as its desugaring (one map per process variable, keyed
\* by node, and the channel as one set of messages per link, receiver
\* first), the same actions, with every interleaving (TLC has no
\* partial-order reduction), so its counts are those of `--no-por`.
\* The nodes are model values; Order lists them in the order the Ravel
\* spec declares them, which is the order its tie-break uses.
EXTENDS Naturals, Sequences, FiniteSets
CONSTANTS n1, n2, n3, MaxEntries, CompareTimestamps, BreakTies
Order == <<n1, n2, n3>>
Node == {Order[i] : i \in 1..Len(Order)}
N == Cardinality(Node)
VARIABLES requesting, in_cs, our_seq, highest, outstanding, deferred, entries, net
vars == <<requesting, in_cs, our_seq, highest, outstanding, deferred, entries, net>>

Request(k) == [type |-> "Request", seq |-> k]
Reply == [type |-> "Reply"]
Pos(a) == CHOOSE i \in 1..Len(Order): Order[i] = a
Before(a, b) == a # b /\ Pos(a) < Pos(b)
Max(a, b) == IF a > b THEN a ELSE b

Init == /\ requesting = [p \in Node |-> FALSE]
        /\ in_cs = [p \in Node |-> FALSE]
        /\ our_seq = [p \in Node |-> 0]
        /\ highest = [p \in Node |-> 0]
        /\ outstanding = [p \in Node |-> 0]
        /\ deferred = [p \in Node |-> {}]
        /\ entries = [p \in Node |-> 0]
        /\ net = [r \in Node |-> [s \in Node |-> {}]]

\* Send m from p to every node in D, one step.
Broadcast(p, D, m) ==
    net' = [r \in Node |-> IF r \in D THEN [net[r] EXCEPT ![p] = @ \cup {m}] ELSE net[r]]

RequestCS(p) ==
    /\ ~requesting[p] /\ entries[p] < MaxEntries
    /\ requesting' = [requesting EXCEPT ![p] = TRUE]
    /\ our_seq' = [our_seq EXCEPT ![p] = highest[p] + 1]
    /\ outstanding' = [outstanding EXCEPT ![p] = N - 1]
    /\ Broadcast(p, Node \ {p}, Request(highest[p] + 1))
    /\ UNCHANGED <<in_cs, highest, deferred, entries>>

\* p receives m, a request from j.
OnRequest(p, j, m) ==
    /\ m.type = "Request"
    /\ LET k == m.seq
           defer == IF CompareTimestamps
                    THEN requesting[p] /\ (k > our_seq[p] \/ (BreakTies /\ k = our_seq[p] /\ Before(p, j)))
                    ELSE in_cs[p]
           taken == [net EXCEPT ![p][j] = @ \ {m}]
       IN /\ highest' = [highest EXCEPT ![p] = Max(@, k)]
          /\ IF defer
             THEN /\ deferred' = [deferred EXCEPT ![p] = @ \cup {j}]
                  /\ net' = taken
             ELSE /\ net' = [taken EXCEPT ![j][p] = @ \cup {Reply}]
                  /\ UNCHANGED deferred
    /\ UNCHANGED <<requesting, in_cs, our_seq, outstanding, entries>>

OnReply(p, j, m) ==
    /\ m.type = "Reply"
    /\ outstanding' = [outstanding EXCEPT ![p] = @ - 1]
    /\ net' = [net EXCEPT ![p][j] = @ \ {m}]
    /\ UNCHANGED <<requesting, in_cs, our_seq, highest, deferred, entries>>

Enter(p) ==
    /\ requesting[p] /\ ~in_cs[p] /\ outstanding[p] = 0
    /\ in_cs' = [in_cs EXCEPT ![p] = TRUE]
    /\ entries' = [entries EXCEPT ![p] = @ + 1]
    /\ UNCHANGED <<requesting, our_seq, highest, outstanding, deferred, net>>

Exit(p) ==
    /\ in_cs[p]
    /\ in_cs' = [in_cs EXCEPT ![p] = FALSE]
    /\ requesting' = [requesting EXCEPT ![p] = FALSE]
    /\ Broadcast(p, deferred[p], Reply)
    /\ deferred' = [deferred EXCEPT ![p] = {}]
    /\ UNCHANGED <<our_seq, highest, outstanding, entries>>

Next == \E p \in Node:
            \/ RequestCS(p)
            \/ \E j \in Node: \E m \in net[p][j]: OnRequest(p, j, m)
            \/ \E j \in Node: \E m \in net[p][j]: OnReply(p, j, m)
            \/ Enter(p)
            \/ Exit(p)
Spec == Init /\ [][Next]_vars

SeqNum == 0..(N * MaxEntries)
TypeOK == /\ our_seq \in [Node -> SeqNum] /\ highest \in [Node -> SeqNum]
          /\ outstanding \in [Node -> 0..(N - 1)] /\ entries \in [Node -> 0..MaxEntries]
MutualExclusion == \A a, b \in Node: a # b => ~(in_cs[a] /\ in_cs[b])
Done == \A a \in Node: entries[a] = MaxEntries /\ ~requesting[a]
\* No state without a successor other than the end (Ravel's `terminal Done`).
NoDeadlock == (ENABLED Next) \/ Done
====
