"""A unit's deadlines as an iCalendar feed, and the secret links calendar apps subscribe to.

Calendar apps cannot log in, so each user gets a feed URL carrying a signed
token of their primary key. The signature is salted with the user's password
hash: changing the password (or deactivating the account) revokes the link.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.core import signing
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from xhht.accounts.models import User
from xhht.campaigns.models import Conference, ConferencePlan, Deliverable, Obligation, State
from xhht.kernel.clock import now, today
from xhht.orgunits.models import OrgUnit

FEED_SALT = "xhht.campaigns.feed"
# A dot: not in the signature's base64 alphabet, and plain in a URL path.
TOKEN_SEPARATOR = "."


def _signer(user: User) -> signing.Signer:
    return signing.Signer(salt=f"{FEED_SALT}:{user.password}", sep=TOKEN_SEPARATOR)


def feed_token(user: User) -> str:
    """The secret part of `user`'s feed URL."""
    return _signer(user).sign(str(user.pk))


def feed_user(token: str) -> User | None:
    """The active user whose feed `token` opens, or None for a bad or revoked token."""
    pk, _sep, _signature = token.partition(TOKEN_SEPARATOR)
    if not pk.isdigit():
        return None
    user = User.objects.filter(pk=int(pk), is_active=True).select_related("unit").first()
    if user is None:
        return None
    try:
        _signer(user).unsign(token)
    except signing.BadSignature:
        return None
    return user


def unit_deadlines(unit: OrgUnit) -> QuerySet[Obligation]:
    """What `unit` owes across the published campaigns not withdrawn, soonest first."""
    return (
        Obligation.objects.filter(
            unit=unit, campaign__published_at__isnull=False, campaign__withdrawn_at__isnull=True
        )
        .select_related("campaign", "unit", "milestone", "conference", "conference_plan")
        .order_by("last_day", "campaign_id", "deliverable")
    )


def _state_line(obligation: Obligation) -> str:
    label = str(State(obligation.state_on(today())).label)
    if obligation.fulfilled_on is not None:
        return _("%(state)s on %(date)s") % {
            "state": label,
            "date": f"{obligation.fulfilled_on:%d/%m/%Y}",
        }
    if obligation.returned_on is not None:
        return _("%(state)s (returned on %(date)s)") % {
            "state": label,
            "date": f"{obligation.returned_on:%d/%m/%Y}",
        }
    return label


def _event(obligation: Obligation, stamp: datetime) -> Event:
    campaign = obligation.campaign
    milestone = obligation.milestone
    event = Event()
    event.add("uid", f"obligation-{obligation.pk}@xhht")
    event.add("dtstamp", stamp)
    event.add("dtstart", obligation.last_day)
    event.add("dtend", obligation.last_day + timedelta(days=1))
    event.add("summary", f"{obligation.get_deliverable_display()} — {campaign.title}")
    lines = [
        _("Deadline as written: %(rule)s") % {"rule": milestone.rule_text},
        _("Last day: %(date)s") % {"date": f"{obligation.last_day:%d/%m/%Y}"},
    ]
    if milestone.wording:
        lines.append(milestone.wording)
    lines.append(_state_line(obligation))
    event.add("description", "\n".join(lines))
    event.add("transp", "TRANSPARENT")
    if obligation.fulfilled_on is None and campaign.reminder_days_before:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event["summary"])
        alarm.add("trigger", -timedelta(days=campaign.reminder_days_before))
        event.add_component(alarm)
    return event


def _conference_event(obligation: Obligation, stamp: datetime) -> Event | None:
    """The unit's conference on its day, held or announced; None when neither."""
    held: Conference | ConferencePlan
    try:
        conference = obligation.conference
        held, on, exhibition = conference, conference.held_on, conference.exhibition_held
        status = _("Held")
    except Conference.DoesNotExist:
        try:
            plan = obligation.conference_plan
        except ConferencePlan.DoesNotExist:
            return None
        held, on, exhibition = plan, plan.planned_on, plan.exhibition
        status = _("Planned")
    event = Event()
    event.add("uid", f"conference-{obligation.pk}@xhht")
    event.add("dtstamp", stamp)
    event.add("dtstart", on)
    event.add("dtend", on + timedelta(days=1))
    event.add(
        "summary",
        _("Review conference of %(unit)s — %(campaign)s")
        % {"unit": obligation.unit.display_name, "campaign": obligation.campaign.title},
    )
    event.add("location", held.venue)
    lines = [status, _("Chaired by: %(chair)s") % {"chair": held.chair}]
    if exhibition:
        lines.append(_("With an exhibition of exemplary models"))
    event.add("description", "\n".join(lines))
    event.add("transp", "TRANSPARENT")
    return event


def deadlines_ics(*, unit: OrgUnit, obligations: QuerySet[Obligation]) -> bytes:
    """The iCalendar file of `obligations`' last days, and of their conferences held or
    planned, as all-day events."""
    calendar = Calendar()
    calendar.add("prodid", "-//XHHT//Deadlines//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("XHHT deadlines: %(unit)s") % {"unit": unit.display_name})
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = now().astimezone(UTC)
    for obligation in obligations:
        calendar.add_component(_event(obligation, stamp))
    # The conferences themselves, on the day they are held or planned, for the press.
    for obligation in obligations:
        if obligation.deliverable == Deliverable.CONFERENCE:
            conference = _conference_event(obligation, stamp)
            if conference is not None:
                calendar.add_component(conference)
    ical: bytes = calendar.to_ical()
    return ical
