//! Commands where a side is SQLite: the diff in FROM's dialect, apply to a SQLite file, and `sync` between
//! any two databases in either direction (one-way or additive merge).

use crate::output::write_out;
use crate::{Common, DiffArgs, Format};
use anyhow::{bail, Context};
use pgdrift::cross::{plan_catalogs, Compared, CrossOptions, Planned};
use pgdrift::emit::{self, Options};
use pgdrift::model::{Catalog, Dialect};
use pgdrift::source::{Side, Source};

pub fn cross_options(c: &Common) -> anyhow::Result<CrossOptions> {
    let overrides = c.type_map.iter().map(|s| pgdrift::sqlite::types::parse_override(s)).collect::<Result<Vec<_>, _>>();
    Ok(CrossOptions { strict_types: c.strict_types, overrides: overrides.map_err(anyhow::Error::msg)? })
}

/// The script for a plan in its dialect, cross-dialect notes first as comments.
pub fn render(cmp: &Compared, opts: &Options) -> emit::Script {
    let mut script = match &cmp.planned {
        Planned::Postgres(p) => emit::sql(p, opts),
        Planned::Sqlite(p) => pgdrift::sqlite::emit::script(p, opts),
    };
    if !cmp.notes.lines.is_empty() && !script.text.is_empty() {
        let notes: String = cmp.notes.lines.iter().map(|n| format!("-- note: {n}\n")).collect();
        script.text = format!("{notes}{}", script.text);
    }
    script
}

fn unmodelled(p: &Planned) -> Vec<String> {
    match p {
        Planned::Postgres(p) => p.unmodelled.iter().map(|u| u.to_string()).collect(),
        Planned::Sqlite(p) => p.unmodelled.clone(),
    }
}

/// `pgdrift FROM TO` when a side is SQLite.
pub fn diff(
    from: &Source,
    to: &Source,
    args: &DiffArgs,
    c: &Common,
    filter: &pgdrift::inspect::Filter,
) -> anyhow::Result<u8> {
    let cmp = pgdrift::cross::compare(from, to, filter, &cross_options(c)?)?;
    let opts = Options {
        unsafe_ok: args.unsafe_ok,
        allow: args.allow.clone(),
        no_transaction: args.no_transaction,
        lock_timeout: None,
        from_label: from.display(),
        to_label: to.display(),
    };
    for n in &cmp.notes.lines {
        eprintln!("pgdrift: note: {n}");
    }
    let script = render(&cmp, &opts);
    match (args.format, &cmp.planned) {
        (Format::Json, Planned::Sqlite(p)) => write_out(&format!("{}\n", serde_json::to_string_pretty(p)?))?,
        (Format::Json, Planned::Postgres(p)) => write_out(&format!("{}\n", emit::json(p)))?,
        (Format::Summary, Planned::Postgres(p)) => write_out(&emit::summary::summary(p, args.unsafe_ok, false))?,
        _ => write_out(&script.text)?,
    }
    finish(&cmp, script.withheld)
}

fn finish(cmp: &Compared, withheld: usize) -> anyhow::Result<u8> {
    let u = unmodelled(&cmp.planned);
    if !u.is_empty() {
        for line in &u {
            eprintln!("pgdrift: warning: {line}");
        }
        bail!(
            "{} difference(s) in object kinds not modelled yet (listed above); the script does not cover them",
            u.len()
        );
    }
    Ok(if cmp.planned.steps() == 0 {
        0
    } else if withheld > 0 {
        3
    } else {
        2
    })
}

/// Apply a planned comparison to `target` (SQLite file or Postgres URL) after consent.
fn execute(target: &Source, cmp: &Compared, opts: &Options, yes: bool) -> anyhow::Result<usize> {
    if !yes {
        bail!("refusing to change {} without --yes (review the script first)", target.display());
    }
    match (&cmp.planned, target) {
        (Planned::Sqlite(p), Source::Sqlite(pgdrift::sqlite::SqliteSource::File(path))) => {
            let conn = pgdrift::sqlite::apply::open_target(path)?;
            let desired = cmp.to.clone();
            let applied = pgdrift::sqlite::apply::apply(&conn, p, opts, &|_now: &Catalog| desired.clone())?;
            Ok(applied.statements)
        }
        (Planned::Postgres(_), Source::Postgres(info)) => {
            let script = render(cmp, opts);
            let mut client = pgdrift::source::connect(info, Side::To)?;
            client
                .batch_execute(&script.text)
                .map_err(|e| anyhow::anyhow!("{}: {}", target.display(), pgdrift::error::describe_pg_error(&e)))?;
            Ok(script.statements)
        }
        _ => bail!("{} cannot be changed by pgdrift (only SQLite files and PostgreSQL databases)", target.display()),
    }
}

/// `pgdrift apply --target sqlite:FILE --to SOURCE`.
pub fn apply(
    target: &Source,
    to: &Source,
    dry_run: bool,
    yes: bool,
    unsafe_ok: bool,
    c: &Common,
) -> anyhow::Result<u8> {
    let filter = pgdrift::inspect::Filter::default();
    let from = match target {
        // A target file that does not exist yet is created empty.
        Source::Sqlite(pgdrift::sqlite::SqliteSource::File(p)) if !p.exists() => Source::Empty,
        t => t.clone(),
    };
    let mut cmp = pgdrift::cross::compare(&from, to, &filter, &cross_options(c)?)?;
    if cmp.from.dialect != Dialect::Sqlite {
        cmp = plan_catalogs(pgdrift::sqlite::empty(), cmp.to, &cross_options(c)?)?;
    }
    let opts = Options { unsafe_ok, from_label: target.display(), to_label: to.display(), ..Options::default() };
    if cmp.planned.steps() == 0 {
        println!("{}: in sync with {}", target.display(), to.display());
        return Ok(0);
    }
    let script = render(&cmp, &opts);
    print!("{}", script.text);
    if dry_run {
        return Ok(2);
    }
    let n = execute(target, &cmp, &opts, yes)?;
    println!("applied {n} statement(s) to {}", target.display());
    Ok(if script.withheld > 0 { 3 } else { 0 })
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// Make B match A.
    AWins,
    /// Make A match B.
    BWins,
    /// Additive in both directions: what either side lacks is created there; conflicts are reported.
    Merge,
}

/// `pgdrift sync A B --strategy ...`.
pub fn sync(a: &str, b: &str, strategy: Strategy, yes: bool, unsafe_ok: bool, c: &Common) -> anyhow::Result<u8> {
    let a_src = Source::parse(a, Side::From)?.with_dialect(c.dialect.into());
    let b_src = Source::parse(b, Side::To)?.with_dialect(c.dialect.into());
    let filter = pgdrift::inspect::Filter::default();
    let ((a_cat, _), (b_cat, _)) = pgdrift::inspect::inspect_pair(&a_src, &b_src, &filter)?;
    let cross = cross_options(c)?;
    let one_way =
        |target: &Source, t: Catalog, desired_label: &Source, d: Catalog| -> anyhow::Result<(Compared, Options)> {
            let cmp = plan_catalogs(t, d, &cross)?;
            let opts = Options {
                unsafe_ok,
                from_label: target.display(),
                to_label: desired_label.display(),
                ..Options::default()
            };
            Ok((cmp, opts))
        };
    let jobs: Vec<(&Source, Compared, Options)> = match strategy {
        Strategy::AWins => {
            let (cmp, o) = one_way(&b_src, b_cat, &a_src, a_cat)?;
            vec![(&b_src, cmp, o)]
        }
        Strategy::BWins => {
            let (cmp, o) = one_way(&a_src, a_cat, &b_src, b_cat)?;
            vec![(&a_src, cmp, o)]
        }
        Strategy::Merge => {
            let (into_b, conflicts_b) = pgdrift::sqlite::merge::additive(&b_cat, &a_cat, &cross);
            let (into_a, conflicts_a) = pgdrift::sqlite::merge::additive(&a_cat, &b_cat, &cross);
            let mut conflicts: Vec<String> = conflicts_a.into_iter().chain(conflicts_b).collect();
            conflicts.sort();
            conflicts.dedup();
            for conflict in &conflicts {
                eprintln!("pgdrift: conflict: {conflict}");
            }
            let (ca, oa) = one_way(&a_src, a_cat.clone(), &b_src, into_a)?;
            let (cb, ob) = one_way(&b_src, b_cat.clone(), &a_src, into_b)?;
            if !conflicts.is_empty() {
                let text: String = conflicts.iter().map(|c| format!("-- conflict (not changed): {c}\n")).collect();
                write_out(&text)?;
            }
            vec![(&a_src, ca, oa), (&b_src, cb, ob)]
        }
    };
    let mut code = 0u8;
    for (target, cmp, opts) in &jobs {
        for n in &cmp.notes.lines {
            eprintln!("pgdrift: note: {n}");
        }
        let script = render(cmp, opts);
        write_out(&format!("-- ===== script for {} =====\n{}", target.display(), script.text))?;
        let status = finish(cmp, script.withheld)?;
        if status != 0 && yes {
            let n = execute(target, cmp, opts, yes)?;
            eprintln!("pgdrift: applied {n} statement(s) to {}", target.display());
        }
        code = code.max(status);
    }
    Ok(code)
}

/// `pgdrift check` when FROM is SQLite: the verdict, a report, and exit 2 when the worst severity reaches
/// `fail_on`.
pub fn check(
    from: &Source,
    to: &Source,
    format: crate::ReportFormat,
    report: Option<&std::path::Path>,
    fail_on: pgdrift::hazard::Severity,
    c: &Common,
) -> anyhow::Result<u8> {
    use pgdrift::hazard::severity_of;
    let cmp = pgdrift::cross::compare(from, to, &pgdrift::inspect::Filter::default(), &cross_options(c)?)?;
    let Planned::Sqlite(plan) = &cmp.planned else { bail!("internal: a SQLite FROM gives a SQLite plan") };
    let worst = plan.steps.iter().map(|s| severity_of(&s.hazards)).max();
    let failed = worst.is_some_and(|w| w >= fail_on) || !plan.unmodelled.is_empty();
    let lines: Vec<String> = plan
        .steps
        .iter()
        .map(|s| {
            let reasons: Vec<String> = s.hazards.iter().map(|h| h.to_string()).collect();
            let what = serde_json::to_value(&s.op).ok().and_then(|v| v["op"].as_str().map(str::to_string));
            format!("{} | {} | {}", severity_of(&s.hazards).label(), what.unwrap_or_default(), reasons.join("; "))
        })
        .chain(plan.unmodelled.iter().map(|u| format!("high | not modelled | {u}")))
        .collect();
    let md = if lines.is_empty() {
        format!("## Schema drift: `{}` vs `{}`\n\nIn sync: no differences.\n", from.display(), to.display())
    } else {
        let rows: String = lines.iter().map(|l| format!("| {l} |\n")).collect();
        format!(
            "## Schema drift: `{}` vs `{}`\n\n**{} difference(s)**\n\n| severity | change | hazards |\n|---|---|---|\n{rows}",
            from.display(),
            to.display(),
            lines.len()
        )
    };
    if let Some(path) = report {
        std::fs::write(path, &md).with_context(|| format!("writing {}", path.display()))?;
    }
    match format {
        crate::ReportFormat::Text if lines.is_empty() => write_out("in sync\n")?,
        crate::ReportFormat::Text => {
            let body: String = lines.iter().map(|l| format!("  {l}\n")).collect();
            write_out(&format!("drift: {} difference(s)\n{body}", lines.len()))?
        }
        crate::ReportFormat::Markdown => write_out(&md)?,
        crate::ReportFormat::Json => {
            let v = serde_json::json!({
                "version": 1,
                "in_sync": lines.is_empty(),
                "worst_severity": worst.map(|w| w.label()),
                "fail_on": fail_on.label(),
                "failed": failed,
                "from_fingerprint": cmp.from.fingerprint(),
                "to_fingerprint": cmp.to.fingerprint(),
                "plan": plan,
            });
            write_out(&format!("{}\n", serde_json::to_string_pretty(&v)?))?;
        }
    }
    Ok(if failed { 2 } else { 0 })
}
