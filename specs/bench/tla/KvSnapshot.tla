---- MODULE KvSnapshot ----
\* Twin of kv_snapshot.rvl (specs/bench): transactions over a key-value
\* store under snapshot isolation, first committer wins.
EXTENDS Naturals
Key == {"k1", "k2", "k3"}
Txn == {"t1", "t2", "t3"}
Val == 2
VARIABLES store, phase, snap, local, written, started, last, clock
vars == <<store, phase, snap, local, written, started, last, clock>>

Conflict(t) == \E k \in written[t]: last[k] > started[t]

Init ==
    /\ store = [k \in Key |-> 0]
    /\ phase = [t \in Txn |-> "idle"]
    /\ snap = [t \in Txn |-> [k \in Key |-> 0]]
    /\ local = [t \in Txn |-> [k \in Key |-> 0]]
    /\ written = [t \in Txn |-> {}]
    /\ started = [t \in Txn |-> 0]
    /\ last = [k \in Key |-> 0]
    /\ clock = 0

Start(t) ==
    /\ phase[t] = "idle"
    /\ phase' = [phase EXCEPT ![t] = "running"]
    /\ snap' = [snap EXCEPT ![t] = store]
    /\ started' = [started EXCEPT ![t] = clock]
    /\ UNCHANGED <<store, local, written, last, clock>>

Write(t, k, v) ==
    /\ phase[t] = "running"
    /\ local[t][k] # v
    /\ local' = [local EXCEPT ![t][k] = v]
    /\ written' = [written EXCEPT ![t] = @ \cup {k}]
    /\ UNCHANGED <<store, phase, snap, started, last, clock>>

Commit(t) ==
    /\ phase[t] = "running"
    /\ ~Conflict(t)
    /\ store' = [k \in Key |-> IF k \in written[t] THEN local[t][k] ELSE store[k]]
    /\ last' = [k \in Key |-> IF k \in written[t] THEN clock + 1 ELSE last[k]]
    /\ clock' = clock + 1
    /\ phase' = [phase EXCEPT ![t] = "committed"]
    /\ UNCHANGED <<snap, local, written, started>>

Abort(t) ==
    /\ phase[t] = "running"
    /\ Conflict(t)
    /\ phase' = [phase EXCEPT ![t] = "aborted"]
    /\ UNCHANGED <<store, snap, local, written, started, last, clock>>

Next == \E t \in Txn:
    \/ Start(t)
    \/ \E k \in Key, v \in 1..Val: Write(t, k, v)
    \/ Commit(t)
    \/ Abort(t)

Versions == \A k \in Key: last[k] <= clock
Snapshots == \A t \in Txn: phase[t] = "idle" => started[t] = 0
====
