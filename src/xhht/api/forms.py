"""Forms of the API tokens pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from xhht.kernel.text import nfc

NAME_MAX_LENGTH = 100
NAME_REQUIRED = _("Give the token a name, so that you know later what uses it.")
NAME_TOO_LONG = _("The name may be at most %(limit_value)d characters (it has %(show_value)d).")
CONFIRM_REQUIRED = _("Tick the box to confirm that the token is revoked for good.")


class _NfcCharField(forms.CharField):
    """Text in NFC before it is measured, so that a name typed with combining accents
    counts its letters, not its code points."""

    def to_python(self, value: Any) -> str | None:
        return super().to_python(nfc(value) if isinstance(value, str) else value)


class TokenForm(forms.Form):
    name = _NfcCharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("What the token is for, e.g. “District statistics tool”."),
        error_messages={"required": NAME_REQUIRED, "max_length": NAME_TOO_LONG},
    )
    read_only = forms.BooleanField(
        label=_("Read only: the token may read but not change anything"),
        required=False,
    )


class RevokeForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that the token stops working at once and for good"),
        error_messages={"required": CONFIRM_REQUIRED},
    )
