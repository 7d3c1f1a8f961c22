"""What several routes share: bounded ids and the pages of a list."""

from __future__ import annotations

from typing import Annotated, Any

from django.db.models import TextChoices
from ninja import Field, Path, Schema
from ninja.pagination import PageNumberPagination
from pydantic import WithJsonSchema

# Ids and numbers past what the databases hold are refused as bad input, not met as a 500.
MAX_ID = 2_147_483_647
Id = Annotated[int, Path(..., ge=1, le=MAX_ID)]
PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


class Pages(PageNumberPagination):
    """?page=N (from 1) and ?page_size=N (at most 500): {"items": [...], "count": N}."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)


def choices(enum: type[TextChoices], title: str) -> Any:
    """A model's choices as a named string enum of the description: two apps' enums of the
    same class name ("State") would otherwise share one schema, and one would lie."""
    schema = {"type": "string", "enum": [str(member.value) for member in enum], "title": title}
    return Annotated[enum, WithJsonSchema(schema)]
