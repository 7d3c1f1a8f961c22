"""A throwaway database for a benchmark: the settings it needs, migrated, and a few figures helpers.

Without XHHT_DATABASE_URL the benchmark gets a fresh SQLite file in a temporary
folder; under tools/pgcluster.py it gets that throwaway PostgreSQL cluster.
Never the developer's own database: `generate_national` refuses one that
already holds its data.
"""

from __future__ import annotations

import os
import platform
import secrets
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

TODAY = "2013-06-20"


def django_ready() -> str:
    """Configure and set up Django on a fresh, migrated database; return its engine's name."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    var_dir = Path(tempfile.mkdtemp(prefix="xhht-bench-"))  # the SQLite file, unless a URL
    (var_dir / "static").mkdir()
    os.environ["XHHT_VAR_DIR"] = str(var_dir)
    os.environ["XHHT_DEBUG"] = "0"  # DEBUG would keep every query in memory
    os.environ.setdefault("XHHT_SECRET_KEY", secrets.token_urlsafe(40))
    os.environ["XHHT_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ["XHHT_TODAY"] = TODAY
    os.environ["XHHT_LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xhht.settings")
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    return "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"


class QueryCounter:
    """Counts the queries run while it is installed (`with connection.execute_wrapper(...)`)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def machine() -> str:
    """The interpreter, the cores and how busy they were: figures on a loaded machine run slower."""
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {load}"
    )


def describe(label: str, seconds: list[float]) -> str:
    """ "label: median 123.4 ms (min …, p90 …, max …, n=…)"."""
    ordered = sorted(seconds)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return (
        f"{label}: median {1000 * statistics.median(ordered):.1f} ms "
        f"(min {1000 * ordered[0]:.1f}, p90 {1000 * p90:.1f}, max {1000 * ordered[-1]:.1f}, "
        f"n={len(ordered)})"
    )
