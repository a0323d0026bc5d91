---- MODULE RaftSym ----
\* A TLA+ twin of specs/raft/raft.rvl (MaxCrashes = 0), written by hand from
\* what its constructs stand for (docs/distributed.md): process variables are
\* functions of the server, the channel is net[receiver][sender], a set of at
\* most one message (capacity 1), and a delivered message leaves it.
EXTENDS Integers, FiniteSets, TLC
CONSTANT Server
Sym == Permutations(Server)
MaxTerm == 2
MaxLog == 2
Slot == 1..MaxLog
None == "none"

VARIABLES elected, committed, term, votedFor, log, role, commit, votes, match, net
vars == <<elected, committed, term, votedFor, log, role, commit, votes, match, net>>

Quorum(q) == 2 * Cardinality(q) > Cardinality(Server)
Last(l) == Cardinality({i \in Slot : l[i] # 0})
TermAt(l, i) == IF i = 0 THEN 0 ELSE l[i]
LastTerm(l) == TermAt(l, Last(l))
UpToDate(lt, li, l) == lt > LastTerm(l) \/ (lt = LastTerm(l) /\ li >= Last(l))
Max2(a, b) == IF a > b THEN a ELSE b
MaxOf(S) == CHOOSE x \in S : \A y \in S : x >= y

\* Sending m from s to d: blocked when the link would hold more than one message.
CanSend(s, d, m) == Cardinality(net[d][s] \cup {m}) <= 1

Init ==
  /\ elected = {} /\ committed = {}
  /\ term = [s \in Server |-> 0]
  /\ votedFor = [s \in Server |-> None]
  /\ log = [s \in Server |-> [i \in Slot |-> 0]]
  /\ role = [s \in Server |-> "follower"]
  /\ commit = [s \in Server |-> 0]
  /\ votes = [s \in Server |-> {}]
  /\ match = [s \in Server |-> [t \in Server |-> 0]]
  /\ net = [r \in Server |-> [s \in Server |-> {}]]

Timeout(s) ==
  /\ role[s] # "leader" /\ term[s] < MaxTerm
  /\ LET t == term[s] + 1
         m == [type |-> "RequestVote", term |-> t, lastTerm |-> LastTerm(log[s]), lastIndex |-> Last(log[s])]
         others == Server \ {s}
     IN /\ \A d \in others : CanSend(s, d, m)
        /\ net' = [r \in Server |-> IF r \in others THEN [net[r] EXCEPT ![s] = @ \cup {m}] ELSE net[r]]
        /\ term' = [term EXCEPT ![s] = t]
  /\ role' = [role EXCEPT ![s] = "candidate"]
  /\ votedFor' = [votedFor EXCEPT ![s] = s]
  /\ votes' = [votes EXCEPT ![s] = {s}]
  /\ UNCHANGED <<elected, committed, log, commit, match>>

\* Take m off the link from c to s.
Take(s, c, m) == [net EXCEPT ![s][c] = @ \ {m}]

HandleRequestVote(s) == \E c \in Server : \E m \in net[s][c] :
  /\ m.type = "RequestVote"
  /\ LET t == m.term
         up == t > term[s]
         term1 == IF up THEN t ELSE term[s]
         vf1 == IF up THEN None ELSE votedFor[s]
         grant == t = term1 /\ (vf1 = None \/ vf1 = c) /\ UpToDate(m.lastTerm, m.lastIndex, log[s])
         net1 == Take(s, c, m)
         v == [type |-> "Vote", term |-> t]
     IN /\ term' = [term EXCEPT ![s] = term1]
        /\ role' = IF up THEN [role EXCEPT ![s] = "follower"] ELSE role
        /\ votes' = IF up THEN [votes EXCEPT ![s] = {}] ELSE votes
        /\ match' = IF up THEN [match EXCEPT ![s] = [x \in Server |-> 0]] ELSE match
        /\ IF grant
           THEN /\ Cardinality(net1[c][s] \cup {v}) <= 1
                /\ votedFor' = [votedFor EXCEPT ![s] = c]
                /\ net' = [net1 EXCEPT ![c][s] = @ \cup {v}]
           ELSE /\ votedFor' = [votedFor EXCEPT ![s] = vf1]
                /\ net' = net1
  /\ UNCHANGED <<elected, committed, log, commit>>

HandleVote(s) == \E v \in Server : \E m \in net[s][v] :
  /\ m.type = "Vote"
  /\ net' = Take(s, v, m)
  /\ IF m.term = term[s] /\ role[s] = "candidate"
     THEN LET vs == votes[s] \cup {v} IN
          IF Quorum(vs)
          THEN /\ role' = [role EXCEPT ![s] = "leader"]
               /\ elected' = elected \cup {[term |-> term[s], leader |-> s]}
               /\ votes' = [votes EXCEPT ![s] = {}]
               /\ match' = [match EXCEPT ![s] = [x \in Server |-> 0]]
          ELSE /\ votes' = [votes EXCEPT ![s] = vs]
               /\ UNCHANGED <<role, elected, match>>
     ELSE UNCHANGED <<role, elected, votes, match>>
  /\ UNCHANGED <<committed, term, votedFor, log, commit>>

ClientRequest(s) ==
  /\ role[s] = "leader" /\ Last(log[s]) < MaxLog /\ LastTerm(log[s]) < term[s]
  /\ log' = [log EXCEPT ![s][Last(log[s]) + 1] = term[s]]
  /\ UNCHANGED <<elected, committed, term, votedFor, role, commit, votes, match, net>>

SendAppend(s) == \E f \in Server, prev \in 0..MaxLog :
  /\ role[s] = "leader" /\ f # s /\ match[s][f] <= prev /\ prev <= Last(log[s])
  /\ LET m == [type |-> "Append", term |-> term[s], prevIndex |-> prev, prevTerm |-> TermAt(log[s], prev),
               entry |-> IF prev < Last(log[s]) THEN log[s][prev + 1] ELSE 0]
     IN /\ CanSend(s, f, m)
        /\ net' = [net EXCEPT ![f][s] = @ \cup {m}]
  /\ UNCHANGED <<elected, committed, term, votedFor, log, role, commit, votes, match>>

HandleAppend(s) == \E l \in Server : \E m \in net[s][l] :
  /\ m.type = "Append"
  /\ LET t == m.term
         up == t > term[s]
         term1 == IF up THEN t ELSE term[s]
         cur == t = term1
         pi == m.prevIndex
         e == m.entry
         ok == cur /\ pi <= Last(log[s]) /\ TermAt(log[s], pi) = m.prevTerm
         net1 == Take(s, l, m)
         a == [type |-> "Ack", term |-> t, match |-> IF e = 0 THEN pi ELSE pi + 1]
     IN /\ term' = [term EXCEPT ![s] = term1]
        /\ votedFor' = IF up THEN [votedFor EXCEPT ![s] = None] ELSE votedFor
        /\ role' = IF cur THEN [role EXCEPT ![s] = "follower"] ELSE role
        /\ votes' = IF cur THEN [votes EXCEPT ![s] = {}] ELSE votes
        /\ match' = IF cur THEN [match EXCEPT ![s] = [x \in Server |-> 0]] ELSE match
        /\ log' = IF ok /\ e # 0 /\ log[s][pi + 1] # e
                  THEN [log EXCEPT ![s] = [i \in Slot |-> IF i <= pi THEN log[s][i] ELSE IF i = pi + 1 THEN e ELSE 0]]
                  ELSE log
        /\ IF ok
           THEN /\ Cardinality(net1[l][s] \cup {a}) <= 1
                /\ net' = [net1 EXCEPT ![l][s] = @ \cup {a}]
           ELSE net' = net1
  /\ UNCHANGED <<elected, committed, commit>>

HandleAck(s) == \E f \in Server : \E m \in net[s][f] :
  /\ m.type = "Ack"
  /\ net' = Take(s, f, m)
  /\ IF m.term = term[s] /\ role[s] = "leader"
     THEN LET mt == [match[s] EXCEPT ![f] = Max2(@, m.match)]
              ok == {n \in Slot : n > commit[s] /\ n <= Last(log[s]) /\ log[s][n] = term[s]
                                  /\ Quorum({s} \cup {x \in Server : mt[x] >= n})}
          IN /\ match' = [match EXCEPT ![s] = mt]
             /\ IF ok # {}
                THEN /\ committed' = committed \cup {[index |-> k, term |-> log[s][k], at |-> term[s]] :
                                                     k \in {k \in Slot : k > commit[s] /\ k <= MaxOf(ok)}}
                     /\ commit' = [commit EXCEPT ![s] = MaxOf(ok)]
                ELSE UNCHANGED <<committed, commit>>
     ELSE UNCHANGED <<match, committed, commit>>
  /\ UNCHANGED <<elected, term, votedFor, log, role, votes>>

Next == \E s \in Server :
  \/ Timeout(s) \/ HandleRequestVote(s) \/ HandleVote(s) \/ ClientRequest(s)
  \/ SendAppend(s) \/ HandleAppend(s) \/ HandleAck(s)

ElectionSafety == \A a, b \in elected : a.term = b.term => a.leader = b.leader
LogMatching == \A a, b \in Server, k \in Slot :
  log[a][k] # 0 /\ log[a][k] = log[b][k] => \A j \in Slot : j <= k => log[a][j] = log[b][j]
LeaderCompleteness == \A c \in committed, l \in Server :
  role[l] = "leader" /\ term[l] > c.at => log[l][c.index] = c.term
StateMachineSafety == \A c, d \in committed : c.index = d.index => c.term = d.term
====
