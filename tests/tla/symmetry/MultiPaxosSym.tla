---- MODULE MultiPaxosSym ----
\* A TLA+ twin of specs/multi_paxos/multi_paxos.rvl, written by hand from
\* what its constructs stand for (docs/distributed.md): process variables
\* are functions of the instance, a duplicating pool is a set that only grows.
EXTENDS Integers, FiniteSets, TLC
CONSTANT Acceptor
Sym == Permutations(Acceptor)
Leader == {"l1", "l2"}
Value == {"v1", "v2"}
Slot == 1..2
Ballot == 0..1
None == "none"
Quorum(q) == 2 * Cardinality(q) > Cardinality(Acceptor)
FirstBallot(l) == IF l = "l1" THEN 0 ELSE 1
OwnValue(l) == IF l = "l1" THEN "v1" ELSE "v2"

VARIABLES votes, maxBal, vbal, vval, bal, phase, promised, repBal, repVal, proposed, requests, replies
vars == <<votes, maxBal, vbal, vval, bal, phase, promised, repBal, repVal, proposed, requests, replies>>

Init ==
  /\ votes = {}
  /\ maxBal = [a \in Acceptor |-> -1]
  /\ vbal = [a \in Acceptor |-> [s \in Slot |-> -1]]
  /\ vval = [a \in Acceptor |-> [s \in Slot |-> None]]
  /\ bal = [l \in Leader |-> FirstBallot(l)]
  /\ phase = [l \in Leader |-> "idle"]
  /\ promised = [l \in Leader |-> {}]
  /\ repBal = [l \in Leader |-> [s \in Slot |-> -1]]
  /\ repVal = [l \in Leader |-> [s \in Slot |-> None]]
  /\ proposed = [l \in Leader |-> 0]
  /\ requests = {}
  /\ replies = {}

OnPrepare(a) == \E m \in requests :
  /\ m.type = "Prepare" /\ m.bal > maxBal[a]
  /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
  /\ replies' = replies \cup {[type |-> "Promise", acc |-> a, bal |-> m.bal, vbal |-> vbal[a], vval |-> vval[a]]}
  /\ UNCHANGED <<votes, vbal, vval, bal, phase, promised, repBal, repVal, proposed, requests>>

OnAccept(a) == \E m \in requests :
  /\ m.type = "Accept" /\ m.bal >= maxBal[a] /\ vbal[a][m.slot] # m.bal
  /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
  /\ vbal' = [vbal EXCEPT ![a][m.slot] = m.bal]
  /\ vval' = [vval EXCEPT ![a][m.slot] = m.val]
  /\ votes' = votes \cup {[acc |-> a, slot |-> m.slot, bal |-> m.bal, val |-> m.val]}
  /\ UNCHANGED <<bal, phase, promised, repBal, repVal, proposed, requests, replies>>

Prepare(l) ==
  /\ phase[l] = "idle"
  /\ phase' = [phase EXCEPT ![l] = "preparing"]
  /\ requests' = requests \cup {[type |-> "Prepare", bal |-> bal[l]]}
  /\ UNCHANGED <<votes, maxBal, vbal, vval, bal, promised, repBal, repVal, proposed, replies>>

OnPromise(l) == \E m \in replies :
  /\ m.bal = bal[l] /\ phase[l] = "preparing" /\ m.acc \notin promised[l]
  /\ promised' = [promised EXCEPT ![l] = @ \cup {m.acc}]
  /\ repVal' = [repVal EXCEPT ![l] = [s \in Slot |-> IF m.vbal[s] > repBal[l][s] THEN m.vval[s] ELSE repVal[l][s]]]
  /\ repBal' = [repBal EXCEPT ![l] = [s \in Slot |-> IF m.vbal[s] > repBal[l][s] THEN m.vbal[s] ELSE repBal[l][s]]]
  /\ phase' = IF Quorum(promised'[l]) THEN [phase EXCEPT ![l] = "leading"] ELSE phase
  /\ UNCHANGED <<votes, maxBal, vbal, vval, bal, proposed, requests, replies>>

Propose(l) ==
  /\ phase[l] = "leading" /\ proposed[l] < 2
  /\ LET s == proposed[l] + 1
         v == IF repVal[l][s] = None THEN OwnValue(l) ELSE repVal[l][s]
     IN /\ proposed' = [proposed EXCEPT ![l] = s]
        /\ requests' = requests \cup {[type |-> "Accept", bal |-> bal[l], slot |-> s, val |-> v]}
  /\ UNCHANGED <<votes, maxBal, vbal, vval, bal, phase, promised, repBal, repVal, replies>>

Next == \/ \E a \in Acceptor : OnPrepare(a) \/ OnAccept(a)
        \/ \E l \in Leader : Prepare(l) \/ OnPromise(l) \/ Propose(l)

ChosenIn(s, v, b) == Quorum({a \in Acceptor : [acc |-> a, slot |-> s, bal |-> b, val |-> v] \in votes})
Chosen(s, v) == \E b \in Ballot : ChosenIn(s, v, b)
Agreement == \A s \in Slot, v, w \in Value : Chosen(s, v) /\ Chosen(s, w) => v = w
====
