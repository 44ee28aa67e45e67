//! The schema model: pure data (serde, no I/O) that every source maps into and every stage reads.

mod cast;
mod event_trigger;
mod foreign;
mod id;
mod ident;
pub mod keyed;
mod language;
mod objects;
mod operator;
mod role;
mod rule;
mod statistics;
mod subscription;
mod table;
mod text_search;

pub use cast::{Cast, CastContext, CastMethod};
pub use event_trigger::EventTrigger;
pub use foreign::{is_secret, FdwOption, ForeignDataWrapper, ForeignServer, OptionValue, UserMapping};
pub use id::{Kind, ObjectId, QName};
pub use ident::{split_quoted, Ident, Literal, Qualified, QuotedAsNeeded};
pub use language::{Language, Transform};
pub use objects::{
    Aggregate, Attribute, Collation, CompositeType, DefaultObjType, DefaultPrivileges, Domain, DomainConstraint,
    EnumType, Extension, Function, FunctionKind, Grant, Index, MemberClass, MemberGrant, Owner, Policy, PolicyCommand,
    Publication, RangeType, Schema, Sequence, TableFilter, Trigger, TriggerState, Unmodelled, View,
};
pub use operator::{
    using_method, AccessMethod, EncodingConversion, FunctionRef, OpMember, Operator, OperatorClass, OperatorFamily,
};
pub use role::{Membership, Role, RoleAttributes, RoleSetting};
pub use rule::Rule;
pub use statistics::Statistics;
pub use subscription::Subscription;
pub use table::{
    Column, ColumnAttributes, ColumnOrigin, Compression, Constraint, ConstraintKind, ForeignTable, Identity,
    IdentityKind, Lineage, PartitionOf, ReplicaIdentity, SeqOptions, SqliteTable, Storage, StorageOverride, Table,
};
pub use text_search::{TsConfiguration, TsDictionary, TsParser, TsTemplate};

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The names of every role of a source's cluster: context for checks, not part of what a catalog describes,
/// so two catalogs of one schema are equal whatever roles their clusters hold meanwhile.
#[derive(Clone, Debug, Default)]
pub struct ClusterRoles(pub BTreeSet<String>);

impl PartialEq for ClusterRoles {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for ClusterRoles {}

/// Everything pgdrift knows about one database. Maps are ordered so that iteration, and therefore every
/// output, is deterministic.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    /// Which database system the model describes (SQLite catalogs hold tables, indexes, views, triggers).
    #[serde(default, skip_serializing_if = "Dialect::is_postgres")]
    pub dialect: Dialect,
    /// `server_version_num` of the source (SQLite: its version number), 0 for EMPTY.
    pub server_version: u32,
    /// The role that read the catalog: a plan for this database runs as it, so objects the plan creates get
    /// its default privileges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(with = "keyed")]
    pub schemas: BTreeMap<String, Schema>,
    #[serde(with = "keyed")]
    pub extensions: BTreeMap<String, Extension>,
    #[serde(with = "keyed")]
    pub enums: BTreeMap<QName, EnumType>,
    #[serde(with = "keyed", default)]
    pub domains: BTreeMap<QName, Domain>,
    #[serde(with = "keyed", default)]
    pub composites: BTreeMap<QName, CompositeType>,
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ranges: BTreeMap<QName, RangeType>,
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub collations: BTreeMap<QName, Collation>,
    #[serde(with = "keyed")]
    pub sequences: BTreeMap<QName, Sequence>,
    #[serde(with = "keyed")]
    pub tables: BTreeMap<QName, Table>,
    #[serde(with = "keyed")]
    pub indexes: BTreeMap<QName, Index>,
    #[serde(with = "keyed", default)]
    pub views: BTreeMap<QName, View>,
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub statistics: BTreeMap<QName, Statistics>,
    /// Keyed by table (or view) and rule name.
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<(QName, String), Rule>,
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub event_triggers: BTreeMap<String, EventTrigger>,
    /// Keyed by `source AS target`.
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub casts: BTreeMap<String, Cast>,
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ts_dictionaries: BTreeMap<QName, TsDictionary>,
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ts_configurations: BTreeMap<QName, TsConfiguration>,
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub foreign_data_wrappers: BTreeMap<String, ForeignDataWrapper>,
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub foreign_servers: BTreeMap<String, ForeignServer>,
    /// Keyed by `user@server`.
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub user_mappings: BTreeMap<String, UserMapping>,
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub subscriptions: BTreeMap<String, Subscription>,
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ts_parsers: BTreeMap<QName, TsParser>,
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ts_templates: BTreeMap<QName, TsTemplate>,
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub languages: BTreeMap<String, Language>,
    /// Keyed by `type language lang`.
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub transforms: BTreeMap<String, Transform>,
    /// Keyed by name and signature (`(integer, integer)`).
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub operators: BTreeMap<(QName, String), Operator>,
    /// Keyed by name and access method.
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub operator_families: BTreeMap<(QName, String), OperatorFamily>,
    /// Keyed by name and access method.
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub operator_classes: BTreeMap<(QName, String), OperatorClass>,
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub conversions: BTreeMap<QName, EncodingConversion>,
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub access_methods: BTreeMap<String, AccessMethod>,
    /// Roles, only when read with `--with-roles` (otherwise empty and not compared).
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub roles: BTreeMap<String, Role>,
    /// The names of every role of the source's cluster (read always, to name a role TO needs that FROM's
    /// cluster lacks); not part of snapshots.
    #[serde(skip)]
    pub cluster_roles: ClusterRoles,
    /// Keyed by table and policy name.
    #[serde(with = "keyed", default)]
    pub policies: BTreeMap<(QName, String), Policy>,
    /// Keyed by table and trigger name.
    #[serde(with = "keyed", default)]
    pub triggers: BTreeMap<(QName, String), Trigger>,
    /// Keyed by name and identity arguments (overloads are distinct).
    #[serde(with = "keyed", default)]
    pub functions: BTreeMap<(QName, String), Function>,
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub aggregates: BTreeMap<(QName, String), Aggregate>,
    /// Whether privileges were read (by the Postgres inspector): catalogs built otherwise (older snapshots,
    /// tests) have no privilege rows, which must not read as "everything revoked".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub grants_known: bool,
    /// Effective privileges (see `Grant`), normalized against the built-in defaults.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub grants: BTreeSet<Grant>,
    #[serde(with = "keyed", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub publications: BTreeMap<String, Publication>,
    /// Owners, only when read with `--with-owners` (otherwise empty and not compared).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub owners: BTreeSet<Owner>,
    /// Privileges on extension members that differ from what the extension's script left.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub member_grants: BTreeSet<MemberGrant>,
    /// The owners of objects whose own rights are not the default ones (grants to `OWNER_GRANTEE`): whom a
    /// plan's GRANT/REVOKE names. Left out of the fingerprint (owners are not compared without
    /// `--with-owners`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub acl_owners: BTreeMap<ObjectId, String>,
    /// `ALTER DEFAULT PRIVILEGES` entries, sorted by (role, schema, objtype).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub default_privileges: Vec<DefaultPrivileges>,
    pub unmodelled: BTreeSet<Unmodelled>,
    /// `(dependent, referenced)` from `pg_depend`: the dependent needs the referenced object to exist.
    /// Structural dependencies (on the schema, on the table) are not stored: see `structural_parents`.
    pub depends: BTreeSet<(ObjectId, ObjectId)>,
}

/// The SQL dialect a catalog was read from and a script is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dialect {
    #[default]
    Postgres,
    Sqlite,
}

impl Dialect {
    pub fn is_postgres(&self) -> bool {
        *self == Dialect::Postgres
    }
}

/// The grantee that stands for an object's owner in `grants`, whoever owns it: its own rights are compared
/// on both sides as the owner's, not as a role's. With it, a marker privilege `OWNER_EXPLICIT` says the
/// owner's rights are not its defaults (all of them); an owner left with nothing has only the marker.
pub const OWNER_GRANTEE: &str = "(owner)";
pub const OWNER_EXPLICIT: &str = "(explicit)";

impl Catalog {
    /// The state of a freshly created database: only the `public` schema, as `CREATE DATABASE` makes it.
    pub fn empty() -> Self {
        let mut c = Catalog::default();
        c.schemas
            .insert("public".into(), Schema { name: "public".into(), comment: Some("standard public schema".into()) });
        // PostgreSQL 15+: USAGE on public for everyone (CREATE only for the database owner).
        c.grants.insert(Grant {
            on: ObjectId::schema("public"),
            grantee: "PUBLIC".into(),
            privilege: "USAGE".into(),
            grantable: false,
        });
        c
    }

    /// The roles the catalog's objects name: grantees, owners, policies' roles, default privileges' roles
    /// and grantees, user mappings' users and roles' memberships (never `PUBLIC`).
    pub fn referenced_roles(&self) -> BTreeSet<&str> {
        let mut out: BTreeSet<&str> = BTreeSet::new();
        out.extend(self.grants.iter().map(|g| g.grantee.as_str()));
        out.extend(self.member_grants.iter().map(|g| g.grant.grantee.as_str()));
        out.extend(self.owners.iter().map(|o| o.role.as_str()));
        out.extend(self.acl_owners.values().map(String::as_str));
        out.extend(self.policies.values().flat_map(|p| p.roles.iter().map(String::as_str)));
        for d in &self.default_privileges {
            out.insert(d.role.as_str());
            out.extend(d.grants.iter().map(|(grantee, _, _)| grantee.as_str()));
        }
        out.extend(self.user_mappings.values().map(|m| m.user.as_str()));
        out.extend(self.roles.values().flat_map(|r| r.member_of.iter().map(|m| m.role.as_str())));
        out.retain(|r| !r.eq_ignore_ascii_case("public") && *r != OWNER_GRANTEE && !r.starts_with("pg_"));
        out
    }

    /// Whether the object exists in this catalog.
    pub fn contains(&self, id: &ObjectId) -> bool {
        let q = || QName::new(&id.schema, &id.name);
        match id.kind {
            Kind::Schema => self.schemas.contains_key(id.name.as_str()),
            Kind::Extension => self.extensions.contains_key(id.name.as_str()),
            Kind::Enum => self.enums.contains_key(&q()),
            Kind::Domain => self.domains.contains_key(&q()),
            Kind::Composite => self.composites.contains_key(&q()),
            Kind::Range => self.ranges.contains_key(&q()),
            Kind::Collation => self.collations.contains_key(&q()),
            Kind::Sequence | Kind::SequenceOwner => self.sequences.contains_key(&q()),
            Kind::Table => self.tables.contains_key(&q()),
            Kind::TableParent => self.tables.get(&q()).is_some_and(|t| t.lineage.parents().next().is_some()),
            Kind::Column => {
                self.tables.get(&q()).is_some_and(|t| t.column(&id.sub).is_some())
                    || self.views.get(&q()).is_some_and(|v| v.columns.iter().any(|(c, _)| *c == id.sub))
            }
            Kind::Constraint => self.tables.get(&q()).is_some_and(|t| t.constraints.contains_key(id.sub.as_str())),
            Kind::Index => self.indexes.contains_key(&q()),
            Kind::View => self.views.contains_key(&q()),
            Kind::Trigger => self.triggers.contains_key(&(q(), id.sub.to_string())),
            Kind::Policy => self.policies.contains_key(&(q(), id.sub.to_string())),
            Kind::Function => self.functions.contains_key(&(q(), id.sub.to_string())),
            Kind::Aggregate => self.aggregates.contains_key(&(q(), id.sub.to_string())),
            Kind::Publication => self.publications.contains_key(id.name.as_str()),
            Kind::Statistics => self.statistics.contains_key(&q()),
            Kind::Rule => self.rules.contains_key(&(q(), id.sub.to_string())),
            Kind::EventTrigger => self.event_triggers.contains_key(id.name.as_str()),
            Kind::Cast => self.casts.contains_key(id.name.as_str()),
            Kind::TsDictionary => self.ts_dictionaries.contains_key(&q()),
            Kind::TsConfiguration => self.ts_configurations.contains_key(&q()),
            Kind::ForeignDataWrapper => self.foreign_data_wrappers.contains_key(id.name.as_str()),
            Kind::ForeignServer => self.foreign_servers.contains_key(id.name.as_str()),
            Kind::UserMapping => self.user_mappings.contains_key(id.name.as_str()),
            Kind::Subscription => self.subscriptions.contains_key(id.name.as_str()),
            Kind::TsParser => self.ts_parsers.contains_key(&q()),
            Kind::TsTemplate => self.ts_templates.contains_key(&q()),
            Kind::Language => self.languages.contains_key(id.name.as_str()),
            Kind::Transform => self.transforms.contains_key(id.name.as_str()),
            Kind::Operator => self.operators.contains_key(&(q(), id.sub.to_string())),
            Kind::Conversion => self.conversions.contains_key(&q()),
            Kind::OperatorFamily => self.operator_families.contains_key(&(q(), id.sub.to_string())),
            Kind::OperatorClass => self.operator_classes.contains_key(&(q(), id.sub.to_string())),
            Kind::AccessMethod => self.access_methods.contains_key(id.name.as_str()),
            Kind::Role => match id.sub.as_str() {
                "" => self.roles.contains_key(id.name.as_str()),
                sub => self.roles.get(id.name.as_str()).is_some_and(|r| {
                    r.member_of.iter().any(|m| sub.strip_prefix("member of ") == Some(m.role.as_str()))
                }),
            },
        }
    }

    /// What an object needs by structure: its schema, and its table for columns, constraints and indexes.
    /// Derived from names instead of stored, which keeps `depends` to the pg_depend edges.
    pub fn structural_parents(&self, id: &ObjectId) -> Vec<ObjectId> {
        let mut out = Vec::with_capacity(2);
        match id.kind {
            Kind::Schema => {}
            Kind::Extension => {
                if let Some(e) = self.extensions.get(id.name.as_str()) {
                    out.push(ObjectId::schema(&e.schema));
                }
            }
            Kind::Column if self.views.contains_key(&QName::new(&id.schema, &id.name)) => {
                out.push(ObjectId::new(Kind::View, &id.schema, &id.name, ""))
            }
            Kind::Column | Kind::Constraint | Kind::Policy | Kind::TableParent => {
                out.push(ObjectId::new(Kind::Table, &id.schema, &id.name, ""))
            }
            Kind::Trigger | Kind::Rule => {
                let q = QName::new(&id.schema, &id.name);
                let kind = if self.views.contains_key(&q) { Kind::View } else { Kind::Table };
                out.push(ObjectId::of(kind, &q));
            }
            Kind::Statistics => {
                if let Some(s) = self.statistics.get(&QName::new(&id.schema, &id.name)) {
                    out.push(ObjectId::of(Kind::Table, &s.table));
                }
            }
            Kind::Index => {
                if let Some(i) = self.indexes.get(&QName::new(&id.schema, &id.name)) {
                    let kind = if self.views.contains_key(&i.table) { Kind::View } else { Kind::Table };
                    out.push(ObjectId::of(kind, &i.table));
                }
            }
            Kind::Enum
            | Kind::Domain
            | Kind::Composite
            | Kind::Range
            | Kind::Collation
            | Kind::Sequence
            | Kind::Table
            | Kind::SequenceOwner
            | Kind::View
            | Kind::Function
            | Kind::Aggregate
            | Kind::Publication
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
            | Kind::OperatorClass => {}
        }
        if !id.schema.is_empty() && self.schemas.contains_key(id.schema.as_str()) {
            out.push(ObjectId::schema(&id.schema));
        }
        out
    }

    /// The catalog restricted to the schemas `include` (all when empty) and not `exclude` (for snapshots,
    /// which were read unfiltered); owners dropped unless `owners`.
    pub fn filtered(mut self, include: &[String], exclude: &[String], owners: bool, with_roles: bool) -> Catalog {
        let keep = |schema: &str| {
            schema.is_empty()
                || ((include.is_empty() || include.iter().any(|s| s == schema)) && !exclude.iter().any(|s| s == schema))
        };
        // Every field named: a new one does not compile until it is decided here.
        let Catalog {
            dialect: _,
            server_version: _,
            role: _,
            schemas,
            extensions,
            enums,
            domains,
            composites,
            ranges,
            collations,
            sequences,
            tables,
            indexes,
            views,
            statistics,
            rules,
            event_triggers: _,
            casts: _,
            ts_dictionaries,
            ts_configurations,
            foreign_data_wrappers: _,
            foreign_servers: _,
            user_mappings: _,
            subscriptions: _,
            roles,
            cluster_roles: _,
            ts_parsers,
            ts_templates,
            languages: _,
            transforms: _,
            operators,
            operator_families,
            operator_classes,
            conversions,
            access_methods: _,
            policies,
            triggers,
            functions,
            aggregates,
            grants_known: _,
            grants,
            publications: _,
            owners: owner_set,
            member_grants,
            acl_owners,
            default_privileges,
            unmodelled,
            depends,
        } = &mut self;
        if !with_roles {
            roles.clear();
        }
        schemas.retain(|k, _| keep(k));
        extensions.retain(|_, e| keep(&e.schema));
        enums.retain(|k, _| keep(&k.schema));
        domains.retain(|k, _| keep(&k.schema));
        composites.retain(|k, _| keep(&k.schema));
        ranges.retain(|k, _| keep(&k.schema));
        collations.retain(|k, _| keep(&k.schema));
        sequences.retain(|k, _| keep(&k.schema));
        tables.retain(|k, _| keep(&k.schema));
        indexes.retain(|k, _| keep(&k.schema));
        views.retain(|k, _| keep(&k.schema));
        statistics.retain(|k, _| keep(&k.schema));
        ts_dictionaries.retain(|k, _| keep(&k.schema));
        ts_parsers.retain(|k, _| keep(&k.schema));
        ts_templates.retain(|k, _| keep(&k.schema));
        operators.retain(|(k, _), _| keep(&k.schema));
        operator_families.retain(|(k, _), _| keep(&k.schema));
        operator_classes.retain(|(k, _), _| keep(&k.schema));
        conversions.retain(|k, _| keep(&k.schema));
        ts_configurations.retain(|k, _| keep(&k.schema));
        rules.retain(|k, _| keep(&k.0.schema));
        triggers.retain(|k, _| keep(&k.0.schema));
        policies.retain(|k, _| keep(&k.0.schema));
        functions.retain(|k, _| keep(&k.0.schema));
        aggregates.retain(|k, _| keep(&k.0.schema));
        unmodelled.retain(|u| keep(&u.schema));
        grants.retain(|g| keep(&g.on.schema));
        default_privileges.retain(|d| keep(&d.schema));
        owner_set.retain(|o| keep(&o.on.schema));
        acl_owners.retain(|on, _| keep(&on.schema));
        member_grants.retain(|m| keep(&m.grant.on.schema));
        if !owners {
            owner_set.clear();
        }
        depends.retain(|(a, b)| keep(&a.schema) && keep(&b.schema));
        self
    }

    /// SHA-256 of the normalized model: equal schemas on different servers give equal fingerprints, and
    /// two catalogs have equal fingerprints exactly when their diff is empty (the fixture tests check this
    /// after every plan). What the diff does not compare is left out: the server version and the reading
    /// role, the order of a table's columns (no plan reorders columns), and whether an inherited column is
    /// also declared by the child itself (no statement takes that back).
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut c = self.clone();
        c.server_version = 0;
        c.role = None;
        c.acl_owners.clear();
        for t in c.tables.values_mut() {
            t.columns.sort_by(|a, b| a.name.cmp(&b.name));
            for col in &mut t.columns {
                if col.origin == ColumnOrigin::Both {
                    col.origin = ColumnOrigin::Inherited;
                }
            }
        }
        let mut hasher = Sha256::new();
        // Serializing the model cannot fail: every map is written as a list (see `keyed`).
        if let Err(e) = serde_json::to_writer(HashWriter(&mut hasher), &c) {
            hasher.update(e.to_string().as_bytes());
        }
        hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Whether a table or a (materialized) view of this name exists: what an index can be on.
    pub fn has_relation(&self, q: &QName) -> bool {
        self.tables.contains_key(q) || self.views.contains_key(q)
    }

    /// Number of modelled objects (columns and constraints included), for summaries and benchmarks.
    pub fn object_count(&self) -> usize {
        self.schemas.len()
            + self.extensions.len()
            + self.enums.len()
            + self.domains.len()
            + self.composites.len()
            + self.ranges.len()
            + self.collations.len()
            + self.sequences.len()
            + self.indexes.len()
            + self.views.len()
            + self.triggers.len()
            + self.policies.len()
            + self.functions.len()
            + self.aggregates.len()
            + self.statistics.len()
            + self.rules.len()
            + self.event_triggers.len()
            + self.casts.len()
            + self.ts_dictionaries.len()
            + self.ts_configurations.len()
            + self.foreign_data_wrappers.len()
            + self.foreign_servers.len()
            + self.user_mappings.len()
            + self.subscriptions.len()
            + self.tables.values().map(|t| 1 + t.columns.len() + t.constraints.len()).sum::<usize>()
    }
}

/// The entries of a map keyed by (table, name) that belong to `table`: a range, not a scan.
pub fn on_table<'a, V>(map: &'a BTreeMap<(QName, String), V>, table: &'a QName) -> impl Iterator<Item = &'a V> + 'a {
    map.range((table.clone(), String::new())..).take_while(move |((t, _), _)| t == table).map(|(_, v)| v)
}

/// Feeds serialized bytes straight into the hash (no intermediate buffer).
struct HashWriter<'a>(&'a mut sha2::Sha256);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        sha2::Digest::update(self.0, buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
