//! Typed hazards carried by each change: safety is data, never a pattern over SQL text.

use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HazardKind {
    /// Rows, columns or values are lost (drop table/column/schema/sequence, narrowing type change,
    /// enum value removal).
    DeletesData,
    /// The statement may fail on existing data (new NOT NULL, cast of existing values).
    MayFail,
    /// The table is rewritten under an ACCESS EXCLUSIVE lock.
    TableRewrite,
    /// An ACCESS EXCLUSIVE lock is taken on a table in use (reads and writes wait).
    AccessExclusiveLock,
    /// An index is built on an existing table (writes wait for the build).
    IndexBuild,
    /// An index is dropped (queries using it get slower).
    IndexDropped,
    /// Who may read or write what changes (policies, row level security).
    Authz,
    /// An extension's version is upgraded (its upgrade script runs).
    ExtensionUpgrade,
    /// A function body's references to other objects are not tracked by the dependency graph.
    UntrackedDependencies,
    /// A role is dropped: cluster-wide, for every database (its logins end).
    DropsRole,
}

impl HazardKind {
    pub const ALL: [HazardKind; 10] = [
        HazardKind::DeletesData,
        HazardKind::MayFail,
        HazardKind::TableRewrite,
        HazardKind::AccessExclusiveLock,
        HazardKind::IndexBuild,
        HazardKind::IndexDropped,
        HazardKind::Authz,
        HazardKind::ExtensionUpgrade,
        HazardKind::UntrackedDependencies,
        HazardKind::DropsRole,
    ];

    /// The kind named by its label (`deletes-data`).
    pub fn from_label(label: &str) -> Option<HazardKind> {
        HazardKind::ALL.into_iter().find(|k| k.label() == label)
    }

    /// One line saying what the hazard means (the CLI's help for `--allow`).
    pub fn description(self) -> &'static str {
        match self {
            HazardKind::DeletesData => {
                "Rows, columns or values are lost (drop table/column/schema/sequence, narrowing type change, enum \
                 value removal)"
            }
            HazardKind::MayFail => "The statement may fail on existing data (new NOT NULL, cast of existing values)",
            HazardKind::TableRewrite => "The table is rewritten under an ACCESS EXCLUSIVE lock",
            HazardKind::AccessExclusiveLock => {
                "An ACCESS EXCLUSIVE lock is taken on a table in use (reads and writes wait)"
            }
            HazardKind::IndexBuild => "An index is built on an existing table (writes wait for the build)",
            HazardKind::IndexDropped => "An index is dropped (queries using it get slower)",
            HazardKind::Authz => "Who may read or write what changes (policies, row level security)",
            HazardKind::ExtensionUpgrade => "An extension's version is upgraded (its upgrade script runs)",
            HazardKind::UntrackedDependencies => {
                "A function body's references to other objects are not tracked by the dependency graph"
            }
            HazardKind::DropsRole => "A role is dropped, for every database of the cluster (its logins end)",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            HazardKind::DeletesData => "deletes-data",
            HazardKind::MayFail => "may-fail",
            HazardKind::TableRewrite => "table-rewrite",
            HazardKind::AccessExclusiveLock => "access-exclusive-lock",
            HazardKind::IndexBuild => "index-build",
            HazardKind::IndexDropped => "index-dropped",
            HazardKind::Authz => "authz",
            HazardKind::ExtensionUpgrade => "extension-upgrade",
            HazardKind::UntrackedDependencies => "untracked-dependencies",
            HazardKind::DropsRole => "drops-role",
        }
    }
    /// How bad the hazard is for a live database.
    pub fn severity(self) -> Severity {
        match self {
            HazardKind::DeletesData | HazardKind::DropsRole => Severity::Critical,
            HazardKind::TableRewrite => Severity::High,
            HazardKind::MayFail => Severity::Medium,
            HazardKind::AccessExclusiveLock | HazardKind::IndexBuild | HazardKind::ExtensionUpgrade => Severity::Medium,
            HazardKind::Authz | HazardKind::IndexDropped => Severity::Medium,
            HazardKind::UntrackedDependencies => Severity::Low,
        }
    }
    /// Whether safe mode withholds statements with this hazard.
    pub fn is_unsafe(self) -> bool {
        matches!(self, HazardKind::DeletesData | HazardKind::DropsRole)
    }
}

/// Severity of a change: the worst of its hazards, `Low` for a change without any.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Severity::Low, Severity::Medium, Severity::High, Severity::Critical];

    /// The severity named by its label (`high`).
    pub fn from_label(label: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.label() == label)
    }

    pub fn label(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

/// The severity of a change with these hazards.
pub fn severity_of(hazards: &[Hazard]) -> Severity {
    hazards.iter().map(|h| h.kind.severity()).max().unwrap_or(Severity::Low)
}

/// A hazard with a one-line reason naming what is affected.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Hazard {
    pub kind: HazardKind,
    pub reason: String,
}

impl Hazard {
    pub fn new(kind: HazardKind, reason: impl Into<String>) -> Self {
        Hazard { kind, reason: reason.into() }
    }
    /// The safe-mode rule, for every dialect: a step with a hazard that blocks is withheld (and so is every
    /// step that needs it). Unsafe hazards block unless `--unsafe`, or `--allow` names their kind.
    pub fn blocks(&self, unsafe_ok: bool, allow: &[HazardKind]) -> bool {
        self.kind.is_unsafe() && !unsafe_ok && !allow.contains(&self.kind)
    }
    pub fn deletes(reason: impl Into<String>) -> Self {
        Self::new(HazardKind::DeletesData, reason)
    }
}

impl fmt::Display for Hazard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.label(), self.reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where each kind sits in `ALL`: an exhaustive match, so a new kind fails here until listed.
    fn position(k: HazardKind) -> usize {
        match k {
            HazardKind::DeletesData => 0,
            HazardKind::MayFail => 1,
            HazardKind::TableRewrite => 2,
            HazardKind::AccessExclusiveLock => 3,
            HazardKind::IndexBuild => 4,
            HazardKind::IndexDropped => 5,
            HazardKind::Authz => 6,
            HazardKind::ExtensionUpgrade => 7,
            HazardKind::UntrackedDependencies => 8,
            HazardKind::DropsRole => 9,
        }
    }

    #[test]
    fn every_kind_is_listed_once_and_its_label_names_it() {
        for (i, k) in HazardKind::ALL.into_iter().enumerate() {
            assert_eq!(position(k), i);
            assert_eq!(HazardKind::from_label(k.label()), Some(k));
            assert!(!k.description().is_empty());
        }
        for s in Severity::ALL {
            assert_eq!(Severity::from_label(s.label()), Some(s));
        }
        assert_eq!(HazardKind::from_label("drops-data"), None);
    }
}
