"""Recording changes: `audit_log(action="report.sent", obj=report, user=…, changes=…)`.

Changes are a mapping of field name to [old, new]; `diff` builds it from two
snapshots. Entries are written in the caller's transaction, so a change that
is rolled back leaves no entry behind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import connection, models

from xhht.audit.models import AuditEntry
from xhht.kernel.clock import now
from xhht.kernel.sql import insert_many
from xhht.orgunits.models import OrgUnit

if TYPE_CHECKING:  # the user model is reached through AUTH_USER_MODEL, not imported
    from xhht.accounts.models import User


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for every field whose value differs."""
    changes = {}
    for name in sorted(set(old) | set(new)):
        before, after = _plain(old.get(name)), _plain(new.get(name))
        if before != after:
            changes[name] = [before, after]
    return changes


def audit_log(
    *,
    action: str,
    obj: models.Model,
    user: User | None,
    changes: Mapping[str, Any] | None = None,
    unit: OrgUnit | None = None,
) -> AuditEntry:
    """Record that `user` did `action` (a dotted code, "report.returned") to `obj`."""
    return AuditEntry.objects.create(
        at=now(),
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        unit=unit,
        changes={key: _plain(value) for key, value in (changes or {}).items()},
    )


@dataclass(frozen=True)
class AuditRecord:
    """One object's change, for audit_log_many; `changes` plain already (diff's output)."""

    obj: models.Model
    changes: Mapping[str, Any]
    unit_id: int | None = None


def audit_log_many(
    *, action: str, records: list[AuditRecord], user: User | None, at: datetime | None = None
) -> None:
    """audit_log for many objects at once: one `action` by `user` at one instant, written
    by multi-row INSERTs (kernel.sql.insert_many): building a model per entry cost more
    than the database's work."""
    meta = AuditEntry._meta
    names = ("at", "user", "action", "object_type", "object_id", "unit", "changes")
    fields: list[Any] = [meta.get_field(name) for name in names]
    who = user.pk if user is not None and user.is_authenticated else None
    when = fields[0].get_db_prep_save(at or now(), connection)
    rows = [
        (
            when,
            who,
            action,
            record.obj._meta.label_lower,
            str(record.obj.pk),
            record.unit_id,
            fields[6].get_db_prep_save(dict(record.changes), connection),
        )
        for record in records
    ]
    columns = [(str(f.column), str(f.db_type(connection))) for f in fields]
    insert_many(meta.db_table, columns, rows)


def history_of(obj: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("user")
