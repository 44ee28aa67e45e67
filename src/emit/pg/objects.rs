//! SQL for schemas, extensions, enums, sequences, indexes and comments.

use crate::diff::change::AttributeAction;
use crate::diff::{CommentTarget, DomainAction, Op};
use crate::model::*;
use std::fmt::Write;

/// Default MINVALUE, MAXVALUE and START of a sequence of `data_type` with `increment`.
fn seq_defaults(data_type: &str, increment: i64) -> (i64, i64, i64) {
    let (lo, hi) = super::sequence::type_range(data_type);
    if increment > 0 {
        (1, hi, 1)
    } else {
        (lo, -1, -1)
    }
}

/// Sequence options that differ from `base` (all non-default ones when `base` is None).
pub(super) fn seq_options(data_type: &str, o: &SeqOptions, base: Option<&SeqOptions>) -> String {
    let (dmin, dmax, dstart) = seq_defaults(data_type, o.increment);
    let def = SeqOptions { start: dstart, increment: 1, min: dmin, max: dmax, cache: 1, cycle: false };
    let base = base.unwrap_or(&def);
    let mut s = String::new();
    if o.increment != base.increment {
        let _ = write!(s, " INCREMENT BY {}", o.increment);
    }
    if o.min != base.min {
        let _ = write!(s, " MINVALUE {}", o.min);
    }
    if o.max != base.max {
        let _ = write!(s, " MAXVALUE {}", o.max);
    }
    if o.start != base.start {
        let _ = write!(s, " START WITH {}", o.start);
    }
    if o.cache != base.cache {
        let _ = write!(s, " CACHE {}", o.cache);
    }
    if o.cycle != base.cycle {
        s.push_str(if o.cycle { " CYCLE" } else { " NO CYCLE" });
    }
    s
}

fn labels(e: &EnumType) -> String {
    e.labels.iter().map(|l| Literal(l).to_string()).collect::<Vec<_>>().join(", ")
}

pub(super) fn render(op: &Op) -> Option<Vec<String>> {
    let one = |s: String| Some(vec![s]);
    match op {
        Op::CreateSchema(s) => one(format!("CREATE SCHEMA {};", Ident(&s.name))),
        Op::DropSchema(s) => one(format!("DROP SCHEMA {};", Ident(s))),
        Op::CreateExtension(e) => one(format!(
            "CREATE EXTENSION {} WITH SCHEMA {} VERSION {};",
            Ident(&e.name),
            Ident(&e.schema),
            Literal(&e.version)
        )),
        Op::DropExtension(e) => one(format!("DROP EXTENSION {};", Ident(e))),
        Op::UpdateExtension { name, version } => {
            one(format!("ALTER EXTENSION {} UPDATE TO {};", Ident(name), Literal(version)))
        }
        Op::SetExtensionSchema { name, schema } => {
            one(format!("ALTER EXTENSION {} SET SCHEMA {};", Ident(name), Ident(schema)))
        }
        Op::CreateEnum(e) => one(format!("CREATE TYPE {} AS ENUM ({});", e.name.sql(), labels(e))),
        Op::DropEnum(q) => one(format!("DROP TYPE {};", q.sql())),
        Op::AddEnumValue { name, label, before, after } => {
            let pos = match (before, after) {
                (Some(b), _) => format!(" BEFORE {}", Literal(b)),
                (None, Some(a)) => format!(" AFTER {}", Literal(a)),
                _ => String::new(),
            };
            one(format!("ALTER TYPE {} ADD VALUE {}{pos};", name.sql(), Literal(label)))
        }
        Op::RebuildEnum { target, columns } => Some(rebuild_enum(target, columns)),
        Op::RebuildDomain { target, columns } => Some(rebuild_domain(target, columns)),
        Op::RebuildComposite { target, kept, columns } => Some(rebuild_composite(target, kept, columns)),
        Op::RebuildCollation { target, columns } => {
            let q = &target.name;
            let old = QName::new(&q.schema, old_name(&q.name));
            let mut v = vec![
                format!("ALTER COLLATION {} RENAME TO {};", q.sql(), Ident(&old.name)),
                create_collation(target),
            ];
            retype_columns(&mut v, columns, |c, _| format!("{} COLLATE {}", c.data_type, q.sql()));
            v.push(format!("DROP COLLATION {};", old.sql()));
            Some(v)
        }
        Op::CreateSequence(s) => one(format!(
            "CREATE {}SEQUENCE {} AS {}{};",
            if s.unlogged { "UNLOGGED " } else { "" },
            s.name.sql(),
            s.data_type,
            seq_options(&s.data_type, &s.options, None)
        )),
        Op::DropSequence(q) => one(format!("DROP SEQUENCE {};", q.sql())),
        Op::AlterSequence { name, data_type, from_type, from, to } => {
            Some(super::sequence::alter_sequence(name, data_type.as_deref(), from_type, from, to))
        }
        Op::SetSequenceLogged { name, unlogged } => {
            one(format!("ALTER SEQUENCE {} SET {};", name.sql(), if *unlogged { "UNLOGGED" } else { "LOGGED" }))
        }
        Op::SetSequenceOwner { name, owned_by } => {
            let owner = match owned_by {
                Some((t, c)) => format!("{}.{}", t.sql(), Ident(c)),
                None => "NONE".into(),
            };
            one(format!("ALTER SEQUENCE {} OWNED BY {owner};", name.sql()))
        }
        Op::CreateIndex(i) => one(format!("{};", i.definition)),
        Op::CreateView(v) => {
            let with = if v.options.is_empty() { String::new() } else { format!(" WITH ({})", v.options.join(", ")) };
            if v.materialized {
                one(format!("CREATE MATERIALIZED VIEW {}{with} AS\n{}\nWITH DATA;", v.name.sql(), v.definition))
            } else {
                one(format!("CREATE VIEW {}{with} AS\n{};", v.name.sql(), v.definition))
            }
        }
        Op::DropView { name, materialized } => {
            one(format!("DROP {}VIEW {};", if *materialized { "MATERIALIZED " } else { "" }, name.sql()))
        }
        Op::CreateDomain(d) => Some(create_domain(d)),
        Op::SetRowSecurity { table, enabled, forced } => {
            let mut v = Vec::new();
            if let Some(e) = enabled {
                v.push(format!(
                    "ALTER TABLE {} {} ROW LEVEL SECURITY;",
                    table.sql(),
                    if *e { "ENABLE" } else { "DISABLE" }
                ));
            }
            if let Some(f) = forced {
                v.push(format!(
                    "ALTER TABLE {} {} ROW LEVEL SECURITY;",
                    table.sql(),
                    if *f { "FORCE" } else { "NO FORCE" }
                ));
            }
            Some(v)
        }
        Op::CreatePolicy(p) => {
            let cmd = p.command.sql();
            let kind = if p.permissive { "PERMISSIVE" } else { "RESTRICTIVE" };
            let mut s = format!(
                "CREATE POLICY {} ON {} AS {kind} FOR {cmd} TO {}",
                Ident(&p.name),
                p.table.sql(),
                p.roles.join(", ")
            );
            s.push_str(&policy_clauses(p));
            one(format!("{s};"))
        }
        Op::DropPolicy { table, name } => one(format!("DROP POLICY {} ON {};", Ident(name), table.sql())),
        Op::AlterPolicy(p) => {
            let s = format!("ALTER POLICY {} ON {} TO {}", Ident(&p.name), p.table.sql(), p.roles.join(", "));
            one(format!("{s}{};", policy_clauses(p)))
        }
        Op::CreateComposite(t) => {
            let attrs: Vec<String> = t.attributes.iter().map(attribute).collect();
            one(format!("CREATE TYPE {} AS ({});", t.name.sql(), attrs.join(", ")))
        }
        Op::DropComposite(q) => one(format!("DROP TYPE {};", q.sql())),
        Op::CreateRange(r) => {
            let opts: String = r.options.iter().map(|o| format!(", {o}")).collect();
            one(format!("CREATE TYPE {} AS RANGE (subtype = {}{opts});", r.name.sql(), r.subtype))
        }
        Op::DropRange(q) => one(format!("DROP TYPE {};", q.sql())),
        Op::CreateAggregate(a) => one(format!(
            "CREATE AGGREGATE {}({}) ({});",
            a.name.sql(),
            crate::diff::aggregate_signature(&a.arguments),
            a.options
        )),
        Op::DropAggregate { name, identity_args } => {
            one(format!("DROP AGGREGATE {}({});", name.sql(), crate::diff::aggregate_signature(identity_args)))
        }
        Op::CreateCollation(c) => one(create_collation(c)),
        Op::DropCollation(q) => one(format!("DROP COLLATION {};", q.sql())),
        Op::AlterComposite { name, action } => {
            let what = match action {
                AttributeAction::Add(a) => format!("ADD ATTRIBUTE {}", attribute(a)),
                AttributeAction::Drop(n) => format!("DROP ATTRIBUTE {}", Ident(n)),
                AttributeAction::AlterType(a) => {
                    let coll = a.collation.as_ref().map(|c| format!(" COLLATE {c}")).unwrap_or_default();
                    format!("ALTER ATTRIBUTE {} TYPE {}{coll}", Ident(&a.name), a.data_type)
                }
            };
            one(format!("ALTER TYPE {} {what};", name.sql()))
        }
        Op::DropDomain(q) => one(format!("DROP DOMAIN {};", q.sql())),
        Op::AlterDomain { name, action } => {
            let what = match action {
                DomainAction::SetDefault(d) => format!("SET DEFAULT {d}"),
                DomainAction::DropDefault => "DROP DEFAULT".into(),
                DomainAction::SetNotNull => "SET NOT NULL".into(),
                DomainAction::DropNotNull => "DROP NOT NULL".into(),
                DomainAction::AddConstraint(c) => format!(
                    "ADD CONSTRAINT {} {}{}",
                    Ident(&c.name),
                    c.definition,
                    if c.validated { "" } else { " NOT VALID" }
                ),
                DomainAction::DropConstraint(n) => format!("DROP CONSTRAINT {}", Ident(n)),
                DomainAction::ValidateConstraint(n) => format!("VALIDATE CONSTRAINT {}", Ident(n)),
            };
            one(format!("ALTER DOMAIN {} {what};", name.sql()))
        }
        Op::CreateTrigger(t) => {
            let mut v = vec![format!("{};", t.definition)];
            if t.enabled != TriggerState::Enabled {
                v.push(trigger_state(&t.table, &t.name, t.enabled));
            }
            Some(v)
        }
        Op::DropTrigger { table, name } => one(format!("DROP TRIGGER {} ON {};", Ident(name), table.sql())),
        Op::SetTriggerState { table, name, enabled } => one(trigger_state(table, name, *enabled)),
        Op::CreateFunction(f) => one(format!("{};", f.definition.trim_end())),
        Op::DropFunction { signature, procedure } => {
            one(format!("DROP {} {signature};", if *procedure { "PROCEDURE" } else { "FUNCTION" }))
        }
        Op::DropIndex(q) => one(format!("DROP INDEX {};", q.sql())),
        Op::CreateIndexConcurrently(i) => Some(vec![
            format!("{};", i.definition.replacen(" INDEX ", " INDEX CONCURRENTLY ", 1)),
            format!(
                "DO $pgdrift$ BEGIN IF EXISTS (SELECT FROM pg_index WHERE indexrelid = {}::regclass AND NOT indisvalid) \
                 THEN RAISE EXCEPTION 'index % was built INVALID: drop it and run again', {}; END IF; END $pgdrift$;",
                Literal(&i.name.sql()),
                Literal(&i.name.sql())
            ),
        ]),
        Op::DropIndexConcurrently(q) => one(format!("DROP INDEX CONCURRENTLY {};", q.sql())),
        Op::RenameIndex { from, to } => one(format!("ALTER INDEX {} RENAME TO {};", from.sql(), Ident(to))),
        Op::Grant { on, target, grantee, privileges, grantable } => {
            let option = if *grantable { " WITH GRANT OPTION" } else { "" };
            let (privs, object) = grant_object(on, *target, privileges);
            one(format!("GRANT {privs} ON {object} TO {}{option};", role(grantee)))
        }
        Op::CreatePublication(p) => {
            let what = if p.all_tables {
                " FOR ALL TABLES".to_string()
            } else if p.tables.is_empty() {
                String::new()
            } else {
                format!(" FOR TABLE {}", p.tables.iter().map(QName::sql).collect::<Vec<_>>().join(", "))
            };
            one(format!("CREATE PUBLICATION {}{what} WITH ({});", Ident(&p.name), publication_options(p)))
        }
        Op::DropPublication(name) => one(format!("DROP PUBLICATION {};", Ident(name))),
        Op::SetPublicationOptions(p) => {
            one(format!("ALTER PUBLICATION {} SET ({});", Ident(&p.name), publication_options(p)))
        }
        Op::AlterPublicationTable { publication, table, add } => one(format!(
            "ALTER PUBLICATION {} {} TABLE {};",
            Ident(publication),
            if *add { "ADD" } else { "DROP" },
            table.sql()
        )),
        Op::CommentOnPublication(name, text) => one(format!(
            "COMMENT ON PUBLICATION {} IS {};",
            Ident(name),
            text.as_deref().map_or("NULL".to_string(), |t| Literal(t).to_string())
        )),
        Op::AlterDefaultPrivileges { role: owner, schema, objtype, grant, grantee, privileges, grantable } => {
            let scope = if schema.is_empty() { String::new() } else { format!(" IN SCHEMA {}", Ident(schema)) };
            let kind = objtype.sql();
            let privs = privileges.join(", ");
            let action = if *grant {
                let option = if *grantable { " WITH GRANT OPTION" } else { "" };
                format!("GRANT {privs} ON {kind} TO {}{option}", role(grantee))
            } else {
                format!("REVOKE {privs} ON {kind} FROM {}", role(grantee))
            };
            one(format!("ALTER DEFAULT PRIVILEGES FOR ROLE {}{scope} {action};", Ident(owner)))
        }
        Op::AlterOwner { on, class, role: owner } => {
            use crate::diff::privileges::OwnedClass as C;
            let q = QName::new(&on.schema, &on.name);
            let object = match class {
                C::Table => format!("TABLE {}", q.sql()),
                C::View => format!("VIEW {}", q.sql()),
                C::MaterializedView => format!("MATERIALIZED VIEW {}", q.sql()),
                C::Sequence => format!("SEQUENCE {}", q.sql()),
                C::Function => format!("FUNCTION {}({})", q.sql(), on.sub),
                C::Procedure => format!("PROCEDURE {}({})", q.sql(), on.sub),
                C::Aggregate => format!("AGGREGATE {}({})", q.sql(), crate::diff::aggregate_signature(&on.sub)),
                C::Schema => format!("SCHEMA {}", Ident(&on.name)),
                C::Type => format!("TYPE {}", q.sql()),
                C::Domain => format!("DOMAIN {}", q.sql()),
            };
            one(format!("ALTER {object} OWNER TO {};", Ident(owner)))
        }
        Op::Revoke { on, target, grantee, privileges } => {
            let (privs, object) = grant_object(on, *target, privileges);
            one(format!("REVOKE {privs} ON {object} FROM {};", role(grantee)))
        }
        Op::Comment { target, text } => {
            let what = match target {
                CommentTarget::Schema(s) => format!("SCHEMA {}", Ident(s)),
                CommentTarget::Extension(e) => format!("EXTENSION {}", Ident(e)),
                CommentTarget::Type(q) => format!("TYPE {}", q.sql()),
                CommentTarget::Sequence(q) => format!("SEQUENCE {}", q.sql()),
                CommentTarget::Table(q) => format!("TABLE {}", q.sql()),
                CommentTarget::Column(q, c) => format!("COLUMN {}.{}", q.sql(), Ident(c)),
                CommentTarget::Constraint(q, c) => {
                    format!("CONSTRAINT {} ON {}", Ident(c), q.sql())
                }
                CommentTarget::Index(q) => format!("INDEX {}", q.sql()),
                CommentTarget::View(q) => format!("VIEW {}", q.sql()),
                CommentTarget::MaterializedView(q) => format!("MATERIALIZED VIEW {}", q.sql()),
                CommentTarget::Domain(q) => format!("DOMAIN {}", q.sql()),
                CommentTarget::Collation(q) => format!("COLLATION {}", q.sql()),
                CommentTarget::Aggregate(sig) => format!("AGGREGATE {sig}"),
                CommentTarget::Policy(q, name) => format!("POLICY {} ON {}", Ident(name), q.sql()),
                CommentTarget::Trigger(q, name) => format!("TRIGGER {} ON {}", Ident(name), q.sql()),
                CommentTarget::Function(sig, procedure) => {
                    format!("{} {sig}", if *procedure { "PROCEDURE" } else { "FUNCTION" })
                }
            };
            let text = text.as_deref().map(|t| Literal(t).to_string()).unwrap_or_else(|| "NULL".into());
            one(format!("COMMENT ON {what} IS {text};"))
        }
        // Rendered in table.rs (every operation is named here: a new one must be placed).
        Op::CreateTable(..)
        | Op::DropTable(..)
        | Op::AttachPartition { .. }
        | Op::DetachPartition { .. }
        | Op::Inherit { .. }
        | Op::NoInherit { .. }
        | Op::SetTableLogged { .. }
        | Op::SetTableOptions { .. }
        | Op::AddColumn { .. }
        | Op::DropColumn { .. }
        | Op::AlterColumnType { .. }
        | Op::SetNotNull { .. }
        | Op::DropNotNull { .. }
        | Op::SetDefault { .. }
        | Op::DropDefault { .. }
        | Op::AddIdentity { .. }
        | Op::DropIdentity { .. }
        | Op::AlterIdentity { .. }
        | Op::SetColumnAttributes { .. }
        | Op::DropExpression { .. }
        | Op::AddConstraint { .. }
        | Op::DropConstraint { .. }
        | Op::ValidateConstraint { .. }
        | Op::SaveRows { .. }
        | Op::RestoreRows { .. }
        | Op::SetReplicaIdentity { .. } => None,
    }
}

fn trigger_state(table: &QName, name: &str, enabled: TriggerState) -> String {
    format!("ALTER TABLE {} {} {};", table.sql(), enabled.sql(), Ident(name))
}

/// The old type's temporary name: `<name>__pgdrift_old`, truncated to fit NAMEDATALEN.
fn old_name(name: &str) -> String {
    let mut base: String = name.to_string();
    while base.len() > 63 - "__pgdrift_old".len() {
        base.pop();
    }
    format!("{base}__pgdrift_old")
}

/// Convert each column of a rebuilt type: its default is dropped first and TO's set after (the old one is
/// typed by the old type); `type_using(column, quoted name)` gives `new type USING expression`.
fn retype_columns(
    out: &mut Vec<String>,
    columns: &[crate::diff::RetypedColumn],
    type_using: impl Fn(&crate::diff::RetypedColumn, &str) -> String,
) {
    for c in columns {
        let (t, col) = (c.table.sql(), Ident(&c.column).to_string());
        if c.default_before.is_some() {
            out.push(format!("ALTER TABLE {t} ALTER COLUMN {col} DROP DEFAULT;"));
        }
        out.push(format!("ALTER TABLE {t} ALTER COLUMN {col} TYPE {};", type_using(c, &col)));
        if let Some(d) = &c.default_after {
            out.push(format!("ALTER TABLE {t} ALTER COLUMN {col} SET DEFAULT {d};"));
        }
    }
}

fn rebuild_enum(target: &EnumType, columns: &[crate::diff::RetypedColumn]) -> Vec<String> {
    let q = &target.name;
    let old = QName::new(&q.schema, old_name(&q.name));
    let mut out = vec![
        format!("ALTER TYPE {} RENAME TO {};", q.sql(), Ident(&old.name)),
        format!("CREATE TYPE {} AS ENUM ({});", q.sql(), labels(target)),
    ];
    retype_columns(&mut out, columns, |c, col| {
        let (text, ty) = if c.is_array { ("text[]", format!("{}[]", q.sql())) } else { ("text", q.sql()) };
        format!("{ty} USING {col}::{text}::{ty}")
    });
    out.push(format!("DROP TYPE {};", old.sql()));
    out
}

fn create_domain(d: &Domain) -> Vec<String> {
    let mut s = format!("CREATE DOMAIN {} AS {}", d.name.sql(), d.base);
    if let Some(c) = &d.collation {
        s.push_str(&format!(" COLLATE {c}"));
    }
    if let Some(x) = &d.default {
        s.push_str(&format!(" DEFAULT {x}"));
    }
    if d.not_null {
        s.push_str(" NOT NULL");
    }
    for c in d.constraints.iter().filter(|c| c.validated) {
        s.push_str(&format!(" CONSTRAINT {} {}", Ident(&c.name), c.definition));
    }
    let mut v = vec![format!("{s};")];
    // CREATE DOMAIN has no NOT VALID: unvalidated checks are added afterwards.
    for c in d.constraints.iter().filter(|c| !c.validated) {
        let (name, def) = (Ident(&c.name), &c.definition);
        v.push(format!("ALTER DOMAIN {} ADD CONSTRAINT {name} {def} NOT VALID;", d.name.sql()));
    }
    v
}

/// ALTER DOMAIN cannot change the base type: the old domain is renamed away, the new one created under the
/// name, each column converted through the new base type (checks of the new domain run on every row).
fn rebuild_domain(target: &Domain, columns: &[crate::diff::RetypedColumn]) -> Vec<String> {
    let q = &target.name;
    let old = QName::new(&q.schema, old_name(&q.name));
    let mut out = vec![format!("ALTER DOMAIN {} RENAME TO {};", q.sql(), Ident(&old.name))];
    out.extend(create_domain(target));
    retype_columns(&mut out, columns, |c, col| {
        let arr = if c.is_array { "[]" } else { "" };
        let (base, ty) = (&target.base, q.sql());
        format!("{ty}{arr} USING {col}::{base}{arr}::{ty}{arr}")
    });
    out.push(format!("DROP DOMAIN {};", old.sql()));
    out
}

/// A composite type in a new attribute order: each value is rebuilt with ROW() from the attributes the new
/// type keeps (new ones NULL); a NULL value stays NULL (num_nulls sees the value, not its fields).
fn rebuild_composite(target: &CompositeType, kept: &[String], columns: &[crate::diff::RetypedColumn]) -> Vec<String> {
    let q = &target.name;
    let old = QName::new(&q.schema, old_name(&q.name));
    let attrs: Vec<String> = target.attributes.iter().map(attribute).collect();
    let mut out = vec![
        format!("ALTER TYPE {} RENAME TO {};", q.sql(), Ident(&old.name)),
        format!("CREATE TYPE {} AS ({});", q.sql(), attrs.join(", ")),
    ];
    retype_columns(&mut out, columns, |_, col| {
        let fields: Vec<String> = target
            .attributes
            .iter()
            .map(|a| {
                if kept.contains(&a.name) {
                    format!("({col}).{}", Ident(&a.name))
                } else {
                    format!("NULL::{}", a.data_type)
                }
            })
            .collect();
        let ty = q.sql();
        format!("{ty} USING CASE WHEN num_nulls({col}) = 1 THEN NULL ELSE ROW({})::{ty} END", fields.join(", "))
    });
    out.push(format!("DROP TYPE {};", old.sql()));
    out
}

fn policy_clauses(p: &Policy) -> String {
    let mut s = String::new();
    if let Some(u) = &p.using {
        s.push_str(&format!(" USING ({u})"));
    }
    if let Some(c) = &p.check {
        s.push_str(&format!(" WITH CHECK ({c})"));
    }
    s
}

fn attribute(a: &Attribute) -> String {
    let coll = a.collation.as_ref().map(|c| format!(" COLLATE {c}")).unwrap_or_default();
    format!("{} {}{coll}", Ident(&a.name), a.data_type)
}

/// A grantee: `PUBLIC` is a keyword, every other name a quoted role.
fn role(grantee: &str) -> String {
    if grantee == "PUBLIC" || grantee == "CURRENT_USER" {
        grantee.to_string()
    } else {
        Ident(grantee).to_string()
    }
}

/// The privilege list and the object clause of a GRANT/REVOKE (column privileges name their column).
fn grant_object(
    on: &ObjectId,
    target: crate::diff::privileges::GrantTarget,
    privileges: &[String],
) -> (String, String) {
    use crate::diff::privileges::GrantTarget as T;
    let q = QName::new(&on.schema, &on.name);
    match target {
        T::Column => {
            let privs: Vec<String> = privileges.iter().map(|p| format!("{p} ({})", Ident(&on.sub))).collect();
            (privs.join(", "), format!("TABLE {}", q.sql()))
        }
        T::Table => (privileges.join(", "), format!("TABLE {}", q.sql())),
        T::Sequence => (privileges.join(", "), format!("SEQUENCE {}", q.sql())),
        T::Function => (privileges.join(", "), format!("FUNCTION {}({})", q.sql(), on.sub)),
        T::Procedure => (privileges.join(", "), format!("PROCEDURE {}({})", q.sql(), on.sub)),
        // An ordered-set aggregate's identity (`float8 ORDER BY anyelement`) as a function signature.
        T::Aggregate => {
            (privileges.join(", "), format!("FUNCTION {}({})", q.sql(), on.sub.replace(" ORDER BY ", ", ")))
        }
        T::Schema => (privileges.join(", "), format!("SCHEMA {}", Ident(&on.name))),
        T::Type => (privileges.join(", "), format!("TYPE {}", q.sql())),
    }
}

fn publication_options(p: &Publication) -> String {
    format!("publish = {}, publish_via_partition_root = {}", Literal(&p.publish.join(", ")), p.via_root)
}

/// `CREATE COLLATION` with the options the provider takes.
fn create_collation(c: &Collation) -> String {
    let lit = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let mut opts = vec![format!("provider = {}", c.provider)];
    if let Some(l) = &c.locale {
        opts.push(format!("locale = {}", lit(l)));
    }
    if let Some(l) = &c.lc_collate {
        opts.push(format!("lc_collate = {}", lit(l)));
    }
    if let Some(l) = &c.lc_ctype {
        opts.push(format!("lc_ctype = {}", lit(l)));
    }
    opts.push(format!("deterministic = {}", c.deterministic));
    format!("CREATE COLLATION {} ({});", c.name.sql(), opts.join(", "))
}
