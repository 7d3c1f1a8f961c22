"""A database made before the migrations were made afresh cannot be upgraded: say so plainly.

`migrate` runs this check before it touches the database; without it, an old
database would be half-migrated into a layout nobody wrote.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.checks import Error, Tags, register
from django.db import DatabaseError, connections
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

# Tables of the layout before the reset that no migration makes any more.
RETIRED_TABLES = frozenset({"reports_indicator", "reports_target", "reports_indicatorgrant"})
OUR_PREFIX = "xhht."


def stale_database(alias: str = "default") -> list[str]:
    """What marks the database `alias` as made before the reset: applied migrations that no
    longer exist, tables no migration makes; empty for a new or a current database."""
    connection = connections[alias]
    ours = {c.label for c in apps.get_app_configs() if c.name.startswith(OUR_PREFIX)}
    try:
        tables = set(connection.introspection.table_names())
        if "django_migrations" not in tables:
            return []
        loader = MigrationLoader(connection, ignore_no_migrations=True)
    except DatabaseError:
        return []
    missing = sorted(
        f"{app}.{name}"
        for app, name in loader.applied_migrations
        if app in ours and (app, name) not in loader.disk_migrations
    )
    return missing + sorted(RETIRED_TABLES & tables)


@register(Tags.database)
def check_database_is_current(databases: Any = None, **kwargs: Any) -> list[Error]:
    errors = []
    for alias in databases or []:
        marks = stale_database(alias)
        if marks:
            name = connections[alias].settings_dict.get("NAME", alias)
            errors.append(
                Error(
                    _(
                        "The database %(name)s was made by an earlier version of XHHT whose "
                        "database layout has since been made afresh (it holds %(marks)s); it "
                        "cannot be upgraded. Move it aside (for `make run`: mv var var.old) and "
                        "run `make run` again to make a new one."
                    )
                    % {"name": name, "marks": ", ".join(marks[:5])},
                    id="xhht.E001",
                )
            )
    return errors
