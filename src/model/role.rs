//! Roles (cluster-wide, read only with `--with-roles`): attributes, settings and memberships. Password
//! hashes are never read.

use serde::{Deserialize, Serialize};

/// A role other than the system's own (`pg_*`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub name: String,
    pub attributes: RoleAttributes,
    /// `ALTER ROLE .. [IN DATABASE ..] SET name = value`, sorted by (scope, name).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<RoleSetting>,
    /// The roles it is a member of, sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub member_of: Vec<Membership>,
    pub comment: Option<String>,
}

/// What `CREATE ROLE .. WITH` sets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleAttributes {
    pub superuser: bool,
    pub inherit: bool,
    pub create_role: bool,
    pub create_db: bool,
    pub login: bool,
    pub replication: bool,
    pub bypass_rls: bool,
    /// -1: no limit.
    pub connection_limit: i32,
    /// `VALID UNTIL` as the server prints it (`infinity` included).
    pub valid_until: Option<String>,
}

/// One setting of a role: for every database, or for the database being diffed (`this_database`; its name
/// differs between FROM and TO, so it is named by `current_database()` when applied).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RoleSetting {
    pub this_database: bool,
    pub name: String,
    pub value: String,
}

/// Membership of a role in another (`GRANT role TO member [WITH ADMIN OPTION]`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Membership {
    pub role: String,
    pub admin: bool,
}
