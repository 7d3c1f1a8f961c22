"""API routes: figures in bulk in the shape of DHIS2's dataValueSets (JSON or CSV)."""

from __future__ import annotations

from typing import Annotated, Any

import pydantic
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError
from ninja.responses import Status

from xhht.api.auth import user_of
from xhht.api.campaigns import campaign_unit_or_404
from xhht.api.errors import ERRORS, WRITE_ERRORS, ApiError
from xhht.api.middleware import TOO_LARGE
from xhht.campaigns.dashboards import campaign_or_404, focus_or_404
from xhht.offline.datavalueset import ImportSummary, Strategy, datavalueset_import
from xhht.offline.datavalueset_export import datavalueset_export
from xhht.offline.datavalueset_payload import (
    MAX_CODE,
    MAX_COMMENT,
    MAX_ID,
    MAX_PERIOD,
    MAX_VALUES,
    DataValueSet,
    PayloadError,
    json_decoded,
    text_decoded,
    values_from_csv,
    values_from_json,
)

router = Router(tags=["datavalues"])

CSV_TYPES = ("text/csv", "application/csv")
NO_DATA_SET = gettext_noop(
    "Say which campaign the figures are for: “dataSet” (its number) in the body or the query."
)
TWO_DATA_SETS = gettext_noop("The body's “dataSet” and the query's differ.")
UNSUPPORTED = gettext_noop("Send the figures as application/json or text/csv.")

Code = Annotated[str, Field(max_length=MAX_CODE)]


class DataValueBody(Schema):
    """One figure: DHIS2's data value, its ids as codes."""

    data_element: str = Field(..., alias="dataElement", min_length=1, max_length=MAX_CODE)
    org_unit: Code | None = Field(None, alias="orgUnit")
    category_option_combo: Code | None = Field(None, alias="categoryOptionCombo")
    period: Annotated[str, Field(max_length=MAX_PERIOD)] | None = None
    # Text (DHIS2's way) or a number; its length and size are bounded by the reading below.
    value: str | bool | int | float | None = None
    comment: Annotated[str, Field(max_length=MAX_COMMENT)] | None = None


class DataValueSetBody(Schema):
    """DHIS2's dataValueSet: `dataSet` is the campaign's number; the set's `orgUnit` and
    `period` stand for a value's own when it has none."""

    # The campaign's number, as text (DHIS2's way) or a number; bounded by the reading below.
    data_set: str | int | None = Field(None, alias="dataSet")
    period: Annotated[str, Field(max_length=MAX_PERIOD)] | None = None
    org_unit: Code | None = Field(None, alias="orgUnit")
    complete_date: Annotated[str, Field(max_length=MAX_PERIOD)] | None = Field(
        None, alias="completeDate"
    )
    data_values: list[DataValueBody] = Field([], alias="dataValues", max_length=MAX_VALUES)


class ImportQuery(Schema):
    dry_run: bool = Field(False, alias="dryRun")
    import_strategy: Strategy = Field(Strategy.CREATE_AND_UPDATE, alias="importStrategy")
    data_set: int | None = Field(None, alias="dataSet", ge=1, le=MAX_ID)


class ImportCountOut(Schema):
    imported: int
    updated: int
    ignored: int
    deleted: int


class ConflictOut(Schema):
    object: str
    value: str
    errorCode: str
    property: str
    indexes: list[int]
    message: str


class ImportSummaryOut(Schema):
    responseType: str
    status: str
    description: str
    importCount: ImportCountOut
    conflicts: list[ConflictOut]
    dryRun: bool
    dataSetComplete: str


def _inlined(schema: dict[str, Any]) -> dict[str, Any]:
    """A JSON schema with its $defs put in place (the OpenAPI document has none of them)."""
    defs = schema.pop("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return walk(defs[ref.removeprefix("#/$defs/")])
            return {key: walk(value) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    found: dict[str, Any] = walk(schema)
    return found


_CSV_EXAMPLE = (
    "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,"
    "lastupdated,comment,followup\n"
    "GDHT,20130531,06673,default,,120,,,,\n"
    "GDHT,20130531,06673,denominator,,400,,,,\n"
)
_CSV_BODY = {"schema": {"type": "string"}, "example": _CSV_EXAMPLE}
_REQUEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": _inlined(DataValueSetBody.model_json_schema(by_alias=True))
            },
            "text/csv": _CSV_BODY,
            "application/csv": _CSV_BODY,
        },
    }
}


def _payload(request: HttpRequest) -> DataValueSet:
    """The body, JSON or CSV by its Content-Type, read into values (400 naming the field or
    the line of what cannot be read)."""
    try:
        body = request.body
    except RequestDataTooBig:
        raise ApiError(413, _(TOO_LARGE)) from None
    kind = (request.content_type or "").lower()
    try:
        if kind in CSV_TYPES:
            return values_from_csv(text_decoded(body))
        if kind not in ("application/json", ""):
            raise ApiError(415, _(UNSUPPORTED), code="unsupported_media_type")
        data = json_decoded(body)
        try:
            DataValueSetBody.model_validate(data)
        except pydantic.ValidationError as error:
            raise ValidationError([dict(e) for e in error.errors(include_url=False)]) from None
        return values_from_json(data)
    except PayloadError as error:
        raise ApiError(400, str(error), field=error.where) from None


def _campaign_id(query: ImportQuery, payload: DataValueSet) -> int:
    if query.data_set is None and payload.data_set is None:
        raise ApiError(400, _(NO_DATA_SET), field="dataSet")
    if None not in (query.data_set, payload.data_set) and query.data_set != payload.data_set:
        raise ApiError(400, _(TWO_DATA_SETS), field="dataSet")
    found = query.data_set if query.data_set is not None else payload.data_set
    assert found is not None
    return found


@router.post(
    "/dataValueSets",
    response={200: ImportSummaryOut, **WRITE_ERRORS, 409: ImportSummaryOut},
    openapi_extra=_REQUEST_BODY,
    summary="Import figures in bulk (DHIS2 dataValueSets)",
)
def datavalueset_post(request: HttpRequest, query: Query[ImportQuery]) -> Status[dict[str, Any]]:
    """Figures of a campaign's reports in DHIS2's dataValueSets shape, as JSON or as DHIS2's
    CSV; ids are codes (idScheme=code): `dataElement` the indicator's code, `orgUnit` the
    unit's, `categoryOptionCombo` the figure (default, denominator, baseline,
    baseline_denominator), `comment` the justification. All or nothing: with any conflict
    nothing is written and the answer is 409 with every conflict; `dryRun=true` checks and
    counts and writes nothing."""
    user = user_of(request)
    payload = _payload(request)
    campaign = campaign_or_404(user, _campaign_id(query, payload))
    summary: ImportSummary = datavalueset_import(
        campaign=campaign,
        values=payload.values,
        user=user,
        dry_run=query.dry_run,
        strategy=query.import_strategy,
    )
    return Status(409 if summary.conflicts else 200, summary.as_dhis2())


class ExportQuery(Schema):
    data_set: int = Field(..., alias="dataSet", ge=1, le=MAX_ID)
    org_unit: Code | None = Field(None, alias="orgUnit")
    children: bool = False


class DataValueOut(Schema):
    data_element: str = Field(..., alias="dataElement")
    period: str
    org_unit: str = Field(..., alias="orgUnit")
    category_option_combo: str = Field(..., alias="categoryOptionCombo")
    value: str
    comment: str | None = None


class DataValueSetOut(Schema):
    data_set: str = Field(..., alias="dataSet")
    period: str
    data_values: list[DataValueOut] = Field(..., alias="dataValues")


@router.get(
    "/dataValueSets",
    response={200: DataValueSetOut, **ERRORS},
    by_alias=True,
    summary="Figures in bulk (DHIS2 dataValueSets)",
)
def datavalueset_get(request: HttpRequest, query: Query[ExportQuery]) -> dict[str, Any]:
    """The figures of a unit's report (`orgUnit`, the user's own by default; with
    `children=true` every report below it too) that the user may read, in the shape the
    POST takes back: a report not yet sent is its unit's own until it is sent."""
    user = user_of(request)
    campaign = campaign_or_404(user, query.data_set)
    if query.org_unit is None:
        unit = focus_or_404(user, campaign, None)
    else:
        unit = campaign_unit_or_404(user, campaign, query.org_unit)
    return datavalueset_export(campaign=campaign, unit=unit, user=user, children=query.children)
