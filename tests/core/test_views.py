"""The foundation's pages beyond who may open them (that is tests/access/expectations.py)."""

import pytest

from accounts.roles import Role

pytestmark = pytest.mark.django_db

P, F, R, A = Role.PARTICIPANT, Role.FACILITATOR, Role.RESEARCHER, Role.ADMIN


def test_anonymous_dashboard_redirects_to_sign_in(client):
    response = client.get("/dashboard/")
    assert response["Location"].startswith("/accounts/login/?next=/dashboard/")


def test_a_user_with_no_role_cannot_reach_role_pages(client_for):
    from tests.factories import UserFactory

    nobody = UserFactory(roles=[])
    c = client_for(nobody)
    assert c.get("/api/v1/me/").status_code == 200  # any signed-in user may read who they are
    assert c.get("/admin/").status_code == 302


def test_facilitator_dashboard_lists_only_their_events(client_for, facilitator):
    from tests.factories import EventFacilitatorFactory, EventFactory

    EventFacilitatorFactory(user=facilitator, event__title="Mine")
    EventFactory(title="Someone else's")
    body = client_for(facilitator).get("/dashboard/").content.decode()
    assert "Mine" in body
    assert "Someone else&#x27;s" not in body and "Someone else's" not in body


def test_api_token_page_creates_shows_once_and_revokes(client_for, researcher):
    from accounts.models import ApiToken

    c = client_for(researcher)
    response = c.post("/account/api-token/", {"action": "create", "name": "My script"})
    token = ApiToken.objects.get(user=researcher)
    body = response.content.decode()
    key = body.split('<code class="token">', 1)[1].split("</code>", 1)[0]
    assert key.startswith(token.prefix + ".")
    assert key not in c.get("/account/api-token/").content.decode()
    c.post(f"/account/api-token/{token.pk}/revoke/")
    assert not ApiToken.objects.filter(user=researcher).exists()


def test_api_docs_assets_are_served_by_us(client):
    body = client.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/" in body
    assert "cdn" not in body.lower()


def test_schema_is_openapi_3_and_lists_me(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/me/" in schema["paths"]


NAV_LINKS = {
    "/events/": {F, R, A},
    "/events/programme/": {A},
    "/coding/": {R, A},
    "/nlp/": {R, A},
    "/analysis/": {R, A},
}


@pytest.mark.parametrize("href", NAV_LINKS)
def test_main_navigation_offers_each_role_its_pages(href, role_users, client_for):
    for role in (P, F, R, A):
        body = client_for(role_users[role]).get("/dashboard/").content.decode()
        nav = body.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]
        assert (f'href="{href}"' in nav) == (role in NAV_LINKS[href]), (href, role)
        if role in NAV_LINKS[href]:
            assert client_for(role_users[role]).get(href).status_code == 200, (href, role)
