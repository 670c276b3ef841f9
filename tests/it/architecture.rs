//! The promises of ARCHITECTURE.md that the code itself can be held to: no import circles
//! between the library's modules, the library never reaching into the command line, no
//! source file too long to read as one job, and a room in the code map for every module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Past this many lines a file is doing more than one job.
const MAX_LINES: usize = 600;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The top-level module a file of `src/` belongs to: `src/answers/values.rs` → `answers`.
fn module_of(path: &Path) -> String {
    let relative = path.strip_prefix(root().join("src")).unwrap();
    let first = relative.components().next().unwrap().as_os_str().to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The top-level modules of the library that a file's code names (`crate::reading::…`,
/// `use crate::{a, b}`); comments do not count.
fn uses(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                group[..end].split(',').collect()
            } else {
                vec![rest]
            };
            for name in names {
                let name: String =
                    name.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() && name.chars().next().is_some_and(char::is_lowercase) {
                    out.insert(name);
                }
            }
        }
    }
    out
}

/// Which module uses which, for the library's files.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in sources(&root().join("src")) {
        let module = module_of(&path);
        if module == "lib" || module == "main" || module == "cli" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let used: Vec<String> = uses(&text).into_iter().filter(|m| *m != module).collect();
        graph.entry(module).or_default().extend(used);
    }
    graph
}

/// A circle in `graph` (a module, the modules it uses, … and the first one again), if any.
fn find_circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    // Depth-first search for a path back to a module on the path.
    fn from(
        graph: &BTreeMap<String, BTreeSet<String>>,
        node: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = from(graph, next, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|node| from(graph, node, &mut Vec::new(), &mut done))
}

#[test]
fn the_library_has_no_import_circles() {
    let graph = graph();
    assert!(graph.len() > 10, "the modules were not found: {graph:?}");
    if let Some(circle) = find_circle(&graph) {
        panic!("an import circle: {}", circle.join(" → "));
    }
}

#[test]
fn the_checks_see_what_a_file_uses_and_a_circle() {
    let used = uses("use crate::reading::decode;\nuse crate::{error, input_error::InputError};");
    assert_eq!(used, ["error", "input_error", "reading"].map(String::from).into_iter().collect());
    assert!(uses("// see crate::cli").is_empty());
    // print → render → tiling → print, as it was before the modules were given rooms.
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (a, b) in [("print", "render"), ("render", "tiling"), ("tiling", "print"), ("a", "print")] {
        graph.entry(a.into()).or_default().insert(b.into());
    }
    let circle = find_circle(&graph).expect("a circle");
    assert_eq!(circle.first(), circle.last());
    assert_eq!(circle.len(), 4, "{circle:?}");
    graph.get_mut("tiling").unwrap().clear();
    assert_eq!(find_circle(&graph), None);
}

#[test]
fn the_library_never_reaches_into_the_command_line() {
    for path in sources(&root().join("src")) {
        let module = module_of(&path);
        if module == "cli" || module == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!uses(&text).contains("cli"), "{} uses the command line", path.display());
        assert!(!text.contains("clap::Parser"), "{} parses a command line", path.display());
    }
}

#[test]
fn no_source_file_does_more_than_one_job() {
    for path in sources(&root().join("src")) {
        let lines = std::fs::read_to_string(&path).unwrap().lines().count();
        assert!(lines <= MAX_LINES, "{} has {lines} lines (at most {MAX_LINES})", path.display());
    }
}

#[test]
fn every_module_has_a_room_in_the_code_map() {
    let map = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    for path in sources(&root().join("src")) {
        let relative = path.strip_prefix(root()).unwrap().display().to_string();
        let named = map.contains(&format!("`{relative}`"))
            || path.parent().is_some_and(|dir| {
                let dir = dir.strip_prefix(root()).unwrap().display().to_string();
                map.contains(&format!("`{dir}/`"))
            });
        assert!(named, "ARCHITECTURE.md's code map does not name {relative}");
    }
}

#[test]
fn reading_answers_knows_nothing_of_typst() {
    // Answers are data: the modules that read and check them never touch the typesetter.
    let reading = ["src/answers", "src/inputs", "src/reading.rs", "src/input_error.rs"];
    let reading = reading.into_iter().chain(["src/limits.rs", "src/check.rs"]);
    for place in reading {
        let path = root().join(place);
        let files = if path.is_dir() { sources(&path) } else { vec![path] };
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            assert!(!text.contains("typst"), "{} uses Typst", file.display());
            assert!(!uses(&text).contains("render"), "{} renders", file.display());
        }
    }
}

/// The lines of a file that are the library's code: not comments, not its unit tests (the
/// rest of the file from `#[cfg(test)]` on).
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .take_while(|(_, line)| line.trim() != "#[cfg(test)]")
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .map(|(i, line)| (i + 1, line))
}

/// The files of one directory module under `src/` and the files of the same module each
/// names (`super::grid::…`, `use super::{cells, grid}`, `crate::inputs::grid`).
fn submodule_graph(dir: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let module = dir.file_name().unwrap().to_string_lossy().to_string();
    let files: Vec<PathBuf> =
        sources(dir).into_iter().filter(|p| p.parent() == Some(dir)).collect();
    let names: BTreeSet<String> =
        files.iter().map(|p| p.file_stem().unwrap().to_string_lossy().to_string()).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &files {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if name == "mod" {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let code: String = code_lines(&text).map(|(_, l)| format!("{l}\n")).collect();
        // `super::x` seen as `crate::x` by `uses`; the module's own path likewise.
        let code =
            code.replace("super::", "crate::").replace(&format!("crate::{module}::"), "crate::");
        let used: Vec<String> = uses(&code)
            .into_iter()
            .filter(|m| names.contains(m) && *m != name && m != "mod")
            .collect();
        graph.entry(name).or_default().extend(used);
    }
    graph
}

#[test]
fn no_module_has_an_import_circle_among_its_files() {
    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("src")).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let graph = submodule_graph(&dir);
        checked += graph.len();
        if let Some(circle) = find_circle(&graph) {
            panic!("an import circle in {}: {}", dir.display(), circle.join(" → "));
        }
    }
    assert!(checked > 20, "only {checked} files were checked");
}

/// Every line of the library's code (`code_lines`) outside the file `but`: its file, its
/// number and its text.
fn library_code_but(but: &str) -> Vec<(PathBuf, usize, String)> {
    let files = sources(&root().join("src")).into_iter().filter(|p| !p.ends_with(but));
    let lines = files.flat_map(|path| {
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<(usize, String)> =
            code_lines(&text).map(|(n, line)| (n, line.to_string())).collect();
        lines.into_iter().map(move |(n, line)| (path.clone(), n, line))
    });
    lines.collect()
}

#[test]
fn only_the_list_of_languages_names_a_language() {
    // A language is a line of `src/lang.rs` and its two files: the code goes over
    // `Lang::ALL` and never picks a language by its name.
    let code = library_code_but("src/lang.rs");
    assert!(code.len() > 5000, "only {} lines of code were read", code.len());
    for (path, n, line) in code {
        let mut rest = line.as_str();
        while let Some(at) = rest.find("Lang::") {
            rest = &rest[at + "Lang::".len()..];
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
            let a_language = name.chars().next().is_some_and(char::is_uppercase)
                && name.chars().skip(1).all(char::is_lowercase);
            assert!(!a_language, "{}:{n} names the language Lang::{name}", path.display());
        }
    }
}

#[test]
fn only_the_table_of_documents_decides_by_document() {
    // What is known of a document (its paper, its map, its words, its download) is in
    // `DOCUMENTS` (`src/templates.rs`): no other code matches on which document it is.
    for (path, n, line) in library_code_but("src/templates.rs") {
        let decides = ["Poster", "Handout", "Handbook", "Map"].iter().any(|d| {
            let arm = format!("Template::{d}");
            line.contains(&format!("{arm} =>"))
                || line.contains(&format!("{arm} |"))
                || line.contains(&format!("| {arm}"))
                || line.contains(&format!("== {arm}"))
                || line.contains(&format!("!= {arm}"))
        });
        assert!(!decides, "{}:{n} decides by document: {}", path.display(), line.trim());
    }
}

#[test]
fn every_page_of_the_server_is_escaped_by_type() {
    // The pages are `Html`, made by `html!` from markup and escaped values: no page is
    // written as a `String` with `format!`.
    for path in sources(&root().join("src/serve")) {
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in code_lines(&text) {
            let formats_markup = line.contains("format!(\"<") || line.contains("push_str(\"<");
            assert!(!formats_markup, "{}:{n} writes markup as a String", path.display());
        }
    }
}

#[test]
fn the_pages_scripts_set_every_word_as_text_never_as_markup() {
    // A participant's words reach the page's scripts from the server (names, messages,
    // where a name went); set as text or as an attribute, they cannot become markup.
    let web = root().join("web");
    let mut scripts = 0;
    for entry in std::fs::read_dir(&web).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "js") {
            continue;
        }
        scripts += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        for bad in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("] {
            assert!(!text.contains(bad), "{} uses {bad}", path.display());
        }
    }
    assert!(scripts >= 3, "the page's scripts are in web/");
}
