"""Making, revoking and recognising API tokens; each change audited."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction

from xhht.accounts.models import User
from xhht.api.models import ApiToken
from xhht.audit.services import audit_log
from xhht.kernel.clock import now

PREFIX = "xhht_"
# A token's last use is written at most this often, not on every call.
_LAST_USED_EVERY = timedelta(minutes=5)


def digest_of(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def token_create(*, user: User, name: str, read_only: bool) -> tuple[ApiToken, str]:
    """A new token for `user`: the row, and the token itself, which is shown once."""
    raw = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip(),
            prefix=raw[: len(PREFIX) + 6],
            digest=digest_of(raw),
            read_only=read_only,
            created_at=now(),
        )
        audit_log(
            action="api.token_created",
            obj=token,
            user=user,
            unit=user.unit,
            changes={"name": [None, token.name], "read_only": [None, read_only]},
        )
    return token, raw


def token_revoke(*, token: ApiToken, user: User) -> None:
    """Revoke the token (once; a revoked token stays listed, never works again)."""
    with transaction.atomic():
        updated = ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=now())
        if updated:
            audit_log(
                action="api.token_revoked",
                obj=token,
                user=user,
                unit=user.unit,
                changes={"revoked": [False, True]},
            )


def token_holder(raw: str) -> ApiToken | None:
    """The active token `raw` is, with its active user; None for anything else."""
    if not raw.startswith(PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__unit")
        .filter(digest=digest_of(raw), revoked_at=None, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    moment = now()
    if token.last_used_at is None or moment - token.last_used_at > _LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=moment)
        token.last_used_at = moment
    return token
