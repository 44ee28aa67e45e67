//! The `pgdrift` command line: argument parsing, output and exit codes only.

mod choices;
mod cli_sqlite;
mod commands;
mod output;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Print the SQL that turns database FROM into database TO.
///
/// Sources: postgresql:// URLs, libpq key=value strings, EMPTY, a .sql file or a directory of them
/// (loaded into a scratch database), or a JSON snapshot from `pgdrift inspect --format json`.
///
/// Exit status: 0 no differences, 2 differences printed, 3 some statements withheld as unsafe,
/// 1 error (including differences in object kinds pgdrift does not model yet).
#[derive(Parser, Debug)]
#[command(name = "pgdrift", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The database to change.
    from: Option<String>,
    /// The database to match.
    to: Option<String>,
    #[command(flatten)]
    diff: DiffArgs,
    #[command(flatten)]
    common: Common,
}

/// Options shared by every command that reads sources.
#[derive(clap::Args, Debug, Clone)]
pub struct Common {
    /// Only compare this schema (repeatable).
    #[arg(long = "schema", value_name = "NAME", global = true)]
    schemas: Vec<String>,
    /// Ignore this schema (repeatable). The `pgdrift` schema (apply history) is always ignored.
    #[arg(long = "exclude-schema", value_name = "NAME", global = true)]
    exclude_schemas: Vec<String>,
    /// Server where scratch databases for SQL-file sources may be created and dropped. Without it a
    /// private PostgreSQL cluster is started from the local initdb/pg_ctl.
    #[arg(long, env = "PGDRIFT_DEV_URL", value_name = "URL", global = true)]
    dev_url: Option<String>,
    /// Dialect of .sql sources: postgres (loaded into a scratch database) or sqlite (loaded into an
    /// in-memory SQLite database). `sqlite:` prefixes and .db/.sqlite/.sqlite3 files are always SQLite.
    #[arg(long, value_enum, default_value = "postgres", global = true)]
    dialect: DialectArg,
    /// Also compare owners (ALTER .. OWNER TO); off by default since most pipelines run as one role.
    #[arg(long, global = true)]
    with_owners: bool,
    /// Plan a rename instead of a drop and a create (repeatable): OLD=NEW with OLD as schema.table (or a
    /// view, sequence, index), schema.table.column (or a constraint, or schema.enum.value); NEW as the
    /// whole new name or its last part.
    #[arg(long = "rename", value_name = "OLD=NEW", value_parser = choices::rename, global = true)]
    renames: Vec<(String, String)>,
    /// Renames nobody declared: off, suggest (name them, plan stays drop + create) or auto (plan the
    /// unambiguous ones as renames).
    #[arg(long = "renames", value_parser = choices::rename_mode(), default_value = "suggest", global = true)]
    rename_mode: pgdrift::pg::rename::RenameMode,
    /// Also compare roles (attributes, settings, memberships; never passwords). Roles are cluster-wide:
    /// without it, a role TO needs that FROM's cluster lacks is an error naming it.
    #[arg(long, global = true)]
    with_roles: bool,
    /// Print the values of secret options (passwords, keys, tokens of wrappers, servers and user mappings)
    /// instead of psql variables that supply them; off by default: secrets are compared by digest
    #[arg(long, global = true)]
    show_secrets: bool,
    /// Leave a platform's own objects alone (supabase: its schemas, extensions, roles' default privileges
    /// and publications), still managing user triggers and policies on auth.users, storage.objects,
    /// storage.buckets, realtime.messages and user tables' membership of supabase_realtime.
    #[arg(long, value_parser = choices::profile(), global = true)]
    profile: Option<pgdrift::profile::Profile>,
    /// Cross-dialect: compare types exactly under the mapping and count objects SQLite cannot express
    /// (enums, functions, policies, ...) as differences.
    #[arg(long, global = true)]
    strict_types: bool,
    /// Cross-dialect type mapping override, SQLITE_TYPE=POSTGRES_TYPE (repeatable), e.g. TEXT=citext.
    #[arg(long, value_name = "SQLITE=PG", global = true)]
    type_map: Vec<String>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialectArg {
    Postgres,
    Sqlite,
}

impl From<DialectArg> for pgdrift::model::Dialect {
    fn from(d: DialectArg) -> Self {
        match d {
            DialectArg::Postgres => pgdrift::model::Dialect::Postgres,
            DialectArg::Sqlite => pgdrift::model::Dialect::Sqlite,
        }
    }
}

/// Options of the diff output.
#[derive(clap::Args, Debug, Clone)]
pub struct DiffArgs {
    /// Also emit statements that lose data (drops, narrowing type changes, enum value removal).
    #[arg(long = "unsafe")]
    unsafe_ok: bool,
    /// Emit statements with these unsafe hazards only (e.g. --allow deletes-data), instead of all (--unsafe).
    #[arg(long, value_parser = choices::hazard(), value_delimiter = ',', value_name = "HAZARD")]
    allow: Vec<pgdrift::hazard::HazardKind>,
    /// Do not wrap the statements in BEGIN/COMMIT.
    #[arg(long)]
    no_transaction: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "sql")]
    format: Format,
    /// Plans for a busy database: index builds/drops CONCURRENTLY outside the transaction (verified valid),
    /// changed indexes replaced by build-new/drop-old/rename, foreign keys and checks NOT VALID then
    /// VALIDATE, SET NOT NULL through a validated check, and a lock_timeout on every statement.
    #[arg(long)]
    online: bool,
    /// Try every step that may fail (NOT NULL, new constraints, casts) against FROM's rows (read-only)
    /// and say in its hazard whether existing rows violate it. FROM must be a PostgreSQL database.
    #[arg(long)]
    check_data: bool,
    /// lock_timeout for the script's statements (default with --online: 5s).
    #[arg(long, value_name = "DURATION")]
    lock_timeout: Option<String>,
    /// Print inspection statistics (catalog queries per side, object counts, timings) to stderr.
    #[arg(long)]
    stats: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Sql,
    Json,
    /// Like a plan: one line per change with hazards, then counts.
    Summary,
    /// A report for a PR comment: what differs, grouped by object kind, with severities.
    Markdown,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print a source's model as JSON (a snapshot usable as a source) or as a full creation script.
    Inspect {
        source: String,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// SHA-256 of the normalized model: equal schemas on different servers give equal fingerprints.
    Fingerprint { source: String },
    /// Bring --target to the state of --to in one verified transaction.
    Apply {
        /// The database to change.
        #[arg(long)]
        target: String,
        /// The desired state (a database, SQL files, a snapshot).
        #[arg(long, required_unless_present = "plan", conflicts_with = "plan")]
        to: Option<String>,
        /// A plan file from `pgdrift plan --out`: refused if the target changed since (stale plan).
        #[arg(long)]
        plan: Option<std::path::PathBuf>,
        /// Only print the plan.
        #[arg(long)]
        dry_run: bool,
        /// Apply without asking.
        #[arg(long)]
        yes: bool,
        /// Also apply statements that lose data.
        #[arg(long = "unsafe")]
        unsafe_ok: bool,
        /// Apply statements with these unsafe hazards only.
        #[arg(long, value_parser = choices::hazard(), value_delimiter = ',', value_name = "HAZARD")]
        allow: Vec<pgdrift::hazard::HazardKind>,
        /// lock_timeout for the apply transaction.
        #[arg(long, default_value = "5s")]
        lock_timeout: String,
        /// statement_timeout for the apply transaction (0: none).
        #[arg(long, default_value = "0")]
        statement_timeout: String,
        /// Do not record the apply in pgdrift.history.
        #[arg(long)]
        no_history: bool,
        /// A plan for a busy database (see the diff's --online): the transactional part verified before
        /// COMMIT, then each after-commit step (CONCURRENTLY builds checked valid, VALIDATE), then the
        /// whole target re-inspected.
        #[arg(long)]
        online: bool,
    },
    /// Drift check for CI: no SQL, a verdict. Exit 0 in sync, 2 drift at or above --fail-on, 1 error.
    Check {
        from: String,
        to: String,
        /// Verdict format on stdout.
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFormat,
        /// Also write a Markdown report to this file.
        #[arg(long, value_name = "FILE")]
        report: Option<std::path::PathBuf>,
        /// Lowest severity that fails the check.
        #[arg(long, value_parser = choices::severity(), default_value = "low")]
        fail_on: pgdrift::hazard::Severity,
    },
    /// Write a reviewable plan file for a later `apply --plan` (records the target's fingerprint).
    Plan {
        #[arg(long)]
        target: String,
        #[arg(long)]
        to: String,
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
    },
    /// Generate code from a source's schema.
    #[command(subcommand)]
    Codegen(CodegenCommand),
    /// List the applies recorded in a database's pgdrift.history.
    History { target: String },
    /// Versioned migration files.
    #[command(subcommand)]
    Migration(MigrationCommand),
    /// Bring two databases (SQLite or PostgreSQL, either way round) into step: prints the script(s), and
    /// applies them with --yes.
    Sync {
        a: String,
        b: String,
        /// a-wins: make B match A; b-wins: make A match B; merge: additive in both directions.
        #[arg(long, value_enum)]
        strategy: cli_sqlite::Strategy,
        /// Apply the scripts.
        #[arg(long)]
        yes: bool,
        /// Include statements that lose data.
        #[arg(long = "unsafe")]
        unsafe_ok: bool,
    },
}

#[derive(Subcommand, Debug)]
enum CodegenCommand {
    /// Python Enums and TypedDicts (rows, inserts, updates) for the schema.
    Python {
        source: String,
        /// A .py file (one module) or a directory (a package: enums.py, tables.py, __init__.py).
        #[arg(long)]
        out: std::path::PathBuf,
        /// Do not write: exit 2 with a unified diff when the files on disk are stale, 0 when current.
        #[arg(long)]
        check: bool,
    },
}

#[derive(Subcommand, Debug)]
enum MigrationCommand {
    /// Write <YYYYMMDDHHMMSS>_<name>.sql with the SQL turning --from into --to.
    New {
        name: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long, default_value = "migrations")]
        dir: std::path::PathBuf,
        /// Include statements that lose data.
        #[arg(long = "unsafe")]
        unsafe_ok: bool,
    },
}

fn main() -> ExitCode {
    let _ = ctrlc::set_handler(|| {
        pgdrift::source::cleanup::mark_interrupted();
        eprintln!("pgdrift: interrupted; removing scratch databases and clusters");
        pgdrift::source::cleanup::run_all();
        std::process::exit(130);
    });
    let cli = Cli::parse();
    let result = match &cli.command {
        None => match (&cli.from, &cli.to) {
            (Some(from), Some(to)) => commands::diff(from, to, &cli.diff, &cli.common),
            _ => Err(anyhow::anyhow!("FROM and TO are required (see pgdrift --help)")),
        },
        Some(Command::Inspect { source, format }) => commands::inspect(source, *format, &cli.common),
        Some(Command::Fingerprint { source }) => commands::fingerprint(source, &cli.common),
        Some(Command::Plan { target, to, out }) => commands::plan_file(target, to, out, &cli.common),
        Some(Command::Apply {
            target,
            to,
            plan,
            dry_run,
            yes,
            unsafe_ok,
            allow,
            lock_timeout,
            statement_timeout,
            no_history,
            online,
        }) => {
            let opts = pgdrift::apply::ApplyOptions {
                unsafe_ok: *unsafe_ok,
                allow: allow.clone(),
                lock_timeout: lock_timeout.clone(),
                statement_timeout: statement_timeout.clone(),
                history: !no_history,
                online: *online,
            };
            let desired = match (to, plan) {
                (Some(to), _) => commands::Desired::Source(to.clone()),
                (None, Some(p)) => commands::Desired::PlanFile(p.clone()),
                (None, None) => commands::Desired::Source(String::new()),
            };
            commands::apply(target, &desired, *dry_run, *yes, &opts, &cli.common)
        }
        Some(Command::History { target }) => commands::history(target),
        Some(Command::Codegen(CodegenCommand::Python { source, out, check })) => {
            commands::codegen_python(source, out, *check, &cli.common)
        }
        Some(Command::Check { from, to, format, report, fail_on }) => {
            commands::check(from, to, *format, report.as_deref(), *fail_on, &cli.common)
        }
        Some(Command::Sync { a, b, strategy, yes, unsafe_ok }) => {
            cli_sqlite::sync(a, b, *strategy, *yes, *unsafe_ok, &cli.common)
        }
        Some(Command::Migration(MigrationCommand::New { name, from, to, dir, unsafe_ok })) => {
            commands::migration_new(name, from, to, dir, *unsafe_ok, &cli.common)
        }
    };
    if pgdrift::source::cleanup::interrupted() {
        // The signal handler is cleaning up and will exit with 130; errors seen here are its doing.
        loop {
            std::thread::park();
        }
    }
    pgdrift::source::cleanup::run_all();
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("pgdrift: error: {e:#}");
            ExitCode::from(1)
        }
    }
}
