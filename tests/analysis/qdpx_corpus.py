"""A two-coder corpus for the REFI-QDA tests, and an export read back as comparable values."""

import io
import zipfile

from analysis import exporters, refiqda_read
from analysis.selectors import AnalysisFilters
from coding.models import Memo
from tests.analysis.factories import apply, codebook_with_themes, story
from tests.factories import EventFactory, UserFactory

TEXTS = [
    "Zoé 🙂 n'a pas été écoutée.\r\nLe médecin 👩🏽‍⚕️ est parti.",
    "看護師は説明してくれなかった。私は信頼を失った。",
    "لم يستمع إلي الطبيب. فقدت الثقة في الرعاية.",
]


def two_coder_corpus(researcher):
    from accounts.roles import Role

    other = UserFactory(roles=[Role.RESEARCHER], display_name="Ana Coder")
    book, themes = codebook_with_themes(3)
    child = themes[0].children.get()
    event = EventFactory(country="FR", title="Dialogue")
    stories = [story(event=event, text=t, trust="yes") for t in TEXTS]
    first, second, third = stories
    for coder in (researcher, other):
        apply(first, child, start=0, end=27, coder=coder)  # the same passage, two coders
    apply(first, themes[1], start=5, end=40, coder=researcher)  # overlaps, crosses the break
    apply(first, themes[2], coder=other)  # document level
    apply(first, themes[2], coder=researcher)
    apply(second, themes[1], start=0, end=5, coder=other)
    apply(second, themes[1], start=3, end=10, coder=researcher)
    apply(third, themes[0], start=0, end=6, coder=researcher)
    apply(third, themes[2], coder=other)
    Memo.objects.create(
        kind=Memo.Kind.STORY, testimony=first, author=other, title="Story memo", body="Vu 🙂"
    )
    Memo.objects.create(
        kind=Memo.Kind.CODE, code=themes[1], author=researcher, title="Code memo", body="Règle"
    )
    Memo.objects.create(
        kind=Memo.Kind.PROJECT, author=researcher, title="Project memo", body="Plan\nDeux"
    )
    return book, event, stories, other


def export(user, codebook, event=None) -> bytes:
    from analysis import selectors

    filters = AnalysisFilters(event_id=event.pk) if event is not None else AnalysisFilters()
    buffer = io.BytesIO()
    exporters.write_qdpx(
        stories=selectors.stories_for_analysis(user=user, filters=filters),
        codebook=codebook,
        include_characteristics=False,
        fh=buffer,
    )
    return buffer.getvalue()


def summary(data: bytes) -> dict:
    """What a consumer keeps of an export, without GUIDs and dates: the codes (path of names),
    the sources by text with their codings (code, coder, positions, passage), memos, values."""
    project = refiqda_read.read_qdpx(io.BytesIO(data))
    names = {c.guid: c for c in project.codes}

    def path(guid):
        code, parts = names[guid], []
        while code is not None:
            parts.append(code.name)
            code = names.get(code.parent_guid)
        return " / ".join(reversed(parts[:-1]))  # without the codebook's root

    sources = {}
    for source in project.sources:
        sources[source.text] = {
            "codings": sorted(
                (
                    path(c.code_guid),
                    project.users.get(c.user_guid, ""),
                    c.start,
                    c.end,
                    source.text[c.start : c.end] if c.start is not None else None,
                )
                for c in source.codings
            ),
            "memos": sorted(
                (project.notes[g].name, project.notes[g].text) for g in source.note_guids
            ),
            "values": {k: v for k, v in source.values.items() if k != "event"},
        }
    return {
        "codes": sorted(path(c.guid) for c in project.codes if c.parent_guid),
        "sources": sources,
        "notes": sorted((n.name, n.text) for n in project.notes.values()),
        "users": sorted(project.users.values()),
    }


def archive_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()
