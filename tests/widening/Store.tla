---- MODULE Store ----
EXTENDS Sequences, Naturals
R == {"r1", "r2"}
VARIABLES status, votes, last, decision, log, rec
vars == <<status, votes, last, decision, log, rec>>
Init == status = [r \in R |-> "waiting"] /\ votes = {} /\ last = "none"
     /\ decision = "notsent" /\ log = <<>> /\ rec = [v |-> "waiting", n |-> 0]
Vote(r, v) == status[r] = "waiting" /\ status' = [status EXCEPT ![r] = v]
     /\ votes' = votes \cup {v} /\ last' = v /\ rec' = [v |-> v, n |-> 1]
     /\ UNCHANGED <<decision, log>>
Log(v) == Len(log) < 2 /\ log' = log \o <<v>> /\ UNCHANGED <<status, votes, last, decision, rec>>
Decide == decision = "notsent" /\ \A r \in R: status[r] \in votes /\ decision' = "commit"
     /\ UNCHANGED <<status, votes, last, log, rec>>
Next == (\E r \in R, v \in {"yes", "no"}: Vote(r, v)) \/ (\E v \in {"yes","no"}: Log(v)) \/ Decide
====
