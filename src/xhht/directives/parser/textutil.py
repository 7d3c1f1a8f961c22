"""Small text helpers shared by the parser modules (matching, bullets, casing)."""

from __future__ import annotations

import re

from xhht.kernel.vndates import BYTE_CHARS, to_bytes
from xhht.kernel.vndates import fold as _fold

from .memo import per_document, remember

__all__ = [
    "BULLET",
    "clean",
    "contains_any",
    "fold",
    "fold_lines",
    "has_digit",
    "is_upper_line",
    "low",
    "name_case",
    "says_done",
    "split_top_level",
    "strip_bullet",
    "strip_end",
]

BULLET = re.compile(r"^\s*(?:[-+•–—*·∙▪●○◦]|\uf0b7|\uf02d)\s*")
_BULLET_FIRST = "-+•–—*·∙▪●○◦\uf0b7\uf02d"  # what BULLET opens with, but spaces
_END_PUNCT = " \t;.,:"


# `xhht.kernel.vndates.fold`, remembered for the document being parsed.
fold = per_document(_fold)


def fold_lines(lines: list[str]) -> None:
    """Fold the document's lines in one call, for `fold` to remember (folding is done
    character by character and keeps "\n", so the lines of the folded text are the folds)."""
    if lines:
        remember(fold, zip(lines, _fold("\n".join(lines)).split("\n"), strict=True))


def contains_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether one of `words` is in `text` (far cheaper than a regex search for them)."""
    for word in words:  # a plain loop: twice as fast as any() over a generator
        if word in text:
            return True
    return False


_DIGIT = re.compile(r"\d")
_PAST = re.compile(r"\s(?:đã|vừa|từng)(?:\s|$)", re.IGNORECASE)


def says_done(text: str) -> bool:
    """Whether `text` recounts work done ("đã", "vừa", "từng" after a space); the pattern
    runs only where one of their marked vowels is ("ã", "ừ": a one-character scan each)."""
    if "ã" not in text and "ừ" not in text and "Ã" not in text and "Ừ" not in text:
        return False
    return _PAST.search(text) is not None


def has_digit(folded: str) -> bool:
    """Whether a text holds a digit (`\\d`), tested on its fold (which keeps the digits):
    in ASCII the only digits are 0-9, which `in` finds five times faster than a regex."""
    if folded.isascii():
        return (
            "0" in folded or "1" in folded or "2" in folded or "3" in folded
            or "4" in folded or "5" in folded or "6" in folded or "7" in folded
            or "8" in folded or "9" in folded
        )  # fmt: skip
    return _DIGIT.search(folded) is not None


def low(value: str) -> str:
    """Lower case with one output char per input char (spans stay valid)."""
    lowered = value.lower()
    if len(lowered) == len(value):
        return lowered
    out = []
    for char in value:
        one = char.lower()
        out.append(one if len(one) == 1 else char)
    return "".join(out)


def clean(value: str) -> str:
    """Runs of spaces (NBSP included) folded to one, ends trimmed."""
    # Most values are clean already (lines are cleaned once, in layout): every space
    # but " " is unprintable, so a printable value without "  " or end spaces is clean.
    if value.isprintable() and "  " not in value and value[:1] != " " and value[-1:] != " ":
        return value
    return " ".join(value.split())


def strip_bullet(value: str) -> str:
    """`value` without its leading list marker."""
    if not value[:1].isspace() and value[:1] not in _BULLET_FIRST:
        return value  # (most values: no space or marker first, no regex)
    bullet = BULLET.match(value)  # (a match, not a sub: the engine tries the start only)
    return value[bullet.end() :] if bullet else value


def strip_end(value: str) -> str:
    """`value` without trailing `;` `.` `,` `:` (the "./." end mark included)."""
    value = value.strip()
    while value.endswith("./.") or value.endswith("/."):
        value = value[: -3 if value.endswith("./.") else -2].rstrip()
    return value.rstrip(_END_PUNCT)


def is_upper_line(value: str, ratio: float = 0.75) -> bool:
    """Whether most letters of `value` are capitals (a header or signature line)."""
    upper, letters = _case_counts(value)
    if letters < 2:
        return False
    return upper >= ratio * letters


# The bytes of `to_bytes` that are not capitals, and those that are not small letters.
_NOT_UPPER = bytes(i for i in range(256) if not BYTE_CHARS[i : i + 1].isupper())
_NOT_LOWER = bytes(i for i in range(256) if not BYTE_CHARS[i : i + 1].islower())


@per_document
def _case_counts(value: str) -> tuple[int, int]:
    """The capitals of `value` and all its cased letters (lines are tested more than once)."""
    encoded = to_bytes(value)
    if encoded is not None:  # (deleting the other bytes counts them in C)
        upper = len(encoded.translate(None, _NOT_UPPER))
        return upper, upper + len(encoded.translate(None, _NOT_LOWER))
    upper = sum(map(str.isupper, value))
    return upper, upper + sum(map(str.islower, value))


# Capitals that stay capitals in a heading written in upper case.
_KEEP_UPPER = {
    "UBND",
    "HĐND",
    "TX",
    "TP",
    "TT",
    "GD&ĐT",
    "GDĐT",
    "XHHT",
    "BCĐ",
    "MTTQ",
    "TNCS",
    "LHPN",
    "TW",
    "HCM",
    "GDTX",
    "TTHTCĐ",
    "LĐTBXH",
    "VHTTDL",
    "KHCN",
    "THCS",
    "THPT",
    "CNTT",
}
_VOWELS = set("aeiouy")


_WORD_PUNCT = "(),.;:-/"


def _keep_upper(word: str, folded_word: str) -> bool:
    """Whether `word` (`folded_word` its fold) is an abbreviation that stays in capitals."""
    core = word.strip(_WORD_PUNCT)
    if not core:
        return False
    if core in _KEEP_UPPER:
        return True
    folded = folded_word.strip(_WORD_PUNCT)  # (= the fold of `core`: a fold keeps these)
    # Vowel-less capitals are abbreviations ("TX", "TP", "XHHT"); most words have a vowel.
    return _VOWELS.isdisjoint(folded) and any(map(str.isalpha, folded))


def name_case(value: str) -> str:
    """An upper-case name in sentence case, abbreviations kept ("BAN CHỈ ĐẠO (TX, TP)")."""
    if not is_upper_line(value):
        return value
    words = value.split(" ")
    folded_words = _fold(value).split(" ")  # (one fold: its words are those of `value`)
    out = []
    for index, word in enumerate(words):
        if _keep_upper(word, folded_words[index]):
            out.append(word)
        elif index == 0:
            out.append(word[:1] + word[1:].lower())
        else:
            out.append(word.lower())
    return " ".join(out)


def split_top_level(value: str, separators: str = ",;") -> list[tuple[str, str]]:
    """Split at separators outside brackets; returns (piece, separator before it)."""
    for separator in separators:
        if separator in value:
            break
    else:
        return [(value, "")]  # (most names: no separator, nothing to split)
    if "(" not in value and "[" not in value and "{" not in value:
        # no bracket opens: every separator splits, in one C call ([p0, s1, p1, s2, …])
        parts = _SEPARATORS[separators].split(value)
        return [(parts[0], ""), *zip(parts[2::2], parts[1::2], strict=True)]
    marks = _MARKS.get(separators)
    if marks is None:
        marks = _MARKS[separators] = re.compile("[][(){}" + re.escape(separators) + "]")
    pieces: list[tuple[str, str]] = []
    depth = 0
    start = 0
    before = ""
    for mark in marks.finditer(value):
        char = mark.group()
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        elif depth == 0:
            pieces.append((value[start : mark.start()], before))
            start, before = mark.end(), char
    pieces.append((value[start:], before))
    return pieces


_MARKS: dict[str, re.Pattern[str]] = {}


class _SeparatorPatterns(dict[str, re.Pattern[str]]):
    """The pattern that splits at each of the separators and keeps them, made once each."""

    def __missing__(self, separators: str) -> re.Pattern[str]:
        pattern = self[separators] = re.compile("([" + re.escape(separators) + "])")
        return pattern


_SEPARATORS = _SeparatorPatterns()


_CODAS = {"c", "ch", "m", "n", "ng", "nh", "p", "t"}
_ONSETS = {*"bcdghklmnpqrstvx", "ch", "gh", "gi", "kh", "ng", "ngh", "nh", "ph", "qu", "th", "tr"}
_LETTERS = re.compile(r"[^\W\d_]+")


def _letters_only(word: str) -> bool:
    """Whether `word` is all letters (`_LETTERS`, which also takes numerals such as "½":
    tried only where `str.isalpha` says no)."""
    return word.isalpha() or _LETTERS.fullmatch(word) is not None


def _cut_between(last: str, first: str) -> bool:
    """Whether two pieces of text that meet at these words split one word between them."""
    if len(first) > 2 and len(last) > 3:
        return False  # (a coda has two letters at most, an onset three: most pairs)
    last, first = _fold(last), _fold(first)  # (words met once: not worth remembering)
    if not (_letters_only(last) and _letters_only(first)):
        return False
    if first in _CODAS and last[-1] in _VOWELS:
        return True
    return last in _ONSETS and first[0] in _VOWELS


def join_wrapped(pieces: list[str]) -> str:
    """Join wrapped lines with a space, or without one where a word was cut between them
    ("XÂY DỰ" + "NG XÃ HỘI" → "XÂY DỰNG XÃ HỘI", "ĐÀO T" + "ẠO" → "ĐÀO TẠO") or the line
    ends in a hyphen ("Lao động-" + "Thương binh")."""
    out: list[str] = []
    previous = ""
    for piece in pieces:
        if not piece:
            continue
        if previous:
            last = previous[previous.rfind(" ") + 1 :]
            cut = previous.endswith("-") or _cut_between(last, piece.split(None, 1)[0])
            out.append("" if cut else " ")
        out.append(piece)
        previous = piece
    return "".join(out)


def rejoin_cut_words(text: str) -> str:
    """`text` with words that a lost line break cut in two put back together."""
    words = text.split(" ")
    out = [words[0]]
    for word in words[1:]:
        if word and out[-1] and _cut_between(out[-1], word):
            out[-1] += word
        else:
            out.append(word)
    return " ".join(out)
