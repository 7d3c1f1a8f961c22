"""Checking a template a province uploads: every placeholder closed, known and in its
form, the body paragraph present, and a trial fill that works (see docx.py for the set)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from io import BytesIO
from typing import Any
from zipfile import BadZipFile

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from jinja2 import Environment, TemplateError, TemplateSyntaxError, meta
from lxml import etree

from xhht.documents.content import (
    Block,
    Issuer,
    OfficialDocument,
    Section,
    Signer,
    Table,
)
from xhht.documents.docx import BLOCK_PLACEHOLDERS, PLACEHOLDERS, render
from xhht.documents.layout import DECREE_30

NOT_DOCX = gettext_noop("This file is not a Word document (.docx).")
UNCLOSED = gettext_noop("The placeholder “%(placeholder)s” is not closed in its paragraph.")
BROKEN = gettext_noop("The placeholder “%(placeholder)s” is not written correctly (%(detail)s).")
UNKNOWN = gettext_noop(
    "Unknown placeholder “%(name)s” in “%(placeholder)s”. A template may use: %(known)s."
)
WRONG_FORM = gettext_noop(
    "“%(placeholder)s” is written in the wrong form: text placeholders are written "
    "“{{ name }}”, and body and addressees alone in their paragraph as “{{p body }}” and "
    "“{{p addressees }}”."
)
NO_BODY = gettext_noop("The template has no “{{p body }}” paragraph: the text would be left out.")
CANNOT_FILL = gettext_noop("The template could not be filled in (%(detail)s).")


# --- Template check -----------------------------------------------------------------------

# A tag in a paragraph's text; the last branch, an opening without its closing.
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{[{%#].*")
_PREFIX = re.compile(r"^\{([{%#])(tr|tc|p|r) ")  # docxtpl's {{p …}}, {%tr …%}, …
_CELL_TAG = re.compile(r"^\{%\s*(?:(vm|hm)|(?:colspan|cellbg)\s+(.*?))\s*%\}$", re.DOTALL)
_BLOCK_STATEMENTS = {"for", "if", "macro", "call", "filter", "with", "block", "autoescape", "raw"}
_BODY = re.compile(r"\{\{\s*body\s*\}\}")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def _paragraph_texts(root: Any) -> Iterator[str]:
    """The text of each paragraph under `root`, as docxtpl joins its runs."""
    texts: dict[Any, list[str]] = {}
    for text in root.iter(qn("w:t")):
        paragraph = next(text.iterancestors(qn("w:p")), None)
        if paragraph is not None:
            texts.setdefault(paragraph, []).append(text.text or "")
    return ("".join(parts) for parts in texts.values())


def _roots(template: bytes) -> list[Any]:
    """The XML of the body, headers and footers; ValueError when not a .docx."""
    try:
        doc = Document(BytesIO(template))
    except (BadZipFile, PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as e:
        raise ValueError(template) from e
    roots = [doc.element]
    for relation in doc.part.rels.values():
        if relation.reltype.endswith(("/header", "/footer")) and not relation.is_external:
            roots.append(etree.fromstring(relation.target_part.blob))
    return roots


def _tags(template: bytes) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Each tag as (as written, docxtpl prefix, as Jinja reads it), and the messages for
    tags left open."""
    tags: list[tuple[str, str, str]] = []
    messages: list[str] = []
    for root in _roots(template):
        for text in _paragraph_texts(root):
            for match in _TAG.finditer(text):
                written = match.group().strip()
                if not written.endswith(("}}", "%}", "#}")) or len(written) < 4:
                    messages.append(_(UNCLOSED) % {"placeholder": written[:60]})
                    continue
                jinja = written.translate(_QUOTES)
                prefix = _PREFIX.match(jinja)
                if prefix:
                    jinja = "{" + prefix.group(1) + jinja[prefix.end() - 1 :]
                cell = _CELL_TAG.match(jinja)
                if cell:
                    jinja = "" if cell.group(1) else "{{ " + cell.group(2) + " }}"
                tags.append((written, prefix.group(2) if prefix else "", jinja))
    return tags, messages


def _form_problems(tags: list[tuple[str, str, str]], env: Environment) -> list[str]:
    """Print tags that do not parse alone, and placeholders in the wrong form."""
    messages = []
    for written, prefix, jinja in tags:
        if not jinja.startswith("{{"):
            continue
        try:
            names = meta.find_undeclared_variables(env.parse(jinja))
        except TemplateSyntaxError as error:
            messages.append(_(BROKEN) % {"placeholder": written, "detail": error.message})
            continue
        alone = re.fullmatch(r"\{\{\s*(\w+)\s*\}\}", jinja)
        if prefix == "p":
            right = alone is not None and alone.group(1) in BLOCK_PLACEHOLDERS
        else:
            right = not prefix and not names & set(BLOCK_PLACEHOLDERS)
        if not right:
            messages.append(_(WRONG_FORM) % {"placeholder": written})
    return messages


def _name_problems(tags: list[tuple[str, str, str]], env: Environment) -> list[str]:
    """The tags together, as docxtpl hands them to Jinja: structure and unknown names."""
    source = "\n".join(jinja for _written, _prefix, jinja in tags)
    try:
        env.from_string(source)
        names = meta.find_undeclared_variables(env.parse(source))
    except TemplateSyntaxError as error:
        written = tags[min(max((error.lineno or 1) - 1, 0), len(tags) - 1)][0]
        if "end of template" in (error.message or ""):
            written = _open_block(tags) or written
        return [_(BROKEN) % {"placeholder": written, "detail": error.message}]
    messages = []
    for name in sorted(names - set(PLACEHOLDERS)):
        word = re.compile(rf"\b{re.escape(name)}\b")
        written = next((w for w, _p, jinja in tags if word.search(jinja)), name)
        known = ", ".join(PLACEHOLDERS)
        messages.append(_(UNKNOWN) % {"name": name, "placeholder": written, "known": known})
    if not any(prefix == "p" and _BODY.fullmatch(jinja) for _w, prefix, jinja in tags):
        messages.append(_(NO_BODY))
    return messages


def _open_block(tags: list[tuple[str, str, str]]) -> str | None:
    """The innermost `{% for %}`, `{% if %}` … left without its end, as written."""
    opened: list[str] = []
    for written, _prefix, jinja in tags:
        word = re.match(r"\{%-?\s*(\w+)", jinja)
        if word and word.group(1).startswith("end") and opened:
            opened.pop()
        elif word and word.group(1) in _BLOCK_STATEMENTS:
            opened.append(written)
    return opened[-1] if opened else None


def template_check(template: bytes) -> list[str]:
    """What is wrong with a template a province gives, one message a problem (the
    placeholder named as written); empty when it can be used."""
    try:
        tags, messages = _tags(template)
    except ValueError:
        return [_(NOT_DOCX)]
    if messages:
        return messages
    env = Environment(autoescape=True)
    messages = _form_problems(tags, env) or _name_problems(tags, env)
    if messages:
        return messages
    try:
        Document(BytesIO(render(_sample(), DECREE_30, template)))
    except (TemplateError, etree.XMLSyntaxError, ValueError, TypeError, KeyError) as error:
        return [_(CANNOT_FILL) % {"detail": error}]
    return []


def _sample() -> OfficialDocument:
    """A small document with every part, to try a template on."""
    signer = Signer("KT.", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Văn A")
    table = Table("Bảng", ["Đơn vị", "Số"], [["X", "1"], ["Tổng", "1"]], frozenset({1}))
    said = [Block("paragraph", "Huyện X:"), Block("bullet", "Việc.")]
    body = Section("I", "Kết quả", [Block("paragraph", "Nội dung."), *said], [table])
    issuer = Issuer("UBND TỈNH A", "BAN CHỈ ĐẠO B", "BCĐ", "A", signer)
    return OfficialDocument(
        issuer, "BÁO CÁO", "BC", "Thử", date(2021, 1, 5), ["A", "B"], ["Như trên"], sections=[body]
    )
