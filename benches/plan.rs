//! diff + plan + emit on in-memory catalogs (no database): `cargo bench --bench plan`.
//! Builds a catalog of ~100k objects, a copy differing in ~2% of them, and reports the median time of
//! each stage over several runs. Target: under 1 s for all three stages together.

use pgdrift::emit::{self, Options};
use pgdrift::model::*;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

fn column(name: &str, ty: &str, not_null: bool, default: Option<&str>) -> Column {
    Column {
        name: name.into(),
        data_type: ty.into(),
        collation: None,
        not_null,
        default: default.map(str::to_string),
        identity: None,
        generated: None,
        generated_virtual: false,
        origin: Default::default(),
        attributes: Default::default(),
        comment: None,
    }
}

/// `tables` tables of 10 columns, a primary key, a foreign key to the previous table, two indexes.
fn catalog(tables: usize) -> Catalog {
    let mut c = Catalog::empty();
    for e in 0..tables / 50 {
        let q = QName::new("public", format!("kind_{e}"));
        c.enums
            .insert(q.clone(), EnumType { name: q, labels: vec!["a".into(), "b".into(), "c".into()], comment: None });
    }
    for i in 0..tables {
        let q = QName::new("public", format!("t_{i:06}"));
        let mut cols = vec![column("id", "bigint", true, None)];
        for k in 0..9 {
            let ty = ["integer", "text", "boolean", "timestamp with time zone", "numeric(12,2)"][k % 5];
            cols.push(column(&format!("c{k}"), ty, k % 3 == 0, (k % 4 == 0).then_some("0")));
        }
        let mut cons = BTreeMap::new();
        let pk = format!("t_{i:06}_pkey");
        cons.insert(
            pk.clone(),
            Constraint {
                name: pk.clone(),
                kind: ConstraintKind::PrimaryKey,
                definition: "PRIMARY KEY (id)".into(),
                validated: true,
                index_options: vec![],
                comment: None,
            },
        );
        c.depends.insert((ObjectId::constraint(&q, &pk), ObjectId::column(&q, "id")));
        if i > 0 {
            let parent = QName::new("public", format!("t_{:06}", i - 1));
            let fk = format!("t_{i:06}_c0_fkey");
            cons.insert(
                fk.clone(),
                Constraint {
                    name: fk.clone(),
                    kind: ConstraintKind::ForeignKey,
                    definition: format!("FOREIGN KEY (c0) REFERENCES {}(id)", parent.sql()),
                    validated: true,
                    index_options: vec![],
                    comment: None,
                },
            );
            let fid = ObjectId::constraint(&q, &fk);
            c.depends.insert((fid.clone(), ObjectId::column(&q, "c0")));
            c.depends.insert((fid, ObjectId::constraint(&parent, &format!("t_{:06}_pkey", i - 1))));
        }
        for (n, col) in ["c1", "c2"].iter().enumerate() {
            let iq = QName::new("public", format!("t_{i:06}_idx{n}"));
            let def = format!("CREATE INDEX {} ON {} USING btree ({col})", iq.name, q.sql());
            c.depends.insert((ObjectId::of(Kind::Index, &iq), ObjectId::column(&q, col)));
            c.indexes.insert(iq.clone(), Index { name: iq, table: q.clone(), definition: def, comment: None });
        }
        c.tables.insert(
            q.clone(),
            Table {
                name: q,
                unlogged: false,
                options: vec![],
                rls: false,
                force_rls: false,
                replica_identity: None,
                columns: cols,
                constraints: cons,
                comment: None,
                sqlite: None,
                lineage: Default::default(),
                foreign: None,
                access_method: None,
            },
        );
    }
    c
}

/// Change ~2% of the objects: new columns, type changes, new indexes, dropped indexes, new tables.
fn mutate(c: &Catalog) -> Catalog {
    let mut t = c.clone();
    let names: Vec<QName> = t.tables.keys().cloned().collect();
    for (n, q) in names.iter().enumerate().filter(|(n, _)| n % 17 == 0) {
        match n % 4 {
            0 => t.tables.get_mut(q).into_iter().for_each(|x| x.columns.push(column("added", "text", false, None))),
            1 => t.tables.get_mut(q).into_iter().for_each(|x| x.columns[1].data_type = "bigint".into()),
            2 => {
                t.indexes.remove(&QName::new("public", format!("{}_idx0", q.name)));
            }
            _ => {
                let nq = QName::new("public", format!("{}_new", q.name));
                let table = Table {
                    name: nq.clone(),
                    unlogged: false,
                    options: vec![],
                    rls: false,
                    force_rls: false,
                    replica_identity: None,
                    columns: vec![column("id", "bigint", true, None)],
                    constraints: BTreeMap::new(),
                    comment: Some("new".into()),
                    sqlite: None,
                    lineage: Default::default(),
                    foreign: None,
                    access_method: None,
                };
                t.tables.insert(nq, table);
            }
        }
    }
    t
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let tables: usize = std::env::var("PGDRIFT_BENCH_TABLES").ok().and_then(|s| s.parse().ok()).unwrap_or(7_700);
    let from = catalog(tables);
    let to = mutate(&from);
    let objects = from.object_count();
    let (mut d, mut p, mut e) = (vec![], vec![], vec![]);
    let mut statements = 0;
    for _ in 0..7 {
        let t0 = Instant::now();
        let diff = pgdrift::pg::diff(&from, &to);
        let t1 = Instant::now();
        let plan = pgdrift::plan::plan(diff, &from, &to).expect("plan");
        let t2 = Instant::now();
        let script = emit::sql(&plan, &Options { unsafe_ok: true, ..Options::default() });
        let t3 = Instant::now();
        statements = script.statements;
        d.push(t1 - t0);
        p.push(t2 - t1);
        e.push(t3 - t2);
    }
    let total: Vec<Duration> = d.iter().zip(&p).zip(&e).map(|((a, b), c)| *a + *b + *c).collect();
    println!(
        "diff+plan+emit on {objects} objects ({statements} statements): diff {:.1} ms, plan {:.1} ms, emit {:.1} ms, total {:.1} ms (median of 7)",
        median(d).as_secs_f64() * 1e3,
        median(p).as_secs_f64() * 1e3,
        median(e).as_secs_f64() * 1e3,
        median(total).as_secs_f64() * 1e3
    );
}
