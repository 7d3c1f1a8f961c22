"""Django's own and the dependencies' strings read as plain Vietnamese: "tệp", never
"tập tin"; a validator's message says what is wrong; the admin shows no English.

Django's Vietnamese catalogue is reworded in src/xhht/locale_overrides (written by
hand, never touched by `make messages`), which settings.LOCALE_PATHS lists first."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import trans_real

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from xhht.campaigns.models import Campaign, Conference
from xhht.i18n_compile import LOCALE_DIR, OVERRIDES_DIR

CLUMSY = ("tập tin", "tệp tin", "Đảm bảo")


def _po(locale_dir: Path) -> polib.POFile:
    return polib.pofile(str(locale_dir / "vi" / "LC_MESSAGES" / "django.po"))


def test_the_overrides_come_first_and_are_compiled() -> None:
    assert list(settings.LOCALE_PATHS) == [OVERRIDES_DIR, LOCALE_DIR]
    assert (OVERRIDES_DIR / "vi" / "LC_MESSAGES" / "django.mo").exists()


def test_an_override_of_a_project_string_reads_as_the_project_has_it() -> None:
    """The overrides win over the project's catalogue: a msgid in both must agree."""
    project = {(e.msgctxt, e.msgid): e.msgstr for e in _po(LOCALE_DIR) if not e.msgid_plural}
    overrides = _po(OVERRIDES_DIR)
    assert overrides.untranslated_entries() == []
    disagree = [
        (e.msgid, e.msgstr, project[(e.msgctxt, e.msgid)])
        for e in overrides
        if (e.msgctxt, e.msgid) in project and project[(e.msgctxt, e.msgid)] != e.msgstr
    ]
    assert disagree == []


def test_no_catalogue_the_site_loads_says_tap_tin() -> None:
    """Every string of every catalogue Django merges for "vi" (its own, its contrib apps',
    the dependencies', the project's), as the site would show it."""
    catalogue = trans_real.translation("vi")._catalog  # type: ignore[attr-defined]
    shown = {key: catalogue[key] for key in set(catalogue.keys())}
    clumsy = {key: text for key, text in shown.items() if any(w in text for w in CLUMSY)}
    assert clumsy == {}
    assert shown["No file was submitted."] == "Chưa nhận được tệp nào."


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    return make_campaign(today=date(2013, 6, 12), MEDIA_ROOT=tmp_path / "media")


def test_the_conference_form_says_in_plain_words_what_is_wrong(
    personas: Personas, campaign: Campaign
) -> None:
    """Zero participants and an empty minutes file: the form's messages in plain words."""
    response = client_for(personas.commune_officer_of_bai_chay).post(
        reverse("campaigns:conference_record", args=[campaign.pk, unit("06673").pk]),
        {
            "held_on": "2013-06-08",
            "venue": "Hội trường UBND phường Bãi Cháy",
            "chair": "Nguyễn Văn Bình",
            "participants": "0",
            "minutes": SimpleUploadedFile("bien-ban.pdf", b"", "application/pdf"),
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["participants"] == ["Giá trị không được nhỏ hơn 1."]
    assert errors["minutes"] == ["Tệp đã gửi không có nội dung."]
    page = response.content.decode()
    assert "Giá trị không được nhỏ hơn 1." in page
    assert not any(w in page for w in CLUMSY)
    assert not Conference.objects.exists()


ENGLISH_IN_THE_ADMIN = (
    "Model name",
    "Add link",
    "Change or view list link",
    "Task Result",
    "Tasks Database Backend",
    "Axes",
    "Access attempt",
    "Skip to main content",
    "Toggle theme",
    "Can add",
    "Can change",
    "Can view",
    "Display name",
    "Designates",
)


@pytest.mark.parametrize(
    "page",
    ["index", "accounts_user_changelist", "django_tasks_database_dbtaskresult_changelist",
     "orgunits_orgunit_changelist", "accounts_user_change", "auth_group_add"],
)  # fmt: skip
def test_the_admin_is_in_vietnamese(personas: Personas, page: str) -> None:
    args = [personas.halong_officer.pk] if page.endswith("_change") else []
    response = client_for(personas.administrator).get(reverse(f"admin:{page}", args=args))
    assert response.status_code == 200
    text = re.sub(r"<[^>]*>", " ", response.content.decode())
    english = [w for w in ENGLISH_IN_THE_ADMIN if w.casefold() in text.casefold()]  # "MODEL NAME"
    assert english == []
    assert "Tác vụ chạy nền" in text  # django_tasks_db's app, named in the side bar
    assert "Kết quả tác vụ" in text
    assert "Chặn đăng nhập sai" in text  # django-axes's
    if page in ("accounts_user_change", "auth_group_add"):
        assert "Tài khoản | người dùng | được thêm" in text  # a permission, by its model
