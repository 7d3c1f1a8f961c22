"""Work assigned in prose, outside the headings that name a body.

The forms read, sentence by sentence, in this order of precedence:
- a request: "giao Sở X chủ trì …", "đề nghị / yêu cầu [body] …" (the body named after
  the word; "theo đề nghị của …", "để đề nghị … khen thưởng" name no one's work); when
  the body is the letter's addressees in a word ("Đề nghị các Sở thực hiện:"), the
  task's `agency` is that word as written and its `agencies` are the recipients;
- a duty: "[body] có trách nhiệm / chủ trì / phối hợp …" (see tasks.DUTY);
- "[body]: …" opening a paragraph or a bullet ("- Sở Tài chính: bố trí kinh phí …");
- a body opening a sentence with an instruction, as in a leader's conclusions
  ("Bộ Giáo dục và Đào tạo khẩn trương hoàn thiện …", "Bộ trưởng Bộ Nội vụ xem xét …":
  `agency` as written, `agencies` the body a head stands for, here "Bộ Nội vụ").
A sentence whose work ends in ":" takes the numbered points or bullets after it as items.
"""

from __future__ import annotations

import re

from .agencies import names_body, split_agencies, strip_leading, trim_name
from .headings import read_heading
from .items import following_items, is_closing_formula
from .model import Task
from .textutil import (
    BULLET,
    clean,
    contains_any,
    fold,
    low,
    says_done,
    split_top_level,
    strip_bullet,
    strip_end,
)

# Instructions that follow a body's name, written in lower case ("Sở Xây dựng" is a name).
_INSTRUCTIONS = (
    "khẩn trương|chủ động|tiếp tục|tập trung|xem xét|nghiên cứu|chỉ đạo|hướng dẫn|chủ trì|"
    "phối hợp|có trách nhiệm|có nhiệm vụ|rà soát|hoàn thiện|hoàn thành|"
    "bố trí|tham mưu|cần|phải|sớm|kịp thời|nghiêm túc|đôn đốc|thực hiện|triển khai|tổ chức|"
    "xây dựng|gửi|báo cáo|theo dõi|cân đối|tăng cường|đẩy mạnh|đánh giá|tuyên truyền|"
    "tổng hợp|kiểm tra|lựa chọn|cử|đăng ký|bảo đảm|đảm bảo|cung cấp|hỗ trợ|huy động|"
    "quan tâm|trình|ban hành|giám sát|phổ biến|chuẩn bị|hoàn chỉnh|bổ sung|đề xuất|"
    "ưu tiên|phân bổ|cập nhật|thống nhất|căn cứ|lập|nộp|thẩm định|rút kinh nghiệm|"
    "tiếp thu|quyết định|giải quyết|sửa đổi|tiếp nhận|quán triệt|vận động|phát động|"
    "kiện toàn|củng cố|duy trì|nâng cao|phê duyệt|xử lý|tập huấn|bồi dưỡng|sơ kết|tổng kết|"
    "làm việc|làm rõ|trao đổi|lãnh đạo|hoàn tất|chịu trách nhiệm(?! thi hành| trước)"
)
# The first letters of the instructions (split at the "|" outside brackets), tested
# first: most spaces are not before one.
_WORDS = re.split(r"\|(?![^(]*\))", _INSTRUCTIONS)
_FIRST = "[" + "".join(sorted({word[0] for word in _WORDS})) + "]"
# Where a body's name ends: the first instruction, not part of a name ("Ban chỉ đạo",
# "Ban Chỉ đạo xây dựng …", "phòng tổ chức cán bộ" written in lower case) nor a noun
# ("các tổ chức chính trị - xã hội").
NAME_END = re.compile(
    r"\s(?=" + _FIRST + r")(?<!\b[bB]an\s)(?<!\btâm\s)(?<!\bđạo\s)(?<!\bcác\s)(?<!\bnhững\s)"
    r"(?<!\bcủa\s)(?<!\bvới\s)(?<!\bcấp\s)(?!tổ chức cán bộ|kiểm tra Đảng)"
    r"(?=(?:" + _INSTRUCTIONS.replace(" ", r"\s?") + r")\b)"  # "chỉđạo": words glued
)
# "X có trách nhiệm …" (not "chịu trách nhiệm thi hành", the closing formula of a decision).
DUTY = re.compile(
    r"\s(?:(có trách nhiệm|có nhiệm vụ|chịu trách nhiệm(?! thi hành| trước))\s*:?\s*"
    r"|(?=chủ trì\b|phối hợp\b))"
)
# Words of a clause, not of a name ("Sở … thông báo để các đơn vị …").
_CLAUSE = re.compile(
    r"\s(?:để|là|được|sẽ|đang|thông báo|đề nghị|yêu cầu|kính mời|mời|nhận|nhằm|khi|nếu|"
    r"cùng|với|theo)(?:\s|$)"
)
# A request and the body after it; not "theo/xét đề nghị (của)", "để đề nghị", "được giao",
# "bàn giao", "giao ban", "giao thông".
_REQUEST = re.compile(
    r"(?<![^\W\d_])(?<!theo )(?<!xét )(?<!để )(?<!được )(?<!bàn )(?<!đã )(?<!vụ )"
    r"(?:đề nghị|yêu cầu|giao)\s+(?:cho\s+)?(?!của\b|ban\b|thông\b|lưu\b|dịch\b|nhận\b)"
)
# "Các Sở: Y tế, Tư pháp" lists bodies of one kind.
_KIND_LIST = re.compile(r"^(?:các\s+)?(?:sở|bộ|ban|hội|phòng)\s*:")
# Work that names nothing to do ("đề nghị các đơn vị nghiêm túc thực hiện").
_EMPTY_WORK = re.compile(
    r"^(?:(?:biết|nghiêm túc|khẩn trương|quan tâm|triển khai|phối hợp|tổ chức|chỉ đạo|"
    r"và|,)\s*)*thực hiện\W*$"
)
# Cheap tests before the patterns above: words without which they cannot match.
_MAY_REQUEST = ("đề nghị", "yêu cầu", "giao")
_MAY_DUTY = ("trách nhiệm", "nhiệm vụ", "chủ trì", "phối hợp")
# (the space first, then the look behind it: the engine skips ahead to spaces instead of
# testing the look-behind at every character)
_SENTENCE = re.compile(r"\s(?<=[.!?]\s)\s*(?=[^\W\d_])")
_DIGIT = re.compile(r"\d")
_DATE_LIKE = re.compile(r"\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{4}|\bngày\s\d", re.IGNORECASE)
# The addressees in a word: "các Sở", "các đơn vị", "Quý cơ quan", "các phòng GD&ĐT".
_ADDRESSEES = re.compile(r"^(?:các|quý)\s+(\S+(?:\s(?:vị|phương|quan|chí|ngành))?)")
# "Cơ quan chủ trì: Sở X" names the lead of the task above it; "Đơn vị tính:" is a unit.
_NOT_A_LABEL = re.compile(r"(?:chủ trì|phối hợp|thực hiện|tính|liên quan)\s*$")
_LEAD_LABEL = re.compile(r"^(?:cơ quan|đơn vị)\s(?:chủ trì|thực hiện|thường trực)\s*:\s*")
_GENERIC = re.compile(
    r"^(?:các|mọi|những)\s(?:đơn vị|cơ quan|ngành|cấp|địa phương|tổ chức|cá nhân)"
    r"(?:\s*(?:,|và)\s*(?:đơn vị|cơ quan|ngành|cấp|địa phương|tổ chức|cá nhân))*"
    r"(?:\s(?:liên quan|có liên quan|trực thuộc))?$"
)
_AS_FOLLOWS = re.compile(r"\bnhư sau\b|\bsau\s*:\s*$")


def _plausible(name: str) -> bool:
    """Whether `name` (before an instruction) can be the name of bodies."""
    words = len(name.split())
    if not name or words > 25 or says_done(name):
        return False
    if _DIGIT.search(name) and _DATE_LIKE.search(name):  # (a date needs a digit: tested first)
        return False
    if _CLAUSE.search(low(name)):
        return False
    if ";" in name:
        return all(names_body(g) for g, _ in split_top_level(name, ";") if g.strip())
    return names_body(name) and not name.endswith(".")


def _split_name(text: str) -> tuple[str, str] | None:
    """A body's name opening `text` and the work after it, cut at the first instruction."""
    end = NAME_END.search(text, 0, 300)
    if end is None:
        return None
    name = trim_name(strip_end(text[: end.start()]))
    if not _plausible(name):
        return None
    return name, text[end.end() :].strip()


def _subject(text: str) -> str | None:
    """The body before a duty, after any opening clause ("Để …, Sở Nội vụ")."""
    subject = trim_name(strip_end(strip_leading(clean(text))))
    if _plausible(subject):
        return subject
    start = 0
    for piece, _ in split_top_level(subject, ","):
        start += len(piece) + 1  # the comma
        rest = strip_end(strip_leading(clean(subject[start:])))
        if len(rest.split()) >= 2 and _plausible(rest):
            return rest
    return None


def _work(rest: str) -> str:
    """The work as an item: without "có trách nhiệm" and the like in front."""
    lowered = low(rest)
    for duty in ("có trách nhiệm", "có nhiệm vụ", "chịu trách nhiệm"):
        if lowered.startswith(duty):
            return clean(rest[len(duty) :].lstrip(" :"))
    return clean(rest)


_CLAUSE_BREAK = re.compile(r"[,;]\s(?=các\s|Các\s|[A-ZĐÂƯƠÔÊ])")
_LISTING = re.compile(r"\s(?:với|cho|của|và)\s")


def split_clauses(work: str) -> tuple[str, list[Task]]:
    """Work that goes on with another body's clause ("gửi báo cáo trước ngày 20/5, các
    trường THPT gửi chậm nhất ngày 25/5"): the first body's part and the others' tasks."""
    for brk in _CLAUSE_BREAK.finditer(work):
        rest = work[brk.end() :]
        if not names_body(rest):
            continue
        # after a comma, a body may go on a list ("phối hợp với A, B"); a ";" ends the clause
        if work[brk.start()] == "," and _LISTING.search(
            work[max(0, brk.start() - 40) : brk.start()]
        ):
            continue
        split = _split_name(rest)
        if split is None or "," in split[0] or _GENERIC.match(low(split[0])):
            continue
        name, after = split
        head = strip_end(work[: brk.start()])
        more, others = split_clauses(_work(after))
        task = Task(agency=name, agencies=split_agencies(name), items=[more])
        return head, [task, *others]
    return work, []


class ProseReader:
    """Reads the prose tasks of one document's body."""

    def __init__(self, lines: list[str], owned: list[bool], recipients: list[str]) -> None:
        self.lines = lines
        self.owned = owned
        self.recipients = recipients

    def read(self, index: int) -> tuple[list[Task], int]:
        """The tasks line `index` assigns, and how many following lines they take."""
        line = self.lines[index]
        if is_closing_formula(fold(line)):
            return [], 0  # "Trên đây là …, đề nghị các đơn vị thực hiện": the closing words
        heading = read_heading(line)
        # (clean, as the document's lines are: see `layout.text_lines`)
        text = heading.text if heading is not None else strip_bullet(line)
        if not text:
            return [], 0
        lead = self._lead_label(index, text)
        if lead is not None:
            return [lead], 0
        if heading is None and not BULLET.match(line):
            named = self._name_line(index, text)
            if named is not None:
                return named
        tasks: list[Task] = []
        taken = 0
        sentences = _SENTENCE.split(text)
        for number, sentence in enumerate(sentences):
            found = self._sentence(sentence, opening=number == 0)
            if found is None:
                continue
            name, work, agencies = found
            items = [work] if work and not _EMPTY_WORK.match(low(work)) else []
            if number == len(sentences) - 1 and sentence.endswith(":"):
                items, taken = self._with_following(index, work, items)
            extra: list[Task] = []
            if len(items) == 1:
                items[0], extra = split_clauses(items[0])
            if items:
                tasks.append(Task(agency=name, agencies=agencies, items=items))
                tasks.extend(extra)
        return tasks, taken

    def _with_following(self, index: int, work: str, items: list[str]) -> tuple[list[str], int]:
        """The items of work that ends in ":": the points or bullets after it (the work
        itself when it says more than "thực hiện các nội dung sau")."""
        following, taken = following_items(self.lines, index, self.owned, self.assigns)
        if not following:
            return items, 0
        if not work or _AS_FOLLOWS.search(work) or len(work.split()) <= 6:
            items = []
        return [*items, *following], taken

    def assigns(self, line: str) -> bool:
        """Whether a paragraph opens with work of its own (a body, a request)."""
        # (a document line is clean: see `layout.text_lines`)
        return self._sentence(_SENTENCE.split(line, 1)[0], opening=True) is not None

    def _name_line(self, index: int, text: str) -> tuple[list[Task], int] | None:
        """A line that only names bodies ("Sở Y tế", "Các Sở: Y tế, Tư pháp") over bullets:
        a heading without a number."""
        following = index + 1
        if following >= len(self.lines) or not BULLET.match(self.lines[following]):
            return None
        name = strip_end(text)
        if text.endswith(".") or len(name.split()) > 20 or NAME_END.search(name):
            return None
        if ":" in name and not _KIND_LIST.match(low(name)):
            return None
        if not _plausible(name):
            return None
        items, taken = following_items(self.lines, index, self.owned, self.assigns)
        if not items:
            return None
        return [Task(agency=name, agencies=split_agencies(name), items=items)], taken

    def _sentence(self, sentence: str, *, opening: bool) -> tuple[str, str, list[str]] | None:
        lowered = low(sentence)
        may_request = contains_any(lowered, _MAY_REQUEST)
        may_duty = contains_any(lowered, _MAY_DUTY)
        opens = names_body(sentence)
        if not (may_request or may_duty or opens or (opening and ": " in sentence[:82])):
            return None  # most sentences: nothing to look at, cheaply
        request = _REQUEST.search(lowered) if may_request else None
        if request is not None:
            found = self._request(sentence, request.end())
            if found is not None:
                return found
        if opening:
            labelled = self._labelled(sentence, opens=opens)
            if labelled is not None:
                return labelled
        duty = DUTY.search(lowered) if may_duty else None
        if duty is not None:
            subject = _subject(sentence[: duty.start()])
            if subject is not None:
                return subject, _work(sentence[duty.end() :]), split_agencies(subject)
        split = _split_name(strip_leading(sentence)) if opens else None
        if split is None:
            return None
        name, rest = split
        if _GENERIC.match(low(name)):
            return None  # "Các đơn vị thực hiện theo …": everyone, no one in particular
        if _AS_FOLLOWS.search(rest[:60]):
            return None  # "Sở … hướng dẫn như sau:": the issuer speaking
        return name, _work(rest), split_agencies(name)

    def _request(self, sentence: str, start: int) -> tuple[str, str, list[str]] | None:
        after = strip_leading(sentence[start:])  # "(các) đồng chí" goes too
        if not names_body(after):
            return None
        split = _split_name(after)
        if split is None:
            if not after.endswith(":"):
                return None
            name, rest = strip_end(after), ""
            if not _plausible(name):
                return None
        else:
            name, rest = split
        return name, _work(rest), self.agencies_for(name)

    def _labelled(self, sentence: str, *, opens: bool) -> tuple[str, str, list[str]] | None:
        """ "[body]: work", or work after a label ("Về tuyên truyền: Sở … chủ trì …")."""
        if opens:
            return self._colon(sentence)
        label = sentence.find(": ")
        if 0 < label < 80:
            return self._sentence(sentence[label + 2 :], opening=False)
        return None

    def _colon(self, sentence: str) -> tuple[str, str, list[str]] | None:
        """ "[body]: work" opening a paragraph or a bullet."""
        colon = sentence.find(":")
        if colon <= 0 or colon > 200:
            return None
        name = strip_leading(clean(sentence[:colon]))
        lowered = low(name)
        if len(name.split()) < 2 or _NOT_A_LABEL.search(lowered) or NAME_END.search(name):
            return None
        if not _plausible(name):
            return None
        if _KIND_LIST.match(lowered + ":"):
            return None  # "Các Sở: Y tế, Tư pháp": a list of bodies, not a label
        return name, clean(sentence[colon + 1 :]), split_agencies(name)

    def agencies_for(self, name: str) -> list[str]:
        """The bodies a request names: the recipients when it names them in a word."""
        addressees = _ADDRESSEES.match(low(name))
        if not self.recipients or addressees is None or len(name.split()) > 4:
            return split_agencies(name)
        kind = fold(addressees.group(1))
        chosen = [r for r in self.recipients if kind in fold(r)[:40].split()]
        return [a for r in chosen or self.recipients for a in split_agencies(r)]

    def _lead_label(self, index: int, text: str) -> Task | None:
        """ "Cơ quan chủ trì: Sở X" under a numbered piece of work: Sở X's task."""
        label = _LEAD_LABEL.match(low(text[:40]))
        if label is None:
            return None
        name = strip_end(split_top_level(text[label.end() :], ";")[0][0])
        if not _plausible(name):
            return None
        for back in range(index - 1, max(-1, index - 6), -1):
            previous = self.lines[back]
            if not BULLET.match(previous):
                work = clean(re.sub(r"^\S{1,6}[.)]\s+", "", previous))
                return Task(agency=name, agencies=split_agencies(name), items=[work])
        return None
