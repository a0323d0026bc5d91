//! `ravel completions SHELL` and `ravel --version`.

use std::process::Command;

fn ravel(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_ravel"))
        .args(args)
        .output()
        .expect("the ravel binary runs");
    let code = output.status.code().unwrap_or(-1);
    (code, String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn completion_scripts_know_the_subcommands_and_options() {
    let (code, bash) = ravel(&["completions", "bash"]);
    assert_eq!(code, 0);
    assert!(bash.contains("_ravel()"), "{bash}");
    assert!(
        bash.contains("check fmt lsp simulate explore completions help"),
        "{bash}"
    );
    assert!(bash.contains("--no-deadlock"), "{bash}");
    let (code, zsh) = ravel(&["completions", "zsh"]);
    assert_eq!(code, 0);
    assert!(zsh.starts_with("#compdef ravel"), "{zsh}");
    assert!(zsh.contains("--max-states"), "{zsh}");
    let (code, fish) = ravel(&["completions", "fish"]);
    assert_eq!(code, 0);
    assert!(fish.contains("complete -c ravel"), "{fish}");
    assert!(fish.contains("-a \"fmt\""), "{fish}");
    let (code, _) = ravel(&["completions", "tcsh"]);
    assert_eq!(code, 2);
}

#[test]
fn version_is_the_crates() {
    let (code, out) = ravel(&["--version"]);
    assert_eq!(
        (code, out),
        (0, format!("ravel {}\n", env!("CARGO_PKG_VERSION")))
    );
}
