"""
Django settings for the Steadfast Partners website.

Everything that differs between a laptop and production is read from the
environment; the README lists each variable. The defaults give a working
development site; ``DJANGO_DEBUG=0`` turns on the production safeguards.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


DEBUG = env_bool("DJANGO_DEBUG", True)

# A development key is fine on a laptop; production refuses to start with one,
# as djangoproject.com's prod settings do.
DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "") or DEVELOPMENT_SECRET_KEY
if not DEBUG and (
    SECRET_KEY == DEVELOPMENT_SECRET_KEY
    or SECRET_KEY.startswith("django-insecure")
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a long random value when DJANGO_DEBUG=0."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

# The public origin, used for canonical URLs, feeds, sitemaps and links in
# emails, so they never depend on the Host header of a request.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = "Steadfast Partners"

# The number prospects call until staff change it in the admin.
DEFAULT_PHONE_NUMBER = "737-210-5503"


# Application definition

INSTALLED_APPS = [
    "core.apps.SiteAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_prose_editor",
    "simple_history",
    "axes",
    # The second factor: devices are django-otp's models (authenticator apps,
    # recovery codes) and django-otp-webauthn's (passkeys).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "core",
    "publishing",
    "articles",
    "contact",
    "assessment",
    "sales",
    "pages",
    "people",
    "accounts",
    "insights",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses every HTML response (static files come precompressed from
    # WhiteNoise, above). Above ConditionalGet so the ETag is computed on the
    # page itself; the random bytes it adds to each gzip header, with masked
    # CSRF tokens, are Django's BREACH defence.
    "django.middleware.gzip.GZipMiddleware",
    # Answers If-None-Match for cached pages too, so it sits above the cache.
    "django.middleware.http.ConditionalGetMiddleware",
    # Records the first touch (UTM, external referrer) in a signed cookie,
    # above the page cache so that a cached page gets the cookie too.
    "contact.middleware.FirstTouchMiddleware",
    # A cached page is stored with the headers the middleware below added (CSP,
    # X-Frame-Options, ...): none varies between visitors, and a hit skips them.
    "core.cache.PageCacheMiddleware",
    # Below the cache: remembers the headings of each public page it renders.
    "insights.middleware.PageLayoutMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.ExtraSecurityHeadersMiddleware",
    "core.middleware.MalformedQueryStringMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Staff sessions: idle and absolute limits, sign-out everywhere, step-up,
    # enrolment before anything else, the per-address sign-in limit.
    "accounts.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "steadfast.urls"

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
                "core.context_processors.site",
                "publishing.context_processors.preview",
            ],
        },
    },
]

WSGI_APPLICATION = "steadfast.wsgi.application"


# Database
# SQLite is the embedded default. WAL lets readers run beside the writer,
# IMMEDIATE takes the write lock at BEGIN (so a transaction never fails halfway
# on an upgrade), and the busy timeout makes concurrent writers queue.
# https://docs.djangoproject.com/en/6.1/ref/databases/#sqlite-notes

# How long a writer waits for another's lock before the visitor gets the 503
# page with the phone number, rather than a worker hanging until gunicorn
# kills it: SQLite's busy timeout, PostgreSQL's lock_timeout.
DATABASE_LOCK_TIMEOUT = env_int("DATABASE_LOCK_TIMEOUT", 5)
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": DATABASE_LOCK_TIMEOUT,
    # synchronous=FULL: an acknowledged inquiry survives a power cut too.
    "init_command": (
        "PRAGMA journal_mode=WAL;PRAGMA synchronous=FULL;PRAGMA foreign_keys=ON;"
    ),
}


def database_config(url: str | None) -> dict:
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": dict(SQLITE_OPTIONS),
            # Reuse each worker's connection rather than open one (and run
            # the PRAGMAs) for every request.
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # Django's backend, which after a connection that waited and failed
        # leaves the server alone for a few seconds (core/postgresql/base.py).
        config["ENGINE"] = "core.postgresql"
        # Fail fast when the server is unreachable instead of hanging a worker.
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
        config["OPTIONS"].setdefault(
            "options", f"-c lock_timeout={DATABASE_LOCK_TIMEOUT * 1000}"
        )
    return config


DATABASES = {"default": database_config(os.environ.get("DATABASE_URL"))}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# Cache
# Page caching and rate limits must be shared by every worker: Redis when
# REDIS_URL is set (several hosts), otherwise files on this host.

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "steadfast",
            "TIMEOUT": 300,
            "OPTIONS": {
                # Leaves a Redis that stops answering alone for a few seconds.
                "pool_class": "core.outages.PausingRedisConnectionPool",
                "socket_connect_timeout": 2,
                "socket_timeout": 2,
            },
        }
    }
else:
    CACHES = {
        "default": {
            # Django's file cache, with counts the rate limit can trust.
            "BACKEND": "core.ratelimit.AtomicIncrFileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "TIMEOUT": 300,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# The blank contact form's markup, which only a release changes: each worker
# draws it once (crispy-forms takes most of the page's time) and a new
# release starts new workers. The contact form's goal in docs/performance.md.
CACHES["forms"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "forms",
    "TIMEOUT": None,
}
# Part of every cached page's key, so a deploy never serves the previous
# release's pages (core/cache.py). Set it to the commit being deployed.
RELEASE_ID = os.environ.get("RELEASE_ID", "")


# Authentication
# django-axes counts failed logins in the database, so a lockout holds across
# every worker and host; it must come before the model backend.

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # "Sign in with a passkey": the passkey is both factors (possession, and
    # the device's PIN or biometric, which it is asked to check).
    "django_otp_webauthn.backends.WebAuthnBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# Per account and address: signing in to one account never clears another's
# failures, and guessing from one address never locks the account out for
# its owner elsewhere. The address is the contact form's (IPv6 by its /64;
# X-Forwarded-For only from CONTACT_TRUSTED_PROXIES).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.views.login_locked_out"
# A password spray (one address, one password, many usernames) never locks a
# pair: failures on any account from one address are counted too, and past
# this many in the window that address may not try again until it ends. Well
# above one office's typos; it never locks the account for its owner elsewhere.
SIGN_IN_ADDRESS_FAILURE_LIMIT = env_int("SIGN_IN_ADDRESS_FAILURE_LIMIT", 30)
SIGN_IN_ADDRESS_WINDOW_SECONDS = env_int("SIGN_IN_ADDRESS_WINDOW_MINUTES", 60) * 60

# Staff sessions (accounts/middleware.py): the cookie lives 12 hours at most,
# and a session idle for 30 minutes ends. Exporting inquiries and changing
# users, groups or site settings ask for the second factor again when the
# last check is older than STEP_UP_MAX_AGE.
SESSION_COOKIE_AGE = 12 * 60 * 60
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_MINUTES", 30) * 60
STEP_UP_MAX_AGE = timedelta(minutes=10)
STEP_UP_ADMIN_MODELS = ["auth.user", "auth.group", "core.sitesettings"]
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
# The admin's sign-in form, named here so that core imports no other app.
ADMIN_LOGIN_FORM = "accounts.forms.SignInForm"
# The audit trail (sign-ins, failures, factor changes, exports, permission
# changes) is kept this long; `manage.py purge_audit_trail` removes the rest.
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 365)

# Passkeys are bound to the site's host name; on a laptop (plain HTTP) to
# localhost, which browsers treat as secure.
_site = urlsplit(SITE_URL)
_https_site = _site.scheme == "https"
OTP_WEBAUTHN_RP_ID = os.environ.get("WEBAUTHN_RP_ID") or (
    _site.hostname if _https_site else "localhost"
)
OTP_WEBAUTHN_RP_NAME = SITE_NAME
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list(
    "WEBAUTHN_ALLOWED_ORIGINS", [SITE_URL] if _https_site else ["http://localhost:8000"]
)
# Staff name the issuer in their authenticator app.
OTP_TOTP_ISSUER = SITE_NAME


# Password validation

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",  # noqa: E501
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# Internationalization

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "America/Chicago")
# English only: no translation machinery to run.
USE_I18N = False
USE_TZ = True


# Static files: hashed, compressed (gzip and brotli) and served by WhiteNoise,
# so a CDN can sit in front with far-future caching.

STATIC_URL = "static/"
# STATIC_ROOT lets the benchmark and load tests collect into a scratch folder.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", "") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
WHITENOISE_KEEP_ONLY_HASHED_FILES = True


# Forms

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The editor's own extensions (publishing/static/publishing/): one cleans
# pasted HTML in the browser (the server sanitises anyway); one replaces the
# image button's address dialog with the image library, inside the editor.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("publishing/paste-cleaner.js")],
        "extensions": {"PasteCleaner": "publishing.richtext.allow_no_extra_markup"},
    },
    {
        "js": [static_lazy("publishing/image-library.js")],
        "extensions": {"Figure": "django_prose_editor.config.process_figure"},
    },
]

# Nothing a visitor sends needs more; the admin's article body is the largest.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DJANGO_MAX_BODY_BYTES", 1024 * 1024)


# Email (Django 6.1 mailers). Production sends through SMTP (a relay on
# localhost unless SMTP_HOST says otherwise); a development site without
# SMTP_HOST writes mail to the console instead.

SMTP_HOST = os.environ.get("SMTP_HOST", "")
if SMTP_HOST or not DEBUG:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": SMTP_HOST or "localhost",
                "port": env_int("SMTP_PORT", 587 if SMTP_HOST else 25),
                "username": os.environ.get("SMTP_USERNAME", ""),
                "password": os.environ.get("SMTP_PASSWORD", ""),
                "use_tls": env_bool("SMTP_USE_TLS", bool(SMTP_HOST)),
                "timeout": env_int("SMTP_TIMEOUT", 10),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Steadfast Partners <website@steadfastpartners.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where researchers report vulnerabilities (/.well-known/security.txt).
SECURITY_CONTACT_EMAIL = os.environ.get(
    "SECURITY_CONTACT_EMAIL", "security@steadfastpartners.example"
)
SALES_NOTIFICATION_EMAILS = env_list(
    "SALES_NOTIFICATION_EMAILS", ["sales@steadfastpartners.example"]
)


# Contact form: spam defences, limits and privacy.

# Inquiries sent per client address per window, counted in the shared cache;
# posts with errors have their own, larger allowance.
CONTACT_RATE_LIMIT = env_int("CONTACT_RATE_LIMIT", 5)
CONTACT_INVALID_POST_LIMIT = env_int("CONTACT_INVALID_POST_LIMIT", 20)
CONTACT_RATE_LIMIT_WINDOW = env_int("CONTACT_RATE_LIMIT_WINDOW", 600)
# A form open longer than this is refreshed before it is sent (seconds).
CONTACT_FORM_TOKEN_MAX_AGE = env_int("CONTACT_FORM_TOKEN_MAX_AGE", 24 * 60 * 60)
# Faster than a person can type: treated as a bot and quarantined.
CONTACT_MIN_FILL_SECONDS = env_int("CONTACT_MIN_FILL_SECONDS", 3)
CONTACT_MAX_BODY_BYTES = env_int("CONTACT_MAX_BODY_BYTES", 64 * 1024)
# Addresses of our own reverse proxies; only they may set X-Forwarded-For.
CONTACT_TRUSTED_PROXIES = env_list("CONTACT_TRUSTED_PROXIES", [])
CONTACT_SEND_ACKNOWLEDGEMENT = env_bool("CONTACT_SEND_ACKNOWLEDGEMENT", True)
# Anyone may type any address: at most this many acknowledgements per address
# per day (sales are told of every inquiry).
CONTACT_ACKNOWLEDGEMENTS_PER_DAY = env_int("CONTACT_ACKNOWLEDGEMENTS_PER_DAY", 3)
CONTACT_NOTIFICATION_MAX_ATTEMPTS = env_int("CONTACT_NOTIFICATION_MAX_ATTEMPTS", 10)
# `manage.py purge_inquiries` anonymises inquiries older than this.
INQUIRY_RETENTION_DAYS = env_int("INQUIRY_RETENTION_DAYS", 730)
# A new inquiry whose status has not changed within this many business hours
# (Mon–Fri 8:00–18:00 in TIME_ZONE) is flagged overdue on the admin index.
INQUIRY_RESPONSE_BUSINESS_HOURS = env_int("INQUIRY_RESPONSE_BUSINESS_HOURS", 8)

# Insights: events one address may send per minute before a 429. A long
# article read to the end sends a few dozen; an office shares one address.
INSIGHTS_EVENTS_PER_MINUTE = env_int("INSIGHTS_EVENTS_PER_MINUTE", 300)


# Security
# Content-Security-Policy with Django's built-in middleware: only our own
# files, no inline script or style anywhere (admin included).

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Production is served over HTTPS: redirect plain HTTP, mark cookies Secure and
# send HSTS. DJANGO_HTTPS=0 turns this off for a production-like run on
# http://127.0.0.1 (make serve, the benchmark, the load tests).
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
# Load balancers probe each instance over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 63072000 if HTTPS else 0  # two years, as hstspreload.org asks
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Only behind a proxy that sets (and strips from clients) X-Forwarded-Proto.
# https://docs.djangoproject.com/en/6.1/ref/settings/#secure-proxy-ssl-header
if env_bool("DJANGO_TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "core.views.csrf_failure"


# Logging: everything to stderr, where gunicorn and the platform collect it.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
