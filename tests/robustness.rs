//! Bad input never panics: thousands of mutated copies of the bundled specs
//! go through every stage (the search capped at a few hundred states), and
//! each must end in a verdict or a diagnostic, never a panic.
//!
//! The mutations are deterministic (a fixed-seed generator), so a failure
//! names the mutant and reproduces.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};

use common::{run, spec_files};
use ravel::explore::Options;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Split text into tokens: words, numbers, and single other characters,
/// keeping the whitespace so the mutant stays readable.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let mut j = i + 1;
        if c.is_alphanumeric() || c == '_' {
            while j < chars.len() && (chars[j].1.is_alphanumeric() || chars[j].1 == '_') {
                j += 1;
            }
        }
        let end = chars.get(j).map_or(text.len(), |(e, _)| *e);
        if at > start {
            out.push(&text[start..at]);
        }
        out.push(&text[at..end]);
        start = end;
        i = j;
    }
    out
}

const REPLACEMENTS: &[&str] = &[
    "0",
    "-1",
    "100000",
    "99999999999",
    "{}",
    "none",
    "x",
    "set<int>",
    "..",
    "==",
    "=",
    "in",
    "true",
    "{",
    "}",
    "(",
    ")",
    ",",
    ":",
    "|",
    "[",
    "]",
    "->",
    "and",
    "forall",
    "some(",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut toks: Vec<String> = tokens(text).into_iter().map(String::from).collect();
    let meaningful: Vec<usize> = (0..toks.len())
        .filter(|i| !toks[*i].trim().is_empty())
        .collect();
    for _ in 0..1 + rng.below(2) {
        let at = meaningful[rng.below(meaningful.len())];
        match rng.below(4) {
            0 => toks[at].clear(),
            1 => {
                let other = meaningful[rng.below(meaningful.len())];
                toks[at] = toks[other].clone();
            }
            2 => toks[at] = REPLACEMENTS[rng.below(REPLACEMENTS.len())].to_string(),
            _ => {
                let other = meaningful[rng.below(meaningful.len())];
                toks.swap(at, other);
            }
        }
    }
    toks.concat()
}

#[test]
fn mutated_specs_never_panic() {
    let per_spec = if cfg!(debug_assertions) { 60 } else { 400 };
    let options = Options {
        max_states: Some(300),
        ..Options::default()
    };
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut panics = Vec::new();
    let mut ran = 0;
    // A panic is the finding: keep the default hook from printing each one.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for path in spec_files() {
        let text = std::fs::read_to_string(&path).expect("spec is readable");
        for n in 0..per_spec {
            let mutant = mutate(&text, &mut rng);
            ran += 1;
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                run("mutant.rvl", &mutant, &[], &options).map(|_| ())
            }));
            if outcome.is_err() {
                panics.push(format!("{} mutant {n}:\n{mutant}", path.display()));
            }
        }
    }
    std::panic::set_hook(hook);
    assert!(ran > 0);
    assert!(
        panics.is_empty(),
        "{} of {ran} mutants panicked; first:\n{}",
        panics.len(),
        panics[0]
    );
}
