//! Connection strings with libpq's conventions: URLs or key=value pairs, PG* environment fallbacks, and
//! sslmode disable / prefer / require / verify-ca / verify-full with sslrootcert.

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

/// libpq's sslmode values with libpq's meaning: `require` encrypts without verifying the certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Allow,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl FromStr for SslMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "disable" => SslMode::Disable,
            "allow" => SslMode::Allow,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            other => {
                return Err(format!(
                    "invalid sslmode {other:?} (expected disable, allow, prefer, require, verify-ca or verify-full)"
                ))
            }
        })
    }
}

/// A parsed Postgres connection target.
#[derive(Clone, Debug)]
pub struct ConnInfo {
    pub config: tokio_postgres::Config,
    pub sslmode: SslMode,
    pub sslrootcert: Option<PathBuf>,
}

/// Keys that tokio-postgres does not understand and that we handle ourselves.
const OWN_KEYS: &[&str] = &["sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "passfile", "sslsni"];

impl ConnInfo {
    /// Parse a `postgres://` / `postgresql://` URL or a libpq `key=value` string. Errors never echo the
    /// input (it may hold a password).
    pub fn parse(input: &str) -> Result<ConnInfo, String> {
        let mut own: Vec<(String, String)> = Vec::new();
        let rest = if input.starts_with("postgres://") || input.starts_with("postgresql://") {
            check_url_ports(input)?;
            let (base, query) = match input.split_once('?') {
                Some((b, q)) => (b, q),
                None => (input, ""),
            };
            let mut kept = Vec::new();
            for pair in query.split('&').filter(|p| !p.is_empty()) {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                if OWN_KEYS.contains(&k) {
                    own.push((k.to_string(), percent_decode(v)));
                } else {
                    kept.push(pair.to_string());
                }
            }
            if kept.is_empty() {
                base.to_string()
            } else {
                format!("{base}?{}", kept.join("&"))
            }
        } else if input.contains('=') {
            let mut kept = Vec::new();
            for (k, v) in split_key_values(input)? {
                if OWN_KEYS.contains(&k.as_str()) {
                    own.push((k, v));
                } else {
                    kept.push(format!("{k}='{}'", v.replace('\\', "\\\\").replace('\'', "\\'")));
                }
            }
            kept.join(" ")
        } else {
            return Err("not a connection string: expected postgresql://..., key=value pairs or EMPTY".into());
        };
        let mut config = if rest.is_empty() {
            tokio_postgres::Config::new()
        } else {
            tokio_postgres::Config::from_str(&rest).map_err(|e| format!("malformed connection string: {e}"))?
        };
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let mut sslmode = None;
        let mut sslrootcert = None;
        for (k, v) in own {
            match k.as_str() {
                "sslmode" => sslmode = Some(v.parse::<SslMode>()?),
                "sslrootcert" => sslrootcert = Some(PathBuf::from(v)),
                _ => {}
            }
        }
        if sslmode.is_none() {
            if let Some(m) = env("PGSSLMODE") {
                sslmode = Some(m.parse::<SslMode>()?);
            }
        }
        if sslrootcert.is_none() {
            sslrootcert = env("PGSSLROOTCERT").map(PathBuf::from);
        }
        if config.get_hosts().is_empty() {
            let host = env("PGHOST").unwrap_or_else(default_host);
            for h in host.split(',') {
                config.host(h);
            }
        }
        if config.get_ports().is_empty() {
            if let Some(p) = env("PGPORT") {
                let port = p.parse::<u16>().map_err(|_| format!("PGPORT is not a port number: {p:?}"))?;
                config.port(port);
            }
        }
        if config.get_user().is_none() {
            let user = env("PGUSER").or_else(|| env("USER")).unwrap_or_else(|| "postgres".into());
            config.user(&user);
        }
        if config.get_password().is_none() {
            if let Some(p) = env("PGPASSWORD") {
                config.password(p);
            }
        }
        if config.get_dbname().is_none() {
            if let Some(d) = env("PGDATABASE") {
                config.dbname(&d);
            }
        }
        if config.get_connect_timeout().is_none() {
            let secs = env("PGCONNECT_TIMEOUT").and_then(|s| s.parse::<u64>().ok()).unwrap_or(10);
            config.connect_timeout(Duration::from_secs(secs.max(1)));
        }
        if config.get_application_name().is_none() {
            config.application_name("pgdrift");
        }
        let sslmode = sslmode.unwrap_or(SslMode::Prefer);
        config.ssl_mode(match sslmode {
            SslMode::Disable => tokio_postgres::config::SslMode::Disable,
            SslMode::Allow | SslMode::Prefer => tokio_postgres::config::SslMode::Prefer,
            _ => tokio_postgres::config::SslMode::Require,
        });
        Ok(ConnInfo { config, sslmode, sslrootcert })
    }

    /// `postgresql://user@host:port/db` without the password, for headers and error messages.
    pub fn display(&self) -> String {
        let user = self.config.get_user().unwrap_or("");
        let host = match self.config.get_hosts().first() {
            Some(tokio_postgres::config::Host::Tcp(h)) => h.clone(),
            Some(tokio_postgres::config::Host::Unix(p)) => p.display().to_string(),
            None => "localhost".into(),
        };
        let port = self.config.get_ports().first().copied().unwrap_or(5432);
        let db = self.config.get_dbname().unwrap_or(user);
        // A host cannot contain '@': if one does, it was a mangled URL that may carry credentials.
        let host = host.rsplit_once('@').map_or(host.as_str(), |(_, h)| h).to_string();
        format!("postgresql://{user}@{host}:{port}/{db}")
    }
}

/// tokio-postgres reports a bad port only as "invalid connection string"; name it.
fn check_url_ports(url: &str) -> Result<(), String> {
    let after = url.split_once("://").map(|(_, r)| r).unwrap_or("");
    let authority = after.split(['/', '?']).next().unwrap_or("");
    let hosts = authority.rsplit_once('@').map(|(_, h)| h).unwrap_or(authority);
    for h in hosts.split(',') {
        if h.starts_with('[') {
            continue;
        }
        if let Some((_, port)) = h.rsplit_once(':') {
            if !port.is_empty() && port.parse::<u16>().is_err() {
                return Err(format!("malformed connection string: invalid port {port:?}"));
            }
        }
    }
    Ok(())
}

fn default_host() -> String {
    for dir in ["/var/run/postgresql", "/tmp"] {
        if std::path::Path::new(dir).join(".s.PGSQL.5432").exists() {
            return dir.into();
        }
    }
    "localhost".into()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 3 <= bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Split a libpq key=value string; values may be single-quoted with backslash escapes.
fn split_key_values(s: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            return Ok(out);
        }
        let mut key = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c.is_whitespace() {
                break;
            }
            key.push(c);
            chars.next();
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.next() != Some('=') {
            return Err(format!("malformed connection string: missing \"=\" after {key:?}"));
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut value = String::new();
        if chars.peek() == Some(&'\'') {
            chars.next();
            loop {
                match chars.next() {
                    Some('\\') => value.extend(chars.next()),
                    Some('\'') => break,
                    Some(c) => value.push(c),
                    None => return Err("malformed connection string: unterminated quoted value".into()),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                value.push(c);
                chars.next();
            }
        }
        out.push((key, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_with_ssl_params_and_password_is_parsed_and_redacted() {
        let c =
            ConnInfo::parse("postgresql://alice:s3cret@db.example:6543/shop?sslmode=verify-full&sslrootcert=/x/ca.pem")
                .unwrap();
        assert_eq!(c.sslmode, SslMode::VerifyFull);
        assert_eq!(c.sslrootcert.as_deref(), Some(std::path::Path::new("/x/ca.pem")));
        assert_eq!(c.display(), "postgresql://alice@db.example:6543/shop");
        assert!(!c.display().contains("s3cret"));
    }

    #[test]
    fn key_value_strings_are_parsed() {
        let c = ConnInfo::parse("host=h port=5433 user=bob password='a b\\'c' dbname=d sslmode=require").unwrap();
        assert_eq!(c.sslmode, SslMode::Require);
        assert_eq!(c.config.get_password(), Some(&b"a b'c"[..]));
        assert_eq!(c.display(), "postgresql://bob@h:5433/d");
    }

    #[test]
    fn malformed_inputs_are_rejected_without_echoing() {
        let e = ConnInfo::parse("postgresql://u:pw@host:notaport/db").unwrap_err();
        assert!(!e.contains("pw"), "{e}");
        assert!(ConnInfo::parse("just-a-word").is_err());
        assert!(ConnInfo::parse("postgresql://h/db?sslmode=sometimes").unwrap_err().contains("sslmode"));
    }
}
