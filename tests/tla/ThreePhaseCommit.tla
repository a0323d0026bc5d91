The TLA+ transcription of specs/three_phase_commit/three_phase_commit.rvl, to check its counts with TLC.
---- MODULE ThreePhaseCommit ----
EXTENDS Integers
CONSTANTS RM
VARIABLES cstate, yes, acked, ccrashed, state, follows, backup, adopted, crashed, crashes, requests, replies, term
vars == <<cstate, yes, acked, ccrashed, state, follows, backup, adopted, crashed, crashes, requests, replies, term>>
coordVars == <<cstate, yes, acked, ccrashed>>
Init == /\ cstate = "init" /\ yes = {} /\ acked = {} /\ ccrashed = FALSE
        /\ state = [r \in RM |-> "init"] /\ follows = [r \in RM |-> FALSE]
        /\ backup = [r \in RM |-> FALSE] /\ adopted = [r \in RM |-> {}]
        /\ crashed = [r \in RM |-> FALSE] /\ crashes = 0
        /\ requests = [r \in RM |-> {}] /\ replies = [r \in RM |-> {}]
        /\ term = [r \in RM |-> [s \in RM |-> {}]]
SuspectsC == ccrashed
Suspects(r) == crashed[r]
Bcast(m) == requests' = [r \in RM |-> requests[r] \cup {m}]
\* coordinator
Start == /\ ~ccrashed /\ cstate = "init" /\ cstate' = "waiting" /\ Bcast("CanCommit")
         /\ UNCHANGED <<yes, acked, ccrashed, state, follows, backup, adopted, crashed, crashes, replies, term>>
OnYes(r) == /\ ~ccrashed /\ "Yes" \in replies[r] /\ cstate = "waiting"
            /\ replies' = [replies EXCEPT ![r] = @ \ {"Yes"}] /\ yes' = yes \cup {r}
            /\ UNCHANGED <<cstate, acked, ccrashed, state, follows, backup, adopted, crashed, crashes, requests, term>>
OnNo(r) == /\ ~ccrashed /\ "No" \in replies[r] /\ cstate = "waiting"
           /\ replies' = [replies EXCEPT ![r] = @ \ {"No"}] /\ cstate' = "aborted" /\ Bcast("Abort")
           /\ UNCHANGED <<yes, acked, ccrashed, state, follows, backup, adopted, crashed, crashes, term>>
Prep == /\ ~ccrashed /\ cstate = "waiting" /\ yes = RM /\ cstate' = "precommitted" /\ Bcast("PreCommit")
        /\ UNCHANGED <<yes, acked, ccrashed, state, follows, backup, adopted, crashed, crashes, replies, term>>
VoteTimeout == /\ ~ccrashed /\ cstate = "waiting" /\ \E r \in RM: r \notin yes /\ Suspects(r)
               /\ cstate' = "aborted" /\ Bcast("Abort")
               /\ UNCHANGED <<yes, acked, ccrashed, state, follows, backup, adopted, crashed, crashes, replies, term>>
OnAck(r) == /\ ~ccrashed /\ "Ack" \in replies[r] /\ cstate = "precommitted"
            /\ replies' = [replies EXCEPT ![r] = @ \ {"Ack"}] /\ acked' = acked \cup {r}
            /\ UNCHANGED <<cstate, yes, ccrashed, state, follows, backup, adopted, crashed, crashes, requests, term>>
Commit == /\ ~ccrashed /\ cstate = "precommitted" /\ \A r \in RM: r \in acked \/ Suspects(r)
          /\ cstate' = "committed" /\ Bcast("DoCommit")
          /\ UNCHANGED <<yes, acked, ccrashed, state, follows, backup, adopted, crashed, crashes, replies, term>>
CCrash == /\ ~ccrashed /\ ccrashed' = TRUE
          /\ UNCHANGED <<cstate, yes, acked, state, follows, backup, adopted, crashed, crashes, requests, replies, term>>
\* participants
Take(r, m) == /\ m \in requests[r] /\ requests' = [requests EXCEPT ![r] = @ \ {m}]
OnCanCommit(r) == /\ ~crashed[r] /\ Take(r, "CanCommit") /\ state[r] = "init" /\ ~follows[r]
                  /\ \/ state' = [state EXCEPT ![r] = "waiting"] /\ replies' = [replies EXCEPT ![r] = @ \cup {"Yes"}]
                     \/ state' = [state EXCEPT ![r] = "aborted"] /\ replies' = [replies EXCEPT ![r] = @ \cup {"No"}]
                  /\ UNCHANGED <<coordVars, follows, backup, adopted, crashed, crashes, term>>
OnPreCommit(r) == /\ ~crashed[r] /\ Take(r, "PreCommit") /\ state[r] = "waiting" /\ ~follows[r]
                  /\ state' = [state EXCEPT ![r] = "prepared"] /\ replies' = [replies EXCEPT ![r] = @ \cup {"Ack"}]
                  /\ UNCHANGED <<coordVars, follows, backup, adopted, crashed, crashes, term>>
OnDoCommit(r) == /\ ~crashed[r] /\ Take(r, "DoCommit") /\ state[r] = "prepared" /\ ~follows[r]
                 /\ state' = [state EXCEPT ![r] = "committed"]
                 /\ UNCHANGED <<coordVars, follows, backup, adopted, crashed, crashes, replies, term>>
OnAbort(r) == /\ ~crashed[r] /\ Take(r, "Abort") /\ state[r] \in {"init", "waiting", "prepared"} /\ ~follows[r]
              /\ state' = [state EXCEPT ![r] = "aborted"]
              /\ UNCHANGED <<coordVars, follows, backup, adopted, crashed, crashes, replies, term>>
InitTimeout(r) == /\ ~crashed[r] /\ state[r] = "init" /\ SuspectsC
                  /\ state' = [state EXCEPT ![r] = "aborted"]
                  /\ UNCHANGED <<coordVars, follows, backup, adopted, crashed, crashes, requests, replies, term>>
SendTerm(from, to, m) == [s \in RM |-> IF s \in to THEN [term[s] EXCEPT ![from] = @ \cup {m}] ELSE term[s]]
TakeOver(r) == /\ ~crashed[r] /\ state[r] \in {"waiting", "prepared"} /\ SuspectsC /\ ~backup[r]
               /\ \A q \in RM: backup[q] => Suspects(q)
               /\ backup' = [backup EXCEPT ![r] = TRUE] /\ follows' = [follows EXCEPT ![r] = TRUE]
               /\ adopted' = [adopted EXCEPT ![r] = {r}]
               /\ term' = SendTerm(r, RM \ {r}, [t |-> "Adopt", p |-> state[r] = "prepared"])
               /\ UNCHANGED <<coordVars, state, crashed, crashes, requests, replies>>
OnAdopt(r, b, pp) == LET m == [t |-> "Adopt", p |-> pp] IN
               /\ ~crashed[r] /\ m \in term[r][b]
               /\ LET t1 == [term EXCEPT ![r][b] = @ \ {m}] IN
                  term' = [t1 EXCEPT ![b][r] = @ \cup {[t |-> "Adopted"]}]
               /\ follows' = [follows EXCEPT ![r] = TRUE]
               /\ state' = IF state[r] \in {"init", "waiting", "prepared"}
                           THEN [state EXCEPT ![r] = IF pp THEN "prepared" ELSE "waiting"] ELSE state
               /\ UNCHANGED <<coordVars, backup, adopted, crashed, crashes, requests, replies>>
OnAdopted(r, q) == /\ ~crashed[r] /\ [t |-> "Adopted"] \in term[r][q]
                   /\ term' = [term EXCEPT ![r][q] = @ \ {[t |-> "Adopted"]}]
                   /\ backup[r] /\ adopted' = [adopted EXCEPT ![r] = @ \cup {q}]
                   /\ UNCHANGED <<coordVars, state, follows, backup, crashed, crashes, requests, replies>>
Decide(r) == /\ ~crashed[r] /\ backup[r] /\ state[r] \in {"waiting", "prepared"}
             /\ \A q \in RM: q \in adopted[r] \/ Suspects(q)
             /\ IF state[r] = "prepared"
                THEN state' = [state EXCEPT ![r] = "committed"] /\ term' = SendTerm(r, RM \ {r}, [t |-> "Outcome", c |-> TRUE])
                ELSE state' = [state EXCEPT ![r] = "aborted"] /\ term' = SendTerm(r, RM \ {r}, [t |-> "Outcome", c |-> FALSE])
             /\ UNCHANGED <<coordVars, follows, backup, adopted, crashed, crashes, requests, replies>>
OnOutcome(r, b, cc) == LET m == [t |-> "Outcome", c |-> cc] IN
             /\ ~crashed[r] /\ m \in term[r][b]
             /\ term' = [term EXCEPT ![r][b] = @ \ {m}]
             /\ state[r] \in {"init", "waiting", "prepared"}
             /\ state' = [state EXCEPT ![r] = IF cc THEN "committed" ELSE "aborted"]
             /\ UNCHANGED <<coordVars, follows, backup, adopted, crashed, crashes, requests, replies>>
PCrash(r) == /\ ~crashed[r] /\ crashes < 1 /\ crashes' = crashes + 1 /\ crashed' = [crashed EXCEPT ![r] = TRUE]
             /\ UNCHANGED <<coordVars, state, follows, backup, adopted, requests, replies, term>>
PNext(r) == \/ OnCanCommit(r) \/ OnPreCommit(r) \/ OnDoCommit(r) \/ OnAbort(r) \/ InitTimeout(r)
            \/ TakeOver(r) \/ Decide(r)
            \/ \E b \in RM: \/ OnAdopted(r, b) \/ \E x \in BOOLEAN: OnAdopt(r, b, x) \/ OnOutcome(r, b, x)
Next == \/ Start \/ Prep \/ VoteTimeout \/ Commit \/ CCrash
        \/ \E r \in RM: OnYes(r) \/ OnNo(r) \/ OnAck(r) \/ PNext(r) \/ PCrash(r)
Fair == /\ WF_vars(Start) /\ WF_vars(Prep) /\ WF_vars(VoteTimeout) /\ WF_vars(Commit)
        /\ \A r \in RM: /\ WF_vars(OnYes(r)) /\ WF_vars(OnNo(r)) /\ WF_vars(OnAck(r))
                        /\ WF_vars(OnCanCommit(r)) /\ WF_vars(OnPreCommit(r)) /\ WF_vars(OnDoCommit(r))
                        /\ WF_vars(OnAbort(r)) /\ WF_vars(InitTimeout(r)) /\ WF_vars(TakeOver(r)) /\ WF_vars(Decide(r))
                        /\ \A b \in RM: /\ WF_vars(OnAdopted(r, b))
                                        /\ \A x \in BOOLEAN: WF_vars(OnAdopt(r, b, x)) /\ WF_vars(OnOutcome(r, b, x))
Spec == Init /\ [][Next]_vars /\ Fair
Consistent == /\ ~(cstate = "committed" /\ \E r \in RM: state[r] = "aborted")
              /\ ~(cstate = "aborted" /\ \E r \in RM: state[r] = "committed")
              /\ \A p, q \in RM: ~(state[p] = "committed" /\ state[q] = "aborted")
Nonblocking == <>(\A r \in RM: crashed[r] \/ state[r] \in {"committed", "aborted"})
====
