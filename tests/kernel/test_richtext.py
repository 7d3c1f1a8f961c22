"""The report text's shape: what an officer types or Word gives is read, written back and
shown the same way, and nothing typed ever becomes HTML."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xhht.kernel.richtext import Grid, Paragraph, Run, canonical, markup_of, parse, plain, to_html

BOUNDED = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TYPED = """Kết quả **nổi bật** trong *6 tháng*:
- mở 12 lớp xóa mù chữ;
* 3 trung tâm học tập cộng đồng
| Xã | Số lớp | Ghi chú |
|---|---:|---|
| Bãi Cháy | 12 | **mới** |
| Hà Lầm | 3 |
Hết."""


def test_a_typed_text_has_its_paragraphs_items_and_table() -> None:
    pieces = parse(TYPED)
    assert [type(p).__name__ for p in pieces] == [
        "Paragraph",
        "Paragraph",
        "Paragraph",
        "Grid",
        "Paragraph",
    ]
    first = pieces[0]
    assert isinstance(first, Paragraph)
    assert first.runs == (
        Run("Kết quả "),
        Run("nổi bật", bold=True),
        Run(" trong "),
        Run("6 tháng", italic=True),
        Run(":"),
    )
    assert [p.kind for p in pieces if isinstance(p, Paragraph)] == [
        "paragraph",
        "bullet",
        "bullet",
        "paragraph",
    ]
    grid = pieces[3]
    assert isinstance(grid, Grid)
    assert grid.header == 1
    assert grid.texts() == [
        ["Xã", "Số lớp", "Ghi chú"],
        ["Bãi Cháy", "12", "mới"],
        ["Hà Lầm", "3", ""],  # a short row is filled out
    ]
    assert grid.rows[1][2] == (Run("mới", bold=True),)


def test_plain_text_of_earlier_reports_reads_as_it_did() -> None:
    """A paragraph a line, "-" items: the texts saved before the markup read the same."""
    pieces = parse("Năm 2013 đã có 5*3 lớp.\n\n- một\n  - hai\nba")
    assert [(p.kind, p.text) for p in pieces if isinstance(p, Paragraph)] == [
        ("paragraph", "Năm 2013 đã có 5*3 lớp."),
        ("bullet", "một"),
        ("bullet", "hai"),
        ("paragraph", "ba"),
    ]


def test_nothing_typed_becomes_html() -> None:
    shown = to_html('<script>alert(1)</script> **<b onclick="x">đậm</b>** [a](javascript:x)')
    assert "<script" not in shown and "<b " not in shown
    assert "&lt;script&gt;" in shown and "<strong>&lt;b" in shown
    assert "href" not in shown


def test_the_page_shows_a_table_and_a_list() -> None:
    shown = to_html(TYPED)
    assert "<thead><tr><th>Xã</th><th>Số lớp</th><th>Ghi chú</th></tr></thead>" in shown
    assert "<td><strong>mới</strong></td>" in shown
    assert shown.count("<li>") == 2 and shown.count("<ul>") == 1


def test_signs_meant_as_text_stay_text() -> None:
    pieces = [
        Paragraph("paragraph", (Run("- không phải một ý"),)),
        Paragraph("paragraph", (Run("| không phải bảng"),)),
        Paragraph("paragraph", (Run("a*b_c\\d"),)),
    ]
    assert parse(markup_of(pieces)) == pieces
    assert plain(markup_of(pieces)).splitlines() == [
        "- không phải một ý",
        "| không phải bảng",
        "a*b_c\\d",
    ]


def test_canonical_writes_one_way() -> None:
    assert canonical("* a\n+ b\n__c__\n\n\nd") == canonical("- a\n- b\n**c**\nd")


_TEXT = st.text(
    alphabet=st.sampled_from(list("aăđêơ ÀẠ x09.,:-+*_|\\`#<>&[]()•–\n")),
    max_size=80,
)


@BOUNDED
@given(_TEXT)
def test_what_is_read_is_written_back_the_same(text: str) -> None:
    """Any text, once read, is written as markup that reads back as the same pieces: a
    download and an upload untouched change nothing."""
    pieces = parse(text)
    assert parse(markup_of(pieces)) == pieces
    assert canonical(canonical(text)) == canonical(text)


@BOUNDED
@given(_TEXT)
def test_the_page_gets_no_tag_but_its_own(text: str) -> None:
    shown = to_html(text)
    for tag in ("<p>", "<ul>", "<li>", "<strong>", "<em>", "<table", "<t", "</"):
        shown = shown.replace(tag, "")
    assert "<" not in shown.replace('<div class="table-scroll">', "")
