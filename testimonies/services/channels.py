"""Who is submitting through the API decides the channel, the consent method and the witness."""

from collections.abc import Mapping

from accounts.roles import EVENT_TEAM, user_has_role
from core.exceptions import ApplicationError, NotFoundError
from events.selectors import event_list_for_user
from testimonies import selectors
from testimonies.models import Channel, ConsentMethod
from testimonies.services.submission import SubmissionDraft

NO_EVENT = "No event is collecting stories with this token."


def submission_draft_for_api(
    *,
    user,
    event_token: str = "",
    event_id: int | None = None,
    consent_language: str,
    consent_version: int,
    consent_method: str = "",
    submission_key: str | None = None,
    answers: Mapping,
) -> SubmissionDraft:
    """The draft of an API submission.

    With an event token, the caller is a participant (channel ``api``, consent given online;
    signed-in callers get the story linked to their account). Without one, only the event team
    may submit, for an event they can see, as the witness of a consent given on paper or
    spoken. ``answers`` holds the story and survey fields of the request.
    """
    if event_token:
        event = selectors.event_for_submission_token(token=event_token)
        if event is None:
            raise NotFoundError(NO_EVENT)
        channel, method, entered_by = Channel.API, ConsentMethod.ONLINE, None
        participant = user if user.is_authenticated else None
    else:
        if not user_has_role(user, *EVENT_TEAM):
            raise NotFoundError(NO_EVENT)
        event = event_list_for_user(user=user).filter(pk=event_id).first()
        if event is None:
            raise NotFoundError()
        if not consent_method:
            message = "Say how consent was given."
            raise ApplicationError(message, field_errors={"consent_method": [message]})
        channel, method, entered_by, participant = Channel.FACILITATOR, consent_method, user, None
    consent_text = selectors.consent_text_version(
        language=consent_language, version=consent_version
    )
    if consent_text is None:
        message = "No such consent text version."
        raise ApplicationError(message, field_errors={"consent_version": [message]})
    return SubmissionDraft(
        event=event,
        consent_text=consent_text,
        channel=channel,
        consent_method=method,
        participant=participant,
        entered_by=entered_by,
        submission_key=submission_key,
        **answers,
    )
