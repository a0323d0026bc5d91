//! Generated well-typed specs (`tests/specgen`, driven by the fuzzer's
//! bytes) through every stage with a bounded search: a verdict, never a
//! panic; and the verdict and counts are the same with 1 and 2 threads.
//! The first byte picks the reductions: bit 0 declares the spec's `E` a
//! `symmetric` set (reduced where the spec allows), bit 1 adds a view of
//! the first variable.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ravel::source::Source;

#[path = "../../tests/specgen/mod.rs"]
mod specgen;

fuzz_target!(|data: &[u8]| {
    let (flags, rest) = data.split_first().map_or((0, data), |(f, r)| (*f, r));
    let mut g = specgen::Gen::from_bytes(rest);
    g.symmetric = flags & 1 == 1;
    let mut text = specgen::spec(&mut g);
    if flags & 2 == 2 {
        text.push_str("view: v0\n");
    }
    let run = |threads| {
        let mut args = ravel::CheckArgs::new(Source::new("gen.rvl", text.clone()));
        args.options.max_states = Some(2_000);
        args.options.threads = threads;
        match ravel::run(&args, &mut ()) {
            Ok(checked) => Some((checked.report, checked.outcome.stats.distinct)),
            Err(failure) => panic!("a generated spec is rejected:\n{}\n{text}", failure.render(false)),
        }
    };
    let one = ravel::stack::with_big_stack(|| run(1));
    let two = ravel::stack::with_big_stack(|| run(2));
    assert_eq!(one, two, "1 and 2 threads differ on\n{text}");
});
