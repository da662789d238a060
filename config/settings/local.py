"""Local development (`make run`): debug on, console e-mail, a key for this machine only."""

from config.env import env_bool, env_str

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
# SECURITY: this key is only for local development; production refuses to start without its own.
SECRET_KEY = env_str("SECRET_KEY", "") or "local-dev-only-not-secret-0f6c3a8e1b7d4e2a9c5f"
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
FIELD_ENCRYPTION_KEY = (
    env_str("FIELD_ENCRYPTION_KEY", "") or "bG9jYWwtZGV2LW9ubHktZmllbGQta2V5LTMyYnl0ZXM="
)
