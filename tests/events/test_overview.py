"""Issue 17: the programme overview says when demo events are hidden, breaks down by kind and
population focus, and links each figure to the filtered event list."""

import html
import re

import pytest

from events.models import Event
from events.selectors import programme_overview
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_events():
    return [
        EventFactory(slug="demo-a", is_demo=True, kind="summit", population_focus=["women"]),
        EventFactory(slug="demo-b", is_demo=True, kind="dialogue", population_focus=["lgbtq"]),
    ]


def links(body: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="(/events/\?[^"]*)"', body)]


def test_demo_only_programme_counts_the_demo_and_says_so(demo_events, client_for, admin_user):
    overview = programme_overview()
    assert overview["events"] == 2 and overview["demo_only"] and overview["demo_hidden"] == 0
    assert {row["kind"]: row["events"] for row in overview["by_kind"]} == {
        "summit": 1,
        "dialogue": 1,
    }
    assert {row["group"] for row in overview["by_population"]} == {"women", "lgbtq"}
    body = client_for(admin_user).get("/events/programme/").content.decode()
    assert 'id="demo-note"' in body and "demo events only" in body
    assert "/events/?kind=summit" in links(body)
    assert "/events/?population=lgbtq" in links(body)


def test_real_events_hide_the_demo_with_a_note_and_links_keep_it_out(
    demo_events, client_for, admin_user
):
    EventFactory(slug="real", kind="workshop", population_focus=["women", "over_65"])
    EventFactory(slug="real-2", kind="workshop", population_focus=[], country="BR")
    overview = programme_overview()
    assert overview["events"] == 2 and overview["demo_hidden"] == 2 and not overview["demo_only"]
    assert [(r["kind"], r["events"]) for r in overview["by_kind"]] == [("workshop", 2)]
    population = {row["group"]: row["events"] for row in overview["by_population"]}
    assert population == {"women": 1, "over_65": 1}
    client = client_for(admin_user)
    body = client.get("/events/programme/").content.decode()
    assert 'id="demo-note"' in body and "2 demo events are not counted here" in body
    found = links(body)
    assert "/events/?demo=real&kind=workshop" in found
    assert "/events/?demo=real&population=women" in found
    assert "/events/?demo=real&country=BR" in found
    assert "/events/?demo=demo" in found
    # The event list accepts each of those filters.
    listed = client.get("/events/?demo=real&population=women").content.decode()
    assert "/events/real/" in listed and "/events/real-2/" not in listed
    assert "/events/demo-a/" not in listed
    listed = client.get("/events/?demo=demo").content.decode()
    assert "/events/demo-a/" in listed and "/events/real/" not in listed
    # A figure's link lists exactly the events it counts.
    for row in overview["by_kind"] + overview["by_population"] + overview["by_country"]:
        page = client.get(f"/events/?{row['filters']}").content.decode()
        shown = set(re.findall(r'href="/events/([a-z0-9-]+)/"', page))
        shown &= {e.slug for e in Event.objects.all()}
        assert len(shown) == row["events"], (row["filters"], shown)


def test_an_unknown_demo_filter_is_ignored_not_an_error(demo_events, client_for, admin_user):
    response = client_for(admin_user).get("/events/?demo=maybe")
    assert response.status_code == 200
