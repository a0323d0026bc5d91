The TLA+ transcription of specs/distributed_locks/redlock.rvl, to check its counts with TLC.
---- MODULE Redlock ----
EXTENDS Integers, FiniteSets
CONSTANTS Clients, Servers, TTL, MaxTime
VARIABLES now, key, expires, state, until, paused, pauses, requests
vars == <<now, key, expires, state, until, paused, pauses, requests>>
None == "none"
Init == /\ now = 0 /\ key = [s \in Servers |-> None] /\ expires = [s \in Servers |-> 0]
        /\ state = [c \in Clients |-> "idle"] /\ until = [c \in Clients |-> 0]
        /\ paused = [c \in Clients |-> FALSE] /\ pauses = 0
        /\ requests = [s \in Servers |-> [c \in Clients |-> {}]]
Handle(s, c) == /\ TTL \in requests[s][c]
                /\ requests' = [requests EXCEPT ![s][c] = @ \ {TTL}]
                /\ IF key[s] = None \/ now >= expires[s]
                   THEN key' = [key EXCEPT ![s] = c] /\ expires' = [expires EXCEPT ![s] = now + TTL]
                   ELSE UNCHANGED <<key, expires>>
                /\ UNCHANGED <<now, state, until, paused, pauses>>
Majority(c) == 2 * Cardinality({s \in Servers: key[s] = c}) > Cardinality(Servers)
Request(c) == /\ ~paused[c] /\ state[c] = "idle"
              /\ until' = [until EXCEPT ![c] = now + TTL] /\ state' = [state EXCEPT ![c] = "acquiring"]
              /\ requests' = [s \in Servers |-> [requests[s] EXCEPT ![c] = @ \cup {TTL}]]
              /\ UNCHANGED <<now, key, expires, paused, pauses>>
Rest(c) == state' = [state EXCEPT ![c] = IF now < until[c] THEN "holding" ELSE "failed"]
Acquire(c) == /\ ~paused[c] /\ state[c] = "acquiring" /\ Majority(c)
              /\ \/ Rest(c) /\ UNCHANGED <<paused, pauses>>
                 \/ pauses < 1 /\ pauses' = pauses + 1 /\ paused' = [paused EXCEPT ![c] = TRUE] /\ UNCHANGED state
              /\ UNCHANGED <<now, key, expires, until, requests>>
Resume(c) == /\ paused[c] /\ paused' = [paused EXCEPT ![c] = FALSE] /\ Rest(c)
             /\ UNCHANGED <<now, key, expires, until, pauses, requests>>
Tick == /\ now < MaxTime /\ now' = now + 1 /\ UNCHANGED <<key, expires, state, until, paused, pauses, requests>>
Next == Tick \/ \E c \in Clients: Request(c) \/ Acquire(c) \/ Resume(c) \/ \E s \in Servers: Handle(s, c)
Holds(c) == state[c] = "holding" /\ now < until[c]
MutualExclusion == \A a, b \in Clients: a # b => ~(Holds(a) /\ Holds(b))
====
