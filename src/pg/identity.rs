//! Identity columns and their sequences (add, drop, alter, rename), sequence bounds that move inward, and
//! how a column's values are converted when its type changes.
//!
//! An identity column owns a sequence that has a name of its own. Adding an identity creates that
//! sequence and dropping the identity drops it, so both are changes *of the sequence*: the graph then
//! orders a serial's sequence of the same name (dropped or created by the same plan) around them.

use crate::pg::prelude::*;

fn sequence_id(i: &Identity) -> Option<ObjectId> {
    i.sequence.as_ref().map(|s| ObjectId::of(Kind::Sequence, s))
}

/// `DROP IDENTITY` when TO's column has none: the drop of its sequence. Returns that sequence, which the
/// column's later changes must wait for.
pub(crate) fn drop(q: &QName, a: &Column, b: &Column, out: &mut Vec<Change>) -> Option<ObjectId> {
    let (Some(x), None) = (&a.identity, &b.identity) else {
        return None;
    };
    let op = Op::Column(ColumnOp::DropIdentity { table: q.clone(), column: b.name.clone() });
    match sequence_id(x) {
        Some(seq) => {
            out.push(Change::new(Action::Drop, seq.clone(), op));
            Some(seq)
        }
        None => {
            out.push(Change::new(Action::Alter, ObjectId::column(q, &b.name), op));
            None
        }
    }
}

/// `ADD GENERATED .. AS IDENTITY`: the creation of its sequence, after the column's other changes (NOT NULL
/// first) and after the drop of a sequence of the same name (a serial's).
pub(crate) fn add(q: &QName, a: &Column, b: &Column, out: &mut Vec<Change>) {
    let (None, Some(i)) = (&a.identity, &b.identity) else {
        return;
    };
    let column = ObjectId::column(q, &b.name);
    let op = Op::Column(ColumnOp::AddIdentity {
        table: q.clone(),
        column: b.name.clone(),
        data_type: b.data_type.clone(),
        identity: i.clone(),
    });
    out.push(match sequence_id(i) {
        Some(seq) => Change::new(Action::Create, seq, op).needing([column]),
        None => Change::new(Action::Alter, column, op),
    });
}

/// `SET GENERATED`, sequence options and the sequence's name. `data_type`: the column's type while this
/// runs (before a narrowing type change, after a widening one).
pub(crate) fn alter(q: &QName, a: &Column, b: &Column, data_type: &str, out: &mut Vec<Change>) {
    let (Some(x), Some(y)) = (&a.identity, &b.identity) else {
        return;
    };
    if x.same_as(y) {
        return;
    }
    let rename = match (&x.sequence, &y.sequence) {
        (Some(s), Some(t)) if s.name != t.name => Some(t.name.clone()),
        _ => None,
    };
    let op = Op::Column(ColumnOp::AlterIdentity {
        table: q.clone(),
        column: b.name.clone(),
        kind: (x.kind != y.kind).then_some(y.kind),
        from: x.options.clone(),
        to: y.options.clone(),
        data_type: data_type.to_string(),
        sequence: x.sequence.clone(),
        rename,
    });
    let mut change = Change::new(Action::Alter, ObjectId::column(q, &b.name), op);
    change.hazards.extend(bounds_hazard(&format!("identity column {q}.{}", b.name), &x.options, &y.options));
    out.push(change);
}

/// A sequence whose far bound moves inward (an ascending one's MAXVALUE lowered, a descending one's
/// MINVALUE raised) fails if values past the new bound were handed out already.
pub(crate) fn bounds_hazard(what: &str, from: &SeqOptions, to: &SeqOptions) -> Option<Hazard> {
    let why = if to.increment > 0 && to.max < from.max {
        format!("lowers the MAXVALUE of {what} to {}: fails if the sequence is already past it", to.max)
    } else if to.increment < 0 && to.min > from.min {
        format!("raises the MINVALUE of {what} to {}: fails if the sequence is already past it", to.min)
    } else {
        return None;
    };
    Some(Hazard::new(HazardKind::MayFail, why))
}

/// The enum a column uses, if any (by the catalog's dependency of the column on its type).
fn enum_of<'a>(cat: &'a Catalog, column: &ObjectId) -> Option<&'a EnumType> {
    let first = (column.clone(), ObjectId::new(Kind::Schema, "", "", ""));
    cat.depends
        .range(first..)
        .take_while(|(d, _)| d == column)
        .find(|(_, r)| r.kind == Kind::Enum)
        .and_then(|(_, r)| cat.enums.get(&QName::new(&r.schema, &r.name)))
}

/// Hazards of a type change to or from an enum (converted through text): a rewrite, and a cast that fails
/// on values the new type lacks (another enum without some labels, or any text into an enum). Nothing is
/// lost quietly: a value that does not convert aborts the plan. `None` when no enum is involved.
pub(crate) fn enum_change_hazards(
    from: &Catalog,
    to: &Catalog,
    q: &QName,
    a: &Column,
    b: &Column,
) -> Option<Vec<Hazard>> {
    let id = ObjectId::column(q, &b.name);
    let (old, new) = (enum_of(from, &id), enum_of(to, &id));
    if old.is_none() && new.is_none() {
        return None;
    }
    let rewrite = Hazard::new(
        HazardKind::TableRewrite,
        format!(
            "changes {q}.{} from {} to {}: rewrites the table under an ACCESS EXCLUSIVE lock",
            b.name, a.data_type, b.data_type
        ),
    );
    let missing: Option<String> = match (old, new) {
        (Some(x), Some(y)) => {
            let absent: Vec<&str> = x.labels.iter().filter(|l| !y.labels.contains(l)).map(String::as_str).collect();
            (!absent.is_empty()).then(|| format!("values {} have no label in {}", absent.join(", "), y.name))
        }
        (None, Some(y)) => Some(format!("values that are not labels of {} do not convert", y.name)),
        (Some(_), None) | (None, None) => None,
    };
    let mut hazards = vec![rewrite];
    hazards.extend(missing.map(|why| Hazard::new(HazardKind::MayFail, format!("casts {q}.{}: {why}", b.name))));
    Some(hazards)
}

/// Whether FROM (or TO) records the column as using an enum type.
fn uses_enum(cat: &Catalog, column: &ObjectId) -> bool {
    let first = (column.clone(), ObjectId::new(Kind::Schema, "", "", ""));
    cat.depends.range(first..).take_while(|(d, _)| d == column).any(|(_, r)| r.kind == Kind::Enum)
}

/// How the values of a column whose type changes are converted.
pub(crate) fn conversion(from: &Catalog, to: &Catalog, q: &QName, a: &Column, b: &Column) -> Conversion {
    // A foreign table's ALTER COLUMN TYPE takes no USING (it converts no stored values).
    let foreign = to.tables.get(q).is_some_and(Table::is_foreign);
    if foreign || a.identity.is_some() || b.identity.is_some() || a.generated.is_some() || b.generated.is_some() {
        return Conversion::Assignment;
    }
    // Every type converts to and from the string types by its input and output functions.
    let stringy = |t: &str| {
        let base = t.split('(').next().unwrap_or(t);
        matches!(base, "text" | "character varying" | "character")
    };
    if stringy(&a.data_type) || stringy(&b.data_type) {
        return Conversion::Cast;
    }
    let id = ObjectId::column(q, &b.name);
    if uses_enum(from, &id) || uses_enum(to, &id) {
        Conversion::ThroughText
    } else {
        Conversion::Cast
    }
}
