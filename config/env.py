"""Read typed settings from the environment: the only source of configuration."""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from exc


def env_list(name: str, default: str = "") -> list[str]:
    raw = os.environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_languages(name: str) -> list[tuple[str, str]]:
    """Extra interface languages as ``code:Name`` pairs separated by commas, e.g.
    ``ko:Korean,it:Italian``. Each code must be one Django knows (django.conf.locale.LANG_INFO)."""
    from django.conf.locale import LANG_INFO

    pairs = []
    for item in env_list(name):
        code, _sep, label = item.partition(":")
        code = code.strip().lower().replace("_", "-")
        if code not in LANG_INFO:
            raise ImproperlyConfigured(f"{name}: {code!r} is not a language code Django knows.")
        pairs.append((code, label.strip() or LANG_INFO[code]["name"]))
    return pairs
