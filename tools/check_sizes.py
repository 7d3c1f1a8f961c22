"""`make lint`: no Python file of the project is longer than 600 lines (STYLE.md: two files)."""

from __future__ import annotations

import sys
from pathlib import Path

LIMIT = 600
ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("src", "tests", "bench", "tools")


def too_long(root: Path = ROOT) -> list[tuple[Path, int]]:
    found = []
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > LIMIT:
                found.append((path.relative_to(root), lines))
    return found


def main() -> int:
    found = too_long()
    for path, lines in found:
        print(f"{path}: {lines} lines, more than {LIMIT}: split it", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
