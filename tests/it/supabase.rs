//! `--profile supabase` on a Supabase-like database (tests/supabase): a user's change yields exactly the
//! statements the user would write, the platform's objects and a platform upgrade yield none, the plan
//! converges, and without the profile the same diff is full of platform noise (with a hint).

use crate::harness::TestDb;
use pgdrift::emit::{self, Options};
use pgdrift::inspect::Filter;
use pgdrift::profile::Profile;
use std::path::Path;
use std::process::Command;

fn read(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/supabase").join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn supabase() -> Filter {
    Filter { profile: Some(Profile::Supabase), ..Filter::default() }
}

fn script(from: &TestDb, to: &TestDb, filter: &Filter) -> (pgdrift::Comparison, String) {
    let cmp = pgdrift::compare(&from.source(), &to.source(), filter).expect("compare");
    let opts = Options { from_label: "platform".into(), to_label: "platform + user".into(), ..Options::default() };
    let text = emit::sql(&cmp.plan, &opts).text;
    (cmp, text)
}

#[test]
fn a_user_change_is_all_the_supabase_profile_shows() {
    let platform = read("platform.sql");
    let desired = format!("{platform}\n{}\n{}", read("platform_upgrade.sql"), read("user.sql"));
    let from = TestDb::with("supa_from", &platform).expect("load platform");
    let to = TestDb::with("supa_to", &desired).expect("load desired");

    let (cmp, text) = script(&from, &to, &supabase());
    assert!(cmp.plan.unmodelled.is_empty(), "{:?}", cmp.plan.unmodelled);
    let expected_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/supabase/expected.sql");
    if std::env::var("PGDRIFT_BLESS").is_ok() {
        std::fs::write(&expected_path, &text).expect("bless");
    }
    let expected = std::fs::read_to_string(&expected_path).expect("tests/supabase/expected.sql");
    assert_eq!(text, expected, "the profile's script differs from tests/supabase/expected.sql");
    // Nothing of the platform: no grants (the platform's default privileges give new objects theirs), no
    // platform tables, functions, publications or publication options.
    for noise in
        ["GRANT", "REVOKE", "sessions", "phone", "storage.migrations", "platform_internal", "messages", "role()"]
    {
        assert!(!text.contains(noise), "platform noise {noise:?} in:\n{text}");
    }
    for wanted in [
        "CREATE TABLE \"public\".\"profiles\"",
        "ENABLE ROW LEVEL SECURITY",
        "CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users",
        "ON \"storage\".\"objects\"",
        "ALTER PUBLICATION \"supabase_realtime\" ADD TABLE \"public\".\"profiles\"",
    ] {
        assert!(text.contains(wanted), "{wanted:?} missing from:\n{text}");
    }

    // Applied to FROM, a second diff under the profile is empty, and the user's table got the platform's
    // grants from its default privileges.
    from.client().batch_execute(&text).expect("apply the profile's script");
    let (again, second) = script(&from, &to, &supabase());
    assert!(again.plan.is_empty(), "not converged:\n{second}");
    let grantees: i64 = from
        .client()
        .query_one(
            "SELECT count(DISTINCT grantee) FROM information_schema.role_table_grants \
             WHERE table_name = 'profiles' AND grantee IN ('anon', 'authenticated', 'service_role')",
            &[],
        )
        .expect("grants")
        .get(0);
    assert_eq!(grantees, 3);

    // Without the profile the platform upgrade is all over the diff, and the CLI suggests the profile.
    let (_, raw) = script(&from, &to, &Filter::default());
    assert!(raw.contains("sessions") && raw.contains("platform_internal"), "{raw}");
    let out = Command::new(env!("CARGO_BIN_EXE_pgdrift")).args([&from.url, &to.url]).output().expect("run pgdrift");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--profile supabase"), "no hint: {stderr}");
    let out = Command::new(env!("CARGO_BIN_EXE_pgdrift"))
        .args(["--profile", "supabase", &from.url, &to.url])
        .output()
        .expect("run pgdrift");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn the_profile_manages_user_policies_and_triggers_on_platform_tables_both_ways() {
    let platform = read("platform.sql");
    let with_user = format!("{platform}\n{}", read("user.sql"));
    let from = TestDb::with("supa_user", &with_user).expect("load");
    let to = TestDb::with("supa_plain", &platform).expect("load");
    // Removing the user's work drops exactly it: the trigger and policy on platform tables, the membership.
    let (_, text) = script(&from, &to, &supabase());
    assert!(text.contains("DROP TRIGGER \"on_auth_user_created\" ON \"auth\".\"users\""), "{text}");
    assert!(
        text.contains("DROP POLICY \"Avatar images are publicly accessible.\" ON \"storage\".\"objects\""),
        "{text}"
    );
    assert!(text.contains("DROP TABLE \"public\".\"profiles\""), "{text}");
    assert!(!text.contains("auth.uid") && !text.contains("DROP PUBLICATION"), "{text}");
    let opts = Options { unsafe_ok: true, ..Options::default() };
    let cmp = pgdrift::compare(&from.source(), &to.source(), &supabase()).expect("compare");
    from.client().batch_execute(&emit::sql(&cmp.plan, &opts).text).expect("apply");
    let (again, second) = script(&from, &to, &supabase());
    assert!(again.plan.is_empty(), "not converged:\n{second}");
}
