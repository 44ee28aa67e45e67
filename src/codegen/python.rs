//! Catalog -> Python source: `str` Enums for enum types, TypedDicts for composite types, and for every table
//! and view a row TypedDict with `...Insert` and `...Update` variants. Deterministic (no timestamps), so
//! `--check` can compare it with the file in the repository.

use super::pytypes::{annotation, is_identifier, member, pascal, Names};
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// One module, or a package of enums.py, tables.py and __init__.py.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Module,
    Package,
}

/// A Python string literal.
fn py_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Class names for every generated type, unique across the module: schema-prefixed when names collide.
fn assign_names(cat: &Catalog) -> (Names, BTreeMap<QName, String>) {
    let mut wanted: Vec<(u8, QName)> = Vec::new();
    wanted.extend(cat.enums.keys().map(|q| (0, q.clone())));
    wanted.extend(cat.composites.keys().map(|q| (1, q.clone())));
    wanted.extend(cat.tables.keys().chain(cat.views.keys()).map(|q| (2, q.clone())));
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for (_, q) in &wanted {
        *count.entry(pascal(&q.name)).or_default() += 1;
    }
    let mut used: BTreeSet<String> = ["Json".to_string()].into();
    let (mut names, mut relations) = (Names::default(), BTreeMap::new());
    for (kind, q) in wanted {
        let base = pascal(&q.name);
        let mut name = if count[&base] > 1 { format!("{}{base}", pascal(&q.schema)) } else { base };
        let stem = name.clone();
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = format!("{stem}{n}");
            n += 1;
        }
        match kind {
            0 => names.enums.insert(q, name),
            1 => names.composites.insert(q, name),
            _ => relations.insert(q, name),
        };
    }
    (names, relations)
}

struct Field {
    name: String,
    annotation: String,
}

/// A TypedDict in class syntax, or functional syntax when a field name is not a Python identifier.
fn typed_dict(out: &mut String, name: &str, doc: &str, fields: &[Field], total: bool, unknown: &[String]) {
    if !unknown.is_empty() {
        let _ = writeln!(out, "# Any: no Python mapping for {}", unknown.join(", "));
    }
    let total_arg = if total { "" } else { ", total=False" };
    if fields.iter().all(|f| is_identifier(&f.name)) {
        let _ = writeln!(out, "class {name}(TypedDict{total_arg}):");
        let _ = writeln!(out, "    {}", py_str(doc));
        for f in fields {
            let _ = writeln!(out, "    {}: {}", f.name, f.annotation);
        }
    } else {
        let _ = writeln!(out, "{name} = TypedDict(");
        let _ = writeln!(out, "    {},", py_str(name));
        let _ = writeln!(out, "    {{");
        for f in fields {
            // Functional syntax evaluates its values: annotations are passed as strings (forward references).
            let _ = writeln!(out, "        {}: {},", py_str(&f.name), py_str(&f.annotation));
        }
        let _ = writeln!(out, "    }}{total_arg},");
        let _ = writeln!(out, ")");
    }
    out.push_str("\n\n");
}

fn nullable(a: &str, not_null: bool) -> String {
    if not_null {
        a.to_string()
    } else {
        format!("{a} | None")
    }
}

/// Generate the Python source: `(relative file name, content)` pairs.
pub fn generate(cat: &Catalog, layout: Layout, module_name: &str) -> Vec<(String, String)> {
    let (names, relations) = assign_names(cat);
    let mut imports: BTreeSet<&'static str> = BTreeSet::new();
    let enums = enum_classes(cat, &names);
    let tables = relation_dicts(cat, &names, &relations, &mut imports);
    files(layout, module_name, &header(cat), &names, &imports, &enums, &tables)
}

/// One `str` enum class per enum type; labels that collide as Python names get a numeric suffix.
fn enum_classes(cat: &Catalog, names: &Names) -> String {
    let mut enums = String::new();
    for (q, e) in &cat.enums {
        let _ = writeln!(enums, "class {}(str, enum.Enum):", names.enums[q]);
        let _ = writeln!(enums, "    {}", py_str(&format!("Enum {q}.")));
        let mut used = BTreeSet::new();
        for label in &e.labels {
            let mut m = member(label);
            let stem = m.clone();
            let mut n = 2;
            while !used.insert(m.clone()) {
                m = format!("{stem}_{n}");
                n += 1;
            }
            let _ = writeln!(enums, "    {m} = {}", py_str(label));
        }
        if e.labels.is_empty() {
            let _ = writeln!(enums, "    pass");
        }
        enums.push_str("\n\n");
    }
    enums
}

/// TypedDicts: one per composite type, and for every table and view its row, INSERT and UPDATE shapes.
fn relation_dicts(
    cat: &Catalog,
    names: &Names,
    relations: &BTreeMap<QName, String>,
    imports: &mut BTreeSet<&'static str>,
) -> String {
    let mut tables = String::new();
    for (q, t) in &cat.composites {
        let mut unknown = Vec::new();
        let fields: Vec<Field> = t
            .attributes
            .iter()
            .map(|a| Field {
                name: a.name.clone(),
                annotation: nullable(&annotation(cat, names, &a.data_type, imports, &mut unknown), false),
            })
            .collect();
        typed_dict(&mut tables, &names.composites[q], &format!("Composite type {q}."), &fields, true, &unknown);
    }
    for (q, class) in relations {
        let mut unknown = Vec::new();
        let mut row = Vec::new();
        let mut insert = Vec::new();
        let mut update = Vec::new();
        if let Some(t) = cat.tables.get(q) {
            for c in &t.columns {
                let a = annotation(cat, names, &c.data_type, imports, &mut unknown);
                let full = nullable(&a, c.not_null);
                row.push(Field { name: c.name.clone(), annotation: full.clone() });
                let always =
                    c.generated.is_some() || c.identity.as_ref().is_some_and(|i| i.kind == IdentityKind::Always);
                if !always {
                    let optional = c.default.is_some() || c.identity.is_some() || !c.not_null;
                    let ann = if optional { format!("NotRequired[{full}]") } else { full.clone() };
                    insert.push(Field { name: c.name.clone(), annotation: ann });
                    update.push(Field { name: c.name.clone(), annotation: full });
                }
            }
        } else if let Some(v) = cat.views.get(q) {
            for (name, ty) in &v.columns {
                let full = nullable(&annotation(cat, names, ty, imports, &mut unknown), false);
                row.push(Field { name: name.clone(), annotation: full.clone() });
                insert.push(Field { name: name.clone(), annotation: format!("NotRequired[{full}]") });
                update.push(Field { name: name.clone(), annotation: full });
            }
        }
        let what = if cat.views.contains_key(q) { "View" } else { "Table" };
        typed_dict(&mut tables, class, &format!("{what} {q}: a row."), &row, true, &unknown);
        typed_dict(
            &mut tables,
            &format!("{class}Insert"),
            &format!("{what} {q}: values for INSERT."),
            &insert,
            true,
            &[],
        );
        typed_dict(
            &mut tables,
            &format!("{class}Update"),
            &format!("{what} {q}: values for UPDATE."),
            &update,
            false,
            &[],
        );
    }
    tables
}

/// The generated files' header: pgdrift's version, the schema's fingerprint and what it holds.
fn header(cat: &Catalog) -> String {
    format!(
        "# Generated by pgdrift {} from a schema with fingerprint {}.\n# {} tables, {} views, {} enums, {} composite types. Do not edit: regenerate with\n# `pgdrift codegen python`; `pgdrift codegen python --check` fails when this file is stale.\n",
        env!("CARGO_PKG_VERSION"),
        cat.fingerprint(),
        cat.tables.len(),
        cat.views.len(),
        cat.enums.len(),
        cat.composites.len()
    )
}

/// The files of `layout`: one module, or a package of `enums.py`, `tables.py` and `__init__.py`.
fn files(
    layout: Layout,
    module_name: &str,
    header: &str,
    names: &Names,
    imports: &BTreeSet<&'static str>,
    enums: &str,
    tables: &str,
) -> Vec<(String, String)> {
    let std_imports = |mods: &[&str]| -> String {
        let mut s = String::new();
        for m in mods.iter().filter(|m| !m.contains('.')) {
            let _ = writeln!(s, "import {m}");
        }
        s
    };
    let mut mods: Vec<&str> = imports.iter().copied().collect();
    mods.retain(|m| !m.starts_with("typing"));
    let json = "Json: TypeAlias = \"dict[str, Json] | list[Json] | str | int | float | bool | None\"\n\n\n";
    let typing_line = |extra: &str| format!("from typing import Any, NotRequired, TypeAlias, TypedDict{extra}\n");
    match layout {
        Layout::Module => {
            let mut s = header.to_string();
            s.push_str("from __future__ import annotations\n\n");
            let mut all: Vec<&str> = mods.clone();
            all.push("enum");
            all.sort();
            all.dedup();
            s.push_str(&std_imports(&all));
            s.push_str(&typing_line(""));
            s.push('\n');
            s.push_str(json);
            s.push_str(enums);
            s.push_str(tables);
            vec![(format!("{module_name}.py"), s.trim_end().to_string() + "\n")]
        }
        Layout::Package => {
            let mut e = header.to_string();
            e.push_str("from __future__ import annotations\n\nimport enum\n\n\n");
            e.push_str(enums);
            let mut t = header.to_string();
            t.push_str("from __future__ import annotations\n\n");
            t.push_str(&std_imports(&mods));
            t.push_str(&typing_line(""));
            let enum_names: Vec<&String> = names.enums.values().collect();
            if !enum_names.is_empty() {
                let list: Vec<&str> = enum_names.iter().map(|s| s.as_str()).collect();
                let _ = writeln!(t, "\nfrom .enums import {}", list.join(", "));
            }
            t.push('\n');
            t.push_str(json);
            t.push_str(tables);
            let mut init = header.to_string();
            init.push_str("from .enums import *  # noqa: F401,F403\nfrom .tables import *  # noqa: F401,F403\n");
            vec![
                ("__init__.py".into(), init),
                ("enums.py".into(), e.trim_end().to_string() + "\n"),
                ("tables.py".into(), t.trim_end().to_string() + "\n"),
            ]
        }
    }
}
