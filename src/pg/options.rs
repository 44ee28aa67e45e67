//! Generic options (`OPTIONS (..)`) of foreign-data wrappers, servers and user mappings: the changes
//! between two lists and their SQL. A secret whose value was not read (`--show-secrets`) is written as the
//! psql variable `:'pgdrift_secret_..'`: `psql -v` supplies it, `pgdrift apply` takes it from the
//! environment variable of the same name in capitals, and without either the statement fails (nothing is
//! half-applied); its value is never printed.

use crate::model::{FdwOption, Literal, OptionValue};
use serde::Serialize;

/// One change of an object's options.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum OptionChange {
    Add(FdwOption),
    Set(FdwOption),
    Drop(String),
}

impl OptionChange {
    /// The option an ADD or SET writes.
    pub fn option(&self) -> Option<&FdwOption> {
        match self {
            OptionChange::Add(o) | OptionChange::Set(o) => Some(o),
            OptionChange::Drop(_) => None,
        }
    }
}

/// The changes that turn options `a` into `b` (by name: ADD what is new, SET what differs, DROP what is gone).
pub(crate) fn changes(a: &[FdwOption], b: &[FdwOption]) -> Vec<OptionChange> {
    let find = |list: &[FdwOption], n: &str| list.iter().find(|o| o.name == n).cloned();
    let mut out: Vec<OptionChange> =
        a.iter().filter(|o| find(b, &o.name).is_none()).map(|o| OptionChange::Drop(o.name.clone())).collect();
    for o in b {
        match find(a, &o.name) {
            None => out.push(OptionChange::Add(o.clone())),
            Some(old) if old.value != o.value => out.push(OptionChange::Set(o.clone())),
            Some(_) => {}
        }
    }
    out
}

/// The psql variable that supplies secret option `option` of `object` (letters, digits and underscores).
pub fn variable(object: &str, option: &str) -> String {
    let clean = |s: &str| -> String {
        s.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect()
    };
    format!("pgdrift_secret_{}_{}", clean(object), clean(option))
}

/// The environment variable `pgdrift apply` reads for a psql variable.
pub fn environment_variable(variable: &str) -> String {
    variable.to_ascii_uppercase()
}

fn value_sql(object: &str, o: &FdwOption) -> String {
    match &o.value {
        OptionValue::Plain(v) | OptionValue::Secret { value: Some(v), .. } => Literal(v).to_string(),
        OptionValue::Secret { value: None, .. } => format!(":'{}'", variable(object, &o.name)),
    }
}

fn name_sql(o: &str) -> String {
    crate::model::QuotedAsNeeded(o).to_string()
}

/// ` OPTIONS (name 'value', ..)` for a new object (empty without options).
pub(crate) fn create_clause(object: &str, options: &[FdwOption]) -> String {
    if options.is_empty() {
        return String::new();
    }
    let list: Vec<String> = options.iter().map(|o| format!("{} {}", name_sql(&o.name), value_sql(object, o))).collect();
    format!(" OPTIONS ({})", list.join(", "))
}

/// ` OPTIONS (ADD .., SET .., DROP ..)`.
pub(crate) fn alter_clause(object: &str, changes: &[OptionChange]) -> String {
    let list: Vec<String> = changes
        .iter()
        .map(|c| match c {
            OptionChange::Add(o) => format!("ADD {} {}", name_sql(&o.name), value_sql(object, o)),
            OptionChange::Set(o) => format!("SET {} {}", name_sql(&o.name), value_sql(object, o)),
            OptionChange::Drop(n) => format!("DROP {}", name_sql(n)),
        })
        .collect();
    format!(" OPTIONS ({})", list.join(", "))
}

/// The psql variables a statement with these options needs (secrets whose value was not read).
pub(crate) fn secret_variables<'a>(object: &str, options: impl IntoIterator<Item = &'a FdwOption>) -> Vec<String> {
    options
        .into_iter()
        .filter(|o| matches!(o.value, OptionValue::Secret { value: None, .. }))
        .map(|o| variable(object, &o.name))
        .collect()
}

/// The comment lines put before a statement that needs secrets: how to supply each.
pub(crate) fn secret_note(what: &str, variables: &[String]) -> String {
    variables
        .iter()
        .map(|v| {
            format!(
                "-- secret option of {what} (not printed): psql -v {v}=..., or {} for pgdrift apply, or plan with --show-secrets\n",
                environment_variable(v)
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_render_as_variables_and_changes_go_by_name() {
        let plain = FdwOption::read("host".into(), "db".into(), false);
        let secret = FdwOption::read("password".into(), "hunter2".into(), false);
        let clause = create_clause("app@s", &[plain.clone(), secret.clone()]);
        assert_eq!(clause, " OPTIONS (host 'db', password :'pgdrift_secret_app_s_password')");
        assert!(!clause.contains("hunter2"));
        let shown = FdwOption::read("password".into(), "hunter2".into(), true);
        assert_eq!(create_clause("app@s", &[shown]), " OPTIONS (password 'hunter2')");
        let newer = FdwOption::read("password".into(), "hunter3".into(), false);
        let port = FdwOption::read("port".into(), "5432".into(), false);
        let c = changes(&[plain.clone(), secret], &[newer, port.clone()]);
        assert_eq!(
            alter_clause("app@s", &c),
            " OPTIONS (DROP host, SET password :'pgdrift_secret_app_s_password', ADD port '5432')"
        );
    }
}
