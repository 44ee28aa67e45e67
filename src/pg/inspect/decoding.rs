//! What the kinds' decoders share while one catalog is read: the catalog being filled, the OIDs met so
//! far, and what later rows need from earlier ones (tables by OID, column names, identity options, objects
//! left for the server to deparse). Never leaves the inspector.

use super::deparse::Pending;
use super::depends::OidMap;
use super::render::{Columns, Quoter};
use crate::model::{Catalog, QName, SeqOptions};
use std::collections::HashMap;

/// Table (or materialized view) OID -> name, for the per-table queries that follow.
pub(crate) type TableOids = HashMap<u32, QName>;

/// The options of identity columns' sequences, by (table OID, attnum).
pub(crate) type IdentityOptions = HashMap<(u32, i32), (SeqOptions, QName)>;

/// The state of one inspection, handed to each kind's `decode` in the registry's order.
pub(crate) struct Decoding {
    pub catalog: Catalog,
    /// OIDs met so far -> names: `pg_depend` rows are translated with it.
    pub oids: OidMap,
    /// Identifier quoting as this server does it (its keyword list).
    pub quoter: Quoter,
    /// Column names and collations by (table OID, attnum), for definitions rendered client-side.
    pub cols: Columns,
    /// Tables by OID (filled by `table`; `column`, `constraint` and `index` skip rows of other relations).
    pub tables: TableOids,
    /// Materialized views by OID (filled by `view`): they carry indexes.
    pub matviews: TableOids,
    /// Filled by `sequence`, taken by `column`.
    pub identities: IdentityOptions,
    /// Constraints and indexes the inspector cannot render: the server deparses them by OID at the end.
    pub pending: Pending,
    /// Keep the values of secret options (`--show-secrets`); otherwise only their digests.
    pub show_secrets: bool,
    /// Read roles whole (`--with-roles`); otherwise only their names.
    pub with_roles: bool,
}

impl Decoding {
    pub fn new(catalog: Catalog, quoter: Quoter, show_secrets: bool, with_roles: bool) -> Self {
        Decoding {
            catalog,
            oids: OidMap::default(),
            quoter,
            cols: Columns::default(),
            tables: TableOids::new(),
            matviews: TableOids::new(),
            identities: IdentityOptions::new(),
            pending: Pending::default(),
            show_secrets,
            with_roles,
        }
    }
}
