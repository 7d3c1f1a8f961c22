"""Settings for the test run: the real settings with a throwaway secret."""

import os

os.environ.setdefault("XHHT_SECRET_KEY", "test-only-secret-not-for-production")

from xhht.settings import *  # noqa: F403
