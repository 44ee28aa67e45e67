//! The library's enums offered as CLI values: clap parsers built from their labels and descriptions (the
//! library itself does not depend on clap).

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use pgdrift::hazard::{HazardKind, Severity};
use pgdrift::pg::rename::RenameMode;
use pgdrift::profile::Profile;

/// `--allow deletes-data,may-fail`: hazard kinds by label, each listed with its description in `--help`.
pub fn hazard() -> impl TypedValueParser<Value = HazardKind> {
    let values = HazardKind::ALL.map(|k| PossibleValue::new(k.label()).help(k.description()));
    PossibleValuesParser::new(values).map(|s| HazardKind::from_label(&s).expect("clap admits only listed labels"))
}

/// `--fail-on high`.
pub fn severity() -> impl TypedValueParser<Value = Severity> {
    let values = Severity::ALL.map(|s| PossibleValue::new(s.label()));
    PossibleValuesParser::new(values).map(|s| Severity::from_label(&s).expect("clap admits only listed labels"))
}

/// `--rename OLD=NEW`.
pub fn rename(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((old, new)) if !old.is_empty() && !new.is_empty() => Ok((old.to_string(), new.to_string())),
        _ => Err(format!("expected OLD=NEW (schema.table=new_name), got {s:?}")),
    }
}

/// `--renames auto`.
pub fn rename_mode() -> impl TypedValueParser<Value = RenameMode> {
    let values = RenameMode::ALL.map(|m| PossibleValue::new(m.label()).help(m.description()));
    PossibleValuesParser::new(values).map(|s| RenameMode::from_label(&s).expect("clap admits only listed labels"))
}

/// `--profile supabase`.
pub fn profile() -> impl TypedValueParser<Value = Profile> {
    let values = Profile::ALL.map(|p| PossibleValue::new(p.label()));
    PossibleValuesParser::new(values).map(|s| Profile::from_label(&s).expect("clap admits only listed labels"))
}
