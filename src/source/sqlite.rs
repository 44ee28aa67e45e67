//! SQLite sources: a database file, `sqlite::memory:`, or SQLite DDL files loaded in order into an
//! in-memory database (each statement run on its own, so an error names its line).

use super::Side;
use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// Where a SQLite schema comes from.
#[derive(Clone, Debug)]
pub enum SqliteSource {
    /// A database file (`sqlite:path`, or a path ending .db/.sqlite/.sqlite3).
    File(PathBuf),
    /// `sqlite::memory:`: an empty in-memory database.
    Memory,
    /// SQLite DDL files, loaded in order into an in-memory database.
    SqlFiles(Vec<PathBuf>),
}

impl SqliteSource {
    /// Recognize a SQLite source argument; `None` when `arg` is not one.
    pub fn parse(arg: &str) -> Option<SqliteSource> {
        if let Some(rest) = arg.strip_prefix("sqlite:") {
            let rest = rest.strip_prefix("//").unwrap_or(rest);
            if rest == ":memory:" || rest.is_empty() {
                return Some(SqliteSource::Memory);
            }
            if rest.ends_with(".sql") || Path::new(rest).is_dir() {
                return Some(SqliteSource::SqlFiles(vec![PathBuf::from(rest)]));
            }
            return Some(SqliteSource::File(rest.into()));
        }
        let lower = arg.to_lowercase();
        [".db", ".sqlite", ".sqlite3"].iter().any(|e| lower.ends_with(e)).then(|| SqliteSource::File(arg.into()))
    }

    pub fn display(&self) -> String {
        match self {
            SqliteSource::File(p) => format!("sqlite:{}", p.display()),
            SqliteSource::Memory => "sqlite::memory:".into(),
            SqliteSource::SqlFiles(f) => {
                let names: Vec<String> = f.iter().map(|p| p.display().to_string()).collect();
                format!("sqlite:{} (SQLite DDL)", names.join(", "))
            }
        }
    }

    /// Open for reading. A missing file is an error (a typo must not create an empty database).
    pub fn open(&self, side: Side) -> Result<Connection> {
        let bad = |reason: String| Error::BadSource { side: side.to_string(), reason };
        match self {
            SqliteSource::File(p) => {
                if !p.is_file() {
                    return Err(bad(format!("{}: no such SQLite database file", p.display())));
                }
                let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                let conn = Connection::open_with_flags(p, flags).map_err(|e| bad(format!("{}: {e}", p.display())))?;
                // Fails here (not later, in a catalog query) when the file is not a database.
                conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))
                    .map_err(|e| bad(format!("{}: not a SQLite database ({e})", p.display())))?;
                Ok(conn)
            }
            SqliteSource::Memory => Connection::open_in_memory().map_err(|e| bad(e.to_string())),
            SqliteSource::SqlFiles(paths) => {
                let conn = Connection::open_in_memory().map_err(|e| bad(e.to_string()))?;
                let mut files = Vec::new();
                for p in paths {
                    files.extend(super::sqlfiles::collect(p).map_err(bad)?);
                }
                for file in files {
                    let text = std::fs::read_to_string(&file).map_err(|e| bad(format!("{}: {e}", file.display())))?;
                    load(&conn, &text).map_err(|(line, cause)| Error::SqlFile {
                        file: file.display().to_string(),
                        line,
                        cause,
                    })?;
                }
                Ok(conn)
            }
        }
    }
}

/// Run a DDL script statement by statement so that an error names its line.
fn load(conn: &Connection, text: &str) -> std::result::Result<(), (usize, String)> {
    let mut rest = text;
    let mut offset = 0;
    while !rest.trim().is_empty() {
        let end = statement_end(rest);
        let stmt = &rest[..end];
        if !stmt.trim().trim_end_matches(';').trim().is_empty() {
            if let Err(e) = conn.execute_batch(stmt) {
                let lead = stmt.len() - stmt.trim_start().len();
                let line = text[..offset + lead].matches('\n').count() + 1;
                return Err((line, e.to_string().replace('\n', " ")));
            }
        }
        offset += end;
        rest = &rest[end..];
    }
    Ok(())
}

/// Byte length of the first complete statement of `sql` (SQLite's own completeness test, so triggers'
/// `BEGIN ... END;` bodies stay whole), or all of it.
pub(crate) fn statement_end(sql: &str) -> usize {
    let mut from = 0;
    while let Some(i) = sql[from..].find(';') {
        let end = from + i + 1;
        if complete(&sql[..end]) {
            return end;
        }
        from = end;
    }
    sql.len()
}

fn complete(sql: &str) -> bool {
    let Ok(c) = std::ffi::CString::new(sql) else { return true };
    // SAFETY: sqlite3_complete reads a NUL-terminated string and keeps no pointer to it.
    unsafe { rusqlite::ffi::sqlite3_complete(c.as_ptr()) != 0 }
}
