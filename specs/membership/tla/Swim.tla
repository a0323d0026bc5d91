---- MODULE Swim ----
\* A hand-written twin of specs/membership/swim.rvl, written from
\* docs/distributed.md's desugaring: per-member maps for the process
\* variables and the timer, `crashed` and a crash counter, the lossy
\* channel as one set of messages per link (receiver first) with a loss
\* counter, and `now` with its tick. A message is a record with every
\* field (unused ones fixed per tag). Checks the default configuration
\* (Indirect and Suspicion on, m1 the only prober).
EXTENDS Integers
CONSTANTS Member, MaxTime, MaxDelay, MaxLoss, AckTimeout, IndirectTimeout,
          SuspicionTimeout, MaxInc, Prober
VARIABLES now, view, inc_of, deadline, phase, target, probe, crashed, crashes, net, lost
vars == <<now, view, inc_of, deadline, phase, target, probe, crashed, crashes, net, lost>>

H == MaxTime + 1   \* a timer deadline beyond the last instant
Min(a, b) == IF a < b THEN a ELSE b
Others(x) == Member \ {x}
Msg(tag, sent, x, y, inc) == [tag |-> tag, sent |-> sent, x |-> x, y |-> y, inc |-> inc]
Expired(m) == probe[m] >= 0 /\ now >= probe[m]

Init == /\ now = 0
        /\ view = [m \in Member |-> [x \in Member |-> "alive"]]
        /\ inc_of = [m \in Member |-> [x \in Member |-> 0]]
        /\ deadline = [m \in Member |-> [x \in Member |-> -1]]
        /\ phase = [m \in Member |-> "idle"]
        /\ target = [m \in Member |-> m]
        /\ probe = [m \in Member |-> -1]
        /\ crashed = [m \in Member |-> FALSE]
        /\ crashes = 0
        /\ net = [r \in Member |-> [s \in Member |-> {}]]
        /\ lost = 0

\* net after sending msg from s to each of D.
Bcast(n, s, D, msg) == [r \in Member |-> [q \in Member |->
                          IF q = s /\ r \in D THEN n[r][q] \cup {msg} ELSE n[r][q]]]
Take(n, r, s, msg) == [n EXCEPT ![r][s] = @ \ {msg}]

Probe(m, t) ==
    /\ m = Prober /\ phase[m] = "idle" /\ t # m /\ view[m][t] # "dead"
    /\ phase' = [phase EXCEPT ![m] = "direct"]
    /\ target' = [target EXCEPT ![m] = t]
    /\ net' = Bcast(net, m, {t}, Msg("Ping", now, m, "none", 0))
    /\ probe' = [probe EXCEPT ![m] = Min(now + AckTimeout, H)]
    /\ UNCHANGED <<now, view, inc_of, deadline, crashed, crashes, lost>>

OnPing(m, s, msg) ==
    /\ msg.tag = "Ping"
    /\ net' = Bcast(Take(net, m, s, msg), m, {s}, Msg("Ack", now, msg.x, m, 0))
    /\ UNCHANGED <<now, view, inc_of, deadline, phase, target, probe, crashed, crashes, lost>>

OnAck(m, s, msg) ==
    /\ msg.tag = "Ack"
    /\ IF msg.x = m
         THEN /\ IF phase[m] # "idle" /\ target[m] = msg.y
                   THEN /\ phase' = [phase EXCEPT ![m] = "idle"]
                        /\ target' = [target EXCEPT ![m] = m]
                        /\ probe' = [probe EXCEPT ![m] = -1]
                   ELSE UNCHANGED <<phase, target, probe>>
              /\ net' = Take(net, m, s, msg)
         ELSE /\ net' = Bcast(Take(net, m, s, msg), m, {msg.x}, Msg("Ack", now, msg.x, msg.y, 0))
              /\ UNCHANGED <<phase, target, probe>>
    /\ UNCHANGED <<now, view, inc_of, deadline, crashed, crashes, lost>>

OnPingReq(m, s, msg) ==
    /\ msg.tag = "PingReq"
    /\ net' = Bcast(Take(net, m, s, msg), m, {msg.x}, Msg("Ping", now, s, "none", 0))
    /\ UNCHANGED <<now, view, inc_of, deadline, phase, target, probe, crashed, crashes, lost>>

NoAck(m) ==
    /\ phase[m] = "direct" /\ Expired(m)
    /\ phase' = [phase EXCEPT ![m] = "indirect"]
    /\ net' = Bcast(net, m, Others(m) \ {target[m]}, Msg("PingReq", now, target[m], "none", 0))
    /\ probe' = [probe EXCEPT ![m] = Min(now + IndirectTimeout, H)]
    /\ UNCHANGED <<now, view, inc_of, deadline, target, crashed, crashes, lost>>

NoIndirectAck(m) ==
    /\ phase[m] = "indirect" /\ Expired(m)
    /\ LET t == target[m] IN
       /\ phase' = [phase EXCEPT ![m] = "idle"]
       /\ target' = [target EXCEPT ![m] = m]
       /\ IF view[m][t] = "alive"
            THEN /\ view' = [view EXCEPT ![m][t] = "suspect"]
                 /\ deadline' = [deadline EXCEPT ![m][t] = now + SuspicionTimeout]
                 /\ net' = Bcast(net, m, Others(m), Msg("Suspect", now, t, "none", inc_of[m][t]))
            ELSE UNCHANGED <<view, deadline, net>>
    /\ UNCHANGED <<now, inc_of, probe, crashed, crashes, lost>>

OnSuspect(m, s, msg) ==
    /\ msg.tag = "Suspect"
    /\ LET t == msg.x
           i == msg.inc IN
       IF t = m
         THEN IF i = inc_of[m][m] /\ i < MaxInc
                THEN /\ inc_of' = [inc_of EXCEPT ![m][m] = i + 1]
                     /\ net' = Bcast(Take(net, m, s, msg), m, Others(m), Msg("Alive", now, m, "none", i + 1))
                     /\ UNCHANGED <<view, deadline>>
                ELSE /\ net' = Take(net, m, s, msg)
                     /\ UNCHANGED <<view, deadline, inc_of>>
         ELSE IF view[m][t] = "alive" /\ i >= inc_of[m][t]
                THEN /\ view' = [view EXCEPT ![m][t] = "suspect"]
                     /\ inc_of' = [inc_of EXCEPT ![m][t] = i]
                     /\ deadline' = [deadline EXCEPT ![m][t] = now + SuspicionTimeout]
                     /\ net' = Take(net, m, s, msg)
                ELSE /\ net' = Take(net, m, s, msg)
                     /\ UNCHANGED <<view, deadline, inc_of>>
    /\ UNCHANGED <<now, phase, target, probe, crashed, crashes, lost>>

OnAlive(m, s, msg) ==
    /\ msg.tag = "Alive"
    /\ LET t == msg.x
           i == msg.inc IN
       IF view[m][t] # "dead" /\ i > inc_of[m][t]
         THEN /\ view' = [view EXCEPT ![m][t] = "alive"]
              /\ inc_of' = [inc_of EXCEPT ![m][t] = i]
              /\ deadline' = [deadline EXCEPT ![m][t] = -1]
         ELSE UNCHANGED <<view, inc_of, deadline>>
    /\ net' = Take(net, m, s, msg)
    /\ UNCHANGED <<now, phase, target, probe, crashed, crashes, lost>>

SuspicionTimesOut(m, t) ==
    /\ view[m][t] = "suspect" /\ now >= deadline[m][t]
    /\ view' = [view EXCEPT ![m][t] = "dead"]
    /\ deadline' = [deadline EXCEPT ![m][t] = -1]
    /\ net' = Bcast(net, m, Others(m), Msg("Confirm", now, t, "none", 0))
    /\ UNCHANGED <<now, inc_of, phase, target, probe, crashed, crashes, lost>>

OnConfirm(m, s, msg) ==
    /\ msg.tag = "Confirm"
    /\ view' = [view EXCEPT ![m][msg.x] = "dead"]
    /\ deadline' = [deadline EXCEPT ![m][msg.x] = -1]
    /\ net' = Take(net, m, s, msg)
    /\ UNCHANGED <<now, inc_of, phase, target, probe, crashed, crashes, lost>>

Crash(m) ==
    /\ ~crashed[m] /\ crashes < 1
    /\ crashes' = crashes + 1
    /\ crashed' = [crashed EXCEPT ![m] = TRUE]
    /\ probe' = [probe EXCEPT ![m] = -1]
    /\ UNCHANGED <<now, view, inc_of, deadline, phase, target, net, lost>>

Drop(r, s, msg) ==
    /\ lost < MaxLoss
    /\ lost' = lost + 1
    /\ net' = Take(net, r, s, msg)
    /\ UNCHANGED <<now, view, inc_of, deadline, phase, target, probe, crashed, crashes>>

Tick == /\ now < MaxTime
        /\ now' = now + 1
        /\ UNCHANGED <<view, inc_of, deadline, phase, target, probe, crashed, crashes, net, lost>>

Next ==
    \/ Tick
    \/ \E m \in Member:
         \/ Crash(m)
         \/ /\ ~crashed[m]
            /\ \/ \E t \in Member: Probe(m, t) \/ SuspicionTimesOut(m, t)
               \/ NoAck(m) \/ NoIndirectAck(m)
               \/ \E s \in Member: \E msg \in net[m][s]:
                     \/ OnPing(m, s, msg) \/ OnAck(m, s, msg) \/ OnPingReq(m, s, msg)
                     \/ OnSuspect(m, s, msg) \/ OnAlive(m, s, msg) \/ OnConfirm(m, s, msg)
    \/ \E r, s \in Member: \E msg \in net[r][s]: Drop(r, s, msg)

Spec == Init /\ [][Next]_vars

BoundedDelay == \A r, s \in Member: crashed[r] \/ \A msg \in net[r][s]: now - msg.sent <= MaxDelay
NoFalsePositive == \A x, t \in Member: (~crashed[x] /\ view[x][t] = "dead") => crashed[t]
====
