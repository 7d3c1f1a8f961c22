"""The whole campaign in a real browser, as its users walk it on 20/06/2013: the province
imports the seed directive, reviews and publishes it; Bãi Cháy records its conference and
sends its report; Hạ Long returns it with a reason, accepts the fix, sends its own report
and its 2 + 2 nominations; Sở Nội vụ reports on its task; the province accepts, watches the
dashboard move and, once every other unit has done its part (tests/e2e/others_act.py), turn
complete; it generates the consolidated report and downloads it.

Every step goes through the pages' own forms. A JPEG of each step (1366 × 800, and 375 px
for a few) is kept as build/screenshots/walk-NN-role-step.jpg; `make docs-pictures` copies
them into docs/pictures/ for docs/USER-GUIDE.vi.md."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest
from docx import Document
from docx.document import Document as DocxDocument

from tests.directives.pdfmaker import pdf_with_text
from tests.e2e.conftest import CLOCK, PHONE, ROOT, Site, demo_log_in, screenshot

if TYPE_CHECKING:
    from playwright.sync_api import (
        Browser,
        BrowserContext,
        FilePayload,
        Locator,
        Page,
        ViewportSize,
    )

pytestmark = pytest.mark.e2e

DESKTOP: ViewportSize = {"width": 1366, "height": 800}
SEED = ROOT / "src/xhht/data/directives/000_22b84cf719125a31.txt"  # directive 1395
TITLE = "Sơ kết giữa kỳ thực hiện Nghị quyết 01-NQ/TV năm 2013"
RETURN_REASON = "Đề nghị bổ sung mục 2 (những tồn tại cần khắc phục) rồi gửi lại."
DOCUMENT_WAIT_MS = 120_000  # the worker makes the .docx beside the site on a busy machine
OTHERS_ACT_SECONDS = 600
# The rows of the dashboard that turn complete: level, deliverable, how many owe it.
COMPLETE = [
    ("Cấp xã", "Hội nghị", "186"),
    ("Cấp xã", "Báo cáo", "186"),
    ("Cấp huyện", "Hội nghị", "14"),
    ("Cấp huyện", "Báo cáo", "14"),
    ("Cấp huyện", "Đề nghị", "14"),
    ("Cơ quan thành viên", "Báo cáo", "16"),
]

NOMINATIONS = [
    (
        "Thêm cá nhân",
        {
            "name": "Phạm Thị Thu Hà",
            "sex": "Nữ",
            "birth_year": "1972",
            "position": "Phó Chủ tịch Hội Khuyến học phường Bãi Cháy",
            "workplace": "Phường Bãi Cháy, thành phố Hạ Long",
            "field": "Khuyến học, khuyến tài",
            "achievements": "Vận động 640 hộ đăng ký Gia đình học tập; quỹ khuyến học đạt "
            "210 triệu đồng.",
        },
    ),
    (
        "Thêm cá nhân",
        {
            "name": "Vũ Đức Minh",
            "sex": "Nam",
            "birth_year": "1965",
            "position": "Giám đốc Trung tâm học tập cộng đồng phường Hà Khánh",
            "workplace": "Phường Hà Khánh, thành phố Hạ Long",
            "field": "Trung tâm học tập cộng đồng",
            "achievements": "Mở 24 lớp chuyên đề cho 1.300 lượt người học trong năm 2012.",
        },
    ),
    (
        "Thêm tập thể",
        {
            "name": "Trung tâm học tập cộng đồng phường Bãi Cháy",
            "workplace": "UBND phường Bãi Cháy",
            "field": "Trung tâm học tập cộng đồng",
            "achievements": "Hoạt động thường xuyên, có hiệu quả; ba năm liền xếp loại tốt.",
        },
    ),
    (
        "Thêm tập thể",
        {
            "name": "Hội Khuyến học phường Hồng Hải",
            "workplace": "Phường Hồng Hải, thành phố Hạ Long",
            "field": "Gia đình, dòng họ, cộng đồng học tập",
            "achievements": "92% số hộ đạt danh hiệu Gia đình học tập; 15 dòng họ học tập.",
        },
    ),
]


@dataclass
class Walk:
    """The officers' open browsers, one context each, logged in once."""

    browser: Browser
    site: Site
    pages: dict[str, Page] = field(default_factory=dict)
    contexts: list[BrowserContext] = field(default_factory=list)
    step: int = 0

    def page(self, username: str) -> Page:
        if username not in self.pages:
            context = self.browser.new_context(viewport=DESKTOP)
            self.contexts.append(context)
            self.pages[username] = context.new_page()
            demo_log_in(self.pages[username], self.site, username)
        return self.pages[username]

    def shot(
        self, page: Page, name: str, *, at: Locator | None = None, phone: bool = False
    ) -> None:
        """walk-NN-name.jpg of the screen (scrolled to `at`), and a 375 px one if `phone`."""
        self.step += 1
        stem = f"walk-{self.step:02d}-{name}"
        sizes = [(DESKTOP, stem)] + ([(PHONE, f"{stem}-phone")] if phone else [])
        for viewport, picture in sizes:
            page.set_viewport_size(viewport)
            if at is not None:  # its top near the top of the screen, a line above it kept
                at.first.evaluate("e => { e.scrollIntoView({block: 'start'}); scrollBy(0, -90); }")
            screenshot(page, picture, kind="jpeg", full_page=False)
        page.set_viewport_size(DESKTOP)


def _pdf(name: str, text: str) -> list[FilePayload]:
    """A small but real one-page PDF, as a signed scan chosen in the file picker."""
    return [{"name": name, "mimeType": "application/pdf", "buffer": pdf_with_text([text])}]


def _submit(page: Page, button: str) -> None:
    page.click(button)
    page.wait_for_load_state()


def _main(page: Page) -> str:
    return page.locator("main").inner_text()


def _open_walk_campaign(page: Page, site: Site) -> None:
    """The work page, with the walk's campaign chosen in its list (the demo's is there too)."""
    page.goto(site.base_url + "/campaigns/work/")
    options = page.locator("select[name=campaign] option")
    texts = options.all_text_contents()
    chosen = next(i for i, text in enumerate(texts) if text.strip().startswith(TITLE))
    value = options.nth(chosen).get_attribute("value")
    assert value is not None
    page.select_option("select[name=campaign]", value)
    _submit(page, "main form button:has-text('Xem')")
    assert TITLE in page.locator("main p.lead").inner_text()


def _tally(page: Page, level: str, deliverable: str) -> list[str]:
    """One row of the dashboard's table by level: on time, late, returned, overdue, not yet
    due, total, done."""
    row = page.locator("table.tally tbody tr").filter(has_text=level).filter(has_text=deliverable)
    return [cell.strip() for cell in row.first.locator("td.num").all_text_contents()]


def _fill_figures(page: Page, text: str) -> None:
    """Type every figure still empty (a part below its whole) and the first section."""
    form = page.locator("form.report-form")
    values = form.locator("input[name$='-value']:not([name*='baseline'])")
    for i in range(values.count()):
        box = values.nth(i)
        if box.input_value():
            continue  # rolled up from the units below
        name = box.get_attribute("name") or ""
        whole = form.locator(f"input[name='{name.replace('-value', '-denominator')}']")
        if whole.count():
            whole.fill(str(200 + 10 * i))
            box.fill(str((200 + 10 * i) * 4 // 5))
        else:
            box.fill(str(5 + i))
    form.locator("textarea[name^=s]").first.fill(text)


def _save_report(page: Page) -> None:
    _submit(page, "form.report-form button[type=submit]:has-text('Lưu')")
    assert "Đã lưu báo cáo." in _main(page)
    assert "chưa nhập số liệu" not in _main(page)  # nothing mandatory left


def _sign(page: Page, number: str, signer: str, capacity: str) -> Locator:
    """The sending form filled: number, signer, capacity and the signed scan as a PDF."""
    page.click("main a:has-text('Ký và gửi')")
    page.wait_for_load_state()
    form = page.locator("main form[action$='/send/']")
    form.locator("input[name=number]").fill(number)
    assert form.locator("input[name=signed_on]").input_value() == "20/06/2013"
    form.locator("input[name=signer_name]").fill(signer)
    form.locator("input[name=signer_capacity]").fill(capacity)
    label = f"Bao cao so {number}".encode("ascii", "replace").decode()  # Helvetica's letters
    form.locator("input[name=signed_file]").set_input_files(files=_pdf("bao-cao-da-ky.pdf", label))
    return form


def _send(page: Page, form: Locator, recipient: str) -> None:
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert f"Đã gửi báo cáo đến {recipient}." in _main(page)


def province_publishes(walk: Walk) -> None:
    page = walk.page("demo-tinh")
    page.goto(walk.site.base_url + "/directives/")
    page.set_input_files("input[name=file]", str(SEED))
    _submit(page, "main form button[type=submit]")
    assert "Đã đọc văn bản chỉ đạo" in _main(page)
    # The demo published this very directive: the review says so before anything else.
    assert "Tỉnh đã có văn bản cùng số, ký hiệu và ngày ban hành" in _main(page)
    page.fill("input[name=title]", TITLE)
    _submit(page, "main button[name=save]")
    assert "Đã lưu bản nháp." in _main(page)
    walk.shot(page, "tinh-ra-soat")
    _submit(page, "main button[name=publish]")
    assert "372 việc phải làm sẽ quá hạn ngay khi công bố" in _main(page)  # communes: 10/06
    assert page.locator(".notice.duplicates").count() == 1
    page.check("input[name=despite]")  # both warnings read: publish anyway
    walk.shot(page, "tinh-cong-bo", at=page.locator("input[name=despite]"))
    _submit(page, "main form button:has-text('Công bố')")
    assert "Đã công bố đợt sơ kết, tổng kết: đã tạo 432 việc phải làm." in _main(page)
    walk.shot(page, "tinh-da-cong-bo")


def province_dashboard_at_start(walk: Walk) -> None:
    page = walk.page("demo-tinh")
    _open_walk_campaign(page, walk.site)
    _submit(page, "main p.actions a.button:has-text('Bảng theo dõi')")
    # Before any unit acts: the communes' deadline (10/06/2013) has passed, nothing is done.
    assert _tally(page, "Cấp xã", "Báo cáo") == ["0", "0", "0", "186", "0", "186", "0%"]
    assert _tally(page, "Cấp huyện", "Báo cáo") == ["0", "0", "0", "0", "14", "14", "0%"]


def commune_reports(walk: Walk) -> None:
    page = walk.page("demo-baichay")
    _open_walk_campaign(page, walk.site)
    assert "Quá hạn" in page.locator("table.owed").inner_text()
    walk.shot(page, "xa-viec-phai-lam", phone=True)
    _submit(page, "table.owed a:has-text('Ghi nhận hội nghị')")
    page.fill("input[name=held_on]", "18/06/2013")
    page.fill("input[name=venue]", "Hội trường UBND phường Bãi Cháy")
    page.fill("input[name=chair]", "Nguyễn Văn Hải, Chủ tịch UBND phường")
    page.fill("input[name=participants]", "120")
    page.check("input[name=exhibition_held]")
    minutes = _pdf("bien-ban-hoi-nghi.pdf", "Bien ban hoi nghi so ket phuong Bai Chay")
    page.set_input_files("input[name=minutes]", files=minutes)
    walk.shot(page, "xa-ghi-nhan-hoi-nghi")
    _submit(page, "main form button:has-text('Lưu')")
    assert "Đã ghi nhận hội nghị của Phường Bãi Cháy." in _main(page)
    assert "bien-ban-hoi-nghi.pdf" in _main(page)

    _submit(page, "table.owed a:has-text('Soạn báo cáo')")
    _fill_figures(page, "Phường đã tổ chức hội nghị sơ kết ngày 18/06/2013 với 120 đại biểu.")
    _save_report(page)
    walk.shot(page, "xa-soan-bao-cao", at=page.locator("form.report-form table").first)
    form = _sign(page, "45/BC-UBND", "Nguyễn Văn Hải", "CHỦ TỊCH")
    walk.shot(page, "xa-ky-va-gui", at=form.locator("input[name=number]"), phone=True)
    _send(page, form, "Thành phố Hạ Long")


def _review(page: Page, site: Site, unit: str) -> None:
    """From the received reports, the review page of `unit`'s report."""
    _open_walk_campaign(page, site)
    _submit(page, "main p.actions a.button:has-text('Báo cáo đã nhận')")
    page.locator("tr", has_text=unit).locator("a:has-text('Xem xét')").click()
    page.wait_for_load_state()


def _accept(page: Page) -> None:
    page.check("form[action$='/review/accept/'] input[name=confirm]")
    _submit(page, "form[action$='/review/accept/'] button[type=submit]")
    assert "Đã tiếp nhận báo cáo." in _main(page)


def district_returns(walk: Walk) -> None:
    page = walk.page("demo-halong")
    _open_walk_campaign(page, walk.site)
    _submit(page, "main p.actions a.button:has-text('Báo cáo đã nhận')")
    row = page.locator("tr", has_text="Phường Bãi Cháy")
    assert "Đã gửi" in row.inner_text()
    walk.shot(page, "huyen-bao-cao-da-nhan")
    row.locator("a:has-text('Xem xét')").click()
    page.wait_for_load_state()
    page.fill("form[action$='/review/return/'] textarea[name=reason]", RETURN_REASON)
    walk.shot(page, "huyen-tra-lai", at=page.locator("form[action$='/review/return/']"))
    _submit(page, "form[action$='/review/return/'] button[type=submit]")
    assert "Đã trả lại báo cáo cho đơn vị." in _main(page)


def commune_corrects(walk: Walk) -> None:
    page = walk.page("demo-baichay")
    _open_walk_campaign(page, walk.site)
    owed = page.locator("table.owed").inner_text()
    assert "Đã trả lại, chờ sửa" in owed and RETURN_REASON in owed
    walk.shot(
        page, "xa-bi-tra-lai", at=page.locator("table.owed tr", has_text="chờ sửa"), phone=True
    )
    _submit(page, "table.owed a:has-text('Sửa và gửi lại')")
    page.locator("form.report-form textarea[name^=s]").nth(1).fill(
        "Một số khu phố chưa duy trì sinh hoạt thường xuyên tại trung tâm học tập cộng đồng."
    )
    _save_report(page)
    form = _sign(page, "46/BC-UBND", "Nguyễn Văn Hải", "CHỦ TỊCH")
    # who signed is kept from the first sending; a new number is asked for
    assert form.locator("input[name=signer_name]").input_value() == "Nguyễn Văn Hải"
    _send(page, form, "Thành phố Hạ Long")
    walk.shot(page, "xa-gui-lai")


def district_accepts_and_reports(walk: Walk) -> None:
    page = walk.page("demo-halong")
    _review(page, walk.site, "Phường Bãi Cháy")
    assert "46/BC-UBND" in _main(page)
    _accept(page)
    walk.shot(page, "huyen-tiep-nhan")

    _open_walk_campaign(page, walk.site)
    _submit(page, "table.owed a:has-text('Soạn báo cáo')")
    # Bãi Cháy's figures are already rolled up into the district's own report.
    assert "bằng tổng hiện tại của 1 đơn vị cấp dưới" in _main(page)
    _fill_figures(page, "Thành phố đã chỉ đạo 20 phường, xã tổ chức sơ kết, báo cáo.")
    _save_report(page)
    walk.shot(page, "huyen-bao-cao", at=page.locator("form[action$='/rollup/prefill/']"))
    form = _sign(page, "112/BC-BCĐ", "Trần Văn Bình", "KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN")
    _send(page, form, "Tỉnh Quảng Ninh")


def district_nominates(walk: Walk) -> None:
    page = walk.page("demo-halong")
    _open_walk_campaign(page, walk.site)
    _submit(page, "main p.actions a.button:has-text('Đề nghị khen thưởng của đơn vị')")
    mine = page.url
    for link, values in NOMINATIONS:
        page.goto(mine)
        _submit(page, f"main a:has-text('{link}')")
        for name, value in values.items():
            if name in ("sex", "field"):
                page.select_option(f"main select[name={name}]", label=value)
            elif name == "achievements":
                page.fill("main textarea[name=achievements]", value)
            else:
                page.fill(f"main input[name={name}]", value)
        if values["name"] == "Phạm Thị Thu Hà":
            walk.shot(page, "huyen-nhap-de-nghi")
        _submit(page, "main form button[type=submit]:has-text('Lưu')")
        assert f"Đã nhập {values['name']} ở dạng bản nháp" in _main(page)
    quota = page.locator("main table").first.inner_text()
    assert "2/2" in quota and "Đã đủ hạn mức" in quota
    _submit(page, "form[action$='/awards/send/'] button[type=submit]")
    assert "Đã gửi các đề nghị khen thưởng tới Tỉnh Quảng Ninh ngày 20/06/2013." in _main(page)
    walk.shot(page, "huyen-gui-de-nghi")


def agency_reports(walk: Walk) -> None:
    page = walk.page("demo-sonoivu")
    _open_walk_campaign(page, walk.site)
    assert page.locator("#tasks").count() == 1  # the task the directive gave Sở Nội vụ
    walk.shot(page, "so-nhiem-vu", at=page.locator("#tasks"))
    _submit(page, "table.owed a:has-text('Soạn báo cáo')")
    _fill_figures(
        page,
        "Sở đã chỉ đạo Phòng Nội vụ 14 huyện, thị xã, thành phố phối hợp với Phòng GD&ĐT "
        "bố trí 28 giáo viên biệt phái sang các trung tâm học tập cộng đồng.",
    )
    page.fill(
        "textarea[name=pnew-text]",
        "Đề nghị bố trí kinh phí bồi dưỡng cho giáo viên biệt phái sang trung tâm học tập "
        "cộng đồng.",
    )
    page.select_option("select[name=pnew-to]", label="Sở Tài chính tỉnh Quảng Ninh")
    _save_report(page)
    walk.shot(page, "so-bao-cao", at=page.locator("form.report-form textarea[name^=s]"))
    form = _sign(page, "835/BC-SNV", "Lê Văn Tuấn", "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC")
    _send(page, form, "Tỉnh Quảng Ninh")


def province_accepts(walk: Walk) -> None:
    page = walk.page("demo-tinh")
    for unit in ("Thành phố Hạ Long", "Sở Nội vụ tỉnh Quảng Ninh"):
        _review(page, walk.site, unit)
        if unit == "Thành phố Hạ Long":
            walk.shot(page, "tinh-xem-xet-bao-cao")
        _accept(page)
    _open_walk_campaign(page, walk.site)
    _submit(page, "main p.actions a.button:has-text('Đề nghị khen thưởng nhận được')")
    received = page.url
    walk.shot(page, "tinh-de-nghi-nhan-duoc")
    for _link, values in NOMINATIONS:
        page.goto(received)
        page.locator("tr", has_text=values["name"]).locator("a:has-text('Xem xét')").click()
        page.wait_for_load_state()
        _submit(page, "form[action$='/accept/'] button[type=submit]")
    page.goto(received)
    rows = page.locator("tr", has_text="Đã tiếp nhận")
    assert rows.count() >= 4, _main(page)


def province_watches(walk: Walk) -> None:
    """The walk moves the counts and completes the walked commune; the rest of the campaign
    (185 communes, 13 districts, 15 agencies) is done beside the browser, and the rows of
    the dashboard turn complete."""
    page = walk.page("demo-tinh")
    _open_walk_campaign(page, walk.site)
    _submit(page, "main p.actions a.button:has-text('Bảng theo dõi')")
    assert _tally(page, "Cấp xã", "Hội nghị") == ["0", "1", "0", "185", "0", "186", "1%"]
    assert _tally(page, "Cấp xã", "Báo cáo") == ["0", "1", "0", "185", "0", "186", "1%"]
    assert _tally(page, "Cấp huyện", "Báo cáo") == ["1", "0", "0", "0", "13", "14", "7%"]
    assert _tally(page, "Cấp huyện", "Đề nghị") == ["1", "0", "0", "0", "13", "14", "7%"]
    assert _tally(page, "Cơ quan thành viên", "Báo cáo") == ["1", "0", "0", "0", "15", "16", "6%"]
    tasks = page.locator("tr", has_text="Sở Nội vụ tỉnh Quảng Ninh").first.inner_text()
    assert "Đã báo cáo" in tasks
    walk.shot(page, "tinh-bang-theo-doi", phone=True)
    _submit(page, "main table.tally a:has-text('Thành phố Hạ Long')")
    _submit(page, "main table.tally a:has-text('Phường Bãi Cháy')")
    figures = page.locator("dl.figures").inner_text()
    assert re.search(r"Đã hoàn thành\s+100%", figures), figures
    walk.shot(page, "tinh-don-vi-hoan-thanh")

    # Meanwhile every other unit does what it owes (tests/e2e/others_act.py): the dashboard
    # turns complete. Only the province's own two (its conference and the consolidated
    # report, due 31/07) are left, so the whole reads 99 %, not a rounded 100 %.
    print(_others_act(walk.site))
    _open_walk_campaign(page, walk.site)
    _submit(page, "main p.actions a.button:has-text('Bảng theo dõi')")
    for level, deliverable, total in COMPLETE:
        tally = _tally(page, level, deliverable)
        assert tally[2:] == ["0", "0", "0", total, "100%"], (level, deliverable, tally)
        assert sum(int(done) for done in tally[:2]) == int(total), (level, deliverable, tally)
    figures = page.locator("dl.figures").first.inner_text()
    assert re.search(r"Chưa đến hạn\s+2\b", figures), figures
    assert re.search(r"Đã hoàn thành\s+99%", figures), figures
    walk.shot(page, "tinh-bang-theo-doi-hoan-thanh")


def _others_act(site: Site) -> str:
    """Run others_act.py on the site's database, in the environment `make run` gave it."""
    var = site.output.parent / "var"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("XHHT_") and k != "DJANGO_SETTINGS_MODULE"
    }
    env |= {name: os.environ[name] for name in CLOCK} | {
        "XHHT_VAR_DIR": str(var),
        "XHHT_SECRET_KEY": (var / "secret_key").read_text().strip(),
        "XHHT_TODAY": os.environ["XHHT_TODAY"],
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.e2e.others_act", TITLE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=OTHERS_ACT_SECONDS,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def province_generates(walk: Walk) -> DocxDocument:
    page = walk.page("demo-tinh")
    _open_walk_campaign(page, walk.site)
    _submit(page, "main p.actions a.button:has-text('Văn bản')")
    page.fill("form[action$='/documents/generate/'] input[name=number]", "25")
    _submit(page, "button[name=kind][value=consolidated]")
    assert "Văn bản đang được tạo" in _main(page)
    # A background job: the page refreshes by itself until the file is listed.
    made = page.locator("main a[href^='/documents/']", has_text=".docx")
    made.first.wait_for(timeout=DOCUMENT_WAIT_MS)
    walk.shot(page, "tinh-tao-bao-cao-tong-hop", at=made)
    with page.expect_download() as download:
        made.first.click()
    assert download.value.suggested_filename.startswith("Báo cáo tổng hợp - Tỉnh Quảng Ninh")
    path = download.value.path()
    return Document(io.BytesIO(path.read_bytes()))


def test_the_campaign_is_walked_by_its_users(browser: Browser, site: Site) -> None:
    walk = Walk(browser, site)
    try:
        province_publishes(walk)
        province_dashboard_at_start(walk)
        commune_reports(walk)
        district_returns(walk)
        commune_corrects(walk)
        district_accepts_and_reports(walk)
        district_nominates(walk)
        agency_reports(walk)
        province_accepts(walk)
        province_watches(walk)
        document = province_generates(walk)
    finally:
        for context in walk.contexts:
            context.close()
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO" in text and "Kết quả sơ kết giữa kỳ thực hiện Nghị quyết 01-NQ/TV" in text
    for heading in (
        "I. KẾT QUẢ TỔ CHỨC SƠ KẾT",
        "II. KẾT QUẢ THỰC HIỆN",
        "III. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA CÁC THÀNH VIÊN BAN CHỈ ĐẠO",
        "VI. ĐỀ NGHỊ KHEN THƯỞNG",
    ):
        assert heading in text, heading
    # what the walk wrote is in it: the district's words, the agency's task, the nominations
    assert "Thành phố đã chỉ đạo 20 phường, xã tổ chức sơ kết, báo cáo." in text
    assert "bố trí 28 giáo viên biệt phái" in text
    assert "2 cá nhân và 2 tập thể" in text
