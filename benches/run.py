#!/usr/bin/env python3
"""Side-by-side benchmark: pgdrift vs migra vs the bare catalog queries over psql.

    python3 benches/run.py [--sizes 100,1000,5000,20000] [--runs 5] [--url URL] [--no-migra]

Generates two schemas per size (benches/gen.py; the second differs in ~2% of objects), loads them into
databases on the server at --url (default: PGDRIFT_BENCH_URL or postgresql://postgres@127.0.0.1:5432/postgres;
databases are reused when their generated SQL is unchanged), then times, interleaved within each run,
`pgdrift FROM TO`, `migra --unsafe FROM TO` (installed from PyPI into benches/.venv) and the catalog
queries pgdrift sends (sql/pg/*.sql) run by psql against both databases one after the other. Prints the
median seconds, ratios, pgdrift's peak RSS and its catalog queries per side, and writes the table to
bench-results/latest.md."""

import argparse, hashlib, os, re, statistics, subprocess, sys, time, venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benches"))
import gen  # noqa: E402

VENV = ROOT / "benches" / ".venv"
MIGRA_PKGS = ["migra", "schemainspect", "sqlbag", "psycopg2-binary", "sqlalchemy<2"]


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def db_url(base, name):
    head, _, _ = base.rpartition("/")
    return f"{head}/{name}"


def psql(url, *args, input=None):
    return subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, *args], input=input,
                          capture_output=True, text=True, check=True)


def ensure_migra():
    exe = VENV / "bin" / "migra"
    if not exe.exists():
        print("installing migra into benches/.venv ...", file=sys.stderr)
        venv.create(VENV, with_pip=True)
        sh([str(VENV / "bin" / "pip"), "install", "-q", *MIGRA_PKGS])
    return str(exe)


def load(base, name, sql):
    digest = hashlib.sha256(sql.encode()).hexdigest()[:16]
    url = db_url(base, name)
    try:
        got = psql(url, "-At", "-c", "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                                   "WHERE datname = current_database()").stdout.strip()
        if got == digest:
            return url
    except subprocess.CalledProcessError:
        pass
    admin = base
    psql(admin, "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', "-c", f'CREATE DATABASE "{name}"')
    t = time.time()
    psql(url, "-f", "-", input=sql)
    psql(url, "-c", f"COMMENT ON DATABASE \"{name}\" IS '{digest}'")
    print(f"  loaded {name} in {time.time() - t:.1f}s", file=sys.stderr)
    return url


def for_version(sql, version):
    """The server-version templates of sql/pg (`/*>=150000 new ELSE*/ old /*END*/`), as pgdrift resolves them."""
    def pick(m):
        return m.group(2).strip() if version >= int(m.group(1)) else m.group(3).strip()
    return re.sub(r"/\*>=(\d+) (.*?) ELSE\*/(.*?)/\*END\*/", pick, sql, flags=re.S)


def catalog_script(version):
    """The catalog queries pgdrift runs, as one psql script (output discarded)."""
    parts = ["\\o /dev/null", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;",
             "SET LOCAL search_path TO pg_catalog; SET LOCAL jit TO off; SET LOCAL enable_nestloop TO off; "
             "SET LOCAL work_mem TO '64MB'; SET LOCAL quote_all_identifiers TO off; "
             "SET LOCAL max_parallel_workers_per_gather TO 0;"]
    for i, f in enumerate(sorted((ROOT / "sql" / "pg").glob("*.sql"))):
        body = "\n".join(l for l in for_version(f.read_text(), version).splitlines() if not l.startswith("--"))
        if "$3" in body:
            parts.append(f"PREPARE q{i}(text[], text[], bool) AS {body};")
            parts.append(f"EXECUTE q{i}('{{}}', '{{}}', false);")
        elif "$1" in body:
            parts.append(f"PREPARE q{i}(text[], text[]) AS {body};")
            parts.append(f"EXECUTE q{i}('{{}}', '{{}}');")
        else:
            parts.append(body + ";")
    parts.append("COMMIT;")
    return "\n".join(parts) + "\n"


def timed(cmd, ok=(0,), stdin=None):
    """Wall seconds and peak RSS (MB) of one child process."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.PIPE if stdin else None)
    if stdin:
        p.stdin.write(stdin.encode())
        p.stdin.close()
    _, status, usage = os.wait4(p.pid, 0)
    secs = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    err = p.stderr.read().decode(errors="replace")
    if code not in ok:
        raise RuntimeError(f"{cmd[0]} exited {code}: {err[-500:]}")
    return secs, usage.ru_maxrss / 1024, err


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100,1000,5000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--url", default=os.environ.get("PGDRIFT_BENCH_URL", "postgresql://postgres@127.0.0.1:5432/postgres"))
    ap.add_argument("--no-migra", action="store_true")
    args = ap.parse_args()
    sh(["cargo", "build", "--release", "--quiet"], cwd=ROOT)
    pgdrift = str(ROOT / "target" / "release" / "pgdrift")
    migra = None if args.no_migra else ensure_migra()
    version = int(psql(args.url, "-At", "-c", "SHOW server_version_num").stdout.strip())
    script = catalog_script(version)
    rows = []
    for n in [int(x) for x in args.sizes.split(",")]:
        a, b = gen.build(n), None
        b = gen.mutate(a)
        ua = load(args.url, f"pgdrift_bench_{n}_a", gen.render(a))
        ub = load(args.url, f"pgdrift_bench_{n}_b", gen.render(b))
        res = {"pgdrift": [], "migra": [], "psql": [], "rss": []}
        queries = ""
        for r in range(args.runs):
            s, rss, err = timed([pgdrift, "--stats", ua, ub], ok=(0, 1, 2, 3))
            res["pgdrift"].append(s)
            res["rss"].append(rss)
            queries = next((l for l in err.splitlines() if "queries" in l), "")
            if migra:
                res["migra"].append(timed([migra, "--unsafe", ua, ub], ok=(0, 2, 3))[0])
            t = time.perf_counter()
            for u in (ua, ub):
                timed(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", u, "-f", "-"], stdin=script)
            res["psql"].append(time.perf_counter() - t)
        med = {k: statistics.median(v) if v else float("nan") for k, v in res.items()}
        # Each run times pgdrift and migra back to back: the median of the per-run ratios is robust to the
        # machine's speed drifting between runs (shared VMs drift by up to 2x within minutes).
        med["ratio"] = statistics.median(m / p for m, p in zip(res["migra"], res["pgdrift"])) if res["migra"] \
            else float("nan")
        print(f"  pgdrift runs: {' '.join(f'{x:.3f}' for x in res['pgdrift'])}; "
              f"migra runs: {' '.join(f'{x:.2f}' for x in res['migra'])}", file=sys.stderr)
        per_side = queries.split(" in ")[1].split(" queries")[0] if " in " in queries else "?"
        rows.append((n, gen.count_objects(a), med, max(res["rss"]), per_side))
        print(f"{n} tables: pgdrift {med['pgdrift']:.3f}s  migra {med['migra']:.3f}s  psql {med['psql']:.3f}s  "
              f"rss {max(res['rss']):.0f} MB", file=sys.stderr)
    cpu = subprocess.run(["sh", "-c", "nproc; grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"],
                         capture_output=True, text=True).stdout.split("\n")
    server = psql(args.url, "-At", "-c", "SHOW server_version").stdout.strip()
    lines = [f"Machine: {cpu[0].strip()} cores, {cpu[1].strip()}; PostgreSQL {server}; median of {args.runs} runs, interleaved.",
             "",
             "| tables | objects | catalog queries via psql, both sides (s) | pgdrift (s) | migra (s) | pgdrift / psql floor | migra / pgdrift (median of per-run ratios) | pgdrift peak RSS (MB) | queries per side |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, objs, m, rss, q in rows:
        ratio_m = m["ratio"]
        lines.append(f"| {n:,} | {objs:,} | {m['psql']:.3f} | {m['pgdrift']:.3f} | {m['migra']:.2f} | "
                     f"{m['pgdrift'] / m['psql']:.2f} | {ratio_m:.1f}x | {rss:.0f} | {q} |")
    table = "\n".join(lines)
    print(table)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "latest.md").write_text(table + "\n")


if __name__ == "__main__":
    main()
