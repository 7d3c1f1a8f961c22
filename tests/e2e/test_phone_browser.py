"""Each demo officer's pages in a real Chromium, on a 375 px phone and at 1366 × 800: the work
page, the dashboard, the roll-up and the report. Nothing is cut or hidden: the page never
scrolls sideways, a wide table reflows or scrolls in its own box with its first column kept in
view, the roll-up's percentage and targets are on screen, the chart labels are whole and the
figures are typed in 16 px text (so that a phone does not zoom). Screenshots are kept in the
git-ignored build/screenshots/ (tests/e2e/conftest.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from tests.e2e.conftest import PHONE, Site, demo_log_in, screenshot

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

pytestmark = pytest.mark.e2e

DESKTOP: ViewportSize = {"width": 1366, "height": 800}
SCREENS = {"phone": PHONE, "desktop": DESKTOP}
OFFICERS = ["demo-tinh", "demo-halong", "demo-baichay", "demo-sonoivu"]
WRITING = {"demo-tinh", "demo-halong", "demo-sonoivu"}  # the commune's demo report is sent

# Where each element is: in the viewport, or only reachable by scrolling a box sideways.
LAYOUT_JS = """
() => {
  const W = window.innerWidth;
  const scrollBox = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if ((o === "auto" || o === "scroll") && a.scrollWidth > a.clientWidth + 1) return a;
    }
    return null;
  };
  const seen = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.left >= -1 && r.right <= W + 1;
  };
  const text = (el) => el.textContent.trim().replace(/\\s+/g, " ").slice(0, 60);
  const tables = [...document.querySelectorAll("main table")].filter((t) => t.offsetParent);
  const problems = [];
  for (const table of tables) {
    const box = scrollBox(table.querySelector("td, th") || table);
    for (const cell of table.querySelectorAll("th, td")) {
      if (!cell.offsetParent || !text(cell)) continue;
      if (box) {
        // the box scrolls: its first column must stay in view at either end
        if (cell.cellIndex !== 0) continue;
        for (const x of [0, box.scrollWidth]) {
          box.scrollLeft = x;
          const r = cell.getBoundingClientRect(), b = box.getBoundingClientRect();
          if (r.left < b.left - 1 || r.right > b.right + 1)
            problems.push(`first column hidden when scrolled: ${text(cell)}`);
        }
        box.scrollLeft = 0;
      } else if (!seen(cell)) {
        problems.push(`cut off: ${text(cell)} (${table.className})`);
      }
    }
  }
  for (const caption of document.querySelectorAll("main caption")) {
    const lines = caption.getBoundingClientRect().height / parseFloat(getComputedStyle(caption).lineHeight);
    if (caption.textContent.trim().length < 30 && lines > 1.5)
      problems.push(`caption squeezed into ${lines.toFixed(1)} lines: ${text(caption)}`);
  }
  for (const t of document.querySelectorAll("main svg.chart text")) {
    const svg = t.ownerSVGElement, view = svg.viewBox.baseVal, b = t.getBBox();
    if (b.x < view.x - 0.5 || b.x + b.width > view.x + view.width + 0.5)
      problems.push(`chart label clipped: ${t.textContent}`);
  }
  return {
    pageWidth: document.documentElement.scrollWidth,
    viewport: W,
    problems: problems,
  };
}
"""

# Whether each element is seen whole: in the viewport, and not clipped by a box around it.
ON_SCREEN_JS = """
(cells) => cells.map((c) => {
  const r = c.getBoundingClientRect();
  if (r.width === 0 || r.left < -1 || r.right > window.innerWidth + 1) return false;
  for (let a = c.parentElement; a; a = a.parentElement) {
    if (getComputedStyle(a).overflowX === "visible") continue;
    const b = a.getBoundingClientRect();
    if (r.left < b.left - 1 || r.right > b.right + 1) return false;
  }
  return true;
})
"""

FONT_SIZES_JS = """
(inputs) => inputs.map((i) => parseFloat(getComputedStyle(i).fontSize))
"""


def _layout(page: Page) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(LAYOUT_JS)
    return result


def _check(page: Page, name: str) -> None:
    """The page fits its width, and no table cell, caption or chart label is cut."""
    screenshot(page, name)
    layout = _layout(page)
    assert layout["pageWidth"] <= layout["viewport"], f"{name}: the page scrolls sideways {layout}"
    assert layout["problems"] == [], f"{name}: {layout['problems']}"


def _open(page: Page, link: str) -> None:
    page.locator(link).first.click()
    page.wait_for_load_state()


@pytest.fixture(params=list(SCREENS), ids=list(SCREENS))
def screen(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.mark.parametrize("officer", OFFICERS)
def test_the_officer_sees_every_page_whole(
    browser: Browser, site: Site, officer: str, screen: str
) -> None:
    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    demo_log_in(page, site, officer)
    page.goto(site.base_url + "/campaigns/work/")
    page.wait_for_load_state()
    work = page.url
    _check(page, f"{officer}-{screen}-work")

    _open(page, "main p.actions a.button[href*='/campaigns/']:not([href*='rollup'])")
    assert page.locator("svg.chart.progress").count() == 1
    _check(page, f"{officer}-{screen}-dashboard")
    # the unit's own work: every column on screen, the state and the whole dates
    own = page.locator("table.own")
    cells = own.locator("tbody td")
    assert all(cells.evaluate_all(ON_SCREEN_JS)), "a column of the unit's own work is cut"
    assert own.locator("td[data-label='Tình trạng']").count() > 0  # a card names each figure

    page.goto(work)
    _open(page, "main p.actions a.button[href*='/rollup/']")
    _check(page, f"{officer}-{screen}-rollup")
    rollup = page.locator("main table.rollup").first
    # the percentage and the targets are on screen without scrolling anything
    pct = rollup.locator("tbody td[id^=pct-]:not(:empty)")
    targets = rollup.locator("tbody td.target")
    assert targets.count() > 0 and pct.count() > 0
    assert all(pct.evaluate_all(ON_SCREEN_JS)), "a percentage is off screen"
    assert all(targets.evaluate_all(ON_SCREEN_JS)), "a target is off screen"
    # and so is every other column, on a phone as on a wide screen
    cells = rollup.locator("td:not(:empty)")
    assert all(cells.evaluate_all(ON_SCREEN_JS)), "a column of the roll-up is off screen"

    page.goto(work)
    _open(page, "table.owed a.button[href*='/reports/']")
    _check(page, f"{officer}-{screen}-report")
    fields = "table.indicators :is(input:not([type=hidden]), textarea)"
    sizes = page.locator(fields).evaluate_all(FONT_SIZES_JS)
    if officer in WRITING:
        assert sizes, "the report's figures are not open to typing"
    assert all(size >= 16 for size in sizes), f"figures typed in small text: {sizes}"
    context.close()
