import pytest

from accounts.roles import Role
from coding import services
from coding.models import Code, CodeApplication, CodebookVersion, Memo, Reconciliation
from core.exceptions import ApplicationError
from testimonies import erasure
from tests.coding.factories import CodebookFactory, CodeFactory, story
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EMOJI_TEXT = "Élodie a dit : « Je n’ai pas été écoutée » 😢 puis elle est partie."


@pytest.fixture
def coder():
    return UserFactory(roles=[Role.RESEARCHER])


def test_span_offsets_are_code_points_end_exclusive(coder):
    s = story(text=EMOJI_TEXT)
    code = CodeFactory()
    start = EMOJI_TEXT.index("Je")
    end = EMOJI_TEXT.index("😢") + 1
    app = services.application_create(testimony=s, code=code, coder=coder, start=start, end=end)
    assert EMOJI_TEXT[app.start : app.end] == "Je n’ai pas été écoutée » 😢"
    with pytest.raises(ApplicationError) as exc:
        services.application_create(
            testimony=s, code=code, coder=coder, start=0, end=len(EMOJI_TEXT) + 1
        )
    assert "end" in exc.value.field_errors
    for start, end in [(5, 5), (6, 2), (-1, 3), (3, None)]:
        with pytest.raises(ApplicationError):
            services.application_create(testimony=s, code=code, coder=coder, start=start, end=end)
    assert CodeApplication.objects.count() == 1


def test_several_codes_on_one_span_and_no_duplicate(coder):
    s = story()
    a, b = CodeFactory(), CodeFactory()
    services.application_create(testimony=s, code=a, coder=coder, start=0, end=5)
    services.application_create(testimony=s, code=b, coder=coder, start=0, end=5)
    services.application_create(testimony=s, code=a, coder=coder)
    with pytest.raises(ApplicationError):
        services.application_create(testimony=s, code=a, coder=coder, start=0, end=5)
    with pytest.raises(ApplicationError):
        services.application_create(testimony=s, code=a, coder=coder)
    assert CodeApplication.objects.filter(testimony=s).count() == 3


def test_grouping_code_cannot_be_applied(coder):
    code = CodeFactory(is_codable=False)
    with pytest.raises(ApplicationError):
        services.application_create(testimony=story(), code=code, coder=coder)


def _texts(en: str, fr: str) -> dict:
    return {"en": {"label": en}, "fr": {"label": fr}}


def test_add_rename_move_and_versions(coder):
    book = services.codebook_create(name="Trust", user=coder)
    theme = services.code_create(codebook=book, user=coder, translations=_texts("Care", "Soins"))
    sub = services.code_create(
        codebook=book, user=coder, translations=_texts("Heard", "Écouté"), parent=theme
    )
    services.code_update(code=sub, user=coder, translations={"en": {"label": "Not listened to"}})
    other = services.code_create(codebook=book, user=coder, translations=_texts("Data", "Données"))
    services.code_move(code=sub, user=coder, parent=other)
    sub.refresh_from_db()
    assert sub.parent == other and sub.text("label", "en").text == "Not listened to"
    assert sub.translations["fr"] == {"label": "Écouté"}  # a rename keeps the other languages
    with pytest.raises(ApplicationError):
        services.code_move(code=other, user=coder, parent=sub)  # a cycle
    versions = list(CodebookVersion.objects.filter(codebook=book).order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3, 4, 5, 6]
    assert "Renamed" in versions[3].summary
    first_codes = versions[2].snapshot["codes"]
    assert [c["translations"]["en"]["label"] for c in first_codes] == ["Care", "Heard"]
    last = versions[-1].snapshot["codes"]
    moved = next(c for c in last if c["translations"]["en"]["label"] == "Not listened to")
    assert moved["parent"] == str(other.guid)


def test_move_reorders_siblings(coder):
    book = CodebookFactory()
    a, b, c = (CodeFactory(codebook=book, position=i) for i in (1, 2, 3))
    services.code_move(code=c, user=coder, parent=None, position=1)
    order = list(
        Code.objects.filter(codebook=book).order_by("position").values_list("id", flat=True)
    )
    assert order == [c.id, a.id, b.id]


def test_merge_moves_every_application_to_the_survivor(coder):
    book = CodebookFactory()
    keep, drop = CodeFactory(codebook=book), CodeFactory(codebook=book)
    child = CodeFactory(codebook=book, parent=drop)
    other = UserFactory(roles=[Role.RESEARCHER])
    s1, s2 = story(), story()
    services.application_create(testimony=s1, code=keep, coder=coder)
    services.application_create(testimony=s1, code=drop, coder=coder)  # duplicate after merge
    services.application_create(testimony=s1, code=drop, coder=other)
    services.application_create(testimony=s2, code=drop, coder=coder, start=0, end=3)
    services.suggestion_record(testimony=s2, code=drop, confidence=0.9, model_version="v1")
    services.memo_create(author=coder, title="On drop", body="x", code=drop)
    services.reconciliation_record(testimony=s1, code=drop, user=coder, decision="present")
    services.code_merge(source=drop, target=keep, user=coder)
    drop.refresh_from_db()
    child.refresh_from_db()
    assert drop.is_archived and drop.merged_into == keep
    assert not CodeApplication.objects.filter(code=drop).exists()
    assert CodeApplication.objects.filter(code=keep).count() == 4
    assert child.parent == keep
    assert Memo.objects.get(title="On drop").code == keep
    assert Reconciliation.objects.get().code == keep
    assert "Merged" in book.versions.first().summary


def test_merge_refuses_itself_and_descendants(coder):
    parent = CodeFactory()
    child = CodeFactory(codebook=parent.codebook, parent=parent)
    with pytest.raises(ApplicationError):
        services.code_merge(source=parent, target=parent, user=coder)
    with pytest.raises(ApplicationError):
        services.code_merge(source=parent, target=child, user=coder)
    with pytest.raises(ApplicationError):
        services.code_merge(source=parent, target=CodeFactory(), user=coder)


def test_machine_suggestions_are_idempotent_and_reviewed(coder):
    s = story(text="She was not listened to at all.")
    code = CodeFactory()
    first, created = services.suggestion_record(
        testimony=s,
        code=code,
        confidence=0.7,
        model_version="lex-1",
        evidence_start=8,
        evidence_end=24,
    )
    again, created_again = services.suggestion_record(
        testimony=s,
        code=code,
        confidence=0.8,
        model_version="lex-2",
        evidence_start=8,
        evidence_end=24,
    )
    assert created and not created_again and first.pk == again.pk
    again.refresh_from_db()
    assert again.confidence == 0.8 and again.coder is None
    mine = services.suggestion_accept(suggestion=again, user=coder)
    assert mine.coder == coder and mine.source == "human" and mine.suggestion_id == again.pk
    again.refresh_from_db()
    assert again.status == "accepted" and again.reviewed_by == coder
    with pytest.raises(ApplicationError):
        services.suggestion_reject(suggestion=again, user=coder)
    # A reviewed suggestion is never touched by a re-run.
    services.suggestion_record(testimony=s, code=code, confidence=0.1, model_version="lex-3")
    again.refresh_from_db()
    assert again.status == "accepted" and again.confidence == 0.8

    other = CodeFactory()
    sug, _ = services.suggestion_record(
        testimony=s, code=other, confidence=0.4, model_version="lex-1", start=0, end=3
    )
    services.suggestion_reject(suggestion=sug, user=coder)
    sug.refresh_from_db()
    assert sug.status == "rejected"
    assert CodeApplication.objects.filter(source="machine").count() == 2


def test_bulk_suggestions_follow_the_same_rules(coder):
    s, other = story(text="She was not listened to at all."), story()
    pending, reviewed, stale = CodeFactory(), CodeFactory(), CodeFactory()
    for code in (pending, reviewed, stale):
        services.suggestion_record(testimony=s, code=code, confidence=0.5, model_version="v1")
    services.suggestion_reject(
        suggestion=CodeApplication.objects.get(testimony=s, code=reviewed), user=coder
    )
    kept = services.suggestions_bulk_write(
        suggestions={
            s.pk: [(pending.pk, 1.7, 8, 24), (reviewed.pk, 0.9, None, None)],
            other.pk: [(pending.pk, 0.3, None, None)],
        },
        versions={s.pk: "v2", other.pk: "v2"},
    )
    assert kept == 3
    refreshed = CodeApplication.objects.get(testimony=s, code=pending)
    assert (refreshed.confidence, refreshed.model_version, refreshed.evidence_start) == (
        1.0,
        "v2",
        8,
    )
    untouched = CodeApplication.objects.get(testimony=s, code=reviewed)
    assert untouched.status == "rejected" and untouched.model_version == "v1"
    assert not CodeApplication.objects.filter(testimony=s, code=stale).exists()
    created = CodeApplication.objects.get(testimony=other, code=pending)
    assert created.status == "suggested" and created.source == "machine"
    # Again with nothing for the story: its pending suggestion goes, the reviewed one stays.
    services.suggestions_bulk_write(suggestions={s.pk: []}, versions={s.pk: "v3"})
    assert list(CodeApplication.objects.filter(testimony=s).values_list("code", flat=True)) == [
        reviewed.pk
    ]


def test_memos_on_story_code_and_project(coder):
    s, code = story(), CodeFactory()
    assert services.memo_create(author=coder, title="a", body="b", testimony=s).kind == "story"
    assert services.memo_create(author=coder, title="a", body="b", code=code).kind == "code"
    memo = services.memo_create(author=coder, title="a", body="b")
    assert memo.kind == "project"
    with pytest.raises(ApplicationError) as exc:
        services.memo_create(author=coder, title="", body="b")
    assert "title" in exc.value.field_errors
    with pytest.raises(ApplicationError):
        services.memo_update(memo=memo, user=UserFactory(), title="x", body="y")


def test_full_withdrawal_erases_codes_and_memos(coder):
    s, code = story(), CodeFactory()
    services.application_create(testimony=s, code=code, coder=coder)
    services.suggestion_record(testimony=s, code=code, confidence=0.5, model_version="v")
    services.memo_create(author=coder, title="a", body="b", testimony=s)
    services.coding_complete(testimony=s, coder=coder)
    services.reconciliation_record(testimony=s, code=code, user=coder, decision="absent")
    keep = story()
    services.application_create(testimony=keep, code=code, coder=coder)
    erasure.run_erasure(s.id)
    erasure.run_erasure(s.id)  # idempotent
    assert not CodeApplication.objects.filter(testimony=s).exists()
    assert not Memo.objects.filter(testimony=s).exists()
    assert not s.coding_completions.exists() and not s.reconciliations.exists()
    assert CodeApplication.objects.filter(testimony=keep).count() == 1


def test_withdrawal_through_the_testimonies_service_erases_coding(coder):
    from testimonies.services import testimony_withdraw

    s, code = story(text="Une histoire."), CodeFactory()
    services.application_create(testimony=s, code=code, coder=coder, start=0, end=3)
    services.suggestion_record(testimony=s, code=code, confidence=0.5, model_version="v")
    services.memo_create(author=coder, title="a", body="b", testimony=s)
    testimony_withdraw(testimony=s, actor="code")
    assert not CodeApplication.objects.filter(testimony=s).exists()
    assert not Memo.objects.filter(testimony=s).exists()
    assert Memo.objects.count() == 0
