//! SQL for tables, columns and constraints.

use super::objects::seq_options;
use crate::diff::{Conversion, Op};
use crate::model::*;

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
fn column_def(table: &QName, c: &Column) -> String {
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

/// CREATE TABLE: a partition takes all its columns from the parent (its own defaults and NOT NULL follow
/// as ALTERs); an INHERITS child lists only the columns it declares itself.
fn create_table(t: &Table) -> String {
    let unlogged = if t.unlogged { "UNLOGGED " } else { "" };
    let mut sql = format!("CREATE {unlogged}TABLE {}", t.name.sql());
    if let Some(p) = &t.lineage.partition_of {
        sql.push_str(&format!(" PARTITION OF {} {}", p.parent.sql(), p.bound));
    } else {
        let own = t.columns.iter().filter(|c| c.origin != ColumnOrigin::Inherited);
        let cols: Vec<String> = own.map(|c| format!("    {}", column_def(&t.name, c))).collect();
        let body = if cols.is_empty() { "()".to_string() } else { format!("(\n{}\n)", cols.join(",\n")) };
        sql.push(' ');
        sql.push_str(&body);
        if !t.lineage.inherits.is_empty() {
            let parents: Vec<String> = t.lineage.inherits.iter().map(QName::sql).collect();
            sql.push_str(&format!(" INHERITS ({})", parents.join(", ")));
        }
    }
    if let Some(key) = &t.lineage.partition_by {
        sql.push_str(&format!(" PARTITION BY {key}"));
    }
    if !t.options.is_empty() {
        sql.push_str(&format!(" WITH ({})", t.options.join(", ")));
    }
    sql.push(';');
    sql
}

fn alter_column(t: &QName, c: &str, what: &str) -> String {
    format!("ALTER TABLE {} ALTER COLUMN {} {what};", t.sql(), Ident(c))
}

pub(super) fn render(op: &Op) -> Option<Vec<String>> {
    let one = |s: String| Some(vec![s]);
    match op {
        Op::CreateTable(t) => one(create_table(t)),
        Op::DropTable(q) => one(format!("DROP TABLE {};", q.sql())),
        Op::AttachPartition { table, parent, bound } => {
            one(format!("ALTER TABLE {} ATTACH PARTITION {} {bound};", parent.sql(), table.sql()))
        }
        Op::DetachPartition { table, parent } => {
            one(format!("ALTER TABLE {} DETACH PARTITION {};", parent.sql(), table.sql()))
        }
        Op::Inherit { table, parent } => one(format!("ALTER TABLE {} INHERIT {};", table.sql(), parent.sql())),
        Op::NoInherit { table, parent } => one(format!("ALTER TABLE {} NO INHERIT {};", table.sql(), parent.sql())),
        Op::SetTableLogged { table, unlogged } => {
            one(format!("ALTER TABLE {} SET {};", table.sql(), if *unlogged { "UNLOGGED" } else { "LOGGED" }))
        }
        Op::SetTableOptions { table, set, reset } => {
            let mut v = Vec::new();
            if !reset.is_empty() {
                v.push(format!("ALTER TABLE {} RESET ({});", table.sql(), reset.join(", ")));
            }
            if !set.is_empty() {
                v.push(format!("ALTER TABLE {} SET ({});", table.sql(), set.join(", ")));
            }
            Some(v)
        }
        Op::AddColumn { table, column } => {
            one(format!("ALTER TABLE {} ADD COLUMN {};", table.sql(), column_def(table, column)))
        }
        Op::DropColumn { table, column, only } => {
            let only = if *only { "ONLY " } else { "" };
            one(format!("ALTER TABLE {only}{} DROP COLUMN {};", table.sql(), Ident(column)))
        }
        Op::AlterColumnType { table, column, data_type, collation, conversion } => {
            let coll = collation.as_ref().map(|c| format!(" COLLATE {c}")).unwrap_or_default();
            let text = if data_type.ends_with("[]") { "text[]" } else { "text" };
            let using = match conversion {
                Conversion::Assignment => String::new(),
                Conversion::Cast => format!(" USING {}::{data_type}", Ident(column)),
                Conversion::ThroughText => format!(" USING {}::{text}::{data_type}", Ident(column)),
            };
            one(alter_column(table, column, &format!("TYPE {data_type}{coll}{using}")))
        }
        Op::SetNotNull { table, column } => one(alter_column(table, column, "SET NOT NULL")),
        Op::DropNotNull { table, column } => one(alter_column(table, column, "DROP NOT NULL")),
        Op::SetDefault { table, column, expr } => one(alter_column(table, column, &format!("SET DEFAULT {expr}"))),
        Op::DropDefault { table, column } => one(alter_column(table, column, "DROP DEFAULT")),
        Op::AddIdentity { table, column, data_type, identity } => {
            let what = format!("ADD {}", identity_clause(table, column, data_type, identity));
            Some(vec![alter_column(table, column, &what), continue_identity(table, column, identity)])
        }
        Op::DropIdentity { table, column } => one(alter_column(table, column, "DROP IDENTITY")),
        Op::AlterIdentity { table, column, kind, from, to, data_type, sequence, rename } => {
            Some(alter_identity(table, column, *kind, from, to, data_type, sequence.as_ref(), rename.as_deref()))
        }
        Op::SaveRows { table, holding, columns } => {
            let cols: Vec<String> = columns.iter().map(|c| Ident(c).to_string()).collect();
            one(format!("CREATE TEMP TABLE {} AS SELECT {} FROM {};", Ident(holding), cols.join(", "), table.sql()))
        }
        Op::RestoreRows { table, holding, columns, overriding, identities } => {
            let cols: Vec<String> = columns.iter().map(|c| Ident(c).to_string()).collect();
            let cols = cols.join(", ");
            let over = if *overriding { " OVERRIDING SYSTEM VALUE" } else { "" };
            let mut v = vec![
                format!("INSERT INTO {} ({cols}){over} SELECT {cols} FROM pg_temp.{};", table.sql(), Ident(holding)),
                format!("DROP TABLE pg_temp.{};", Ident(holding)),
            ];
            v.extend(identities.iter().map(|(c, i)| continue_identity(table, c, i)));
            Some(v)
        }
        Op::SetColumnAttributes { table, column, from, to } => Some(column_attributes(table, column, from, to)),
        Op::DropExpression { table, column } => one(alter_column(table, column, "DROP EXPRESSION")),
        Op::AddConstraint { table, constraint } => one(format!(
            "ALTER TABLE {} ADD CONSTRAINT {} {}{};",
            table.sql(),
            Ident(&constraint.name),
            constraint_definition(constraint),
            if constraint.validated { "" } else { " NOT VALID" }
        )),
        Op::SetReplicaIdentity { table, identity } => {
            one(format!("ALTER TABLE {} REPLICA IDENTITY {};", table.sql(), identity.as_deref().unwrap_or("DEFAULT")))
        }
        Op::DropConstraint { table, name } => {
            one(format!("ALTER TABLE {} DROP CONSTRAINT {};", table.sql(), Ident(name)))
        }
        Op::ValidateConstraint { table, name } => {
            one(format!("ALTER TABLE {} VALIDATE CONSTRAINT {};", table.sql(), Ident(name)))
        }
        // Rendered in objects.rs (every operation is named here: a new one must be placed).
        Op::CreateSchema(..)
        | Op::DropSchema(..)
        | Op::CreateExtension(..)
        | Op::DropExtension(..)
        | Op::UpdateExtension { .. }
        | Op::SetExtensionSchema { .. }
        | Op::CreateEnum(..)
        | Op::DropEnum(..)
        | Op::AddEnumValue { .. }
        | Op::RebuildEnum { .. }
        | Op::RebuildDomain { .. }
        | Op::RebuildCollation { .. }
        | Op::RebuildComposite { .. }
        | Op::CreateSequence(..)
        | Op::DropSequence(..)
        | Op::AlterSequence { .. }
        | Op::SetSequenceLogged { .. }
        | Op::SetSequenceOwner { .. }
        | Op::CreateAggregate(..)
        | Op::DropAggregate { .. }
        | Op::CreateRange(..)
        | Op::DropRange(..)
        | Op::CreateCollation(..)
        | Op::DropCollation(..)
        | Op::CreateIndex(..)
        | Op::DropIndex(..)
        | Op::Grant { .. }
        | Op::AlterDefaultPrivileges { .. }
        | Op::AlterOwner { .. }
        | Op::Revoke { .. }
        | Op::CreateIndexConcurrently(..)
        | Op::DropIndexConcurrently(..)
        | Op::RenameIndex { .. }
        | Op::Comment { .. }
        | Op::CreateView(..)
        | Op::DropView { .. }
        | Op::CreateFunction(..)
        | Op::DropFunction { .. }
        | Op::CreateComposite(..)
        | Op::DropComposite(..)
        | Op::AlterComposite { .. }
        | Op::CreateDomain(..)
        | Op::DropDomain(..)
        | Op::AlterDomain { .. }
        | Op::CreatePublication(..)
        | Op::DropPublication(..)
        | Op::SetPublicationOptions(..)
        | Op::AlterPublicationTable { .. }
        | Op::CommentOnPublication(..)
        | Op::SetRowSecurity { .. }
        | Op::CreatePolicy(..)
        | Op::DropPolicy { .. }
        | Op::AlterPolicy(..)
        | Op::CreateTrigger(..)
        | Op::DropTrigger { .. }
        | Op::SetTriggerState { .. } => None,
    }
}

/// An identity added to a column that already holds values continues after them (a serial's counter is
/// dropped with its sequence): the sequence is set to the column's largest value (an ascending one; the
/// smallest for a descending one) when that lies between START and the far bound.
fn continue_identity(table: &QName, column: &str, i: &Identity) -> String {
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
    let widened = super::sequence::widening(data_type, sequence, from, to);
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

/// `pg_get_constraintdef` leaves out the storage parameters of a constraint's index; put them back where
/// the grammar wants them (index parameters come before DEFERRABLE and before an exclusion's WHERE).
fn constraint_definition(c: &Constraint) -> String {
    if c.index_options.is_empty() {
        return c.definition.clone();
    }
    let with = format!(" WITH ({})", c.index_options.join(", "));
    let cut = [" DEFERRABLE", " NOT DEFERRABLE", " WHERE ("].iter().filter_map(|k| c.definition.find(k)).min();
    match cut {
        Some(i) => format!("{}{with}{}", &c.definition[..i], &c.definition[i..]),
        None => format!("{}{with}", c.definition),
    }
}
