"""A web worker's start-up work (issue 22: a fresh worker's first /analysis/ page took 1.5 s
more than the next): the URLconf, every language's reverse tables and the project's templates
are ready before the first request."""

from django.conf import settings
from django.template import engines
from django.urls import get_resolver

from core.startup import _templates, warm_up


def test_warm_up_builds_every_languages_reverse_tables_and_compiles_the_templates():
    resolver = get_resolver()
    warm_up()
    built = set(resolver._reverse_dict)
    assert {code for code, _name in settings.LANGUAGES} <= built
    names = _templates()
    assert "base.html" in names and not any("site-packages" in n for n in names)
    loader = engines["django"].engine.template_loaders[0]
    # The cached loader holds every project template, compiled.
    assert hasattr(loader, "get_template_cache") and len(loader.get_template_cache) >= len(names)
