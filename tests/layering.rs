//! The architecture, kept true: each layer imports only the layers below
//! it (SPEC's cli → ops → model, with store, git and render beside). A
//! module that reaches for a layer it must not fails this test, naming the
//! file and the line.

use std::path::{Path, PathBuf};

/// The layers a layer must not import.
fn forbidden(layer: &str) -> &'static [&'static str] {
    match layer {
        "model" => &[
            "cli", "ops", "render", "store", "git", "merge", "escape", "shell", "runner",
        ],
        "store" => &["cli", "ops", "render", "git", "runner"],
        "render" => &["cli", "store", "git", "runner"],
        // The command line starts no program: sources run through ops.
        "cli" => &["runner"],
        "ops" => &["cli"],
        "git" | "error" | "escape" | "shell" | "runner" => {
            &["cli", "ops", "render", "store", "model", "merge"]
        }
        "merge" => &["cli", "ops", "render"],
        _ => &[],
    }
}

/// The layer a source file belongs to: its folder under src/, or its own
/// name for a file at the top.
fn layer_of(path: &Path, src: &Path) -> String {
    let rel = path.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// Every top-level module a line names through `crate::`, including those
/// of a grouped `use crate::{a::x, b}`.
fn crate_modules(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.push(item.trim().split("::").next().unwrap_or("").to_string());
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    item.push(c);
                }
            }
            found.push(item.trim().split("::").next().unwrap_or("").to_string());
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.push(name);
        }
    }
    found.retain(|n| !n.is_empty());
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn each_layer_imports_only_what_it_may() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let layer = layer_of(file, &src);
        let text = std::fs::read_to_string(file).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for module in crate_modules(line) {
                if forbidden(&layer).contains(&module.as_str()) {
                    wrong.push(format!(
                        "{}:{}: {layer} imports {module}",
                        file.strip_prefix(&src).unwrap().display(),
                        i + 1
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

#[test]
fn grouped_imports_are_seen() {
    assert_eq!(
        crate_modules("use crate::{store::load, cli::x};"),
        vec!["store", "cli"]
    );
    assert_eq!(crate_modules("let x = crate::git::run();"), vec!["git"]);
    assert!(forbidden("model").contains(&"store"));
}
