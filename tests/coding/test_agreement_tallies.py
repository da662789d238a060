"""Agreement at scale (issue 22 point 7): figures from tallied units, counted in SQL, are the
figures the unit functions give, on random data (property tests with hypothesis)."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coding import agreement, selectors
from coding.models import CodeApplication, CodingCompletion
from coding.selectors.agreement_tallies import same_figures
from testimonies.models import Testimony
from tests.coding.factories import CodebookFactory, CodeFactory, story
from tests.factories import EventFactory, UserFactory

CODERS = ["ana", "ben", "chloé", 10, 9]  # 10 and 9: the unit functions order coders as text
VALUES = [0, 1, 2, "x"]


@st.composite
def units(draw):
    coders = draw(st.lists(st.sampled_from(CODERS), min_size=1, max_size=5, unique=True))
    return draw(
        st.lists(
            st.dictionaries(
                st.sampled_from(coders), st.one_of(st.none(), st.sampled_from(VALUES)), max_size=5
            ),
            max_size=40,
        )
    )


def _same(a, b):
    return a == b if a is None or b is None else a == pytest.approx(b, rel=1e-12, abs=1e-12)


@settings(max_examples=300, deadline=None)
@given(units())
def test_tally_figures_are_the_unit_figures(data):
    expected = agreement.agreement_summary(data)
    got = agreement.agreement_summary_tally(agreement.tally(data))
    assert got["units"] == expected["units"] and got["coders"] == expected["coders"]
    assert _same(got["percent_agreement"], expected["percent_agreement"])
    assert _same(got["alpha"], expected["alpha"])
    # Counts are integers: the pairs' figures are the same to the last bit.
    assert got["pairs"] == expected["pairs"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ab"), st.sampled_from("abc")), max_size=30))
def test_kappa_from_a_table_is_kappa_from_the_lists(pairs):
    first, second = [a for a, _ in pairs], [b for _, b in pairs]
    table = agreement.tally({"first": a, "second": b} for a, b in pairs)
    two_by_two = {(dict(k)["first"], dict(k)["second"]): n for k, n in table.items()}
    assert agreement.cohen_kappa_table(two_by_two) == agreement.cohen_kappa(first, second)


# On PostgreSQL: the report counted in one query against the report from every unit.


@pytest.fixture
def world(postgres, researcher):
    """Twelve stories (one withdrawn), two events, four coders and a codebook with
    levels, an exclusive group and an archived code; each example adds its coding and rolls it
    back."""
    book = CodebookFactory()
    top = CodeFactory(codebook=book)
    mid = CodeFactory(codebook=book, parent=top)
    low = CodeFactory(codebook=book, parent=mid)
    group = CodeFactory(codebook=book, is_exclusive_group=True)
    members = [CodeFactory(codebook=book, parent=group) for _ in range(3)]
    archived = CodeFactory(codebook=book, parent=top, is_archived=True)
    other = CodeFactory(codebook=book)
    events = [EventFactory(), EventFactory()]
    stories = [story(event=events[i % 2]) for i in range(12)]
    Testimony.objects.filter(pk=stories[-1].pk).update(status="withdrawn", text="")
    return {
        "book": book,
        "codes": [top, mid, low, group, *members, archived, other],
        "events": events,
        "stories": stories,
        "coders": [researcher, *UserFactory.create_batch(3)],
    }


coding_data = st.fixed_dictionaries(
    {
        "human": st.lists(
            st.tuples(st.integers(0, 11), st.integers(0, 3), st.integers(0, 8), st.booleans()),
            max_size=60,
        ),
        "done": st.lists(st.tuples(st.integers(0, 11), st.integers(0, 3)), max_size=20),
        "machine": st.lists(st.tuples(st.integers(0, 11), st.integers(0, 8)), max_size=25),
        "rollup": st.booleans(),
        "event": st.sampled_from([None, 0, 1]),
    }
)


def _code(world, data):
    """Add the example's coding (duplicates as the constraints allow them)."""
    rows, seen = [], set()
    for s, c, k, span in data["human"]:
        key = (s, c, k, span)
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            CodeApplication(
                testimony=world["stories"][s],
                coder=world["coders"][c],
                code=world["codes"][k],
                start=3 if span else None,
                end=9 if span else None,
            )
        )
    rows += [
        CodeApplication(
            testimony=world["stories"][s], code=world["codes"][k], source="machine", status=status
        )
        for i, (s, k) in enumerate(dict.fromkeys(data["machine"]))
        for status in [("suggested", "accepted", "rejected")[i % 3]]
    ]
    CodeApplication.objects.bulk_create(rows)
    CodingCompletion.objects.bulk_create(
        CodingCompletion(testimony=world["stories"][s], coder=world["coders"][c])
        for s, c in set(data["done"])
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=coding_data)
def test_the_report_in_sql_is_the_report_from_every_unit(world, data):
    with transaction.atomic():
        _code(world, data)
        event = None if data["event"] is None else world["events"][data["event"]]
        reports = {
            engine: selectors.agreement_report(
                user=world["coders"][0],
                codebook=world["book"],
                event=event,
                rollup=data["rollup"],
                engine=engine,
            )
            for engine in ("sql", "python")
        }
        transaction.set_rollback(True)
    assert same_figures(reports["sql"], reports["python"])


def test_the_report_counts_what_it_should(world):
    """A hand-checked case, so that both engines agreeing is not both being wrong."""
    a, b = world["coders"][:2]
    top, mid = world["codes"][:2]
    for s in world["stories"][:4]:
        CodeApplication.objects.create(testimony=s, coder=a, code=mid)
    for s in world["stories"][:2]:
        CodeApplication.objects.create(testimony=s, coder=b, code=mid)
    for s in world["stories"][2:4]:
        CodingCompletion.objects.create(testimony=s, coder=b)
    report = selectors.agreement_report(user=a, codebook=world["book"], engine="sql")
    assert report["stories"] == 4
    row = next(r for r in report["codes"] if r["code"] == mid)
    assert row["units"] == 4 and row["percent_agreement"] == 0.5
    [pair] = row["pairs"]
    assert pair["units"] == 4 and pair["kappa"] == 0.0  # a always yes: no agreement beyond chance
    top_row = next(r for r in report["codes"] if r["code"] == top)
    assert top_row["percent_agreement"] == 1.0 and top_row["alpha"] is None
    rolled = selectors.agreement_report(user=a, codebook=world["book"], rollup=True)
    assert next(r for r in rolled["codes"] if r["code"] == top)["percent_agreement"] == 0.5


def test_no_role_no_figures(world, participant):
    CodeApplication.objects.create(
        testimony=world["stories"][0], coder=world["coders"][0], code=world["codes"][0]
    )
    report = selectors.agreement_report(user=participant, codebook=world["book"], engine="sql")
    assert report["stories"] == 0 and report["coders"] == []


@pytest.mark.django_db(transaction=True)
def test_the_counts_are_cached_until_the_coding_changes(postgres):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coding.services import codebook_default_seed
    from coding.tasks import agreement_refresh

    first, second = UserFactory(roles=["researcher"]), UserFactory(roles=["researcher"])
    book = codebook_default_seed()
    theme = book.codes.get(key="person_centred")
    copy = story()
    CodeApplication.objects.create(testimony=copy, code=theme, coder=first)
    CodingCompletion.objects.create(testimony=copy, coder=second)
    assert agreement_refresh() >= 2  # what the worker does every minute
    with CaptureQueriesContext(connection) as queries:
        report = selectors.agreement_report(user=first, codebook=book)
    assert not any("WITH vis" in q["sql"] for q in queries.captured_queries)  # from the cache
    row = next(r for r in report["codes"] if r["code"] == theme)
    assert row["percent_agreement"] == 0.0
    # A change of the coding is counted at once: the cached counts are of the older data.
    CodeApplication.objects.create(testimony=copy, code=theme, coder=second)
    report = selectors.agreement_report(user=first, codebook=book)
    assert next(r for r in report["codes"] if r["code"] == theme)["percent_agreement"] == 1.0
