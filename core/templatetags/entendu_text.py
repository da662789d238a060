"""Template filters for text people wrote (stories, titles, names): shown without letting it
change the interface around it.

``{{ value|bdi }}`` wraps the (escaped) value in ``<bdi>``, for text inside a translated
sentence (``{% blocktranslate with title=event.title|bdi %}``): a right-to-left override
(U+202E) or other bidi control in it then cannot reorder the words around it. Story text in
its own element gets ``dir="auto"`` (and the ``story-text`` class) in the template instead.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def bdi(value):
    return format_html("<bdi>{}</bdi>", value)
