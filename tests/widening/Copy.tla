---- MODULE Copy ----
EXTENDS Sequences, Naturals
R == {"r1", "r2"}
VARIABLES ballot, status, mine, seen, pair, copy, vs, ss, decided, outcome
vars == <<ballot, status, mine, seen, pair, copy, vs, ss, decided, outcome>>
Init == ballot = [r \in R |-> "yes"] /\ status = [r \in R |-> "waiting"] /\ mine = "none" /\ seen = "none"
  /\ pair = [v |-> "no", n |-> 0] /\ copy = [v |-> "waiting", n |-> 0] /\ vs = <<>> /\ ss = <<"waiting">>
  /\ decided = "abort" /\ outcome = "none_yet"
Flip(r) == ballot' = [ballot EXCEPT ![r] = (IF ballot[r] = "yes" THEN "no" ELSE "yes")]
  /\ UNCHANGED <<status, mine, seen, pair, copy, vs, ss, decided, outcome>>
Publish == status' = ballot /\ seen' = mine /\ copy' = pair /\ ss' = vs /\ outcome' = decided
  /\ UNCHANGED <<ballot, mine, pair, vs, decided>>
Choose(v) == mine = "none" /\ mine' = v /\ pair' = [v |-> v, n |-> 1] /\ vs' = <<v>>
  /\ decided' = (IF v = "yes" THEN "commit" ELSE "abort")
  /\ UNCHANGED <<ballot, status, seen, copy, ss, outcome>>
Next == (\E r \in R: Flip(r)) \/ Publish \/ (\E v \in {"yes", "no"}: Choose(v))
====
