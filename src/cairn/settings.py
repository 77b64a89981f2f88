"""Django settings for Cairn. Every knob comes from the environment (docs/configuration.md)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dj_database_url

from cairn import config

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = config.data_dir()

SECRET_KEY = config.secret_key(DATA_DIR)
DEBUG = config.env_bool("CAIRN_DEBUG", False)
PRODUCTION = config.env_bool("CAIRN_PRODUCTION", False)
ALLOWED_HOSTS = [
    h.strip() for h in config.env_str("CAIRN_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]
if PRODUCTION and ALLOWED_HOSTS == ["127.0.0.1", "localhost"]:
    raise config.ConfigError("CAIRN_ALLOWED_HOSTS must name the public host in production")
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in config.env_str("CAIRN_CSRF_TRUSTED_ORIGINS").split(",") if o.strip()
]
# Unset, links follow the address each request came to (cairn.links).
BASE_URL = config.env_str("CAIRN_BASE_URL").rstrip("/")
LOCAL_URL = f"http://127.0.0.1:{config.env_int('PORT', 8000)}"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "django_tasks",
    "django_tasks_db",
    "cairn.accounts",
    "cairn.workspaces",
    "cairn.search",
    "cairn.tracker",
    "cairn.planning",
    "cairn.product",
    "cairn.controls",
    "cairn.costs",
    "cairn.lifecycle",
    "cairn.reporting",
    "cairn.demo",
    "cairn.events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cairn.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "cairn.urls"
ASGI_APPLICATION = "cairn.asgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["cairn.display"],
        },
    },
]


def _database() -> dict[str, object]:
    url = config.env_str("CAIRN_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'cairn.sqlite3'}"
    db: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=0))
    if db["ENGINE"] == "django.db.backends.sqlite3":
        # Immediate transactions take the write lock up front, so two writers queue
        # instead of failing with "database is locked" half-way through a transaction.
        db["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; "
                # Keeps the query planner's statistics fresh; cheap when nothing changed.
                "PRAGMA optimize=0x10002;"
            ),
        }
        # A file, not memory, so a live server thread sees the same data; one per
        # process, so concurrent test runs never share a database.
        db["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"cairn-test-{os.getpid()}.sqlite3")}
    else:
        # ASGI runs each request on a fresh thread, so per-thread persistent connections
        # would leak; a pool reuses connections across threads instead.
        db["OPTIONS"] = {"pool": {"min_size": 1, "max_size": config.env_int("CAIRN_DB_POOL_SIZE", 10), "timeout": 10}}
        db["TEST"] = {"NAME": f"test_cairn_{os.getpid()}"}
    return db


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# allauth: a closed workspace — people join by invitation, log in by username or e-mail.
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "cairn.accounts.adapter.InvitationOnlyAdapter"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "/accounts/login/"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Cairn"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("vendor", PROJECT_DIR / "node_modules"),
]
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "attachments"
ATTACHMENT_MAX_BYTES = config.env_int("CAIRN_ATTACHMENT_MAX_BYTES", 25 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_HOST = config.env_str("CAIRN_SMTP_HOST", "127.0.0.1")
EMAIL_PORT = config.env_int("CAIRN_SMTP_PORT", 25)
EMAIL_HOST_USER = config.env_str("CAIRN_SMTP_USER")
EMAIL_HOST_PASSWORD = config.env_str("CAIRN_SMTP_PASSWORD")
EMAIL_USE_TLS = config.env_bool("CAIRN_SMTP_STARTTLS", False)
DEFAULT_FROM_EMAIL = config.env_str("CAIRN_MAIL_FROM", "Cairn <cairn@localhost>")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if config.env_str("CAIRN_SMTP_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)

REDIS_URL = config.env_str("CAIRN_REDIS_URL")
# Also how long a quiet live stream may go on after its listener lost access.
STREAM_KEEPALIVE_SECONDS = config.env_int("CAIRN_STREAM_KEEPALIVE_SECONDS", 20)

TASKS = {
    "default": {
        "BACKEND": config.env_str("CAIRN_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": config.env_str("CAIRN_LOG_LEVEL", "WARNING").upper()},
}
