//! Foreign-data wrappers, foreign servers and user mappings (database-wide), with their generic options; an
//! option that may hold a secret is kept as a digest (its value only with `--show-secrets`, never
//! serialized).

use super::QName;
use serde::{Deserialize, Serialize};

/// A foreign-data wrapper.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignDataWrapper {
    pub name: String,
    /// `HANDLER` and `VALIDATOR` functions (they take fixed arguments: named without them).
    pub handler: Option<QName>,
    pub validator: Option<QName>,
    pub options: Vec<FdwOption>,
    pub comment: Option<String>,
}

/// A foreign server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignServer {
    pub name: String,
    pub wrapper: String,
    pub server_type: Option<String>,
    pub version: Option<String>,
    pub options: Vec<FdwOption>,
    pub comment: Option<String>,
}

/// A user mapping: a role (or `PUBLIC`) on a server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserMapping {
    pub server: String,
    /// A role name, or `PUBLIC`.
    pub user: String,
    pub options: Vec<FdwOption>,
}

impl UserMapping {
    /// How the mapping is named in keys and object ids: `user@server`.
    pub fn key(&self) -> String {
        format!("{}@{}", self.user, self.server)
    }
}

/// One generic option, `OPTIONS (name 'value')`, in the order the object holds them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FdwOption {
    pub name: String,
    pub value: OptionValue,
}

/// An option's value: plain, or a secret known by its SHA-256 digest.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptionValue {
    Plain(String),
    Secret {
        digest: String,
        /// Read only with `--show-secrets`; never written to snapshots, JSON or fingerprints.
        #[serde(skip)]
        value: Option<String>,
    },
}

/// Secrets compare by digest alone: a side read with `--show-secrets` equals one read without it.
impl PartialEq for OptionValue {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (OptionValue::Plain(a), OptionValue::Plain(b)) => a == b,
            (OptionValue::Secret { digest: a, .. }, OptionValue::Secret { digest: b, .. }) => a == b,
            (OptionValue::Plain(_), OptionValue::Secret { .. })
            | (OptionValue::Secret { .. }, OptionValue::Plain(_)) => false,
        }
    }
}

impl Eq for OptionValue {}

/// Parts of option names that mark a secret (matched case-insensitively anywhere in the name).
pub const SECRET_NAME_PARTS: &[&str] =
    &["password", "passwd", "pwd", "secret", "token", "key", "credential", "auth", "cookie", "session"];

/// Whether an option holds a secret: its name says so (`password`, `api_key`, `aws_secret_access_key`,
/// `auth_token`, ...), or its value is a URL or connection string carrying a password
/// (`postgres://user:pw@host`, `... password=pw ...`).
pub fn is_secret(name: &str, value: &str) -> bool {
    let name = name.to_ascii_lowercase();
    if SECRET_NAME_PARTS.iter().any(|p| name.contains(p)) {
        return true;
    }
    let v = value.to_ascii_lowercase();
    let url_password = v.split_once("://").is_some_and(|(_, rest)| {
        rest.split(['/', '?', '#'])
            .next()
            .is_some_and(|auth| auth.contains('@') && auth.split('@').next().is_some_and(|u| u.contains(':')))
    });
    url_password || v.contains("password=")
}

impl FdwOption {
    /// An option as read: a secret becomes its digest (and keeps its value only when `keep_secret`).
    pub fn read(name: String, value: String, keep_secret: bool) -> FdwOption {
        if !is_secret(&name, &value) {
            return FdwOption { name, value: OptionValue::Plain(value) };
        }
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(value.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        FdwOption { name, value: OptionValue::Secret { digest, value: keep_secret.then_some(value) } }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_told_by_name_or_by_a_password_in_the_value() {
        for (name, value) in [
            ("password", "x"),
            ("API_KEY", "x"),
            ("aws_secret_access_key", "x"),
            ("auth_token", "x"),
            ("conninfo", "postgres://u:hunter2@db/app"),
            ("dsn", "host=db password=hunter2"),
        ] {
            assert!(is_secret(name, value), "{name}");
        }
        for (name, value) in [("host", "db.example.com"), ("port", "5432"), ("url", "https://api.example.com/v1")] {
            assert!(!is_secret(name, value), "{name}");
        }
    }

    #[test]
    fn a_secret_keeps_only_its_digest_unless_asked() {
        let o = FdwOption::read("password".into(), "hunter2".into(), false);
        let json = serde_json::to_string(&o).unwrap();
        assert!(!json.contains("hunter2"), "{json}");
        let shown = FdwOption::read("password".into(), "hunter2".into(), true);
        assert_eq!(o, shown);
        assert!(matches!(shown.value, OptionValue::Secret { value: Some(ref v), .. } if v == "hunter2"));
        assert_ne!(o, FdwOption::read("password".into(), "hunter3".into(), false));
    }
}
