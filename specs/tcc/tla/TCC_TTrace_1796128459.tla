---- MODULE TCC_TTrace_1796128459 ----
EXTENDS Sequences, TLCExt, TCC, Toolbox, Naturals, TLC

_expression ==
    LET TCC_TEExpression == INSTANCE TCC_TEExpression
    IN TCC_TEExpression!expression
----

_trace ==
    LET TCC_TETrace == INSTANCE TCC_TETrace
    IN TCC_TETrace!trace
----

_inv ==
    ~(
        TLCGet("level") = Len(_TETrace)
        /\
        replies = ()
        /\
        lost = ()
        /\
        now = ()
        /\
        record = ("cancelled")
        /\
        spent = ()
        /\
        available = (1)
        /\
        frozen = (0)
        /\
        state = ()
        /\
        requests = ({"Try"})
        /\
        deadline = ()
    )
----

_init ==
    /\ state = _TETrace[1].state
    /\ now = _TETrace[1].now
    /\ replies = _TETrace[1].replies
    /\ record = _TETrace[1].record
    /\ available = _TETrace[1].available
    /\ spent = _TETrace[1].spent
    /\ frozen = _TETrace[1].frozen
    /\ requests = _TETrace[1].requests
    /\ lost = _TETrace[1].lost
    /\ deadline = _TETrace[1].deadline
----

_next ==
    /\ \E i,j \in DOMAIN _TETrace:
        /\ \/ /\ j = i + 1
              /\ i = TLCGet("level")
        /\ state  = _TETrace[i].state
        /\ state' = _TETrace[j].state
        /\ now  = _TETrace[i].now
        /\ now' = _TETrace[j].now
        /\ replies  = _TETrace[i].replies
        /\ replies' = _TETrace[j].replies
        /\ record  = _TETrace[i].record
        /\ record' = _TETrace[j].record
        /\ available  = _TETrace[i].available
        /\ available' = _TETrace[j].available
        /\ spent  = _TETrace[i].spent
        /\ spent' = _TETrace[j].spent
        /\ frozen  = _TETrace[i].frozen
        /\ frozen' = _TETrace[j].frozen
        /\ requests  = _TETrace[i].requests
        /\ requests' = _TETrace[j].requests
        /\ lost  = _TETrace[i].lost
        /\ lost' = _TETrace[j].lost
        /\ deadline  = _TETrace[i].deadline
        /\ deadline' = _TETrace[j].deadline

\* Uncomment the ASSUME below to write the states of the error trace
\* to the given file in Json format. Note that you can pass any tuple
\* to `JsonSerialize`. For example, a sub-sequence of _TETrace.
    \* ASSUME
    \*     LET J == INSTANCE Json
    \*         IN J!JsonSerialize("TCC_TTrace_1796128459.json", _TETrace)

=============================================================================

 Note that you can extract this module `TCC_TEExpression`
  to a dedicated file to reuse `expression` (the module in the 
  dedicated `TCC_TEExpression.tla` file takes precedence 
  over the module `TCC_TEExpression` below).

---- MODULE TCC_TEExpression ----
EXTENDS Sequences, TLCExt, TCC, Toolbox, Naturals, TLC

expression == 
    [
        \* To hide variables of the `TCC` spec from the error trace,
        \* remove the variables below.  The trace will be written in the order
        \* of the fields of this record.
        state |-> state
        ,now |-> now
        ,replies |-> replies
        ,record |-> record
        ,available |-> available
        ,spent |-> spent
        ,frozen |-> frozen
        ,requests |-> requests
        ,lost |-> lost
        ,deadline |-> deadline
        
        \* Put additional constant-, state-, and action-level expressions here:
        \* ,_stateNumber |-> _TEPosition
        \* ,_stateUnchanged |-> state = state'
        
        \* Format the `state` variable as Json value.
        \* ,_stateJson |->
        \*     LET J == INSTANCE Json
        \*     IN J!ToJson(state)
        
        \* Lastly, you may build expressions over arbitrary sets of states by
        \* leveraging the _TETrace operator.  For example, this is how to
        \* count the number of times a spec variable changed up to the current
        \* state in the trace.
        \* ,_stateModCount |->
        \*     LET F[s \in DOMAIN _TETrace] ==
        \*         IF s = 1 THEN 0
        \*         ELSE IF _TETrace[s].state # _TETrace[s-1].state
        \*             THEN 1 + F[s-1] ELSE F[s-1]
        \*     IN F[_TEPosition - 1]
    ]

=============================================================================



Parsing and semantic processing can take forever if the trace below is long.
 In this case, it is advised to uncomment the module below to deserialize the
 trace from a generated binary file.

\*
\*---- MODULE TCC_TETrace ----
\*EXTENDS IOUtils, TCC, TLC
\*
\*trace == IODeserialize("TCC_TTrace_1796128459.bin", TRUE)
\*
\*=============================================================================
\*

---- MODULE TCC_TETrace ----
EXTENDS TCC, TLC

trace == 
    <<
    ([replies |-> {},lost |-> 0,now |-> 0,record |-> "blank",spent |-> 0,available |-> 1,frozen |-> 0,state |-> "idle",requests |-> {},deadline |-> -1]),
    ([replies |-> {},lost |-> 0,now |-> 0,record |-> "blank",spent |-> 0,available |-> 1,frozen |-> 0,state |-> "trying",requests |-> {"Try"},deadline |-> 1]),
    ([replies |-> {},lost |-> 0,now |-> 1,record |-> "blank",spent |-> 0,available |-> 1,frozen |-> 0,state |-> "trying",requests |-> {"Try"},deadline |-> 1]),
    ([replies |-> {},lost |-> 0,now |-> 1,record |-> "blank",spent |-> 0,available |-> 1,frozen |-> 0,state |-> "cancelling",requests |-> {"Try", "Cancel"},deadline |-> 2]),
    ([replies |-> ,lost |-> ,now |-> ,record |-> "cancelled",spent |-> ,available |-> 1,frozen |-> 0,state |-> ,requests |-> {"Try"},deadline |-> ])
    >>
----


=============================================================================

---- CONFIG TCC_TTrace_1796128459 ----
CONSTANTS
    Total = 1
    Timeout = 1
    MaxTime = 3

INVARIANT
    _inv

CHECK_DEADLOCK
    \* CHECK_DEADLOCK off because of PROPERTY or INVARIANT above.
    FALSE

INIT
    _init

NEXT
    _next

CONSTANT
    _TETrace <- _trace

ALIAS
    _expression
=============================================================================
\* Generated on Tue Dec 01 12:34:23 UTC 2026