---- MODULE SequenceNumbers ----
\* A hand-written twin of specs/exactly_once/sequence_numbers.rvl, in the
\* encoding the Ravel constructs stand for (docs/distributed.md): `now`, the
\* retransmission timer as a deadline (-1 when stopped, MaxTime + 1 for
\* "never"), each channel as the set of messages in flight on its one link,
\* a duplicating set channel that keeps a delivered message in flight, and
\* one loss budget per lossy channel.
EXTENDS Integers
CONSTANTS Messages, Timeout, MaxTime
VARIABLES now, next, outstanding, rto, highest, delivered, data, acks,
          lostData, lostAcks
vars == <<now, next, outstanding, rto, highest, delivered, data, acks,
          lostData, lostAcks>>
Id == 1..Messages
H == MaxTime + 1
Start == IF now + Timeout < H THEN now + Timeout ELSE H
Min(a, b) == IF a < b THEN a ELSE b
sender == <<next, outstanding, rto>>
receiver == <<highest, delivered>>

Init == now = 0 /\ next = 1 /\ outstanding = FALSE /\ rto = -1
        /\ highest = 0 /\ delivered = [i \in Id |-> 0]
        /\ data = {} /\ acks = {} /\ lostData = 0 /\ lostAcks = 0

Tick == now < MaxTime /\ now' = now + 1
        /\ UNCHANGED <<sender, receiver, data, acks, lostData, lostAcks>>

Send == ~outstanding /\ next <= Messages /\ outstanding' = TRUE /\ rto' = Start
        /\ data' = data \cup {next} /\ UNCHANGED <<now, next, receiver, acks, lostData, lostAcks>>
Retransmit == outstanding /\ rto >= 0 /\ now >= rto /\ rto' = Start
        /\ data' = data \cup {next}
        /\ UNCHANGED <<now, next, outstanding, receiver, acks, lostData, lostAcks>>
OnAck == \E k \in acks:
        /\ acks' = acks \ {k}
        /\ (IF outstanding /\ k = next
            THEN outstanding' = FALSE /\ next' = next + 1 /\ rto' = -1
            ELSE UNCHANGED sender)
        /\ UNCHANGED <<now, receiver, data, lostData, lostAcks>>

\* `duplicating`: the delivered message stays in flight.
OnData == \E i \in data:
        /\ (IF i = highest + 1
            THEN delivered' = [delivered EXCEPT ![i] = Min(@ + 1, 2)] /\ highest' = i
            ELSE UNCHANGED receiver)
        /\ acks' = acks \cup {i}
        /\ UNCHANGED <<now, sender, data, lostData, lostAcks>>

DropData == \E i \in data: lostData < 1 /\ lostData' = lostData + 1
        /\ data' = data \ {i} /\ UNCHANGED <<now, sender, receiver, acks, lostAcks>>
DropAck == \E k \in acks: lostAcks < 1 /\ lostAcks' = lostAcks + 1
        /\ acks' = acks \ {k} /\ UNCHANGED <<now, sender, receiver, data, lostData>>

Next == Tick \/ Send \/ Retransmit \/ OnAck \/ OnData \/ DropData \/ DropAck
Spec == Init /\ [][Next]_vars
EffectivelyOnce == \A i \in Id: delivered[i] <= 1
====
