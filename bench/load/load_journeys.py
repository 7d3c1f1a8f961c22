"""What a simulated officer does, through the site's real pages, whatever drives it.

No Django and no locust here: locustfile.py drives an `Officer` with locust's
HTTP client, and the same journey can be walked with any `Client`. An officer
logs in once through the login form, then, with 0.5–2 s of thought between
steps, does what its level does in a deadline rush:

- every officer: the home page and the campaign's dashboard;
- a commune, a district or an agency: its work page, its own report, saving
  figures (the report's form read from the page — CSRF token, revision, what
  it showed — with every figure typed anew) and, after 2 to 30 saves, signing
  and sending it with a small real PDF made in memory; a report already sent
  is read, not written. So many saves spread the sends over a two-minute run
  and keep a rush's writes in it to its end;
- a district: the list of its communes' reports;
- the province: the roll-up of the whole campaign and a district's list of
  its communes' reports.

A save or send counts as acknowledged when the site answers it with its
redirect back to the report (a refused form answers 200 with the page again);
each acknowledged one is written as a JSON line to the acknowledgements file,
with what it wrote, for the check afterwards (load_setup.verify).
"""

from __future__ import annotations

import json
import random
import secrets
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Protocol

# At 0.5–2 s of thought, a writing officer saves about once in 4 s: 2–30 saves before
# sending spread the sends, and so the writes, over a two-minute steady run.
SAVES_BEFORE_SENDING = (2, 30)
LOGIN = "login"  # the prefix of the login rush's request names
FIGURE_COLUMNS = ("baseline", "baseline_denominator", "value", "denominator")


@dataclass
class Answer:
    status: int
    location: str
    text: str


class Client(Protocol):
    """One officer's browser: cookies kept, redirects not followed."""

    def fetch(
        self,
        method: str,
        path: str,
        *,
        name: str,
        body: bytes | None = None,
        content_type: str = "",
    ) -> Answer: ...


@dataclass
class Form:
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)

    def value(self, name: str) -> str:
        return next((value for key, value in self.fields if key == name), "")


class FormReader(HTMLParser):
    """The forms of a page with the values a browser would post (buttons and files left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = Form(action=found.get("action", ""))
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and found.get("name"):
            kind = found.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in found:
                return
            self._form.fields.append((found["name"], found.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = found.get("name", ""), []
        elif tag == "select":
            self._select, self._options = found.get("name", ""), []
        elif tag == "option" and self._select is not None:
            self._options.append((found.get("value", ""), "selected" in found))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif self._form is None:
            return
        elif tag == "textarea" and self._textarea is not None:
            self._form.fields.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = [value for value, selected in self._options if selected] or [
                value for value, _selected in self._options[:1]
            ]
            if chosen:
                self._form.fields.append((self._select, chosen[0]))
            self._select = None


def form_on(page: str, action: str) -> Form | None:
    reader = FormReader()
    reader.feed(page)
    return next((form for form in reader.forms if form.action == action), None)


def pdf_bytes(title: str) -> bytes:
    """A small but real one-page PDF (catalogue, pages, page, content, font; a true xref)."""
    text = title.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 14 Tf 72 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def multipart(
    fields: list[tuple[str, str]], files: dict[str, tuple[str, bytes]]
) -> tuple[bytes, str]:
    """A multipart/form-data body as a browser sends it, and its content type."""
    boundary = f"----bench{secrets.token_hex(12)}"
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, data) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def urlencoded(fields: list[tuple[str, str]]) -> bytes:
    from urllib.parse import urlencode

    return urlencode(fields).encode()


class Acknowledgements:
    """The acknowledged saves and sends, one JSON line each (shared by an officer's greenlets
    or threads: each line is written whole)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def write(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False) + "\n"
        with self._lock, self.path.open("a", encoding="utf-8") as out:
            out.write(line)


class Officer:
    """One simulated officer of the plan (see load_setup.officers_make)."""

    def __init__(
        self, plan: dict[str, Any], me: dict[str, Any], client: Client, acks: Acknowledgements
    ) -> None:
        self.plan, self.me, self.client, self.acks = plan, me, client, acks
        self.rng = random.Random(me["username"])
        self.campaign = int(plan["campaign"])
        self.report = f"/reports/obligations/{me['report']}/" if me.get("report") else ""
        self.saves = 0
        self.tries = 0  # saves and sends posted
        self.saves_before_sending = self.rng.randint(*SAVES_BEFORE_SENDING)
        self.sent = not me.get("writes")  # a reader never writes
        self.writing = True  # False: reads only (the load test's officers until all are in)

    # -- the login, once -----------------------------------------------------------------

    def log_in(self, password: str) -> bool:
        page = self.client.fetch("GET", "/accounts/login/", name=f"{LOGIN}: form")
        form = form_on(page.text, "")
        token = form.value("csrfmiddlewaretoken") if form else ""
        fields = [("csrfmiddlewaretoken", token), ("username", self.me["username"])]
        fields.append(("password", password))
        answer = self.client.fetch(
            "POST",
            "/accounts/login/",
            name=f"{LOGIN}: post",
            body=urlencoded(fields),
            content_type="application/x-www-form-urlencoded",
        )
        return answer.status == 302

    # -- the mix ---------------------------------------------------------------------------

    def steps(self) -> list[tuple[str, int]]:
        """The officer's possible steps with their weights."""
        level = self.me["level"]
        shared = [("home", 1), ("dashboard", 2)]
        if level == "province":
            return [*shared, ("rollup", 2), ("communes", 3)]
        own = [("work", 2), ("report", 2)]
        if self.writing and not self.sent:
            own += [("save", 4), ("send", 2 if self.saves >= self.saves_before_sending else 0)]
        if level == "district":
            own.append(("communes", 2))
        return [*shared, *own]

    def step(self) -> None:
        names, weights = zip(*[(n, w) for n, w in self.steps() if w], strict=True)
        getattr(self, f"do_{self.rng.choices(names, weights)[0]}")()

    def get(self, path: str, name: str) -> Answer:
        return self.client.fetch("GET", path, name=name)

    def do_home(self) -> None:
        self.get("/", "home")

    def do_dashboard(self) -> None:
        self.get(f"/campaigns/{self.campaign}/", "dashboard")

    def do_work(self) -> None:
        self.get(f"/campaigns/{self.campaign}/work/", "work page")

    def do_report(self) -> None:
        self.get(self.report, "report")

    def do_rollup(self) -> None:
        self.get(f"/campaigns/{self.campaign}/rollup/", "province roll-up")

    def do_communes(self) -> None:
        path = f"/reports/campaigns/{self.campaign}/received/"
        if self.me["level"] == "province" and self.plan["districts"]:
            path += f"?unit={self.rng.choice(self.plan['districts'])}"
        self.get(path, "district's communes")

    def _figures(self, form: Form) -> tuple[list[tuple[str, str]], dict[str, dict[str, int]]]:
        """Every figure of the form typed anew: one whole and rate for all the percentages,
        one count for all the counts (a rule comparing two of them still holds), parts never
        above their whole."""
        whole = self.rng.randint(200, 9000)
        value = round(whole * self.rng.uniform(0.4, 0.95))
        count = self.rng.randint(1, 400)
        names = {name for name, _value in form.fields}
        typed: dict[str, dict[str, int]] = {}
        fields = []
        for name, shown in form.fields:
            indicator, _dash, column = name[1:].partition("-")
            if not (name.startswith("v") and indicator.isdigit() and column in FIGURE_COLUMNS):
                fields.append((name, shown))
                continue
            ratio = f"v{indicator}-denominator" in names
            figures = (
                {"baseline": value - value // 10, "baseline_denominator": whole}
                | {"value": value, "denominator": whole}
                if ratio
                else {"baseline": count - count // 10, "value": count}
            )
            typed.setdefault(indicator, {})[column] = figures[column]
            fields.append((name, str(figures[column])))
        return fields, typed

    def _post(
        self, kind: str, path: str, record: dict[str, Any], body: bytes, content: str
    ) -> bool:
        """Post a save or a send: its try is written first (a run may end with the request
        on its way, done but not acknowledged), its acknowledgement once the site answers
        with its redirect to the report."""
        self.tries += 1
        ident = f"{self.me['username']}#{self.tries}"
        self.acks.write({"kind": kind, "phase": "try", "id": ident, **record})
        name = "report: save figures" if kind == "save" else "report: sign and send"
        answer = self.client.fetch("POST", path, name=name, body=body, content_type=content)
        acknowledged = answer.status == 302 and answer.location.endswith(self.report)
        if acknowledged:
            self.acks.write({"kind": kind, "phase": "ack", "id": ident, "at": time.time()})
        return acknowledged

    def do_save(self) -> None:
        page = self.get(self.report, "report")
        form = form_on(page.text, self.report)
        if form is None:  # sent meanwhile, or not this officer's to write
            self.sent = True
            return
        fields, figures = self._figures(form)
        text = f"[benchmark] {self.me['username']}: lần lưu {self.tries + 1}"
        section = next((name for name, _v in fields if name[:1] == "s" and name[1:].isdigit()), "")
        fields = [(n, text if n == section else v) for n, v in fields]
        record = {
            "report": self.me["report"],
            "revision": form.value("revision"),
            "figures": figures,
            "texts": {section: text} if section else {},
        }
        form_type = "application/x-www-form-urlencoded"
        if self._post("save", self.report, record, urlencoded(fields), form_type):
            self.saves += 1

    def do_send(self) -> None:
        path = f"{self.report}send/"
        page = self.get(path, "report: send page")
        form = form_on(page.text, path)
        if form is None:
            self.sent = True
            return
        number = f"{self.rng.randint(1, 999)}/BC-BENCH-{self.me['report']}"
        typed = {"number": number, "signer_name": "Nguyễn Văn Thử", "signer_capacity": "CHỦ TỊCH"}
        fields = [(n, typed.get(n, v)) for n, v in form.fields]
        filename = f"bao-cao-{self.me['report']}.pdf"
        body, content_type = multipart(
            fields, {"signed_file": (filename, pdf_bytes(f"Bao cao {number}"))}
        )
        record = {"report": self.me["report"], "number": number, "file": filename}
        if self._post("send", path, record, body, content_type):
            self.sent = True
        else:
            self.saves_before_sending += 2  # refused: save again before the next try
