//! Scratch resources to remove on every exit path, Ctrl-C and SIGTERM included.

use super::ConnInfo;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Mark the process as interrupted: the signal handler owns the exit from now on.
pub fn mark_interrupted() {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// True once Ctrl-C/SIGTERM arrived. The main thread must then not exit on its own (its errors are
/// consequences of the cleanup tearing its connections down); it waits for the handler to finish.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

static DATABASES: Mutex<Vec<(ConnInfo, String)>> = Mutex::new(Vec::new());

/// Remember a scratch database to drop if the process is interrupted.
pub fn register_database(admin: &ConnInfo, name: &str) {
    if let Ok(mut l) = DATABASES.lock() {
        l.push((admin.clone(), name.to_string()));
    }
}

pub fn forget_database(name: &str) {
    if let Ok(mut l) = DATABASES.lock() {
        l.retain(|(_, n)| n != name);
    }
}

/// Drop `name` on the server of `admin` (best effort, forced: sessions on it are terminated).
pub fn drop_database(admin: &ConnInfo, name: &str) {
    if let Ok(mut c) = super::connect(admin, super::Side::To) {
        let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", crate::model::Ident(name)));
    }
    forget_database(name);
}

/// Remove everything still registered: scratch databases, then private clusters.
pub fn run_all() {
    let dbs: Vec<(ConnInfo, String)> = DATABASES.lock().map(|mut l| std::mem::take(&mut *l)).unwrap_or_default();
    for (admin, name) in dbs {
        drop_database(&admin, &name);
    }
    super::cluster::stop_all();
}
