"""The default codebook's content: the six action themes and their sub-codes, each with label,
description, inclusion and exclusion criteria and an example, in every programme language (our
own words; theme names from ``docs/glossary/<L>.csv``). ``coding.services.codebook_default_seed``
writes it; migration ``0005`` fills the languages a database does not have yet."""

from coding.default_codebook import de, en, es, fr, ja, pt_br
from coding.translations import TEXT_FIELDS

# The six action themes, in their order, and the sub-codes drawn from the reasons people give
# for lost trust: (theme key, sub-code key).
THEMES = ["education", "research", "community", "person_centred", "communication", "workforce"]
SUB_CODES = [
    ("person_centred", "not_listened_to"),
    ("person_centred", "judged"),
    ("person_centred", "time_with_professional"),
    ("person_centred", "not_welcome"),
    ("education", "unconscious_bias"),
    ("communication", "accessible_information"),
    ("workforce", "representation"),
]
# Sub-code -> its theme: the one table of the codebook's structure that the lexicon, the
# evaluation and the labelled sets' builders read.
PARENTS = {sub_code: theme for theme, sub_code in SUB_CODES}
THEME_COLOURS = ["#1f5f8b", "#7a3e9d", "#2e7d32", "#b3541e", "#00695c", "#8e244d"]

# language key (as stored in ``Code.translations``) -> code key -> the five texts in order.
TEXTS = {
    "en": en.TEXTS,
    "fr": fr.TEXTS,
    "pt-br": pt_br.TEXTS,
    "es": es.TEXTS,
    "de": de.TEXTS,
    "ja": ja.TEXTS,
}


def default_translations(key: str) -> dict:
    """``Code.translations`` of a default code: ``{language: {field: text}}``."""
    return {
        language: dict(zip(TEXT_FIELDS, texts[key], strict=True))
        for language, texts in TEXTS.items()
    }
