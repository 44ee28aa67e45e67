//! Additive merge for `sync --strategy merge`: the desired state of one database is itself plus the tables
//! and columns only the other has. Conflicting definitions are reported, never guessed.

use super::mapping::CrossOptions;
use super::mapping::{self, Notes};
use crate::model::{Catalog, Dialect};

/// `target` extended with what `other` has and `target` lacks, and the conflicts found.
pub fn additive(target: &Catalog, other: &Catalog, cross: &CrossOptions) -> (Catalog, Vec<String>) {
    let mut notes = Notes::default();
    let mapped = match (target.dialect, other.dialect) {
        (Dialect::Postgres, Dialect::Sqlite) => mapping::sqlite_to_pg(target, other, cross, &mut notes),
        (Dialect::Sqlite, Dialect::Postgres) => mapping::pg_to_sqlite(target, other, cross, &mut notes),
        _ => other.clone(),
    };
    let mut desired = target.clone();
    let mut conflicts = Vec::new();
    for (q, t) in &mapped.tables {
        let Some(mine) = desired.tables.get_mut(q) else {
            desired.tables.insert(q.clone(), t.clone());
            for i in mapped.indexes.values().filter(|i| &i.table == q) {
                desired.indexes.insert(i.name.clone(), i.clone());
            }
            continue;
        };
        for c in &t.columns {
            match mine.column(&c.name) {
                None => {
                    let mut c = c.clone();
                    if c.not_null && c.default.is_none() && c.generated.is_none() {
                        conflicts.push(format!(
                            "{}.{} is NOT NULL without a default on one side: created nullable on the other",
                            q.name, c.name
                        ));
                        c.not_null = false;
                    }
                    c.identity = None;
                    mine.columns.push(c);
                }
                Some(m) if m.data_type != c.data_type || m.not_null != c.not_null => conflicts.push(format!(
                    "{}.{}: {} {} here, {} {} there",
                    q.name,
                    c.name,
                    m.data_type,
                    if m.not_null { "NOT NULL" } else { "NULL" },
                    c.data_type,
                    if c.not_null { "NOT NULL" } else { "NULL" }
                )),
                Some(_) => {}
            }
        }
    }
    let deps: Vec<_> =
        mapped.depends.iter().filter(|(a, b)| desired.contains(a) && desired.contains(b)).cloned().collect();
    desired.depends.extend(deps);
    (desired, conflicts)
}
