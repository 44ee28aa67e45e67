//! Each hazard kind is raised where it applies and not where it does not (catalogs built in code).

use super::diff;
use crate::hazard::HazardKind;
use crate::model::*;

fn table(name: &str, cols: &[(&str, &str, bool)]) -> Table {
    Table {
        name: QName::new("public", name),
        unlogged: false,
        options: vec![],
        rls: false,
        force_rls: false,
        replica_identity: None,
        columns: cols
            .iter()
            .map(|(n, t, nn)| Column {
                name: n.to_string(),
                data_type: t.to_string(),
                collation: None,
                not_null: *nn,
                default: None,
                identity: None,
                generated: None,
                generated_virtual: false,
                origin: Default::default(),
                attributes: Default::default(),
                comment: None,
            })
            .collect(),
        constraints: Default::default(),
        comment: None,
        sqlite: None,
        lineage: Default::default(),
        foreign: None,
        access_method: None,
    }
}

fn with(tables: Vec<Table>) -> Catalog {
    let mut c = Catalog::empty();
    for t in tables {
        c.tables.insert(t.name.clone(), t);
    }
    c
}

fn kinds(from: &Catalog, to: &Catalog) -> Vec<HazardKind> {
    let mut k: Vec<HazardKind> = diff(from, to).changes.iter().flat_map(|c| c.hazards.iter().map(|h| h.kind)).collect();
    k.sort();
    k.dedup();
    k
}

fn index(on: &str) -> Index {
    let q = QName::new("public", format!("{on}_idx"));
    Index {
        name: q.clone(),
        table: QName::new("public", on),
        definition: format!("CREATE INDEX {}_idx ON public.{on} USING btree (a)", on),
        comment: None,
    }
}

#[test]
fn index_build_only_on_existing_tables_and_index_dropped() {
    let from = with(vec![table("t", &[("a", "integer", false)])]);
    let mut to = from.clone();
    to.indexes.insert(index("t").name.clone(), index("t"));
    assert_eq!(kinds(&from, &to), [HazardKind::IndexBuild]);
    assert_eq!(kinds(&to, &from), [HazardKind::IndexDropped]);
    let mut new_table = with(vec![table("t", &[("a", "integer", false)]), table("n", &[("a", "integer", false)])]);
    new_table.indexes.insert(index("n").name.clone(), index("n"));
    assert!(!kinds(&from, &new_table).contains(&HazardKind::IndexBuild));
}

#[test]
fn type_changes_rewrite_or_lose_data_unless_binary_compatible() {
    let a = with(vec![table("t", &[("v", "character varying(10)", false), ("n", "integer", false)])]);
    let wider_text = with(vec![table("t", &[("v", "text", false), ("n", "integer", false)])]);
    assert!(kinds(&a, &wider_text).is_empty());
    let bigint = with(vec![table("t", &[("v", "character varying(10)", false), ("n", "bigint", false)])]);
    assert_eq!(kinds(&a, &bigint), [HazardKind::TableRewrite]);
    assert_eq!(kinds(&bigint, &a), [HazardKind::DeletesData, HazardKind::MayFail]);
}

#[test]
fn not_null_locks_and_may_fail() {
    let a = with(vec![table("t", &[("n", "integer", false)])]);
    let b = with(vec![table("t", &[("n", "integer", true)])]);
    assert_eq!(kinds(&a, &b), [HazardKind::MayFail, HazardKind::AccessExclusiveLock]);
    assert!(kinds(&b, &a).is_empty());
}

#[test]
fn policies_and_row_security_are_authz() {
    let a = with(vec![table("t", &[("n", "integer", false)])]);
    let mut b = a.clone();
    b.tables.values_mut().for_each(|t| t.rls = true);
    let p = Policy {
        table: QName::new("public", "t"),
        name: "p".into(),
        permissive: true,
        command: PolicyCommand::All,
        roles: vec!["PUBLIC".into()],
        using: Some("true".into()),
        check: None,
        comment: None,
    };
    b.policies.insert((p.table.clone(), p.name.clone()), p);
    assert_eq!(kinds(&a, &b), [HazardKind::Authz]);
}

#[test]
fn extension_upgrade_and_untracked_function_bodies() {
    let mut a = Catalog::empty();
    let ext = Extension {
        name: "citext".into(),
        schema: "public".into(),
        version: "1.5".into(),
        comment: None,
        fixed_schema: false,
    };
    a.extensions.insert(ext.name.clone(), ext.clone());
    let mut b = a.clone();
    b.extensions.insert(ext.name.clone(), Extension { version: "1.6".into(), ..ext });
    assert_eq!(kinds(&a, &b), [HazardKind::ExtensionUpgrade]);
    let f = |def: &str| Function {
        name: QName::new("public", "f"),
        identity_args: String::new(),
        arguments: String::new(),
        result: "integer".into(),
        kind: FunctionKind::Function,
        definition: def.into(),
        comment: None,
    };
    let one = |def: &str| {
        let mut c = Catalog::empty();
        let body = f(def);
        c.functions.insert((body.name.clone(), String::new()), body);
        c
    };
    // A plpgsql body is parsed: what it names is ordered, no hazard; SQL built at run time is not.
    let plain = one("CREATE OR REPLACE FUNCTION public.f()\n RETURNS integer\n LANGUAGE plpgsql\nAS $function$BEGIN RETURN (SELECT count(*) FROM t); END$function$\n");
    assert!(kinds(&Catalog::empty(), &plain).is_empty());
    let dynamic = one("CREATE OR REPLACE FUNCTION public.f()\n RETURNS integer\n LANGUAGE plpgsql\nAS $function$BEGIN EXECUTE 'SELECT 1'; RETURN 1; END$function$\n");
    assert_eq!(kinds(&Catalog::empty(), &dynamic), [HazardKind::UntrackedDependencies]);
    let python = one("CREATE OR REPLACE FUNCTION public.f()\n RETURNS integer\n LANGUAGE plpython3u\nAS $function$return 1$function$\n");
    assert_eq!(kinds(&Catalog::empty(), &python), [HazardKind::UntrackedDependencies]);
    let mut atomic = Catalog::empty();
    let body =
        f("CREATE OR REPLACE FUNCTION public.f()\n RETURNS integer\n LANGUAGE sql\nBEGIN ATOMIC\n SELECT 1;\nEND\n");
    atomic.functions.insert((body.name.clone(), String::new()), body);
    assert!(kinds(&Catalog::empty(), &atomic).is_empty());
}

#[test]
fn adding_a_stored_generated_column_or_a_volatile_default_rewrites() {
    let a = with(vec![table("t", &[("id", "integer", true)])]);
    let add = |f: &dyn Fn(&mut Column)| {
        let mut t = table("t", &[("id", "integer", true), ("x", "double precision", false)]);
        f(&mut t.columns[1]);
        with(vec![t])
    };
    let generated = add(&|c| c.generated = Some("(id * 2)".into()));
    assert_eq!(kinds(&a, &generated), [HazardKind::TableRewrite]);
    let volatile = add(&|c| c.default = Some("random()".into()));
    assert_eq!(kinds(&a, &volatile), [HazardKind::TableRewrite]);
    let stable = add(&|c| c.default = Some("now()".into()));
    assert!(kinds(&a, &stable).is_empty());
}
