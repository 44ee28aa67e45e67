//! User mappings: created, their options altered in place, dropped. Their options usually hold the remote
//! password: a secret, never printed (see `pg::options`).

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::options::{self, OptionChange};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a user mapping.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum UserMappingOp {
    Create(UserMapping),
    Drop { user: String, server: String },
    Alter { user: String, server: String, options: Vec<OptionChange> },
}

fn id(m: &UserMapping) -> ObjectId {
    ObjectId::new(Kind::UserMapping, "", &m.key(), "")
}

fn object(user: &str, server: &str) -> String {
    format!("{user}@{server}")
}

fn user_sql(user: &str) -> String {
    if user == "PUBLIC" {
        user.into()
    } else {
        Ident(user).to_string()
    }
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.user_mappings, &to.user_mappings) {
        match p {
            Pair::Added(m) => {
                let server = ObjectId::new(Kind::ForeignServer, "", &m.server, "");
                out.push(
                    Change::new(Action::Create, id(m), Op::UserMapping(UserMappingOp::Create(m.clone())))
                        .needing([server]),
                );
            }
            // Dropped on its own: DROP SERVER refuses while mappings use it.
            Pair::Removed(m) => {
                let op = UserMappingOp::Drop { user: m.user.clone(), server: m.server.clone() };
                out.push(Change::new(Action::Drop, id(m), Op::UserMapping(op)));
            }
            Pair::Both(a, b) => {
                let changes = options::changes(&a.options, &b.options);
                if !changes.is_empty() {
                    let op = UserMappingOp::Alter { user: b.user.clone(), server: b.server.clone(), options: changes };
                    out.push(Change::new(Action::Alter, id(b), Op::UserMapping(op)));
                }
            }
        }
    }
}

/// Rows of `sql/pg/user_mapping.sql`.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, show_secrets, .. } = d;
    for r in rows {
        let r = &r;
        let m = UserMapping {
            server: get(r, "server")?,
            user: get(r, "user_name")?,
            options: crate::pg::inspect::rows::fdw_options(r, "options", *show_secrets)?,
        };
        oids.others.insert((get(r, "classid")?, get(r, "oid")?), ObjectId::new(Kind::UserMapping, "", &m.key(), ""));
        cat.user_mappings.insert(m.key(), m);
    }
    Ok(())
}

/// The psql variables of secrets its SQL needs.
pub(crate) fn secrets(op: &UserMappingOp) -> Vec<String> {
    match op {
        UserMappingOp::Create(m) => options::secret_variables(&object(&m.user, &m.server), &m.options),
        UserMappingOp::Alter { user, server, options: changes } => {
            options::secret_variables(&object(user, server), changes.iter().filter_map(OptionChange::option))
        }
        UserMappingOp::Drop { .. } => Vec::new(),
    }
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &UserMappingOp) -> Vec<String> {
    let note = options::secret_note("this user mapping", &secrets(op));
    match op {
        UserMappingOp::Create(m) => vec![format!(
            "{note}CREATE USER MAPPING FOR {} SERVER {}{};",
            user_sql(&m.user),
            Ident(&m.server),
            options::create_clause(&object(&m.user, &m.server), &m.options)
        )],
        UserMappingOp::Drop { user, server } => {
            vec![format!("DROP USER MAPPING FOR {} SERVER {};", user_sql(user), Ident(server))]
        }
        UserMappingOp::Alter { user, server, options: changes } => vec![format!(
            "{note}ALTER USER MAPPING FOR {} SERVER {}{};",
            user_sql(user),
            Ident(server),
            options::alter_clause(&object(user, server), changes)
        )],
    }
}
