"""Events the issuer holds itself: a training, a meeting, an inspection it organises.

"Bộ sẽ tổ chức tập huấn … vào tháng 11/2013", "Sở tổ chức hội nghị … ngày 10/7",
"Hội nghị do Sở chủ trì tổ chức vào …": the date is when the issuer acts, not what the
addressees owe, so it is no deadline. The body that holds it must be the issuer itself,
named bare ("Bộ", "Sở") or by its own name or initials ("Bộ GD&ĐT" of "Bộ Giáo dục và
Đào tạo"); "các Sở tổ chức tập huấn …" or another body's meeting stays a deadline, and so
does a review scheduled for a tier ("Hội nghị tổng kết cấp tỉnh tổ chức trong tháng 12").
"""

from __future__ import annotations

import re

from .memo import per_document
from .textutil import fold

# folded. The kinds of event a body holds for others.
_EVENT_NOUN = (
    r"(?:(?:\S+\s){0,3}?(?:tap\s?huan|boi\s?duong|hoi\s?nghi|hoi\s?thao|cuoc\s?hop|hop|"
    r"giao\s?ban|toa\s?dam|lop|doan\s?(?:kiem\s?tra|cong\s?tac|giam\s?sat)|kiem\s?tra|"
    r"khao\s?sat|giam\s?sat))\b"
)
_HOLD = (
    r"(?:se\s|du\s?kien\s|dang\s|tiep\s?tuc\s)?(?:chu\s?tri\s?,?\s?)?(?:to\s?chuc|mo|trieu\s?tap)"
)
# "<who> (sẽ) tổ chức <event>": who is the clause's subject, its opening words.
_ACTIVE = re.compile(
    r"^\W*(?:(?:[ivx]{1,5}|\d{1,2}(?:\.\d{1,2}){0,2}|[a-z])[.)]\s*)?"
    r"(?P<who>[^,;:()]{2,60}?)\s" + _HOLD + r"\s" + _EVENT_NOUN
)
# "<event> … do <who> (chủ trì) tổ chức"
_MAY_HOLD = ("to chuc", "trieu tap", "mo lop", "mo cac lop")
_PASSIVE = re.compile(_EVENT_NOUN + r"[^.;]{0,80}?\sdo\s(?P<who>[^,;:()]{2,60}?)\s" + _HOLD + r"\b")
_HEADS = ("bo", "so", "phong", "hoi", "ban", "van phong", "trung tam", "cuc", "vu", "uy ban")
_EXPAND = (("ubnd", "uy ban nhan dan"), ("bcd", "ban chi dao"), ("vp", "van phong"))
_LETTERS = re.compile(r"[^a-z0-9]")


def holds_own_event(before: str, issuer: str | None) -> bool:
    """Whether the clause `before` a date says the issuer itself holds an event then."""
    if not issuer or not any(word in before for word in _MAY_HOLD):
        return False
    for pattern in (_ACTIVE, _PASSIVE):
        if pattern is _PASSIVE and " do " not in before:
            continue
        found = pattern.search(before)
        if found is not None and _is_issuer(f"{issuer}\x00{found['who']}"):
            return True
    return False


@per_document
def _is_issuer(key: str) -> bool:
    """Whether `who` (folded) names the issuer (the last body of its header name)."""
    issuer, who = key.split("\x00", 1)
    body = _expand(fold(issuer.split(" / ")[-1]).strip())
    who = _expand(who.strip())
    if who.startswith("cac ") or not body:
        return False
    if who in _HEADS:
        return body.startswith(who + " ") or body == who
    if body.startswith(who) or who.startswith(body):
        return True
    head = next((h for h in _HEADS if who.startswith(h + " ") and body.startswith(h + " ")), None)
    if head is None:
        return False
    # initials: "bo gd&dt" is "bo giao duc va dao tao"
    rest = [w for w in body[len(head) :].split() if w != "va"]
    initials = "".join(w[0] for w in rest)
    short = _LETTERS.sub("", who[len(head) :])
    return bool(short) and (initials.startswith(short) or short.startswith(initials))


def _expand(text: str) -> str:
    for short, full in _EXPAND:
        if text == short or text.startswith(short + " "):
            return full + text[len(short) :]
    return text
