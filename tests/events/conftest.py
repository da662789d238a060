import pytest

from accounts.roles import Role
from tests.events.factories import SessionFactory, SessionLogFactory, ThemeFactory
from tests.factories import EventFacilitatorFactory, EventFactory, UserFactory


@pytest.fixture
def theme(db):
    return ThemeFactory(key="education", label_en="Empower through education")


@pytest.fixture
def event(facilitator):
    """An event led by the ``facilitator`` fixture, open for testimonies and public."""
    from events.services import new_submission_token

    event = EventFactory(
        title="Trust dialogue Lyon",
        slug="trust-dialogue-lyon",
        status="open",
        is_public=True,
        submission_token=new_submission_token(),
        population_focus=["women", "disability"],
    )
    EventFacilitatorFactory(event=event, user=facilitator)
    return event


@pytest.fixture
def other_event(db):
    """An event the ``facilitator`` fixture does not facilitate."""
    from events.services import new_submission_token

    other = UserFactory(roles=[Role.FACILITATOR])
    event = EventFactory(
        title="Someone else's dialogue",
        slug="someone-elses",
        is_public=False,
        submission_token=new_submission_token(),
    )
    EventFacilitatorFactory(event=event, user=other)
    return event


@pytest.fixture
def session(event):
    return SessionFactory(event=event, title="Opening circle")


@pytest.fixture
def log(session):
    return SessionLogFactory(session=session)
