//! The code's shape, checked from its source: no cycle between the crate's top-level modules (`crate::x`
//! edges), and no catch-all arm in a match over operations (`Op::`, `<Kind>Op::`) or object kinds
//! (`Kind::`), where a new variant must force a decision.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn src_files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The top-level module a file belongs to (`None` for the crate roots, which declare every module).
fn top(rel: &str) -> Option<String> {
    let first = rel.split('/').next()?.trim_end_matches(".rs");
    (first != "lib" && first != "main").then(|| first.to_string())
}

fn ident_at(s: &str) -> String {
    s.chars().take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_').collect()
}

/// Modules a file names as `crate::x`, including `crate::{x::.., y}` groups; comments are skipped.
fn crate_refs(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let mut depth = 0;
                let mut start = true;
                for (j, c) in group.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => start = true,
                        c if c.is_whitespace() => {}
                        _ if start => {
                            out.insert(ident_at(&group[j..]));
                            start = false;
                        }
                        _ => {}
                    }
                }
            } else {
                out.insert(ident_at(rest));
            }
        }
    }
    out.retain(|m| !m.is_empty());
    out
}

/// A cycle in `edges`, if there is one (depth-first search).
fn cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            match state.get(m.as_str()) {
                Some(1) => {
                    let at = path.iter().position(|p| p == m).unwrap();
                    let mut c = path[at..].to_vec();
                    c.push(m.clone());
                    return Some(c);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(m, edges, state, path) {
                        return Some(c);
                    }
                }
            }
        }
        path.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in edges.keys() {
        if !state.contains_key(n) {
            if let Some(c) = visit(n, edges, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

fn module_edges(files: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (rel, text) in files {
        let Some(from) = top(rel) else { continue };
        for to in crate_refs(text) {
            if to != from {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    edges
}

#[test]
fn top_level_modules_have_no_cycle() {
    let edges = module_edges(&src_files());
    assert!(edges.len() > 5, "too few modules found: {edges:?}");
    if let Some(c) = cycle(&edges) {
        panic!("module cycle: {}", c.join(" -> "));
    }
}

#[test]
fn the_cycle_check_finds_a_cycle() {
    let files = vec![
        ("a/mod.rs".to_string(), "use crate::{b::X, model::Y};".to_string()),
        ("b.rs".to_string(), "fn f() { crate::c::g() }".to_string()),
        ("c.rs".to_string(), "use crate::a; // crate::z".to_string()),
    ];
    let edges = module_edges(&files);
    assert_eq!(edges["a"], BTreeSet::from(["b".to_string(), "model".to_string()]));
    assert!(!edges["c"].contains("z"), "comments are not references");
    assert_eq!(cycle(&edges).map(|c| c.len()), Some(4));
}

/// `file:line` of each `_ =>` arm of a match whose other arms name operations or kinds.
fn catch_alls(rel: &str, text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let names_op_or_kind = |l: &str| {
        let t = l.trim_start().trim_start_matches('|').trim_start();
        t.starts_with("Op::")
            || t.starts_with("Kind::")
            || t.split("::")
                .next()
                .is_some_and(|h| h.len() > 2 && h.ends_with("Op") && h.starts_with(char::is_uppercase))
    };
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !l.trim_start().starts_with("_ =>") {
            continue;
        }
        let at = indent(l);
        for prev in lines[..i].iter().rev().filter(|p| !p.trim().is_empty()) {
            if indent(prev) < at {
                break;
            }
            if indent(prev) == at && names_op_or_kind(prev) {
                out.push(format!("{rel}:{}", i + 1));
                break;
            }
        }
    }
    out
}

#[test]
fn no_catch_all_arm_over_operations_or_kinds() {
    let found: Vec<String> = src_files().iter().flat_map(|(rel, text)| catch_alls(rel, text)).collect();
    assert!(found.is_empty(), "catch-all arms in matches over operations or kinds: {found:?}");
}

#[test]
fn the_catch_all_check_finds_one() {
    let text = "match op {\n    Op::Index(IndexOp::Create(i)) => 1,\n    _ => 0,\n}\nmatch k {\n    Some(x) => 1,\n    _ => 0,\n}\n";
    assert_eq!(catch_alls("x.rs", text), vec!["x.rs:3".to_string()]);
    let kinds = "match kind {\n    Kind::Table\n    | Kind::View => 1,\n    _ => 0,\n}\n";
    assert_eq!(catch_alls("y.rs", kinds), vec!["y.rs:4".to_string()]);
}
