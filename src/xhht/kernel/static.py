"""Static files: hashed names and a year's caching once `collectstatic` has run.

`make run` collects the files before it serves: each name then carries a hash of its
content, so whitenoise may tell browsers to keep it for a year (a changed file is a new
name). Where nothing was collected (the tests, the benchmarks, a development server
reading the source folders), pages link the plain names instead of failing.
"""

from __future__ import annotations

from django.contrib.staticfiles.storage import StaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]  # untyped
    def url(self, name: str | None, force: bool = False) -> str:
        if not self.hashed_files:
            return StaticFilesStorage.url(self, name)
        return str(super().url(name, force))
