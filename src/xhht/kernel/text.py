"""Vietnamese text helpers shared by the whole project (no Django here).

`nfc` is applied to everything a user or a file gives us; `match_key` is the
stored key names are compared on, so that "Hoà" = "Hòa", "TX, TP" =
"thị xã, thành phố" and spacing or punctuation never decide a match.
"""

import re
import unicodedata

# Combining marks that carry the tone; the others (circumflex, breve, horn)
# are part of the vowel and stay.
_TONE_MARKS = {
    "\u0300": "2",  # huyền
    "\u0301": "1",  # sắc
    "\u0303": "4",  # ngã
    "\u0309": "3",  # hỏi
    "\u0323": "5",  # nặng
}
_WORD = re.compile(r"[^\W_]+")

# Abbreviations that officers write for unit types and common bodies.
_ABBREVIATIONS = {
    "tp": "thành phố",
    "tx": "thị xã",
    "tt": "thị trấn",
    "ubnd": "ủy ban nhân dân",
    "hđnd": "hội đồng nhân dân",
    "bcđ": "ban chỉ đạo",
    "xhht": "xã hội học tập",
    "gd": "giáo dục",
    "đt": "đào tạo",
    "tncs": "thanh niên cộng sản",
    "lhpn": "liên hiệp phụ nữ",
}


def nfc(value: str) -> str:
    """Return `value` in Unicode NFC, the only form stored anywhere."""
    return unicodedata.normalize("NFC", value)


def clean_spaces(value: str) -> str:
    """NFC, non-breaking and repeated spaces folded to one, ends trimmed."""
    return " ".join(nfc(value).replace("\u00a0", " ").split())


def _syllable_key(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tone = ""
    kept = []
    for char in decomposed:
        if char in _TONE_MARKS:
            tone = _TONE_MARKS[char]
        else:
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)) + tone


def match_key(value: str) -> str:
    """The key a name is matched on: casefolded, tone placement unified,
    abbreviations expanded, punctuation and spacing ignored."""
    words = _WORD.findall(nfc(value).casefold())
    expanded: list[str] = []
    for word in words:
        expanded.extend(_ABBREVIATIONS.get(word, word).split())
    return " ".join(_syllable_key(word) for word in expanded)


def ascii_fold(value: str) -> str:
    """Vietnamese text without diacritics ("Đầm Hà" → "Dam Ha"), for user names and files."""
    value = nfc(value).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", value)
    return "".join(char for char in decomposed if not unicodedata.combining(char))
