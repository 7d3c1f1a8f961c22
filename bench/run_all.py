"""Run every benchmark script of bench/ and print their figures (`make bench`).

A script that says `USES_DATABASE = True` runs twice: on a throwaway SQLite
file, then on a throwaway PostgreSQL cluster through tools/pgcluster.py (which
skips with a message where PostgreSQL is not installed). Figures are printed,
never asserted; the exit status is that of the first script that failed.

Run: .venv/bin/python bench/run_all.py [NAME ...]   (e.g. publish dashboard parser)
"""

from __future__ import annotations

import os
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


def runs(script: Path) -> list[tuple[str, list[str]]]:
    """The command lines for one script: SQLite only, or SQLite then PostgreSQL."""
    python = sys.executable
    plain = [python, str(script)]
    if MARK not in script.read_text(encoding="utf-8"):
        return [("", plain)]
    return [
        ("SQLite", plain),
        ("PostgreSQL", [python, str(ROOT / "tools" / "pgcluster.py"), "--", *plain]),
    ]


def main(argv: list[str]) -> int:
    status = 0
    env = {key: value for key, value in os.environ.items() if key != "XHHT_DATABASE_URL"}
    for script in scripts(argv):
        for database, command in runs(script):
            title = f"{script.name}" + (f" on {database}" if database else "")
            print(f"=== {title}", flush=True)
            start = time.perf_counter()
            code = subprocess.run(command, cwd=ROOT, env=env).returncode
            print(f"=== {title}: exit {code}, {time.perf_counter() - start:.0f} s\n", flush=True)
            status = status or code
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
