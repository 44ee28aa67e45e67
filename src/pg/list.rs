//! The one generic differ: pairs up two keyed collections by name.

use std::collections::BTreeMap;

/// One key's state across the two sides.
pub enum Pair<'a, V> {
    Removed(&'a V),
    Added(&'a V),
    Both(&'a V, &'a V),
}

/// Visit every key of either map in key order: removed, added, or present in both.
pub fn pairs<'a, K: Ord, V>(from: &'a BTreeMap<K, V>, to: &'a BTreeMap<K, V>) -> Vec<Pair<'a, V>> {
    let mut out = Vec::with_capacity(from.len().max(to.len()));
    let mut a = from.iter().peekable();
    let mut b = to.iter().peekable();
    loop {
        match (a.peek(), b.peek()) {
            (Some((ka, va)), Some((kb, vb))) => match ka.cmp(kb) {
                std::cmp::Ordering::Less => {
                    out.push(Pair::Removed(*va));
                    a.next();
                }
                std::cmp::Ordering::Greater => {
                    out.push(Pair::Added(*vb));
                    b.next();
                }
                std::cmp::Ordering::Equal => {
                    out.push(Pair::Both(*va, *vb));
                    a.next();
                    b.next();
                }
            },
            (Some((_, va)), None) => {
                out.push(Pair::Removed(*va));
                a.next();
            }
            (None, Some((_, vb))) => {
                out.push(Pair::Added(*vb));
                b.next();
            }
            (None, None) => return out,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_walks_both_maps_in_key_order() {
        let a: BTreeMap<i32, &str> = [(1, "a"), (2, "b"), (4, "d")].into();
        let b: BTreeMap<i32, &str> = [(2, "B"), (3, "c"), (4, "d")].into();
        let got: Vec<String> = pairs(&a, &b)
            .into_iter()
            .map(|p| match p {
                Pair::Removed(v) => format!("-{v}"),
                Pair::Added(v) => format!("+{v}"),
                Pair::Both(x, y) => format!("{x}={y}"),
            })
            .collect();
        assert_eq!(got, ["-a", "b=B", "+c", "d=d"]);
    }
}
