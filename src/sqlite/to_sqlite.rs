//! The Postgres side re-expressed as SQLite, relative to the SQLite database it is compared with.

use super::expr::{expr_key, pg_ident, same_default, without_casts};
use super::lexer::{canonical, tokenize};
use super::mapping::{map_constraints, map_indexes, pk_columns, Notes, PUBLIC};
use super::types::{self, Class};
use super::{inspect::SCHEMA as MAIN, mapping::CrossOptions};
use crate::model::*;

/// The Postgres side (`to`) re-expressed as SQLite, relative to the SQLite database `from`.
pub fn pg_to_sqlite(from: &Catalog, to: &Catalog, opts: &CrossOptions, notes: &mut Notes) -> Catalog {
    let mut out = super::empty();
    for (q, t) in to.tables.iter().filter(|(q, _)| q.schema == PUBLIC) {
        let sq = QName::new(MAIN, &q.name);
        let f = from.tables.get(&sq);
        if !t.lineage.is_plain() {
            notes.add(format!(
                "{}: SQLite has no partitioning or inheritance: a plain table with all its columns",
                q.name
            ));
        }
        if let Some(ft) = &t.foreign {
            notes.add(format!(
                "{}: a foreign table in Postgres (server {}): a plain SQLite table holding its rows",
                q.name, ft.server
            ));
        }
        let columns =
            t.columns.iter().map(|c| column(to, opts, t, f.and_then(|f| f.column(&c.name)), c, notes)).collect();
        let constraints = map_constraints(f, t, false, notes).into_iter().map(|c| (c.name.clone(), c)).collect();
        let sqlite = Some(f.and_then(|f| f.sqlite).unwrap_or_default());
        let table = Table {
            name: sq.clone(),
            unlogged: false,
            options: vec![],
            rls: false,
            force_rls: false,
            replica_identity: None,
            columns,
            constraints,
            comment: None,
            sqlite,
            lineage: Default::default(),
            foreign: None,
            access_method: None,
        };
        out.tables.insert(sq, table);
    }
    map_indexes(from, to, &mut out, false, notes);
    note_lost(to, notes);
    if !opts.strict_types {
        // SQLite-only views and triggers stay as they are: Postgres SQL cannot be carried over.
        out.views = from.views.clone();
        out.triggers = from.triggers.clone();
        if !from.views.is_empty() || !from.triggers.is_empty() {
            notes.add("SQLite views and triggers are left as they are (not compared with Postgres)".into());
        }
    }
    out.depends = from.depends.iter().filter(|(a, b)| out.contains(a) && out.contains(b)).cloned().collect();
    out
}

/// One Postgres column as SQLite declares it, keeping the SQLite side's spelling (`fc`) where it means the same.
fn column(to: &Catalog, opts: &CrossOptions, t: &Table, fc: Option<&Column>, c: &Column, notes: &mut Notes) -> Column {
    let q = &t.name;
    let pks = pk_columns(t);
    let single_int_pk = pks.len() == 1;
    let is_enum =
        to.enums.keys().any(|e| c.data_type == e.sql() || c.data_type.ends_with(&format!(".{}", pg_ident(&e.name))));
    let class = types::of_pg(&c.data_type, is_enum);
    let in_pk = pks.contains(&c.name.to_lowercase());
    let over = opts.overrides.iter().find(|(_, p)| *p == c.data_type).map(|(s, _)| s.clone());
    let same_type = fc.is_some_and(|fc| match &over {
        Some(s) => fc.data_type.eq_ignore_ascii_case(s),
        None if opts.strict_types => fc.data_type == types::sqlite_decl(class),
        None => types::equivalent(&fc.data_type, class),
    });
    let rowid = in_pk && single_int_pk && class == Class::Integer;
    let data_type = match fc {
        Some(fc) if same_type => fc.data_type.clone(),
        _ if rowid => "INTEGER".to_string(),
        _ => over.unwrap_or_else(|| types::sqlite_decl(class).to_string()),
    };
    if class == Class::Lossy {
        notes.add(format!(
            "{}.{} is {} in Postgres, TEXT in SQLite (values kept as text, type not enforced)",
            q.name, c.name, c.data_type
        ));
    }
    let serial = c.identity.is_some() || c.default.as_deref().is_some_and(|d| d.starts_with("nextval("));
    let default = match fc {
        Some(fc) if same_default(fc.default.as_deref(), c.default.as_deref()) => fc.default.clone(),
        _ if serial && rowid => None,
        _ if serial => {
            notes.add(format!("{}.{}: sequence default is not carried to SQLite", q.name, c.name));
            None
        }
        _ => sqlite_default(c.default.as_deref(), notes, &q.name, &c.name),
    };
    let generated = match (fc, &c.generated) {
        (Some(fc), Some(g)) if fc.generated.as_deref().map(expr_key) == Some(expr_key(g)) => fc.generated.clone(),
        (_, Some(g)) => Some(canonical(&without_casts(&tokenize(g)))),
        _ => None,
    };
    // SQLite reports rowid-alias columns as nullable; a NOT NULL there is no difference.
    let not_null = match fc {
        Some(fc) if in_pk => fc.not_null,
        _ if rowid => false,
        _ => c.not_null,
    };
    Column {
        name: c.name.clone(),
        data_type,
        collation: fc.and_then(|f| f.collation.clone()),
        not_null,
        default,
        identity: None,
        generated_virtual: fc.is_some_and(|f| f.generated_virtual) && generated.is_some(),
        origin: Default::default(),
        attributes: Default::default(),
        generated,
        comment: None,
    }
}
/// One note naming what SQLite cannot express of the Postgres side.
fn note_lost(to: &Catalog, notes: &mut Notes) {
    let mut lost: Vec<String> = Vec::new();
    for (what, n) in [
        ("enum(s)", to.enums.len()),
        ("domain(s)", to.domains.len()),
        ("function(s)", to.functions.len()),
        ("policy(ies)", to.policies.len()),
        ("view(s)", to.views.len()),
        ("trigger(s)", to.triggers.len()),
        ("sequence(s)", to.sequences.values().filter(|s| s.owned_by.is_none()).count()),
        ("table(s) outside public", to.tables.keys().filter(|q| q.schema != PUBLIC).count()),
    ] {
        if n > 0 {
            lost.push(format!("{n} {what}"));
        }
    }
    if !lost.is_empty() {
        notes.add(format!("SQLite cannot express Postgres's {}: not created in SQLite", lost.join(", ")));
    }
}

pub(super) fn sqlite_default(d: Option<&str>, notes: &mut Notes, table: &str, col: &str) -> Option<String> {
    let d = d?;
    let bare = canonical(&without_casts(&tokenize(d)));
    let u = bare.to_uppercase();
    if u == "NOW()" || u == "CURRENT_TIMESTAMP" {
        return Some("CURRENT_TIMESTAMP".into());
    }
    if u == "TRUE" || u == "FALSE" {
        return Some(if u == "TRUE" { "1" } else { "0" }.into());
    }
    let unwrapped = bare.trim_start_matches('(').trim_end_matches(')');
    if super::emit::is_literal(unwrapped) {
        return Some(unwrapped.to_string());
    }
    notes.add(format!("default {d} of {table}.{col} is Postgres SQL: not carried to SQLite"));
    None
}
