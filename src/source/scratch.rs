//! Scratch databases: SQL-file sources are loaded into one and read back through the catalog, so both
//! sides of a diff are server-rendered. With `--dev-url` a temporary database is made there; without, a
//! private cluster is started. Either is always removed, also on error or Ctrl-C.

use super::cluster::{Cluster, ClusterOptions};
use super::{cleanup, connect, ConnInfo, Side};
use crate::error::{Error, Result};
use crate::inspect::{Filter, Stats};
use crate::model::Catalog;
use std::path::PathBuf;

fn unique_name() -> String {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("pgdrift_scratch_{}_{nanos}", std::process::id())
}

/// Load `files` into a scratch database and inspect it.
pub fn inspect_files(
    files: &[PathBuf],
    dev: Option<&ConnInfo>,
    filter: &Filter,
    side: Side,
) -> Result<(Catalog, Stats)> {
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
            let result = load_and_inspect(&info, files, filter, side);
            cleanup::drop_database(admin, &name);
            result
        }
        None => {
            let cluster = Cluster::start(&ClusterOptions::default())
                .map_err(|e| scratch_err(format!("cannot start a private PostgreSQL cluster ({e})")))?;
            let info = ConnInfo::parse(&cluster.conninfo("postgres")).map_err(scratch_err)?;
            let result = load_and_inspect(&info, files, filter, side);
            drop(cluster);
            result
        }
    }
}

fn load_and_inspect(info: &ConnInfo, files: &[PathBuf], filter: &Filter, side: Side) -> Result<(Catalog, Stats)> {
    let mut client = connect(info, side)?;
    super::sqlfiles::load(&mut client, files)?;
    crate::inspect::pg::inspect(&mut client, filter).map_err(|f| f.into_error(side, "the scratch database"))
}
