"""Demo sessions, attendance and commitments for the demo events (called by core.demo.demo_seed).

Idempotent: every row is found by a stable key before it is created. Figures are illustrative.
"""

from datetime import date, timedelta

from events.models import (
    Commitment,
    CommitmentStatusChange,
    Event,
    Session,
    SessionLog,
)
from events.selectors import theme_choices
from events.services import new_submission_token

# slug suffix -> population focus
POPULATION_FOCUS = {
    "diabetes-conference": ["ethnic_minorities", "disability"],
    "tie-summit": ["ethnic_minorities", "women"],
    "inclusive-dialogue-sao-paulo": ["ethnic_minorities", "women"],
    "seminarios-folha": ["ethnic_minorities"],
    "lgbtq-inclusive-dialogue": ["lgbtq"],
    "disability-and-womens-health": ["women", "disability"],
    "gender-employee-group-event": ["women", "lgbtq"],
    "kreab-event": ["over_65", "women"],
    "pride-event": ["lgbtq"],
    "world-health-summit": ["ethnic_minorities", "disability", "over_65"],
    "one-young-world-2023": ["ethnic_minorities", "lgbtq"],
    "afs-youth-assembly-2024": ["ethnic_minorities"],
    "community-health-workers-dialogue": ["ethnic_minorities", "over_65"],
}

# (title, minutes after the start, duration, format, attendance total, women, disability)
SESSIONS = [
    ("Welcome and listening circle", 0, 90, Session.Format.PLENARY, 1.0, 0.55, 0.2),
    ("Small-group testimonies", 120, 120, Session.Format.SMALL_GROUPS, 0.6, 0.6, 0.25),
    ("Role play with health professionals", 300, 90, Session.Format.ROLE_PLAY, 0.4, 0.5, 0.2),
]
BASE_ATTENDANCE = [180, 420, 260, 350, 140, 120, 90, 210, 160, 900, 650, 480, 110]

# The public demo event, open for testimonies.
OPEN_EVENT = "demo-lgbtq-inclusive-dialogue"

COMMITMENTS = [
    (
        "Train reception and nursing staff to use patients' chosen names and pronouns.",
        "Regional hospital network",
        ["education"],
        Commitment.Status.DONE,
        "Two training days held; 140 staff trained.",
    ),
    (
        "Add a community seat to the patient-experience committee.",
        "City hospital",
        ["community"],
        Commitment.Status.IN_PROGRESS,
        "The seat is approved; the call for candidates is open.",
    ),
    (
        "Publish intake forms in plain language with an inclusive gender field.",
        "Health insurer",
        ["communication", "person_centred"],
        Commitment.Status.PROPOSED,
        "",
    ),
]


def events_demo_seed(*, facilitator) -> None:
    themes = {c.key: c for c in theme_choices()}
    demo_events = Event.objects.filter(is_demo=True).order_by("starts_at", "id")
    for index, event in enumerate(demo_events):
        suffix = event.slug.removeprefix("demo-")
        if event.population_focus != POPULATION_FOCUS.get(suffix, []):
            event.population_focus = POPULATION_FOCUS.get(suffix, [])
            event.save(update_fields=["population_focus"])
        base = BASE_ATTENDANCE[index % len(BASE_ATTENDANCE)]
        for title, offset, minutes, fmt, share, women, disability in SESSIONS:
            session, _ = Session.objects.get_or_create(
                event=event,
                title=title,
                defaults={
                    "starts_at": event.starts_at + timedelta(minutes=offset),
                    "duration_minutes": minutes,
                    "format": fmt,
                },
            )
            session.facilitators.add(facilitator)
            total = int(base * share)
            SessionLog.objects.update_or_create(
                session=session,
                defaults={
                    "attendance_total": total,
                    "attendance_women": int(total * women),
                    "attendance_disability": int(total * disability),
                    "topics_discussed": "Being listened to; time with professionals; access",
                    "concerns_raised": "Judgement at reception; lack of interpreters",
                    "logged_by": facilitator,
                },
            )
    event = Event.objects.filter(slug=OPEN_EVENT).first()
    if event is None:
        return
    event.status = Event.Status.OPEN
    event.is_public = True
    event.submission_token = event.submission_token or new_submission_token()
    event.save(update_fields=["status", "is_public", "submission_token"])
    for position, (text, organisation, keys, status, note) in enumerate(COMMITMENTS):
        commitment, created = Commitment.objects.get_or_create(
            event=event,
            description=text,
            defaults={
                "organisation": organisation,
                "status": status,
                "public_progress_note": note,
                "due_date": date(2025, 3 + 3 * position, 1),
                "created_by": facilitator,
            },
        )
        if created:
            commitment.themes.set([themes[k] for k in keys if k in themes])
            CommitmentStatusChange.objects.create(
                commitment=commitment, changed_by=facilitator, from_status="", to_status=status
            )
