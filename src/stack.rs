//! How deep the pipeline may recurse, and the stack it gets for that.
//!
//! Every stage walks the spec's tree recursively (the parser, the checker,
//! both evaluators), so a deeply nested spec needs a deep stack. Two
//! measures keep any input from overflowing it: the syntax stage refuses
//! nesting deeper than [`MAX_NESTING`] (brackets and operator chains alike;
//! see `syntax/depth.rs`), and the pipeline runs on a thread whose stack,
//! [`STACK_BYTES`], holds that depth in every stage with room to spare, in
//! debug builds too. The stack is reserved address space: pages are only
//! touched as deep recursion reaches them.

/// The deepest nesting a spec may have: a chain of `n` operators (`a + b +
/// ...`, `p or q or ...`) counts `n`, each bracket, `not`, quantifier,
/// `if` or `let` one more.
pub const MAX_NESTING: usize = 25_000;

/// The stack of the pipeline's thread. The parser needs the most: in a
/// debug build 12,000 nested `let`s take 264 MB, 12,000 brackets 178 MB.
pub const STACK_BYTES: usize = 1 << 30;

/// The stack of each search worker, which only evaluates expressions
/// (already checked to nest at most [`MAX_NESTING`] deep).
pub const WORKER_STACK_BYTES: usize = 512 << 20;

/// Run `f` on a thread with a [`STACK_BYTES`] stack and return its result.
/// A panic in `f` is resumed on the calling thread.
pub fn with_big_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    let slot = std::sync::Mutex::new(Some(f));
    let take = || slot.lock().ok().and_then(|mut f| f.take());
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name("ravel".to_string())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, || take().map(|f| f()));
        let result = match thread {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => None,
        };
        // Without the address space for a big stack, run here.
        result.unwrap_or_else(|| take().expect("the work runs once, here or there")())
    })
}
