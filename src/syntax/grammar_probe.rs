#[cfg(test)]
mod t {
    use crate::syntax::{RavelParser, Rule};
    use pest::Parser;
    #[test]
    fn probe() {
        for f in ["specs/two_phase_commit.rvl", "specs/paxos.rvl"] {
            let text = std::fs::read_to_string(f).unwrap();
            match RavelParser::parse(Rule::spec, &text) {
                Ok(_) => {}
                Err(e) => panic!("{f}: {e}"),
            }
        }
    }
}
