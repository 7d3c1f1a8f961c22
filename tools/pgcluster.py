"""Run a command against a throwaway PostgreSQL cluster.

    python tools/pgcluster.py -- pytest ...

initdb refuses to run as root, so under root the cluster belongs to the
unprivileged user `nobody`. The server listens on a unix socket only, in a
temporary folder that is removed afterwards. XHHT_DATABASE_URL is set for the
command. Where the PostgreSQL binaries are missing the run is skipped with a
message, unless CI=true or XHHT_REQUIRE_POSTGRES=1, where that is a failure.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

DB_USER = "xhht"
DB_NAME = "xhht"


def find_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(Path(path).parts[4]) if Path(path).parts[4].isdigit() else 0,
    )
    return candidates[-1] if candidates else None


def required() -> bool:
    return os.environ.get("CI") == "true" or os.environ.get("XHHT_REQUIRE_POSTGRES") == "1"


def as_owner(owner: pwd.struct_passwd | None) -> dict[str, object]:
    if owner is None:
        return {}
    return {"user": owner.pw_uid, "group": owner.pw_gid, "extra_groups": []}


def main(argv: list[str]) -> int:
    if "--" not in argv:
        print("usage: pgcluster.py -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    command = argv[argv.index("--") + 1 :]
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    if not initdb or not pg_ctl:
        message = "PostgreSQL binaries (initdb, pg_ctl) not found: the PostgreSQL run is SKIPPED"
        if required():
            print(f"ERROR: {message} — it is required here (CI=true).", file=sys.stderr)
            return 1
        print(f"*** {message}. Install postgresql to run it. ***", file=sys.stderr)
        return 0

    owner = pwd.getpwnam("nobody") if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="xhht-pg-"))
    data = folder / "data"
    try:
        if owner is not None:
            os.chown(folder, owner.pw_uid, owner.pw_gid)
        run_kwargs = {"cwd": folder, "env": {**os.environ, "LC_ALL": "C.UTF-8"}, **as_owner(owner)}
        subprocess.run(
            [
                initdb,
                "-D",
                str(data),
                "-U",
                DB_USER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            **run_kwargs,  # type: ignore[arg-type]
        )
        options = (
            f"-c listen_addresses='' -k {folder} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=50"
        )
        subprocess.run(
            [
                pg_ctl,
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "server.log"),
                "-w",
                "start",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            **run_kwargs,  # type: ignore[arg-type]
        )
        try:
            url = f"postgres://{DB_USER}@{quote(str(folder), safe='')}/{DB_NAME}"
            env = {**os.environ, "XHHT_DATABASE_URL": url}
            subprocess.run(
                [
                    str(Path(os.path.realpath(initdb)).with_name("createdb")),
                    "-h",
                    str(folder),
                    "-U",
                    DB_USER,
                    DB_NAME,
                ],
                check=True,
                env=env,
            )
            print(f"PostgreSQL cluster on {folder} — running: {' '.join(command)}", flush=True)
            return subprocess.run(command, env=env).returncode
        finally:
            subprocess.run(
                [pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"],
                stdout=subprocess.DEVNULL,
                **run_kwargs,  # type: ignore[arg-type]
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
