//! Platform profiles (`--profile supabase`): what a platform owns and pgdrift leaves alone, and what the
//! user still owns inside the platform's schemas (their triggers and policies, their tables' membership of
//! the platform's publication).

use crate::model::{Catalog, Publication, QName};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    Supabase,
}

impl Profile {
    pub const ALL: [Profile; 1] = [Profile::Supabase];

    pub fn label(self) -> &'static str {
        match self {
            Profile::Supabase => "supabase",
        }
    }

    /// The profile named by its label (`supabase`).
    pub fn from_label(label: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.label() == label)
    }
}

/// Schemas the Supabase platform creates and migrates itself.
pub const SUPABASE_SCHEMAS: [&str; 18] = [
    "auth",
    "storage",
    "realtime",
    "_realtime",
    "extensions",
    "graphql",
    "graphql_public",
    "pgbouncer",
    "pgsodium",
    "pgsodium_masks",
    "vault",
    "supabase_functions",
    "supabase_migrations",
    "net",
    "cron",
    "_analytics",
    "pgtle",
    "_supavisor",
];

/// Platform tables users attach their own triggers and policies to: those stay managed.
pub const SUPABASE_USER_TABLES: [(&str, &str); 4] =
    [("auth", "users"), ("storage", "objects"), ("storage", "buckets"), ("realtime", "messages")];

/// Extensions the platform installs (users' own extensions are still diffed).
pub const SUPABASE_EXTENSIONS: [&str; 9] = [
    "plpgsql",
    "pg_graphql",
    "pg_stat_statements",
    "pgcrypto",
    "pgjwt",
    "uuid-ossp",
    "supabase_vault",
    "pgsodium",
    "pg_net",
];

/// Roles the platform manages; their default privileges are the platform's.
pub const SUPABASE_ROLES: [&str; 12] = [
    "supabase_admin",
    "supabase_auth_admin",
    "supabase_storage_admin",
    "supabase_realtime_admin",
    "supabase_replication_admin",
    "supabase_read_only_user",
    "supabase_functions_admin",
    "dashboard_user",
    "authenticator",
    "pgbouncer",
    "pgsodium_keyholder",
    "pgsodium_keymaker",
];

/// Event triggers the platform installs.
pub const SUPABASE_EVENT_TRIGGERS: [&str; 7] = [
    "issue_pg_graphql_access",
    "issue_graphql_placeholder",
    "issue_pg_cron_access",
    "issue_pg_net_access",
    "pgrst_ddl_watch",
    "pgrst_drop_watch",
    "pgsodium_trg_mask_update",
];

/// The publication Supabase Realtime reads: only its user tables are compared.
pub const SUPABASE_PUBLICATION: &str = "supabase_realtime";

/// Whether a catalog looks like a Supabase project (for a hint when no profile is given).
pub fn detect(c: &Catalog) -> Option<Profile> {
    (c.schemas.contains_key("auth") && c.schemas.contains_key("storage")).then_some(Profile::Supabase)
}

/// Restrict a catalog to what the user owns under the profile.
pub fn apply(c: &mut Catalog, profile: Profile) {
    match profile {
        Profile::Supabase => supabase(c),
    }
}

fn supabase(c: &mut Catalog) {
    let platform = |schema: &str| SUPABASE_SCHEMAS.contains(&schema);
    let user_table = |q: &QName| SUPABASE_USER_TABLES.iter().any(|(s, n)| q.schema == *s && q.name == *n);
    c.schemas.retain(|k, _| !platform(k));
    c.extensions.retain(|k, e| !SUPABASE_EXTENSIONS.contains(&k.as_str()) && !platform(&e.schema));
    c.enums.retain(|k, _| !platform(&k.schema));
    c.domains.retain(|k, _| !platform(&k.schema));
    c.composites.retain(|k, _| !platform(&k.schema));
    c.ranges.retain(|k, _| !platform(&k.schema));
    c.collations.retain(|k, _| !platform(&k.schema));
    c.sequences.retain(|k, _| !platform(&k.schema));
    c.tables.retain(|k, _| !platform(&k.schema));
    c.indexes.retain(|k, _| !platform(&k.schema));
    c.views.retain(|k, _| !platform(&k.schema));
    c.functions.retain(|k, _| !platform(&k.0.schema));
    c.aggregates.retain(|k, _| !platform(&k.0.schema));
    c.triggers.retain(|k, _| !platform(&k.0.schema) || user_table(&k.0));
    c.policies.retain(|k, _| !platform(&k.0.schema) || user_table(&k.0));
    c.unmodelled.retain(|u| {
        let platform_trigger = u.kind == "event trigger" && SUPABASE_EVENT_TRIGGERS.contains(&u.name.as_str());
        !platform(&u.schema) && !platform_trigger
    });
    // A schema's id has an empty schema and the schema's name as its name.
    let platform_object = |on: &crate::model::ObjectId| {
        let schema = if on.schema.is_empty() { on.name.as_str() } else { on.schema.as_str() };
        platform(schema)
    };
    c.grants.retain(|g| !platform_object(&g.on));
    c.owners.retain(|o| !platform_object(&o.on));
    c.default_privileges.retain(|d| !platform(&d.schema) && !SUPABASE_ROLES.contains(&d.role.as_str()));
    c.publications.retain(|name, _| name == SUPABASE_PUBLICATION);
    // The platform creates the publication and sets its options; users only add and remove their tables.
    let (members, filters, schemas) = match c.publications.get(SUPABASE_PUBLICATION) {
        Some(p) => (p.tables.clone(), p.filters.clone(), p.schemas.clone()),
        None => Default::default(),
    };
    let tables = members.into_iter().filter(|t| !platform(&t.schema)).collect();
    let filters = filters.into_iter().filter(|f| !platform(&f.table.schema)).collect();
    let schemas = schemas.into_iter().filter(|s| !platform(s)).collect();
    c.publications.insert(
        SUPABASE_PUBLICATION.into(),
        Publication {
            name: SUPABASE_PUBLICATION.into(),
            all_tables: false,
            publish: vec!["insert".into(), "update".into(), "delete".into(), "truncate".into()],
            via_root: false,
            tables,
            filters,
            schemas,
            comment: None,
        },
    );
}
