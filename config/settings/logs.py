"""Logging (imported by base.py)."""

from config.env import env_str

# SECURITY: nothing here logs request bodies; story text, tokens and codes must never be logged.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(asctime)s %(name)s %(message)s"}},
    "filters": {"redact_url_secrets": {"()": "core.logging.RedactUrlSecrets"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_url_secrets"],
        }
    },
    "root": {"level": env_str("LOG_LEVEL", "INFO"), "handlers": ["console"]},
    # SECURITY: at DEBUG these two log template contexts and SQL parameters, which would carry
    # story text, withdrawal codes and link tokens; they stay at INFO whatever LOG_LEVEL says.
    "loggers": {
        "django.template": {"level": "INFO"},
        "django.db.backends": {"level": "INFO"},
        # SECURITY: these log request paths, which carry participant-link tokens and keys.
        "django.request": {"level": "INFO", "filters": ["redact_url_secrets"]},
        "django.server": {"level": "INFO", "filters": ["redact_url_secrets"]},
        "django.security": {"level": "INFO", "filters": ["redact_url_secrets"]},
    },
}
