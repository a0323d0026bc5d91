---- MODULE NoKey_TTrace_1796128121 ----
EXTENDS NoKey, Sequences, TLCExt, Toolbox, Naturals, TLC

_expression ==
    LET NoKey_TEExpression == INSTANCE NoKey_TEExpression
    IN NoKey_TEExpression!expression
----

_trace ==
    LET NoKey_TETrace == INSTANCE NoKey_TETrace
    IN NoKey_TETrace!trace
----

_inv ==
    ~(
        TLCGet("level") = Len(_TETrace)
        /\
        replies = ({})
        /\
        waiting = (FALSE)
        /\
        lost = ()
        /\
        now = ()
        /\
        paid = (1)
        /\
        requests = ()
        /\
        issued = ()
        /\
        charged = ()
        /\
        retry = (-1)
    )
----

_init ==
    /\ now = _TETrace[1].now
    /\ replies = _TETrace[1].replies
    /\ waiting = _TETrace[1].waiting
    /\ requests = _TETrace[1].requests
    /\ retry = _TETrace[1].retry
    /\ paid = _TETrace[1].paid
    /\ issued = _TETrace[1].issued
    /\ charged = _TETrace[1].charged
    /\ lost = _TETrace[1].lost
----

_next ==
    /\ \E i,j \in DOMAIN _TETrace:
        /\ \/ /\ j = i + 1
              /\ i = TLCGet("level")
        /\ now  = _TETrace[i].now
        /\ now' = _TETrace[j].now
        /\ replies  = _TETrace[i].replies
        /\ replies' = _TETrace[j].replies
        /\ waiting  = _TETrace[i].waiting
        /\ waiting' = _TETrace[j].waiting
        /\ requests  = _TETrace[i].requests
        /\ requests' = _TETrace[j].requests
        /\ retry  = _TETrace[i].retry
        /\ retry' = _TETrace[j].retry
        /\ paid  = _TETrace[i].paid
        /\ paid' = _TETrace[j].paid
        /\ issued  = _TETrace[i].issued
        /\ issued' = _TETrace[j].issued
        /\ charged  = _TETrace[i].charged
        /\ charged' = _TETrace[j].charged
        /\ lost  = _TETrace[i].lost
        /\ lost' = _TETrace[j].lost

\* Uncomment the ASSUME below to write the states of the error trace
\* to the given file in Json format. Note that you can pass any tuple
\* to `JsonSerialize`. For example, a sub-sequence of _TETrace.
    \* ASSUME
    \*     LET J == INSTANCE Json
    \*         IN J!JsonSerialize("NoKey_TTrace_1796128121.json", _TETrace)

=============================================================================

 Note that you can extract this module `NoKey_TEExpression`
  to a dedicated file to reuse `expression` (the module in the 
  dedicated `NoKey_TEExpression.tla` file takes precedence 
  over the module `NoKey_TEExpression` below).

---- MODULE NoKey_TEExpression ----
EXTENDS NoKey, Sequences, TLCExt, Toolbox, Naturals, TLC

expression == 
    [
        \* To hide variables of the `NoKey` spec from the error trace,
        \* remove the variables below.  The trace will be written in the order
        \* of the fields of this record.
        now |-> now
        ,replies |-> replies
        ,waiting |-> waiting
        ,requests |-> requests
        ,retry |-> retry
        ,paid |-> paid
        ,issued |-> issued
        ,charged |-> charged
        ,lost |-> lost
        
        \* Put additional constant-, state-, and action-level expressions here:
        \* ,_stateNumber |-> _TEPosition
        \* ,_nowUnchanged |-> now = now'
        
        \* Format the `now` variable as Json value.
        \* ,_nowJson |->
        \*     LET J == INSTANCE Json
        \*     IN J!ToJson(now)
        
        \* Lastly, you may build expressions over arbitrary sets of states by
        \* leveraging the _TETrace operator.  For example, this is how to
        \* count the number of times a spec variable changed up to the current
        \* state in the trace.
        \* ,_nowModCount |->
        \*     LET F[s \in DOMAIN _TETrace] ==
        \*         IF s = 1 THEN 0
        \*         ELSE IF _TETrace[s].now # _TETrace[s-1].now
        \*             THEN 1 + F[s-1] ELSE F[s-1]
        \*     IN F[_TEPosition - 1]
    ]

=============================================================================



Parsing and semantic processing can take forever if the trace below is long.
 In this case, it is advised to uncomment the module below to deserialize the
 trace from a generated binary file.

\*
\*---- MODULE NoKey_TETrace ----
\*EXTENDS NoKey, IOUtils, TLC
\*
\*trace == IODeserialize("NoKey_TTrace_1796128121.bin", TRUE)
\*
\*=============================================================================
\*

---- MODULE NoKey_TETrace ----
EXTENDS NoKey, TLC

trace == 
    <<
    ([replies |-> {},waiting |-> FALSE,lost |-> 0,now |-> 0,paid |-> 0,requests |-> {},issued |-> 0,charged |-> 0,retry |-> -1]),
    ([replies |-> {},waiting |-> TRUE,lost |-> 0,now |-> 0,paid |-> 0,requests |-> {"Charge"},issued |-> 1,charged |-> 0,retry |-> 1]),
    ([replies |-> {"Charged"},waiting |-> TRUE,lost |-> 0,now |-> 0,paid |-> 0,requests |-> {},issued |-> 1,charged |-> 1,retry |-> 1]),
    ([replies |-> {},waiting |-> FALSE,lost |-> ,now |-> ,paid |-> 1,requests |-> ,issued |-> ,charged |-> ,retry |-> -1])
    >>
----


=============================================================================

---- CONFIG NoKey_TTrace_1796128121 ----
CONSTANTS
    Payments = 2
    Timeout = 1
    MaxTime = 4

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
\* Generated on Tue Dec 01 12:28:43 UTC 2026