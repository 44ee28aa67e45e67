//! A private throwaway PostgreSQL cluster from the local initdb/pg_ctl: the embedded scratch server (and
//! the test harness's fallback). Runs as the `postgres` OS user when started as root; removed on drop.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// How to start a cluster.
#[derive(Clone, Debug, Default)]
pub struct ClusterOptions {
    /// Listen on 127.0.0.1 at a free port; otherwise only on a Unix socket in the cluster's directory.
    pub tcp: bool,
    /// Lines appended to postgresql.conf.
    pub conf: Vec<String>,
    /// Replaces pg_hba.conf when set.
    pub hba: Option<String>,
    /// Password of the `postgres` role (initdb --pwfile).
    pub password: Option<String>,
}

/// A running cluster; stopped and deleted when dropped (and on Ctrl-C through `cleanup`).
pub struct Cluster {
    pub dir: PathBuf,
    pub port: u16,
    pub tcp: bool,
    pg_ctl: PathBuf,
}

/// Clusters alive in this process, stopped by `stop_all` (Ctrl-C, exit hooks).
static LIVE: Mutex<Vec<(PathBuf, PathBuf)>> = Mutex::new(Vec::new());

/// Find a PostgreSQL server binary on PATH or under /usr/lib/postgresql/*/bin (newest version).
pub fn find_bin(name: &str) -> Option<PathBuf> {
    if let Some(paths) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&paths) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("bin").join(name))
        .filter(|p| p.exists())
        .collect();
    found.sort_by_key(|p| {
        p.parent()
            .and_then(|b| b.parent())
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
    });
    found.pop()
}

fn is_root() -> bool {
    // SAFETY-free check: root owns /proc/self with uid 0.
    std::fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0).unwrap_or(false)
}

/// Postgres refuses to run as root: run server tools as the `postgres` OS user then.
fn as_server_user(bin: &Path, args: &[&str]) -> Command {
    if is_root() {
        let mut c = Command::new("runuser");
        c.arg("-u").arg("postgres").arg("--").arg(bin).args(args);
        c
    } else {
        let mut c = Command::new(bin);
        c.args(args);
        c
    }
}

fn chown_to_server_user(path: &Path) {
    if is_root() {
        let _ = Command::new("chown").arg("-R").arg("postgres:postgres").arg(path).status();
    }
}

fn free_port() -> Result<u16, String> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

impl Cluster {
    /// initdb + pg_ctl start. Errors are one line naming what failed.
    pub fn start(opts: &ClusterOptions) -> Result<Cluster, String> {
        let initdb = find_bin("initdb").ok_or("initdb not found (PATH or /usr/lib/postgresql/*/bin): install the PostgreSQL server package or pass --dev-url")?;
        let pg_ctl = find_bin("pg_ctl").ok_or("pg_ctl not found")?;
        let port = if opts.tcp { free_port()? } else { 5432 };
        let unique =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("pgdrift-{}-{}", std::process::id(), unique % 1_000_000_000));
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        // Register before anything can fail so the directory is always removed.
        if let Ok(mut live) = LIVE.lock() {
            live.push((pg_ctl.clone(), dir.clone()));
        }
        let cluster = Cluster { dir: dir.clone(), port, tcp: opts.tcp, pg_ctl: pg_ctl.clone() };
        chown_to_server_user(&dir);
        let data = dir.join("data");
        let mut args: Vec<String> = vec![
            "-D".into(),
            data.display().to_string(),
            "-U".into(),
            "postgres".into(),
            "-A".into(),
            "trust".into(),
            "-E".into(),
            "UTF8".into(),
            "--no-sync".into(),
        ];
        if let Some(pw) = &opts.password {
            let f = dir.join("pw");
            std::fs::write(&f, pw).map_err(|e| e.to_string())?;
            chown_to_server_user(&f);
            args.push(format!("--pwfile={}", f.display()));
        }
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = as_server_user(&initdb, &argv).output().map_err(|e| format!("initdb: {e}"))?;
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            return Err(format!("initdb failed: {}", err.lines().last().unwrap_or("")));
        }
        let listen = if opts.tcp { "127.0.0.1" } else { "" };
        let mut conf = format!(
            "\nport = {port}\nlisten_addresses = '{listen}'\nunix_socket_directories = '{}'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n",
            dir.display()
        );
        for line in &opts.conf {
            conf.push_str(line);
            conf.push('\n');
        }
        append(&data.join("postgresql.conf"), &conf)?;
        if let Some(h) = &opts.hba {
            std::fs::write(data.join("pg_hba.conf"), h).map_err(|e| e.to_string())?;
        }
        chown_to_server_user(&dir);
        let log = dir.join("log");
        let out = as_server_user(
            &pg_ctl,
            &["-D", &data.display().to_string(), "-l", &log.display().to_string(), "-w", "start"],
        )
        .output()
        .map_err(|e| format!("pg_ctl: {e}"))?;
        if !out.status.success() {
            let log = std::fs::read_to_string(&log).unwrap_or_default();
            return Err(format!("pg_ctl start failed: {}", log.lines().last().unwrap_or("")));
        }
        Ok(cluster)
    }

    /// A libpq key=value connection string for `db` as the `postgres` role.
    pub fn conninfo(&self, db: &str) -> String {
        if self.tcp {
            format!("host=127.0.0.1 port={} user=postgres dbname={db} sslmode=disable", self.port)
        } else {
            format!("host={} port={} user=postgres dbname={db} sslmode=disable", self.dir.display(), self.port)
        }
    }

    /// A postgresql:// URL (TCP clusters only).
    pub fn url(&self, db: &str) -> String {
        format!("postgresql://postgres@127.0.0.1:{}/{db}", self.port)
    }
}

fn stop(pg_ctl: &Path, dir: &Path) {
    let data = dir.join("data");
    if data.exists() {
        let _ = as_server_user(pg_ctl, &["-D", &data.display().to_string(), "-m", "immediate", "-w", "stop"]).output();
    }
    // A server that was still writing (an immediate stop) can race the first pass.
    for _ in 0..3 {
        if std::fs::remove_dir_all(dir).is_ok() || !dir.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

impl Drop for Cluster {
    /// Stops the cluster unless `stop_all` (Ctrl-C) already took it: exactly one thread removes it.
    fn drop(&mut self) {
        let mine = LIVE
            .lock()
            .map(|mut live| {
                let had = live.iter().any(|(_, d)| d == &self.dir);
                live.retain(|(_, d)| d != &self.dir);
                had
            })
            .unwrap_or(true);
        if mine {
            stop(&self.pg_ctl, &self.dir);
        }
    }
}

/// Stop every cluster this process started (Ctrl-C and exit paths).
pub fn stop_all() {
    let list: Vec<(PathBuf, PathBuf)> = LIVE.lock().map(|mut l| std::mem::take(&mut *l)).unwrap_or_default();
    for (pg_ctl, dir) in list {
        stop(&pg_ctl, &dir);
    }
}

fn append(path: &Path, text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new().append(true).open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    f.write_all(text.as_bytes()).map_err(|e| e.to_string())
}
