//! Columns: added, dropped, retyped, NOT NULL, defaults, identity, generated expressions, storage.

use super::sequence::seq_options;
use crate::pg::prelude::*;

/// What pgdrift does to a column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ColumnOp {
    Add {
        table: QName,
        column: Column,
    },
    Drop {
        table: QName,
        column: String,
        /// `ALTER TABLE ONLY`: children that inherit the column keep it as their own.
        only: bool,
    },
    AlterType {
        table: QName,
        column: String,
        data_type: String,
        collation: Option<String>,
        conversion: Conversion,
    },
    SetNotNull {
        table: QName,
        column: String,
    },
    DropNotNull {
        table: QName,
        column: String,
    },
    SetDefault {
        table: QName,
        column: String,
        expr: String,
    },
    DropDefault {
        table: QName,
        column: String,
    },
    AddIdentity {
        table: QName,
        column: String,
        data_type: String,
        identity: Identity,
    },
    DropIdentity {
        table: QName,
        column: String,
    },
    AlterIdentity {
        table: QName,
        column: String,
        kind: Option<IdentityKind>,
        from: SeqOptions,
        to: SeqOptions,
        /// The column's type while this runs (it bounds the sequence's range).
        data_type: String,
        /// The identity sequence as FROM names it (its value is moved into a narrower range through it).
        sequence: Option<QName>,
        /// TO's name for the sequence, when it differs.
        rename: Option<String>,
    },
    /// `SET STORAGE`, `SET COMPRESSION`, `SET STATISTICS`, `SET (..)` / `RESET (..)` for what differs.
    SetAttributes {
        table: QName,
        column: String,
        from: ColumnAttributes,
        to: ColumnAttributes,
    },
    DropExpression {
        table: QName,
        column: String,
    },
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &ColumnOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        ColumnOp::Add { table, column } => {
            one(format!("ALTER TABLE {} ADD COLUMN {};", table.sql(), column_def(table, column)))
        }
        ColumnOp::Drop { table, column, only } => {
            let only = if *only { "ONLY " } else { "" };
            one(format!("ALTER TABLE {only}{} DROP COLUMN {};", table.sql(), Ident(column)))
        }
        ColumnOp::AlterType { table, column, data_type, collation, conversion } => {
            let coll = collation.as_ref().map(|c| format!(" COLLATE {c}")).unwrap_or_default();
            let text = if data_type.ends_with("[]") { "text[]" } else { "text" };
            let using = match conversion {
                Conversion::Assignment => String::new(),
                Conversion::Cast => format!(" USING {}::{data_type}", Ident(column)),
                Conversion::ThroughText => format!(" USING {}::{text}::{data_type}", Ident(column)),
            };
            one(alter_column(table, column, &format!("TYPE {data_type}{coll}{using}")))
        }
        ColumnOp::SetNotNull { table, column } => one(alter_column(table, column, "SET NOT NULL")),
        ColumnOp::DropNotNull { table, column } => one(alter_column(table, column, "DROP NOT NULL")),
        ColumnOp::SetDefault { table, column, expr } => {
            one(alter_column(table, column, &format!("SET DEFAULT {expr}")))
        }
        ColumnOp::DropDefault { table, column } => one(alter_column(table, column, "DROP DEFAULT")),
        ColumnOp::AddIdentity { table, column, data_type, identity } => {
            let what = format!("ADD {}", identity_clause(table, column, data_type, identity));
            vec![alter_column(table, column, &what), continue_identity(table, column, identity)]
        }
        ColumnOp::DropIdentity { table, column } => one(alter_column(table, column, "DROP IDENTITY")),
        ColumnOp::AlterIdentity { table, column, kind, from, to, data_type, sequence, rename } => {
            alter_identity(table, column, *kind, from, to, data_type, sequence.as_ref(), rename.as_deref())
        }
        ColumnOp::SetAttributes { table, column, from, to } => column_attributes(table, column, from, to),
        ColumnOp::DropExpression { table, column } => one(alter_column(table, column, "DROP EXPRESSION")),
    }
}
/// `GENERATED .. AS IDENTITY (..)`, naming the sequence when PostgreSQL would not choose that name itself.
fn identity_clause(table: &QName, column: &str, data_type: &str, i: &Identity) -> String {
    let kind = match i.kind {
        IdentityKind::Always => "ALWAYS",
        IdentityKind::ByDefault => "BY DEFAULT",
    };
    let mut opts = seq_options(data_type, &i.options, None);
    if let Some(seq) = i.explicit_sequence(table, column) {
        opts = format!(" SEQUENCE NAME {}{opts}", seq.sql());
    }
    if opts.is_empty() {
        format!("GENERATED {kind} AS IDENTITY")
    } else {
        format!("GENERATED {kind} AS IDENTITY ({})", opts.trim())
    }
}

/// A column as written in CREATE TABLE / ADD COLUMN.
pub(crate) fn column_def(table: &QName, c: &Column) -> String {
    let mut s = format!("{} {}", Ident(&c.name), c.data_type);
    if let Some(coll) = &c.collation {
        s.push_str(&format!(" COLLATE {coll}"));
    }
    if let Some(g) = &c.generated {
        s.push_str(&format!(" GENERATED ALWAYS AS ({g}) STORED"));
    } else if let Some(i) = &c.identity {
        s.push(' ');
        s.push_str(&identity_clause(table, &c.name, &c.data_type, i));
    } else if let Some(d) = &c.default {
        s.push_str(&format!(" DEFAULT {d}"));
    }
    if c.not_null {
        s.push_str(" NOT NULL");
    }
    s
}

fn alter_column(t: &QName, c: &str, what: &str) -> String {
    format!("ALTER TABLE {} ALTER COLUMN {} {what};", t.sql(), Ident(c))
}

/// An identity added to a column that already holds values continues after them (a serial's counter is
/// dropped with its sequence): the sequence is set to the column's largest value (an ascending one; the
/// smallest for a descending one) when that lies between START and the far bound.
pub(crate) fn continue_identity(table: &QName, column: &str, i: &Identity) -> String {
    let seq = i.sequence.clone().unwrap_or_else(|| QName::new(&table.schema, format!("{}_{column}_seq", table.name)));
    // Values before START are left behind: the sequence still starts at START.
    let (agg, lo, hi) = if i.options.increment > 0 {
        ("max", i.options.start, i.options.max)
    } else {
        ("min", i.options.min, i.options.start)
    };
    let value = format!("{agg}({})", Ident(column));
    format!(
        "SELECT setval({}, {value}) FROM {} HAVING {value} BETWEEN {lo} AND {hi};",
        Literal(&seq.sql()),
        table.sql()
    )
}

/// One `ALTER COLUMN` per physical setting that differs (storage back to the type's own on a reset).
fn column_attributes(table: &QName, column: &str, from: &ColumnAttributes, to: &ColumnAttributes) -> Vec<String> {
    let mut out = Vec::new();
    if from.storage != to.storage {
        let storage = match (&to.storage, &from.storage) {
            (Some(s), _) => Some(s.strategy),
            (None, Some(old)) => Some(old.type_default),
            (None, None) => None,
        };
        out.extend(storage.map(|s| alter_column(table, column, &format!("SET STORAGE {}", s.sql()))));
    }
    if from.compression != to.compression {
        let method = to.compression.map_or("DEFAULT", Compression::sql);
        out.push(alter_column(table, column, &format!("SET COMPRESSION {method}")));
    }
    if from.statistics != to.statistics {
        out.push(alter_column(table, column, &format!("SET STATISTICS {}", to.statistics.unwrap_or(-1))));
    }
    if from.options != to.options {
        let key = |o: &String| o.split('=').next().unwrap_or("").to_string();
        let reset: Vec<String> =
            from.options.iter().map(key).filter(|k| !to.options.iter().any(|o| key(o) == *k)).collect();
        let set: Vec<String> = to.options.iter().filter(|o| !from.options.contains(o)).cloned().collect();
        if !reset.is_empty() {
            out.push(alter_column(table, column, &format!("RESET ({})", reset.join(", "))));
        }
        if !set.is_empty() {
            out.push(alter_column(table, column, &format!("SET ({})", set.join(", "))));
        }
    }
    out
}

/// `SET GENERATED`, the sequence options (through a wider range when a bound moves inward, see
/// `sequence`), and the sequence's new name.
#[allow(clippy::too_many_arguments)]
fn alter_identity(
    table: &QName,
    column: &str,
    kind: Option<IdentityKind>,
    from: &SeqOptions,
    to: &SeqOptions,
    data_type: &str,
    sequence: Option<&QName>,
    rename: Option<&str>,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut base = from;
    let widened = crate::pg::bounds::widening(data_type, sequence, from, to);
    if let Some(w) = &widened {
        let wider = set_each(&seq_options(data_type, &w.options, Some(from)));
        if !wider.is_empty() {
            out.push(alter_column(table, column, wider.trim()));
        }
        out.extend(w.move_value.clone());
        base = &w.options;
    }
    let mut what = String::new();
    if let Some(k) = kind {
        what.push_str(match k {
            IdentityKind::Always => " SET GENERATED ALWAYS",
            IdentityKind::ByDefault => " SET GENERATED BY DEFAULT",
        });
    }
    what.push_str(&set_each(&seq_options(data_type, to, Some(base))));
    if !what.is_empty() {
        out.push(alter_column(table, column, what.trim()));
    }
    if let (Some(seq), Some(new)) = (sequence, rename) {
        out.push(format!("ALTER SEQUENCE {} RENAME TO {};", seq.sql(), Ident(new)));
    }
    out
}

/// `INCREMENT BY 2 CACHE 5` -> ` SET INCREMENT BY 2 SET CACHE 5` (identity options are each SET).
fn set_each(opts: &str) -> String {
    const HEADS: [&str; 7] = ["INCREMENT", "MINVALUE", "MAXVALUE", "START", "CACHE", "CYCLE", "NO"];
    let mut out = String::new();
    let words: Vec<&str> = opts.split_whitespace().collect();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if HEADS.contains(&w) && !(w == "CYCLE" && i > 0 && words[i - 1] == "NO") {
            out.push_str(" SET");
        }
        out.push(' ');
        out.push_str(w);
        i += 1;
    }
    out
}
