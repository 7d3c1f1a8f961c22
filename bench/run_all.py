"""Run every benchmark script of bench/ and print their figures (`make bench`).

A script that says `USES_DATABASE = True` runs twice: on a throwaway SQLite
file, then on a throwaway PostgreSQL cluster through tools/pgcluster.py (which
skips with a message where PostgreSQL is not installed). Figures are printed,
never asserted; the exit status is that of the first script that failed.

--smoke is passed on to every script (the same code on the smallest data, in
seconds; see benchdb.py) and runs the database benchmarks on SQLite only.

Run: .venv/bin/python bench/run_all.py [--smoke] [NAME ...]   (e.g. publish dashboard parser)
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
MARK = "USES_DATABASE = True"


def scripts(names: list[str]) -> list[Path]:
    found = sorted(BENCH.glob("bench_*.py"))
    if names:
        found = [path for path in found if any(name in path.stem for name in names)]
    return found


def runs(script: Path, smoke: bool) -> list[tuple[str, list[str]]]:
    """The command lines for one script: SQLite only, or SQLite then PostgreSQL."""
    python = sys.executable
    plain = [python, str(script), *(["--smoke"] if smoke else [])]
    if MARK not in script.read_text(encoding="utf-8"):
        return [("", plain)]
    if smoke:
        # A smoke run checks that the code runs; starting a cluster would take longer than it.
        return [("SQLite", plain)]
    return [
        ("SQLite", plain),
        ("PostgreSQL", [python, str(ROOT / "tools" / "pgcluster.py"), "--", *plain]),
    ]


def children_cpu() -> float:
    """CPU seconds used so far by the finished child processes (and theirs, once waited for)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--smoke", action="store_true", help="pass --smoke on; SQLite only")
    parser.add_argument("names", nargs="*", help="run only the scripts whose name holds one")
    args = parser.parse_args(argv)
    status = 0
    env = {key: value for key, value in os.environ.items() if key != "XHHT_DATABASE_URL"}
    for script in scripts(args.names):
        for database, command in runs(script, args.smoke):
            title = f"{script.name}" + (f" on {database}" if database else "")
            print(f"=== {title}", flush=True)
            start, cpu = time.perf_counter(), children_cpu()
            code = subprocess.run(command, cwd=ROOT, env=env).returncode
            print(
                f"=== {title}: exit {code}, {time.perf_counter() - start:.0f} s wall, "
                f"{children_cpu() - cpu:.0f} s CPU\n",
                flush=True,
            )
            status = status or code
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
