//! Comments on every kind of object: one statement per object whose comment differs (NULL removes it).

use crate::pg::prelude::*;

/// `COMMENT ON target IS text` (NULL: no comment).
pub(crate) fn render(target: &CommentTarget, text: &Option<String>) -> Vec<String> {
    let what = match target {
        CommentTarget::Schema(s) => format!("SCHEMA {}", Ident(s)),
        CommentTarget::Extension(e) => format!("EXTENSION {}", Ident(e)),
        CommentTarget::Type(q) => format!("TYPE {}", q.sql()),
        CommentTarget::Sequence(q) => format!("SEQUENCE {}", q.sql()),
        CommentTarget::Table(q) => format!("TABLE {}", q.sql()),
        CommentTarget::TsParser(q) => format!("TEXT SEARCH PARSER {}", q.sql()),
        CommentTarget::TsTemplate(q) => format!("TEXT SEARCH TEMPLATE {}", q.sql()),
        CommentTarget::Language(name) => format!("LANGUAGE {}", Ident(name)),
        CommentTarget::Transform(t, lang) => format!("TRANSFORM FOR {t} LANGUAGE {}", Ident(lang)),
        CommentTarget::Operator(q, signature) => format!("OPERATOR {}.{} {signature}", Ident(&q.schema), q.name),
        CommentTarget::Conversion(q) => format!("CONVERSION {}", q.sql()),
        CommentTarget::OperatorFamily(q, method) => format!("OPERATOR FAMILY {} USING {}", q.sql(), Ident(method)),
        CommentTarget::OperatorClass(q, method) => format!("OPERATOR CLASS {} USING {}", q.sql(), Ident(method)),
        CommentTarget::AccessMethod(name) => format!("ACCESS METHOD {}", Ident(name)),
        CommentTarget::Role(name) => format!("ROLE {}", Ident(name)),
        CommentTarget::ForeignTable(q) => format!("FOREIGN TABLE {}", q.sql()),
        CommentTarget::Column(q, c) => format!("COLUMN {}.{}", q.sql(), Ident(c)),
        CommentTarget::Constraint(q, c) => {
            format!("CONSTRAINT {} ON {}", Ident(c), q.sql())
        }
        CommentTarget::Index(q) => format!("INDEX {}", q.sql()),
        CommentTarget::View(q) => format!("VIEW {}", q.sql()),
        CommentTarget::MaterializedView(q) => format!("MATERIALIZED VIEW {}", q.sql()),
        CommentTarget::Domain(q) => format!("DOMAIN {}", q.sql()),
        CommentTarget::Collation(q) => format!("COLLATION {}", q.sql()),
        CommentTarget::Aggregate(q, args) => format!("AGGREGATE {}({})", q.sql(), crate::pg::aggregate_signature(args)),
        CommentTarget::Policy(q, name) => format!("POLICY {} ON {}", Ident(name), q.sql()),
        CommentTarget::Trigger(q, name) => format!("TRIGGER {} ON {}", Ident(name), q.sql()),
        CommentTarget::Statistics(q) => format!("STATISTICS {}", q.sql()),
        CommentTarget::Rule(q, name) => format!("RULE {} ON {}", Ident(name), q.sql()),
        CommentTarget::EventTrigger(name) => format!("EVENT TRIGGER {}", Ident(name)),
        CommentTarget::Cast(source, target) => format!("CAST ({source} AS {target})"),
        CommentTarget::TsDictionary(q) => format!("TEXT SEARCH DICTIONARY {}", q.sql()),
        CommentTarget::TsConfiguration(q) => format!("TEXT SEARCH CONFIGURATION {}", q.sql()),
        CommentTarget::ForeignDataWrapper(name) => format!("FOREIGN DATA WRAPPER {}", Ident(name)),
        CommentTarget::ForeignServer(name) => format!("SERVER {}", Ident(name)),
        CommentTarget::Subscription(name) => format!("SUBSCRIPTION {}", Ident(name)),
        CommentTarget::Function(q, args, procedure) => {
            format!("{} {}({args})", if *procedure { "PROCEDURE" } else { "FUNCTION" }, q.sql())
        }
    };
    let text = text.as_deref().map(|t| Literal(t).to_string()).unwrap_or_else(|| "NULL".into());
    vec![format!("COMMENT ON {what} IS {text};")]
}
/// A COMMENT change when the comment differs (`from` is None for a newly created object).
pub(crate) fn comment(
    out: &mut Vec<Change>,
    id: ObjectId,
    target: CommentTarget,
    from: Option<&Option<String>>,
    to: &Option<String>,
) {
    let before = from.cloned().flatten();
    if before != *to {
        out.push(Change::new(Action::Alter, id, Op::Comment { target, text: to.clone() }));
    }
}
