//! Any bytes through the parser: a spec or a syntax error, never a panic
//! or a stack overflow; the error renders (miette) without a panic too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ravel::diagnostic::{Diagnostic, Failure};
use ravel::source::Source;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let source = Source::new("fuzz.rvl", text);
    ravel::stack::with_big_stack(|| {
        if let Err(error) = ravel::syntax::parse(&source) {
            let diagnostic = Diagnostic {
                details: error.kind.details(),
                span: Some(error.span),
            };
            let _ = Failure::new(&source, vec![diagnostic]).render(false);
        }
        let _ = ravel::syntax::parse_const_value(&source.text);
    });
});
