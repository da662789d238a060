"""Coding pages: every role on every URL, the coding screen, the queue, codebook management."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.utils import translation

from accounts.roles import Role
from coding import services
from coding.models import Code, CodeApplication, Codebook, Memo, Reconciliation
from coding.services import codebook_default_seed
from tests.coding.factories import story
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reader_language_reset():
    """Requests with Accept-Language leave that language active in the thread: reset it."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


ANON, P, F, R, A = "anonymous", Role.PARTICIPANT, Role.FACILITATOR, Role.RESEARCHER, Role.ADMIN
ROLES = (ANON, P, F, R, A)
TEXT = "Élodie a dit : « Je n’ai pas été écoutée » 😢 puis elle est partie.\nDeuxième phrase ici."


@pytest.fixture
def world(researcher, admin_user):
    book = codebook_default_seed()
    s = story(text=TEXT)
    theme = Code.objects.get(codebook=book, key="person_centred")
    sub = Code.objects.get(codebook=book, key="not_listened_to")
    app = services.application_create(testimony=s, code=sub, coder=researcher, start=0, end=6)
    suggestion, _ = services.suggestion_record(
        testimony=s, code=theme, confidence=0.6, model_version="lex-1"
    )
    memo = services.memo_create(author=researcher, title="Project", body="Notes")
    return {
        "book": book,
        "story": s,
        "theme": theme,
        "sub": sub,
        "app": app,
        "suggestion": suggestion,
        "memo": memo,
    }


def urls(w):
    s, book, sub = w["story"].id, w["book"].slug, w["sub"].id
    return {
        "/coding/": (302, 403, 403, 200, 200),
        f"/coding/stories/{s}/": (302, 403, 403, 200, 200),
        "/coding/codebooks/": (302, 403, 403, 200, 200),
        "/coding/codebooks/new/": (302, 403, 403, 403, 200),
        "/coding/codebooks/import/": (302, 403, 403, 403, 200),
        f"/coding/codebooks/{book}/": (302, 403, 403, 200, 200),
        f"/coding/codebooks/{book}/codes/new/": (302, 403, 403, 403, 200),
        f"/coding/codebooks/{book}/export.qdc": (302, 403, 403, 200, 200),
        f"/coding/codebooks/{book}/export.csv": (302, 403, 403, 200, 200),
        f"/coding/codebooks/{book}/versions/": (302, 403, 403, 200, 200),
        f"/coding/codes/{sub}/": (302, 403, 403, 200, 200),
        f"/coding/codes/{sub}/edit/": (302, 403, 403, 403, 200),
        f"/coding/codes/{sub}/move/": (302, 403, 403, 403, 200),
        f"/coding/codes/{sub}/merge/": (302, 403, 403, 403, 200),
        f"/coding/codes/{sub}/delete/": (302, 403, 403, 403, 200),
        "/coding/memos/": (302, 403, 403, 200, 200),
        "/coding/agreement/": (302, 403, 403, 200, 200),
        "/coding/agreement/disagreements/": (302, 403, 403, 200, 200),
    }


def post_urls(w):
    s, app, sug, memo, sub = (
        w["story"].id,
        w["app"].id,
        w["suggestion"].id,
        w["memo"].id,
        w["sub"].id,
    )
    return [
        f"/coding/stories/{s}/apply/",
        f"/coding/stories/{s}/blind/",
        "/coding/blind/",
        f"/coding/stories/{s}/complete/",
        f"/coding/applications/{app}/delete/",
        f"/coding/applications/{app}/comment/",
        f"/coding/suggestions/{sug}/accept/",
        f"/coding/suggestions/{sug}/reject/",
        "/coding/memos/new/",
        f"/coding/memos/{memo}/edit/",
        f"/coding/memos/{memo}/delete/",
        f"/coding/agreement/disagreements/{s}/{sub}/",
    ]


def test_every_role_on_every_page(world, role_users, client_for):
    for url, expected in urls(world).items():
        for role, status in zip(ROLES, expected, strict=True):
            response = client_for(role_users[role]).get(url)
            assert response.status_code == status, (url, role, response.status_code)


def test_every_role_on_every_action(world, role_users, client_for):
    for url in post_urls(world):
        for role in (ANON, P, F):
            response = client_for(role_users[role]).post(url, {})
            assert response.status_code in (302, 403), (url, role)
            if role == ANON:
                assert response["Location"].startswith("/accounts/login/")
            else:
                assert response.status_code == 403, (url, role)
    # Nothing changed for the refused roles.
    assert CodeApplication.objects.filter(source="human").count() == 1
    assert Memo.objects.count() == 1
    assert not Reconciliation.objects.exists()


def test_version_page(world, client_for, researcher):
    services.code_update(
        code=world["sub"], user=researcher, translations={"en": {"label": "Unheard"}}
    )
    version = world["book"].versions.order_by("-number").first()
    response = client_for(researcher).get(
        f"/coding/codebooks/{world['book'].slug}/versions/{version.number}/"
    )
    assert response.status_code == 200
    assert "Unheard" in response.content.decode()


def test_stories_without_research_consent_or_withdrawn_are_404(client_for, researcher):
    codebook_default_seed()
    withdrawn = story(text="x")
    withdrawn.status = "withdrawn"
    withdrawn.text = ""
    withdrawn.save()
    c = client_for(researcher)
    assert c.get(f"/coding/stories/{withdrawn.id}/").status_code == 404
    assert c.get("/coding/stories/999999/").status_code == 404
    assert c.post(f"/coding/stories/{withdrawn.id}/apply/", {}).status_code == 404


def test_coding_screen_shows_highlights_and_offsets(world, client_for, researcher):
    body = client_for(researcher).get(f"/coding/stories/{world['story'].id}/").content.decode()
    assert 'data-start="0"' in body and "<mark" in body
    assert "Élodie" in body
    assert "Keyboard" in body
    assert "lex-1" in body  # the pending suggestion
    assert 'id="story-sentences"' in body


def test_apply_a_span_and_the_whole_story(world, client_for, researcher):
    c = client_for(researcher)
    s, theme = world["story"], world["theme"]
    start, end = TEXT.index("Je"), TEXT.index("😢") + 1
    response = c.post(
        f"/coding/stories/{s.id}/apply/",
        {"code": theme.id, "scope": "span", "start": start, "end": end, "comment": "clear"},
    )
    assert response.status_code == 302
    app = CodeApplication.objects.get(code=theme, coder=researcher, start__isnull=False)
    assert TEXT[app.start : app.end].endswith("😢") and app.comment == "clear"
    assert (
        c.post(
            f"/coding/stories/{s.id}/apply/", {"code": theme.id, "scope": "document"}
        ).status_code
        == 302
    )
    assert CodeApplication.objects.filter(code=theme, coder=researcher, start=None).exists()


def test_bad_span_is_refused_with_a_message(world, client_for, researcher):
    c = client_for(researcher)
    s, theme = world["story"], world["theme"]
    response = c.post(
        f"/coding/stories/{s.id}/apply/",
        {"code": theme.id, "scope": "span", "start": 3, "end": len(TEXT) + 5},
    )
    assert response.status_code == 400
    assert "ends after the end of the story" in response.content.decode()
    response = c.post(f"/coding/stories/{s.id}/apply/", {"code": theme.id, "scope": "span"})
    assert response.status_code == 400
    assert not CodeApplication.objects.filter(code=theme, source="human").exists()


def test_blind_coding_hides_other_coders(world, client_for):
    other = UserFactory(roles=[Role.RESEARCHER])
    c = client_for(other)
    url = f"/coding/stories/{world['story'].id}/"
    assert f"app-{world['app'].id}" in c.get(url).content.decode()
    c.post(f"/coding/stories/{world['story'].id}/blind/", {"blind": "on"})
    body = c.get(url).content.decode()
    assert f'id="app-{world["app"].id}"' not in body
    assert "<mark" not in body.split('id="story-text"')[1].split("</div>")[0]


def test_accept_and_reject_suggestions(world, client_for, researcher):
    c = client_for(researcher)
    c.post(f"/coding/suggestions/{world['suggestion'].id}/accept/")
    world["suggestion"].refresh_from_db()
    assert world["suggestion"].status == "accepted"
    assert CodeApplication.objects.filter(
        code=world["theme"], coder=researcher, source="human"
    ).exists()


def test_only_own_applications_can_be_removed(world, client_for):
    other = UserFactory(roles=[Role.RESEARCHER])
    client_for(other).post(f"/coding/applications/{world['app'].id}/delete/")
    assert CodeApplication.objects.filter(pk=world["app"].pk).exists()


def test_researcher_with_the_right_manages_the_codebook(world, client_for):
    manager = UserFactory(roles=[Role.RESEARCHER])
    manager.user_permissions.add(Permission.objects.get(codename="manage_codebook"))
    c = client_for(manager)
    book = world["book"]
    response = c.post(
        f"/coding/codebooks/{book.slug}/codes/new/?language=fr",
        {
            "parent": world["theme"].id,
            "en_label": "Dismissed pain",
            "en_example": "She said it was nothing.",
            "tr_label": "Douleur minimisée",
            "colour": "#336699",
            "is_codable": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    new = Code.objects.get(translations__en__label="Dismissed pain")
    assert new.parent == world["theme"] and new.key == "dismissed_pain"
    assert new.translations == {
        "en": {"label": "Dismissed pain", "example": "She said it was nothing."},
        "fr": {"label": "Douleur minimisée"},
    }
    form = c.get(f"/coding/codes/{new.id}/edit/?language=ja").content.decode()
    assert 'name="tr_label"' in form and 'lang="ja"' in form
    c.post(
        f"/coding/codes/{new.id}/edit/?language=ja",
        {
            "en_label": "Pain dismissed",
            "en_example": "She said it was nothing.",
            "tr_label": "痛みを軽く扱われた",
            "key": new.key,
            "colour": "#336699",
            "is_codable": "on",
        },
    )
    new.refresh_from_db()
    assert new.translations == {
        "en": {"label": "Pain dismissed", "example": "She said it was nothing."},
        "fr": {"label": "Douleur minimisée"},  # a language not on the form is kept
        "ja": {"label": "痛みを軽く扱われた"},
    }
    c.post(f"/coding/codes/{new.id}/move/", {"parent": ""})
    new.refresh_from_db()
    assert new.parent is None
    c.post(f"/coding/codes/{world['sub'].id}/merge/", {"target": new.id})
    assert CodeApplication.objects.get(pk=world["app"].pk).code == new
    response = c.post(
        f"/coding/codebooks/{book.slug}/codes/new/",
        {"en_label": "", "colour": "nope"},
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()


def test_import_page_accepts_qdc_and_csv(world, client_for, admin_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = client_for(admin_user)
    qdc = c.get(f"/coding/codebooks/{world['book'].slug}/export.qdc").content
    response = c.post(
        "/coding/codebooks/import/",
        {"file": SimpleUploadedFile("book.qdc", qdc), "name": "Copy"},
    )
    assert response.status_code == 302
    assert Codebook.objects.filter(name="Copy").exists()
    csv = c.get(f"/coding/codebooks/{world['book'].slug}/export.csv").content
    response = c.post("/coding/codebooks/import/", {"file": SimpleUploadedFile("mine.csv", csv)})
    assert response.status_code == 302
    assert Codebook.objects.filter(name="mine").exists()
    response = c.post("/coding/codebooks/import/", {"file": SimpleUploadedFile("bad.qdc", b"<x/>")})
    assert response.status_code == 400


def test_memos_on_story_code_and_project(world, client_for, researcher):
    c = client_for(researcher)
    c.post(
        "/coding/memos/new/",
        {"memo-title": "On story", "memo-body": "b", "testimony": world["story"].id},
    )
    c.post(
        "/coding/memos/new/", {"memo-title": "On code", "memo-body": "b", "code": world["sub"].id}
    )
    c.post("/coding/memos/new/", {"memo-title": "Whole", "memo-body": "b"})
    kinds = dict(Memo.objects.values_list("title", "kind"))
    assert kinds["On story"] == "story" and kinds["On code"] == "code"
    assert kinds["Whole"] == "project"
    body = c.get("/coding/memos/?kind=story").content.decode()
    assert "On story" in body and "Whole" not in body
    other = UserFactory(roles=[Role.RESEARCHER])
    assert client_for(other).get(f"/coding/memos/{world['memo'].id}/edit/").status_code == 403


def test_work_queue_filters(world, client_for, researcher):
    from tests.factories import EventFactory

    uncoded = story(
        text="Nobody listened.", event=EventFactory(country="BR"), declared_language="pt"
    )
    c = client_for(researcher)
    body = c.get("/coding/").content.decode()
    assert f"Story {uncoded.id}" in body and f"Story {world['story'].id}" in body
    body = c.get("/coding/?status=uncoded").content.decode()
    assert f"Story {uncoded.id}" in body and f"Story {world['story'].id}" not in body
    body = c.get("/coding/?status=partial").content.decode()
    assert f"Story {uncoded.id}" not in body and f"Story {world['story'].id}" in body
    body = c.get("/coding/?country=BR").content.decode()
    assert f"Story {uncoded.id}" in body and f"Story {world['story'].id}" not in body
    body = c.get("/coding/?pending=yes").content.decode()
    assert f"Story {uncoded.id}" not in body and f"Story {world['story'].id}" in body
    body = c.get(f"/coding/?theme={world['theme'].id}").content.decode()
    assert f"Story {uncoded.id}" not in body and f"Story {world['story'].id}" in body
    body = c.get("/coding/?language=pt").content.decode()
    assert f"Story {uncoded.id}" in body
    c.post(f"/coding/stories/{world['story'].id}/complete/", {"done": "on"})
    body = c.get("/coding/").content.decode()
    assert f"Story {world['story'].id}" not in body


def test_list_pages_do_not_query_per_row(
    world, client_for, researcher, django_assert_max_num_queries
):
    for i in range(30):
        s = story(text=f"Story number {i}.")
        services.application_create(testimony=s, code=world["sub"], coder=researcher)
        services.memo_create(author=researcher, title=f"m{i}", body="b", testimony=s)
    c = client_for(researcher)
    c.get("/coding/")  # warm the session
    for url in (
        "/coding/",
        "/coding/?status=all",
        "/coding/memos/",
        "/coding/codebooks/",
        f"/coding/codebooks/{world['book'].slug}/",
        f"/coding/codes/{world['sub'].id}/",
        "/coding/agreement/",
        "/coding/agreement/disagreements/",
        f"/coding/codebooks/{world['book'].slug}/versions/",
    ):
        # NOTE: 30 rows; 16 is a fixed cost (the agreement page reads its data version once).
        with django_assert_max_num_queries(16):
            assert c.get(url).status_code == 200, url


def test_french_pages(world, client_for, researcher):
    c = client_for(researcher)
    c.cookies["django_language"] = "fr"
    body = c.get(
        f"/coding/stories/{world['story'].id}/", HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "Clavier" in body
    assert "Pas écouté·e" in body


def test_coding_screen_queries_do_not_grow_with_applications(world, client_for, researcher):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = client_for(researcher)
    url = f"/coding/stories/{world['story'].id}/"
    c.get(url)
    with CaptureQueriesContext(connection) as few:
        c.get(url)
    others = [UserFactory(roles=[Role.RESEARCHER]) for _ in range(3)]
    codes = list(Code.objects.filter(codebook=world["book"], is_codable=True))
    for i, code in enumerate(codes):
        for j, coder in enumerate(others):
            services.application_create(
                testimony=world["story"], code=code, coder=coder, start=i, end=i + j + 2
            )
        services.memo_create(author=others[0], title=f"m{i}", body="b", testimony=world["story"])
    with CaptureQueriesContext(connection) as many:
        assert c.get(url).status_code == 200
    assert len(many) == len(few)


def test_coding_screen_escapes_story_text_labels_and_comments(client_for, researcher):
    book = codebook_default_seed()
    s = story(text="<script>alert(1)</script> & more 😀")
    code = Code.objects.get(codebook=book, key="judged")
    code.translations["en"]["label"] = "<b>bold</b>"
    code.save()
    services.application_create(
        testimony=s, code=code, coder=researcher, start=0, end=8, comment="<img src=x>"
    )
    body = client_for(researcher).get(f"/coding/stories/{s.id}/").content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;" in body
    assert "<b>bold</b>" not in body and "&lt;b&gt;bold&lt;/b&gt;" in body
    assert "<img src=x>" not in body and "&lt;img src=x&gt;" in body


def test_main_navigation_links_to_coding_for_coders_only(client_for, role_users):
    for role in (P, F, R, A):
        body = client_for(role_users[role]).get("/dashboard/").content.decode()
        assert ('href="/coding/"' in body) == (role in (R, A)), role


def test_delete_only_unused_codes(world, client_for, admin_user):
    c = client_for(admin_user)
    response = c.post(f"/coding/codes/{world['sub'].id}/delete/")
    assert response.status_code == 200 and "merge it into another code" in response.content.decode()
    assert Code.objects.filter(pk=world["sub"].pk).exists()
    unused = Code.objects.get(codebook=world["book"], key="time_with_professional")
    assert c.post(f"/coding/codes/{unused.id}/delete/").status_code == 302
    assert not Code.objects.filter(pk=unused.pk).exists()
    assert "Deleted" in world["book"].versions.order_by("-number").first().summary


def test_pages_show_labels_in_the_readers_language_and_mark_english_fallbacks(
    client_for, researcher
):
    book = codebook_default_seed()
    only = services.code_create(
        codebook=book, user=None, translations={"en": {"label": "<i>Only English</i>"}}
    )
    c = client_for(researcher)
    page = c.get(f"/coding/codebooks/{book.slug}/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "教育で力をつける" in page and "Empower through education" not in page
    assert (
        '<span lang="en">&lt;i&gt;Only English&lt;/i&gt;</span> <small class="fallback-marker">'
    ) in page
    detail = c.get(f"/coding/codes/{only.id}/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert 'class="fallback-marker"' in detail
    theme = Code.objects.get(codebook=book, key="education")
    detail = c.get(f"/coding/codes/{theme.id}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Empoderar mediante la formación" in detail
    assert "Al personal de enfermería deberían enseñarle" in detail  # the example, in Spanish


# Opened at a passage (?at=start-end#passage), from a search hit or a quote ------------------


def _passage(body: str) -> str | None:
    """The text inside <mark id="passage"> (which holds the segments' own tags), else None."""
    from html.parser import HTMLParser

    class Reader(HTMLParser):
        depth, text, found = 0, "", False

        def handle_starttag(self, tag, attrs):
            if self.depth:
                self.depth += 1
            elif ("id", "passage") in attrs:
                self.depth, self.found = 1, True

        def handle_endtag(self, tag):
            if self.depth:
                self.depth -= 1

        def handle_data(self, data):
            if self.depth:
                self.text += data

    reader = Reader(convert_charrefs=True)
    reader.feed(body)
    return reader.text if reader.found else None


def test_the_story_opens_at_a_passage_in_code_points(world, client_for, researcher):
    s = world["story"]
    start = TEXT.index("😢")
    end = TEXT.index("partie") + len("partie")
    body = client_for(researcher).get(f"/coding/stories/{s.id}/?at={start}-{end}").content.decode()
    assert body.count('id="passage"') == 1
    assert _passage(body) == TEXT[start:end] == "😢 puis elle est partie"
    # Every segment keeps its offset: the selection script counts from them.
    assert f'data-start="{start}"' in body and f'data-start="{end}"' in body
    assert "coding/passage.js" in body


def test_a_passage_across_a_coded_span_keeps_the_code_marks(world, client_for, researcher):
    s = world["story"]  # "Élodie" (0-6) is coded
    body = client_for(researcher).get(f"/coding/stories/{s.id}/?at=3-13").content.decode()
    inside = body.split('<mark id="passage" class="passage" tabindex="-1">', 1)[1]
    assert inside.startswith('<mark class="seg coded" data-start="3"')
    assert _passage(body) == TEXT[3:13]


@pytest.mark.parametrize(
    "at",
    [
        "",
        "5",
        "3-3",
        "9-2",
        "a-b",
        "-1-4",
        "1-2-3",
        "0-999999",
        "٣-٥",
        "１-２",
        "+1-4",
        "1 -4",
        "0-" + "9" * 400,
        f"0-{len(TEXT) + 1}",
    ],
)
def test_a_bad_passage_is_ignored(world, client_for, researcher, at):
    s = world["story"]
    response = client_for(researcher).get(f"/coding/stories/{s.id}/", {"at": at})
    assert response.status_code == 200
    assert 'id="passage"' not in response.content.decode()


def test_the_whole_story_as_the_passage(world, client_for, researcher):
    s = world["story"]
    body = client_for(researcher).get(f"/coding/stories/{s.id}/?at=0-{len(TEXT)}").content.decode()
    assert _passage(body) == TEXT
