"""Forms of the offline round-trips: the choices posted with a Word upload's preview."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from typing import Any

from django import forms


class PlaceField(forms.Field):
    """A section of the report by its id. Anything else (empty, not a number, a section
    the report no longer has) leaves the piece out: never an error."""

    def __init__(self, *, sections: AbstractSet[int]) -> None:
        super().__init__(required=False)
        self.sections = sections

    def to_python(self, value: Any) -> int | None:
        if not (isinstance(value, str) and value.isascii() and value.isdigit()):
            return None
        chosen = int(value)
        return chosen if chosen in self.sections else None


class WordChoicesForm(forms.Form):
    """What the user chose on a Word upload's preview: where each piece of text no section
    took goes (`place_<index>`), and for each section changed both in the file and on the
    site, which text to keep (`choice_<section>`) against which saved text (`shown_<section>`,
    its digest). Always valid: the plan checks a choice against the text saved now."""

    def __init__(
        self,
        data: Any = None,
        *,
        suggested: Sequence[int | None],
        sections: AbstractSet[int],
    ) -> None:
        super().__init__(data)
        self.suggested = list(suggested)
        self.sections = sections
        for index in range(len(self.suggested)):
            self.fields[f"place_{index}"] = PlaceField(sections=sections)
        for pk in sections:
            self.fields[f"choice_{pk}"] = forms.Field(required=False)
            self.fields[f"shown_{pk}"] = forms.Field(required=False)

    def _posted(self) -> dict[str, Any]:
        return self.cleaned_data if self.is_bound and self.is_valid() else {}

    def places(self) -> dict[int, int | None]:
        """Each piece's section; a piece the post does not place goes where it was
        suggested."""
        posted = self._posted()
        places: dict[int, int | None] = {}
        for index, suggested in enumerate(self.suggested):
            name = f"place_{index}"
            if name in self.data:
                places[index] = posted.get(name)
            else:
                places[index] = suggested if suggested in self.sections else None
        return places

    def choices(self) -> dict[int, tuple[str, str]]:
        """Each answered conflict: (which text to keep, the digest it was given against)."""
        posted = self._posted()
        return {
            pk: (str(posted[f"choice_{pk}"]), str(posted.get(f"shown_{pk}") or ""))
            for pk in self.sections
            if posted.get(f"choice_{pk}")
        }
