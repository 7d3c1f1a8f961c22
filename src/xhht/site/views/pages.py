"""Home page, unit pages and the health check."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.campaigns.dashboards import campaigns_for
from xhht.kernel import clock
from xhht.orgunits.selectors import children_of, level_totals, subtree_counts


def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 when it does not; names the instant the clock reads."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse(
        f"ok\nclock: {clock.now().isoformat(timespec='seconds')}\n", content_type="text/plain"
    )


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    unit = user.unit
    context: dict[str, object] = {"unit": unit}
    if unit is not None:
        counts = subtree_counts(scope.visible_units(user).subtree_of(unit))
        context.update(
            counts=counts,
            totals=level_totals(counts),
            # A unit alone in its subtree (a commune) has no children to look up.
            children=children_of(unit) if sum(c.count for c in counts) > 1 else [],
            can_manage_accounts=scope.can_manage_accounts(user, unit),
        )
    return render(request, "site/home.html", context)


@login_required
def unit_detail(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    user = request.user
    unit = scope.unit_or_404(user, unit_id)
    counts = subtree_counts(scope.visible_units(user).subtree_of(unit))
    ancestors = [a for a in unit.ancestors() if scope.can_see_unit(user, a)]
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "counts": counts,
        "totals": level_totals(counts),
        "children": children_of(unit),
        "users": unit.users.filter(is_active=True).order_by("username"),
        "can_manage_accounts": scope.can_manage_accounts(user, unit),
        "can_change": scope.can_change_unit_work(user, unit),
        "unit_campaigns": [c for c in campaigns_for(user) if c.root.is_ancestor_of(unit)][:10],
    }
    return render(request, "site/unit_detail.html", context)
