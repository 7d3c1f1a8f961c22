"""Template tags of campaigns: the campaigns a user takes part in, for the home page."""

from __future__ import annotations

from django import template

from xhht.accounts.models import User
from xhht.campaigns import dashboards
from xhht.campaigns.models import Campaign

register = template.Library()


@register.simple_tag
def user_campaigns(user: User, limit: int = 10) -> list[Campaign]:
    """The latest campaigns `user` takes part in (those with an obligation it may see)."""
    if not user.is_authenticated:
        return []
    return list(dashboards.campaigns_for(user)[:limit])
