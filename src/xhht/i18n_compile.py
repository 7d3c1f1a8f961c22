"""Compile the gettext catalogues (.po → .mo) in pure Python.

Django's compilemessages needs GNU gettext installed; polib does the same
job so that `make run` needs nothing beyond Python.

Two folders: `locale`, the project's catalogue that `make messages` keeps, and
`locale_overrides`, written by hand, which rewords Django's own and the
dependencies' strings (settings.LOCALE_PATHS lists it first, so it wins).
"""

from pathlib import Path

import polib

PACKAGE_DIR = Path(__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "locale"
OVERRIDES_DIR = PACKAGE_DIR / "locale_overrides"
LOCALE_DIRS = (OVERRIDES_DIR, LOCALE_DIR)


def compile_all(locale_dirs: tuple[Path, ...] = LOCALE_DIRS) -> list[Path]:
    """Write a .mo beside every .po that is newer than it; return those written."""
    written = []
    for locale_dir in locale_dirs:
        for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_all():
        print(f"compiled {path}")
