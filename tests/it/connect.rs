//! Connections against a private cluster that requires TLS and SCRAM passwords: libpq sslmode semantics
//! with a self-signed certificate (as Supabase needs), and wrong passwords never echoed.

use openssl::asn1::Asn1Time;
use openssl::hash::MessageDigest;
use openssl::pkey::PKey;
use openssl::rsa::Rsa;
use openssl::x509::{X509NameBuilder, X509};
use pgdrift::source::cluster::{Cluster, ClusterOptions};
use std::process::{Command, Output};

const PASSWORD: &str = "s3cret-pw";

fn self_signed(dir: &std::path::Path) -> std::path::PathBuf {
    let key = PKey::from_rsa(Rsa::generate(2048).unwrap()).unwrap();
    let mut name = X509NameBuilder::new().unwrap();
    name.append_entry_by_text("CN", "localhost").unwrap();
    let name = name.build();
    let mut b = X509::builder().unwrap();
    b.set_version(2).unwrap();
    b.set_subject_name(&name).unwrap();
    b.set_issuer_name(&name).unwrap();
    b.set_pubkey(&key).unwrap();
    b.set_not_before(&Asn1Time::days_from_now(0).unwrap()).unwrap();
    b.set_not_after(&Asn1Time::days_from_now(2).unwrap()).unwrap();
    let bc = openssl::x509::extension::BasicConstraints::new().ca().build().unwrap();
    b.append_extension(bc).unwrap();
    b.sign(&key, MessageDigest::sha256()).unwrap();
    let cert = b.build();
    let crt = dir.join("server.crt");
    std::fs::write(&crt, cert.to_pem().unwrap()).unwrap();
    let k = dir.join("server.key");
    std::fs::write(&k, key.private_key_to_pem_pkcs8().unwrap()).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&k, std::fs::Permissions::from_mode(0o600)).unwrap();
    crt
}

fn pgdrift(from: &str, to: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pgdrift")).args([from, to]).env_remove("PGPASSWORD").output().unwrap()
}

#[test]
fn tls_modes_and_passwords_against_a_tls_only_server() {
    let certs = std::env::temp_dir().join(format!("pgdrift-certs-{}", std::process::id()));
    std::fs::create_dir_all(&certs).unwrap();
    let crt = self_signed(&certs);
    let _ = Command::new("chown").arg("-R").arg("postgres").arg(&certs).status();
    let conf = vec![
        "ssl = on".to_string(),
        format!("ssl_cert_file = '{}'", crt.display()),
        format!("ssl_key_file = '{}'", certs.join("server.key").display()),
        "password_encryption = 'scram-sha-256'".to_string(),
    ];
    let hba = "local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n";
    let opts = ClusterOptions { tcp: true, conf, hba: Some(hba.into()), password: Some(PASSWORD.into()) };
    let cluster = Cluster::start(&opts).expect("start a TLS cluster");
    let base =
        |host: &str, pw: &str, q: &str| format!("postgresql://postgres:{pw}@{host}:{}/postgres?{q}", cluster.port);
    let check = |url: String, expect_ok: bool, needle: &str| {
        let o = pgdrift(&url, &url);
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        assert_eq!(o.status.code() == Some(0), expect_ok, "{url}: {err}");
        assert!(err.contains(needle), "{url}: expected {needle:?} in {err:?}");
        assert!(!err.contains(PASSWORD) && !err.contains("wrong-pw"), "{err}");
        assert!(err.lines().count() <= 1, "one line: {err}");
    };
    let root = crt.display().to_string();
    // require: encrypted, certificate not verified (self-signed is accepted).
    check(base("127.0.0.1", PASSWORD, "sslmode=require"), true, "");
    check(base("127.0.0.1", PASSWORD, "sslmode=prefer"), true, "");
    // verify-ca checks the chain but not the host name; verify-full checks both.
    check(base("127.0.0.1", PASSWORD, &format!("sslmode=verify-ca&sslrootcert={root}")), true, "");
    check(base("localhost", PASSWORD, &format!("sslmode=verify-full&sslrootcert={root}")), true, "");
    check(
        base("127.0.0.1", PASSWORD, &format!("sslmode=verify-full&sslrootcert={root}")),
        false,
        "FROM: cannot connect",
    );
    // The server refuses unencrypted connections.
    check(base("127.0.0.1", PASSWORD, "sslmode=disable"), false, "no pg_hba.conf entry");
    // Wrong password: named, not echoed.
    check(base("127.0.0.1", "wrong-pw", "sslmode=require"), false, "password authentication failed");
    drop(cluster);
    let _ = std::fs::remove_dir_all(&certs);
}
