"""The translation in our catalogue is the one people see.

Django merges every catalogue into one per language; when two translate the same msgid, one
wins (``LOCALE_PATHS`` in their order, then ``INSTALLED_APPS`` in theirs, Django's own last).
Django's admin once turned our "None" back into "None" in Japanese; and one English word can be
a noun in one app and a verb in another ("Import"), which needs a context (``pgettext``).
"""

import polib
import pytest
from django.utils import translation

from tests.core.english_leaks import ROOT, catalogue_paths

# NOTE: French still has collisions between apps ("Stories", "Status", "Researcher"...): they
# wait for a French glossary; the four languages below are checked.
LANGUAGES = {"pt-br": "pt_BR", "es": "es", "de": "de", "ja": "ja"}


def shadowed(language: str, locale: str) -> list[str]:
    wrong = []
    with translation.override(language):
        for path in catalogue_paths(locale):
            for entry in polib.pofile(str(path)):
                if entry.obsolete or entry.msgid_plural or not entry.msgstr:
                    continue
                if entry.msgctxt:
                    shown = translation.pgettext(entry.msgctxt, entry.msgid)
                else:
                    shown = translation.gettext(entry.msgid)
                if shown != entry.msgstr:
                    where = path.relative_to(ROOT).parts[0]
                    wrong.append(f"{where}: {entry.msgid!r} shows {shown!r}, not {entry.msgstr!r}")
    return wrong


@pytest.mark.parametrize("language", LANGUAGES)
def test_our_translation_is_the_one_shown(language):
    assert shadowed(language, LANGUAGES[language]) == []


def test_a_third_party_catalogue_no_longer_wins():
    # Django's admin translates "None" as "None" in Japanese; ours says なし.
    with translation.override("ja"):
        assert translation.gettext("None") == "なし"
