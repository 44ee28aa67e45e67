//! Apply a SQLite plan to a database file: foreign keys off outside the transaction, the statements in one
//! transaction, the result re-inspected and compared with the desired model before COMMIT, foreign keys
//! back on whatever happened. Any failure rolls back: nothing is half-applied.

use super::diff::Plan;
use super::emit::{render, withheld_steps, FK_CHECK};
use crate::emit::Options;
use crate::error::{Error, Result};
use crate::model::Catalog;
use rusqlite::Connection;

/// What an apply did.
#[derive(Clone, Debug, Default)]
pub struct Applied {
    pub statements: usize,
    pub withheld: usize,
}

fn fail(context: &str, e: impl std::fmt::Display) -> Error {
    Error::Execute { context: context.to_string(), cause: e.to_string().replace('\n', " ") }
}

/// Open (creating if needed) a SQLite database for writing.
pub fn open_target(path: &std::path::Path) -> Result<Connection> {
    let conn = Connection::open(path).map_err(|e| fail(&format!("sqlite:{}", path.display()), e))?;
    conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(|e| fail("busy_timeout", e))?;
    Ok(conn)
}

/// Execute `plan` on `conn` and verify that the database then matches `desired` (`map` re-expresses the
/// desired state relative to the new state, for cross-dialect desired states).
pub fn apply(conn: &Connection, plan: &Plan, opts: &Options, remap: &dyn Fn(&Catalog) -> Catalog) -> Result<Applied> {
    let withheld = withheld_steps(plan, opts);
    let mut applied = Applied::default();
    let fk_was_on: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).map_err(|e| fail("PRAGMA", e))?;
    let fk_off = plan.needs_fk_off();
    if fk_off {
        conn.execute_batch("PRAGMA foreign_keys = OFF").map_err(|e| fail("PRAGMA foreign_keys", e))?;
    }
    let result = (|| -> Result<()> {
        conn.execute_batch("BEGIN IMMEDIATE; PRAGMA legacy_alter_table = ON;").map_err(|e| fail("BEGIN", e))?;
        for (i, step) in plan.steps.iter().enumerate() {
            let stmts = render(&step.op);
            if withheld[i].is_some() {
                applied.withheld += stmts.len();
                continue;
            }
            for s in stmts {
                conn.execute_batch(&s).map_err(|e| fail(&format!("executing `{}`", first_line(&s)), e))?;
                applied.statements += 1;
            }
        }
        conn.execute_batch("PRAGMA legacy_alter_table = OFF").map_err(|e| fail("PRAGMA", e))?;
        if fk_off {
            conn.execute_batch(&FK_CHECK.join("\n"))
                .map_err(|_| fail("foreign key check", "rows violate foreign keys after the change; rolled back"))?;
        }
        let now = super::inspect::read(conn).map_err(|e| fail("verifying", e))?;
        let again = super::diff::plan(&now, &remap(&now))?;
        let left = again.steps.len();
        if left > withheld.iter().filter(|w| w.is_some()).count() {
            return Err(fail("verifying", format!("{left} difference(s) remain after applying; rolled back")));
        }
        conn.execute_batch("COMMIT").map_err(|e| fail("COMMIT", e))
    })();
    if result.is_err() && !conn.is_autocommit() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    let _ = conn.execute_batch("PRAGMA legacy_alter_table = OFF");
    if fk_off && fk_was_on {
        let _ = conn.execute_batch("PRAGMA foreign_keys = ON");
    }
    result.map(|_| applied)
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}
