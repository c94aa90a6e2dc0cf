"""Settings shared by every environment. Secrets come from the environment only."""

from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy

from gongzhi.config.env import env_bool, env_int, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = Path(env_str("GONGZHI_DATA_DIR", str(PROJECT_DIR / "var")))

DEBUG = False
ALLOWED_HOSTS = [h for h in env_str("GONGZHI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # the form renderer finds Django's widget templates beside ours (gongzhi/templates/forms/)
    "django_htmx",
    "template_partials",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "gongzhi.core",
    "gongzhi.accounts",
    "gongzhi.areas",
    "gongzhi.residents",
    "gongzhi.audit",
    "gongzhi.notices",
    "gongzhi.workdays",
    "gongzhi.photos",
    "gongzhi.cases",
    "gongzhi.hours",
    "gongzhi.meetings",
    "gongzhi.bodies",
    "gongzhi.orgs",
    "gongzhi.ballots",
    "gongzhi.disclosures",
    "gongzhi.wishes",
    "gongzhi.situations",
    "gongzhi.offers",
    "gongzhi.activities",
    "gongzhi.conventions",
    "gongzhi.hall",
    "gongzhi.selfgov",
    "gongzhi.polls",
    "gongzhi.merit",
    "gongzhi.mediation",
    "gongzhi.legal",
    "gongzhi.pledges",
    "gongzhi.points",
    "gongzhi.elections",
    "gongzhi.pairing",
    "gongzhi.facilities",
    "gongzhi.workforce",
    "gongzhi.oversight",
    "gongzhi.feedback",
    "gongzhi.rulebook",
    "gongzhi.funds",
    "gongzhi.budgeting",
]
if env_bool("GONGZHI_DEVTOOLS", True):
    INSTALLED_APPS.append("gongzhi.devtools")

MIDDLEWARE = [
    "gongzhi.core.middleware.RequestSizeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gongzhi.accounts.middleware.SessionTimeoutMiddleware",
    "gongzhi.accounts.middleware.PasswordMustChangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "gongzhi.core.middleware.RequestContextMiddleware",
    "gongzhi.audit.refusals.RefusalAuditMiddleware",
    "gongzhi.core.middleware.ApiJsonErrorsMiddleware",
    "gongzhi.core.middleware.RobotsTagMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongzhi.config.urls"
WSGI_APPLICATION = "gongzhi.config.wsgi.application"

FORM_RENDERER = "gongzhi.core.form_rendering.FormRenderer"
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
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "gongzhi.core.context_processors.navigation",
                "gongzhi.core.context_processors.footer",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------
# SQLite is the embedded default: WAL, IMMEDIATE transactions (so writers queue
# instead of failing with "database is locked"), a busy timeout and
# secure_delete so that deleted personal data does not linger in the file.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA secure_delete=ON;"
        "PRAGMA cache_size=-65536;"
        "PRAGMA mmap_size=268435456;"
    ),
}


def database_from_env(default_sqlite_path: Path) -> dict:
    url = env_str("DATABASE_URL", "")
    if url:
        config = dj_database_url.parse(url, conn_max_age=env_int("GONGZHI_CONN_MAX_AGE", 60))
        if config["ENGINE"] == "django.db.backends.sqlite3":
            config["OPTIONS"] = dict(SQLITE_OPTIONS)
        return dict(config)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(default_sqlite_path),
        "OPTIONS": dict(SQLITE_OPTIONS),
    }


DATABASES = {"default": database_from_env(DATA_DIR / "gongzhi.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ----------------------------------------------------
# "shared": what every process must see alike — sessions (through the database), each user's account and
# roles, their unread count (gongzhi/accounts/usercache.py): Redis, else files on this machine. A
# per-process cache would let a logout or a revoked role live on in another worker.
REDIS_URL = env_str("REDIS_URL", "")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL},
        "shared": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "shared"},
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": {
            "BACKEND": "gongzhi.core.filecache.SharedFileCache",
            "LOCATION": str(DATA_DIR / "shared"),
            "OPTIONS": {"MAX_ENTRIES": 200_000},
        },
    }
    SESSION_ENGINE = "gongzhi.accounts.sessions"
SESSION_CACHE_ALIAS = "shared"

# Progress of long jobs is shared between the worker and the web processes
# outside the job's own transaction (an import inserts in one transaction,
# which no other connection can see until it commits).
CACHES["progress"] = (
    {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "progress"}
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "progress"),
    }
)

# API retries with an Idempotency-Key: which object a key created, seen by every process
# (gongzhi/core/idempotency.py; a hash of the body and an object id, no personal data).
CACHES["idempotency"] = (
    {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "idempotency"}
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "idempotency"),
    }
)

# --- Background jobs: a database-backed queue that works on SQLite and PostgreSQL.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Accounts ----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "gongzhi.accounts.backends.UsernameOrPhoneBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Django's validators with our messages (gongzhi/accounts/passwords.py): Chinese by default.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "gongzhi.accounts.passwords.UserAttributeSimilarityValidator"},
    {
        "NAME": "gongzhi.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("GONGZHI_PASSWORD_MIN_LENGTH", 12)},
    },
    {"NAME": "gongzhi.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "gongzhi.accounts.passwords.NumericPasswordValidator"},
    {"NAME": "gongzhi.accounts.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
]

# Lockout: 5 failures lock one username from one address for 15 minutes. A
# village office shares one public address, so never lock by address alone.
AXES_FAILURE_LIMIT = env_int("GONGZHI_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("GONGZHI_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "gongzhi.accounts.views.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "gongzhi.accounts.lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "gongzhi.core.middleware.client_ip"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False

# Idle timeouts in seconds (staff 15 min, residents 30 min) and an absolute cap.
GONGZHI_IDLE_TIMEOUT_STAFF = env_int("GONGZHI_IDLE_TIMEOUT_STAFF", 15 * 60)
GONGZHI_IDLE_TIMEOUT_RESIDENT = env_int("GONGZHI_IDLE_TIMEOUT_RESIDENT", 30 * 60)
GONGZHI_SESSION_ABSOLUTE = env_int("GONGZHI_SESSION_ABSOLUTE", 12 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = GONGZHI_IDLE_TIMEOUT_RESIDENT

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static files: vendored from npm's lock file, served by us (no CDN) ----
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Files from packages, only those pages load (a package's folder holds every build, source map and test
# page it ships); found by gongzhi.core.staticfiles. From npm, static path → file:
GONGZHI_VENDOR_FILES = {
    "vendor/htmx/htmx.min.js": PROJECT_DIR / "node_modules" / "htmx.org" / "dist" / "htmx.min.js",
    "vendor/pico/pico.min.css": PROJECT_DIR / "node_modules" / "@picocss" / "pico" / "css" / "pico.min.css",
    "vendor/echarts/echarts.min.js": PROJECT_DIR / "node_modules" / "echarts" / "dist" / "echarts.min.js",
}
# From installed apps' static folders: the API documentation page (django-ninja's Swagger UI).
GONGZHI_APP_STATIC_FILES = frozenset(
    {
        "ninja/swagger-ui.css",
        "ninja/swagger-ui-bundle.js",
        "ninja/swagger-ui-init.js",
        "ninja/favicon.svg",
        "ninja/favicon.png",
        "oversight/charts.js",
    }
)
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "gongzhi.core.staticfiles.UsedAppFilesFinder",
    "gongzhi.core.staticfiles.VendorFileFinder",
]
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Form fields and JSON bodies (not files): a long convention text is under 100 KB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# A whole multipart request: the largest upload is a 50 MB Excel import, plus the form around it.
GONGZHI_MAX_UPLOAD_REQUEST_BYTES = 51 * 1024 * 1024
# One PDF handed in for a service-hall material line (photos have their own limit, core.images.MAX_BYTES).
GONGZHI_HALL_PDF_MAX_BYTES = env_int("GONGZHI_HALL_PDF_MAX_BYTES", 10 * 1024 * 1024)
# A page that fails CSRF verification gets our Chinese 403 page, not Django's English one.
CSRF_FAILURE_VIEW = "gongzhi.core.views.csrf_failure"

# --- Security headers ------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- E-mail -------------------------------------------------------------------
EMAIL_BACKEND = env_str("GONGZHI_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("GONGZHI_EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("GONGZHI_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("GONGZHI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("GONGZHI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("GONGZHI_EMAIL_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("GONGZHI_EMAIL_FROM", "gongzhi@localhost")
# Before every e-mail's subject (notices, and Django's own mails to admins), in the reader's language.
EMAIL_SUBJECT_PREFIX = gettext_lazy("[共治] ")

# --- gongzhi ------------------------------------------------------------------
# Addresses of reverse proxies whose X-Forwarded-For is believed (comma-separated).
GONGZHI_TRUSTED_PROXIES = [p for p in env_str("GONGZHI_TRUSTED_PROXIES", "").split(",") if p]
# The API never returns more than this many rows per page.
NINJA_PAGINATION_MAX_LIMIT = env_int("GONGZHI_API_MAX_PAGE", 100)
GONGZHI_AUDIT_RETENTION_DAYS = env_int("GONGZHI_AUDIT_RETENTION_DAYS", 365)
GONGZHI_EXPORT_ROW_LIMIT = env_int("GONGZHI_EXPORT_ROW_LIMIT", 200_000)
GONGZHI_IMPORT_SYNC_ROWS = env_int("GONGZHI_IMPORT_SYNC_ROWS", 2000)
# A full ID reveal needs a reason, is audited and is rate-limited per user.
GONGZHI_REVEAL_LIMIT_PER_HOUR = env_int("GONGZHI_REVEAL_LIMIT_PER_HOUR", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("GONGZHI_LOG_LEVEL", "WARNING")},
    "loggers": {"axes": {"level": "ERROR"}},
}
