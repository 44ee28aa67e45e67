//! Privileges: GRANT what TO has and FROM lacks, REVOKE the reverse, per object and grantee. FROM's side of
//! a new or re-created object is the built-in default it will be created with (PUBLIC EXECUTE on functions,
//! PUBLIC USAGE on types), so an object with default privileges yields no statement.

use crate::pg::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// What pgdrift does to a privilege.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum PrivilegeOp {
    /// `GRANT privileges ON object TO grantee [WITH GRANT OPTION]`.
    Grant { on: ObjectId, target: GrantTarget, grantee: String, privileges: Vec<String>, grantable: bool },
    /// `REVOKE privileges ON object FROM grantee`.
    Revoke { on: ObjectId, target: GrantTarget, grantee: String, privileges: Vec<String> },
    /// `ALTER DEFAULT PRIVILEGES FOR ROLE role [IN SCHEMA schema] GRANT|REVOKE ... ON <objtype>`.
    AlterDefault {
        role: String,
        schema: String,
        objtype: DefaultObjType,
        grant: bool,
        grantee: String,
        privileges: Vec<String>,
        grantable: bool,
    },
    /// `ALTER <class> object OWNER TO role` (`--with-owners`).
    AlterOwner { on: ObjectId, class: OwnedClass, role: String },
}

/// What a GRANT/REVOKE names the object as (the emitter writes the SQL).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GrantTarget {
    Table,
    Sequence,
    Function,
    Procedure,
    /// Granted as `FUNCTION name(all argument types)`.
    Aggregate,
    Schema,
    Type,
    Column,
    ForeignDataWrapper,
    ForeignServer,
}

type Entry = (String, String, bool);

fn builtin_default(kind: Kind) -> BTreeSet<Entry> {
    let public = |p: &str| ("PUBLIC".to_string(), p.to_string(), false);
    match kind {
        Kind::Function | Kind::Aggregate => [public("EXECUTE")].into(),
        Kind::Enum | Kind::Domain | Kind::Composite | Kind::Range => [public("USAGE")].into(),
        Kind::Schema
        | Kind::Extension
        | Kind::Collation
        | Kind::Sequence
        | Kind::Table
        | Kind::Column
        | Kind::Constraint
        | Kind::Index
        | Kind::View
        | Kind::Trigger
        | Kind::Policy
        | Kind::SequenceOwner
        | Kind::TableParent
        | Kind::Publication
        | Kind::Statistics
        | Kind::Rule
        | Kind::EventTrigger
        | Kind::Cast
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
        | Kind::OperatorClass => BTreeSet::new(),
    }
}

/// What a new object gets when FROM's role creates it: that role's global default privileges for the kind
/// (or the built-in ones when it has none), plus its default privileges in the object's schema.
fn creation_default(from: &Catalog, on: &ObjectId) -> BTreeSet<Entry> {
    let objtype = match on.kind {
        Kind::Table | Kind::View => DefaultObjType::Tables,
        Kind::Sequence => DefaultObjType::Sequences,
        Kind::Function | Kind::Aggregate => DefaultObjType::Functions,
        Kind::Enum | Kind::Domain | Kind::Composite | Kind::Range => DefaultObjType::Types,
        Kind::Schema => DefaultObjType::Schemas,
        Kind::Extension
        | Kind::Collation
        | Kind::Column
        | Kind::Constraint
        | Kind::Index
        | Kind::Trigger
        | Kind::Policy
        | Kind::SequenceOwner
        | Kind::TableParent
        | Kind::Publication
        | Kind::Statistics
        | Kind::Rule
        | Kind::EventTrigger
        | Kind::Cast
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
        | Kind::OperatorClass => return builtin_default(on.kind),
    };
    let Some(role) = &from.role else {
        return builtin_default(on.kind);
    };
    let find = |schema: &str| {
        from.default_privileges.iter().find(|d| &d.role == role && d.schema == schema && d.objtype == objtype)
    };
    let mut set = match find("") {
        Some(d) => d.grants.iter().cloned().collect(),
        None => builtin_default(on.kind),
    };
    if on.kind != Kind::Schema {
        if let Some(d) = find(&on.schema) {
            set.extend(d.grants.iter().cloned());
        }
    }
    set
}

fn by_object(c: &Catalog) -> BTreeMap<&ObjectId, BTreeSet<Entry>> {
    let mut m: BTreeMap<&ObjectId, BTreeSet<Entry>> = BTreeMap::new();
    for g in &c.grants {
        m.entry(&g.on).or_default().insert((g.grantee.clone(), g.privilege.clone(), g.grantable));
    }
    m
}

pub(super) fn target(c: &Catalog, on: &ObjectId) -> GrantTarget {
    match on.kind {
        Kind::Sequence => GrantTarget::Sequence,
        Kind::Column => GrantTarget::Column,
        Kind::Schema => GrantTarget::Schema,
        Kind::Enum | Kind::Domain | Kind::Composite | Kind::Range => GrantTarget::Type,
        Kind::Aggregate => GrantTarget::Aggregate,
        Kind::ForeignDataWrapper => GrantTarget::ForeignDataWrapper,
        Kind::ForeignServer => GrantTarget::ForeignServer,
        Kind::Function => {
            let key = (QName::new(&on.schema, &on.name), on.sub.to_string());
            match c.functions.get(&key).map(|f| f.kind) {
                Some(FunctionKind::Procedure) => GrantTarget::Procedure,
                _ => GrantTarget::Function,
            }
        }
        // Tables, views, materialized views (and foreign tables) are granted as TABLE.
        Kind::Extension
        | Kind::Collation
        | Kind::Table
        | Kind::Constraint
        | Kind::Index
        | Kind::View
        | Kind::Trigger
        | Kind::Policy
        | Kind::SequenceOwner
        | Kind::TableParent
        | Kind::Publication
        // No privileges exist on these: never asked.
        | Kind::Statistics
        | Kind::Rule
        | Kind::EventTrigger
        | Kind::Cast
        | Kind::TsDictionary
        | Kind::TsConfiguration
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
        | Kind::OperatorClass => GrantTarget::Table,
    }
}

/// `recreated`: objects the plan drops and creates again (their privileges start from the defaults).
pub fn privileges(from: &Catalog, to: &Catalog, recreated: &BTreeSet<ObjectId>, out: &mut Vec<Change>) {
    let (a, b) = (by_object(from), by_object(to));
    let empty = BTreeSet::new();
    // Every object with grants on either side, and every function and type of TO (whose default may have
    // been revoked, leaving no rows at all).
    let mut objects: BTreeSet<&ObjectId> = a.keys().chain(b.keys()).copied().collect();
    let extra: Vec<ObjectId> = to
        .functions
        .keys()
        .map(|(q, args)| ObjectId::new(Kind::Function, &q.schema, &q.name, args))
        .chain(to.aggregates.keys().map(|(q, args)| ObjectId::new(Kind::Aggregate, &q.schema, &q.name, args)))
        .chain(to.enums.keys().map(|q| ObjectId::of(Kind::Enum, q)))
        .chain(to.domains.keys().map(|q| ObjectId::of(Kind::Domain, q)))
        .chain(to.composites.keys().map(|q| ObjectId::of(Kind::Composite, q)))
        .chain(to.ranges.keys().map(|q| ObjectId::of(Kind::Range, q)))
        .collect();
    objects.extend(extra.iter());
    for on in objects {
        if !to.contains(on) {
            continue;
        }
        // A view's column starts over with its view.
        let view_recreated =
            on.kind == Kind::Column && recreated.contains(&ObjectId::new(Kind::View, &on.schema, &on.name, ""));
        let fresh = !from.contains(on) || recreated.contains(on) || view_recreated;
        let default;
        let was = if fresh {
            default = creation_default(from, on);
            &default
        } else {
            a.get(on).unwrap_or(&empty)
        };
        let now = b.get(on).unwrap_or(&empty);
        let t = target(to, on);
        let (was, was_owner) = split_owner(was);
        let (now, now_owner) = split_owner(now);
        emit(out, on, t, was.difference(&now), false);
        emit(out, on, t, now.difference(&was), true);
        owner_rights(from, on, t, fresh, was_owner, now_owner, out);
    }
}

/// The entries of other grantees, and the owner's own rights when they are not its defaults.
fn split_owner(entries: &BTreeSet<Entry>) -> (BTreeSet<Entry>, Option<BTreeSet<Entry>>) {
    let (owner, others): (BTreeSet<Entry>, BTreeSet<Entry>) =
        entries.iter().cloned().partition(|(g, _, _)| g == OWNER_GRANTEE);
    let explicit = owner.iter().any(|(_, p, _)| p == OWNER_EXPLICIT);
    let rights = owner.into_iter().filter(|(_, p, _)| p != OWNER_EXPLICIT).collect();
    (others, explicit.then_some(rights))
}

/// `REVOKE ALL` from the owner and `GRANT` back what TO leaves it (or `ALL`, its default), when the owner's
/// rights differ. The owner is FROM's (or, for an object the plan creates, the role that runs it).
#[allow(clippy::too_many_arguments)]
fn owner_rights(
    from: &Catalog,
    on: &ObjectId,
    t: GrantTarget,
    fresh: bool,
    was: Option<BTreeSet<Entry>>,
    now: Option<BTreeSet<Entry>>,
    out: &mut Vec<Change>,
) {
    if was == now {
        return;
    }
    let owner = from
        .acl_owners
        .get(on)
        .filter(|_| !fresh)
        .or_else(|| from.owners.iter().find(|o| o.on == *on).map(|o| &o.role).filter(|_| !fresh))
        .or(from.role.as_ref())
        .cloned()
        .unwrap_or_else(|| "CURRENT_USER".into());
    let all = || vec!["ALL".to_string()];
    let reason = |verb: &str| format!("{verb} the owner's own privileges on {on} ({owner})");
    let authz = |why: String| Hazard::new(HazardKind::Authz, why);
    let revoke =
        Op::Privilege(PrivilegeOp::Revoke { on: on.clone(), target: t, grantee: owner.clone(), privileges: all() });
    out.push(Change::new(Action::Alter, on.clone(), revoke).with_hazard(authz(reason("revokes"))));
    let grants: Vec<(bool, Vec<String>)> = match now {
        None => vec![(false, all())],
        Some(rights) => {
            let mut groups: BTreeMap<bool, Vec<String>> = BTreeMap::new();
            for (_, p, g) in rights {
                groups.entry(g).or_default().push(p);
            }
            groups.into_iter().collect()
        }
    };
    for (grantable, privileges) in grants {
        let op = Op::Privilege(PrivilegeOp::Grant {
            on: on.clone(),
            target: t,
            grantee: owner.clone(),
            privileges,
            grantable,
        });
        out.push(Change::new(Action::Alter, on.clone(), op).with_hazard(authz(reason("grants"))));
    }
}

fn emit<'a>(
    out: &mut Vec<Change>,
    on: &ObjectId,
    t: GrantTarget,
    entries: impl Iterator<Item = &'a Entry>,
    grant: bool,
) {
    let mut groups: BTreeMap<(&str, bool), Vec<String>> = BTreeMap::new();
    for (grantee, privilege, grantable) in entries {
        groups.entry((grantee.as_str(), *grantable)).or_default().push(privilege.clone());
    }
    for ((grantee, grantable), privileges) in groups {
        let verb = if grant { "grants" } else { "revokes" };
        let reason =
            format!("{verb} {} on {on} {} {grantee}", privileges.join(", "), if grant { "to" } else { "from" });
        let op = if grant {
            Op::Privilege(PrivilegeOp::Grant {
                on: on.clone(),
                target: t,
                grantee: grantee.into(),
                privileges,
                grantable,
            })
        } else {
            Op::Privilege(PrivilegeOp::Revoke { on: on.clone(), target: t, grantee: grantee.into(), privileges })
        };
        out.push(Change::new(Action::Alter, on.clone(), op).with_hazard(Hazard::new(HazardKind::Authz, reason)));
    }
}

/// The built-in default of a global entry: what new objects get without `ALTER DEFAULT PRIVILEGES`.
fn builtin_default_acl(objtype: DefaultObjType) -> BTreeSet<Entry> {
    match objtype {
        DefaultObjType::Functions => builtin_default(Kind::Function),
        DefaultObjType::Types => builtin_default(Kind::Enum),
        DefaultObjType::Sequences | DefaultObjType::Schemas | DefaultObjType::Tables => BTreeSet::new(),
    }
}

/// `ALTER DEFAULT PRIVILEGES` per (role, schema, object type): an absent global entry means the built-in
/// default, an absent per-schema entry means nothing added.
pub fn default_privileges(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    type Key = (String, String, DefaultObjType);
    let sets = |c: &Catalog| -> BTreeMap<Key, BTreeSet<Entry>> {
        c.default_privileges
            .iter()
            .map(|d| ((d.role.clone(), d.schema.clone(), d.objtype), d.grants.iter().cloned().collect()))
            .collect()
    };
    let (a, b) = (sets(from), sets(to));
    let keys: BTreeSet<&Key> = a.keys().chain(b.keys()).collect();
    for key in keys {
        // Default privileges in a schema the plan drops go with it.
        if !key.1.is_empty() && !to.schemas.contains_key(key.1.as_str()) {
            continue;
        }
        let implicit = |m: &BTreeMap<Key, BTreeSet<Entry>>| {
            m.get(key).cloned().unwrap_or_else(|| {
                if key.1.is_empty() {
                    builtin_default_acl(key.2)
                } else {
                    BTreeSet::new()
                }
            })
        };
        let (was, now) = (implicit(&a), implicit(&b));
        for (grant, entries) in [(false, was.difference(&now)), (true, now.difference(&was))] {
            let mut groups: BTreeMap<(&str, bool), Vec<String>> = BTreeMap::new();
            for (grantee, privilege, grantable) in entries {
                groups.entry((grantee.as_str(), *grantable)).or_default().push(privilege.clone());
            }
            for ((grantee, grantable), privileges) in groups {
                let (role, schema, objtype) = key.clone();
                let id = if schema.is_empty() {
                    ObjectId::new(Kind::Schema, "", "", &role)
                } else {
                    ObjectId::schema(&schema)
                };
                let reason =
                    format!("default privileges of {role} on new {} objects change for {grantee}", objtype.code());
                let op = Op::Privilege(PrivilegeOp::AlterDefault {
                    role,
                    schema,
                    objtype,
                    grant,
                    grantee: grantee.into(),
                    privileges,
                    grantable,
                });
                out.push(Change::new(Action::Alter, id, op).with_hazard(Hazard::new(HazardKind::Authz, reason)));
            }
        }
    }
}

/// GRANT/REVOKE on extension members, against the privileges the extension's script left: a member is read
/// only where they differ (with those initial ones), so a side without rows for it holds exactly them.
pub fn member_privileges(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    type Sets = (BTreeSet<Entry>, BTreeSet<Entry>, String, MemberClass);
    let group = |c: &Catalog| -> BTreeMap<ObjectId, Sets> {
        let mut m: BTreeMap<ObjectId, Sets> = BTreeMap::new();
        for g in &c.member_grants {
            let e = m
                .entry(g.grant.on.clone())
                .or_insert_with(|| (BTreeSet::new(), BTreeSet::new(), g.extension.clone(), g.class));
            let entry = (g.grant.grantee.clone(), g.grant.privilege.clone(), g.grant.grantable);
            if g.initial {
                e.1.insert(entry);
            } else {
                e.0.insert(entry);
            }
        }
        m
    };
    let (a, b) = (group(from), group(to));
    let objects: BTreeSet<&ObjectId> = a.keys().chain(b.keys()).collect();
    for on in objects {
        let (fa, fb) = (a.get(on), b.get(on));
        let Some((_, initial, extension, class)) = fb.or(fa) else { continue };
        // Members of an extension the plan drops go with it.
        let Some(ext) = to.extensions.get(extension) else { continue };
        // An extension the plan creates (or re-creates) starts from its script's privileges.
        let fresh = from.extensions.get(extension).is_none_or(|x| x.schema != ext.schema && x.fixed_schema);
        let was = match fa {
            Some((now, _, _, _)) if !fresh => now,
            _ => initial,
        };
        let now = fb.map_or(initial, |x| &x.0);
        let t = match class {
            MemberClass::Function => GrantTarget::Function,
            MemberClass::Procedure => GrantTarget::Procedure,
            MemberClass::Sequence => GrantTarget::Sequence,
            MemberClass::Type => GrantTarget::Type,
            MemberClass::Table => GrantTarget::Table,
        };
        let start = out.len();
        emit(out, on, t, was.difference(now), false);
        emit(out, on, t, now.difference(was), true);
        for c in &mut out[start..] {
            c.needs.push(ObjectId::extension(extension));
        }
    }
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &PrivilegeOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        PrivilegeOp::Grant { on, target, grantee, privileges, grantable } => {
            let option = if *grantable { " WITH GRANT OPTION" } else { "" };
            let (privs, object) = grant_object(on, *target, privileges);
            one(format!("GRANT {privs} ON {object} TO {}{option};", role(grantee)))
        }
        PrivilegeOp::AlterDefault { role: owner, schema, objtype, grant, grantee, privileges, grantable } => {
            let scope = if schema.is_empty() { String::new() } else { format!(" IN SCHEMA {}", Ident(schema)) };
            let kind = objtype.sql();
            let privs = privileges.join(", ");
            let action = if *grant {
                let option = if *grantable { " WITH GRANT OPTION" } else { "" };
                format!("GRANT {privs} ON {kind} TO {}{option}", role(grantee))
            } else {
                format!("REVOKE {privs} ON {kind} FROM {}", role(grantee))
            };
            one(format!("ALTER DEFAULT PRIVILEGES FOR ROLE {}{scope} {action};", Ident(owner)))
        }
        PrivilegeOp::AlterOwner { on, class, role: owner } => {
            use crate::pg::owners::OwnedClass as C;
            let q = QName::new(&on.schema, &on.name);
            let object = match class {
                C::Table => format!("TABLE {}", q.sql()),
                C::View => format!("VIEW {}", q.sql()),
                C::MaterializedView => format!("MATERIALIZED VIEW {}", q.sql()),
                C::Sequence => format!("SEQUENCE {}", q.sql()),
                C::Function => format!("FUNCTION {}({})", q.sql(), on.sub),
                C::Procedure => format!("PROCEDURE {}({})", q.sql(), on.sub),
                C::Aggregate => format!("AGGREGATE {}({})", q.sql(), crate::pg::aggregate_signature(&on.sub)),
                C::Schema => format!("SCHEMA {}", Ident(&on.name)),
                C::Type => format!("TYPE {}", q.sql()),
                C::Domain => format!("DOMAIN {}", q.sql()),
                C::ForeignDataWrapper => format!("FOREIGN DATA WRAPPER {}", Ident(&on.name)),
                C::ForeignServer => format!("SERVER {}", Ident(&on.name)),
                C::Statistics => format!("STATISTICS {}", q.sql()),
                C::TsDictionary => format!("TEXT SEARCH DICTIONARY {}", q.sql()),
                C::TsConfiguration => format!("TEXT SEARCH CONFIGURATION {}", q.sql()),
                C::EventTrigger => format!("EVENT TRIGGER {}", Ident(&on.name)),
                C::Subscription => format!("SUBSCRIPTION {}", Ident(&on.name)),
                C::Publication => format!("PUBLICATION {}", Ident(&on.name)),
                C::Operator => format!("OPERATOR {} {}", crate::pg::kinds::operator::operator_sql(&q), on.sub),
                C::OperatorClass => format!("OPERATOR CLASS {} USING {}", q.sql(), Ident(&on.sub)),
                C::OperatorFamily => format!("OPERATOR FAMILY {} USING {}", q.sql(), Ident(&on.sub)),
                C::Conversion => format!("CONVERSION {}", q.sql()),
                C::Language => format!("LANGUAGE {}", Ident(&on.name)),
            };
            one(format!("ALTER {object} OWNER TO {};", Ident(owner)))
        }
        PrivilegeOp::Revoke { on, target, grantee, privileges } => {
            let (privs, object) = grant_object(on, *target, privileges);
            one(format!("REVOKE {privs} ON {object} FROM {};", role(grantee)))
        }
    }
}
/// A grantee: `PUBLIC` is a keyword, every other name a quoted role.
fn role(grantee: &str) -> String {
    if grantee == "PUBLIC" || grantee == "CURRENT_USER" {
        grantee.to_string()
    } else {
        Ident(grantee).to_string()
    }
}

/// The privilege list and the object clause of a GRANT/REVOKE (column privileges name their column).
fn grant_object(on: &ObjectId, target: crate::pg::privileges::GrantTarget, privileges: &[String]) -> (String, String) {
    use crate::pg::privileges::GrantTarget as T;
    let q = QName::new(&on.schema, &on.name);
    match target {
        T::Column => {
            let privs: Vec<String> = privileges.iter().map(|p| format!("{p} ({})", Ident(&on.sub))).collect();
            (privs.join(", "), format!("TABLE {}", q.sql()))
        }
        T::Table => (privileges.join(", "), format!("TABLE {}", q.sql())),
        T::Sequence => (privileges.join(", "), format!("SEQUENCE {}", q.sql())),
        T::Function => (privileges.join(", "), format!("FUNCTION {}({})", q.sql(), on.sub)),
        T::Procedure => (privileges.join(", "), format!("PROCEDURE {}({})", q.sql(), on.sub)),
        // An ordered-set aggregate's identity (`float8 ORDER BY anyelement`) as a function signature.
        T::Aggregate => {
            (privileges.join(", "), format!("FUNCTION {}({})", q.sql(), on.sub.replace(" ORDER BY ", ", ")))
        }
        T::Schema => (privileges.join(", "), format!("SCHEMA {}", Ident(&on.name))),
        T::ForeignDataWrapper => (privileges.join(", "), format!("FOREIGN DATA WRAPPER {}", Ident(&on.name))),
        T::ForeignServer => (privileges.join(", "), format!("FOREIGN SERVER {}", Ident(&on.name))),
        T::Type => (privileges.join(", "), format!("TYPE {}", q.sql())),
    }
}
