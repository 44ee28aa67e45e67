//! Functions and procedures: replaced in place unless the result or the arguments change (then drop +
//! create); bodies that reference other objects carry the untracked-dependencies hazard.

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{decode_err, Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a function.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum FunctionOp {
    /// `CREATE OR REPLACE FUNCTION/PROCEDURE`: creation, or a change that keeps result and arguments.
    Create(Function),
    Drop {
        name: QName,
        identity_args: String,
        procedure: bool,
    },
}

fn fid(f: &Function) -> ObjectId {
    ObjectId::new(Kind::Function, &f.name.schema, &f.name.name, &f.identity_args)
}

fn target(f: &Function) -> CommentTarget {
    CommentTarget::Function(f.name.clone(), f.identity_args.clone(), f.kind == FunctionKind::Procedure)
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.functions, &to.functions) {
        match p {
            Pair::Added(f) => create_function(out, f),
            Pair::Removed(f) => out.push(drop_function(f)),
            Pair::Both(a, b) => {
                if a.definition != b.definition {
                    if a.result == b.result && a.arguments == b.arguments && a.kind == b.kind {
                        out.push(with_body_hazard(
                            Change::new(Action::Alter, fid(b), Op::Function(FunctionOp::Create(b.clone()))),
                            b,
                        ));
                    } else {
                        out.push(drop_function(a));
                        out.push(with_body_hazard(
                            Change::new(Action::Create, fid(b), Op::Function(FunctionOp::Create(b.clone()))),
                            b,
                        ));
                    }
                }
                comment(out, fid(b), target(b), Some(&a.comment), &b.comment);
            }
        }
    }
}

/// pg_depend records what a `BEGIN ATOMIC` body uses; plpgsql and string SQL bodies are parsed
/// (pg::body). What stays unknown (SQL built at run time, other languages, unparsable bodies) is a hazard.
fn with_body_hazard(c: Change, f: &Function) -> Change {
    use crate::pg::body::{track, Tracking};
    let why = match track(&f.definition) {
        Tracking::Catalog => return c,
        Tracking::Parsed(n) if !n.dynamic => return c,
        Tracking::Parsed(_) => format!(
            "{} builds SQL at run time (EXECUTE): objects named there are not ordered by this plan",
            f.signature()
        ),
        Tracking::Unknown => format!(
            "references inside the body of {} are not tracked (language or body pg_query cannot parse): \
             objects it uses are not ordered",
            f.signature()
        ),
    };
    c.with_hazard(crate::hazard::Hazard::new(crate::hazard::HazardKind::UntrackedDependencies, why))
}

pub(crate) fn create_function(out: &mut Vec<Change>, f: &Function) {
    out.push(with_body_hazard(Change::new(Action::Create, fid(f), Op::Function(FunctionOp::Create(f.clone()))), f));
    comment(out, fid(f), target(f), None, &f.comment);
}

pub(crate) fn drop_function(f: &Function) -> Change {
    let op = Op::Function(FunctionOp::Drop {
        name: f.name.clone(),
        identity_args: f.identity_args.clone(),
        procedure: f.kind == FunctionKind::Procedure,
    });
    Change::new(Action::Drop, fid(f), op)
}

/// Rows of `sql/pg/function.sql` into the catalog (OIDs recorded in the inspector's map only).
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let identity_args: String = get(r, "identity_args")?;
        oids.procs.insert(get(r, "oid")?, ObjectId::new(Kind::Function, &name.schema, &name.name, &identity_args));
        let kind = match get::<&str>(r, "kind")? {
            "f" | "w" => FunctionKind::Function,
            "p" => FunctionKind::Procedure,
            other => {
                return Err(decode_err(
                    format!("function {name}({identity_args})"),
                    format!("unexpected prokind {other:?}"),
                ))
            }
        };
        let f = Function {
            name: name.clone(),
            identity_args: identity_args.clone(),
            arguments: get(r, "arguments")?,
            result: get::<Option<String>>(r, "result")?.unwrap_or_default(),
            kind,
            definition: get(r, "definition")?,
            comment: get(r, "comment")?,
        };
        cat.functions.insert((name, identity_args), f);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &FunctionOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        FunctionOp::Create(f) => one(format!("{};", f.definition.trim_end())),
        FunctionOp::Drop { name, identity_args, procedure } => {
            let what = if *procedure { "PROCEDURE" } else { "FUNCTION" };
            one(format!("DROP {what} {}({identity_args});", name.sql()))
        }
    }
}
