//! Source arguments (a Postgres connection string or EMPTY) and opening connections with TLS.

pub mod cleanup;
pub mod cluster;
mod conninfo;
pub mod scratch;
pub mod sqlfiles;
pub mod sqlite;
pub mod tls;

pub use conninfo::{ConnInfo, SslMode};
use std::path::PathBuf;

use crate::error::{describe_pg_error, Error, Result};

/// Which side of a diff a source is, for error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    From,
    To,
}

impl std::fmt::Display for Side {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Side::From => "FROM",
            Side::To => "TO",
        })
    }
}

/// Where a schema comes from.
#[derive(Clone, Debug)]
pub enum Source {
    /// A database as `CREATE DATABASE` makes it: only the public schema.
    Empty,
    Postgres(Box<ConnInfo>),
    /// Desired state as `.sql` files, loaded into a scratch database (on `dev`, or a private cluster).
    SqlFiles {
        path: PathBuf,
        files: Vec<PathBuf>,
        dev: Option<Box<ConnInfo>>,
    },
    /// A model written by `pgdrift inspect --format json`.
    Snapshot(PathBuf),
    /// A SQLite database or SQLite DDL.
    Sqlite(sqlite::SqliteSource),
}

impl Source {
    pub fn parse(arg: &str, side: Side) -> Result<Source> {
        let bad = |reason: String| Error::BadSource { side: side.to_string(), reason };
        if arg == "EMPTY" {
            return Ok(Source::Empty);
        }
        if let Some(s) = sqlite::SqliteSource::parse(arg) {
            return Ok(Source::Sqlite(s));
        }
        let is_url = arg.starts_with("postgres://") || arg.starts_with("postgresql://");
        if !is_url {
            let path = std::path::Path::new(arg);
            if arg.ends_with(".json") {
                return if path.is_file() {
                    Ok(Source::Snapshot(path.into()))
                } else {
                    Err(bad(format!("{arg}: no such file")))
                };
            }
            if arg.ends_with(".sql") || path.is_dir() {
                let files = sqlfiles::collect(path).map_err(bad)?;
                return Ok(Source::SqlFiles { path: path.into(), files, dev: None });
            }
        }
        ConnInfo::parse(arg)
            .map(|c| Source::Postgres(Box::new(c)))
            .map_err(|reason| Error::BadSource { side: side.to_string(), reason })
    }

    /// A description safe to print: no password.
    pub fn display(&self) -> String {
        match self {
            Source::Empty => "EMPTY (a new, empty database)".into(),
            Source::Postgres(c) => c.display(),
            Source::SqlFiles { path, files, .. } => format!("{} ({} SQL file(s))", path.display(), files.len()),
            Source::Snapshot(p) => format!("{} (snapshot)", p.display()),
            Source::Sqlite(s) => s.display(),
        }
    }

    /// Whether the source is SQLite (its scripts are written in the SQLite dialect).
    pub fn is_sqlite(&self) -> bool {
        matches!(self, Source::Sqlite(_))
    }

    /// Read `.sql` sources as SQLite DDL (`--dialect sqlite`).
    pub fn with_dialect(self, dialect: crate::model::Dialect) -> Self {
        match self {
            Source::SqlFiles { files, .. } if dialect == crate::model::Dialect::Sqlite => {
                Source::Sqlite(sqlite::SqliteSource::SqlFiles(files))
            }
            other => other,
        }
    }

    /// Use `dev` as the server for this source's scratch database (SQL-file sources only).
    pub fn with_dev(mut self, dev: Option<&ConnInfo>) -> Self {
        if let Source::SqlFiles { dev: slot, .. } = &mut self {
            *slot = dev.map(|d| Box::new(d.clone()));
        }
        self
    }
}

/// Open a connection with libpq's sslmode semantics.
pub fn connect(info: &ConnInfo, side: Side) -> Result<postgres::Client> {
    let fail = |cause: String| Error::Connect { side: side.to_string(), target: info.display(), cause };
    let config = postgres::Config::from(info.config.clone());
    let result = if info.sslmode == SslMode::Disable {
        config.connect(postgres::NoTls)
    } else {
        let tls = tls_connector(info).map_err(|e| fail(format!("TLS setup failed: {e}")))?;
        config.connect(tls)
    };
    result.map_err(|e| fail(describe_pg_error(&e)))
}

/// The TLS setup for `info`'s sslmode. libpq's rules: verify-ca and verify-full check the server's
/// certificate against sslrootcert (or ~/.postgresql/root.crt); with require, an explicitly given root
/// certificate upgrades the check to verify-ca; allow and prefer only encrypt.
pub fn tls_connector(info: &ConnInfo) -> Result<tls::Tls, String> {
    let verify = match info.sslmode {
        SslMode::VerifyCa | SslMode::VerifyFull => true,
        SslMode::Require => info.sslrootcert.is_some(),
        _ => false,
    };
    if !verify {
        return tls::Tls::unverified();
    }
    let root = info
        .sslrootcert
        .clone()
        .or_else(|| {
            let p = std::path::Path::new(&std::env::var_os("HOME")?).join(".postgresql/root.crt");
            p.exists().then_some(p)
        })
        .ok_or("sslmode verify-ca/verify-full needs sslrootcert (or ~/.postgresql/root.crt)")?;
    tls::Tls::verified(&root, info.sslmode == SslMode::VerifyFull)
}
