------------------------------ MODULE Diffusion ------------------------------
(* A hand-written TLA+ twin of the specs in .., to confirm their state      *)
(* counts with TLC: reliable broadcast by diffusion (Diffusion.cfg is       *)
(* crash_stop.rvl). Crash-stop: Restart = FALSE, Budget = FALSE (no budget  *)
(* on crashes). Crash-recovery: Budget = TRUE, MaxCrashes = 1, Restart =    *)
(* TRUE; LogDelivered and LogPending say what survives a restart.           *)
(* Omission: Budget = TRUE, MaxCrashes = 0, MaxLoss > 0. net[t][f] is the   *)
(* set of values in flight from f to t; "none" stands for Ravel's `none`.   *)
EXTENDS Integers

CONSTANTS Node, Value, Sender, Relay, none,
          Budget, MaxCrashes, Restart, LogDelivered, LogPending, MaxLoss

VARIABLES sent, deliveries, delivered, pending, crashed, net, crashes, lost
vars == <<sent, deliveries, delivered, pending, crashed, net, crashes, lost>>

Init ==
    /\ sent = none
    /\ deliveries = [n \in Node |-> 0]
    /\ delivered = [n \in Node |-> none]
    /\ pending = [n \in Node |-> {}]
    /\ crashed = [n \in Node |-> FALSE]
    /\ net = [t \in Node |-> [f \in Node |-> {}]]
    /\ crashes = 0
    /\ lost = 0

Crash(p) ==
    /\ ~crashed[p]
    /\ IF Budget THEN crashes < MaxCrashes /\ crashes' = crashes + 1
                 ELSE UNCHANGED crashes
    /\ crashed' = [crashed EXCEPT ![p] = TRUE]
    /\ UNCHANGED <<sent, deliveries, delivered, pending, net, lost>>

Recover(p) ==
    /\ Restart /\ crashed[p]
    /\ crashed' = [crashed EXCEPT ![p] = FALSE]
    /\ delivered' = IF LogDelivered THEN delivered ELSE [delivered EXCEPT ![p] = none]
    /\ pending' = IF LogPending THEN pending ELSE [pending EXCEPT ![p] = {}]
    /\ UNCHANGED <<sent, deliveries, net, crashes, lost>>

Lose(t, f, x) ==
    /\ lost < MaxLoss /\ x \in net[t][f]
    /\ lost' = lost + 1
    /\ net' = [net EXCEPT ![t][f] = @ \ {x}]
    /\ UNCHANGED <<sent, deliveries, delivered, pending, crashed, crashes>>

Broadcast(p, v) ==
    /\ ~crashed[p] /\ p = Sender /\ sent = none
    /\ sent' = v
    /\ delivered' = [delivered EXCEPT ![p] = v]
    /\ deliveries' = [deliveries EXCEPT ![p] = @ + 1]
    /\ pending' = [pending EXCEPT ![p] = Node \ {p}]
    /\ UNCHANGED <<crashed, net, crashes, lost>>

Transmit(p, to, v) ==
    /\ ~crashed[p] /\ to \in pending[p] /\ delivered[p] = v
    /\ pending' = [pending EXCEPT ![p] = @ \ {to}]
    /\ net' = [net EXCEPT ![to][p] = @ \cup {v}]
    /\ UNCHANGED <<sent, deliveries, delivered, crashed, crashes, lost>>

Receive(p, q, x) ==
    /\ ~crashed[p] /\ x \in net[p][q]
    /\ net' = [net EXCEPT ![p][q] = @ \ {x}]
    /\ IF delivered[p] = none
       THEN /\ delivered' = [delivered EXCEPT ![p] = x]
            /\ deliveries' = [deliveries EXCEPT ![p] = @ + 1]
            /\ pending' = IF Relay THEN [pending EXCEPT ![p] = Node \ {p}] ELSE pending
       ELSE UNCHANGED <<delivered, deliveries, pending>>
    /\ UNCHANGED <<sent, crashed, crashes, lost>>

Next == \E p, q \in Node, v \in Value:
    Crash(p) \/ Recover(p) \/ Lose(p, q, v)
    \/ Broadcast(p, v) \/ Transmit(p, q, v) \/ Receive(p, q, v)

Spec == Init /\ [][Next]_vars

NoDuplication == \A p \in Node: deliveries[p] <= 1
NoCreation == \A p \in Node: delivered[p] = none \/ delivered[p] = sent
=============================================================================
