"""The API's one error shape: {"code", "message" (Vietnamese), "field", "errors"}.

Every failure of every route answers in it: a value that does not parse (400), no or a bad
token (401), a read-only token that writes (403), an object outside the user's scope or
none (404, so its existence is not told), a stale revision or a conflict (409)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    code: str
    message: str
    field: str | None = None
    errors: list[FieldError] = []


class ApiError(Exception):
    """An answer other than success, raised anywhere below a route."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str = "",
        field: str | None = None,
        errors: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or CODES.get(status, "error")
        self.field = field
        self.errors = list(errors)


def refused(message: str) -> ApiError:
    """A service's refusal of a write the data does not allow now (a closed or withdrawn
    campaign): 409, as a report's refusal."""
    return ApiError(409, message, code="refused")


CODES = {
    400: "invalid",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
}

NOT_FOUND = gettext_noop("Not found, or outside your units.")
UNAUTHENTICATED = gettext_noop(
    "An API token is needed: send the header “Authorization: Bearer <token>”; tokens are "
    "made on your account page."
)
FORBIDDEN = gettext_noop("You may not do this.")
INVALID = gettext_noop("Some values are not valid: see “errors”.")

# Pydantic's error types, said in the user's language; others fall back to "not valid".
_REASONS = {
    "missing": gettext_noop("is required"),
    "int_parsing": gettext_noop("must be a whole number"),
    "int_type": gettext_noop("must be a whole number"),
    "int_from_float": gettext_noop("must be a whole number"),
    "float_parsing": gettext_noop("must be a number"),
    "bool_parsing": gettext_noop("must be true or false"),
    "bool_type": gettext_noop("must be true or false"),
    "date_parsing": gettext_noop("must be a date (yyyy-mm-dd)"),
    "date_from_datetime_parsing": gettext_noop("must be a date (yyyy-mm-dd)"),
    "string_type": gettext_noop("must be text"),
    "string_too_long": gettext_noop("is too long"),
    "string_too_short": gettext_noop("must not be empty"),
    "greater_than_equal": gettext_noop("is too small"),
    "greater_than": gettext_noop("is too small"),
    "less_than_equal": gettext_noop("is too large"),
    "less_than": gettext_noop("is too large"),
    "literal_error": gettext_noop("is not one of the allowed values"),
    "enum": gettext_noop("is not one of the allowed values"),
    "list_type": gettext_noop("must be a list"),
    "dict_type": gettext_noop("must be an object"),
    "model_type": gettext_noop("must be an object"),
    "json_invalid": gettext_noop("is not valid JSON"),
    "extra_forbidden": gettext_noop("is not a known field"),
}
NOT_VALID = gettext_noop("is not valid")
THE_FIELD = gettext_noop("“%(field)s” %(reason)s")


def field_path(loc: Sequence[Any]) -> str:
    """Pydantic's location without ninja's own parts: ("body", "change", "values", 0,
    "value") → "values[0].value"; ("query", "page") → "page"."""
    parts = list(loc)
    if parts and parts[0] == "body" and len(parts) > 2:
        parts = parts[2:]  # ("body", the route's parameter, its fields…)
    elif parts and parts[0] in ("body", "query", "path", "form", "file", "header", "cookie"):
        parts = parts[1:]
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "body"


def _validation_errors(exc: ValidationError) -> list[tuple[str, str]]:
    found = []
    for error in exc.errors:
        path = field_path(error.get("loc", ()))
        reason = _(_REASONS.get(str(error.get("type", "")), NOT_VALID))
        found.append((path, _(THE_FIELD) % {"field": path, "reason": reason}))
    return found


def error_response(api: NinjaAPI, request: HttpRequest, error: ApiError) -> HttpResponse:
    body = ErrorOut(
        code=error.code,
        message=error.message,
        field=error.field,
        errors=[FieldError(field=f, message=m) for f, m in error.errors],
    )
    response = api.create_response(request, body.model_dump(), status=error.status)
    if error.status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="xhht"'
    return response


def handlers_install(api: NinjaAPI) -> None:
    """Every exception a route may meet, answered in the one shape."""

    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return error_response(api, request, exc)

    def validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = _validation_errors(exc)
        first = errors[0] if errors else ("", _(INVALID))
        error = ApiError(400, first[1] if len(errors) == 1 else _(INVALID), field=first[0])
        error.errors = errors
        return error_response(api, request, error)

    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(api, request, ApiError(401, _(UNAUTHENTICATED)))

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return error_response(api, request, ApiError(exc.status_code, str(exc)))

    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(api, request, ApiError(404, _(NOT_FOUND)))

    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return error_response(api, request, ApiError(403, _(FORBIDDEN)))

    api.add_exception_handler(ApiError, api_error)  # type: ignore[arg-type]
    api.add_exception_handler(ValidationError, validation)  # type: ignore[arg-type]
    api.add_exception_handler(AuthenticationError, unauthenticated)  # type: ignore[arg-type]
    api.add_exception_handler(HttpError, http_error)  # type: ignore[arg-type]
    api.add_exception_handler(Http404, not_found)  # type: ignore[arg-type]
    api.add_exception_handler(PermissionDenied, forbidden)  # type: ignore[arg-type]


# The error answers every route documents beside its own.
ERRORS: dict[int, type[ErrorOut]] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, type[ErrorOut]] = {**ERRORS, 403: ErrorOut, 409: ErrorOut}
