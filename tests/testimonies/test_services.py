import hashlib
import re

import pytest

from core.exceptions import ApplicationError
from core.models import OutboxMessage
from testimonies import hooks, services, withdrawal_codes
from testimonies.models import (
    ConsentChange,
    ConsentMethod,
    ConsentText,
    ContactDetails,
    ResearchCopy,
    Testimony,
    TestimonyCharacteristics,
)
from testimonies.selectors import consent_text_current
from tests.testimonies.factories import STORY, open_event, submit

pytestmark = pytest.mark.django_db


def nothing_saved():
    assert Testimony.objects.count() == 0
    assert TestimonyCharacteristics.objects.count() == 0
    assert ContactDetails.objects.count() == 0
    assert ResearchCopy.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_a_story_is_saved_with_its_consent_research_copy_and_outbox_row():
    submission = submit(scopes=["research", "quote_anonymous"])
    t = submission.testimony
    assert submission.created
    assert t.scopes() == ["research", "quote_anonymous"]
    assert t.research_copy.redacted_text == STORY
    assert t.changes.get().kind == ConsentChange.Kind.GIVEN
    assert OutboxMessage.objects.filter(kwargs={"testimony_id": t.pk}).exists()


def test_research_consent_is_required():
    with pytest.raises(ApplicationError) as caught:
        submit(scopes=["quote_anonymous"])
    assert "scope_research" in caught.value.field_errors
    nothing_saved()


@pytest.mark.parametrize("key", ["gender", "age_band", "ethnic_minority", "disability", "lgbtq"])
def test_a_characteristic_without_its_scope_is_refused(key):
    other = "gender" if key != "gender" else "lgbtq"
    with pytest.raises(ApplicationError) as caught:
        submit(scopes=["research", other], characteristics={key: "prefer_not"})
    assert key in caught.value.field_errors
    assert "did not agree" in caught.value.field_errors[key][0]
    nothing_saved()


def test_each_characteristic_is_kept_only_with_its_own_scope():
    t = submit(
        scopes=["research", "gender", "disability"],
        characteristics={"gender": "woman", "disability": "yes"},
    ).testimony
    chars = TestimonyCharacteristics.objects.get(testimony=t)
    assert (chars.gender, chars.disability, chars.lgbtq) == ("woman", "yes", "")


def test_contact_details_without_the_follow_up_scope_are_refused():
    with pytest.raises(ApplicationError) as caught:
        submit(scopes=["research"], contact={"email": "me@example.org"})
    assert "contact_email" in caught.value.field_errors
    nothing_saved()


def test_contact_details_are_encrypted_at_rest():
    from django.db import connection

    t = submit(scopes=["research", "contact"], contact={"email": "me@example.org"}).testimony
    with connection.cursor() as cursor:
        cursor.execute("SELECT email FROM testimonies_contactdetails")
        stored = cursor.fetchone()[0]
    assert "me@example.org" not in stored
    assert stored.startswith("gAAAA")  # a Fernet token
    assert ContactDetails.objects.get(testimony=t).email == "me@example.org"


def test_first_name_needs_the_named_quote_scope():
    with pytest.raises(ApplicationError) as caught:
        submit(scopes=["research"], first_name="Angela")
    assert "first_name" in caught.value.field_errors
    nothing_saved()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "write your story"),
        ("   \n ", "write your story"),
        ("x" * 20_001, "limit is 20000"),
        ("bad \x00 byte", "NUL"),
        ("lone \ud800 surrogate", "not valid Unicode"),
    ],
)
def test_bad_story_text_is_refused_with_a_clear_message(text, message):
    with pytest.raises(ApplicationError) as caught:
        submit(text=text)
    assert message in " ".join(caught.value.field_errors["text"])
    nothing_saved()


def test_twenty_thousand_characters_in_any_script_are_accepted():
    text = ("信頼 é 🙂 " * 4000)[:20_000]
    assert submit(text=text).testimony.text == text


def test_a_closed_event_refuses_online_stories_but_facilitators_may_enter_after_it(facilitator):
    from events.models import Event

    event = open_event(status=Event.Status.CLOSED)
    with pytest.raises(ApplicationError):
        submit(event)
    t = submit(
        event, channel="facilitator", consent_method=ConsentMethod.PAPER, entered_by=facilitator
    ).testimony
    assert t.entered_by == facilitator


def test_facilitator_entry_records_the_consent_method_and_witness(facilitator):
    with pytest.raises(ApplicationError) as caught:
        submit(channel="facilitator", consent_method=ConsentMethod.ONLINE, entered_by=facilitator)
    assert "consent_method" in caught.value.field_errors
    with pytest.raises(ApplicationError) as caught:
        submit(channel="facilitator", consent_method=ConsentMethod.SPOKEN)
    assert "entered_by" in caught.value.field_errors


def test_same_submission_key_stores_one_story_and_shows_the_same_code():
    event = open_event()
    key = services.new_submission_key()
    first = submit(event, submission_key=key)
    second = submit(event, submission_key=key)
    assert Testimony.objects.count() == 1
    assert second.created is False
    assert first.withdrawal_code == second.withdrawal_code
    assert second.testimony.pk == first.testimony.pk


def test_a_weak_submission_key_is_refused():
    with pytest.raises(ApplicationError):
        submit(submission_key="1")
    nothing_saved()


def test_withdrawal_code_is_long_and_stored_only_as_a_hash():
    submission = submit()
    code = submission.withdrawal_code
    # 36 Crockford base32 characters in blocks of four: 8 name the story, 28 (140 bits) secret.
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){8}", code)
    t = Testimony.objects.get()
    plain = code.replace("-", "")
    assert t.withdrawal_id == plain[:8]
    assert t.withdrawal_code_hash == withdrawal_codes.code_hash(plain[8:])
    assert plain[8:] not in t.withdrawal_code_hash
    row = Testimony.objects.filter(pk=t.pk).values().get()
    assert all(code not in str(value) for value in row.values())


def test_codes_without_a_key_differ_every_time():
    codes = {submit().withdrawal_code for _ in range(5)}
    assert len(codes) == 5


def test_full_withdrawal_erases_everything_and_leaves_a_tombstone():
    calls = []
    hooks.erasure_hooks.register(calls.append)
    try:
        t = submit(
            scopes=["research", "gender", "contact", "quote_named"],
            characteristics={"gender": "man"},
            contact={"phone": "+33 6 12 34 56 78"},
            first_name="Ana",
            restore_trust="Listen",
            title="Title",
            reasons=["judged"],
        ).testimony
        services.testimony_withdraw(testimony=t, actor=ConsentChange.Actor.CODE)
    finally:
        hooks.erasure_hooks.unregister(calls.append)
    t.refresh_from_db()
    assert t.status == Testimony.Status.WITHDRAWN and t.withdrawn_at
    assert (t.text, t.title, t.restore_trust, t.first_name, t.reasons) == ("", "", "", "", [])
    assert t.scopes() == []
    assert t.event_id and t.submitted_at
    assert not TestimonyCharacteristics.objects.exists()
    assert not ContactDetails.objects.exists()
    assert not ResearchCopy.objects.exists()
    assert calls == [t.pk]
    assert [c.kind for c in t.changes.all()] == ["given", "withdrawn"]


def test_a_failing_erasure_hook_rolls_the_whole_withdrawal_back():
    def broken(testimony_id):
        raise RuntimeError("coding store down")

    t = submit().testimony
    hooks.erasure_hooks.register(broken)
    try:
        with pytest.raises(RuntimeError):
            services.testimony_withdraw(testimony=t, actor=ConsentChange.Actor.CODE)
    finally:
        hooks.erasure_hooks.unregister(broken)
    t.refresh_from_db()
    assert t.is_active and t.text == STORY
    assert ResearchCopy.objects.filter(testimony=t).exists()


def test_narrowing_removes_only_what_the_scope_covered():
    seen = []

    def narrowed(tid, scopes):
        seen.append((tid, scopes))

    hooks.narrowing_hooks.register(narrowed)
    try:
        t = submit(
            scopes=["research", "gender", "lgbtq", "contact", "quote_named"],
            characteristics={"gender": "woman", "lgbtq": "yes"},
            contact={"email": "a@example.org"},
            first_name="Ana",
        ).testimony
        services.testimony_withdraw(
            testimony=t, scopes=["gender", "contact", "quote_named"], actor="participant"
        )
    finally:
        hooks.narrowing_hooks.unregister(narrowed)
    t.refresh_from_db()
    assert t.is_active and t.text == STORY
    assert t.scopes() == ["research", "lgbtq"]
    assert t.first_name == ""
    chars = TestimonyCharacteristics.objects.get(testimony=t)
    assert (chars.gender, chars.lgbtq) == ("", "yes")
    assert not ContactDetails.objects.filter(testimony=t).exists()
    assert seen == [(t.pk, {"gender", "contact", "quote_named"})]


def test_withdrawing_research_consent_is_a_full_withdrawal():
    t = submit().testimony
    services.testimony_withdraw(testimony=t, scopes=["research"], actor="code")
    t.refresh_from_db()
    assert t.status == Testimony.Status.WITHDRAWN


def test_withdrawing_twice_is_refused():
    t = submit().testimony
    services.testimony_withdraw(testimony=t, actor="code")
    with pytest.raises(ApplicationError):
        services.testimony_withdraw(testimony=t, actor="code")


def test_nlp_output_after_withdrawal_is_dropped():
    t = submit().testimony
    services.testimony_withdraw(testimony=t, actor="code")
    saved = services.research_copy_save(
        testimony_id=t.pk, redacted_text="late", method="spacy", version="x"
    )
    assert saved is None
    assert not ResearchCopy.objects.exists()


def test_research_copy_save_overwrites_the_rules_copy():
    t = submit(text="I am Ana, call 06 12 34 56 78").testimony
    assert t.research_copy.redacted_text == "I am Ana, call [PHONE]"
    services.research_copy_save(
        testimony_id=t.pk,
        redacted_text="I am [PERSON], call [PHONE]",
        method="spacy",
        version="fr_core_news_sm-3.8",
        detected_language="fr",
        language_confidence=0.97,
    )
    copy = ResearchCopy.objects.get(testimony=t)
    assert (copy.redaction_method, copy.detected_language) == ("spacy", "fr")


def test_wrong_withdrawal_codes_are_rate_limited():
    code = submit().withdrawal_code
    for _ in range(10):
        with pytest.raises(ApplicationError):
            services.testimony_for_withdrawal_code(code="x" * 32, client_key="client-a")
    with pytest.raises(services.WithdrawalLocked):
        services.testimony_for_withdrawal_code(code="x" * 32, client_key="client-a")
    # A correct code still works from the locked client (people share addresses), and from others.
    assert services.testimony_for_withdrawal_code(code=code, client_key="client-a")
    assert services.testimony_for_withdrawal_code(code=code, client_key="client-b")


class TestConsentTexts:
    def test_a_new_version_gets_the_next_number_and_a_hash(self, admin_user):
        before = consent_text_current(language="en").version
        text = services.consent_text_create(
            language="en", title="New", body="Body v2", user=admin_user
        )
        assert text.version == before + 1
        assert text.sha256 == hashlib.sha256(b"Body v2").hexdigest()
        assert consent_text_current(language="en") == text

    def test_an_unused_version_may_be_corrected(self, admin_user):
        text = services.consent_text_create(language="es", title="T", body="Uno", user=admin_user)
        services.consent_text_update(consent_text=text, title="T", body="Uno (corregido)")
        text.refresh_from_db()
        assert text.sha256 == hashlib.sha256(b"Uno (corregido)").hexdigest()

    def test_a_used_version_is_immutable(self):
        t = submit().testimony
        with pytest.raises(ApplicationError):
            services.consent_text_update(consent_text=t.consent_text, title="x", body="changed")
        assert ConsentText.objects.get(pk=t.consent_text_id).body != "changed"

    def test_french_falls_back_to_its_own_text_and_unknown_languages_to_english(self):
        assert consent_text_current(language="fr").language == "fr"
        assert consent_text_current(language="fr-CA").language == "fr"
        assert consent_text_current(language="ko").language == "en"

    @pytest.mark.parametrize("language", ["en", "fr", "pt-BR", "pt-br", "es", "de", "ja"])
    def test_each_programme_language_has_a_first_consent_text(self, language):
        current = consent_text_current(language=language)
        assert current.language.lower() == language.lower()
        # NOTE: later versions add paragraphs (the voice one, issue 19): check the first here.
        text = ConsentText.objects.get(language=current.language, version=1)
        assert text.sha256 == hashlib.sha256(text.body.encode("utf-8")).hexdigest()
        assert "Entendu" in text.title and text.body.count("\n\n") == 5
