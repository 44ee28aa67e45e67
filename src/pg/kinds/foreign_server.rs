//! Foreign servers: created, their version and options altered in place, dropped and created again when
//! their wrapper or type changes.

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::options::{self, OptionChange};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a foreign server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ForeignServerOp {
    Create(ForeignServer),
    Drop(String),
    /// `ALTER SERVER`: a new version (a version cannot be taken back to none: that re-creates), option changes.
    Alter {
        name: String,
        version: Option<String>,
        options: Vec<OptionChange>,
    },
}

fn id(s: &ForeignServer) -> ObjectId {
    ObjectId::new(Kind::ForeignServer, "", &s.name, "")
}

fn object(name: &str) -> String {
    format!("server {name}")
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.foreign_servers, &to.foreign_servers) {
        match p {
            Pair::Added(s) => create(out, s),
            Pair::Removed(s) => out.push(drop(s)),
            // A version cannot be taken back to none: that is a re-creation too.
            Pair::Both(a, b)
                if a.wrapper != b.wrapper
                    || a.server_type != b.server_type
                    || (a.version.is_some() && b.version.is_none()) =>
            {
                out.push(drop(a));
                create(out, b);
            }
            Pair::Both(a, b) => {
                let version = (a.version != b.version).then(|| b.version.clone()).flatten();
                let changes = options::changes(&a.options, &b.options);
                if version.is_some() || !changes.is_empty() {
                    let op = ForeignServerOp::Alter { name: b.name.clone(), version, options: changes };
                    out.push(Change::new(Action::Alter, id(b), Op::ForeignServer(op)));
                }
                comment(out, id(b), CommentTarget::ForeignServer(b.name.clone()), Some(&a.comment), &b.comment);
            }
        }
    }
}

pub(crate) fn create(out: &mut Vec<Change>, s: &ForeignServer) {
    let wrapper = ObjectId::new(Kind::ForeignDataWrapper, "", &s.wrapper, "");
    out.push(
        Change::new(Action::Create, id(s), Op::ForeignServer(ForeignServerOp::Create(s.clone()))).needing([wrapper]),
    );
    comment(out, id(s), CommentTarget::ForeignServer(s.name.clone()), None, &s.comment);
}

pub(crate) fn drop(s: &ForeignServer) -> Change {
    Change::new(Action::Drop, id(s), Op::ForeignServer(ForeignServerOp::Drop(s.name.clone())))
}

/// Rows of `sql/pg/foreign_server.sql`.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, show_secrets, .. } = d;
    for r in rows {
        let r = &r;
        let name: String = get(r, "name")?;
        oids.others.insert((get(r, "classid")?, get(r, "oid")?), ObjectId::new(Kind::ForeignServer, "", &name, ""));
        let s = ForeignServer {
            name: name.clone(),
            wrapper: get(r, "wrapper")?,
            server_type: get(r, "server_type")?,
            version: get(r, "version")?,
            options: crate::pg::inspect::rows::fdw_options(r, "options", *show_secrets)?,
            comment: get(r, "comment")?,
        };
        cat.foreign_servers.insert(name, s);
    }
    Ok(())
}

/// The psql variables of secrets its SQL needs.
pub(crate) fn secrets(op: &ForeignServerOp) -> Vec<String> {
    match op {
        ForeignServerOp::Create(s) => options::secret_variables(&object(&s.name), &s.options),
        ForeignServerOp::Alter { name, options: changes, .. } => {
            options::secret_variables(&object(name), changes.iter().filter_map(OptionChange::option))
        }
        ForeignServerOp::Drop(_) => Vec::new(),
    }
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &ForeignServerOp) -> Vec<String> {
    let note = options::secret_note("this server", &secrets(op));
    match op {
        ForeignServerOp::Create(s) => {
            let server_type = s.server_type.as_deref().map(|t| format!(" TYPE {}", Literal(t))).unwrap_or_default();
            let version = s.version.as_deref().map(|v| format!(" VERSION {}", Literal(v))).unwrap_or_default();
            vec![format!(
                "{note}CREATE SERVER {}{server_type}{version} FOREIGN DATA WRAPPER {}{};",
                Ident(&s.name),
                Ident(&s.wrapper),
                options::create_clause(&object(&s.name), &s.options)
            )]
        }
        ForeignServerOp::Drop(name) => vec![format!("DROP SERVER {};", Ident(name))],
        ForeignServerOp::Alter { name, version, options: changes } => {
            let mut s = format!("{note}ALTER SERVER {}", Ident(name));
            if let Some(v) = version {
                s.push_str(&format!(" VERSION {}", Literal(v)));
            }
            if !changes.is_empty() {
                s.push_str(&options::alter_clause(&object(name), changes));
            }
            vec![format!("{s};")]
        }
    }
}
