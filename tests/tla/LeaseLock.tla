The TLA+ transcription of specs/distributed_locks/lease_lock.rvl, to check its counts with TLC.
---- MODULE LeaseLock ----
EXTENDS Integers
CONSTANTS Clients, TTL, MaxTime
H == MaxTime + 1
VARIABLES file, writes, now, holder, expires, state, seen, lease, requests, grants
vars == <<file, writes, now, holder, expires, state, seen, lease, requests, grants>>
None == "none"
Init == /\ file = 0 /\ writes = 0 /\ now = 0
        /\ holder = None /\ expires = 0
        /\ state = [c \in Clients |-> "idle"]
        /\ seen = [c \in Clients |-> 0]
        /\ lease = [c \in Clients |-> -1]
        /\ requests = [c \in Clients |-> {}]
        /\ grants = [c \in Clients |-> {}]
Min(a, b) == IF a < b THEN a ELSE b
Active(c) == lease[c] >= 0 /\ now < lease[c]
Grant(c) == /\ "Acquire" \in requests[c]
            /\ (holder = None \/ now >= expires)
            /\ requests' = [requests EXCEPT ![c] = @ \ {"Acquire"}]
            /\ holder' = c /\ expires' = now + TTL
            /\ grants' = [grants EXCEPT ![c] = @ \cup {"Granted"}]
            /\ UNCHANGED <<file, writes, now, state, seen, lease>>
Request(c) == /\ state[c] = "idle"
              /\ lease' = [lease EXCEPT ![c] = Min(now + TTL, H)]
              /\ state' = [state EXCEPT ![c] = "waiting"]
              /\ requests' = [requests EXCEPT ![c] = @ \cup {"Acquire"}]
              /\ UNCHANGED <<file, writes, now, holder, expires, seen, grants>>
Receive(c) == /\ "Granted" \in grants[c] /\ state[c] = "waiting"
              /\ grants' = [grants EXCEPT ![c] = @ \ {"Granted"}]
              /\ state' = [state EXCEPT ![c] = "holding"]
              /\ UNCHANGED <<file, writes, now, holder, expires, seen, lease, requests>>
Read(c) == /\ state[c] = "holding" /\ Active(c)
           /\ seen' = [seen EXCEPT ![c] = file]
           /\ state' = [state EXCEPT ![c] = "modifying"]
           /\ UNCHANGED <<file, writes, now, holder, expires, lease, requests, grants>>
Write(c) == /\ state[c] = "modifying" /\ Active(c)
            /\ file' = seen[c] + 1 /\ writes' = writes + 1
            /\ state' = [state EXCEPT ![c] = "done"]
            /\ UNCHANGED <<now, holder, expires, seen, lease, requests, grants>>
Tick == /\ now < MaxTime /\ now' = now + 1
        /\ UNCHANGED <<file, writes, holder, expires, state, seen, lease, requests, grants>>
Next == Tick \/ \E c \in Clients: Grant(c) \/ Request(c) \/ Receive(c) \/ Read(c) \/ Write(c)
Spec == Init /\ [][Next]_vars
NoLostUpdate == file = writes
====
