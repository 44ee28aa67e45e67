//! Columns: added, dropped, retyped, NOT NULL, defaults, identity, generated expressions, storage.

mod decode;
pub(crate) use decode::decode;

use super::sequence::seq_options;
use super::table::Parts;
use crate::pg::identity;
use crate::pg::prelude::*;
use crate::pg::types::type_change_hazards;

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
            one(format!("ALTER TABLE {} ADD COLUMN {};", table.sql(), column_def(table, column, "")))
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
            one(alter_column_sql(table, column, &format!("TYPE {data_type}{coll}{using}")))
        }
        ColumnOp::SetNotNull { table, column } => one(alter_column_sql(table, column, "SET NOT NULL")),
        ColumnOp::DropNotNull { table, column } => one(alter_column_sql(table, column, "DROP NOT NULL")),
        ColumnOp::SetDefault { table, column, expr } => {
            one(alter_column_sql(table, column, &format!("SET DEFAULT {expr}")))
        }
        ColumnOp::DropDefault { table, column } => one(alter_column_sql(table, column, "DROP DEFAULT")),
        ColumnOp::AddIdentity { table, column, data_type, identity } => {
            let what = format!("ADD {}", identity_clause(table, column, data_type, identity));
            vec![alter_column_sql(table, column, &what), continue_identity(table, column, identity)]
        }
        ColumnOp::DropIdentity { table, column } => one(alter_column_sql(table, column, "DROP IDENTITY")),
        ColumnOp::AlterIdentity { table, column, kind, from, to, data_type, sequence, rename } => {
            alter_identity(table, column, *kind, from, to, data_type, sequence.as_ref(), rename.as_deref())
        }
        ColumnOp::SetAttributes { table, column, from, to } => column_attributes(table, column, from, to),
        ColumnOp::DropExpression { table, column } => one(alter_column_sql(table, column, "DROP EXPRESSION")),
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
/// A column as CREATE TABLE or ADD COLUMN declares it; `options` is a foreign table column's ` OPTIONS (..)`.
pub(crate) fn column_def(table: &QName, c: &Column, options: &str) -> String {
    let mut s = format!("{} {}{options}", Ident(&c.name), c.data_type);
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

fn alter_column_sql(t: &QName, c: &str, what: &str) -> String {
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
        out.extend(storage.map(|s| alter_column_sql(table, column, &format!("SET STORAGE {}", s.sql()))));
    }
    if from.compression != to.compression {
        let method = to.compression.map_or("DEFAULT", Compression::sql);
        out.push(alter_column_sql(table, column, &format!("SET COMPRESSION {method}")));
    }
    if from.statistics != to.statistics {
        out.push(alter_column_sql(table, column, &format!("SET STATISTICS {}", to.statistics.unwrap_or(-1))));
    }
    if from.options != to.options {
        let key = |o: &String| o.split('=').next().unwrap_or("").to_string();
        let reset: Vec<String> =
            from.options.iter().map(key).filter(|k| !to.options.iter().any(|o| key(o) == *k)).collect();
        let set: Vec<String> = to.options.iter().filter(|o| !from.options.contains(o)).cloned().collect();
        if !reset.is_empty() {
            out.push(alter_column_sql(table, column, &format!("RESET ({})", reset.join(", "))));
        }
        if !set.is_empty() {
            out.push(alter_column_sql(table, column, &format!("SET ({})", set.join(", "))));
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
            out.push(alter_column_sql(table, column, wider.trim()));
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
        out.push(alter_column_sql(table, column, what.trim()));
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
pub(super) fn drop_column(to: &Catalog, parts: &Parts, q: &QName, col: &Column) -> Change {
    let op = Op::Column(ColumnOp::Drop { table: q.clone(), column: col.name.clone(), only: false });
    Change::new(Action::Drop, ObjectId::column(q, &col.name), op)
        .covering(parts.owned_sequences(to, q, Some(&col.name)))
        .needing(parts.kept_sequences(to, q, Some(&col.name)))
        .with_hazard(Hazard::deletes(format!("drops column {q}.{} and its values", col.name)))
}

/// Built-in volatile functions whose use in a default makes ADD COLUMN compute a value per row (a rewrite);
/// stable ones like now() are evaluated once. A default calling a user function is looked at by name only.
pub(super) fn volatile_default(expr: &str) -> bool {
    const VOLATILE: [&str; 7] = [
        "nextval(",
        "random(",
        "gen_random_uuid(",
        "uuid_generate_v",
        "clock_timestamp(",
        "timeofday(",
        "txid_current(",
    ];
    VOLATILE.iter().any(|f| expr.contains(f))
}

/// A stored generated column dropped and added again (its values are recomputed): around a type change of
/// a column its expression uses, which PostgreSQL refuses while it exists.
pub(crate) fn recompute_generated(out: &mut Vec<Change>, q: &QName, col: &Column) {
    let op = Op::Column(ColumnOp::Drop { table: q.clone(), column: col.name.clone(), only: false });
    let why = format!("recomputes generated column {q}.{} (dropped and added around a type change)", col.name);
    out.push(
        Change::new(Action::Drop, ObjectId::column(q, &col.name), op)
            .with_hazard(Hazard::new(HazardKind::TableRewrite, why)),
    );
    add_column(out, q, col);
}

pub(super) fn add_column(out: &mut Vec<Change>, q: &QName, col: &Column) {
    let id = ObjectId::column(q, &col.name);
    let mut change =
        Change::new(Action::Create, id.clone(), Op::Column(ColumnOp::Add { table: q.clone(), column: col.clone() }));
    if col.generated.is_some() {
        change = change.with_hazard(Hazard::new(
            HazardKind::TableRewrite,
            format!("adds stored generated column {q}.{}: rewrites the table under an ACCESS EXCLUSIVE lock", col.name),
        ));
    } else if col.default.as_deref().is_some_and(volatile_default) {
        change = change.with_hazard(Hazard::new(
            HazardKind::TableRewrite,
            format!(
                "adds {q}.{} with a volatile default: every row is rewritten under an ACCESS EXCLUSIVE lock",
                col.name
            ),
        ));
    }
    if col.not_null && col.default.is_none() && col.identity.is_none() && col.generated.is_none() {
        change = change.with_hazard(Hazard::new(
            HazardKind::MayFail,
            format!("adds NOT NULL column {q}.{} without a default: fails if the table has rows", col.name),
        ));
    }
    out.push(change);
    set_attributes(out, q, &ColumnAttributes::default(), col);
    comment(out, id, CommentTarget::Column(q.clone(), col.name.clone()), None, &col.comment);
}

/// The column's physical settings where they differ from `from` (the defaults for a new column).
pub(super) fn set_attributes(out: &mut Vec<Change>, q: &QName, from: &ColumnAttributes, b: &Column) {
    if *from != b.attributes {
        let op = Op::Column(ColumnOp::SetAttributes {
            table: q.clone(),
            column: b.name.clone(),
            from: from.clone(),
            to: b.attributes.clone(),
        });
        out.push(Change::new(Action::Alter, ObjectId::column(q, &b.name), op));
    }
}

/// `alter_column`, each change it makes also waiting for `needs` (a parent's column, a detach).
#[allow(clippy::too_many_arguments)]
pub(super) fn alter_column_after(
    from: &Catalog,
    to: &Catalog,
    parts: &Parts,
    q: &QName,
    a: &Column,
    b: &Column,
    needs: &[ObjectId],
    out: &mut Vec<Change>,
) {
    let start = out.len();
    alter_column(from, to, parts, q, a, b, out);
    for ch in &mut out[start..] {
        ch.needs.extend_from_slice(needs);
    }
}

pub(super) fn alter_column(
    from: &Catalog,
    to: &Catalog,
    parts: &Parts,
    q: &QName,
    a: &Column,
    b: &Column,
    out: &mut Vec<Change>,
) {
    let id = ObjectId::column(q, &b.name);
    let alter = |op: Op| Change::new(Action::Alter, id.clone(), op);
    let col = || b.name.clone();
    // A new or changed generation expression cannot be altered in place (before PostgreSQL 17): re-add.
    if b.generated.is_some() && a.generated != b.generated {
        let mut drop = drop_column(to, parts, q, a);
        if a.generated.is_some() {
            drop.hazards.clear();
            drop.hazards
                .push(Hazard::new(HazardKind::TableRewrite, format!("recomputes generated column {q}.{}", b.name)));
        }
        out.push(drop);
        add_column(out, q, b);
        return;
    }
    let type_changes = a.data_type != b.data_type || a.collation != b.collation;
    let type_hazards = match identity::enum_change_hazards(from, to, q, a, b) {
        Some(h) if type_changes => h,
        _ if type_changes => type_change_hazards(q, &b.name, &a.data_type, &b.data_type),
        _ => vec![],
    };
    if a.default.is_some() && (b.default.is_none() || type_changes || b.identity.is_some()) {
        let mut drop = alter(Op::Column(ColumnOp::DropDefault { table: q.clone(), column: col() }));
        if b.default.is_some() && b.identity.is_none() {
            // Dropped only to let the type change through: withheld together with it.
            drop.hazards = type_hazards.clone();
        }
        out.push(drop);
    }
    // Everything after DROP IDENTITY waits for it (a default cannot be set on an identity column).
    let identity_dropped = identity::drop(q, a, b, out);
    let start = out.len();
    if a.generated.is_some() && b.generated.is_none() {
        out.push(alter(Op::Column(ColumnOp::DropExpression { table: q.clone(), column: col() })));
    }
    // An identity's sequence must fit the column's type at every step: a narrower type after its options.
    let narrowing = type_changes && !crate::pg::types::is_widening(&a.data_type, &b.data_type);
    if narrowing {
        identity::alter(q, a, b, &a.data_type, out);
    }
    if type_changes {
        let op = Op::Column(ColumnOp::AlterType {
            table: q.clone(),
            column: col(),
            data_type: b.data_type.clone(),
            collation: b.collation.clone(),
            conversion: identity::conversion(from, to, q, a, b),
        });
        let mut change = alter(op);
        change.hazards = type_hazards;
        out.push(change);
    }
    if !a.not_null && b.not_null {
        let h = Hazard::new(HazardKind::MayFail, format!("sets NOT NULL on {q}.{}: fails if a row holds NULL", b.name));
        let lock = Hazard::new(HazardKind::AccessExclusiveLock, format!("scans {q} under an ACCESS EXCLUSIVE lock"));
        out.push(
            alter(Op::Column(ColumnOp::SetNotNull { table: q.clone(), column: col() }))
                .with_hazard(h)
                .with_hazard(lock),
        );
    }
    if a.not_null && !b.not_null {
        out.push(alter(Op::Column(ColumnOp::DropNotNull { table: q.clone(), column: col() })));
    }
    identity::add(q, a, b, out);
    if !narrowing {
        identity::alter(q, a, b, &b.data_type, out);
    }
    if let Some(expr) = &b.default {
        let was_dropped = a.default.is_some() && (type_changes || b.identity.is_some());
        if a.default.as_ref() != Some(expr) || was_dropped {
            out.push(alter(Op::Column(ColumnOp::SetDefault { table: q.clone(), column: col(), expr: expr.clone() })));
        }
    }
    set_attributes(out, q, &a.attributes, b);
    comment(out, id.clone(), CommentTarget::Column(q.clone(), b.name.clone()), Some(&a.comment), &b.comment);
    if let Some(seq) = identity_dropped {
        for ch in &mut out[start..] {
            ch.needs.push(seq.clone());
        }
    }
}
