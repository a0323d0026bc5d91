---- MODULE VotingTwin ----
\* specs/paxos/voting.rvl in TLA+, for its counts: TLC 2.20 gives 599
\* distinct states and depth 11 (Ravel: the same with --no-symmetry).
EXTENDS Integers, FiniteSets
CONSTANTS a1, a2, a3, v1, v2
Acceptor == {a1, a2, a3}
Value == {v1, v2}
Ballot == 0..1
Quorum == {q \in SUBSET Acceptor : 2 * Cardinality(q) > 3}
VARIABLES votes, maxBal
VotedFor(a, b, v) == <<b, v>> \in votes[a]
DidNotVoteAt(a, b) == \A v \in Value : ~ VotedFor(a, b, v)
ShowsSafeAt(Q, b, v) ==
  /\ \A a \in Q : maxBal[a] >= b
  /\ \E c \in -1..(b-1) :
      /\ (c # -1) => \E a \in Q : VotedFor(a, c, v)
      /\ \A d \in (c+1)..(b-1), a \in Q : DidNotVoteAt(a, d)
Init == votes = [a \in Acceptor |-> {}] /\ maxBal = [a \in Acceptor |-> -1]
IncreaseMaxBal(a, b) == b > maxBal[a] /\ maxBal' = [maxBal EXCEPT ![a] = b] /\ UNCHANGED votes
VoteFor(a, b, v) ==
    /\ maxBal[a] \leq b
    /\ \A vt \in votes[a] : vt[1] # b
    /\ \A c \in Acceptor \ {a} : \A vt \in votes[c] : (vt[1] = b) => (vt[2] = v)
    /\ \E Q \in Quorum : ShowsSafeAt(Q, b, v)
    /\ votes' = [votes EXCEPT ![a] = @ \cup {<<b, v>>}]
    /\ maxBal' = [maxBal EXCEPT ![a] = b]
Next == \E a \in Acceptor, b \in Ballot : IncreaseMaxBal(a, b) \/ \E v \in Value : VoteFor(a, b, v)
Spec == Init /\ [][Next]_<<votes, maxBal>>
====
