"""The machine as a named coder on the agreement page, and the page in plain words (issue 18)."""

import csv
import io

import pytest

from coding import selectors, services
from coding.models import Code
from coding.services import codebook_default_seed
from tests.coding.factories import story
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(researcher):
    book = codebook_default_seed()
    theme = Code.objects.get(codebook=book, key="person_centred")
    other = Code.objects.get(codebook=book, key="communication")
    stories = [story(text=f"Story number {i}. It is short.") for i in range(4)]
    # The researcher applies the theme on stories 0 and 1 and finishes 2 and 3 without it.
    for s in stories[:2]:
        services.application_create(testimony=s, code=theme, coder=researcher)
    for s in stories[2:]:
        services.coding_complete(testimony=s, coder=researcher, done=True)
    # The machine suggests the theme on 0 (later accepted) and 1 (later rejected), and another
    # code on 2 and 3: it agrees with the researcher on every story about the theme.
    for s in stories[:2]:
        services.suggestion_record(testimony=s, code=theme, confidence=0.7, model_version="m")
    for s in stories[2:]:
        services.suggestion_record(testimony=s, code=other, confidence=0.7, model_version="m")
    first, second = (
        selectors.suggestions_for_user(user=researcher).filter(code=theme).order_by("id")
    )
    services.suggestion_accept(suggestion=first, user=researcher)
    services.suggestion_reject(suggestion=second, user=researcher)
    return {"book": book, "theme": theme, "other": other, "stories": stories}


def _row(report, code):
    return next(r for r in report["codes"] if r["code"] == code)


def test_the_machine_is_compared_with_each_researcher(team, researcher):
    report = selectors.agreement_report(user=researcher, codebook=team["book"])
    assert report["machine"] and report["machine_stories"] == 4
    [pair] = _row(report, team["theme"])["machine_pairs"]
    assert pair["coder"] == (researcher.display_name or researcher.email)
    assert pair["units"] == 4 and pair["kappa"] == 1.0
    # The other code: the machine says yes on 2 and 3, the researcher never: kappa 0 or less.
    [other] = _row(report, team["other"])["machine_pairs"]
    assert other["units"] == 4 and other["kappa"] is not None and other["kappa"] <= 0


def test_the_machine_is_not_counted_in_the_researchers_alpha(team, researcher):
    report = selectors.agreement_report(user=researcher, codebook=team["book"])
    assert report["stories"] == 0  # no story has two researchers
    assert _row(report, team["theme"])["alpha"] is None


def test_switch_off_leaves_the_machine_out(team, researcher, settings):
    settings.CODING_SUGGESTIONS_ENABLED = False
    report = selectors.agreement_report(user=researcher, codebook=team["book"])
    assert not report["machine"] and "machine_pairs" not in _row(report, team["theme"])


def test_the_page_names_the_machine_and_explains_each_figure(team, researcher, client_for):
    body = client_for(researcher).get("/coding/agreement/").content.decode()
    assert "The machine, with each researcher" in body
    assert "0.800 or more is reliable" in body and "0.667" in body
    assert "almost perfect" in body
    guide = body[body.index('id="agreement-guide-title"') :]
    assert "/coding/agreement/disagreements/" in guide[: guide.index("</section>")]


def test_the_alpha_gets_a_word(team, researcher, client_for):
    second = UserFactory(roles=["researcher"])
    for s in team["stories"]:
        services.application_create(testimony=s, code=team["theme"], coder=second)
    body = client_for(researcher).get("/coding/agreement/").content.decode()
    assert 'class="help alpha-word"' in body


def test_the_csv_has_the_machine_rows(team, researcher, client_for):
    response = client_for(researcher).get("/coding/agreement/?download=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    machine = [r for r in rows if r[7] == "machine" and r[1] == "person_centred"]
    assert len(machine) == 1 and machine[0][9] == "4" and float(machine[0][10]) == 1.0
