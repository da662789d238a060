"""The default codebook (the six action themes), written from ``coding.default_codebook``."""

from django.db import transaction

from coding.default_codebook import SUB_CODES, THEME_COLOURS, THEMES, default_translations
from coding.models import Code, Codebook


@transaction.atomic
def codebook_default_seed() -> Codebook:
    """Create or refresh the default codebook (the six themes and their sub-codes, in every
    programme language); idempotent."""
    codebook, _ = Codebook.objects.update_or_create(
        slug="action-themes",
        defaults={
            "name": "Six action themes",
            "description": "The default codebook: the six action themes and their sub-codes.",
            "is_default": True,
        },
    )
    themes = {}
    for position, key in enumerate(THEMES, start=1):
        themes[key], _ = Code.objects.update_or_create(
            codebook=codebook,
            key=key,
            defaults={
                "parent": None,
                "translations": default_translations(key),
                "colour": THEME_COLOURS[position - 1],
                "position": position,
                "is_codable": True,
            },
        )
    for position, (parent_key, key) in enumerate(SUB_CODES, start=1):
        Code.objects.update_or_create(
            codebook=codebook,
            key=key,
            defaults={
                "parent": themes[parent_key],
                "translations": default_translations(key),
                "colour": themes[parent_key].colour,
                "position": position,
            },
        )
    return codebook
