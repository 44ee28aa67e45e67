//! Roles (cluster-wide, only with `--with-roles`): created with their attributes, settings, memberships and
//! comment; attributes altered in place (`ALTER ROLE .. WITH`), settings set and reset, memberships granted
//! and revoked; dropped as a withheld `drops-role` hazard, never the role pgdrift is connected as. Every
//! role's name is read regardless (`Catalog::cluster_roles`). Passwords are never read or printed: a new
//! login role gets none.

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{decode_err, Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum RoleOp {
    Create(Role),
    Drop(String),
    /// `ALTER ROLE .. WITH ..`: the attributes that differ, as TO has them.
    Alter {
        name: String,
        from: RoleAttributes,
        to: RoleAttributes,
    },
    /// `ALTER ROLE .. [IN DATABASE ..] SET name = value` (`value` None: `RESET name`).
    Set {
        name: String,
        this_database: bool,
        setting: String,
        value: Option<String>,
    },
    /// `GRANT role TO member [WITH ADMIN OPTION]`.
    Grant {
        member: String,
        role: String,
        admin: bool,
    },
    /// `REVOKE role FROM member`, or only its admin option.
    Revoke {
        member: String,
        role: String,
        admin_only: bool,
    },
}

fn id(name: &str) -> ObjectId {
    ObjectId::new(Kind::Role, "", name, "")
}

fn membership_id(member: &str, role: &str) -> ObjectId {
    ObjectId::new(Kind::Role, "", member, &format!("member of {role}"))
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.roles, &to.roles) {
        match p {
            Pair::Added(r) => create(out, r),
            // The role running the plan cannot drop itself.
            Pair::Removed(r) if from.role.as_deref() == Some(r.name.as_str()) => {}
            Pair::Removed(r) => {
                out.push(Change::new(Action::Drop, id(&r.name), Op::Role(RoleOp::Drop(r.name.clone()))).with_hazard(
                    Hazard::new(
                        HazardKind::DropsRole,
                        format!(
                            "drops role {} for every database of the cluster (fails while it owns objects)",
                            r.name
                        ),
                    ),
                ))
            }
            Pair::Both(a, b) => alter(out, a, b),
        }
    }
}

fn create(out: &mut Vec<Change>, r: &Role) {
    out.push(Change::new(Action::Create, id(&r.name), Op::Role(RoleOp::Create(r.clone()))));
    let empty = Role { settings: Vec::new(), member_of: Vec::new(), comment: None, ..r.clone() };
    members_and_settings(out, &empty, r);
    comment(out, id(&r.name), CommentTarget::Role(r.name.clone()), None, &r.comment);
}

fn alter(out: &mut Vec<Change>, a: &Role, b: &Role) {
    if a.attributes != b.attributes {
        let op = RoleOp::Alter { name: b.name.clone(), from: a.attributes.clone(), to: b.attributes.clone() };
        let mut change = Change::new(Action::Alter, id(&b.name), Op::Role(op));
        if b.attributes.superuser && !a.attributes.superuser {
            change = change.with_hazard(Hazard::new(HazardKind::Authz, format!("makes {} a superuser", b.name)));
        }
        out.push(change);
    }
    members_and_settings(out, a, b);
    comment(out, id(&b.name), CommentTarget::Role(b.name.clone()), Some(&a.comment), &b.comment);
}

fn members_and_settings(out: &mut Vec<Change>, a: &Role, b: &Role) {
    let key = |s: &RoleSetting| (s.this_database, s.name.clone());
    for s in &a.settings {
        if !b.settings.iter().any(|t| key(t) == key(s)) {
            let op = RoleOp::Set {
                name: b.name.clone(),
                this_database: s.this_database,
                setting: s.name.clone(),
                value: None,
            };
            out.push(Change::new(Action::Alter, id(&b.name), Op::Role(op)));
        }
    }
    for s in &b.settings {
        if !a.settings.contains(s) {
            let op = RoleOp::Set {
                name: b.name.clone(),
                this_database: s.this_database,
                setting: s.name.clone(),
                value: Some(s.value.clone()),
            };
            out.push(Change::new(Action::Alter, id(&b.name), Op::Role(op)));
        }
    }
    for m in &a.member_of {
        let kept = b.member_of.iter().find(|n| n.role == m.role);
        if kept.is_none_or(|n| m.admin && !n.admin) {
            let op = RoleOp::Revoke { member: b.name.clone(), role: m.role.clone(), admin_only: kept.is_some() };
            let change = Change::new(Action::Alter, membership_id(&b.name, &m.role), Op::Role(op));
            out.push(
                change
                    .with_hazard(Hazard::new(HazardKind::Authz, format!("{} loses the rights of {}", b.name, m.role))),
            );
        }
    }
    for m in &b.member_of {
        let old = a.member_of.iter().find(|n| n.role == m.role);
        if old.is_none_or(|o| m.admin && !o.admin) {
            let op = RoleOp::Grant { member: b.name.clone(), role: m.role.clone(), admin: m.admin };
            let change = Change::new(Action::Alter, membership_id(&b.name, &m.role), Op::Role(op));
            out.push(
                change
                    .needing([id(&b.name), id(&m.role)])
                    .with_hazard(Hazard::new(HazardKind::Authz, format!("{} gains the rights of {}", b.name, m.role))),
            );
        }
    }
}

/// Rows of `sql/pg/role.sql`: every name into `cluster_roles`, whole roles only with `--with-roles`.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, with_roles, .. } = d;
    for r in rows {
        let r = &r;
        let name: String = get(r, "name")?;
        cat.cluster_roles.0.insert(name.clone());
        if !*with_roles {
            continue;
        }
        let here: Vec<bool> = get(r, "setting_this_database")?;
        let raw: Vec<String> = get(r, "settings")?;
        let mut settings: Vec<RoleSetting> = here
            .into_iter()
            .zip(raw)
            .map(|(this_database, s)| {
                let (n, v) = s.split_once('=').unwrap_or((&s, ""));
                RoleSetting { this_database, name: n.to_string(), value: v.to_string() }
            })
            .collect();
        settings.sort();
        let roles: Vec<String> = get(r, "member_of")?;
        let admins: Vec<bool> = get(r, "member_admin")?;
        if roles.len() != admins.len() {
            return Err(decode_err(format!("memberships of role {name}"), "ragged arrays"));
        }
        let member_of = roles.into_iter().zip(admins).map(|(role, admin)| Membership { role, admin }).collect();
        let role = Role {
            name: name.clone(),
            attributes: RoleAttributes {
                superuser: get(r, "superuser")?,
                inherit: get(r, "inherit")?,
                create_role: get(r, "create_role")?,
                create_db: get(r, "create_db")?,
                login: get(r, "login")?,
                replication: get(r, "replication")?,
                bypass_rls: get(r, "bypass_rls")?,
                connection_limit: get(r, "connection_limit")?,
                valid_until: get(r, "valid_until")?,
            },
            settings,
            member_of,
            comment: get(r, "comment")?,
        };
        cat.roles.insert(name, role);
    }
    Ok(())
}

/// ` SUPERUSER NOINHERIT ..`: every attribute of `to` that differs from `from` (all of them for a new role).
fn attributes_sql(from: Option<&RoleAttributes>, to: &RoleAttributes) -> String {
    let flags = |a: &RoleAttributes| {
        [
            (a.superuser, "SUPERUSER"),
            (a.create_db, "CREATEDB"),
            (a.create_role, "CREATEROLE"),
            (a.inherit, "INHERIT"),
            (a.login, "LOGIN"),
            (a.replication, "REPLICATION"),
            (a.bypass_rls, "BYPASSRLS"),
        ]
    };
    let mut out = String::new();
    let before = from.map(flags);
    for (i, (on, word)) in flags(to).into_iter().enumerate() {
        if before.is_none_or(|b| b[i].0 != on) {
            out.push_str(if on { " " } else { " NO" });
            out.push_str(word);
        }
    }
    if from.is_none_or(|f| f.connection_limit != to.connection_limit) {
        out.push_str(&format!(" CONNECTION LIMIT {}", to.connection_limit));
    }
    if from.is_none_or(|f| f.valid_until != to.valid_until) {
        // A role cannot go back to no expiry: `infinity` is the same in effect.
        let until = to.valid_until.as_deref().unwrap_or("infinity");
        if from.is_some() || to.valid_until.is_some() {
            out.push_str(&format!(" VALID UNTIL {}", Literal(until)));
        }
    }
    out
}

fn setting_sql(role: &str, this_database: bool, what: &str) -> String {
    if this_database {
        // The database's name differs between FROM and TO: the one the plan runs in.
        let statement = format!("ALTER ROLE {} IN DATABASE %I {what}", Ident(role));
        format!("DO $pgdrift$ BEGIN EXECUTE format({}, current_database()); END $pgdrift$;", Literal(&statement))
    } else {
        format!("ALTER ROLE {} {what};", Ident(role))
    }
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &RoleOp) -> Vec<String> {
    match op {
        RoleOp::Create(r) => {
            vec![format!("CREATE ROLE {} WITH{};", Ident(&r.name), attributes_sql(None, &r.attributes))]
        }
        RoleOp::Drop(name) => vec![format!("DROP ROLE {};", Ident(name))],
        RoleOp::Alter { name, from, to } => {
            vec![format!("ALTER ROLE {} WITH{};", Ident(name), attributes_sql(Some(from), to))]
        }
        RoleOp::Set { name, this_database, setting, value } => {
            // List settings are stored as the list SET takes (`"$user", public`): written as stored.
            const LISTS: [&str; 5] = [
                "search_path",
                "temp_tablespaces",
                "session_preload_libraries",
                "shared_preload_libraries",
                "local_preload_libraries",
            ];
            let what = match value {
                Some(v) if LISTS.contains(&setting.as_str()) => format!("SET {} = {v}", QuotedAsNeeded(setting)),
                Some(v) => format!("SET {} = {}", QuotedAsNeeded(setting), Literal(v)),
                None => format!("RESET {}", QuotedAsNeeded(setting)),
            };
            vec![setting_sql(name, *this_database, &what)]
        }
        RoleOp::Grant { member, role, admin } => vec![format!(
            "GRANT {} TO {}{};",
            Ident(role),
            Ident(member),
            if *admin { " WITH ADMIN OPTION" } else { "" }
        )],
        RoleOp::Revoke { member, role, admin_only } => vec![format!(
            "REVOKE {}{} FROM {};",
            if *admin_only { "ADMIN OPTION FOR " } else { "" },
            Ident(role),
            Ident(member)
        )],
    }
}
