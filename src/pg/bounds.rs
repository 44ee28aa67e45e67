//! Moving a sequence (or an identity column's sequence) to new options in an order PostgreSQL accepts.
//!
//! `ALTER SEQUENCE` checks the sequence's current value (and START) against the new bounds, so a bound
//! that moves inward fails while the value lies outside it ("RESTART value (1) cannot be less than
//! MINVALUE (100)"). When a bound moves inward the range is first widened to cover both the old and the new
//! one (within the type in effect), the value is then moved into the new range where that keeps every value
//! already handed out in the past (an ascending sequence below the new MINVALUE, or a sequence never used)
//! and finally the options are set. A value already past the far bound still fails: that is a genuine
//! conflict, marked may-fail by the diff.

use super::kinds::sequence::seq_options;
use crate::model::{Literal, QName, SeqOptions};

/// The range a sequence of this type can have (`AS smallint | integer | bigint`; bigint when unnamed).
pub(crate) fn type_range(data_type: &str) -> (i64, i64) {
    match data_type {
        "smallint" => (i16::MIN as i64, i16::MAX as i64),
        "integer" => (i32::MIN as i64, i32::MAX as i64),
        _ => (i64::MIN, i64::MAX),
    }
}

/// What runs before the final options are set: the widened options (to render against `from`) and the
/// statement that moves the value into the new range.
pub(super) struct Widening {
    pub options: SeqOptions,
    pub move_value: Option<String>,
}

/// `None` when the value cannot fall outside the new range (the options can be set at once). `data_type`: the sequence's type
/// while the range is widened; `sequence`: its name (without it the value cannot be moved).
pub(crate) fn widening(
    data_type: &str,
    sequence: Option<&QName>,
    from: &SeqOptions,
    to: &SeqOptions,
) -> Option<Widening> {
    // The value can fall outside the new range on the near side (an ascending sequence's MINVALUE raised),
    // or on the far side while the sequence is unused (its value is then START, past the new MAXVALUE).
    let (near, unused_far) = if to.increment > 0 {
        (to.min > from.min, from.start > to.max)
    } else {
        (to.max < from.max, from.start < to.min)
    };
    if !near && !unused_far {
        return None;
    }
    let (lo, hi) = type_range(data_type);
    let mut options = from.clone();
    options.min = from.min.min(to.min).max(lo);
    options.max = from.max.max(to.max).min(hi);
    let move_value = sequence.map(|s| {
        let (near, far) = if to.increment > 0 {
            (format!("last_value < {}", to.min), format!("last_value > {}", to.max))
        } else {
            (format!("last_value > {}", to.max), format!("last_value < {}", to.min))
        };
        format!(
            "SELECT setval({}, {}, false) FROM {} WHERE {near} OR (NOT is_called AND {far});",
            Literal(&s.sql()),
            to.start,
            s.sql()
        )
    });
    Some(Widening { options, move_value })
}

/// The statements of `ALTER SEQUENCE name [AS data_type] options`.
pub(crate) fn alter_sequence(
    name: &QName,
    data_type: Option<&str>,
    from_type: &str,
    from: &SeqOptions,
    to: &SeqOptions,
) -> Vec<String> {
    let ty = data_type.map(|t| format!(" AS {t}")).unwrap_or_default();
    let mut out = Vec::new();
    let mut base = from;
    let widened = widening(from_type, Some(name), from, to);
    if let Some(w) = &widened {
        let wider = seq_options(from_type, &w.options, Some(from));
        if !wider.is_empty() {
            out.push(format!("ALTER SEQUENCE {}{wider};", name.sql()));
        }
        out.extend(w.move_value.clone());
        base = &w.options;
    }
    let rest = seq_options(from_type, to, Some(base));
    if !rest.is_empty() || !ty.is_empty() {
        out.push(format!("ALTER SEQUENCE {}{ty}{rest};", name.sql()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(min: i64, max: i64, start: i64) -> SeqOptions {
        SeqOptions { start, increment: 1, min, max, cache: 1, cycle: false }
    }

    #[test]
    fn inward_bounds_widen_then_move_then_set() {
        let q = QName::new("public", "s");
        let got = alter_sequence(&q, None, "bigint", &opts(1, 50, 1), &opts(100, 5000, 100));
        assert_eq!(
            got,
            vec![
                r#"ALTER SEQUENCE "public"."s" MAXVALUE 5000;"#.to_string(),
                r#"SELECT setval('"public"."s"', 100, false) FROM "public"."s" WHERE last_value < 100 OR (NOT is_called AND last_value > 5000);"#.to_string(),
                r#"ALTER SEQUENCE "public"."s" MINVALUE 100 START WITH 100;"#.to_string(),
            ]
        );
    }

    #[test]
    fn a_lower_maxvalue_above_start_is_set_at_once() {
        let q = QName::new("public", "s");
        let got = alter_sequence(&q, None, "bigint", &opts(1, i64::MAX, 1), &opts(1, 999_999, 1));
        assert_eq!(got, vec![r#"ALTER SEQUENCE "public"."s" MAXVALUE 999999;"#.to_string()]);
    }

    #[test]
    fn outward_bounds_are_set_at_once() {
        let q = QName::new("public", "s");
        let got = alter_sequence(&q, None, "bigint", &opts(100, 5000, 100), &opts(1, 9000, 100));
        assert_eq!(got, vec![r#"ALTER SEQUENCE "public"."s" MINVALUE 1 MAXVALUE 9000;"#.to_string()]);
    }

    #[test]
    fn widening_stays_inside_the_type() {
        let w = widening("integer", None, &opts(1, 50, 1), &opts(100, 5_000_000_000, 100)).expect("inward");
        assert_eq!((w.options.min, w.options.max), (1, i32::MAX as i64));
        assert!(w.move_value.is_none());
    }
}
