"""The coding screen without reloads (issue 18, points 2 and 3): the parts an action changes,
the API the page's script calls, and the palette (recent codes first, keys 1-9, 200 codes)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from coding import selectors, services
from coding.models import Code, CodeApplication
from coding.services import codebook_default_seed
from tests.coding.factories import CodebookFactory, CodeFactory, story
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TEXT = "Élodie a dit : « Je n’ai pas été écoutée » 😢 puis elle est partie.\nDeuxième phrase ici."


@pytest.fixture
def world(researcher):
    book = codebook_default_seed()
    s = story(text=TEXT)
    sub = Code.objects.get(codebook=book, key="not_listened_to")
    theme = Code.objects.get(codebook=book, key="person_centred")
    return {"book": book, "story": s, "sub": sub, "theme": theme}


def parts_url(w) -> str:
    return f"/coding/stories/{w['story'].id}/parts/?codebook={w['book'].slug}"


def test_parts_show_what_an_api_call_changed(world, client_for, researcher):
    c = client_for(researcher)
    s = world["story"]
    response = c.post(
        "/api/v1/applications/",
        {"story": s.id, "code": world["sub"].id, "start": 0, "end": 6},
        content_type="application/json",
    )
    assert response.status_code == 201
    app_id = response.json()["id"]
    services.suggestion_record(
        testimony=s,
        code=world["theme"],
        confidence=0.9,
        model_version="lex-1",
        evidence_start=17,
        evidence_end=40,
    )
    c.post(
        "/api/v1/memos/",
        {"story": s.id, "title": "Pattern", "body": "Seen twice."},
        content_type="application/json",
    )
    body = c.get(parts_url(world)).content.decode()
    # Each part under its id on the page: the marked text, suggestions, codes, memos.
    for part in ('<div id="story-text">', 'id="suggestions"', 'id="applied"', 'id="memo-list"'):
        assert part in body
    assert f'id="app-{app_id}"' in body
    assert 'data-start="0"' in body and "Élodie" in body
    assert "Pattern" in body
    # The forms a script replaces keep working without one: they go back to the story page,
    # never to the parts' address, and name the API call (method and address) to make instead.
    assert "/parts/" not in re.sub(r'data-fragment-url="[^"]*"', "", body)
    assert f'data-api="/api/v1/applications/{app_id}/" data-api-method="DELETE"' in body
    assert f'data-api="/api/v1/applications/{app_id}/" data-api-method="PATCH"' in body
    assert 'data-api-method="POST"' in body  # accept / reject the suggestion


def test_parts_of_a_story_one_may_not_code_are_404(world, client_for, researcher):
    withdrawn = world["story"]
    withdrawn.status = "withdrawn"
    withdrawn.text = ""
    withdrawn.save()
    assert client_for(researcher).get(parts_url(world)).status_code == 404
    assert client_for(researcher).get("/coding/stories/999999/parts/").status_code == 404
    facilitator = UserFactory(roles=[Role.FACILITATOR])
    assert client_for(facilitator).get(parts_url(world)).status_code == 403


def test_parts_queries_do_not_grow_with_applications(world, client_for, researcher):
    c = client_for(researcher)
    c.get(parts_url(world))
    with CaptureQueriesContext(connection) as few:
        c.get(parts_url(world))
    others = [UserFactory(roles=[Role.RESEARCHER]) for _ in range(3)]
    codes = list(Code.objects.filter(codebook=world["book"], is_codable=True))
    for i, code in enumerate(codes):
        for j, coder in enumerate(others):
            services.application_create(
                testimony=world["story"], code=code, coder=coder, start=i, end=i + j + 2
            )
        services.memo_create(author=others[0], title=f"m{i}", body="b", testimony=world["story"])
    with CaptureQueriesContext(connection) as many:
        assert c.get(parts_url(world)).status_code == 200
    assert len(many) == len(few)


def test_the_page_names_the_api_calls_and_the_parts(world, client_for, researcher):
    body = client_for(researcher).get(f"/coding/stories/{world['story'].id}/").content.decode()
    assert 'id="coding-live"' in body and 'aria-live="polite"' in body
    assert f'data-parts-url="/coding/stories/{world["story"].id}/parts/' in body
    assert 'id="apply-form"' in body and 'data-api="/api/v1/applications/"' in body
    assert 'data-api="/api/v1/memos/"' in body
    assert "coding/workbench.js" in body


def test_palette_puts_the_coders_recent_codes_first(world, researcher):
    book, s = world["book"], world["story"]
    other = UserFactory(roles=[Role.RESEARCHER])
    codable = [n.code for n in selectors.codebook_tree(codebook=book) if n.code.is_codable]
    late, early = codable[-1], codable[-3]
    services.application_create(testimony=s, code=early, coder=researcher)
    services.application_create(testimony=s, code=late, coder=researcher, start=0, end=3)
    services.application_create(testimony=s, code=late, coder=researcher, start=4, end=8)
    services.application_create(testimony=s, code=codable[-2], coder=other)  # not this coder's
    palette = selectors.coding_palette(user=researcher, codebook=book)
    assert [n.code for n in palette.recent] == [late, early]
    assert [n.number for n in palette.recent] == [1, 2]
    # Then the codebook's own order, each code numbered once, nine keys in all.
    numbered = [n for n in palette.tree if n.number]
    assert [n.number for n in numbered] == list(range(3, 10))
    assert late not in [n.code for n in numbered] and early not in [n.code for n in numbered]
    assert sorted(palette.shortcuts) == list(range(1, 10))
    assert len(set(palette.shortcuts.values())) == 9


def test_palette_ignores_other_codebooks_and_archived_codes(world, researcher):
    other_book = CodebookFactory()
    foreign = CodeFactory(codebook=other_book)
    services.application_create(testimony=world["story"], code=foreign, coder=researcher)
    palette = selectors.coding_palette(user=researcher, codebook=world["book"])
    assert palette.recent == []
    assert palette.tree[0].number == 1 or not palette.tree[0].code.is_codable


def test_two_hundred_codes_all_in_the_palette(client_for, researcher):
    book = CodebookFactory()
    codes = [CodeFactory(codebook=book, label_en=f"Theme {i:03d}") for i in range(200)]
    s = story(text=TEXT)
    services.application_create(testimony=s, code=codes[150], coder=researcher)
    c = client_for(researcher)
    body = c.get(f"/coding/stories/{s.id}/?codebook={book.slug}").content.decode()
    tree = body[body.index('id="code-palette"') :]
    assert tree.count('class="code-button"') == 200
    assert "200 codes" in body
    recent = body[body.index('id="recent-palette"') : body.index('id="code-palette"')]
    assert f'value="{codes[150].id}"' in recent and 'data-shortcut="1"' in recent
    assert body.count("data-shortcut=") == 9
    # A code past the ninth is still applied from its button (without a script too).
    response = c.post(
        f"/coding/stories/{s.id}/apply/",
        {"codebook": book.slug, "scope": "document", "code": codes[199].id},
    )
    assert response.status_code == 302
    assert CodeApplication.objects.filter(code=codes[199], coder=researcher).exists()


def test_recent_codes_read_a_bounded_index_scan(world, researcher):
    with CaptureQueriesContext(connection) as queries:
        selectors.recent_code_ids(user=researcher, codebook=world["book"])
    assert len(queries) == 1
    assert "LIMIT" in queries[0]["sql"]


def test_parts_are_the_pages_reading_in_the_audit_log(world, client_for, researcher):
    from audit.models import Action, AuditEntry

    reads = AuditEntry.objects.filter(
        action=Action.RESEARCH_COPY_READ, target_id=str(world["story"].pk)
    )
    # A session that reads the parts alone (a script) is recorded once.
    alone = client_for(researcher)
    alone.get(parts_url(world))
    alone.get(parts_url(world))
    assert reads.count() == 1
    # The page records its reading; the parts it refreshes after each action do not add one.
    c = client_for(researcher)
    c.get(f"/coding/stories/{world['story'].id}/")
    for _ in range(3):
        assert c.get(parts_url(world)).status_code == 200
    assert reads.count() == 2


def test_next_story_moves_on_through_the_queue(world, researcher):
    from datetime import timedelta

    from django.utils import timezone

    from testimonies.models import Testimony

    older = [story(text=f"Histoire {i}.") for i in range(3)]
    now = timezone.now()
    for i, s in enumerate([world["story"], *older]):
        Testimony.objects.filter(pk=s.pk).update(submitted_at=now - timedelta(days=i))
    order = [world["story"].id, *(s.id for s in older)]
    # Newest first, as the queue: each "next" is the one after, without marking any as coded.
    seen = [order[0]]
    for _ in range(3):
        seen.append(selectors.next_story_id(user=researcher, after_testimony_id=seen[-1]))
    assert seen == order
    # The same with the copy the screen holds (its place in the queue is not read again).
    for here, after in zip(order, order[1:], strict=False):
        copy = selectors.research_copy_for_coding(user=researcher, testimony_id=here)
        assert selectors.next_story_id(user=researcher, after_testimony_id=here, copy=copy) == after
    # After the last, back to the first not finished.
    assert selectors.next_story_id(user=researcher, after_testimony_id=order[-1]) == order[0]
    services.coding_complete(testimony=older[0], coder=researcher, done=True)
    assert selectors.next_story_id(user=researcher, after_testimony_id=order[0]) == order[2]
