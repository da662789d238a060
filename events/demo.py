"""Demo data for events: the programme countries, the demo events, their sessions, attendance and
commitments (a step of core.demo.demo_seed, registered in EventsConfig.ready()).

Idempotent: every row is found by a stable key before it is created. Figures are illustrative.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils.text import slugify

from accounts.roles import Role
from events.demo_texts import texts_for
from events.models import (
    Commitment,
    CommitmentStatusChange,
    Event,
    EventFacilitator,
    ProgrammeCountry,
    Session,
    SessionLog,
)
from events.selectors import theme_choices
from events.services import new_submission_token

# Country, its main languages (BCP 47), and the year the trust survey began there.
PROGRAMME_COUNTRIES = [
    ("BR", ["pt-BR"], 2022),
    ("JP", ["ja"], 2022),
    ("FR", ["fr"], 2022),
    ("US", ["en"], 2022),
    ("GB", ["en"], 2022),
    ("AU", ["en"], 2023),
    ("CA", ["en", "fr"], 2023),
    ("DE", ["de"], 2023),
    ("MX", ["es"], 2023),
    ("ES", ["es"], 2023),
]

# The programme's dialogue events so far. Dates are illustrative demo values.
EVENTS = [
    ("Diabetes conference", "conference", "GB", "London", (2023, 11, 14), [], ["en"]),
    ("TIE Summit", "summit", "US", "Boston", (2024, 4, 18), [], ["en"]),
    ("Inclusive dialogue, São Paulo", "dialogue", "BR", "São Paulo", (2023, 9, 5), [], ["pt-BR"]),
    (
        "Seminários Folha",
        "conference",
        "BR",
        "São Paulo",
        (2024, 3, 12),
        ["Folha de S.Paulo"],
        ["pt-BR"],
    ),
    ("LGBTQ+ inclusive dialogue", "dialogue", "FR", "Paris", (2024, 6, 20), [], ["fr"]),
    (
        "Disability and women's health",
        "dialogue",
        "FR",
        "Paris",
        (2024, 3, 8),
        ["UNESCO", "APF France handicap"],
        ["fr"],
    ),
    ("Gender+ employee-group event", "workshop", "US", "", (2024, 5, 22), ["HBA"], ["en"]),
    ("KREAB event", "conference", "ES", "Madrid", (2024, 2, 27), ["KREAB"], ["es"]),
    ("Pride event", "dialogue", "JP", "Tokyo", (2024, 4, 21), [], ["ja"]),
    ("World Health Summit", "summit", "DE", "Berlin", (2023, 10, 15), [], ["en", "de"]),
    ("One Young World 2023", "summit", "GB", "Belfast", (2023, 10, 2), ["One Young World"], ["en"]),
    ("AFS Youth Assembly 2024", "conference", "US", "New York", (2024, 7, 24), ["AFS"], ["en"]),
    (
        "Community health workers dialogue",
        "exchange_session",
        "US",
        "Washington, D.C.",
        (2024, 9, 10),
        ["NACHW"],
        ["en"],
    ),
    ("Inklusiver Dialog, Berlin", "dialogue", "DE", "Berlin", (2024, 11, 6), [], ["de"]),
    (
        "Diálogo incluyente, Ciudad de México",
        "dialogue",
        "MX",
        "Ciudad de México",
        (2024, 10, 17),
        [],
        ["es"],
    ),
]

TIME_ZONES = {
    "GB": "Europe/London",
    "US": "America/New_York",
    "BR": "America/Sao_Paulo",
    "FR": "Europe/Paris",
    "ES": "Europe/Madrid",
    "JP": "Asia/Tokyo",
    "DE": "Europe/Berlin",
    "MX": "America/Mexico_City",
}


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
    "inklusiver-dialog-berlin": ["disability", "over_65"],
    "dialogo-incluyente-ciudad-de-mexico": ["ethnic_minorities", "women"],
}

# (minutes after the start, duration, format, attendance total, women, disability); the titles
# and logs are in the event's language (events.demo_texts).
SESSIONS = [
    (0, 90, Session.Format.PLENARY, 1.0, 0.55, 0.2),
    (120, 120, Session.Format.SMALL_GROUPS, 0.6, 0.6, 0.25),
    (300, 90, Session.Format.ROLE_PLAY, 0.4, 0.5, 0.2),
]
BASE_ATTENDANCE = [180, 420, 260, 350, 140, 120, 90, 210, 160, 900, 650, 480, 110, 1240, 95]

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


def _seed_countries() -> None:
    for code, languages, since in PROGRAMME_COUNTRIES:
        ProgrammeCountry.objects.update_or_create(
            country=code, defaults={"languages": languages, "surveyed_since": since}
        )


def _seed_events(facilitator) -> None:
    for title, kind, country, city, (y, m, d), partners, languages in EVENTS:
        tz = ZoneInfo(TIME_ZONES.get(country, "UTC"))
        starts = datetime(y, m, d, 9, 30, tzinfo=tz)
        event, _ = Event.objects.update_or_create(
            slug=f"demo-{slugify(title)}",
            defaults={
                "title": title,
                "kind": kind,
                "country": country,
                "city": city,
                "is_online": not city,
                "starts_at": starts,
                "ends_at": starts.replace(hour=17),
                "timezone": str(tz),
                "partner_organisations": partners,
                "languages": languages,
                "status": Event.Status.CLOSED,
                "is_demo": True,
            },
        )
        EventFacilitator.objects.get_or_create(
            event=event, user=facilitator, defaults={"role": EventFacilitator.Role.LEAD}
        )


def _seed_sessions(event, facilitator, base: int) -> None:
    """The event's three sessions and their logs, in the event's first language."""
    titles, (topics, concerns) = texts_for(event.languages)
    for title, (offset, minutes, fmt, share, women, disability) in zip(
        titles, SESSIONS, strict=True
    ):
        # NOTE: found by start time, so a database seeded with the English titles is updated.
        session, _ = Session.objects.update_or_create(
            event=event,
            starts_at=event.starts_at + timedelta(minutes=offset),
            defaults={"title": title, "duration_minutes": minutes, "format": fmt},
        )
        session.facilitators.add(facilitator)
        total = int(base * share)
        SessionLog.objects.update_or_create(
            session=session,
            defaults={
                "attendance_total": total,
                "attendance_women": int(total * women),
                "attendance_disability": int(total * disability),
                "topics_discussed": topics,
                "concerns_raised": concerns,
                "logged_by": facilitator,
            },
        )


def events_demo_seed(*, facilitator) -> None:
    _seed_countries()
    _seed_events(facilitator)
    themes = {c.key: c for c in theme_choices()}
    demo_events = Event.objects.filter(is_demo=True).order_by("starts_at", "id")
    for index, event in enumerate(demo_events):
        suffix = event.slug.removeprefix("demo-")
        if event.population_focus != POPULATION_FOCUS.get(suffix, []):
            event.population_focus = POPULATION_FOCUS.get(suffix, [])
            event.save(update_fields=["population_focus"])
        _seed_sessions(event, facilitator, BASE_ATTENDANCE[index % len(BASE_ATTENDANCE)])
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


def events_demo_step(*, users) -> None:
    """core.demo's step 20 (registered in EventsConfig.ready())."""
    events_demo_seed(facilitator=users[Role.FACILITATOR])
