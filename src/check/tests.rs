//! End-to-end tests of the check stage: spec text in, IR or errors out.
