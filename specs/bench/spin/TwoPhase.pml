/* TwoPhase commit (Lamport's TwoPhase.tla) with 9 resource managers, for
   timing SPIN against Ravel on specs/bench/two_phase_commit_9.rvl: one
   process whose loop takes any enabled action in one deterministic step,
   so that every state of the loop is one state of the TLA+ spec. */
#define WORKING 0
#define PREPARED 1
#define COMMITTED 2
#define ABORTED 3

byte rm[9];
byte tm = 0;          /* 0 init, 1 committed, 2 aborted */
unsigned tmPrepared : 9 = 0;
unsigned prepMsgs : 9 = 0;  /* which Prepared(rm) messages were sent */
bit commitMsg = 0;
bit abortMsg = 0;

active proctype M() {
end:
  do
  :: d_step { tm == 0 && tmPrepared == 511 -> tm = 1; commitMsg = 1 }
  :: d_step { tm == 0 -> tm = 2; abortMsg = 1 }
  :: d_step { tm == 0 && ((prepMsgs >> 0) & 1) -> tmPrepared = tmPrepared | 1 }
  :: d_step { rm[0] == WORKING -> rm[0] = PREPARED; prepMsgs = prepMsgs | 1 }
  :: d_step { rm[0] == WORKING -> rm[0] = ABORTED }
  :: d_step { commitMsg -> rm[0] = COMMITTED }
  :: d_step { abortMsg -> rm[0] = ABORTED }
  :: d_step { tm == 0 && ((prepMsgs >> 1) & 1) -> tmPrepared = tmPrepared | 2 }
  :: d_step { rm[1] == WORKING -> rm[1] = PREPARED; prepMsgs = prepMsgs | 2 }
  :: d_step { rm[1] == WORKING -> rm[1] = ABORTED }
  :: d_step { commitMsg -> rm[1] = COMMITTED }
  :: d_step { abortMsg -> rm[1] = ABORTED }
  :: d_step { tm == 0 && ((prepMsgs >> 2) & 1) -> tmPrepared = tmPrepared | 4 }
  :: d_step { rm[2] == WORKING -> rm[2] = PREPARED; prepMsgs = prepMsgs | 4 }
  :: d_step { rm[2] == WORKING -> rm[2] = ABORTED }
  :: d_step { commitMsg -> rm[2] = COMMITTED }
  :: d_step { abortMsg -> rm[2] = ABORTED }
  :: d_step { tm == 0 && ((prepMsgs >> 3) & 1) -> tmPrepared = tmPrepared | 8 }
  :: d_step { rm[3] == WORKING -> rm[3] = PREPARED; prepMsgs = prepMsgs | 8 }
  :: d_step { rm[3] == WORKING -> rm[3] = ABORTED }
  :: d_step { commitMsg -> rm[3] = COMMITTED }
  :: d_step { abortMsg -> rm[3] = ABORTED }
  :: d_step { tm == 0 && ((prepMsgs >> 4) & 1) -> tmPrepared = tmPrepared | 16 }
  :: d_step { rm[4] == WORKING -> rm[4] = PREPARED; prepMsgs = prepMsgs | 16 }
  :: d_step { rm[4] == WORKING -> rm[4] = ABORTED }
  :: d_step { commitMsg -> rm[4] = COMMITTED }
  :: d_step { abortMsg -> rm[4] = ABORTED }
  :: d_step { tm == 0 && ((prepMsgs >> 5) & 1) -> tmPrepared = tmPrepared | 32 }
  :: d_step { rm[5] == WORKING -> rm[5] = PREPARED; prepMsgs = prepMsgs | 32 }
  :: d_step { rm[5] == WORKING -> rm[5] = ABORTED }
  :: d_step { commitMsg -> rm[5] = COMMITTED }
  :: d_step { abortMsg -> rm[5] = ABORTED }
  :: d_step { tm == 0 && ((prepMsgs >> 6) & 1) -> tmPrepared = tmPrepared | 64 }
  :: d_step { rm[6] == WORKING -> rm[6] = PREPARED; prepMsgs = prepMsgs | 64 }
  :: d_step { rm[6] == WORKING -> rm[6] = ABORTED }
  :: d_step { commitMsg -> rm[6] = COMMITTED }
  :: d_step { abortMsg -> rm[6] = ABORTED }
  :: d_step { tm == 0 && ((prepMsgs >> 7) & 1) -> tmPrepared = tmPrepared | 128 }
  :: d_step { rm[7] == WORKING -> rm[7] = PREPARED; prepMsgs = prepMsgs | 128 }
  :: d_step { rm[7] == WORKING -> rm[7] = ABORTED }
  :: d_step { commitMsg -> rm[7] = COMMITTED }
  :: d_step { abortMsg -> rm[7] = ABORTED }
  :: d_step { tm == 0 && ((prepMsgs >> 8) & 1) -> tmPrepared = tmPrepared | 256 }
  :: d_step { rm[8] == WORKING -> rm[8] = PREPARED; prepMsgs = prepMsgs | 256 }
  :: d_step { rm[8] == WORKING -> rm[8] = ABORTED }
  :: d_step { commitMsg -> rm[8] = COMMITTED }
  :: d_step { abortMsg -> rm[8] = ABORTED }
  od
}
