"""Benchmark of the directive parser (not a timed test): throughput and linearity.

Run: .venv/bin/python bench/bench_parser.py [--write | --smoke]
--write records the figures in docs/BENCHMARKS.md under "## Directive parser".
--smoke parses a couple of documents and one small input of each shape, and
writes nothing.

Figures are CPU time of this process, so that other work on a shared machine
does not count against the parser; the wall-clock time stands beside them.
"""

from __future__ import annotations

import platform
import re
import sys
import time
from dataclasses import dataclass

# benchdb before xhht: it puts this checkout's src/ first on the path.
from benchdb import ROOT, finished, load_average, measured, parser
from xhht.directives.parser import parse_text

SEED = ROOT / "src" / "xhht" / "data" / "directives" / "000_22b84cf719125a31.txt"
REPORT = ROOT / "docs" / "BENCHMARKS.md"
SECTION = "## Directive parser"
NOTES = """How it stays fast: each line is folded (lower case, no accents) once per document
through a per-document memo (`parser/memo.py`), the fold table covers every code
point below U+2200, regexes open with a digit or a literal so the engine can skip
ahead, and the header's joins build lists instead of growing strings. Before these
changes the seed ran at about 190 documents/s on the same machine.

Known gaps (made-up test documents in `tests/directives/documents.py` and the corpus):
- flattened onto one line, a subject after a type title is cut only before a known
  opening sentence or an upper-case line, and a paragraph glued after a list's last
  bullet stays in that bullet unless a request, a body's name or a closing formula
  opens it;
- the tier of a deadline is read relative to the issuer (`parser/tiers.py`): a body named
  for every unit of a tier is that tier, one named body is `agency`, a clause naming none
  takes the addressees' tier; an event the issuer itself holds is no deadline when the
  issuer is named ("Bộ", "Sở", its full name or initials), not when the text says "chúng
  tôi" or names a unit of the issuer;
- "Thời gian: từ ngày … đến ngày …" counts as a deadline unless the clause names an event
  (tuần lễ, ngày hội, nghỉ Tết …);
- headings and issuer lines keep their capitals as written (compared case-insensitively)."""


@dataclass(frozen=True)
class Sizes:
    """How much the benchmark parses: the full figures, or a smoke run's few documents."""

    seconds: float  # of CPU time per throughput round
    rounds: int
    megabytes: tuple[float, ...]  # the large inputs
    repeats: int  # of each large input, the best kept
    title: str  # how the figures were made


FULL = Sizes(seconds=1.0, rounds=5, megabytes=(0.25, 0.5, 1.0), repeats=3, title="Measured")
SMOKE = Sizes(seconds=0.01, rounds=1, megabytes=(0.05,), repeats=1, title="Smoke run")


@dataclass(frozen=True)
class Rate:
    """Documents parsed per second of CPU time, and per second of wall-clock time."""

    cpu: float
    wall: float


def throughput(text: str, seconds: float, rounds: int) -> Rate:
    """Documents parsed per second of this process's CPU time (one core), best of `rounds`;
    each round parses at least one document."""
    parse_text(text)
    best = Rate(0.0, 0.0)
    for _ in range(rounds):
        count = 0
        with measured() as span:
            start = time.process_time()
            while count == 0 or time.process_time() - start < seconds:
                parse_text(text)
                count += 1
        if count / span.cpu > best.cpu:
            best = Rate(count / span.cpu, count / span.wall)
    return best


def big_text(seed: str, size: int) -> str:
    """A document of about `size` bytes: the seed's header, its body repeated, its closing."""
    lines = seed.split("\n")
    body = "\n".join(lines[30:-20]) + "\n"
    repeats = max(1, size // len(body.encode("utf-8")))
    return "\n".join(lines[:30]) + "\n" + body * repeats + "\n".join(lines[-20:])


def _rows(seed: str, sizes: Sizes) -> list[str]:
    rows = []
    for label, flat in (("seed body repeated", False), ("same, on one line", True)):
        for mb in sizes.megabytes:
            text = big_text(seed, int(mb * 1024 * 1024))
            text = " ".join(text.split()) if flat else text
            spans = []
            for _ in range(sizes.repeats):
                with measured() as span:
                    parse_text(text)
                spans.append(span)
            best = min(spans, key=lambda span: span.cpu)
            size = len(text.encode("utf-8")) / 1e6
            rows.append(f"| {label} | {size:.2f} MB | {best.cpu:.3f} s | {best.wall:.3f} s |")
    return rows


def run(sizes: Sizes) -> str:
    seed = SEED.read_text(encoding="utf-8")
    rate = throughput(seed, sizes.seconds, sizes.rounds)
    flat_rate = throughput(" ".join(seed.split()), sizes.seconds, sizes.rounds)
    rows = _rows(seed, sizes)
    rounds = "one round" if sizes.rounds == 1 else f"best of {sizes.rounds} rounds"
    out = [
        SECTION,
        "",
        f"{sizes.title} {time.strftime('%Y-%m-%d')} with `bench/bench_parser.py`: CPU time of one "
        f"process ({platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}), {rounds}, the wall-clock time beside it; load average "
        f"{load_average()} at the end.",
        "",
        f"- Seed directive ({len(seed.encode('utf-8')):,} bytes): **{rate.cpu:,.0f} documents/s** "
        f"of CPU, {rate.wall:,.0f} of wall-clock time (goal ≥ 200/s).",
        f"- The same directive flattened onto one line: **{flat_rate.cpu:,.0f} documents/s** "
        f"of CPU, {flat_rate.wall:,.0f} of wall-clock time.",
        "",
        f"| input | size | CPU (best of {sizes.repeats}) | wall |",
        "| --- | --- | --- | --- |",
        *rows,
        "",
        "Goal: time linear in the input, 1 MB under 1 s.",
        "",
        NOTES,
    ]
    return "\n".join(out) + "\n"


def write(section: str) -> None:
    REPORT.parent.mkdir(exist_ok=True)
    current = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Benchmarks\n\n"
    pattern = re.compile(re.escape(SECTION) + r"\n.*?(?=\n## |\Z)", re.DOTALL)
    if pattern.search(current):
        current = pattern.sub(lambda _: section.rstrip("\n") + "\n", current)
    else:
        current = current.rstrip("\n") + "\n\n" + section
    REPORT.write_text(current.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    arguments = parser(__doc__)
    arguments.add_argument("--write", action="store_true", help="update docs/BENCHMARKS.md")
    args = arguments.parse_args()
    if args.smoke and args.write:
        arguments.error("--smoke figures are not recorded: drop --write")
    section = run(SMOKE if args.smoke else FULL)
    sys.stdout.write(section)
    if args.write:
        write(section)
    finished()


if __name__ == "__main__":
    main()
