---- MODULE Keys ----
\* A hand-written twin of specs/idempotency/keys.rvl, in the encoding the
\* Ravel constructs stand for (docs/distributed.md): `now`, the retry timer
\* as a deadline (-1 when stopped, MaxTime + 1 for "never"), each channel as
\* the set of messages in flight on its one link, the loss budget, and the
\* server's crash flag and crash budget; every server variable is durable,
\* so a restart only clears the flag.
EXTENDS Integers
CONSTANTS Payments, Timeout, MaxTime
VARIABLES now, charged, applied, replayed, crashed, crashes,
          issued, paid, waiting, retry, requests, replies, lost
vars == <<now, charged, applied, replayed, crashed, crashes,
          issued, paid, waiting, retry, requests, replies, lost>>
Key == 1..Payments
H == MaxTime + 1
Start == IF now + Timeout < H THEN now + Timeout ELSE H
server == <<charged, applied, replayed, crashed, crashes>>
client == <<issued, paid, waiting, retry>>

Init == now = 0 /\ charged = [k \in Key |-> 0] /\ applied = {} /\ replayed = FALSE
        /\ crashed = FALSE /\ crashes = 0
        /\ issued = 0 /\ paid = 0 /\ waiting = FALSE /\ retry = -1
        /\ requests = {} /\ replies = {} /\ lost = 0

Tick == now < MaxTime /\ now' = now + 1
        /\ UNCHANGED <<server, client, requests, replies, lost>>

OnCharge == ~crashed /\ \E k \in Key:
        /\ [type |-> "Charge", key |-> k] \in requests
        /\ requests' = requests \ {[type |-> "Charge", key |-> k]}
        /\ (IF k \notin applied
            THEN charged' = [charged EXCEPT ![k] = @ + 1] /\ applied' = applied \cup {k}
                 /\ UNCHANGED replayed
            ELSE replayed' = TRUE /\ UNCHANGED <<charged, applied>>)
        /\ replies' = replies \cup {[type |-> "Charged", key |-> k]}
        /\ UNCHANGED <<now, crashed, crashes, client, lost>>
Crash == ~crashed /\ crashes < 1 /\ crashes' = crashes + 1 /\ crashed' = TRUE
        /\ UNCHANGED <<now, charged, applied, replayed, client, requests, replies, lost>>
Restart == crashed /\ crashed' = FALSE
        /\ UNCHANGED <<now, charged, applied, replayed, crashes, client, requests, replies, lost>>

Pay == ~waiting /\ issued < Payments /\ issued' = issued + 1 /\ waiting' = TRUE
        /\ retry' = Start /\ requests' = requests \cup {[type |-> "Charge", key |-> issued + 1]}
        /\ UNCHANGED <<now, server, paid, replies, lost>>
Retry == waiting /\ retry >= 0 /\ now >= retry /\ retry' = Start
        /\ requests' = requests \cup {[type |-> "Charge", key |-> issued]}
        /\ UNCHANGED <<now, server, issued, paid, waiting, replies, lost>>
OnCharged == \E k \in Key:
        /\ [type |-> "Charged", key |-> k] \in replies
        /\ replies' = replies \ {[type |-> "Charged", key |-> k]}
        /\ (IF waiting /\ k = issued
            THEN waiting' = FALSE /\ paid' = paid + 1 /\ retry' = -1
            ELSE UNCHANGED <<waiting, paid, retry>>)
        /\ UNCHANGED <<now, server, issued, requests, lost>>
Drop == \E m \in replies: lost < 1 /\ lost' = lost + 1 /\ replies' = replies \ {m}
        /\ UNCHANGED <<now, server, client, requests>>

Next == Tick \/ OnCharge \/ Crash \/ Restart \/ Pay \/ Retry \/ OnCharged \/ Drop
Spec == Init /\ [][Next]_vars
NoDoubleCharge == \A k \in Key: charged[k] <= 1
====
