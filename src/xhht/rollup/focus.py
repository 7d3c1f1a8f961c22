"""Which unit a roll-up looks at, for the page and the API alike."""

from __future__ import annotations

from django.http import Http404

from xhht.accounts import scope
from xhht.accounts.models import User
from xhht.campaigns import dashboards
from xhht.campaigns.models import Campaign
from xhht.orgunits.models import OrgUnit


def rollup_focus_or_404(
    user: User, campaign: Campaign, unit_pk: int | None
) -> tuple[OrgUnit, set[int] | None]:
    """The unit rolled up (`unit_pk`, else the user's own) and the indicators `user` may read
    there (None: all). A unit outside the user's reach answers 404."""
    if unit_pk is None:
        focus = dashboards.focus_or_404(user, campaign, None)
        readable = scope.indicators_readable_in(user, focus)
        if readable is not None and not readable:
            raise Http404
        return focus, readable
    return scope.readable_unit_or_404(user, unit_pk, within=campaign.root)
