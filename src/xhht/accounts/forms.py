"""Forms of the accounts pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class OnboardingForm(forms.Form):
    MODE_SHEET = "sheet"
    MODE_INVITE = "invite"
    mode = forms.ChoiceField(
        label=_("How accounts are handed out"),
        choices=[
            (MODE_SHEET, _("An .xlsx of user names and one-time passwords to hand out")),
            (MODE_INVITE, _("An e-mail invitation with a link to set a password")),
        ],
        widget=forms.RadioSelect,
        initial=MODE_SHEET,
    )
    confirm = forms.BooleanField(
        label=_("I understand that an account is created for every unit without one"),
        required=True,
    )
