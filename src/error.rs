//! The library's error type: every variant names the side, source, file or object it concerns.

use thiserror::Error;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Error)]
pub enum Error {
    /// A source argument that is not a connection string, EMPTY or a known file kind.
    #[error("{side}: {reason}")]
    BadSource { side: String, reason: String },
    /// The server could not be reached or refused us. `target` never contains a password.
    #[error("{side}: cannot connect to {target}: {cause}")]
    Connect { side: String, target: String, cause: String },
    /// A catalog query failed after connecting.
    #[error("{side}: reading the catalog of {target} failed in {query}: {cause}")]
    Inspect { side: String, target: String, query: String, cause: String },
    /// A catalog value pgdrift does not understand (an unknown code from a newer server, say).
    #[error("{side}: {object}: {reason}")]
    Catalog { side: String, object: String, reason: String },
    /// The changes cannot be ordered: the listed objects depend on each other in a cycle.
    #[error("dependency cycle between changes: {0}")]
    Cycle(String),
    /// A desired-state SQL file failed to load into the scratch database.
    #[error("{file}:{line}: {cause}")]
    SqlFile { file: String, line: usize, cause: String },
    /// The scratch database or cluster could not be made.
    #[error("{side}: {cause}")]
    Scratch { side: String, cause: String },
    /// TO needs roles that FROM's cluster lacks (roles are cluster-wide: compared only with `--with-roles`).
    #[error("FROM: role(s) {roles} that TO uses (grants, owners, policies, user mappings, default privileges) do not exist in FROM's cluster: create them first, or run with --with-roles to have the plan create them")]
    MissingRoles { roles: String },
    /// A declared rename that cannot be planned (unknown name, ambiguous, target taken).
    #[error("{0}")]
    Rename(String),
    /// Executing SQL against a database failed (tests, apply).
    #[error("{context}: {cause}")]
    Execute { context: String, cause: String },
}

/// One line describing a postgres error: the server's message (with SQLSTATE) for database errors, the
/// innermost cause for I/O errors, never the connection string.
pub fn describe_pg_error(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        let mut s = format!("{} (SQLSTATE {})", db.message(), db.code().code());
        if let Some(hint) = db.hint() {
            s.push_str(&format!("; hint: {hint}"));
        } else if db.code() == &postgres::error::SqlState::LOCK_NOT_AVAILABLE {
            s.push_str("; hint: another session holds a lock this needs (retry, or raise --lock-timeout)");
        } else if db.code() == &postgres::error::SqlState::QUERY_CANCELED {
            s.push_str("; hint: the statement ran past the timeout (retry, or raise --statement-timeout)");
        }
        return s;
    }
    let mut msg = e.to_string();
    let mut src: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(inner) = src {
        msg = inner.to_string();
        src = inner.source();
    }
    let lower = msg.to_lowercase();
    if lower.contains("connection refused") {
        return format!("connection refused (is the server running and accepting TCP connections?): {msg}");
    }
    if lower.contains("timed out") || lower.contains("timeout") {
        return format!("connection timed out: {msg}");
    }
    if lower.contains("failed to lookup address") || lower.contains("name or service not known") {
        return format!("unknown host: {msg}");
    }
    msg.replace('\n', " ")
}
