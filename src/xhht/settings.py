"""The one settings module, driven by environment variables (see README)."""

import time
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
    "django_tasks_db",
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
    "xhht.synthetic",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xhht.kernel.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "xhht.accounts.middleware.ForcePasswordChangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
try:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
except Exception as exc:  # dj_database_url raises several kinds for a bad URL
    raise ConfigError(f"XHHT_DATABASE_URL is not a database URL: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}

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
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
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
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
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

SESSION_COOKIE_SECURE = env_bool("XHHT_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = 60 * 60 * 12

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
}
