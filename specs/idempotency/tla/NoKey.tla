---- MODULE NoKey ----
\* A hand-written twin of specs/idempotency/no_key.rvl, in the encoding the
\* Ravel constructs stand for (docs/distributed.md): `now`, the retry timer
\* as a deadline (-1 when stopped, MaxTime + 1 for "never"), each channel as
\* the set of messages in flight on its one link, and the loss budget.
EXTENDS Integers
CONSTANTS Payments, Timeout, MaxTime
VARIABLES now, charged, issued, paid, waiting, retry, requests, replies, lost
vars == <<now, charged, issued, paid, waiting, retry, requests, replies, lost>>
H == MaxTime + 1
Min(a, b) == IF a < b THEN a ELSE b

Init == now = 0 /\ charged = 0 /\ issued = 0 /\ paid = 0 /\ waiting = FALSE
        /\ retry = -1 /\ requests = {} /\ replies = {} /\ lost = 0

Tick == now < MaxTime /\ now' = now + 1
        /\ UNCHANGED <<charged, issued, paid, waiting, retry, requests, replies, lost>>

OnCharge == "Charge" \in requests /\ requests' = requests \ {"Charge"}
        /\ charged' = charged + 1 /\ replies' = replies \cup {"Charged"}
        /\ UNCHANGED <<now, issued, paid, waiting, retry, lost>>

Pay == ~waiting /\ issued < Payments /\ issued' = issued + 1 /\ waiting' = TRUE
        /\ retry' = Min(now + Timeout, H) /\ requests' = requests \cup {"Charge"}
        /\ UNCHANGED <<now, charged, paid, replies, lost>>

Retry == waiting /\ retry >= 0 /\ now >= retry
        /\ retry' = Min(now + Timeout, H) /\ requests' = requests \cup {"Charge"}
        /\ UNCHANGED <<now, charged, issued, paid, waiting, replies, lost>>

OnCharged == "Charged" \in replies /\ replies' = replies \ {"Charged"}
        /\ (IF waiting THEN waiting' = FALSE /\ paid' = paid + 1 /\ retry' = -1
                       ELSE UNCHANGED <<waiting, paid, retry>>)
        /\ UNCHANGED <<now, charged, issued, requests, lost>>

Drop == "Charged" \in replies /\ lost < 1 /\ lost' = lost + 1
        /\ replies' = replies \ {"Charged"}
        /\ UNCHANGED <<now, charged, issued, paid, waiting, retry, requests>>

Next == Tick \/ OnCharge \/ Pay \/ Retry \/ OnCharged \/ Drop
Spec == Init /\ [][Next]_vars
NoDoubleCharge == charged <= issued
====
