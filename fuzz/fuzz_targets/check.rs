//! Text that parses, through the checker: a typed spec or check errors
//! (rendered), never a panic. The input is a bundled spec's text with the
//! fuzzer's bytes spliced in, so most of it parses and reaches `check`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ravel::source::Source;

const SEEDS: &[&str] = &[
    include_str!("../../specs/two_phase_commit/two_phase_commit.rvl"),
    include_str!("../../specs/paxos/paxos.rvl"),
    include_str!("../../specs/die_hard.rvl"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let seed = SEEDS[pick as usize % SEEDS.len()];
    // Splice: keep the spec up to a point chosen by the input, insert the
    // input's text, keep the rest.
    let (at, insert) = match rest.split_first() {
        Some((&cut, insert)) => (seed.len() * cut as usize / 256, insert),
        None => (seed.len(), rest),
    };
    let at = (0..=at).rev().find(|i| seed.is_char_boundary(*i)).unwrap_or(0);
    let text = format!("{}{}{}", &seed[..at], String::from_utf8_lossy(insert), &seed[at..]);
    let mut args = ravel::CheckArgs::new(Source::new("fuzz.rvl", text));
    args.options.max_states = Some(50);
    args.options.threads = 1;
    ravel::stack::with_big_stack(|| match ravel::run(&args, &mut ()) {
        Ok(checked) => drop(checked.report),
        Err(failure) => drop(failure.render(false)),
    });
});
