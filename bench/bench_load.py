"""The deadline rush: simulated officers of every level on gunicorn, with locust (issue 16).

run_all.py runs it on SQLite, then on PostgreSQL (tools/pgcluster.py); alone,
`--postgres` does the latter.

On a throwaway database (benchdb) it loads the demo as `make run` does, makes
N officers across the campaign's units (load/load_setup.py), serves the site
with gunicorn on a free loopback port, and runs locust headless on the same
machine with load/locustfile.py: each officer logs in once (the login rush,
reported apart: one password hash each, Django's secure default), then walks
the mix with 0.5–2 s of thought. Once all have logged in and --settle seconds
have passed (the logins' queue drains, reported apart), the steady run lasts
--run-time seconds. Nothing listens outside 127.0.0.1; users and time are
bounded (locust's --run-time caps the whole run).

Printed: requests/s, p50/p95/p99 of each page and overall, errors; the CPU
seconds of gunicorn's processes, of PostgreSQL's and of the load generator,
beside the wall seconds and the load average before and after — the load
generator shares the cores. Then every acknowledged save and send is looked
up in the database. The goal (100 requests/s, p99 under 1 s, 200 officers,
PostgreSQL) is judged only at 200 officers or more.

    .venv/bin/python bench/bench_load.py                          # 50 officers, 60 s, SQLite
    .venv/bin/python bench/bench_load.py --users 200 --run-time 120 --postgres
"""

from __future__ import annotations

import json
import os
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import benchdb

sys.path.insert(0, str(Path(__file__).resolve().parent / "load"))

import load_procs
import load_setup
from load_journeys import LOGIN

USES_DATABASE = True
BIN = Path(sys.executable).parent
LOCUSTFILE = Path(__file__).resolve().parent / "load" / "locustfile.py"
GOAL_RPS, GOAL_P99_MS, GOAL_USERS = 100, 1000, 200
Timing = list[Any]  # [end (Unix time), name, milliseconds, succeeded, bytes]


def arguments(argv: list[str]) -> Any:
    parser = benchdb.parser(__doc__)
    parser.add_argument("--users", type=int, default=50, help="simulated officers (50)")
    parser.add_argument(
        "--spawn-rate",
        type=float,
        default=0.0,
        help="officers started a second (users / 100: a login's password hash takes about 0.9 s of CPU)",
    )
    parser.add_argument(
        "--run-time", type=int, default=60, help="seconds of steady run after the logins (60)"
    )
    parser.add_argument(
        "--settle",
        type=int,
        default=30,
        help="seconds between the last login and the steady run, reported apart: the "
        "logins' queue drains and the officers begin to write (30)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 2,
        help="gunicorn's workers (one per core, as `make run` serves)",
    )
    parser.add_argument("--postgres", action="store_true", help="on a throwaway PostgreSQL")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= 1000 or not 1 <= args.run_time <= 3600:
        parser.error("--users must be 1–1000 and --run-time 1–3600 seconds")
    if not 0 <= args.settle <= 600:
        parser.error("--settle must be 0–600 seconds")
    return args


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def gunicorn_start(port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    # As `make run` serves: each worker keeps its PostgreSQL connection between requests.
    env = {"XHHT_DB_CONN_MAX_AGE": "60", **os.environ, "PYTHONPATH": str(benchdb.ROOT / "src")}
    command = [str(BIN / "gunicorn"), "xhht.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--timeout", "120", "--graceful-timeout", "10"]
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=benchdb.ROOT, env=env, stdout=out, stderr=out)
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer on port {port}:\n{log.read_text()[-3000:]}")


def postgres_pid() -> int | None:
    url = os.environ.get("XHHT_DATABASE_URL", "")
    if not url.startswith("postgres"):
        return None
    return load_procs.postmaster_of(unquote(urlsplit(url).netloc.rpartition("@")[2]))


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def page_line(name: str, rows: list[Timing], seconds: float) -> str:
    times = sorted(row[2] for row in rows)
    failed = sum(1 for row in rows if not row[3])
    return (
        f"  {name[:28]:<28} {len(rows):>6} {len(rows) / seconds:>7.1f} {failed:>5} "
        f"{percentile(times, 0.5):>7.0f} {percentile(times, 0.95):>7.0f} "
        f"{percentile(times, 0.99):>7.0f} {times[-1] if times else 0:>7.0f}"
    )


def table(title: str, rows: list[Timing], seconds: float) -> list[str]:
    by_name: dict[str, list[Timing]] = {}
    for row in rows:
        by_name.setdefault(row[1], []).append(row)
    lines = [
        f"{title}: {len(rows)} requests in {seconds:.1f} s = {len(rows) / seconds:.1f} requests/s",
        f"  {'page':<28} {'n':>6} {'req/s':>7} {'fail':>5} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7} {'max ms':>7}",
    ]
    lines += [page_line(name, by_name[name], seconds) for name in sorted(by_name)]
    lines.append(page_line("ALL", rows, seconds))
    return lines


def cpu_lines(sampler: load_procs.Sampler, start: float, end: float, requests: int) -> list[str]:
    wall, cpu = sampler.between(start, end)
    first, last = sampler.at(start), sampler.at(end)
    busy = sum(cpu.values())
    shown = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in cpu.items())
    server = cpu.get("gunicorn", 0.0) + cpu.get("PostgreSQL", 0.0)
    return [
        f"  CPU seconds: {shown}; together {busy:.1f} s of {wall:.1f} s wall "
        f"× {os.cpu_count()} cores = {100 * busy / max(wall * (os.cpu_count() or 1), 1e-9):.0f} %",
        f"  server CPU per request ({' + '.join(n for n in ('gunicorn', 'PostgreSQL') if n in cpu)}): "
        f"{1000 * server / max(requests, 1):.1f} ms",
        f"  load average: before {', '.join(f'{v:.1f}' for v in first.load)}; "
        f"after {', '.join(f'{v:.1f}' for v in last.load)}",
    ]


def report(
    args: Any, engine: str, out: Path, sampler: load_procs.Sampler, began: float, ended: float
) -> tuple[list[Timing], float]:
    """Prints the login rush, the settling and the steady run; returns the steady run's
    requests and seconds (the whole run's if the steady run never began)."""
    timings: list[Timing] = []
    path = out / "requests.jsonl"
    if path.exists():
        timings = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    steady = json.loads((out / "steady.json").read_text()) if (out / "steady.json").exists() else {}
    logins = [row for row in timings if row[1].startswith(LOGIN)]
    rush_end = max((row[0] for row in logins), default=began)
    print(f"== login rush: {args.users} officers logging in, spawned at {args.spawn_rate:g}/s")
    for line in table("  logins", logins, max(rush_end - began, 1e-9)):
        print(f"  {line}")
    mix_in_rush = [r for r in timings if r[0] <= rush_end and not r[1].startswith(LOGIN)]
    print(f"  meanwhile {len(mix_in_rush)} requests of the mix from officers already in")
    for line in cpu_lines(sampler, began, rush_end, len(logins) + len(mix_in_rush)):
        print(f"  {line}")
    settle = float(steady.get("settle", rush_end))
    start, end = float(steady.get("from", settle)), float(steady.get("to", ended))
    if start > settle:
        print(
            f"== settling, {args.settle} s: the logins' queue drains, the officers begin to write"
        )
        settling = [r for r in timings if settle < r[0] <= start and not r[1].startswith(LOGIN)]
        for line in table("  the mix", settling, start - settle):
            print(f"  {line}")
        for line in cpu_lines(sampler, settle, start, len(settling)):
            print(line)
    if "to" not in steady:
        print("!! the steady run did not complete (not every officer logged in in time)")
    window = [r for r in timings if start < r[0] <= end and not r[1].startswith(LOGIN)]
    seconds = max(end - start, 1e-9)
    print(f"== steady run on {engine}: {args.users} officers, gunicorn {args.workers} workers")
    for line in table("  the mix", window, seconds):
        print(f"  {line}")
    for line in cpu_lines(sampler, start, end, len(window)):
        print(line)
    return window, seconds


def verdict(args: Any, engine: str, window: list[Timing], seconds: float) -> None:
    times = sorted(row[2] for row in window)
    rps, p99 = len(window) / seconds, percentile(times, 0.99)
    failed = sum(1 for row in window if not row[3])
    judged = args.users >= GOAL_USERS and not args.smoke
    met = rps >= GOAL_RPS and p99 < GOAL_P99_MS and failed == 0
    outcome = ("met" if met else "NOT MET") if judged else f"not judged ({args.users} officers)"
    print(
        f"goal ({GOAL_RPS} requests/s, p99 under {GOAL_P99_MS} ms, no error, {GOAL_USERS} "
        f"officers) on {engine}: {rps:.1f} requests/s, p99 {p99:.0f} ms, {failed} errors: {outcome}"
    )


def failures(out: Path) -> str:
    """What locust said of its failed requests (its error report) and the end of gunicorn's
    log (a server error's traceback): the throwaway folder holding them is removed."""
    said = (out / "locust.log").read_text(errors="replace")
    at = said.find("Error report")
    server = (out / "gunicorn.log").read_text(errors="replace")
    return "\n".join(
        [
            "== what locust said",
            said[at:][-3000:] if at >= 0 else said[-3000:],
            "== the end of gunicorn's log",
            server[-3000:] or "(empty)",
        ]
    )


def load_run(args: Any, engine: str) -> int:
    var_dir = Path(os.environ["XHHT_VAR_DIR"])
    out = var_dir / "load"
    out.mkdir()
    with benchdb.measured() as span:
        load_setup.demo_load()
        password = secrets.token_urlsafe(12)
        plan = load_setup.officers_make(args.users, password)
    levels = {o["level"] for o in plan["officers"]}
    writers = sum(1 for o in plan["officers"] if o["writes"])
    print(
        f"setup (demo, {args.users} officers of {len(levels)} levels, {writers} writing "
        f"their report, one password hash): {span}",
        flush=True,
    )
    (out / "plan.json").write_text(json.dumps({**plan, "password": password}), "utf-8")
    from django.db import connections

    connections.close_all()
    port = free_port()
    server = gunicorn_start(port, args.workers, out / "gunicorn.log")
    roots = {"gunicorn": server.pid}
    postgres = postgres_pid()
    if postgres is not None:
        roots["PostgreSQL"] = postgres
    sampler = load_procs.Sampler(roots)
    sampler.start()
    cap = args.settle + args.run_time + 60 + 3 * args.users  # the whole run's bound
    command = [str(BIN / "locust"), "-f", str(LOCUSTFILE), "--headless", "--only-summary"]
    command += ["--users", str(args.users), "--spawn-rate", f"{args.spawn_rate:g}"]
    command += ["--run-time", f"{cap}s", "--host", f"http://127.0.0.1:{port}"]
    command += ["--stop-timeout", "5", "--loglevel", "WARNING"]
    env = {**os.environ, "BENCH_LOAD_PLAN": str(out / "plan.json"), "BENCH_LOAD_OUT": str(out)}
    env["BENCH_LOAD_STEADY"], env["BENCH_LOAD_SETTLE"] = str(args.run_time), str(args.settle)
    print(
        f"locust: {args.users} officers, {args.settle} s settling, steady run {args.run_time} s, "
        f"at most {cap} s in all"
    )
    print(f"load average before: {benchdb.load_average()}", flush=True)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.time()
    locust = None
    try:
        with (out / "locust.log").open("wb") as log:
            locust = subprocess.Popen(command, cwd=benchdb.ROOT, env=env, stdout=log, stderr=log)
            sampler.roots["load generator"] = locust.pid
            code = locust.wait(timeout=cap + 120)
        ended = time.time()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # locust waited for, not gunicorn
    finally:
        if locust is not None and locust.poll() is None:
            locust.terminate()
            locust.wait(timeout=60)
        sampler.stop()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    generator = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    print(f"locust exit {code}; load average after: {benchdb.load_average()}")
    if code != 0:  # 1: a request failed; else locust itself stopped
        print(failures(out))
    window, seconds = report(args, engine, out, sampler, began, ended)
    print(
        f"whole run: {ended - began:.1f} s wall; the load generator used {generator:.1f} s CPU, "
        f"gunicorn {sampler.between(began, ended)[1]['gunicorn']:.1f} s"
    )
    from django.db import connection

    connection.connect()
    checked = load_setup.verify(out / "acks.jsonl", plan["revisions"])
    print("== every acknowledged save and send, in the database:")
    for line in checked.lines():
        print(f"  {line}")
    verdict(args, engine, window, seconds)
    return 1 if checked.missing else 0


def main(argv: list[str]) -> int:
    args = arguments(argv)
    if args.smoke:
        # Its setup alone loads the whole demo (minutes on this machine): no smoke run.
        print("bench_load: no smoke mode (the demo's setup takes minutes); run it alone")
        benchdb.finished()
        return 0
    url = os.environ.get("XHHT_DATABASE_URL", "")
    if url and "xhht-pg-" not in url:  # not tools/pgcluster.py's throwaway cluster
        print("bench_load: XHHT_DATABASE_URL ignored: it runs on a throwaway database only")
        del os.environ["XHHT_DATABASE_URL"]
    if args.postgres and "XHHT_DATABASE_URL" not in os.environ:
        rest = [a for a in argv if a != "--postgres"]
        pgcluster = str(benchdb.ROOT / "tools" / "pgcluster.py")
        return subprocess.run(
            [sys.executable, pgcluster, "--", sys.executable, __file__, *rest]
        ).returncode
    if not (BIN / "locust").exists() or not shutil.which("gunicorn", path=str(BIN)):
        print("locust or gunicorn is not installed: `make bench` installs requirements/bench.lock")
        return 1
    # Stopped, it still stops its servers and removes its throwaway folder.
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sys.exit(143))
    # Logins at the rate two cores hash their passwords, not faster: a faster rush only
    # queues them past the client's 60 s timeout, and those officers never start.
    args.spawn_rate = args.spawn_rate or max(1.0, args.users / 100)
    print(f"bench_load: {benchdb.machine()}", flush=True)
    engine = benchdb.django_ready()
    status = load_run(args, engine)
    benchdb.finished()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
