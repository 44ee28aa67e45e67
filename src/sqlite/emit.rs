//! The SQLite dialect's last stage: a plan becomes a script runnable by `sqlite3 -bail` and by
//! `pgdrift apply`, with foreign keys turned off outside the transaction around rebuilds and a foreign key
//! check before COMMIT.

use super::diff::{Op, Plan};
use super::inspect::key_column;
use super::lexer::ident;
use crate::emit::{Options, Script};
use crate::model::{Column, Constraint, ConstraintKind, Table};

/// Whether a default's text is a literal SQLite accepts without parentheses.
pub fn is_literal(d: &str) -> bool {
    let u = d.to_uppercase();
    let num = d.strip_prefix(['-', '+']).unwrap_or(d);
    matches!(u.as_str(), "NULL" | "TRUE" | "FALSE" | "CURRENT_TIME" | "CURRENT_DATE" | "CURRENT_TIMESTAMP")
        || (d.starts_with('\'')
            && d.ends_with('\'')
            && d.len() >= 2
            && !d[1..d.len() - 1].replace("''", "").contains('\''))
        || ((u.starts_with("X'")) && d.ends_with('\''))
        || (!num.is_empty() && num.parse::<f64>().is_ok() && !num.contains(['i', 'I', 'n', 'N']))
}

fn column_sql(c: &Column, inline_pk: Option<&str>) -> String {
    let mut s = ident(&c.name);
    if !c.data_type.is_empty() {
        s.push(' ');
        s.push_str(&c.data_type);
    }
    if let Some(pk) = inline_pk {
        s.push_str(pk);
    }
    if c.not_null {
        s.push_str(" NOT NULL");
    }
    if let Some(d) = &c.default {
        if is_literal(d) {
            s.push_str(&format!(" DEFAULT {d}"));
        } else {
            s.push_str(&format!(" DEFAULT ({d})"));
        }
    }
    if let Some(coll) = &c.collation {
        s.push_str(&format!(" COLLATE {coll}"));
    }
    if let Some(g) = &c.generated {
        let kind = if c.generated_virtual { "VIRTUAL" } else { "STORED" };
        s.push_str(&format!(" GENERATED ALWAYS AS ({g}) {kind}"));
    }
    s
}

/// The name SQLite inspection derives for an unnamed table-level constraint of this shape.
fn derived_name(t: &Table, kind: ConstraintKind, definition: &str) -> String {
    let cols = || {
        let inner = definition.split_once('(').map_or("", |x| x.1);
        let inner = inner.split_once(')').map_or("", |x| x.0);
        inner.split(", ").map(key_column).collect::<Vec<_>>().join("_")
    };
    match kind {
        ConstraintKind::PrimaryKey => format!("{}_pkey", t.name.name),
        ConstraintKind::Unique => format!("{}_{}_key", t.name.name, cols()),
        ConstraintKind::ForeignKey => format!("{}_{}_fkey", t.name.name, cols()),
        ConstraintKind::Check | ConstraintKind::Exclusion => {
            super::inspect::check_name(&t.name.name, &t.columns, definition)
        }
    }
}

/// Whether a constraint's name is one pgdrift (or Postgres) generated for an unnamed constraint: such a
/// name identifies it but is not written out (SQLite keeps what TO says: no name where TO has none).
fn is_derived(t: &Table, c: &Constraint) -> bool {
    super::inspect::is_generated_name(&c.name, &derived_name(t, c.kind, &c.definition))
}

/// `CREATE TABLE` for `t` under the name `as_name`.
pub fn create_table(t: &Table, as_name: &str) -> String {
    let opts = t.sqlite.unwrap_or_default();
    let pk = t.constraints.values().find(|c| c.kind == ConstraintKind::PrimaryKey);
    // AUTOINCREMENT can only be written on the column.
    let inline = pk.filter(|_| opts.autoincrement).and_then(|c| {
        let col = key_column(c.definition.split_once('(')?.1);
        let named = !is_derived(t, c);
        let prefix = if named { format!(" CONSTRAINT {}", ident(&c.name)) } else { String::new() };
        Some((col, format!("{prefix} PRIMARY KEY AUTOINCREMENT"), c.name.clone()))
    });
    let mut lines: Vec<String> = t
        .columns
        .iter()
        .map(|c| {
            let pk = inline.as_ref().filter(|(col, _, _)| *col == c.name).map(|(_, s, _)| s.as_str());
            column_sql(c, pk)
        })
        .collect();
    let order = [ConstraintKind::PrimaryKey, ConstraintKind::Unique, ConstraintKind::Check, ConstraintKind::ForeignKey];
    for kind in order {
        for c in t.constraints.values().filter(|c| c.kind == kind) {
            if inline.as_ref().is_some_and(|(_, _, n)| *n == c.name) {
                continue;
            }
            if is_derived(t, c) {
                lines.push(c.definition.clone());
            } else {
                lines.push(format!("CONSTRAINT {} {}", ident(&c.name), c.definition));
            }
        }
    }
    let mut tail = Vec::new();
    if opts.without_rowid {
        tail.push("WITHOUT ROWID");
    }
    if opts.strict {
        tail.push("STRICT");
    }
    let tail = if tail.is_empty() { String::new() } else { format!(" {}", tail.join(", ")) };
    format!("CREATE TABLE {} (\n    {}\n){tail};", ident(as_name), lines.join(",\n    "))
}

/// Statements of one step.
pub fn render(op: &Op) -> Vec<String> {
    match op {
        Op::CreateTable { table } => vec![create_table(table, &table.name.name)],
        Op::DropTable { table } => vec![format!("DROP TABLE {};", ident(&table.name))],
        Op::AddColumn { table, column } => {
            vec![format!("ALTER TABLE {} ADD COLUMN {};", ident(&table.name), column_sql(column, None))]
        }
        Op::DropColumn { table, column } => {
            vec![format!("ALTER TABLE {} DROP COLUMN {};", ident(&table.name), ident(column))]
        }
        Op::Rebuild { from, to, copy } => rebuild(from, to, copy),
        Op::CreateIndex { index } => vec![format!("{};", index.definition)],
        Op::DropIndex { index } => vec![format!("DROP INDEX {};", ident(&index.name))],
        Op::CreateView { view } => vec![format!("{};", view.definition)],
        Op::DropView { view } => vec![format!("DROP VIEW {};", ident(&view.name))],
        Op::CreateTrigger { trigger } => vec![format!("{};", trigger.definition)],
        Op::DropTrigger { name, .. } => vec![format!("DROP TRIGGER {};", ident(name))],
    }
}

fn rebuild(from: &Table, to: &Table, copy: &[String]) -> Vec<String> {
    let name = &to.name.name;
    let tmp = format!("_pgdrift_new_{name}");
    let mut out = vec![create_table(to, &tmp)];
    if !copy.is_empty() {
        let cols: Vec<String> = copy.iter().map(|c| ident(c)).collect();
        let values: Vec<String> = copy
            .iter()
            .map(|c| match super::diff::null_fill(from, to, c) {
                Some(d) => format!("coalesce({}, {d})", ident(c)),
                None => ident(c),
            })
            .collect();
        out.push(format!(
            "INSERT INTO {} ({}) SELECT {} FROM {};",
            ident(&tmp),
            cols.join(", "),
            values.join(", "),
            ident(name)
        ));
    }
    let auto = |t: &Table| t.sqlite.is_some_and(|s| s.autoincrement);
    if auto(from) && auto(to) {
        out.push(format!("DELETE FROM sqlite_sequence WHERE name = {};", literal(&tmp)));
        out.push(format!(
            "INSERT INTO sqlite_sequence (name, seq) SELECT {}, seq FROM sqlite_sequence WHERE name = {};",
            literal(&tmp),
            literal(name)
        ));
    }
    out.push(format!("DROP TABLE {};", ident(name)));
    out.push(format!("ALTER TABLE {} RENAME TO {};", ident(&tmp), ident(name)));
    out
}

fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Statements that fail the script when a foreign key is violated (SQLite's check only lists rows).
pub const FK_CHECK: [&str; 3] = [
    "CREATE TEMP TABLE _pgdrift_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_found CHECK (violations = 0));",
    "INSERT INTO _pgdrift_fk_check SELECT count(*) FROM pragma_foreign_key_check;",
    "DROP TABLE _pgdrift_fk_check;",
];

/// The whole script.
pub fn script(plan: &Plan, opts: &Options) -> Script {
    let mut s = Script::default();
    // No differences: no output at all, as for Postgres.
    if plan.steps.is_empty() {
        return s;
    }
    let mut text = String::new();
    text.push_str(&format!("-- pgdrift {}: SQLite SQL that turns FROM into TO\n", env!("CARGO_PKG_VERSION")));
    text.push_str(&format!("-- from: {}\n-- to:   {}\n", opts.from_label, opts.to_label));
    text.push_str(
        "-- run with: sqlite3 -bail DATABASE < this-file   (or: pgdrift apply --target sqlite:DATABASE --to ...)\n",
    );
    let withheld = withheld_steps(plan, opts);
    let fk_off = plan.needs_fk_off();
    if fk_off {
        text.push_str(
            "-- foreign keys are off while tables are rebuilt (the pragma is ignored inside a transaction)\n",
        );
        text.push_str("PRAGMA foreign_keys = OFF;\n");
    }
    if !opts.no_transaction {
        text.push_str("BEGIN;\n");
    }
    // Renaming the rebuilt table must not rewrite (or fail on) views and triggers that name it.
    let rebuilds = plan.steps.iter().any(|s| matches!(s.op, Op::Rebuild { .. }));
    if rebuilds {
        text.push_str("PRAGMA legacy_alter_table = ON;\n");
    }
    for (i, step) in plan.steps.iter().enumerate() {
        let lines = render(&step.op);
        match &withheld[i] {
            Some(reason) => {
                s.withheld += lines.len();
                for l in lines {
                    for (n, part) in l.lines().enumerate() {
                        let lead = if n == 0 { format!("-- unsafe ({reason}): ") } else { "--   ".to_string() };
                        text.push_str(&format!("{lead}{part}\n"));
                    }
                }
            }
            None => {
                for h in &step.hazards {
                    text.push_str(&format!("-- hazard {h}\n"));
                }
                s.statements += lines.len();
                for l in lines {
                    text.push_str(&l);
                    text.push('\n');
                }
            }
        }
    }
    if rebuilds {
        text.push_str("PRAGMA legacy_alter_table = OFF;\n");
    }
    if fk_off {
        for l in FK_CHECK {
            text.push_str(l);
            text.push('\n');
        }
    }
    if !opts.no_transaction {
        text.push_str("COMMIT;\n");
    }
    if fk_off {
        text.push_str("PRAGMA foreign_keys = ON;\n");
    }
    s.text = text;
    s
}

/// For each step, why it is withheld (its own unsafe hazard, or a withheld step it needs).
pub fn withheld_steps(plan: &Plan, opts: &Options) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = Vec::with_capacity(plan.steps.len());
    for step in &plan.steps {
        let own =
            step.hazards.iter().find(|h| h.blocks(opts.unsafe_ok, &opts.allow)).map(|h| h.kind.label().to_string());
        let inherited = step.after.iter().find_map(|&i| out.get(i).cloned().flatten()).map(|r| format!("needs {r}"));
        out.push(own.or(inherited));
    }
    out
}
