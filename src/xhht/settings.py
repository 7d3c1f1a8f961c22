"""The one settings module, driven by environment variables (see README)."""

import time
from datetime import timedelta
from pathlib import Path

import dj_database_url

from xhht.kernel.env import (
    ConfigError,
    env_bool,
    env_date,
    env_float,
    env_int,
    env_list,
    env_path,
    env_str,
    env_time,
)

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = env_path("XHHT_VAR_DIR", BASE_DIR / "var")

DEBUG = env_bool("XHHT_DEBUG", False)
_secret = env_str("XHHT_SECRET_KEY")
if _secret is None:
    if not DEBUG:
        raise ConfigError("XHHT_SECRET_KEY must be set (or XHHT_DEBUG=1 for development)")
    _secret = "insecure-development-key-only-for-XHHT_DEBUG"
SECRET_KEY: str = _secret

ALLOWED_HOSTS = env_list("XHHT_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("XHHT_CSRF_TRUSTED_ORIGINS", []) or []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "xhht.site.vendor_apps.TasksConfig",  # django_tasks_db, named in Vietnamese
    "xhht.site.vendor_apps.AxesConfig",  # axes, named in Vietnamese
    "csp",
    "ninja",
    "xhht.kernel",
    "xhht.site",
    "xhht.orgunits",
    "xhht.accounts",
    "xhht.directives",
    "xhht.indicators",
    "xhht.campaigns",
    "xhht.audit",
    "xhht.reports",
    "xhht.rollup",
    "xhht.offline",
    "xhht.awards",
    "xhht.documents",
    "xhht.api",
    "xhht.synthetic",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside every other: what they answer under /api/ is put in the API's error shape.
    "xhht.api.middleware.ApiErrorShapeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xhht.kernel.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, whose check reads the body: an oversized upload is refused unread.
    "xhht.kernel.uploads.UploadLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "xhht.accounts.middleware.ForcePasswordChangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out user name is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the user's unit with the user.
    "xhht.accounts.backends.UserWithUnitBackend",
]

ROOT_URLCONF = "xhht.urls"
WSGI_APPLICATION = "xhht.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_database_url = env_str("XHHT_DATABASE_URL") or f"sqlite:///{VAR_DIR / 'xhht.sqlite3'}"
# Seconds a connection outlives its request. 0 (a connection per request) is the safe
# default: under a server with one thread per request (runserver) a longer age keeps
# one idle connection per finished thread until PostgreSQL runs out of them. `make run`
# serves with gunicorn's worker processes, one request at a time each, and asks for 60.
_conn_max_age = env_int("XHHT_DB_CONN_MAX_AGE", 0)
if _conn_max_age < 0:
    raise ConfigError("XHHT_DB_CONN_MAX_AGE must be 0 or more seconds")
try:
    DATABASES = {
        "default": dj_database_url.parse(
            _database_url, conn_max_age=_conn_max_age, conn_health_checks=_conn_max_age > 0
        )
    }
except Exception as exc:  # dj_database_url raises several kinds for a bad URL
    raise ConfigError(f"XHHT_DATABASE_URL is not a database URL: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "XHHT_DB_PREPARED", True
):
    # A query a kept connection has run 5 times is prepared: PostgreSQL stops parsing and,
    # once its plan no longer depends on the values, planning it (planning was half of its
    # CPU in the deadline rush: a report's lookup joins seven tables). Parameters travel
    # apart from the SQL, which prepared statements need. Off (0) behind a pooler that
    # cannot keep them (PgBouncer before 1.21, or without max_prepared_statements).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file opened anew costs each request about 3 ms of CPU (its schema read, Django's
    # functions registered): gunicorn's workers keep theirs, like PostgreSQL's.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    # IMMEDIATE: a transaction takes the write lock when it begins, so a writer waits up
    # to `timeout` seconds for its turn instead of failing with "database is locked" when
    # a transaction that began as a reader tries to write.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# The overrides come first: Django's own and the dependencies' strings reworded in plain
# Vietnamese (written by hand; `make messages` only rewrites the project's "locale").
LOCALE_PATHS = [PACKAGE_DIR / "locale_overrides", PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["xhht.kernel.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"
# Uploaded minutes and photos are served only through views that check scope,
# never from a public media URL; each file may be at most this many megabytes.
XHHT_ATTACHMENT_MAX_MB = env_int("XHHT_ATTACHMENT_MAX_MB", 10)
# The largest file any upload takes: a body past it is refused (413) before it is read
# whole. A .docx or .xlsx may unpack to at most XHHT_MAX_UNZIPPED_MB (zip bombs).
XHHT_MAX_UPLOAD_MB = env_int("XHHT_MAX_UPLOAD_MB", 20)
XHHT_MAX_UNZIPPED_MB = env_int("XHHT_MAX_UNZIPPED_MB", 100)
if XHHT_MAX_UPLOAD_MB < 1 or XHHT_MAX_UNZIPPED_MB < 1:
    raise ConfigError("XHHT_MAX_UPLOAD_MB and XHHT_MAX_UNZIPPED_MB must be at least 1")
FILE_UPLOAD_HANDLERS = [
    "xhht.kernel.uploads.BoundedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Form fields other than files (report texts posted from a page) stay below Django's default.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "xhht.kernel.static.StaticStorage"},
}
# What pages keep between requests (kernel.kept), in each worker's own memory: a part is
# keyed by what it is drawn from, so neither workers nor nodes need to share it. In a
# province's deadline rush every officer's dashboard keeps two parts and every district's
# report its comparison; Django's default of 300 would drop a third of them at every turn.
# A commune's parts take a few KB, a province's dashboard about 100 KB.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 3000},
    }
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("XHHT_EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("XHHT_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("XHHT_EMAIL_USER", "") or ""
EMAIL_HOST_PASSWORD = env_str("XHHT_EMAIL_PASSWORD", "") or ""
EMAIL_USE_TLS = env_bool("XHHT_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("XHHT_EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("XHHT_EMAIL_FROM", "xhht@localhost")
if env_bool("XHHT_EMAIL_TO_CONSOLE", False):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Served over HTTPS (XHHT_HTTPS=1, never with XHHT_DEBUG): secure cookies, a redirect
# of plain HTTP and HSTS are then on unless switched off one by one.
XHHT_HTTPS = env_bool("XHHT_HTTPS", False) and not DEBUG
SESSION_COOKIE_SECURE = env_bool("XHHT_SECURE_COOKIES", XHHT_HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = 60 * 60 * 12
SECURE_SSL_REDIRECT = env_bool("XHHT_SSL_REDIRECT", XHHT_HTTPS)
SECURE_HSTS_SECONDS = env_int("XHHT_HSTS_SECONDS", 60 * 60 * 24 * 365 if XHHT_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("XHHT_HSTS_INCLUDE_SUBDOMAINS", XHHT_HTTPS)
SECURE_HSTS_PRELOAD = env_bool("XHHT_HSTS_PRELOAD", XHHT_HTTPS)
# Behind a proxy that ends TLS (nginx), trust its X-Forwarded-Proto; only when the proxy
# sets that header itself on every request.
if env_bool("XHHT_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The pages run only their own scripts, served from this site; the few inline <style>
# blocks of the templates are allowed, inline scripts and other origins are not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Login throttling (django-axes), on the site's login and the admin's: after this many
# failures for one user name from one address, that pair is locked out for the cool-off.
# The address is REMOTE_ADDR: behind a proxy every request has the proxy's address, and
# the lock-out then falls on the user name alone.
AXES_FAILURE_LIMIT = env_int("XHHT_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("XHHT_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "xhht.accounts.views.locked_out"
AXES_VERBOSE = False

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Where the site is reached, for links in e-mails sent outside a request.
XHHT_BASE_URL: str = env_str("XHHT_BASE_URL", "http://127.0.0.1:8000") or ""

# The one clock (xhht.kernel.clock) stands on this date when it is set; with
# XHHT_TIME it starts at that Vietnamese time of day at the Unix time
# XHHT_CLOCK_STARTED (by default now) and ticks on, so that a test process and
# the server it starts stand on one instant.
XHHT_TODAY = env_date("XHHT_TODAY")
XHHT_TIME = env_time("XHHT_TIME")
XHHT_CLOCK_STARTED = env_float("XHHT_CLOCK_STARTED", time.time())

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("XHHT_LOG_LEVEL", "INFO")},
    # django-axes logs every successful login at INFO; failures and lock-outs are warnings.
    "loggers": {"axes": {"level": "WARNING"}},
}
