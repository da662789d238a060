"""A facilitator plans an event, runs a session, logs attendance on a phone, records a
commitment, marks it done, and the public "You said, we did" page shows it."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from tests.browser.conftest import sign_in
from tests.events.factories import ThemeFactory
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser


def no_horizontal_scroll(page) -> bool:
    """NOTE: call it once the page to check shows: evaluated while a link's navigation commits,
    the document has no root element yet."""
    page.wait_for_load_state()
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_facilitator_closes_the_loop_and_the_public_page_shows_it(page):
    ThemeFactory(key="education", label_en="Empower through education")
    facilitator = UserFactory(roles=[Role.FACILITATOR], email="lead@example.org")
    sign_in(page, facilitator.email, PASSWORD)

    # Create the event from the navigation.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
    page.get_by_role("link", name="New event").click()
    page.get_by_label("Title").fill("Disability and women's health")
    page.get_by_label("Kind").select_option("dialogue")
    page.get_by_label("Starts at (local time)").fill("2030-03-08T09:30")
    page.get_by_label("Ends at (local time)").fill("2030-03-08T17:00")
    page.get_by_label("Time zone").select_option("Europe/Paris")
    page.get_by_label("Country").select_option("FR")
    page.get_by_label("City").fill("Paris")
    page.get_by_label("French").check()
    page.get_by_label("Women").check()
    page.get_by_label("People with disabilities").check()
    page.get_by_label("Partner organisations").fill("UNESCO\nAPF France handicap")
    page.get_by_label("Publish a “You said, we did” page").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Disability and women's health")
    expect(page.get_by_text("The event was created.")).to_be_visible()

    # Add a session.
    page.get_by_role("link", name="Add a session").click()
    page.get_by_label("Title").fill("Listening circle")
    page.get_by_label("Starts at (local time)").fill("2030-03-08T10:00")
    page.get_by_label("Duration (minutes)").fill("90")
    page.get_by_label("Format").select_option("small_groups")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Listening circle")).to_be_visible()

    # Log attendance on a phone-sized screen.
    page.set_viewport_size({"width": 360, "height": 740})
    page.get_by_role("link", name=re.compile(r"^Log attendance\W+Listening circle$")).click()
    expect(page.get_by_label("Total attendance")).to_be_visible()
    assert no_horizontal_scroll(page)
    page.get_by_label("Total attendance").fill("42")
    page.get_by_label("Women").fill("50")
    page.get_by_role("button", name="Save the log").click()
    # The message shows next to its field and, linked to the field, in the error summary.
    message = "A group count cannot exceed the total attendance (42)."
    expect(page.locator(".field-error").get_by_text(message)).to_be_visible()
    expect(page.locator("#error-summary").get_by_text(message)).to_be_visible()
    expect(page.locator("#error-summary")).to_be_focused()
    page.get_by_label("Women").fill("25")
    page.get_by_label("People with disabilities").fill("12")
    page.get_by_label("Concerns raised").fill("Inaccessible examination tables")
    page.get_by_role("button", name="Save the log").click()
    expect(page.get_by_text("The session log was saved.")).to_be_visible()
    expect(page.locator("#sessions")).to_contain_text("42")
    page.set_viewport_size({"width": 1280, "height": 900})

    # Add a commitment and mark it done on the board.
    page.get_by_role("navigation", name="Event").get_by_role("link", name="Commitments").click()
    page.get_by_role("link", name="Add a commitment").click()
    page.get_by_label("What was promised").fill("Buy height-adjustable examination tables")
    page.get_by_label("Organisation").fill("City hospital")
    page.get_by_label("Empower through education").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The commitment was saved.")).to_be_visible()
    card = page.locator("article.commitment", has_text="height-adjustable")
    card.get_by_label("Status").select_option("done")
    card.get_by_label("Note").fill("Ten tables installed")
    card.get_by_role("button", name="Update the status").click()
    expect(page.get_by_text("The commitment's status was changed.")).to_be_visible()
    done = page.locator("section.board-column", has=page.locator("#column-done"))
    expect(done).to_contain_text("Buy height-adjustable examination tables")

    # The public page, read anonymously, shows the commitment done and the figures.
    public_url = page.get_by_role("link", name="Public page").get_attribute("href")
    page.context.clear_cookies()
    page.goto(public_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Disability and women's health")
    item = page.locator("li.card", has_text="Buy height-adjustable examination tables")
    expect(item).to_contain_text("Done")
    expect(item).to_contain_text("City hospital")
    expect(page.locator(".figures")).to_contain_text("42")
    expect(page.get_by_text("Inaccessible examination tables")).to_have_count(0)
