"""The one settings file of the ManyVoices web app.

Every value comes from the environment through the small typed helpers below,
with a safe default. A value that cannot be read stops start-up with a message
naming the variable, so a typo in a deployment never becomes a silent default.

    MANYVOICES_ENV          development (default) | production | test
    MANYVOICES_SECRET_KEY   required in production
    MANYVOICES_DEBUG        default: on in development, off otherwise
    MANYVOICES_ALLOWED_HOSTS, MANYVOICES_CSRF_TRUSTED_ORIGINS   comma-separated
    DATABASE_URL            e.g. postgres://user:pass@host/db; SQLite in the data dir if unset
    MANYVOICES_DATA_DIR     where the SQLite file lives (default ./var/)
    MANYVOICES_SSL_REDIRECT, MANYVOICES_BEHIND_PROXY, MANYVOICES_HSTS_SECONDS   production HTTPS
    MANYVOICES_MAX_BODY_BYTES       request body size limit (default 256 KiB)
    MANYVOICES_API_RATE_PER_MINUTE  requests per API token per minute (default 120)
    MANYVOICES_POLICY_CACHE_SECONDS how long a process reuses the policy in force (default 5)
    MANYVOICES_LOGIN_FAILURE_LIMIT  failed sign-ins before a lock-out (default 5)
    MANYVOICES_LOGIN_COOLOFF_MINUTES (default 15)
    MANYVOICES_AUTH_BACKENDS  extra authentication backends (SSO), comma-separated dotted paths
    MANYVOICES_EMAIL_BACKEND, MANYVOICES_EMAIL_HOST, MANYVOICES_EMAIL_PORT,
    MANYVOICES_EMAIL_USER, MANYVOICES_EMAIL_PASSWORD, MANYVOICES_EMAIL_TLS, MANYVOICES_FROM_EMAIL
    MANYVOICES_SITE_URL       used in invitation links (default http://127.0.0.1:8000)
    MANYVOICES_TOKEN_KEYS     Fernet keys for network tokens at rest, comma-separated: the first
                              encrypts, all decrypt (rotation); required in production
    MANYVOICES_NETWORK_TIMEOUT_SECONDS, MANYVOICES_PUBLISH_LEASE_SECONDS,
    MANYVOICES_PUBLISH_BACKOFF_SECONDS, MANYVOICES_PUBLISH_MAX_ATTEMPTS   publishing (networks)
    MANYVOICES_LINKEDIN_CLIENT_ID, MANYVOICES_LINKEDIN_CLIENT_SECRET   LinkedIn app keys
    MANYVOICES_X_CLIENT_ID, MANYVOICES_X_CLIENT_SECRET   X API app keys (else the share link)
    MANYVOICES_PREVIEW_ALLOW_LOOPBACK  link previews may fetch 127.0.0.1 (tests only; default off)
    MANYVOICES_ADVOCACY_WEBHOOK_URL    Slack or Teams incoming webhook told when a campaign starts
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off); got {raw!r}")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}; got {value!r}")
    return value


ENVIRONMENT = env_choice("MANYVOICES_ENV", "development", ("development", "production", "test"))
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("MANYVOICES_DEBUG", ENVIRONMENT == "development")

SECRET_KEY = env_str("MANYVOICES_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "MANYVOICES_SECRET_KEY is required when MANYVOICES_ENV=production "
            "(50 or more random characters)"
        )
    # Only ever used on a developer's machine or in tests.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = env_list(
    "MANYVOICES_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("MANYVOICES_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("MANYVOICES_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

DATA_DIR = Path(env_str("MANYVOICES_DATA_DIR", "var")).resolve()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "manyvoices.people",
    "manyvoices.guidelines",
    "manyvoices.composer",
    "manyvoices.api",
    "manyvoices.networks",
    "manyvoices.social",
    "manyvoices.advocacy",
]

MIDDLEWARE = [
    "manyvoices.lib.middleware.ApiJsonErrorsMiddleware",
    "manyvoices.lib.middleware.BodySizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "manyvoices.lib.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lock-out into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "manyvoices.urls"
WSGI_APPLICATION = "manyvoices.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "manyvoices.guidelines.context_processors.acknowledgement_banner",
            ],
        },
    },
]

_database_url = env_str("DATABASE_URL")
if _database_url:
    import dj_database_url

    try:
        DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
    except Exception as exc:  # dj-database-url raises several kinds; name the variable
        raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {exc}") from None
else:
    try:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(
            f"MANYVOICES_DATA_DIR {DATA_DIR} cannot be created: {exc}"
        ) from None
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "manyvoices.sqlite3",
            # WAL lets readers go on while one writer writes; IMMEDIATE takes the write
            # lock at the start of a transaction, so concurrent writers wait (up to the
            # timeout) instead of failing with "database is locked".
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks, so a locked-out guesser never reaches the others.
    "axes.backends.AxesStandaloneBackend",
    *env_list("MANYVOICES_AUTH_BACKENDS", []),
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if ENVIRONMENT == "test":
    # Tests create many users; a real hasher would dominate their run time.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "composer:new"
LOGOUT_REDIRECT_URL = "guidelines:public"

# Guessing passwords: django-axes locks a user name + address pair out.
AXES_ENABLED = env_bool("MANYVOICES_AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("MANYVOICES_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("MANYVOICES_LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Django's sign-in form names the email field "username"; axes would otherwise look for
# the user model's USERNAME_FIELD ("email") and record every attempt without a name.
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env_str("MANYVOICES_STATIC_ROOT", str(DATA_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Serve files straight from the apps' folders outside production, so the demo
# needs no collectstatic step.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

# Bodies: a draft is a few KB; a policy file tens of KB; a CSV of people a few hundred KB.
MAX_BODY_BYTES = env_int("MANYVOICES_MAX_BODY_BYTES", 256 * 1024, minimum=1024)
MAX_UPLOAD_BYTES = env_int("MANYVOICES_MAX_UPLOAD_BYTES", 2 * 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES

API_RATE_PER_MINUTE = env_int("MANYVOICES_API_RATE_PER_MINUTE", 120, minimum=1)
# How long a process may keep using the policy version it last read (0: ask every time).
POLICY_CACHE_SECONDS = env_int("MANYVOICES_POLICY_CACHE_SECONDS", 5)

# Background work: Django's tasks API (the django-tasks backport), stored in the database;
# `manyvoices worker` runs them. Tasks are queued with transaction.on_commit.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Advocacy: link previews never fetch private addresses (loopback only for tests' servers).
PREVIEW_ALLOW_LOOPBACK = env_bool("MANYVOICES_PREVIEW_ALLOW_LOOPBACK", False)
ADVOCACY_WEBHOOK_URL = env_str("MANYVOICES_ADVOCACY_WEBHOOK_URL")

# Publishing to networks (manyvoices.networks). Tokens are encrypted with these Fernet keys.
TOKEN_KEYS = env_list("MANYVOICES_TOKEN_KEYS", [])
if PRODUCTION and not TOKEN_KEYS:
    raise ImproperlyConfigured(
        "MANYVOICES_TOKEN_KEYS is required when MANYVOICES_ENV=production (one or more Fernet "
        'keys, comma-separated; make one with: python -c "from cryptography.fernet import '
        'Fernet; print(Fernet.generate_key().decode())")'
    )
for _index, _key in enumerate(TOKEN_KEYS, 1):
    from cryptography.fernet import Fernet

    try:
        Fernet(_key.encode())
    except ValueError:
        raise ImproperlyConfigured(
            f"MANYVOICES_TOKEN_KEYS: key {_index} is not a Fernet key (32 url-safe base64 bytes)"
        ) from None
NETWORK_TIMEOUT_SECONDS = env_int("MANYVOICES_NETWORK_TIMEOUT_SECONDS", 10, minimum=1)
# A worker holding a delivery longer than this is taken for dead (well over the timeouts).
PUBLISH_LEASE_SECONDS = env_int("MANYVOICES_PUBLISH_LEASE_SECONDS", 120, minimum=1)
PUBLISH_BACKOFF_SECONDS = env_int("MANYVOICES_PUBLISH_BACKOFF_SECONDS", 10, minimum=1)
PUBLISH_MAX_ATTEMPTS = env_int("MANYVOICES_PUBLISH_MAX_ATTEMPTS", 8, minimum=1)
PUBLISH_OVERDUE_SECONDS = env_int("MANYVOICES_PUBLISH_OVERDUE_SECONDS", 60, minimum=1)
METRICS_INTERVAL_SECONDS = env_int("MANYVOICES_METRICS_INTERVAL_SECONDS", 3600, minimum=60)
# Mastodon instances and Bluesky servers on 127.0.0.1 (tests' local servers only).
NETWORKS_ALLOW_LOOPBACK = env_bool("MANYVOICES_NETWORKS_ALLOW_LOOPBACK", False)
LINKEDIN_CLIENT_ID = env_str("MANYVOICES_LINKEDIN_CLIENT_ID")
LINKEDIN_CLIENT_SECRET = env_str("MANYVOICES_LINKEDIN_CLIENT_SECRET")
LINKEDIN_API_URL = env_str("MANYVOICES_LINKEDIN_API_URL", "https://api.linkedin.com")
LINKEDIN_AUTH_URL = env_str("MANYVOICES_LINKEDIN_AUTH_URL", "https://www.linkedin.com")
X_CLIENT_ID = env_str("MANYVOICES_X_CLIENT_ID")
X_CLIENT_SECRET = env_str("MANYVOICES_X_CLIENT_SECRET")
X_API_URL = env_str("MANYVOICES_X_API_URL", "https://api.x.com")
X_AUTH_URL = env_str("MANYVOICES_X_AUTH_URL", "https://x.com")

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

EMAIL_BACKEND = env_str(
    "MANYVOICES_EMAIL_BACKEND",
    "django.core.mail.backends.locmem.EmailBackend"
    if ENVIRONMENT == "test"
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("MANYVOICES_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("MANYVOICES_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("MANYVOICES_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("MANYVOICES_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("MANYVOICES_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env_str("MANYVOICES_FROM_EMAIL", "ManyVoices <manyvoices@localhost>")

# HTTPS and cookies. In production every check of `manage.py check --deploy` passes.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Off when a proxy in front already redirects plain HTTP.
    SECURE_SSL_REDIRECT = env_bool("MANYVOICES_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("MANYVOICES_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("MANYVOICES_HSTS_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("MANYVOICES_HSTS_PRELOAD", True)
if env_bool("MANYVOICES_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("MANYVOICES_LOG_LEVEL", "WARNING")},
    # A refused request (403, 404) is ordinary; only server errors deserve a traceback.
    "loggers": {"django.request": {"level": "ERROR"}},
}
