---- MODULE SloppyQuorum ----
\* A hand-written twin of specs/quorums/sloppy_quorum.rvl, written from
\* docs/distributed.md's desugaring: the channels as one set of messages
\* per link (receiver first; the single-instance Client has no key), and
\* the partition as `partitioned`, a side per node and one for the Client,
\* a split action (a split is made once: node a stays on the unmarked
\* side) and a heal action; a receive across the cut is held back.
\* (Conditions are IF-THEN-ELSE, not disjunctions, so that TLC's states
\* generated count one successor per step, as Ravel's transitions do.)
EXTENDS Naturals, FiniteSets
CONSTANTS Node, a, b, c, d, W, R, Sloppy
VARIABLES stored, hints, phase, acks, timed_out, replies, result,
          requests, responses, transfers, partitioned, side, client_side, partitions
vars == <<stored, hints, phase, acks, timed_out, replies, result,
          requests, responses, transfers, partitioned, side, client_side, partitions>>
Home == {a, b, c}
Standin == d
Max(x, y) == IF x > y THEN x ELSE y
Put(v) == [tag |-> "Put", ver |-> v, home |-> "none"]
Hinted(v, h) == [tag |-> "Hinted", ver |-> v, home |-> h]
Get == [tag |-> "Get", ver |-> 0, home |-> "none"]
PutAck == [tag |-> "PutAck", ver |-> 0]
GetReply(v) == [tag |-> "GetReply", ver |-> v]
\* The client and node n can talk now.
Reach(n) == IF partitioned THEN side[n] = client_side ELSE TRUE

Init == /\ stored = [n \in Node |-> 0] /\ hints = [n \in Node |-> {}]
        /\ phase = "start" /\ acks = {} /\ timed_out = {} /\ replies = {} /\ result = 0
        /\ requests = [n \in Node |-> {}] /\ responses = [n \in Node |-> {}]
        /\ transfers = [r \in Node |-> [s \in Node |-> {}]]
        /\ partitioned = FALSE /\ side = [n \in Node |-> FALSE] /\ client_side = FALSE
        /\ partitions = 0

NodeVars == <<stored, hints>>
ClientVars == <<phase, acks, timed_out, replies, result>>
NetVars == <<partitioned, side, client_side, partitions>>

OnPut(n, m) == /\ m.tag = "Put" /\ Reach(n)
               /\ stored' = [stored EXCEPT ![n] = Max(@, m.ver)]
               /\ requests' = [requests EXCEPT ![n] = @ \ {m}]
               /\ responses' = [responses EXCEPT ![n] = @ \cup {PutAck}]
               /\ UNCHANGED <<hints, ClientVars, transfers, NetVars>>
OnHinted(n, m) == /\ m.tag = "Hinted" /\ Reach(n)
                  /\ hints' = [hints EXCEPT ![n] = @ \cup {m.home}]
                  /\ requests' = [requests EXCEPT ![n] = @ \ {m}]
                  /\ responses' = [responses EXCEPT ![n] = @ \cup {PutAck}]
                  /\ UNCHANGED <<stored, ClientVars, transfers, NetVars>>
HandOff(n, h) == /\ h \in hints[n]
                 /\ transfers' = [transfers EXCEPT ![h][n] = @ \cup {1}]
                 /\ hints' = [hints EXCEPT ![n] = @ \ {h}]
                 /\ UNCHANGED <<stored, ClientVars, requests, responses, NetVars>>
OnHandoff(n, s, v) == /\ IF partitioned THEN side[s] = side[n] ELSE TRUE
                      /\ stored' = [stored EXCEPT ![n] = Max(@, v)]
                      /\ transfers' = [transfers EXCEPT ![n][s] = @ \ {v}]
                      /\ UNCHANGED <<hints, ClientVars, requests, responses, NetVars>>
OnGet(n, m) == /\ m.tag = "Get" /\ Reach(n)
               /\ requests' = [requests EXCEPT ![n] = @ \ {m}]
               /\ responses' = [responses EXCEPT ![n] = @ \cup {GetReply(stored[n])}]
               /\ UNCHANGED <<NodeVars, ClientVars, transfers, NetVars>>

Write == /\ phase = "start" /\ phase' = "writing"
         /\ requests' = [n \in Node |-> IF n \in Home THEN requests[n] \cup {Put(1)} ELSE requests[n]]
         /\ UNCHANGED <<NodeVars, acks, timed_out, replies, result, responses, transfers, NetVars>>
Timeout(h) == /\ Sloppy /\ phase = "writing"
              /\ h \in Home /\ h \notin acks /\ h \notin timed_out
              /\ timed_out' = timed_out \cup {h}
              /\ requests' = [requests EXCEPT ![Standin] = @ \cup {Hinted(1, h)}]
              /\ UNCHANGED <<NodeVars, phase, acks, replies, result, responses, transfers, NetVars>>
OnPutAck(n, m) == /\ m.tag = "PutAck" /\ Reach(n)
                  /\ responses' = [responses EXCEPT ![n] = @ \ {m}]
                  /\ IF phase = "writing"
                       THEN /\ acks' = acks \cup {n}
                            /\ phase' = IF Cardinality(acks \cup {n}) = W THEN "written" ELSE phase
                       ELSE UNCHANGED <<acks, phase>>
                  /\ UNCHANGED <<NodeVars, timed_out, replies, result, requests, transfers, NetVars>>
Read == /\ phase = "written" /\ phase' = "reading"
        /\ requests' = [n \in Node |-> IF n \in Home THEN requests[n] \cup {Get} ELSE requests[n]]
        /\ UNCHANGED <<NodeVars, acks, timed_out, replies, result, responses, transfers, NetVars>>
OnGetReply(n, m) == /\ m.tag = "GetReply" /\ Reach(n)
                    /\ responses' = [responses EXCEPT ![n] = @ \ {m}]
                    /\ IF phase = "reading"
                         THEN /\ replies' = replies \cup {n}
                              /\ result' = Max(result, m.ver)
                              /\ phase' = IF Cardinality(replies \cup {n}) = R THEN "done" ELSE phase
                         ELSE UNCHANGED <<replies, result, phase>>
                    /\ UNCHANGED <<NodeVars, acks, timed_out, requests, transfers, NetVars>>

Split(K, kc) == /\ ~partitioned /\ partitions < 1
                /\ IF kc THEN TRUE ELSE K # {}
                /\ a \notin K
                /\ partitions' = partitions + 1
                /\ partitioned' = TRUE
                /\ side' = [n \in Node |-> n \in K]
                /\ client_side' = kc
                /\ UNCHANGED <<NodeVars, ClientVars, requests, responses, transfers>>
Heal == /\ partitioned
        /\ partitioned' = FALSE
        /\ side' = [n \in Node |-> FALSE]
        /\ client_side' = FALSE
        /\ UNCHANGED <<NodeVars, ClientVars, requests, responses, transfers, partitions>>

Next == \/ \E n \in Node:
             \/ \E m \in requests[n]: OnPut(n, m) \/ OnHinted(n, m) \/ OnGet(n, m)
             \/ \E h \in Node: HandOff(n, h)
             \/ \E s \in Node: \E v \in transfers[n][s]: OnHandoff(n, s, v)
             \/ \E m \in responses[n]: OnPutAck(n, m) \/ OnGetReply(n, m)
        \/ Write \/ Read \/ \E h \in Node: Timeout(h)
        \/ \E K \in SUBSET Node: \E kc \in BOOLEAN: Split(K, kc)
        \/ Heal
Spec == Init /\ [][Next]_vars
ReadsOwnWrite == phase = "done" => result = 1
====
