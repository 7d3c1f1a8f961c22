"""Forms of the accounts pages."""

import logging
import smtplib
from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from xhht.accounts.models import User
from xhht.accounts.services import send_set_password_mail

logger = logging.getLogger(__name__)


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


class ResetForm(PasswordResetForm):
    """Sends our own mail template triplet through the same helper as invitations."""

    def get_users(self, email: str) -> Any:
        # Invited officers have no usable password yet and may need the link again.
        return User.objects.filter(email__iexact=email, is_active=True).exclude(email="")

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Mail the link to every account with the address. A mail server that is down
        is logged, not shown: the page answers the same whether or not the address has
        an account, so that it tells nobody who has one."""
        request = kwargs["request"]
        base_url = f"{request.scheme}://{request.get_host()}"
        for user in self.get_users(self.cleaned_data["email"]):
            try:
                send_set_password_mail(
                    user, base_url=base_url, template="accounts/email/password_reset"
                )
            except (OSError, smtplib.SMTPException):  # refused, unreachable, timed out
                logger.exception("The password reset mail to user %s was not sent", user.pk)
