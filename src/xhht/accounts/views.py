"""Log in and out, passwords, and onboarding of a whole tree's officers."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from xhht.accounts import scope
from xhht.accounts.forms import OnboardingForm, ResetForm
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.services import (
    accounts_create_for_tree,
    accounts_workbook,
)
from xhht.kernel.clock import today


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """The page django-axes answers a locked-out login with (the site's and the admin's):
    429, saying for how long and how to get the account back sooner."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "accounts/locked_out.html", context, status=429)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("site:home")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        if user.must_change_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        messages.success(self.request, _("Your password has been changed."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        form.user.must_change_password = False
        return super().form_valid(form)


@login_required
def onboarding(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    """The province creates an account for every unit of its tree in one step."""
    user = request.user
    unit = scope.unit_or_404(user, unit_id)
    if not scope.can_manage_accounts(user, unit):
        raise Http404
    form = OnboardingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invite = form.cleaned_data["mode"] == OnboardingForm.MODE_INVITE
        result = accounts_create_for_tree(
            root=unit, invite=invite, base_url=f"{request.scheme}://{request.get_host()}"
        )
        if not invite:
            response = HttpResponse(
                accounts_workbook(result),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            filename = f"tai-khoan-{unit.code}-{today():%Y%m%d}.xlsx"
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        return render(request, "accounts/onboarding_done.html", {"unit": unit, "result": result})
    without = scope.visible_units(user).subtree_of(unit).filter(users__isnull=True)
    context = {
        "unit": unit,
        "form": form,
        "without_count": without.count(),
        "without_email_count": without.filter(contact_email="").count(),
    }
    return render(request, "accounts/onboarding.html", context)
