//! What a user says about renames (`--rename OLD=NEW`, `--renames off|suggest|auto`): plain data the
//! CLI fills and `pg::rename` plans.

/// How renames nobody declared are treated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RenameMode {
    /// Not looked for.
    Off,
    /// Looked for and suggested (script header, stderr); the plan is left as it is.
    #[default]
    Suggest,
    /// Unambiguous candidates applied as if declared.
    Auto,
    /// Each candidate asked about on a terminal (the CLI's; the library treats it as `Suggest`).
    Prompt,
}

impl RenameMode {
    pub const ALL: [RenameMode; 4] = [RenameMode::Off, RenameMode::Suggest, RenameMode::Auto, RenameMode::Prompt];
    pub fn label(self) -> &'static str {
        match self {
            RenameMode::Off => "off",
            RenameMode::Suggest => "suggest",
            RenameMode::Auto => "auto",
            RenameMode::Prompt => "prompt",
        }
    }
    pub fn description(self) -> &'static str {
        match self {
            RenameMode::Off => "do not look for renames",
            RenameMode::Suggest => "name likely renames (header, stderr); the plan stays drop + create",
            RenameMode::Auto => "plan unambiguous likely renames as ALTER .. RENAME",
            RenameMode::Prompt => "ask about each likely rename on the terminal (refused without one)",
        }
    }
    pub fn from_label(label: &str) -> Option<RenameMode> {
        RenameMode::ALL.into_iter().find(|m| m.label() == label)
    }
}

/// What the diff is told about renames.
#[derive(Clone, Debug, Default)]
pub struct Renames {
    /// `OLD=NEW` as given: `schema.table`, `schema.table.column` (or a table's index, constraint), a view,
    /// materialized view or sequence as `schema.name`, an enum value as `schema.type.value`.
    pub declared: Vec<(String, String)>,
    pub mode: RenameMode,
}

/// A likely rename nobody declared: `old` and `new` as `--rename` takes them (each part quoted as SQL needs).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Suggested {
    pub old: String,
    pub new: String,
}

impl Suggested {
    /// `--rename OLD=NEW`, quoted for a shell where a name needs it.
    pub fn flag(&self) -> String {
        let arg = format!("{}={}", self.old, self.new);
        if arg.chars().all(|c| c.is_ascii_alphanumeric() || "_.=-".contains(c)) {
            format!("--rename {arg}")
        } else {
            format!("--rename '{}'", arg.replace('\'', "'\\''"))
        }
    }
}
