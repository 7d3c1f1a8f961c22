"""The Vietnamese catalogue is the default language: every string must be in it."""

import polib

from xhht.i18n_compile import LOCALE_DIR


def test_every_message_has_a_vietnamese_translation() -> None:
    catalogue = polib.pofile(str(LOCALE_DIR / "vi" / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []
