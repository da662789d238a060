"""What a web worker does once as it starts, so that no user's first request pays for it.

Why (issue 22): the first ``/analysis/`` page a fresh worker served took 1.5 s more than the
next. Loading the URLconf imports every view; then the first ``{% url %}`` in each language
builds that language's reverse table for every resolver (URL patterns are translated, so one
table per language: about 0.5 s each on a small machine), the first page in each language
loads its translation catalogue, and each template is compiled on first use.
``config/wsgi.py`` calls ``warm_up()`` after building the application; the analytics bench
calls it too, since it times what a started worker serves.
"""

from pathlib import Path

from django.conf import settings
from django.template import engines
from django.template.loader import get_template
from django.urls import URLResolver, get_resolver
from django.utils import translation
from django.utils.translation import trans_real


def _populate(resolver: URLResolver) -> None:
    resolver.reverse_dict  # noqa: B018 - built on first access, per active language
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            _populate(pattern)


def _templates() -> list[str]:
    """The names of the project's HTML templates (its directories and the apps')."""
    names: set[str] = set()
    for engine in engines.all():
        for directory in engine.template_dirs:
            root = Path(directory)
            ours = str(root).startswith(str(settings.BASE_DIR)) and "site-packages" not in str(root)
            if root.is_dir() and ours:
                names.update(str(p.relative_to(root)) for p in root.rglob("*.html"))
    return sorted(names)


def warm_up() -> None:
    """Load the URLconf, every language's reverse tables and translation catalogue, and
    compile the project's templates (kept by the cached template loader)."""
    resolver = get_resolver()
    resolver.check()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            _populate(resolver)
            trans_real.translation(code)  # loads the language's catalogue
    for name in _templates():
        get_template(name)
