//! Scratch databases: SQL-file sources are loaded into one and read back through the catalog, so both
//! sides of a diff are server-rendered (the caller reads it: `with_loaded`). With `--dev-url` a temporary database is made there; without, a
//! private cluster is started. Either is always removed, also on error or Ctrl-C.

use super::cluster::{Cluster, ClusterOptions};
use super::{cleanup, connect, ConnInfo, Side};
use crate::error::{Error, Result};
use std::path::PathBuf;

fn unique_name() -> String {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("pgdrift_scratch_{}_{nanos}", std::process::id())
}

/// Load `files` into a scratch database and run `read` on a connection to it; the database (or the private
/// cluster) is removed afterwards, also when loading or `read` fails.
pub fn with_loaded<T>(
    files: &[PathBuf],
    dev: Option<&ConnInfo>,
    side: Side,
    read: impl FnOnce(&mut postgres::Client) -> Result<T>,
) -> Result<T> {
    let scratch_err = |cause: String| Error::Scratch { side: side.to_string(), cause };
    match dev {
        Some(admin) => {
            let name = unique_name();
            let mut c = connect(admin, side)?;
            c.batch_execute(&format!("CREATE DATABASE {}", crate::model::Ident(&name))).map_err(|e| {
                scratch_err(format!(
                    "cannot create a scratch database on {}: {}",
                    admin.display(),
                    crate::error::describe_pg_error(&e)
                ))
            })?;
            cleanup::register_database(admin, &name);
            let mut info = admin.clone();
            info.config.dbname(&name);
            let result = load_and_read(&info, files, side, read);
            cleanup::drop_database(admin, &name);
            result
        }
        None => {
            let cluster = Cluster::start(&ClusterOptions::default())
                .map_err(|e| scratch_err(format!("cannot start a private PostgreSQL cluster ({e})")))?;
            let info = ConnInfo::parse(&cluster.conninfo("postgres")).map_err(scratch_err)?;
            let result = load_and_read(&info, files, side, read);
            drop(cluster);
            result
        }
    }
}

fn load_and_read<T>(
    info: &ConnInfo,
    files: &[PathBuf],
    side: Side,
    read: impl FnOnce(&mut postgres::Client) -> Result<T>,
) -> Result<T> {
    let mut client = connect(info, side)?;
    super::sqlfiles::load(&mut client, files)?;
    read(&mut client)
}
