//! The binary's commands: each turns parsed arguments into library calls, output and an exit status.

use crate::output::write_out;
use crate::{Common, DiffArgs, Format, ReportFormat};
use anyhow::{bail, Context};
use pgdrift::emit::{self, Options};
use pgdrift::inspect::Filter;
use pgdrift::source::{ConnInfo, Side, Source};
use std::io::{IsTerminal, Write};

fn filter(c: &Common) -> Filter {
    let mut exclude = c.exclude_schemas.clone();
    if !c.schemas.iter().any(|s| s == "pgdrift") {
        exclude.push("pgdrift".into());
    }
    Filter {
        include: c.schemas.clone(),
        exclude,
        owners: c.with_owners,
        secrets: c.show_secrets,
        roles: c.with_roles,
        renames: pgdrift::pg::rename::Renames { declared: c.renames.clone(), mode: c.rename_mode },
        profile: c.profile,
    }
}

fn dev(c: &Common) -> anyhow::Result<Option<ConnInfo>> {
    c.dev_url.as_deref().map(|u| ConnInfo::parse(u).map_err(|e| anyhow::anyhow!("--dev-url: {e}"))).transpose()
}

fn source(arg: &str, side: Side, c: &Common) -> anyhow::Result<Source> {
    Ok(Source::parse(arg, side)?.with_dialect(c.dialect.into()).with_dev(dev(c)?.as_ref()))
}

/// A Supabase project diffed without `--profile supabase` shows the platform's own objects: say so once.
fn profile_hint(cmp: &pgdrift::Comparison, c: &Common) {
    use pgdrift::profile::detect;
    if c.profile.is_none() && !cmp.plan.is_empty() && (detect(&cmp.from).is_some() || detect(&cmp.to).is_some()) {
        eprintln!(
            "hint: this looks like a Supabase project (auth and storage schemas); --profile supabase leaves the \
             platform's schemas, extensions and publications alone"
        );
    }
}

/// `--renames prompt`: each likely rename asked about on the terminal; the accepted ones are planned as
/// declared renames (after those given with `--rename`). Without a terminal to ask on, refused.
fn prompt_renames(cmp: &pgdrift::Comparison, c: &Common) -> anyhow::Result<pgdrift::plan::Plan> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        bail!("--renames prompt needs a terminal to ask on; use --rename OLD=NEW or --renames auto|suggest instead");
    }
    let mut declared = c.renames.clone();
    for s in &cmp.plan.suggested_renames {
        eprint!("pgdrift: rename {} to {} (keeps its data)? [y/N] ", s.old, s.new);
        std::io::stderr().flush()?;
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if matches!(answer.trim(), "y" | "Y" | "yes") {
            declared.push((s.old.clone(), s.new.clone()));
        }
    }
    let renames = pgdrift::renames::Renames { declared, mode: pgdrift::renames::RenameMode::Suggest };
    Ok(pgdrift::plan_with(&cmp.from, &cmp.to, &renames)?)
}

/// `pgdrift FROM TO`.
pub fn diff(from: &str, to: &str, args: &DiffArgs, c: &Common) -> anyhow::Result<u8> {
    let from = source(from, Side::From, c)?;
    let to = source(to, Side::To, c)?;
    if from.is_sqlite() || to.is_sqlite() {
        return crate::cli_sqlite::diff(&from, &to, args, c, &filter(c));
    }
    let mut cmp = pgdrift::compare(&from, &to, &filter(c))?;
    profile_hint(&cmp, c);
    if args.check_data {
        let Source::Postgres(info) = &from else { bail!("--check-data needs FROM to be a PostgreSQL database") };
        let mut client = pgdrift::source::connect(info, Side::From)?;
        let failing = pgdrift::plan::check_data::check_data(&mut cmp.plan, &mut client)?;
        if failing > 0 {
            eprintln!("pgdrift: --check-data: {failing} step(s) would fail on the existing rows (see their hazards)");
        }
    }
    if args.online {
        cmp.plan = pgdrift::plan::online::online(std::mem::take(&mut cmp.plan), &cmp.from);
    }
    if args.stats {
        eprintln!(
            "pgdrift: FROM {} objects in {} queries ({} deparsed by OID); TO {} objects in {} queries ({} deparsed by OID); \
             {} changes; inspect {:.3}s, diff+plan {:.3}s",
            cmp.from.object_count(),
            cmp.stats.0.queries,
            cmp.stats.0.deparsed,
            cmp.to.object_count(),
            cmp.stats.1.queries,
            cmp.stats.1.deparsed,
            cmp.plan.steps.len(),
            cmp.timings.0.as_secs_f64(),
            cmp.timings.1.as_secs_f64()
        );
    }
    for u in &cmp.plan.unmodelled {
        eprintln!("pgdrift: warning: {u}");
    }
    if c.rename_mode == pgdrift::renames::RenameMode::Prompt && !cmp.plan.suggested_renames.is_empty() {
        cmp.plan = prompt_renames(&cmp, c)?;
    }
    for s in &cmp.plan.suggested_renames {
        eprintln!("pgdrift: this looks like a rename: re-run with {} to keep the data (or --renames auto)", s.flag());
    }
    let opts = Options {
        unsafe_ok: args.unsafe_ok,
        allow: args.allow.clone(),
        no_transaction: args.no_transaction,
        lock_timeout: args.lock_timeout.clone().or_else(|| args.online.then(|| "5s".to_string())),
        from_label: from.display(),
        to_label: to.display(),
    };
    let script = emit::sql(&cmp.plan, &opts);
    match args.format {
        Format::Sql => write_out(&script.text)?,
        Format::Json => {
            let sides = emit::Sides { from: Some(cmp.from.fingerprint()), to: Some(cmp.to.fingerprint()) };
            write_out(&format!("{}\n", emit::json_with(&cmp.plan, &sides, &opts)))?
        }
        Format::Summary => write_out(&emit::summary::summary(&cmp.plan, args.unsafe_ok, false))?,
        Format::Markdown => write_out(&emit::report::markdown(&cmp.plan, &from.display(), &to.display()))?,
    }
    if !cmp.plan.unmodelled.is_empty() {
        bail!(
            "{} difference(s) in object kinds not modelled yet (listed above); the script does not cover them",
            cmp.plan.unmodelled.len()
        );
    }
    let code = if cmp.plan.steps.is_empty() {
        0
    } else if script.withheld > 0 {
        3
    } else {
        2
    };
    // The process ends here: freeing two catalogs of ~100k objects object by object would only cost time.
    std::mem::forget(cmp);
    Ok(code)
}

/// `pgdrift inspect SOURCE`.
pub fn inspect(arg: &str, format: Format, c: &Common) -> anyhow::Result<u8> {
    let src = source(arg, Side::From, c)?;
    let (cat, _) = pgdrift::inspect::inspect(&src, &filter(c), Side::From)?;
    match format {
        Format::Json | Format::Summary | Format::Markdown => {
            write_out(&format!("{}\n", serde_json::to_string_pretty(&cat)?))?
        }
        Format::Sql if cat.dialect == pgdrift::model::Dialect::Sqlite => {
            let plan = pgdrift::sqlite::diff::plan(&pgdrift::sqlite::empty(), &cat)?;
            let opts =
                Options { unsafe_ok: true, from_label: "EMPTY".into(), to_label: src.display(), ..Options::default() };
            write_out(&pgdrift::sqlite::emit::script(&plan, &opts).text)?;
        }
        Format::Sql => {
            let empty = pgdrift::model::Catalog { grants_known: true, ..pgdrift::model::Catalog::empty() };
            let plan = pgdrift::plan_between(&empty, &cat)?;
            let opts =
                Options { unsafe_ok: true, from_label: "EMPTY".into(), to_label: src.display(), ..Options::default() };
            write_out(&emit::sql(&plan, &opts).text)?;
        }
    }
    Ok(0)
}

/// `pgdrift fingerprint SOURCE`.
pub fn fingerprint(arg: &str, c: &Common) -> anyhow::Result<u8> {
    let src = source(arg, Side::From, c)?;
    let (cat, _) = pgdrift::inspect::inspect(&src, &filter(c), Side::From)?;
    write_out(&format!("{}\n", cat.fingerprint()))?;
    Ok(0)
}

fn colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// What `apply` brings the target to.
pub enum Desired {
    Source(String),
    PlanFile(std::path::PathBuf),
}

/// A plan file: the desired model and the fingerprint of the target it was planned against.
#[derive(serde::Serialize, serde::Deserialize)]
struct PlanFile {
    version: u32,
    target: String,
    target_fingerprint: String,
    desired_label: String,
    desired: pgdrift::model::Catalog,
    /// The SQL as planned, for review; apply recomputes it from the same two models.
    sql: String,
}

/// `pgdrift plan --target URL --to SOURCE --out FILE`.
pub fn plan_file(target: &str, to: &str, out: &std::path::Path, c: &Common) -> anyhow::Result<u8> {
    let target_src = Source::parse(target, Side::From)?;
    let desired = source(to, Side::To, c)?;
    let cmp = pgdrift::compare(&target_src, &desired, &filter(c))?;
    let opts = Options {
        unsafe_ok: false,
        from_label: target_src.display(),
        to_label: desired.display(),
        ..Options::default()
    };
    let file = PlanFile {
        version: 1,
        target: target_src.display(),
        target_fingerprint: cmp.from.fingerprint(),
        desired_label: desired.display(),
        desired: cmp.to.clone(),
        sql: emit::sql(&cmp.plan, &opts).text,
    };
    std::fs::write(out, serde_json::to_string_pretty(&file)?).with_context(|| format!("writing {}", out.display()))?;
    print!("{}", emit::summary::summary(&cmp.plan, false, colour()));
    Ok(if cmp.plan.is_empty() { 0 } else { 2 })
}

/// `pgdrift apply --target URL (--to SOURCE | --plan FILE)`.
pub fn apply(
    target: &str,
    desired: &Desired,
    dry_run: bool,
    yes: bool,
    opts: &pgdrift::apply::ApplyOptions,
    c: &Common,
) -> anyhow::Result<u8> {
    let target_src = Source::parse(target, Side::From)?;
    if target_src.is_sqlite() {
        let Desired::Source(to) = desired else { bail!("--plan files are for PostgreSQL targets; use --to") };
        return crate::cli_sqlite::apply(&target_src, &source(to, Side::To, c)?, dry_run, yes, opts.unsafe_ok, c);
    }
    let Source::Postgres(info) = &target_src else {
        bail!("--target must be a PostgreSQL connection string or a SQLite database")
    };
    // Every connection to the target carries the timeouts: no read or statement waits past them.
    let info = &pgdrift::apply::bounded(info, opts);
    let target_src = Source::Postgres(Box::new(info.clone()));
    let f = filter(c);
    let (cmp, desired) = match desired {
        Desired::Source(to) => {
            let desired = source(to, Side::To, c)?;
            (pgdrift::compare(&target_src, &desired, &f)?, desired.display())
        }
        Desired::PlanFile(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
            let file: PlanFile = serde_json::from_str(&text)
                .with_context(|| format!("{} is not a pgdrift plan file", path.display()))?;
            let (now, _) = pgdrift::inspect::inspect(&target_src, &f, Side::From)?;
            if now.fingerprint() != file.target_fingerprint {
                bail!(
                    "stale plan: {} changed since the plan was made (fingerprint {} now, {} planned); nothing was changed",
                    target_src.display(),
                    &now.fingerprint()[..12],
                    &file.target_fingerprint[..12.min(file.target_fingerprint.len())]
                );
            }
            let plan = pgdrift::plan_between(&now, &file.desired)?;
            let cmp = pgdrift::Comparison {
                from: now,
                to: file.desired,
                plan,
                stats: Default::default(),
                timings: Default::default(),
                notes: vec![],
            };
            (cmp, file.desired_label)
        }
    };
    if !cmp.plan.unmodelled.is_empty() {
        for u in &cmp.plan.unmodelled {
            eprintln!("pgdrift: {u}");
        }
        bail!("refusing to apply: differences in object kinds pgdrift does not model yet (listed above)");
    }
    let mut cmp = cmp;
    if opts.online {
        cmp.plan = pgdrift::plan::online::online(std::mem::take(&mut cmp.plan), &cmp.from);
    }
    if cmp.plan.steps.is_empty() {
        println!("{}: in sync with {desired}", target_src.display());
        return Ok(0);
    }
    println!("Plan for {} -> {desired}:", target_src.display());
    print!("{}", emit::summary::summary(&cmp.plan, opts.unsafe_ok, colour()));
    if dry_run {
        return Ok(2);
    }
    if !yes {
        if !std::io::stdin().is_terminal() {
            bail!("refusing to apply without confirmation: pass --yes (stdin is not a terminal)");
        }
        print!("Apply these changes? [y/N] ");
        std::io::stdout().flush()?;
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            bail!("not applied");
        }
    }
    let done = pgdrift::apply::execute(info, &cmp.plan, &cmp.to, &f, &cmp.from.fingerprint(), opts)?;
    println!(
        "applied {} statement(s){}; fingerprint {} -> {}",
        done.statements,
        if done.withheld > 0 { format!(", {} withheld as unsafe", done.withheld) } else { String::new() },
        &done.fingerprint_before[..12],
        &done.fingerprint_after[..12]
    );
    Ok(if done.withheld > 0 { 3 } else { 0 })
}

/// `pgdrift history URL`.
pub fn history(target: &str) -> anyhow::Result<u8> {
    let Source::Postgres(info) = Source::parse(target, Side::From)? else {
        bail!("history needs a PostgreSQL connection string")
    };
    let rows = pgdrift::apply::history(&info)?;
    if rows.is_empty() {
        println!("no applies recorded");
    }
    for r in rows {
        let short = |f: &str| f.chars().take(12).collect::<String>();
        println!(
            "{}  {}  pgdrift {}  {} -> {}  {} statement(s)",
            r.applied_at,
            r.applied_by,
            r.version,
            short(&r.fingerprint_before),
            short(&r.fingerprint_after),
            r.statements
        );
    }
    Ok(0)
}

/// Civil UTC date-time as YYYYMMDDHHMMSS (no time zone database needed).
fn timestamp() -> String {
    let secs =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}{m:02}{d:02}{:02}{:02}{:02}", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// `pgdrift migration new NAME --from --to`.
pub fn migration_new(
    name: &str,
    from: &str,
    to: &str,
    dir: &std::path::Path,
    unsafe_ok: bool,
    c: &Common,
) -> anyhow::Result<u8> {
    if name.is_empty() || !name.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-') {
        bail!("migration name {name:?} must be letters, digits, '_' or '-'");
    }
    let from = source(from, Side::From, c)?;
    let to = source(to, Side::To, c)?;
    let cmp = pgdrift::compare(&from, &to, &filter(c))?;
    if !cmp.plan.unmodelled.is_empty() {
        bail!("differences in object kinds pgdrift does not model yet; run pgdrift FROM TO to see them");
    }
    if cmp.plan.steps.is_empty() {
        println!("no differences: no migration written");
        return Ok(0);
    }
    let opts = Options { unsafe_ok, from_label: from.display(), to_label: to.display(), ..Options::default() };
    let script = emit::sql(&cmp.plan, &opts);
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let path = dir.join(format!("{}_{name}.sql", timestamp()));
    std::fs::write(&path, &script.text).with_context(|| format!("writing {}", path.display()))?;
    println!("{}", path.display());
    Ok(if script.withheld > 0 { 3 } else { 2 })
}

/// `pgdrift check FROM TO`.
pub fn check(
    from: &str,
    to: &str,
    format: ReportFormat,
    report: Option<&std::path::Path>,
    fail_on: pgdrift::hazard::Severity,
    c: &Common,
) -> anyhow::Result<u8> {
    use pgdrift::emit::report;
    let from = source(from, Side::From, c)?;
    let to = source(to, Side::To, c)?;
    if from.is_sqlite() {
        return crate::cli_sqlite::check(&from, &to, format, report, fail_on, c);
    }
    let cmp = pgdrift::compare(&from, &to, &filter(c))?;
    profile_hint(&cmp, c);
    let md = report::markdown(&cmp.plan, &from.display(), &to.display());
    if let Some(path) = report {
        std::fs::write(path, &md).with_context(|| format!("writing {}", path.display()))?;
    }
    let worst = report::worst(&cmp.plan);
    let failed = worst.is_some_and(|w| w >= fail_on);
    match format {
        ReportFormat::Text => write_out(&report::text(&cmp.plan))?,
        ReportFormat::Markdown => write_out(&md)?,
        ReportFormat::Json => {
            let v = serde_json::json!({
                "version": 1,
                "in_sync": cmp.plan.is_empty(),
                "worst_severity": worst.map(|w| w.label()),
                "fail_on": fail_on.label(),
                "failed": failed,
                "from_fingerprint": cmp.from.fingerprint(),
                "to_fingerprint": cmp.to.fingerprint(),
                "plan": serde_json::from_str::<serde_json::Value>(&emit::json(&cmp.plan))?,
            });
            write_out(&format!("{}\n", serde_json::to_string_pretty(&v)?))?;
        }
    }
    Ok(if failed { 2 } else { 0 })
}

/// `pgdrift codegen python SOURCE --out PATH [--check]`.
pub fn codegen_python(arg: &str, out: &std::path::Path, check: bool, c: &Common) -> anyhow::Result<u8> {
    use pgdrift::codegen::python::{generate, Layout};
    let src = source(arg, Side::From, c)?;
    let (cat, _) = pgdrift::inspect::inspect(&src, &filter(c), Side::From)?;
    let package = out.is_dir() || out.to_string_lossy().ends_with('/') || out.extension().is_none();
    let (layout, dir, module) = if package {
        (Layout::Package, out.to_path_buf(), String::new())
    } else {
        let stem = out.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "db_types".into());
        (Layout::Module, out.parent().map(|p| p.to_path_buf()).unwrap_or_default(), stem)
    };
    let files = generate(&cat, layout, &module);
    if check {
        let mut stale = false;
        for (name, text) in &files {
            let path = dir.join(name);
            let current = std::fs::read_to_string(&path).unwrap_or_default();
            if current != *text {
                stale = true;
                let shown = path.display().to_string();
                let diff = similar::TextDiff::from_lines(&current, text);
                print!("{}", diff.unified_diff().header(&shown, &format!("{shown} (generated)")));
            }
        }
        if stale {
            eprintln!("pgdrift: generated Python types are stale: regenerate with pgdrift codegen python");
        }
        return Ok(if stale { 2 } else { 0 });
    }
    if !dir.as_os_str().is_empty() {
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    for (name, text) in &files {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        println!("{}", path.display());
    }
    Ok(0)
}
