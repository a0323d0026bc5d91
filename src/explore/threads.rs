//! Worker threads: how many, and the pool they run in.
//!
//! `--threads` is bounded: past a few threads per core a search only gets
//! slower (10,000 threads took 50 s on a 288-state model, from creating
//! them and their per-thread workers), so more than [`PER_CORE`] per core is
//! clamped, and more than [`MAX_THREADS`] is refused. Every worker gets a
//! stack of [`crate::stack::WORKER_STACK_BYTES`], as the pipeline's own
//! thread gets a big one: evaluating a long `or` chain recurses once per term.

/// The most worker threads `--threads` accepts.
pub const MAX_THREADS: usize = 256;

/// Threads per core beyond which `--threads` is clamped.
pub const PER_CORE: usize = 4;

/// `requested` threads, clamped to [`PER_CORE`] per core and to
/// [`MAX_THREADS`] (and at least one).
pub fn clamp_threads(requested: usize, cores: usize) -> usize {
    requested.min(cores.max(1) * PER_CORE).clamp(1, MAX_THREADS)
}

/// A pool of `threads` workers (at most [`MAX_THREADS`]), or `None` to run
/// on the calling thread.
pub(super) fn pool(threads: usize) -> Option<rayon::ThreadPool> {
    let threads = threads.min(MAX_THREADS);
    if threads <= 1 {
        return None;
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(crate::stack::WORKER_STACK_BYTES)
        .build()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_are_clamped_per_core_and_overall() {
        assert_eq!(clamp_threads(10_000, 2), 8);
        assert_eq!(clamp_threads(3, 2), 3);
        assert_eq!(clamp_threads(0, 2), 1);
        assert_eq!(clamp_threads(1000, 128), MAX_THREADS);
        assert!(pool(1).is_none());
        assert_eq!(
            pool(100_000).map(|p| p.current_num_threads()),
            Some(MAX_THREADS)
        );
    }
}
