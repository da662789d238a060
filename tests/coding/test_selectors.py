"""Agreement from stored codes, disagreements, reconciliation, segments, theme counts."""

import pytest

from accounts.roles import Role
from coding import selectors, services
from coding.models import Reconciliation
from tests.coding.factories import CodebookFactory, CodeFactory, story
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return [UserFactory(roles=[Role.RESEARCHER], display_name=n) for n in ("Ana", "Ben", "Chloé")]


def test_presence_agreement_counts_absence_only_for_coders_of_the_story(team):
    a, b, c = team
    book = CodebookFactory()
    code, other = CodeFactory(codebook=book), CodeFactory(codebook=book)
    s1, s2, s3 = story(), story(), story()
    # s1: a and b both apply code; s2: a applies code, b applies other (disagree on code);
    # s3: only a coded it (not pairable). c finished s1 without applying anything.
    services.application_create(testimony=s1, code=code, coder=a)
    services.application_create(testimony=s1, code=code, coder=b, start=0, end=3)
    services.coding_complete(testimony=s1, coder=c)
    services.application_create(testimony=s2, code=code, coder=a)
    services.application_create(testimony=s2, code=other, coder=b)
    services.application_create(testimony=s3, code=code, coder=a)
    report = selectors.agreement_report(user=a, codebook=book)
    assert report["stories"] == 2
    row = next(r for r in report["codes"] if r["code"] == code)
    # s1: a=1, b=1, c=0 -> 1/3 pairs agree; s2: a=1, b=0 -> 0.
    assert row["percent_agreement"] == pytest.approx((1 / 3 + 0) / 2)
    pairs = {tuple(p["coders"]): p for p in row["pairs"]}
    assert pairs[("Ana", "Ben")]["units"] == 2
    assert pairs[("Ana", "Chloé")]["units"] == 1
    rows = selectors.disagreements(user=a, codebook=book)
    keys = {(r["testimony_id"], r["code"].id) for r in rows}
    assert keys == {(s1.id, code.id), (s2.id, code.id), (s2.id, other.id)}
    services.reconciliation_record(testimony=s2, code=other, user=a, decision="absent")
    assert len(selectors.disagreements(user=a, codebook=book)) == 2
    assert len(selectors.disagreements(user=a, codebook=book, include_resolved=True)) == 3


def test_exclusive_group_alpha_uses_the_chosen_code(team):
    a, b, _c = team
    book = CodebookFactory()
    group = CodeFactory(codebook=book, is_codable=False, is_exclusive_group=True)
    yes, no, unsure = (CodeFactory(codebook=book, parent=group) for _ in range(3))
    choices = [(yes, yes), (no, no), (unsure, no), (yes, yes), (no, unsure), (yes, yes)]
    for x, y in choices:
        s = story()
        services.application_create(testimony=s, code=x, coder=a)
        services.application_create(testimony=s, code=y, coder=b)
    report = selectors.agreement_report(user=a, codebook=book)
    assert len(report["groups"]) == 1
    g = report["groups"][0]
    from coding.agreement import krippendorff_alpha_nominal

    expected = krippendorff_alpha_nominal([{"a": x.id, "b": y.id} for x, y in choices])
    assert g["alpha"] == pytest.approx(expected)
    assert g["percent_agreement"] == pytest.approx(4 / 6)
    assert g["pairs"][0]["kappa"] is not None


def test_reconcile_view(team, client_for):
    a, b, _c = team
    book = CodebookFactory()
    code = CodeFactory(codebook=book)
    s = story()
    services.application_create(testimony=s, code=code, coder=a)
    services.coding_complete(testimony=s, coder=b)
    c = client_for(a)
    page = c.get(f"/coding/agreement/disagreements/?codebook={book.pk}").content.decode()
    assert f"Story {s.id}" in page
    c.post(
        f"/coding/agreement/disagreements/{s.id}/{code.id}/",
        {"decision": "present", "note": "clear"},
    )
    assert Reconciliation.objects.get().decision == "present"
    page = c.get(f"/coding/agreement/disagreements/?codebook={book.pk}").content.decode()
    assert f"Story {s.id}" not in page
    agreement = c.get(f"/coding/agreement/?codebook={book.pk}").content.decode()
    assert code.translations["en"]["label"] in agreement


def test_text_segments_cover_the_text_exactly():
    text = "ab😀cdéf"

    class A:
        def __init__(self, i, start, end):
            self.id, self.start, self.end = i, start, end

    apps = [A(1, 1, 4), A(2, 2, 6), A(3, 6, 7)]
    segments = selectors.text_segments(text, apps)
    assert "".join(s.text for s in segments) == text
    by_start = {s.start: [a.id for a in s.applications] for s in segments}
    assert by_start == {0: [], 1: [1], 2: [1, 2], 4: [2], 6: [3]}


def test_sentence_spans_in_code_points():
    text = "Première phrase 😀. Deuxième ! Troisième\nQuatrième"
    spans = selectors.sentence_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "Première phrase 😀.",
        "Deuxième !",
        "Troisième",
        "Quatrième",
    ]


def test_theme_counts_for_facilitator_dashboards(team):
    from coding.services import codebook_default_seed
    from testimonies.models import Testimony

    book = codebook_default_seed()
    sub = book.codes.get(key="not_listened_to")
    theme = book.codes.get(key="education")
    s1, s2 = story(), story()
    services.application_create(testimony=s1, code=sub, coder=team[0])
    services.application_create(testimony=s1, code=sub, coder=team[1], start=0, end=2)
    services.application_create(testimony=s2, code=theme, coder=team[0])
    services.suggestion_record(testimony=s2, code=sub, confidence=0.9, model_version="v")
    counts = selectors.theme_counts(Testimony.objects.values("id"))
    assert counts == {"education": 1, "person_centred": 1}


def test_memos_on_withdrawn_stories_are_not_listed(team):
    s = story()
    services.memo_create(author=team[0], title="x", body="y", testimony=s)
    assert selectors.memos_for_user(user=team[0]).count() == 1
    s.status = "withdrawn"
    s.text = ""
    s.save()
    assert selectors.memos_for_user(user=team[0]).count() == 0
    assert selectors.memos_for_user(user=UserFactory(roles=[Role.FACILITATOR])).count() == 0


def test_agreement_csv_download(team, client_for):
    a, b, _c = team
    book = CodebookFactory()
    code = CodeFactory(codebook=book, key="heard")
    for present in (True, False, True):
        s = story()
        services.application_create(testimony=s, code=code, coder=a)
        if present:
            services.application_create(testimony=s, code=code, coder=b)
        else:
            services.coding_complete(testimony=s, coder=b)
    response = client_for(a).get(f"/coding/agreement/?codebook={book.pk}&download=csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("kind,code_key,code,stories")
    row = next(line for line in lines if ",heard," in line)
    assert ",3,2,0.6667," in row and "Ana,Ben,3," in row


def test_rollup_counts_a_sub_code_as_its_theme(team, client_for):
    a, b, _c = team
    book = CodebookFactory()
    theme = CodeFactory(codebook=book)
    sub_a, sub_b = (
        CodeFactory(codebook=book, parent=theme),
        CodeFactory(codebook=book, parent=theme),
    )
    s = story()
    services.application_create(testimony=s, code=sub_a, coder=a)
    services.application_create(testimony=s, code=sub_b, coder=b)
    other = story()
    services.application_create(testimony=other, code=sub_a, coder=a)
    services.coding_complete(testimony=other, coder=b)
    plain = selectors.agreement_report(user=a, codebook=book)
    rolled = selectors.agreement_report(user=a, codebook=book, rollup=True)
    assert next(r for r in plain["codes"] if r["code"] == theme)["percent_agreement"] == 1.0
    theme_plain = next(r for r in plain["codes"] if r["code"] == theme)
    assert theme_plain["pairs"][0]["units"] == 2  # nobody applied the theme itself
    theme_rolled = next(r for r in rolled["codes"] if r["code"] == theme)
    # Story 1: both present through their sub-codes; story 2: a present, b absent.
    assert theme_rolled["percent_agreement"] == 0.5
    sub_row = next(r for r in rolled["codes"] if r["code"] == sub_a)
    assert sub_row["percent_agreement"] == 0.0
    body = client_for(a).get(f"/coding/agreement/?codebook={book.pk}&rollup=on")
    assert body.status_code == 200
    api = client_for(a).get(f"/api/v1/agreement/?codebook={book.pk}&rollup=true").json()
    assert api["rollup"] is True


def test_disagreements_page_by_cursor_with_the_same_rows_and_a_few_queries(
    team, client_for, django_assert_max_num_queries
):
    """The disagreements list reads a page of (story, code) pairs by keyset (issue 22): page
    after page, every pair once, in story then codebook order, each row as the whole list
    gives it, and a page costs the same few queries whatever its depth."""
    from core.keyset import keyset_page

    a, b, c = team
    book = CodebookFactory()
    first, second = CodeFactory(codebook=book, position=1), CodeFactory(codebook=book, position=2)
    for i in range(60):
        s = story()
        services.application_create(testimony=s, code=first, coder=a)
        services.application_create(testimony=s, code=second if i % 2 else first, coder=b)
        if i % 3 == 0:
            services.coding_complete(testimony=s, coder=c)
    whole = selectors.disagreements(user=a, codebook=book)
    # Odd stories: both codes (a and b each lack one); even ones that c finished: the first.
    assert len(whole) == 30 * 2 + 10
    expected = [(r["testimony_id"], r["code"].id, r["present"], r["absent"]) for r in whole]
    assert [e[:2] for e in expected] == sorted(
        (e[:2] for e in expected), key=lambda k: (k[0], {first.id: 1, second.id: 2}[k[1]])
    )
    pairs = selectors.disagreement_pairs(user=a, codebook=book)
    seen, cursor, pages = [], None, 0
    while True:
        with django_assert_max_num_queries(8):
            page = keyset_page(pairs, cursor=cursor, size=25)
            rows = selectors.disagreement_rows(page.object_list, codebook=book)
        seen += [(r["testimony_id"], r["code"].id, r["present"], r["absent"]) for r in rows]
        pages += 1
        if not page.has_next:
            break
        cursor = page.next_cursor
    assert seen == expected and pages == 3
    # The page and the API follow the same cursor.
    body = client_for(a).get(f"/coding/agreement/disagreements/?codebook={book.pk}").content
    assert b"70 open disagreements" in body
    from tests.coding.test_api import api

    listed = api(a).get(f"/api/v1/agreement/disagreements/?codebook={book.pk}").json()
    assert listed["count"] == 70 and len(listed["results"]) == 50 and listed["next"]
    after = api(a).get(listed["next"]).json()
    got = [(r["story"], r["code"]) for r in listed["results"] + after["results"]]
    assert got == [e[:2] for e in expected]
