"""WSGI entry point for gunicorn or any WSGI server.

Once Django is loaded, the objects it made (some 90,000: modules, models, URL patterns,
settings) are frozen out of the garbage collector's reach: its full collections, every few
dozen requests, then walk only what was made since. In the deadline rush on SQLite the
server's CPU per request went from 11.3 to 10.9 ms (docs/BENCHMARKS.md)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xhht.settings")
application = get_wsgi_application()
gc.collect()
gc.freeze()
