//! Foreign-data wrappers: created, their handler, validator and options altered in place, dropped.

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::options::{self, OptionChange};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a foreign-data wrapper.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ForeignDataWrapperOp {
    Create(ForeignDataWrapper),
    Drop(String),
    /// `ALTER FOREIGN DATA WRAPPER`: a new handler or validator (`Some(None)`: none), option changes.
    Alter {
        name: String,
        handler: Option<Option<QName>>,
        validator: Option<Option<QName>>,
        options: Vec<OptionChange>,
    },
}

fn id(w: &ForeignDataWrapper) -> ObjectId {
    ObjectId::new(Kind::ForeignDataWrapper, "", &w.name, "")
}

fn object(name: &str) -> String {
    format!("wrapper {name}")
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.foreign_data_wrappers, &to.foreign_data_wrappers) {
        match p {
            Pair::Added(w) => {
                out.push(Change::new(
                    Action::Create,
                    id(w),
                    Op::ForeignDataWrapper(ForeignDataWrapperOp::Create(w.clone())),
                ));
                comment(out, id(w), CommentTarget::ForeignDataWrapper(w.name.clone()), None, &w.comment);
            }
            Pair::Removed(w) => out.push(Change::new(
                Action::Drop,
                id(w),
                Op::ForeignDataWrapper(ForeignDataWrapperOp::Drop(w.name.clone())),
            )),
            Pair::Both(a, b) => {
                let handler = (a.handler != b.handler).then(|| b.handler.clone());
                let validator = (a.validator != b.validator).then(|| b.validator.clone());
                let changes = options::changes(&a.options, &b.options);
                if handler.is_some() || validator.is_some() || !changes.is_empty() {
                    let op = ForeignDataWrapperOp::Alter { name: b.name.clone(), handler, validator, options: changes };
                    out.push(Change::new(Action::Alter, id(b), Op::ForeignDataWrapper(op)));
                }
                let target = CommentTarget::ForeignDataWrapper(b.name.clone());
                comment(out, id(b), target, Some(&a.comment), &b.comment);
            }
        }
    }
}

/// Rows of `sql/pg/foreign_data_wrapper.sql`.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, show_secrets, .. } = d;
    for r in rows {
        let r = &r;
        let name: String = get(r, "name")?;
        oids.others
            .insert((get(r, "classid")?, get(r, "oid")?), ObjectId::new(Kind::ForeignDataWrapper, "", &name, ""));
        let function = |s: &str, n: &str| -> Result<Option<QName>, Failure> {
            Ok(get::<Option<String>>(r, n)?.map(|name| QName::new(get::<String>(r, s).unwrap_or_default(), name)))
        };
        let w = ForeignDataWrapper {
            name: name.clone(),
            handler: function("handler_schema", "handler_name")?,
            validator: function("validator_schema", "validator_name")?,
            options: crate::pg::inspect::rows::fdw_options(r, "options", *show_secrets)?,
            comment: get(r, "comment")?,
        };
        cat.foreign_data_wrappers.insert(name, w);
    }
    Ok(())
}

fn function_clause(what: &str, f: &Option<QName>) -> String {
    match f {
        Some(q) => format!(" {what} {}", q.sql()),
        None => format!(" NO {what}"),
    }
}

/// The psql variables of secrets its SQL needs.
pub(crate) fn secrets(op: &ForeignDataWrapperOp) -> Vec<String> {
    match op {
        ForeignDataWrapperOp::Create(w) => options::secret_variables(&object(&w.name), &w.options),
        ForeignDataWrapperOp::Alter { name, options: changes, .. } => {
            options::secret_variables(&object(name), changes.iter().filter_map(OptionChange::option))
        }
        ForeignDataWrapperOp::Drop(_) => Vec::new(),
    }
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &ForeignDataWrapperOp) -> Vec<String> {
    let note = options::secret_note("this foreign-data wrapper", &secrets(op));
    match op {
        ForeignDataWrapperOp::Create(w) => vec![format!(
            "{note}CREATE FOREIGN DATA WRAPPER {}{}{}{};",
            Ident(&w.name),
            function_clause("HANDLER", &w.handler),
            function_clause("VALIDATOR", &w.validator),
            options::create_clause(&object(&w.name), &w.options)
        )],
        ForeignDataWrapperOp::Drop(name) => vec![format!("DROP FOREIGN DATA WRAPPER {};", Ident(name))],
        ForeignDataWrapperOp::Alter { name, handler, validator, options: changes } => {
            let mut s = format!("{note}ALTER FOREIGN DATA WRAPPER {}", Ident(name));
            if let Some(h) = handler {
                s.push_str(&function_clause("HANDLER", h));
            }
            if let Some(v) = validator {
                s.push_str(&function_clause("VALIDATOR", v));
            }
            if !changes.is_empty() {
                s.push_str(&options::alter_clause(&object(name), changes));
            }
            vec![format!("{s};")]
        }
    }
}
