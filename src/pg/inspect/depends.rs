//! Translation of `pg_depend` rows (OIDs) into name-based dependencies between modelled objects.

use super::{decode_err, Failure};
use crate::model::{Catalog, Kind, ObjectId};
use postgres::Row;
use std::collections::HashMap;

// Fixed OIDs of the system catalogs that appear as classid/refclassid in pg_depend.
const PG_CLASS: u32 = 1259;
const PG_TYPE: u32 = 1247;
const PG_PROC: u32 = 1255;
const PG_CONSTRAINT: u32 = 2606;
const PG_ATTRDEF: u32 = 2604;
const PG_EXTENSION: u32 = 3079;
const PG_REWRITE: u32 = 2618;
const PG_TRIGGER: u32 = 2620;
const PG_POLICY: u32 = 3256;
const PG_COLLATION: u32 = 3456;
const PG_STATISTIC_EXT: u32 = 3381;
const PG_EVENT_TRIGGER: u32 = 3466;
const PG_CAST: u32 = 2605;
const PG_TS_DICT: u32 = 3600;
const PG_TS_CONFIG: u32 = 3602;

/// OID -> ObjectId maps for one inspection. Never leaves the inspector.
#[derive(Default)]
pub(crate) struct OidMap {
    pub classes: HashMap<u32, ObjectId>,
    pub columns: HashMap<(u32, i32), ObjectId>,
    pub attrdefs: HashMap<u32, ObjectId>,
    pub constraints: HashMap<u32, ObjectId>,
    pub types: HashMap<u32, ObjectId>,
    pub procs: HashMap<u32, ObjectId>,
    pub extensions: HashMap<u32, ObjectId>,
    pub triggers: HashMap<u32, ObjectId>,
    pub policies: HashMap<u32, ObjectId>,
    pub collations: HashMap<u32, ObjectId>,
    /// A view's _RETURN rule stands for the view; other rules for themselves.
    pub rewrites: HashMap<u32, ObjectId>,
    pub statistics: HashMap<u32, ObjectId>,
    pub event_triggers: HashMap<u32, ObjectId>,
    pub casts: HashMap<u32, ObjectId>,
    pub ts_dictionaries: HashMap<u32, ObjectId>,
    pub ts_configurations: HashMap<u32, ObjectId>,
    /// Objects of the less common catalogs (wrappers, servers, user mappings, operators, languages,
    /// transforms, conversions, access methods, text search parsers and templates) by (catalog, OID).
    pub others: HashMap<(u32, u32), ObjectId>,
    /// Members of extensions in catalogs not modelled otherwise (operator classes and families,
    /// operators), by (catalog, OID): each stands for its extension.
    pub members: HashMap<(u32, u32), ObjectId>,
}

impl OidMap {
    fn resolve(&self, class: u32, oid: u32, sub: i32) -> Option<&ObjectId> {
        match class {
            // A column of a view (or of anything else not modelled per column) stands for the relation.
            PG_CLASS if sub > 0 => self.columns.get(&(oid, sub)).or_else(|| self.classes.get(&oid)),
            PG_CLASS => self.classes.get(&oid),
            PG_TYPE => self.types.get(&oid),
            PG_PROC => self.procs.get(&oid),
            PG_CONSTRAINT => self.constraints.get(&oid),
            PG_ATTRDEF => self.attrdefs.get(&oid),
            PG_EXTENSION => self.extensions.get(&oid),
            PG_REWRITE => self.rewrites.get(&oid),
            PG_TRIGGER => self.triggers.get(&oid),
            PG_POLICY => self.policies.get(&oid),
            PG_STATISTIC_EXT => self.statistics.get(&oid),
            PG_EVENT_TRIGGER => self.event_triggers.get(&oid),
            PG_CAST => self.casts.get(&oid),
            PG_TS_DICT => self.ts_dictionaries.get(&oid),
            PG_TS_CONFIG => self.ts_configurations.get(&oid),
            PG_COLLATION => self.collations.get(&oid).or_else(|| self.members.get(&(class, oid))),
            _ => self.others.get(&(class, oid)).or_else(|| self.members.get(&(class, oid))),
        }
    }
}

/// One pg_depend row, decoded as it streams in (a few bytes instead of a held result row).
pub(super) struct Dep {
    class: u32,
    oid: u32,
    sub: i32,
    ref_class: u32,
    ref_oid: u32,
    ref_sub: i32,
    deptype: u8,
}

pub(super) fn decode(r: &Row) -> Result<Dep, Failure> {
    fn e(c: &'static str) -> impl Fn(postgres::Error) -> Failure {
        move |e| decode_err(format!("catalog column pg_depend.{c}"), e)
    }
    let deptype: &str = r.try_get("deptype").map_err(e("deptype"))?;
    Ok(Dep {
        class: r.try_get("classid").map_err(e("classid"))?,
        oid: r.try_get("objid").map_err(e("objid"))?,
        sub: r.try_get("objsubid").map_err(e("objsubid"))?,
        ref_class: r.try_get("refclassid").map_err(e("refclassid"))?,
        ref_oid: r.try_get("refobjid").map_err(e("refobjid"))?,
        ref_sub: r.try_get("refobjsubid").map_err(e("refobjsubid"))?,
        deptype: deptype.bytes().next().unwrap_or(b'?'),
    })
}

/// Fill `catalog.depends` from pg_depend rows.
pub(super) fn translate(cat: &mut Catalog, oids: &mut OidMap, deps: Vec<Dep>) -> Result<(), Failure> {
    // Extension members first: a type or function of an extension stands for the extension.
    for d in deps.iter().filter(|d| d.deptype == b'e') {
        let Some(ext) = oids.extensions.get(&d.ref_oid).cloned() else {
            continue;
        };
        match d.class {
            PG_TYPE => oids.types.insert(d.oid, ext),
            PG_PROC => oids.procs.insert(d.oid, ext),
            class => oids.members.insert((class, d.oid), ext),
        };
    }
    // Array types of extension types (citext[]) depend internally on their element type.
    for d in deps.iter().filter(|d| d.deptype == b'i' && d.class == PG_TYPE && d.ref_class == PG_TYPE) {
        if let Some(ext) = oids.types.get(&d.ref_oid).filter(|id| id.kind == Kind::Extension).cloned() {
            oids.types.entry(d.oid).or_insert(ext);
        }
    }
    // Collected, then sorted once: a BTreeSet built from sorted pairs is a bulk build, not ~100k searches.
    let mut edges = Vec::with_capacity(deps.len());
    for d in deps.iter().filter(|d| d.deptype != b'e') {
        let (Some(dep), Some(refd)) =
            (oids.resolve(d.class, d.oid, d.sub), oids.resolve(d.ref_class, d.ref_oid, d.ref_sub))
        else {
            continue;
        };
        // OWNED BY is modelled on the sequence itself; as an edge it would close a cycle with the default.
        if dep.kind == Kind::Sequence && refd.kind == Kind::Column {
            continue;
        }
        if dep != refd
            && !(dep.kind == Kind::Column && refd.kind == Kind::Table && dep.table().as_ref() == refd.table().as_ref())
        {
            edges.push((dep.clone(), refd.clone()));
        }
    }
    edges.sort_unstable();
    edges.dedup();
    if cat.depends.is_empty() {
        cat.depends = edges.into_iter().collect();
    } else {
        cat.depends.extend(edges);
    }
    if cat.depends.iter().any(|(a, b)| a == b) {
        return Err(decode_err("pg_depend", "self-dependency after translation"));
    }
    Ok(())
}
