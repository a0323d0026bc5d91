//! Compile the generated parser (`src/parser.c`, from `tree-sitter generate`).
fn main() {
    let src = std::path::Path::new("src");
    cc::Build::new()
        .include(src)
        .flag_if_supported("-Wno-unused-parameter")
        .flag_if_supported("-Wno-unused-but-set-variable")
        .file(src.join("parser.c"))
        .compile("tree-sitter-ravel");
    println!("cargo:rerun-if-changed=src/parser.c");
}
