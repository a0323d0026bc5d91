//! Reading a spec and the specs it `refines` from files: the one place
//! where a spec's text leads to reading another file. `check` sees what was
//! read (or why it could not be) in [`ast::Loaded`].

use std::path::{Path, PathBuf};

use crate::diagnostic::Failure;
use crate::source::Source;
use crate::syntax::{self, ast};

/// How many specs a chain of `refines` may pass through.
const MAX_CHAIN: usize = 16;

/// Parse a spec, and read and parse every spec it refines (and those
/// refine), each path relative to the file that names it.
pub fn parse_spec(source: &Source) -> Result<ast::Spec, Failure> {
    let mut spec = syntax::parse(source).map_err(|error| crate::syntax_failure(source, &error))?;
    load_refined(&mut spec, &source.name);
    Ok(spec)
}

/// Read and parse every spec that `spec`, read from the file `name`,
/// refines (for a caller that parsed it itself).
pub fn load_refined(spec: &mut ast::Spec, name: &str) {
    let path = Path::new(name);
    let mut chain = vec![canonical(path)];
    read_refined(spec, path, &mut chain);
}

/// Fill in [`ast::RefinesDecl::loaded`] for each `refines` of `spec`,
/// which was read from `from`; `chain` holds the files on the way here.
fn read_refined(spec: &mut ast::Spec, from: &Path, chain: &mut Vec<PathBuf>) {
    for item in &mut spec.items {
        let ast::Item::Refines(decl) = item else {
            continue;
        };
        let path = from.parent().unwrap_or(Path::new("")).join(&decl.path);
        let loaded = match std::fs::read_to_string(&path) {
            Err(error) => ast::Loaded::Unreadable(error.to_string()),
            Ok(_) if chain.contains(&canonical(&path)) => ast::Loaded::Unreadable(
                "it is this spec, or one this spec refines: refinement cannot go round in a circle"
                    .into(),
            ),
            Ok(_) if chain.len() >= MAX_CHAIN => ast::Loaded::Unreadable(format!(
                "a chain of `refines` may pass through at most {MAX_CHAIN} specs"
            )),
            Ok(text) => {
                let source = Source::new(path.display().to_string(), text);
                let parsed = syntax::parse(&source).map(|mut abstract_spec| {
                    chain.push(canonical(&path));
                    read_refined(&mut abstract_spec, &path, chain);
                    chain.pop();
                    abstract_spec
                });
                ast::Loaded::Read { source, parsed }
            }
        };
        decl.loaded = Some(Box::new(loaded));
    }
}

/// A path as one file is always named (as given when it cannot be).
fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}
