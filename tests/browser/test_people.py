"""An admin in a real browser (issue 17, point 1): invites a researcher, gives a grant, puts a
facilitator on an event; every people page passes axe-core (WCAG 2.2 AA) and fits 360 px."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from accounts.roles import Role
from events.models import EventFacilitator
from tests.browser.conftest import sign_in
from tests.browser.test_analysis import axe_violations
from tests.factories import PASSWORD, EventFactory, UserFactory

pytestmark = pytest.mark.browser


def test_admin_invites_gives_a_grant_and_assigns_an_event(page):
    admin = UserFactory(roles=[Role.ADMIN], is_staff=True)
    facilitator = UserFactory(roles=[Role.FACILITATOR], email="fac@example.org")
    event = EventFactory(title="Spring dialogue")
    sign_in(page, admin.email, PASSWORD)

    page.goto("/")
    # The administrators' menu is grouped: "People" is under "System".
    page.locator("summary", has_text="System").click()
    page.get_by_role("link", name="People").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Invite someone").click()
    assert axe_violations(page) == []
    page.get_by_label("E-mail address").fill("new.researcher@example.org")
    page.get_by_label("Participant").uncheck()
    page.get_by_label("Researcher").check()
    page.get_by_role("button", name="Invite").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("new.researcher@example.org")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Give “Manage the codebook”").click()
    expect(page.get_by_role("button", name="Take away “Manage the codebook”")).to_be_visible()
    person = User.objects.get(email="new.researcher@example.org")
    assert person.has_perm("coding.manage_codebook")

    page.goto(f"/manage/people/{facilitator.pk}/")
    page.get_by_role("link", name="Events this person facilitates").click()
    assert axe_violations(page) == []
    page.get_by_label("Event").select_option(label=event.title)
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("link", name="Spring dialogue")).to_be_visible()
    assert EventFacilitator.objects.filter(event=event, user=facilitator).exists()

    page.set_viewport_size({"width": 360, "height": 800})
    for url in ("/manage/people/", f"/manage/people/{admin.pk}/"):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{url} scrolls sideways at 360 px ({width} px)"
        assert axe_violations(page) == [], url
