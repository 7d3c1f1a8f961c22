"""The user's own API tokens page: make one (shown once), see them, revoke one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.api.forms import RevokeForm, TokenForm
from xhht.api.models import ApiToken
from xhht.api.tokens import token_create, token_revoke


def _tokens_page(request: AuthenticatedHttpRequest, form: TokenForm, status: int) -> HttpResponse:
    context = {"tokens": ApiToken.objects.filter(user=request.user), "form": form}
    return render(request, "api/tokens.html", context, status=status)


def _own_token_or_404(user: User, pk: int) -> ApiToken:
    """The user's token `pk`; another user's token answers 404 like one that does not exist."""
    return get_object_or_404(ApiToken, pk=pk, user=user)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's tokens and a form to make one; a token made is shown on the answer
    only (it is kept as its digest), so the answer is not cached."""
    if request.method != "POST":
        return _tokens_page(request, TokenForm(), 200)
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _tokens_page(request, form, 400)
    token, raw = token_create(
        user=request.user, name=form.cleaned_data["name"], read_only=form.cleaned_data["read_only"]
    )
    return render(request, "api/token_made.html", {"token": token, "raw": raw})


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Ask, then revoke one of the user's own tokens for good."""
    token = _own_token_or_404(request.user, pk)
    form = RevokeForm(request.POST if request.method == "POST" else None)
    if token.is_active and request.method == "POST":
        if not form.is_valid():
            context = {"token": token, "form": form}
            return render(request, "api/token_revoke.html", context, status=400)
        token_revoke(token=token, user=request.user)
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
        return redirect("tokens:tokens")
    return render(request, "api/token_revoke.html", {"token": token, "form": form})
