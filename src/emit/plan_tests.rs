//! Planner unit tests on catalogs built in code (no database), read through the rendered script.

use crate::emit::pg::withheld_reasons;
use crate::model::*;
use crate::pg::kinds::{ConstraintOp, EnumOp, FunctionOp, TableOp};
use crate::pg::{diff, Action, Change, Op};
use crate::plan::{graph, plan};
use std::collections::BTreeMap;

fn col(name: &str, ty: &str) -> Column {
    Column {
        name: name.into(),
        data_type: ty.into(),
        collation: None,
        not_null: false,
        default: None,
        identity: None,
        generated: None,
        generated_virtual: false,
        origin: Default::default(),
        attributes: Default::default(),
        comment: None,
    }
}

fn con(name: &str, kind: ConstraintKind, def: &str) -> Constraint {
    Constraint {
        name: name.into(),
        kind,
        definition: def.into(),
        validated: true,
        index_options: vec![],
        comment: None,
    }
}

fn table(c: &mut Catalog, name: &str, cols: &[(&str, &str)], cons: Vec<Constraint>) -> QName {
    let q = QName::new("public", name);
    let constraints: BTreeMap<String, Constraint> = cons.into_iter().map(|k| (k.name.clone(), k)).collect();
    let columns = cols.iter().map(|(n, t)| col(n, t)).collect();
    c.tables.insert(
        q.clone(),
        Table {
            name: q.clone(),
            unlogged: false,
            options: vec![],
            rls: false,
            force_rls: false,
            replica_identity: None,
            columns,
            constraints,
            comment: None,
            sqlite: None,
            lineage: Default::default(),
            foreign: None,
            access_method: None,
        },
    );
    q
}

/// parent(id PK) <- child(parent_id FK), with the pg_depend edges Postgres would record.
fn parent_child() -> Catalog {
    let mut c = Catalog::empty();
    let p = table(
        &mut c,
        "parent",
        &[("id", "integer")],
        vec![con("parent_pkey", ConstraintKind::PrimaryKey, "PRIMARY KEY (id)")],
    );
    let k = table(
        &mut c,
        "child",
        &[("parent_id", "integer")],
        vec![con("child_fk", ConstraintKind::ForeignKey, "FOREIGN KEY (parent_id) REFERENCES public.parent(id)")],
    );
    c.depends.insert((ObjectId::constraint(&p, "parent_pkey"), ObjectId::column(&p, "id")));
    c.depends.insert((ObjectId::constraint(&k, "child_fk"), ObjectId::column(&k, "parent_id")));
    c.depends.insert((ObjectId::constraint(&k, "child_fk"), ObjectId::constraint(&p, "parent_pkey")));
    c
}

fn position(steps: &[crate::plan::Step], pred: impl Fn(&Op) -> bool) -> usize {
    steps.iter().position(|s| pred(&s.change.op)).expect("step present")
}

#[test]
fn creation_orders_tables_then_primary_key_then_foreign_key() {
    let to = parent_child();
    let p = plan(diff(&Catalog::empty(), &to), &Catalog::empty(), &to).unwrap();
    let steps = &p.steps;
    let create_parent = position(steps, |o| matches!(o, Op::Table(TableOp::Create(t)) if t.name.name == "parent"));
    let create_child = position(steps, |o| matches!(o, Op::Table(TableOp::Create(t)) if t.name.name == "child"));
    let pk = position(
        steps,
        |o| matches!(o, Op::Constraint(ConstraintOp::Add { constraint, .. }) if constraint.name == "parent_pkey"),
    );
    let fk = position(
        steps,
        |o| matches!(o, Op::Constraint(ConstraintOp::Add { constraint, .. }) if constraint.name == "child_fk"),
    );
    assert!(create_parent < pk && create_child < fk && pk < fk, "{steps:#?}");
}

#[test]
fn teardown_drops_the_foreign_key_before_the_referenced_table() {
    let from = parent_child();
    let to = Catalog::empty();
    let p = plan(diff(&from, &to), &from, &to).unwrap();
    let fk = position(&p.steps, |o| matches!(o, Op::Constraint(ConstraintOp::Drop { name, .. }) if name == "child_fk"));
    let parent = position(&p.steps, |o| matches!(o, Op::Table(TableOp::Drop(q)) if q.name == "parent"));
    assert!(fk < parent);
}

#[test]
fn replacing_a_primary_key_recreates_the_foreign_key_around_it() {
    let from = parent_child();
    let mut to = parent_child();
    let pq = QName::new("public", "parent");
    to.tables.get_mut(&pq).unwrap().constraints.get_mut("parent_pkey").unwrap().index_options =
        vec!["fillfactor=90".into()];
    let p = plan(diff(&from, &to), &from, &to).unwrap();
    let ops: Vec<String> = p.steps.iter().map(|s| format!("{:?} {}", s.change.action, s.change.id)).collect();
    assert_eq!(
        ops,
        [
            "Drop constraint public.child.child_fk",
            "Drop constraint public.parent.parent_pkey",
            "Create constraint public.parent.parent_pkey",
            "Create constraint public.child.child_fk"
        ]
    );
}

#[test]
fn a_dependency_cycle_is_a_typed_error_naming_the_objects() {
    let mut to = Catalog::empty();
    let x = QName::new("public", "x");
    let y = QName::new("public", "y");
    to.depends.insert((ObjectId::of(Kind::Enum, &x), ObjectId::of(Kind::Enum, &y)));
    to.depends.insert((ObjectId::of(Kind::Enum, &y), ObjectId::of(Kind::Enum, &x)));
    let make = |q: &QName| {
        let e = EnumType { name: q.clone(), labels: vec![], comment: None };
        Change::new(Action::Create, ObjectId::of(Kind::Enum, q), Op::Enum(EnumOp::Create(e)))
    };
    let err = graph::order(vec![make(&x), make(&y)], &Catalog::empty(), &to).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("dependency cycle") && msg.contains("enum public.x") && msg.contains("enum public.y"),
        "{msg}"
    );
}

#[test]
fn safe_mode_withholds_what_depends_on_a_withheld_change() {
    // Dropping column c (unsafe) and adding a new c of another type: the add needs the drop.
    let mut from = Catalog::empty();
    table(&mut from, "t", &[("c", "text")], vec![]);
    let mut to = Catalog::empty();
    let q = table(&mut to, "t", &[("c", "integer")], vec![]);
    to.tables.get_mut(&q).unwrap().columns[0].generated = Some("1".into());
    let p = plan(diff(&from, &to), &from, &to).unwrap();
    let reasons = withheld_reasons(&p, false);
    assert!(reasons.iter().all(|r| r.is_some()), "{reasons:?}");
    assert!(reasons[1].as_deref().unwrap_or("").contains("needs the withheld change"), "{reasons:?}");
    assert!(withheld_reasons(&p, true).iter().all(|r| r.is_none()));
}

#[test]
fn output_is_deterministic() {
    let to = parent_child();
    let a = crate::emit::sql(&plan(diff(&Catalog::empty(), &to), &Catalog::empty(), &to).unwrap(), &Default::default());
    let b = crate::emit::sql(&plan(diff(&Catalog::empty(), &to), &Catalog::empty(), &to).unwrap(), &Default::default());
    assert_eq!(a.text, b.text);
    assert!(!a.text.is_empty());
}

/// A function whose body reads a table, and a table that needs the function (its check calls it): the
/// body's edge (table before function) would close a cycle, so it gives way; without the hard edge it holds.
#[test]
fn body_references_order_softly_and_give_way_to_cycles() {
    let mut to = Catalog::empty();
    let t = table(&mut to, "node", &[("id", "integer")], vec![]);
    let f = Function {
        name: QName::new("public", "parent_ok"),
        identity_args: "p integer".into(),
        arguments: "p integer".into(),
        result: "boolean".into(),
        kind: FunctionKind::Function,
        definition: "CREATE OR REPLACE FUNCTION public.parent_ok(p integer)\n RETURNS boolean\n LANGUAGE sql\n\
                     AS $function$ SELECT EXISTS (SELECT 1 FROM node WHERE id = p) $function$\n"
            .into(),
        comment: None,
    };
    let fid = ObjectId::new(Kind::Function, "public", "parent_ok", "p integer");
    to.functions.insert((f.name.clone(), f.identity_args.clone()), f.clone());
    let create_table = || {
        Change::new(
            Action::Create,
            ObjectId::of(Kind::Table, &t),
            Op::Table(TableOp::Create(Box::new(to.tables[&t].clone()))),
        )
    };
    let create_fn = || Change::new(Action::Create, fid.clone(), Op::Function(FunctionOp::Create(f.clone())));
    let ids = |o: &graph::Ordered| o.iter().map(|(c, _)| c.id.kind).collect::<Vec<_>>();
    // Functions sort before tables; the body's reference puts the table first.
    let soft = graph::order(vec![create_fn(), create_table()], &Catalog::empty(), &to).unwrap();
    assert_eq!(ids(&soft), [Kind::Table, Kind::Function]);
    // The table needs the function: the soft edge would close a cycle and is dropped, no error.
    let hard = graph::order(vec![create_fn(), create_table().needing([fid.clone()])], &Catalog::empty(), &to).unwrap();
    assert_eq!(ids(&hard), [Kind::Function, Kind::Table]);
}
