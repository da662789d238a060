"""Issue 17: an admin reads the programme overview, sees why the demo events are left out, and
follows a figure to the event list filtered the same way; the page passes axe-core."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from tests.browser.conftest import sign_in
from tests.browser.test_analysis import axe_violations
from tests.factories import PASSWORD, EventFactory, UserFactory

pytestmark = pytest.mark.browser


def test_admin_follows_a_figure_from_the_programme_to_its_events(page):
    EventFactory(title="Demo summit", slug="demo-summit", is_demo=True, kind="summit")
    EventFactory(title="Real workshop", slug="real-workshop", kind="workshop")
    EventFactory(title="Real dialogue", slug="real-dialogue", population_focus=["women"])
    admin = UserFactory(roles=[Role.ADMIN])
    sign_in(page, admin.email, PASSWORD)
    page.goto("/events/programme/")
    expect(page.locator("#demo-note")).to_contain_text("1 demo event is not counted here")
    assert axe_violations(page) == []
    kinds = page.locator("section", has=page.get_by_role("heading", name="By kind of event"))
    kinds.get_by_role("link", name="1 events").first.click()
    page.wait_for_url("**/events/?demo=real&kind=*")
    listed = page.locator("main")
    expect(listed.get_by_role("link", name="Demo summit")).to_have_count(0)
    assert (
        listed.get_by_role("link", name="Real workshop").count()
        + listed.get_by_role("link", name="Real dialogue").count()
        == 1
    )
