"""Key terms are translated as each language's glossary says, in every catalogue.

For each language, every catalogue entry whose English (msgid) holds a key term (word boundary,
any case, English plurals and inflections) must hold that language's glossary term in its
translation, or one of the variants listed in the glossary's ``alternatives`` column (``|``
separated, matched as case-insensitive substrings so inflections and compounds count:
"Einwilligungsbestätigung" holds "Bestätigung").
"""

import csv
import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
GLOSSARIES = ROOT / "docs" / "glossary"
LOCALES = ("fr", "pt_BR", "es", "de", "ja")

# The key terms, each with the English forms that name it in a msgid.
KEY_TERMS = {
    "consent": r"consent(s|ed|ing)?",
    "withdraw": r"withdraw(s|n|ing)?",
    "withdrawal code": r"withdrawal codes?",
    "story": r"stor(y|ies)",
    "receipt": r"receipts?",
    "research copy": r"research cop(y|ies)",
    "Empower through education": r"Empower through education",
    "Champion diversity in research": r"Champion diversity in research",
    "Include communities in decision-making": r"Include communities in decision-making",
    "Prioritise holistic, person-centred care": r"Prioritise holistic, person-centred care",
    "Promote consistent, accessible communication": r"Promote consistent, accessible communication",
    "Health professionals for everyone": r"Health professionals for everyone",
}
# Placeholders and HTML are not words of the sentence.
NOT_WORDS = re.compile(r"%\(\w+\)[sdf]|\{\{[^}]*\}\}|\{\w+\}|<[^>]+>")


def glossary_forms(rows: list[dict], locale: str) -> dict[str, list[str]]:
    """Key term → the accepted forms in ``locale``: the term (its " / " parts) and alternatives."""
    column = f"term_{locale}"
    forms = {}
    for row in rows:
        term = row["term_en"]
        if term not in KEY_TERMS:
            continue
        accepted = [part.strip() for part in row[column].split(" / ")]
        accepted += [a.strip() for a in (row.get("alternatives") or "").split("|")]
        forms[term] = [a for a in accepted if a]
    return forms


def read_glossary(locale: str) -> list[dict]:
    with open(GLOSSARIES / f"{locale}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def inconsistencies(entries, forms: dict[str, list[str]]) -> list[tuple[str, str, str]]:
    """(term, msgid, msgstr) for each translated entry that misses its key term's forms."""
    wrong = []
    for entry in entries:
        if entry.obsolete or entry.fuzzy or not entry.translated():
            continue
        english = NOT_WORDS.sub(" ", f"{entry.msgid} {entry.msgid_plural}")
        texts = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        for term, pattern in KEY_TERMS.items():
            if term not in forms or not re.search(rf"\b{pattern}\b", english, re.IGNORECASE):
                continue
            accepted = [form.casefold() for form in forms[term]]
            for text in texts:
                if not any(form in text.casefold() for form in accepted):
                    wrong.append((term, entry.msgid, text))
    return wrong


def catalogues(locale: str) -> list[Path]:
    return sorted(
        p
        for p in ROOT.glob(f"**/locale/{locale}/LC_MESSAGES/django*.po")
        if ".venv" not in p.parts and "node_modules" not in p.parts
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_each_glossary_names_every_key_term(locale):
    forms = glossary_forms(read_glossary(locale), locale)
    assert sorted(forms) == sorted(KEY_TERMS)
    assert all(forms.values())


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogues_use_the_glossary_terms(locale):
    forms = glossary_forms(read_glossary(locale), locale)
    wrong = []
    for path in catalogues(locale):
        wrong += [
            (str(path.relative_to(ROOT)), *w)
            for w in inconsistencies(polib.pofile(str(path)), forms)
        ]
    assert wrong == []


def synthetic(pairs) -> polib.POFile:
    po = polib.POFile()
    for msgid, msgstr in pairs:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    return po


def test_an_inconsistent_term_is_caught():
    forms = {"story": ["Geschichte"], "withdraw": ["zurückziehen", "zurückgezogen"]}
    po = synthetic(
        [
            ("Your story", "Ihre Geschichte"),
            ("Stories to code", "Zu codierende Geschichten"),  # plural of the term: accepted
            ("Tell your story", "Erzählen Sie Ihren Bericht"),  # another word: caught
            ("Withdrawn", "Zurückgezogen"),
            ("Withdraw it", "Löschen"),  # caught
            ("%(story_id)s saved", "%(story_id)s gespeichert"),  # a placeholder is not the word
            ("History", "Verlauf"),  # "story" only as a whole word
        ]
    )
    assert inconsistencies(po, forms) == [
        ("story", "Tell your story", "Erzählen Sie Ihren Bericht"),
        ("withdraw", "Withdraw it", "Löschen"),
    ]


def test_untranslated_and_fuzzy_entries_are_left_to_test_i18n():
    po = synthetic([("Your story", "")])
    po.append(polib.POEntry(msgid="My story", msgstr="Mein Text", flags=["fuzzy"]))
    assert inconsistencies(po, {"story": ["Geschichte"]}) == []
