//! Column type changes: which ones only widen (safe) and which may lose data or fail.

use crate::hazard::{Hazard, HazardKind};
use crate::model::QName;

/// Split `character varying(20)` into (`character varying`, [20]).
fn parse(t: &str) -> (&str, Vec<i64>) {
    match t.split_once('(') {
        Some((base, rest)) if !t.ends_with("[]") => {
            let mods = rest.trim_end_matches(')').split(',').filter_map(|m| m.trim().parse().ok()).collect();
            (base.trim(), mods)
        }
        _ => (t, Vec::new()),
    }
}

fn int_rank(base: &str) -> Option<u8> {
    match base {
        "smallint" => Some(1),
        "integer" => Some(2),
        "bigint" => Some(3),
        _ => None,
    }
}

/// Whether every value of `from` is representable, unchanged, in `to`.
pub fn is_widening(from: &str, to: &str) -> bool {
    if from == to {
        return true;
    }
    let (fb, fm) = parse(from);
    let (tb, tm) = parse(to);
    let textual = |b: &str| matches!(b, "text" | "character varying" | "character");
    match (fb, tb) {
        (_, "text") if textual(fb) => true,
        ("character varying", "character varying") => tm.is_empty() || (!fm.is_empty() && tm[0] >= fm[0]),
        ("character", "character varying") => tm.is_empty() || (!fm.is_empty() && tm[0] >= fm[0]),
        (f, t) if int_rank(f).is_some() && int_rank(t).is_some() => int_rank(t) >= int_rank(f),
        (f, "numeric") if int_rank(f).is_some() => {
            // numeric(p, 0) holds integers of up to p digits.
            let digits = [0, 5, 10, 19][int_rank(f).unwrap_or(3) as usize];
            tm.is_empty() || (tm.get(1).copied().unwrap_or(0) == 0 && tm[0] >= digits)
        }
        ("numeric", "numeric") => {
            if tm.is_empty() {
                return true;
            }
            if fm.is_empty() {
                return false;
            }
            let (fp, fs) = (fm[0], fm.get(1).copied().unwrap_or(0));
            let (tp, ts) = (tm[0], tm.get(1).copied().unwrap_or(0));
            ts >= fs && tp - ts >= fp - fs
        }
        ("real", "double precision") => true,
        ("timestamp without time zone", "timestamp without time zone")
        | ("timestamp with time zone", "timestamp with time zone")
        | ("time without time zone", "time without time zone")
        | ("interval", "interval") => tm.is_empty() || (!fm.is_empty() && tm[0] >= fm[0]),
        ("bit varying", "bit varying") => tm.is_empty() || (!fm.is_empty() && tm[0] >= fm[0]),
        _ => false,
    }
}

/// Whether the change needs no table rewrite (a binary-compatible widening of a character type).
fn rewrite_free(from: &str, to: &str) -> bool {
    let textual = |t: &str| matches!(parse(t).0, "text" | "character varying");
    textual(from) && textual(to) && is_widening(from, to)
}

/// Hazards of `ALTER COLUMN .. TYPE`: narrowing loses data; most changes rewrite the table.
pub fn type_change_hazards(q: &QName, column: &str, from: &str, to: &str) -> Vec<Hazard> {
    if rewrite_free(from, to) {
        return Vec::new();
    }
    if is_widening(from, to) {
        let why =
            format!("changes {q}.{column} from {from} to {to}: rewrites the table under an ACCESS EXCLUSIVE lock");
        return vec![Hazard::new(HazardKind::TableRewrite, why)];
    }
    vec![
        Hazard::new(
            HazardKind::DeletesData,
            format!("changes {q}.{column} from {from} to {to}: values may be truncated, rounded or fail to convert"),
        ),
        Hazard::new(
            HazardKind::MayFail,
            format!("casts {q}.{column} from {from} to {to}: the cast may fail at run time"),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::is_widening;

    #[test]
    fn widening_and_narrowing_type_changes() {
        assert!(is_widening("character varying(10)", "character varying(20)"));
        assert!(is_widening("character varying(10)", "text"));
        assert!(is_widening("integer", "bigint"));
        assert!(is_widening("integer", "numeric(12,0)"));
        assert!(is_widening("numeric(10,2)", "numeric(12,2)"));
        assert!(!is_widening("numeric(10,2)", "numeric(10,1)"));
        assert!(!is_widening("character varying(20)", "character varying(10)"));
        assert!(!is_widening("bigint", "integer"));
        assert!(!is_widening("text", "integer"));
        assert!(!is_widening("integer", "numeric(5,0)"));
        assert!(!is_widening("text", "character varying(5)"));
    }
}
