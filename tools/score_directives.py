"""Score the directive parser against documents with expected answers (directive-format.md).

    python tools/score_directives.py [DIR ...] [--json] [--worst N] [--verbose]

Every `*.txt` beside a `*.expected.json` in the folders (default: the made-up corpus in
tests/directives/corpus and the seed) is read and parsed with `xhht.directives.parser`
(no Django); the answer is compared field by field with the expected one and a table is
printed: the mean score per field, precision / recall / F1 for tasks (matched by body) and
deadlines (matched by date and tier), the tasks and deadlines invented in documents that
assign nothing, the documents that score worst, and the parser's throughput. With
`--verbose`, every field read wrong is printed too, expected beside parsed.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from xhht.directives.parser import parse_text  # noqa: E402
from xhht.directives.parser.reading import read_document  # noqa: E402

CORPUS = ROOT / "tests" / "directives" / "corpus"
SEED_DIR = ROOT / "src" / "xhht" / "data" / "directives"
KEYS = (
    "number",
    "symbol",
    "date",
    "place",
    "issuer",
    "subject",
    "recipients",
    "legal_refs",
    "data_cutoff",
    "deadlines",
    "tasks",
    "quotas",
    "report_outline",
    "signer",
    "cc",
)
EXACT = ("number", "symbol", "date", "place", "data_cutoff")
CASELESS = ("issuer", "subject")
LISTS = ("recipients", "legal_refs", "quotas", "report_outline", "cc")
LEVELS = ("commune", "district", "province", "agency", None)
Json = dict[str, Any]


def loose(text: object) -> str:
    """NFC, case-folded, a leading "Đối với" dropped, only letters and digits kept."""
    folded = unicodedata.normalize("NFC", str(text or "")).casefold().strip()
    folded = re.sub(r"^\W*đối\s+với\s+", "", folded)
    return "".join(ch for ch in folded if ch.isalnum())


def spaced(text: object) -> str:
    """NFC with whitespace collapsed (the comparison of exact fields)."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split()) if text is not None else ""


@dataclass
class Counts:
    """True positives, predicted and expected items: micro P/R/F1 over many documents."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.pred, self.gold = (
            self.tp + other.tp,
            self.pred + other.pred,
            self.gold + other.gold,
        )

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else (1.0 if not self.pred else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def multiset_counts(pred: Iterable[str], gold: Iterable[str]) -> Counts:
    """Counts of two multisets of keys matched one to one."""
    p, g = Counter(pred), Counter(gold)
    return Counts(sum((p & g).values()), sum(p.values()), sum(g.values()))


def task_bodies(tasks: Sequence[Json]) -> list[str]:
    """Every body a list of tasks names (`agencies`, else the heading), loosely."""
    bodies: list[str] = []
    for task in tasks:
        names = task.get("agencies") or [task.get("agency", "")]
        bodies.extend(loose(name) for name in names)
    return bodies


def deadline_counts(pred: Sequence[Json], gold: Sequence[Json], *, by_level: bool) -> Counts:
    """Deadlines matched by (date, level), or by date alone; applies_to breaks ties."""
    unused = list(pred)
    tp = 0
    for want in gold:
        candidates = [
            d
            for d in unused
            if d.get("date") == want.get("date")
            and (not by_level or d.get("level") == want.get("level"))
        ]
        if not candidates:
            continue
        target = loose(want.get("applies_to"))
        best = max(
            candidates,
            key=lambda d: difflib.SequenceMatcher(None, loose(d.get("applies_to")), target).ratio(),
        )
        unused.remove(best)
        tp += 1
    return Counts(tp, len(pred), len(gold))


def item_key(name: str, item: Any) -> str:
    """The loose key of one item of a list field."""
    if name == "legal_refs":
        return "|".join((loose(item.get("kind")), loose(item.get("number")), str(item.get("date"))))
    if name == "quotas":
        return "|".join(
            (loose(item.get("who")), str(item.get("individuals")), str(item.get("collectives")))
        )
    if name == "report_outline":
        return "|".join([loose(item.get("title")), *(loose(c) for c in item.get("children", []))])
    return loose(item)


def signer_score(pred: Json | None, gold: Json | None) -> float:
    """The share of name, capacity and title read right."""
    pred, gold = pred or {}, gold or {}
    parts = ("name", "capacity", "title")
    return sum(spaced(pred.get(k)) == spaced(gold.get(k)) for k in parts) / len(parts)


@dataclass
class DocScore:
    """One document's scores: a value in [0, 1] per field, and the counts of tasks and deadlines."""

    name: str
    fields: dict[str, float] = field(default_factory=dict)
    tasks: Counts = field(default_factory=Counts)
    deadlines: Counts = field(default_factory=Counts)
    deadline_dates: Counts = field(default_factory=Counts)
    invented: int = 0
    error: str | None = None
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    diffs: dict[str, tuple[Any, Any]] = field(default_factory=dict)


def score_document(name: str, expected: Json, actual: Json) -> DocScore:
    """Compare one parsed answer with the expected one, field by field."""
    score = DocScore(name)
    for key in EXACT:
        score.fields[key] = float(spaced(actual.get(key)) == spaced(expected.get(key)))
    for key in CASELESS:
        same = spaced(actual.get(key)).casefold() == spaced(expected.get(key)).casefold()
        score.fields[key] = float(same)
    for key in LISTS:
        pred = [item_key(key, i) for i in actual.get(key) or []]
        gold = [item_key(key, i) for i in expected.get(key) or []]
        score.fields[key] = multiset_counts(pred, gold).f1
    score.fields["signer"] = signer_score(actual.get("signer"), expected.get("signer"))
    got_tasks, want_tasks = actual.get("tasks") or [], expected.get("tasks") or []
    pred_bodies, gold_bodies = task_bodies(got_tasks), task_bodies(want_tasks)
    score.tasks = multiset_counts(pred_bodies, gold_bodies)
    score.missing = sorted((Counter(gold_bodies) - Counter(pred_bodies)).elements())
    score.extra = sorted((Counter(pred_bodies) - Counter(gold_bodies)).elements())
    got_dl, want_dl = actual.get("deadlines") or [], expected.get("deadlines") or []
    score.deadlines = deadline_counts(got_dl, want_dl, by_level=True)
    score.deadline_dates = deadline_counts(got_dl, want_dl, by_level=False)
    score.fields["tasks"] = score.tasks.f1
    score.fields["deadlines"] = score.deadlines.f1
    if not want_tasks:
        score.invented += len(got_tasks)
    if not want_dl:
        score.invented += len(got_dl)
    score.diffs = {
        key: (expected.get(key), actual.get(key))
        for key, value in score.fields.items()
        if value < 1.0
    }
    return score


def find_cases(folders: Sequence[Path]) -> list[tuple[Path, Path]]:
    """Every (text, expected answer) pair in the folders, by name."""
    cases = []
    for folder in folders:
        for text in sorted(folder.glob("*.txt")):
            expected = text.with_name(text.name[: -len(".txt")] + ".expected.json")
            if expected.exists():
                cases.append((text, expected))
    return cases


@dataclass
class Run:
    """The scores of every document and the parser's time."""

    docs: list[DocScore]
    cpu: float
    wall: float


def run(folders: Sequence[Path], parse: Callable[[str], Json] | None = None) -> Run:
    """Parse and score every document of the folders (a crash scores the document 0)."""
    parse = parse or (lambda text: parse_text(text).to_dict())
    docs: list[DocScore] = []
    cpu = wall = 0.0
    for text_path, expected_path in find_cases(folders):
        expected: Json = json.loads(expected_path.read_text(encoding="utf-8"))
        text = read_document(text_path)
        wall0, cpu0 = time.perf_counter(), time.process_time()
        try:
            actual = parse(text)
            error = None
        except Exception as exc:  # a crash is a result to report, not to stop on
            actual, error = {}, f"{type(exc).__name__}: {exc}"
        wall += time.perf_counter() - wall0
        cpu += time.process_time() - cpu0
        doc = score_document(text_path.stem, expected, actual)
        if error is not None:
            doc.fields = dict.fromkeys(doc.fields, 0.0)
            doc.error = error
        docs.append(doc)
    return Run(docs, cpu, wall)


def summary(result: Run) -> Json:
    """The corpus scores: mean per field, micro P/R/F1, invented items, throughput."""
    docs = result.docs
    count = len(docs) or 1
    fields = {k: sum(d.fields.get(k, 0.0) for d in docs) / count for k in KEYS}
    totals: dict[str, Counts] = {"tasks": Counts(), "deadlines": Counts(), "dates": Counts()}
    for doc in docs:
        totals["tasks"].add(doc.tasks)
        totals["deadlines"].add(doc.deadlines)
        totals["dates"].add(doc.deadline_dates)
    prf = {
        name: {"precision": c.precision, "recall": c.recall, "f1": c.f1, **vars(c)}
        for name, c in totals.items()
    }
    return {
        "documents": len(docs),
        "fields": fields,
        "overall": sum(fields.values()) / len(fields),
        "prf": prf,
        "invented": sum(d.invented for d in docs),
        "crashes": {d.name: d.error for d in docs if d.error},
        "throughput": {
            "docs_per_second": len(docs) / result.wall if result.wall else None,
            "cpu_seconds": result.cpu,
            "wall_seconds": result.wall,
        },
        "per_document": {
            d.name: {
                "tasks_f1": d.tasks.f1,
                "deadlines_f1": d.deadlines.f1,
                "dates_f1": d.deadline_dates.f1,
                "invented": d.invented,
                "missing_bodies": d.missing,
                "extra_bodies": d.extra,
                "wrong_fields": {k: {"expected": e, "parsed": a} for k, (e, a) in d.diffs.items()},
            }
            for d in docs
        },
    }


def _short(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def print_diffs(per: Json) -> None:
    """Every field read wrong, document by document: expected, then parsed."""
    print("\nfields read wrong:")
    for name, doc in sorted(per.items()):
        for key, pair in doc["wrong_fields"].items():
            print(f"  {name} {key}")
            print(f"    expected {_short(pair['expected'])}")
            print(f"    parsed   {_short(pair['parsed'])}")


def print_table(data: Json, worst: int, verbose: bool = False) -> None:
    """The human-readable report."""
    print(f"{data['documents']} documents, overall {data['overall']:.3f}")
    print(f"{'field':<16}{'mean':>7}")
    for key, value in data["fields"].items():
        print(f"{key:<16}{value:>7.3f}")
    print(f"\n{'':<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'pred':>6}{'gold':>6}")
    labels = {"tasks": "tasks", "deadlines": "deadlines", "dates": "deadl. date-only"}
    for name, label in labels.items():
        c = data["prf"][name]
        print(
            f"{label:<16}{c['precision']:>7.3f}{c['recall']:>7.3f}{c['f1']:>7.3f}"
            f"{c['tp']:>6}{c['pred']:>6}{c['gold']:>6}"
        )
    print(f"invented (tasks + deadlines where none are expected): {data['invented']}")
    for name, error in data["crashes"].items():
        print(f"CRASH {name}: {error}")
    per = data["per_document"]
    for metric in ("tasks_f1", "deadlines_f1"):
        print(f"\nworst by {metric}:")
        ranked = sorted(per.items(), key=lambda kv: (kv[1][metric], kv[0]))[:worst]
        for name, doc in ranked:
            if doc[metric] >= 1.0:
                break
            line = f"  {doc[metric]:.2f}  {name}"
            if metric == "tasks_f1":
                line += f"  missing={doc['missing_bodies'][:4]} extra={doc['extra_bodies'][:4]}"
            else:
                line += f"  date-only={doc['dates_f1']:.2f} invented={doc['invented']}"
            print(line)
    if verbose:
        print_diffs(per)
    t = data["throughput"]
    rate = f"{t['docs_per_second']:.1f}" if t["docs_per_second"] else "-"
    print(
        f"\nthroughput: {rate} documents/s (parser only: "
        f"CPU {t['cpu_seconds']:.3f} s, wall {t['wall_seconds']:.3f} s)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folders", nargs="*", type=Path, help="default: the corpus and the seed")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--worst", type=int, default=8, help="documents listed per metric")
    parser.add_argument("--verbose", "-v", action="store_true", help="print every field read wrong")
    args = parser.parse_args(argv)
    folders: list[Path] = args.folders or [CORPUS, SEED_DIR]
    missing = [f for f in folders if not f.is_dir()]
    if missing:
        print(f"not a folder: {missing[0]}", file=sys.stderr)
        return 2
    data = summary(run(folders))
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print_table(data, args.worst, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
