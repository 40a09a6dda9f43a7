//! The README's `console` blocks run as they are written, against the demo
//! company (the top-level company.toml), and must print what the README
//! shows; `...` stands for lines left out. Blocks that change files or
//! depend on this repository's git history are `text` blocks and not run.
//! After a change in output: `TRYCMD=overwrite cargo test --test readme`.

#[test]
fn readme_commands_print_what_the_readme_shows() {
    trycmd::TestCases::new()
        .register_bin("pulse", trycmd::cargo::cargo_bin!("pulse"))
        .case("README.md");
}
