---- MODULE QuorumSym ----
\* A hand-written twin of specs/quorums/quorum.rvl, written from
\* docs/distributed.md's desugaring: the process variables, and each
\* channel as one set of messages per replica (the single-instance writer
\* and reader have no key), a message as its payload.
EXTENDS Naturals, FiniteSets, TLC
CONSTANTS Replica, W, R, MaxVersion, MaxReads
Sym == Permutations(Replica)
VARIABLES stored, version, writing, acks, written, reads, reading, floor, replies, result,
          puts, put_acks, gets, get_replies
vars == <<stored, version, writing, acks, written, reads, reading, floor, replies, result,
          puts, put_acks, gets, get_replies>>
Max(a, b) == IF a > b THEN a ELSE b

Init == /\ stored = [r \in Replica |-> 0]
        /\ version = 0 /\ writing = FALSE /\ acks = {} /\ written = 0
        /\ reads = 0 /\ reading = FALSE /\ floor = 0 /\ replies = {} /\ result = 0
        /\ puts = [r \in Replica |-> {}] /\ put_acks = [r \in Replica |-> {}]
        /\ gets = [r \in Replica |-> {}] /\ get_replies = [r \in Replica |-> {}]

OnPut(r, v) == /\ v \in puts[r]
               /\ stored' = [stored EXCEPT ![r] = Max(@, v)]
               /\ puts' = [puts EXCEPT ![r] = @ \ {v}]
               /\ put_acks' = [put_acks EXCEPT ![r] = @ \cup {v}]
               /\ UNCHANGED <<version, writing, acks, written, reads, reading, floor, replies, result, gets, get_replies>>
OnGet(r, i) == /\ i \in gets[r]
               /\ gets' = [gets EXCEPT ![r] = @ \ {i}]
               /\ get_replies' = [get_replies EXCEPT ![r] = @ \cup {[read |-> i, ver |-> stored[r]]}]
               /\ UNCHANGED <<stored, version, writing, acks, written, reads, reading, floor, replies, result, puts, put_acks>>
StartWrite == /\ ~writing /\ version < MaxVersion
              /\ version' = version + 1 /\ writing' = TRUE /\ acks' = {}
              /\ puts' = [r \in Replica |-> puts[r] \cup {version + 1}]
              /\ UNCHANGED <<stored, written, reads, reading, floor, replies, result, put_acks, gets, get_replies>>
OnPutAck(r, v) == /\ v \in put_acks[r]
                  /\ put_acks' = [put_acks EXCEPT ![r] = @ \ {v}]
                  /\ IF writing /\ v = version
                       THEN /\ acks' = acks \cup {r}
                            /\ IF Cardinality(acks \cup {r}) = W
                                 THEN writing' = FALSE /\ written' = version
                                 ELSE UNCHANGED <<writing, written>>
                       ELSE UNCHANGED <<acks, writing, written>>
                  /\ UNCHANGED <<stored, version, reads, reading, floor, replies, result, puts, gets, get_replies>>
StartRead == /\ ~reading /\ reads < MaxReads
             /\ reads' = reads + 1 /\ reading' = TRUE /\ floor' = written /\ replies' = {} /\ result' = 0
             /\ gets' = [r \in Replica |-> gets[r] \cup {reads + 1}]
             /\ UNCHANGED <<stored, version, writing, acks, written, puts, put_acks, get_replies>>
OnGetReply(r, m) == /\ m \in get_replies[r]
                    /\ get_replies' = [get_replies EXCEPT ![r] = @ \ {m}]
                    /\ IF reading /\ m.read = reads
                         THEN /\ replies' = replies \cup {r}
                              /\ result' = Max(result, m.ver)
                              /\ IF Cardinality(replies \cup {r}) = R THEN reading' = FALSE ELSE UNCHANGED reading
                         ELSE UNCHANGED <<replies, result, reading>>
                    /\ UNCHANGED <<stored, version, writing, acks, written, reads, floor, puts, put_acks, gets>>
Next == \/ \E r \in Replica: \/ \E v \in puts[r]: OnPut(r, v)
                             \/ \E i \in gets[r]: OnGet(r, i)
                             \/ \E v \in put_acks[r]: OnPutAck(r, v)
                             \/ \E m \in get_replies[r]: OnGetReply(r, m)
        \/ StartWrite \/ StartRead
Spec == Init /\ [][Next]_vars
ReadsLatestWrite == (reads > 0 /\ ~reading) => result >= floor
====
