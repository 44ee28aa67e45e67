//! PostgreSQL catalog -> `Catalog`: a fixed set of set-based queries (sql/pg/*.sql) in one
//! REPEATABLE READ READ ONLY snapshot with search_path pinned to pg_catalog.

mod decoding;
pub(crate) mod deparse;
pub(crate) mod depends;
pub(crate) mod exprs;
mod fixpoint;
pub(crate) mod nodetree;
pub(crate) mod render;
pub(crate) mod rows;
mod session;

pub(crate) use decoding::Decoding;
pub use session::{connect_inspector, Owned};
use session::{Rows, Session};

use crate::error::{describe_pg_error, Error};
use crate::model::{Catalog, Kind, ObjectId};
use crate::pg::kinds::KINDS;
use crate::reading::{Filter, Stats};
use postgres::types::ToSql;
use postgres::{Client, IsolationLevel, Row, Transaction};

/// Declares the catalog queries that belong to no kind (a kind's own query is its registry entry in
/// `pg/kinds/mod.rs`), each by a name and its file in `sql/pg/`.
macro_rules! queries {
    ($($name:ident => $file:literal),* $(,)?) => {
        /// The cross-kind catalog queries, registered by name. With the kinds' queries their number is
        /// fixed: it does not depend on the schema's size.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Query {
            $($name),*
        }

        impl Query {
            /// Every query, in the order the inspector sends them.
            pub const ALL: &'static [Query] = &[$(Query::$name),*];

            /// The file under `sql/pg/` (named in errors).
            pub fn file(self) -> &'static str {
                match self {
                    $(Query::$name => $file),*
                }
            }

            pub fn sql(self) -> &'static str {
                match self {
                    $(Query::$name => include_str!(concat!("../../../sql/pg/", $file))),*
                }
            }
        }
    };
}

queries! {
    Depends => "depends.sql",
    Unmodelled => "unmodelled.sql",
    Privileges => "privileges.sql",
    DefaultPrivileges => "default_privileges.sql",
    Deparse => "deparse.sql",
}

/// Settings for the snapshot transaction (the benchmark's psql floor sends the same).
pub const SESSION_SETTINGS: &str =
    "SET LOCAL search_path TO pg_catalog; SET LOCAL jit TO off; SET LOCAL enable_nestloop TO off; SET LOCAL work_mem TO '64MB'; \
     SET LOCAL quote_all_identifiers TO off; SET LOCAL max_parallel_workers_per_gather TO 0";

/// A query written for every supported server: `/*>=150000 new ELSE*/ old /*END*/` runs `new` on servers at
/// or above that `server_version_num` and `old` below it (as written, the text is the `old` query).
pub fn for_version(sql: &str, version: u32) -> std::borrow::Cow<'_, str> {
    if !sql.contains("/*>=") {
        return sql.into();
    }
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(start) = rest.find("/*>=") {
        out.push_str(&rest[..start]);
        let tail = &rest[start + 4..];
        let parsed = tail.find(' ').and_then(|sp| {
            let min: u32 = tail[..sp].parse().ok()?;
            let else_at = tail.find(" ELSE*/")?;
            let end_at = tail.find("/*END*/")?;
            (sp < else_at && else_at < end_at).then(|| {
                let chosen = if version >= min { &tail[sp + 1..else_at] } else { &tail[else_at + 7..end_at] };
                (chosen.trim(), end_at + 7)
            })
        });
        match parsed {
            Some((chosen, used)) => {
                out.push_str(chosen);
                rest = &tail[used..];
            }
            None => {
                out.push_str("/*>=");
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// An inspection failure before the side is known.
pub enum Failure {
    Query { query: String, cause: String },
    Decode { object: String, reason: String },
}

impl Failure {
    pub fn into_error(self, side: crate::source::Side, target: &str) -> Error {
        match self {
            Failure::Query { query, cause } => {
                Error::Inspect { side: side.to_string(), target: target.into(), query, cause }
            }
            Failure::Decode { object, reason } => Error::Catalog { side: side.to_string(), object, reason },
        }
    }
}

pub(crate) fn decode_err(object: impl Into<String>, reason: impl ToString) -> Failure {
    Failure::Decode { object: object.into(), reason: reason.to_string() }
}

fn q(query: &'static str) -> impl Fn(postgres::Error) -> Failure {
    move |e| Failure::Query { query: query.into(), cause: describe_pg_error(&e) }
}

/// Read the whole catalog in one REPEATABLE READ READ ONLY snapshot.
pub fn inspect(client: &mut Client, filter: &Filter) -> Result<(Catalog, Stats), Failure> {
    let mut tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .map_err(q("BEGIN"))?;
    let (catalog, mut stats) = inspect_in(&mut tx, filter)?;
    tx.commit().map_err(q("COMMIT"))?;
    stats.queries += 2;
    Ok((catalog, stats))
}

/// Read the whole catalog in one REPEATABLE READ READ ONLY snapshot on the inspector's own connection.
pub fn inspect_owned(mut session: Owned, filter: &Filter) -> Result<(Catalog, Stats), Failure> {
    session.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").map_err(q("BEGIN"))?;
    let (catalog, mut stats) = read(&mut session, filter)?;
    session.batch("COMMIT").map_err(q("COMMIT"))?;
    session.close();
    stats.queries += 2;
    Ok((catalog, stats))
}

/// Read the catalog inside a transaction the caller owns (apply verifies its own changes this way, before
/// COMMIT). Settings are SET LOCAL and so end with that transaction.
pub fn inspect_in(tx: &mut Transaction<'_>, filter: &Filter) -> Result<(Catalog, Stats), Failure> {
    read(tx, filter)
}

fn read(tx: &mut impl Session, filter: &Filter) -> Result<(Catalog, Stats), Failure> {
    // Catalog queries read whole catalogs: hash joins beat nested loops, and JIT compilation costs more
    // (seconds at 5,000 tables) than it saves. Parallel workers each rebuild the same hash tables (~7% more
    // server CPU at 5,000 tables) while the other side's inspection already keeps another core busy.
    tx.batch(SESSION_SETTINGS).map_err(q("SET"))?;
    let first = tx
        .all(
            "SELECT current_setting('server_version_num')::int4, current_user::text, \
             (SELECT array_agg(word::text) FROM pg_get_keywords() WHERE catcode <> 'U')",
            &[],
        )
        .map_err(q("server_version_num"))?;
    let row = first.first().ok_or_else(|| decode_err("server_version_num", "no row"))?;
    let version: i32 = row.get(0);
    let quoter = render::Quoter::new(row.get::<_, Vec<String>>(2));
    let mut stats = Stats { queries: 2, ..Stats::default() };
    let catalog = Catalog { server_version: version as u32, role: Some(row.get(1)), ..Catalog::default() };
    let mut d = Decoding::new(catalog, quoter, filter.secrets, filter.roles);
    // Every result is decoded row by row as it streams in: no result set is ever held whole.
    macro_rules! each {
        ($name:expr, $sql:expr, $decode:expr) => {{
            let name: &'static str = $name;
            let mut failed = None;
            let sql = for_version($sql, version as u32);
            let rows = Streaming::start(tx, &sql, filter, &mut failed).map_err(q(name))?;
            let out = $decode(rows)?;
            if let Some(e) = failed {
                return Err(q(name)(e));
            }
            out
        }};
    }
    // Each kind's own query, in the registry's order (a kind's decoder may use what earlier ones found).
    for kind in KINDS {
        each!(kind.file, kind.sql, |mut rows: Streaming| (kind.decode)(&mut d, &mut rows));
    }
    d.cols = Default::default();
    let deps = each!(Query::Depends.file(), Query::Depends.sql(), |rows: Streaming| rows
        .map(|r| depends::decode(&r))
        .collect::<Result<Vec<_>, _>>());
    let Decoding { mut catalog, mut oids, pending, .. } = d;
    depends::translate(&mut catalog, &mut oids, deps)?;
    // A table's link to its parents is a vertex of its own: it is undone before a parent goes.
    let links: Vec<(ObjectId, ObjectId)> = catalog
        .tables
        .values()
        .flat_map(|t| t.lineage.parents().map(|p| (ObjectId::old_parent_link(&t.name), ObjectId::of(Kind::Table, p))))
        .collect();
    catalog.depends.extend(links);
    let unmodelled = Query::Unmodelled;
    each!(unmodelled.file(), unmodelled.sql(), |rows| rows::unmodelled(&mut catalog, rows));
    let privileges = Query::Privileges;
    each!(privileges.file(), privileges.sql(), |rows| rows::privileges(&mut catalog, filter.owners, rows));
    let defaults = Query::DefaultPrivileges;
    each!(defaults.file(), defaults.sql(), |rows| rows::default_privileges(&mut catalog, rows));
    // What the inspector could not render itself, by OID (always sent: the query count stays fixed).
    let (name, sql) = (Query::Deparse.file(), Query::Deparse.sql());
    let (cons, idxs) = pending.oids();
    stats.deparsed = cons.len() + idxs.len();
    let deparsed = tx.all(sql, &[&cons, &idxs]).map_err(q(name))?;
    deparse::deparsed(&mut catalog, pending, deparsed)?;
    fixpoint::normalize(&mut catalog);
    stats.queries += KINDS.len() + Query::ALL.len();
    Ok((catalog, stats))
}

/// Rows of one catalog query as they arrive; a transport error ends the iteration and is kept in `failed`.
struct Streaming<'a> {
    rows: Rows<'a>,
    failed: &'a mut Option<postgres::Error>,
}

impl<'a> Streaming<'a> {
    /// Start one catalog query, binding the schema filter when the query takes it.
    fn start(
        tx: &'a mut impl Session,
        sql: &str,
        filter: &Filter,
        failed: &'a mut Option<postgres::Error>,
    ) -> Result<Self, postgres::Error> {
        let mut params: Vec<&(dyn ToSql + Sync)> =
            if sql.contains("$1") { vec![&filter.include, &filter.exclude] } else { vec![] };
        // Owners are read only when they are compared (--with-owners).
        if sql.contains("$3") {
            params.push(&filter.owners);
        }
        let rows = tx.rows(sql, &params)?;
        Ok(Streaming { rows, failed })
    }
}

impl Iterator for Streaming<'_> {
    type Item = Row;
    fn next(&mut self) -> Option<Row> {
        match self.rows.next()? {
            Ok(row) => Some(row),
            Err(e) => {
                *self.failed = Some(e);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::for_version;

    #[test]
    fn version_templates_pick_by_server_version() {
        let sql = "SELECT /*>=150000 i.indnullsnotdistinct ELSE*/ false /*END*/ AS nnd, /*>=120000 a ELSE*/ b /*END*/";
        assert_eq!(for_version(sql, 150004), "SELECT i.indnullsnotdistinct AS nnd, a");
        assert_eq!(for_version(sql, 140010), "SELECT false AS nnd, a");
        assert_eq!(for_version(sql, 110000), "SELECT false AS nnd, b");
        assert_eq!(for_version("SELECT 1 /*>= not a template */", 150000), "SELECT 1 /*>= not a template */");
        let kinds = crate::pg::kinds::KINDS.iter().map(|k| k.sql);
        for q in super::Query::ALL.iter().map(|q| q.sql()).chain(kinds) {
            assert!(!for_version(q, 150000).contains("/*>="), "unresolved template");
        }
    }
}
