"""Headers that fit a phone (issue 17, point 13): the participant's path offers the language
choice only; a menu button (shown by script) folds the menu; the administrators' menu is grouped."""

import re

import pytest

from accounts.roles import Role
from events.models import EventFacilitator
from tests.factories import UserFactory, open_event

pytestmark = pytest.mark.django_db


def _header(body: str) -> str:
    return body.split('<header class="site-header', 1)[1].split("</header>", 1)[0]


def test_the_participant_link_offers_a_signed_out_visitor_the_language_choice_only(client):
    event = open_event()
    header = _header(client.get(f"/t/{event.submission_token}/").content.decode())
    assert "/accounts/login/" not in header and "/accounts/signup/" not in header
    assert "<nav" not in header
    assert "<select" in header  # the language choice stays
    assert header.startswith(' participant-header"')


@pytest.mark.parametrize("url", ["/withdraw/"])
def test_the_withdrawal_page_has_no_sign_in_links(client, url):
    header = _header(client.get(url).content.decode())
    assert "/accounts/login/" not in header and "<select" in header


def test_other_pages_keep_sign_in_and_sign_up(client):
    header = _header(client.get("/").content.decode())
    assert 'href="/accounts/login/"' in header and 'href="/accounts/signup/"' in header
    assert "participant-header" not in header


def test_a_signed_in_participant_on_the_link_keeps_their_menu_to_sign_out(client_for, participant):
    event = open_event()
    header = _header(client_for(participant).get(f"/t/{event.submission_token}/").content.decode())
    assert 'action="/accounts/logout/"' in header


def test_the_menu_button_is_a_disclosure_hidden_until_script_takes_it(client):
    header = _header(client.get("/").content.decode())
    button = re.search(r'<button type="button" class="menu-toggle"[^>]*>', header).group(0)
    assert 'aria-controls="site-menu"' in button and 'aria-expanded="true"' in button
    assert " hidden" in button  # without script the menu stays open and the button unseen
    assert 'id="site-menu"' in header


def test_the_administrators_menu_is_grouped_and_others_are_flat(
    client_for, admin_user, facilitator
):
    admin_nav = _header(client_for(admin_user).get("/dashboard/").content.decode())
    groups = re.findall(r"<summary>(.*?)</summary>", admin_nav)
    assert groups == ["Programme", "Research", "System", "Your account"]
    top_level = re.findall(r'<ul class="nav-list">\s*<li><a href="/dashboard/"', admin_nav)
    assert top_level
    facilitator_nav = _header(client_for(facilitator).get("/dashboard/").content.decode())
    assert "<details" not in facilitator_nav
    assert 'href="/events/"' in facilitator_nav and "Sign out" in facilitator_nav


def test_every_admin_link_is_in_exactly_one_group(client_for, admin_user):
    nav = _header(client_for(admin_user).get("/dashboard/").content.decode())
    for href in [
        "/events/",
        "/events/programme/",
        "/coding/",
        "/nlp/",
        "/analysis/",
        "/manage/consent-texts/",
        "/my/stories/",
    ]:
        assert nav.count(f'href="{href}"') == 1, href


def test_the_participant_link_page_has_a_copy_button_and_the_qr_before_the_rest(client_for):
    facilitator = UserFactory(roles=[Role.FACILITATOR])
    event = open_event()
    EventFacilitator.objects.create(event=event, user=facilitator, role=EventFacilitator.Role.LEAD)
    response = client_for(facilitator).get(f"/events/{event.slug}/link/")
    assert response.status_code == 200, response.status_code
    body = response.content.decode()
    assert re.search(r'<button type="button"[^>]*data-copy="participant-url"', body)
    assert 'id="participant-url-copied"' in body and 'role="status"' in body
    main = body.split("<main", 1)[1]
    assert main.index('class="qr"') < main.index("Make a new link")
    assert main.index('id="participant-url"') < main.index('class="qr"')
