"""`xhht generate_national` on two provinces: the tree from the file, a campaign each, a mix of work."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from tests.campaigns.factories import publish, seed_directive
from tests.conftest import unit
from xhht.campaigns.models import Campaign, Conference, Deliverable, Obligation, State
from xhht.campaigns.selectors import state_counts
from xhht.orgunits.models import Level, OrgUnit
from xhht.orgunits.reference import DATA_DIR
from xhht.synthetic.national import NATIONAL_FILE

pytestmark = pytest.mark.django_db

TODAY = date(2013, 6, 20)
CHOSEN = ("22", "48")  # Quảng Ninh, already loaded by the reference data, and Đà Nẵng


def file_counts(province: str) -> Counter[str]:
    """How many units of each level the national file puts under `province`."""
    with open(DATA_DIR / NATIONAL_FILE, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    kept, counts = {province}, Counter[str]()
    for row in rows:
        if row["code"] == province or row["parent_code"] in kept:
            kept.add(row["code"])
            counts[row["level"]] += 1
    return counts


def generate(*codes: str, **options: str) -> str:
    out = StringIO()
    arguments = [f"--province={code}" for code in codes]
    arguments += [f"--{name}={value}" for name, value in options.items()]
    call_command("generate_national", *arguments, "--seed=7", stdout=out)
    return out.getvalue()


def test_it_builds_the_tree_and_a_campaign_per_province() -> None:
    output = generate(*CHOSEN)

    assert "2 đợt sơ kết, tổng kết" in output
    assert OrgUnit.objects.in_force(TODAY).filter(code="22").count() == 1  # no second Quảng Ninh
    for code in CHOSEN:
        province = unit(code)
        expected = file_counts(code)
        below = OrgUnit.objects.in_force(TODAY).below(province)
        assert below.filter(level=Level.DISTRICT).count() == expected["district"]
        assert below.filter(level=Level.COMMUNE).count() == expected["commune"]
        assert below.filter(level=Level.AGENCY).count() == 17
        campaign = Campaign.objects.get(root=province)
        shape = Counter(
            (row["unit__level"], row["deliverable"])
            for row in campaign.obligations.values("unit__level", "deliverable")
        )
        assert shape == {
            (Level.COMMUNE, Deliverable.CONFERENCE): expected["commune"],
            (Level.COMMUNE, Deliverable.REPORT): expected["commune"],
            (Level.DISTRICT, Deliverable.CONFERENCE): expected["district"],
            (Level.DISTRICT, Deliverable.REPORT): expected["district"],
            (Level.DISTRICT, Deliverable.NOMINATION): expected["district"],
            (Level.AGENCY, Deliverable.REPORT): 16,
            (Level.PROVINCE, Deliverable.CONFERENCE): 1,
            (Level.PROVINCE, Deliverable.CONSOLIDATED): 1,
        }
    assert file_counts("22") == {"province": 1, "district": 14, "commune": 186}
    assert unit("SGDDT").parent == unit("22")
    assert unit("SGDDT-48").parent == unit("48")
    assert "Đà Nẵng" in unit("SGDDT-48").full_name


def test_the_work_is_a_realistic_mix() -> None:
    generate(*CHOSEN)
    mine = Obligation.objects.filter(campaign__root__code__in=CHOSEN)

    communes = state_counts(mine.filter(unit__level=Level.COMMUNE), TODAY)
    assert communes[State.ON_TIME] > communes[State.LATE] > 0
    assert communes[State.OVERDUE] > 0
    assert communes[State.ON_TIME] > 0.6 * sum(communes.values())
    districts = state_counts(mine.filter(unit__level=Level.DISTRICT), TODAY)
    assert districts[State.PENDING] > districts[State.ON_TIME] > 0
    assert state_counts(mine.filter(unit__level=Level.PROVINCE), TODAY)[State.PENDING] == 4
    assert not mine.filter(fulfilled_on__gt=TODAY).exists()


def test_each_conference_fulfils_its_obligation_on_the_day_it_was_held() -> None:
    generate(*CHOSEN)
    conferences = Conference.objects.filter(obligation__campaign__root__code__in=CHOSEN)
    done = Obligation.objects.filter(
        campaign__root__code__in=CHOSEN,
        deliverable=Deliverable.CONFERENCE,
        fulfilled_on__isnull=False,
    )

    assert conferences.count() == done.count() > 200
    for conference in conferences.select_related("obligation"):
        assert conference.obligation.fulfilled_on == conference.held_on <= TODAY
        assert conference.obligation.fulfilled_at == conference.recorded_at
        assert conference.venue and conference.chair and conference.participants >= 35
    # a commune sends its report only once it has held its conference
    assert not Obligation.objects.filter(
        campaign__root__code__in=CHOSEN,
        unit__level=Level.COMMUNE,
        deliverable=Deliverable.REPORT,
        fulfilled_on__isnull=False,
        unit__obligations__deliverable=Deliverable.CONFERENCE,
        unit__obligations__fulfilled_on__isnull=True,
    ).exists()


def test_some_districts_set_their_communes_an_earlier_day() -> None:
    out = StringIO()
    # the file's first province, Hà Nội: 29 districts, enough for a few to set their own rule
    call_command("generate_national", "--provinces=1", "--seed=7", stdout=out)
    assert "1 đợt sơ kết, tổng kết" in out.getvalue()

    refined = (
        Obligation.objects.filter(campaign__root__code="01", milestone__parent__isnull=False)
        .values("milestone__set_by")
        .annotate(n=Count("id"))
    )
    assert refined
    for row in refined:
        district = OrgUnit.objects.get(pk=row["milestone__set_by"])
        assert row["n"] == district.children.count()
    assert not Obligation.objects.filter(
        milestone__parent__isnull=False, last_day__gte=date(2013, 6, 10)
    ).exists()


def test_it_refuses_a_second_run() -> None:
    generate("48")

    with pytest.raises(CommandError, match="đã có dữ liệu toàn quốc"):
        generate("02")
    assert not OrgUnit.objects.filter(code="02").exists()


def test_it_refuses_a_province_that_has_a_campaign_and_writes_nothing() -> None:
    publish(seed_directive())

    with pytest.raises(CommandError, match="Quảng Ninh đã có đợt sơ kết"):
        generate("48", "22")
    assert not OrgUnit.objects.filter(code="48").exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"date": "2011-01-01"}, "nằm ngoài thời gian hiệu lực"),
        ({"today": "2013-05-01"}, "trước ngày lấy cơ cấu đơn vị"),
        ({"date": "2013-13-01"}, "không phải là ngày"),
    ],
)
def test_it_refuses_bad_dates(options: dict[str, str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        generate("48", **options)


def test_it_refuses_an_unknown_province() -> None:
    with pytest.raises(CommandError, match="Không có tỉnh nào mã 99"):
        generate("99")
