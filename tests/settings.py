"""Settings for the test run: the real settings with a throwaway secret and a pinned clock.

Every test stands on a pinned date at a Vietnamese time of day before 07:00,
when the UTC date is still the day before: a `.date()` taken of a UTC instant
where a Vietnamese day is meant fails on every run, not only in the evening.
The clock keeps ticking from the moment the run began; a server the tests start
inherits these variables and stands on the same instant.
"""

import atexit
import os
import shutil
import tempfile
import time
from pathlib import Path

os.environ.setdefault("XHHT_SECRET_KEY", "test-only-secret-not-for-production")
os.environ.setdefault("XHHT_TODAY", "2013-06-20")
os.environ.setdefault("XHHT_TIME", "00:30")
os.environ.setdefault("XHHT_CLOCK_STARTED", str(time.time()))

from xhht.settings import *  # noqa: F403

# Files the tests upload (or the demo stores) go to a folder of this run, never var/media.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="xhht-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
