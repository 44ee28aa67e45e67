//! What uses a type rebuilt under its own name (enum, domain base type, composite attribute order,
//! collation): the table columns to convert, or the first user the rebuild cannot carry.

use crate::pg::prelude::*;

/// The columns a rebuild converts, as the objects its change covers.
pub(crate) fn covers(columns: &[RetypedColumn]) -> Vec<ObjectId> {
    columns.iter().map(|c| ObjectId::column(&c.table, &c.column)).collect()
}

/// Push a rebuild (and TO's comment, which the new object needs again), or report `what` differs on `name`
/// naming the user the rebuild cannot carry.
pub(crate) fn push_or_report(
    rebuild: Result<Change, String>,
    what: &str,
    name: &QName,
    target: CommentTarget,
    text: &Option<String>,
    out: &mut Vec<Change>,
    unsupported: &mut Vec<UnmodelledDiff>,
) {
    match rebuild {
        Ok(c) => {
            let id = c.id.clone();
            out.push(c);
            comment(out, id, target, None, text);
        }
        Err(user) => unsupported.push(UnmodelledDiff {
            kind: format!("{what} (used by {user})"),
            schema: name.schema.clone(),
            name: name.name.clone(),
            state: "differs",
        }),
    }
}

/// Columns of tables using type `id` in FROM that keep it in TO (converted by the rebuild), or the first
/// object using it that is neither such a column nor replaced around the rebuild (diff::replace).
pub(crate) fn columns_using(from: &Catalog, to: &Catalog, id: &ObjectId) -> Result<Vec<RetypedColumn>, String> {
    let mut columns = Vec::new();
    for (dep, _) in from.depends.iter().filter(|(_, r)| r == id) {
        match dep.kind {
            Kind::Column => columns.extend(column(from, to, dep)?),
            // Replaced around the rebuild (pg::replace); statistics PostgreSQL rebuilds itself.
            Kind::View
            | Kind::Index
            | Kind::Constraint
            | Kind::Trigger
            | Kind::Function
            | Kind::Rule
            | Kind::Statistics
            | Kind::Cast => {}
            Kind::Schema
            | Kind::Extension
            | Kind::Collation
            | Kind::Enum
            | Kind::Domain
            | Kind::Composite
            | Kind::Range
            | Kind::Sequence
            | Kind::Aggregate
            | Kind::Table
            | Kind::Policy
            | Kind::SequenceOwner
            | Kind::TableParent
            | Kind::Publication
            | Kind::EventTrigger
            | Kind::TsDictionary
            | Kind::TsConfiguration
            | Kind::ForeignDataWrapper
            | Kind::ForeignServer
            | Kind::UserMapping
            | Kind::Subscription
            | Kind::Role
            | Kind::TsParser
            | Kind::TsTemplate
            | Kind::Language
            | Kind::Transform
            | Kind::Operator
            | Kind::Conversion
            | Kind::AccessMethod
            | Kind::OperatorFamily
            | Kind::OperatorClass => return Err(dep.to_string()),
        }
    }
    Ok(columns)
}

/// The conversion of one table column `dep` using a rebuilt type: `None` when TO drops the column or
/// changes its type anyway (or computes it), which its own change handles; an error when FROM has no such
/// table column.
pub(crate) fn column(from: &Catalog, to: &Catalog, dep: &ObjectId) -> Result<Option<RetypedColumn>, String> {
    let t = QName::new(&dep.schema, &dep.name);
    let Some(before) = from.tables.get(&t).and_then(|x| x.column(&dep.sub)) else {
        return Err(dep.to_string());
    };
    let Some(after) = to.tables.get(&t).and_then(|x| x.column(&dep.sub)) else {
        return Ok(None);
    };
    if before.data_type != after.data_type || after.generated.is_some() {
        return Ok(None);
    }
    Ok(Some(RetypedColumn {
        table: t,
        column: dep.sub.to_string(),
        data_type: after.data_type.clone(),
        is_array: before.data_type.ends_with("[]"),
        default_before: before.default.clone(),
        default_after: after.default.clone(),
    }))
}
/// The old type's temporary name: `<name>__pgdrift_old`, truncated to fit NAMEDATALEN.
pub(crate) fn old_name(name: &str) -> String {
    let mut base: String = name.to_string();
    while base.len() > 63 - "__pgdrift_old".len() {
        base.pop();
    }
    format!("{base}__pgdrift_old")
}

/// Convert each column of a rebuilt type: its default is dropped first and TO's set after (the old one is
/// typed by the old type); `type_using(column, quoted name)` gives `new type USING expression`.
pub(crate) fn retype_columns(
    out: &mut Vec<String>,
    columns: &[crate::pg::RetypedColumn],
    type_using: impl Fn(&crate::pg::RetypedColumn, &str) -> String,
) {
    for c in columns {
        let (t, col) = (c.table.sql(), Ident(&c.column).to_string());
        if c.default_before.is_some() {
            out.push(format!("ALTER TABLE {t} ALTER COLUMN {col} DROP DEFAULT;"));
        }
        out.push(format!("ALTER TABLE {t} ALTER COLUMN {col} TYPE {};", type_using(c, &col)));
        if let Some(d) = &c.default_after {
            out.push(format!("ALTER TABLE {t} ALTER COLUMN {col} SET DEFAULT {d};"));
        }
    }
}
