"""The parser and the date reader are pure Python: importing them loads no Django."""

from __future__ import annotations

import subprocess
import sys

CHECK = (
    "import sys, xhht.directives.parser, xhht.kernel.vndates; "
    "from xhht.directives.parser import parse_text; parse_text('Số: 1/KH'); "
    "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')); "
    "print(bad); sys.exit(1 if bad else 0)"
)


def test_parser_imports_no_django() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
