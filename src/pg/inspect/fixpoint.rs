//! Comparing definitions the server deparsed, where its deparse is not a fixed point.
//!
//! Definitions are compared as the server prints them, but a few printed forms do not reproduce
//! themselves: `CHECK (status IN ('a', 'b'))` on a varchar column prints as
//! `((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))`, and that text,
//! applied, prints as `... ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text])`. Both
//! are the same expression; a plan that applies one and compares with the other would re-emit it on every
//! run. `canonical` rewrites the applied form into the original (a cast common to every element of an
//! array literal moves out of it); the inspector stores that form, so both sides compare equal, their
//! fingerprints agree, the plan applies the canonical text and a second diff is empty.

use crate::model::Catalog;
use std::borrow::Cow;

/// Replace every definition the server deparsed by its canonical form. Both sides of a diff (and their
/// fingerprints) see the same text for the same expression, and the emitted text is the canonical one.
pub(super) fn normalize(cat: &mut Catalog) {
    fn fix(s: &mut String) {
        if let Cow::Owned(c) = canonical(s) {
            *s = c;
        }
    }
    for t in cat.tables.values_mut() {
        for c in &mut t.columns {
            c.default.iter_mut().chain(c.generated.iter_mut()).for_each(fix);
        }
        t.constraints.values_mut().for_each(|c| fix(&mut c.definition));
    }
    cat.indexes.values_mut().for_each(|i| fix(&mut i.definition));
    cat.views.values_mut().for_each(|v| fix(&mut v.definition));
    for p in cat.policies.values_mut() {
        p.using.iter_mut().chain(p.check.iter_mut()).for_each(fix);
    }
    cat.triggers.values_mut().for_each(|t| fix(&mut t.definition));
    for d in cat.domains.values_mut() {
        d.default.iter_mut().for_each(fix);
        d.constraints.iter_mut().for_each(|c| fix(&mut c.definition));
    }
}

/// The text with every `ARRAY[(x1)::T, (x2)::T, ..]` written `(ARRAY[x1, x2, ..])::T[]`.
pub(crate) fn canonical(s: &str) -> Cow<'_, str> {
    if !s.contains("ARRAY[") {
        return Cow::Borrowed(s);
    }
    Cow::Owned(rewrite(s))
}

/// Index just past the quoted run starting at `i` (`'..'` with `''` escapes, or `".."` with `""`).
fn skip_quoted(b: &[u8], i: usize) -> usize {
    let q = b[i];
    let mut j = i + 1;
    while j < b.len() {
        if b[j] == q {
            if j + 1 < b.len() && b[j + 1] == q {
                j += 2;
                continue;
            }
            return j + 1;
        }
        j += 1;
    }
    b.len()
}

/// The bytes of `b` from `from` on that are outside quoted text, with their positions.
fn unquoted(b: &[u8], from: usize) -> impl Iterator<Item = (usize, u8)> + '_ {
    let mut j = from;
    std::iter::from_fn(move || {
        while j < b.len() && (b[j] == b'\'' || b[j] == b'"') {
            j = skip_quoted(b, j);
        }
        let at = j;
        j += 1;
        b.get(at).map(|&c| (at, c))
    })
}

/// Index of the bracket closing the one opened at `open` (any of `(` `[`), skipping quoted text.
fn closing(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (j, c) in unquoted(b, open) {
        match c {
            b'(' | b'[' => depth += 1,
            b')' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => {}
        }
    }
    None
}

/// Split at commas outside brackets and quotes.
fn split_top(s: &str) -> Vec<&str> {
    let (mut out, mut start, mut depth) = (Vec::new(), 0, 0usize);
    for (j, c) in unquoted(s.as_bytes(), 0) {
        match c {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => {
                out.push(&s[start..j]);
                start = j + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// `(inner)::T` -> (inner, T), when the parenthesis opening the element closes right before `::`.
fn cast_element(e: &str) -> Option<(&str, &str)> {
    let b = e.as_bytes();
    if b.first() != Some(&b'(') {
        return None;
    }
    let close = closing(b, 0)?;
    let rest = e[close + 1..].strip_prefix("::")?;
    (!rest.is_empty() && !rest.contains("::")).then(|| (&e[1..close], rest))
}

fn rewrite(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\'' || b[i] == b'"' {
            let j = skip_quoted(b, i);
            out.push_str(&s[i..j]);
            i = j;
            continue;
        }
        let word_start = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if word_start && s[i..].starts_with("ARRAY[") {
            let open = i + "ARRAY".len();
            if let Some(close) = closing(b, open) {
                let inner = rewrite(&s[open + 1..close]);
                let parts: Vec<&str> = split_top(&inner).into_iter().map(str::trim).collect();
                let casts: Option<Vec<(&str, &str)>> = parts.iter().map(|p| cast_element(p)).collect();
                match casts {
                    Some(c) if !c.is_empty() && c.iter().all(|(_, t)| *t == c[0].1) => {
                        let elems: Vec<&str> = c.iter().map(|(e, _)| *e).collect();
                        out.push_str(&format!("(ARRAY[{}])::{}[]", elems.join(", "), c[0].1));
                    }
                    _ => out.push_str(&format!("ARRAY[{inner}]")),
                }
                i = close + 1;
                continue;
            }
        }
        let ch = s[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applied_in_list_check_equals_the_original() {
        let original =
            "CHECK (((status)::text = ANY ((ARRAY['pending'::character varying, 'done'::character varying])::text[])))";
        let applied = "CHECK (((status)::text = ANY (ARRAY[('pending'::character varying)::text, ('done'::character varying)::text])))";
        assert_eq!(canonical(applied), original);
        assert_eq!(canonical(original), original);
    }

    #[test]
    fn different_values_or_casts_stay_different() {
        let a = "(x = ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text]))";
        let b = "(x = ANY (ARRAY[('a'::character varying)::text, ('c'::character varying)::text]))";
        assert_ne!(canonical(a), canonical(b));
        let mixed = "ARRAY[(a)::text, (b)::integer]";
        assert_eq!(canonical(mixed), mixed);
        assert_eq!(canonical("ARRAY[1, 2]"), "ARRAY[1, 2]");
    }

    #[test]
    fn quoted_text_is_left_alone() {
        let s = "'ARRAY[(a)::text]'::text";
        assert_eq!(canonical(s), s);
    }
}
