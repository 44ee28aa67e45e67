//! `apply`: bring a target database to a desired state in one verified transaction, guarded by an
//! advisory lock, with lock/statement timeouts, and recorded in `pgdrift.history`.

use crate::emit::pg::{render, withheld_reasons_allowing};
use crate::error::{describe_pg_error, Error, Result};
use crate::inspect::Filter;
use crate::model::{Catalog, ObjectId};
use crate::plan::Plan;
use crate::source::{connect, ConnInfo, Side};
use std::collections::BTreeSet;

/// Settings of one apply.
#[derive(Clone, Debug)]
pub struct ApplyOptions {
    pub unsafe_ok: bool,
    /// Unsafe hazard kinds permitted individually.
    pub allow: Vec<crate::hazard::HazardKind>,
    pub lock_timeout: String,
    pub statement_timeout: String,
    pub history: bool,
    /// The plan is rewritten for a busy database (`plan::online`): some steps run after COMMIT.
    pub online: bool,
}

/// What an apply did.
#[derive(Clone, Debug)]
pub struct Applied {
    pub statements: usize,
    pub withheld: usize,
    pub fingerprint_before: String,
    pub fingerprint_after: String,
}

/// Advisory lock key: two applies on one database never interleave ("pgdrift" as an integer).
const LOCK_KEY: i64 = 0x0070_6764_7269_6674;

const HISTORY: &str = "CREATE SCHEMA IF NOT EXISTS pgdrift;
CREATE TABLE IF NOT EXISTS pgdrift.history (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now(),
    applied_by text NOT NULL DEFAULT current_user,
    pgdrift_version text NOT NULL,
    fingerprint_before text NOT NULL,
    fingerprint_after text NOT NULL,
    statement_count integer NOT NULL,
    statements text NOT NULL
)";

/// The target's connection with the apply's timeouts as session settings (libpq `options`), so that every
/// wait of the command is bounded by them: the reads of the target before the transaction, the advisory
/// lock, the statements and the verification.
pub fn bounded(target: &ConnInfo, opts: &ApplyOptions) -> ConnInfo {
    let mut info = target.clone();
    let escape = |v: &str| v.replace('\\', "\\\\").replace(' ', "\\ ");
    let mut options = info.config.get_options().unwrap_or_default().to_string();
    for (name, value) in [("lock_timeout", &opts.lock_timeout), ("statement_timeout", &opts.statement_timeout)] {
        if !options.is_empty() {
            options.push(' ');
        }
        options.push_str(&format!("-c {name}={}", escape(value)));
    }
    info.config.options(&options);
    info
}

fn exec_err(context: &str, e: &postgres::Error) -> Error {
    Error::Execute { context: context.to_string(), cause: describe_pg_error(e) }
}

/// Run `plan` (computed from the state with `target_fingerprint` to `desired`) against the target.
pub fn execute(
    target: &ConnInfo,
    plan: &Plan,
    desired: &Catalog,
    filter: &Filter,
    target_fingerprint: &str,
    opts: &ApplyOptions,
) -> Result<Applied> {
    let reasons = withheld_reasons_allowing(plan, opts.unsafe_ok, &opts.allow);
    let secrets = secret_values(plan, &reasons)?;
    let mut client = connect(target, Side::To)?;
    let mut tx = client.transaction().map_err(|e| exec_err("BEGIN", &e))?;
    let locked: bool = tx
        .query_one("SELECT pg_try_advisory_xact_lock($1)", &[&LOCK_KEY])
        .map_err(|e| exec_err("advisory lock", &e))?
        .get(0);
    if !locked {
        return Err(Error::Execute {
            context: "apply".into(),
            cause: "another pgdrift apply is running on this database (advisory lock held); nothing was changed".into(),
        });
    }
    tx.batch_execute(&format!(
        "SET LOCAL lock_timeout = {}; SET LOCAL statement_timeout = {}",
        crate::model::Literal(&opts.lock_timeout),
        crate::model::Literal(&opts.statement_timeout)
    ))
    .map_err(|e| exec_err("setting timeouts", &e))?;
    if crate::emit::pg::needs_unchecked_bodies(plan) {
        tx.batch_execute("SET LOCAL check_function_bodies = off").map_err(|e| exec_err("check_function_bodies", &e))?;
    }
    // The state must not have moved since it was planned.
    let (now, _) =
        crate::pg::inspect::inspect_in(&mut tx, filter).map_err(|f| f.into_error(Side::To, &target.display()))?;
    if now.fingerprint() != target_fingerprint {
        return Err(Error::Execute {
            context: "apply".into(),
            cause: "the target changed since it was planned (stale plan); nothing was changed".into(),
        });
    }
    let mut applied = Vec::new();
    let mut later = Vec::new();
    for (step, reason) in plan.steps.iter().zip(&reasons) {
        if reason.is_some() {
            continue;
        }
        for sql in render(&step.change.op) {
            if step.transactional {
                // Secrets are put in only to run: history and errors keep the psql variables.
                tx.batch_execute(&with_secrets(&sql, &secrets))
                    .map_err(|e| exec_err(&format!("{sql} (rolled back, nothing was changed)"), &e))?;
                applied.push(sql);
            } else {
                later.push(sql);
            }
        }
    }
    // Verify inside the transaction: what is left must be exactly what was withheld (or what runs after
    // COMMIT); otherwise roll back.
    let (after, _) =
        crate::pg::inspect::inspect_in(&mut tx, filter).map_err(|f| f.into_error(Side::To, &target.display()))?;
    let rest = crate::plan_between(&after, desired)?;
    // What the steps after COMMIT will do may still differ now (an index not built yet, a constraint not
    // validated yet); nothing else may.
    let after_commit: BTreeSet<&ObjectId> = plan
        .steps
        .iter()
        .zip(&reasons)
        .filter(|(s, r)| r.is_none() && !s.transactional)
        .flat_map(|(s, _)| s.change.objects())
        .collect();
    let pending = still_pending(&rest, opts, Some(&after_commit));
    if !pending.is_empty() || !rest.unmodelled.is_empty() {
        return Err(Error::Execute {
            context: "verification".into(),
            cause: format!(
                "after the plan the target still differs ({}); rolled back, nothing was changed",
                pending.join(", ")
            ),
        });
    }
    let mut fingerprint_after = after.fingerprint();
    if opts.history {
        record_history(&mut tx, target_fingerprint, &fingerprint_after, &applied)?;
    }
    tx.commit().map_err(|e| exec_err("COMMIT", &e))?;
    run_after_commit(&mut client, &later, &mut applied)?;
    if !later.is_empty() {
        // Verify the statements that ran outside the transaction: nothing but withheld changes may remain.
        let (now, _) =
            crate::pg::inspect::inspect(&mut client, filter).map_err(|f| f.into_error(Side::To, &target.display()))?;
        let pending = still_pending(&crate::plan_between(&now, desired)?, opts, None);
        if !pending.is_empty() {
            return Err(Error::Execute {
                context: "verification after COMMIT".into(),
                cause: format!(
                    "the transactional part is applied but the target still differs ({})",
                    pending.join(", ")
                ),
            });
        }
        fingerprint_after = now.fingerprint();
    }
    Ok(Applied {
        statements: applied.len(),
        withheld: reasons.iter().filter(|r| r.is_some()).count(),
        fingerprint_before: target_fingerprint.to_string(),
        fingerprint_after,
    })
}

/// The changes of `rest` (what still differs) that are not withheld. Inside the transaction
/// (`after_commit`: the objects of the plan's after-commit steps), only transactional changes that the
/// after-commit steps will not make count; after COMMIT (`None`), every one does.
fn still_pending(rest: &Plan, opts: &ApplyOptions, after_commit: Option<&BTreeSet<&ObjectId>>) -> Vec<String> {
    let expected = |s: &crate::plan::Step| match after_commit {
        Some(set) => !s.transactional || s.change.objects().all(|o| set.contains(o)),
        None => false,
    };
    rest.steps
        .iter()
        .zip(withheld_reasons_allowing(rest, opts.unsafe_ok, &opts.allow))
        .filter(|(s, r)| r.is_none() && !expected(s))
        .map(|(s, _)| s.change.id.to_string())
        .collect()
}

/// The values of the secret options the plan's applied steps need, from `PGDRIFT_SECRET_..` environment
/// variables; one missing is an error naming every missing variable, before anything is changed.
fn secret_values(plan: &Plan, reasons: &[Option<String>]) -> Result<Vec<(String, String)>> {
    let needed: BTreeSet<String> = plan
        .steps
        .iter()
        .zip(reasons)
        .filter(|(_, r)| r.is_none())
        .flat_map(|(s, _)| s.change.op.secret_variables())
        .collect();
    let mut values = Vec::new();
    let mut missing = Vec::new();
    for v in needed {
        let env = crate::pg::options::environment_variable(&v);
        match std::env::var(&env) {
            Ok(value) => values.push((v, value)),
            Err(_) => missing.push(env),
        }
    }
    if !missing.is_empty() {
        return Err(Error::Execute {
            context: "apply".into(),
            cause: format!(
                "the plan sets secret options pgdrift does not print: set {} (or plan with --show-secrets); nothing was changed",
                missing.join(", ")
            ),
        });
    }
    Ok(values)
}

/// A statement with its secret psql variables replaced by their values.
fn with_secrets(sql: &str, secrets: &[(String, String)]) -> String {
    let mut out = sql.to_string();
    for (var, value) in secrets {
        out = out.replace(&format!(":'{var}'"), &crate::model::Literal(value).to_string());
    }
    out
}

fn record_history(tx: &mut postgres::Transaction<'_>, before: &str, after: &str, applied: &[String]) -> Result<()> {
    tx.batch_execute(HISTORY).map_err(|e| exec_err("recording history", &e))?;
    tx.execute(
        "INSERT INTO pgdrift.history (pgdrift_version, fingerprint_before, fingerprint_after, statement_count, \
         statements) VALUES ($1, $2, $3, $4, $5)",
        &[&env!("CARGO_PKG_VERSION"), &before, &after, &(applied.len() as i32), &applied.join("\n")],
    )
    .map_err(|e| exec_err("recording history", &e))?;
    Ok(())
}

/// The statements that run after COMMIT, one by one; a failure names what is applied and what remains.
fn run_after_commit(client: &mut postgres::Client, later: &[String], applied: &mut Vec<String>) -> Result<()> {
    for (i, sql) in later.iter().enumerate() {
        if let Err(e) = client.batch_execute(sql) {
            let remaining = later.len() - i;
            return Err(Error::Execute {
                context: format!(
                    "after COMMIT: the transactional part ({} statement(s)) and {i} of {} later statement(s) are \
                     applied; {remaining} remain ({})",
                    applied.len() - i,
                    later.len(),
                    later[i..].iter().map(|s| s.lines().next().unwrap_or(s)).collect::<Vec<_>>().join(" ")
                ),
                cause: describe_pg_error(&e),
            });
        }
        applied.push(sql.clone());
    }
    Ok(())
}

/// One row of `pgdrift.history`.
#[derive(Clone, Debug)]
pub struct HistoryRow {
    pub applied_at: String,
    pub applied_by: String,
    pub version: String,
    pub fingerprint_before: String,
    pub fingerprint_after: String,
    pub statements: usize,
}

/// Rows of `pgdrift.history`, newest first.
pub fn history(target: &ConnInfo) -> Result<Vec<HistoryRow>> {
    let mut c = connect(target, Side::From)?;
    let exists: bool = c
        .query_one("SELECT to_regclass('pgdrift.history') IS NOT NULL", &[])
        .map_err(|e| exec_err("history", &e))?
        .get(0);
    if !exists {
        return Ok(Vec::new());
    }
    let rows = c
        .query(
            "SELECT applied_at::text, applied_by, pgdrift_version, fingerprint_before, fingerprint_after, \
             statement_count FROM pgdrift.history ORDER BY id DESC",
            &[],
        )
        .map_err(|e| exec_err("history", &e))?;
    Ok(rows
        .iter()
        .map(|r| HistoryRow {
            applied_at: r.get(0),
            applied_by: r.get(1),
            version: r.get(2),
            fingerprint_before: r.get(3),
            fingerprint_after: r.get(4),
            statements: r.get::<_, i32>(5).max(0) as usize,
        })
        .collect())
}
