"""Answers under /api/ that no route made (an unknown address, a wrong method, a body too
large, a server error) in the API's one error shape, so a client parses every answer."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.api.errors import CODES, NOT_FOUND

PREFIX = "/api/"
WRONG_METHOD = gettext_noop("This address does not take %(method)s; it takes: %(allowed)s.")
TOO_LARGE = gettext_noop("The request is too large.")
SERVER_ERROR = gettext_noop("The server failed on this request; it was logged.")


class ApiErrorShapeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(PREFIX) or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        status = response.status_code
        message = {
            404: _(NOT_FOUND),
            405: _(WRONG_METHOD) % {"method": request.method, "allowed": response.get("Allow", "")},
            413: _(TOO_LARGE),
        }.get(status, _(SERVER_ERROR) if status >= 500 else response.reason_phrase)
        shaped = JsonResponse(
            {"code": CODES.get(status, "error"), "message": message, "field": None, "errors": []},
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )
        for header in ("Allow", "WWW-Authenticate", "Retry-After"):
            if header in response:
                shaped[header] = response[header]
        return shaped
