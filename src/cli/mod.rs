//! Subcommands of the `ravel` binary that have their own file (the rest
//! are in `main.rs`).

pub mod simulate;
