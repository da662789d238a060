"""Demo data for `make run` and the browser tests. Idempotent: running it twice changes nothing."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils.text import slugify

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_grant_role
from coding.demo import coding_demo_seed
from coding.models import Code, Codebook
from events.demo import events_demo_seed
from events.models import Event, EventFacilitator, ProgrammeCountry
from testimonies.demo import testimonies_demo_seed

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

# The six action themes: key, English and French labels and descriptions (our own words).
THEMES = [
    (
        "education",
        "Empower through education",
        "Former pour transformer",
        "Ongoing training for every health professional in cultural awareness and active "
        "listening, and work on the unconscious biases that shape care.",
        "Une formation continue de tous les professionnels de santé à la diversité culturelle et "
        "à l'écoute active, et un travail sur les biais inconscients qui influencent les soins.",
    ),
    (
        "research",
        "Champion diversity in research",
        "Défendre la diversité dans la recherche",
        "Research and outcome data that represent the whole population, with consistent and open "
        "data on under-represented groups and national standards for inclusion.",
        "Des données de recherche et de résultats qui représentent toute la population, des "
        "données cohérentes et ouvertes sur les groupes sous-représentés et des normes nationales "
        "d'inclusion.",
    ),
    (
        "community",
        "Include communities in decision-making",
        "Associer les communautés aux décisions",
        "Nothing about us without us: lasting, funded policy built together with the people it "
        "affects, such as community members sitting on hospital boards.",
        "Rien sur nous sans nous : des politiques durables et financées, construites avec les "
        "personnes concernées, par exemple des sièges pour les usagers dans les conseils "
        "d'hôpitaux.",
    ),
    (
        "person_centred",
        "Prioritise holistic, person-centred care",
        "Privilégier des soins globaux centrés sur la personne",
        "Giving professionals the time and means to understand each person's situation, the "
        "obstacles they face and what they prefer.",
        "Donner aux professionnels le temps et les moyens de comprendre la situation de chaque "
        "personne, les obstacles qu'elle rencontre et ses préférences.",
    ),
    (
        "communication",
        "Promote consistent, accessible communication",
        "Promouvoir une communication cohérente et accessible",
        "Health literacy, materials everyone can use, clear public-health messages and trusted "
        "voices that counter misinformation.",
        "La littératie en santé, des supports accessibles à tous, des messages de santé publique "
        "clairs et des relais de confiance contre la désinformation.",
    ),
    (
        "workforce",
        "Health professionals for everyone",
        "Des professionnels de santé pour tous",
        "Health careers open to people of every background, so that the workforce looks like the "
        "people it cares for.",
        "Des carrières de santé ouvertes à toutes les origines, pour que les soignants "
        "ressemblent aux personnes qu'ils soignent.",
    ),
]

# A few sub-codes under the themes, drawn from the reasons people give for lost trust.
SUB_CODES = [
    ("person_centred", "not_listened_to", "Not listened to", "Pas écouté·e"),
    ("person_centred", "judged", "Judged or stereotyped", "Jugé·e ou stéréotypé·e"),
    (
        "person_centred",
        "time_with_professional",
        "Time with the professional",
        "Temps avec le professionnel",
    ),
    ("person_centred", "not_welcome", "Not welcome or unsafe", "Mal accueilli·e ou en insécurité"),
    ("education", "unconscious_bias", "Unconscious bias", "Biais inconscients"),
    ("communication", "accessible_information", "Accessible information", "Information accessible"),
    ("workforce", "representation", "Carers who look like me", "Des soignants qui me ressemblent"),
]

# Sub-code guidance for coders: description (en, fr), inclusion, exclusion, an example (ours).
SUB_CODE_GUIDANCE = {
    "not_listened_to": (
        "The person says a professional did not hear or believe what they said.",
        "La personne dit qu'un professionnel n'a pas entendu ou pas cru ce qu'elle disait.",
        "Symptoms dismissed, being interrupted, concerns not written down or not acted on.",
        "Waiting times or rushed visits with no sign of being unheard: use Time with the "
        "professional.",
        "I told her three times that the pain was getting worse and she kept typing.",
    ),
    "judged": (
        "The person was treated through a stereotype about who they are.",
        "La personne a été traitée à travers un stéréotype sur ce qu'elle est.",
        "Assumptions about drinking, drugs, pain tolerance, sexuality or culture.",
        "Rudeness with no link to who the person is: use Not welcome or unsafe.",
        "The first thing the doctor asked was whether I had been drinking.",
    ),
    "time_with_professional": (
        "The time a professional could give, too short or well used.",
        "Le temps qu'un professionnel a pu consacrer, trop court ou bien employé.",
        "Rushed appointments, no time to ask questions, or time that made a difference.",
        "Being ignored during a long visit: use Not listened to.",
        "Ten minutes, and half of it on the computer.",
    ),
    "not_welcome": (
        "The person felt unwelcome, unsafe or exposed in a care setting.",
        "La personne s'est sentie mal accueillie, en insécurité ou exposée dans un lieu de soin.",
        "Hostile reception, being misgendered, no privacy, fear of going back.",
        "A stereotype voiced about the person: use Judged or stereotyped.",
        "At reception they called out my old name in front of everyone.",
    ),
    "unconscious_bias": (
        "Bias the professional may not be aware of, and training that addresses it.",
        "Des biais dont le professionnel n'a pas conscience, et la formation qui les traite.",
        "Unequal treatment described as unintentional; calls for bias training.",
        "Open, deliberate discrimination: use Judged or stereotyped.",
        "Even with the best intentions, they are not trained to think about trans patients.",
    ),
    "accessible_information": (
        "Information the person could or could not understand or use.",
        "Des informations que la personne a pu ou non comprendre ou utiliser.",
        "Jargon, no interpreter, no easy-read or accessible formats, clear explanations.",
        "Not being heard when speaking: use Not listened to.",
        "Nobody explained the letter, and it was only in English.",
    ),
    "representation": (
        "Carers who share the person's background, language or life experience.",
        "Des soignants qui partagent l'origine, la langue ou l'expérience de vie de la personne.",
        "Rarely or never seeing professionals who look or speak like them; wishing they did.",
        "Careers and recruitment in general with no personal experience of care.",
        "In twenty years I have seen one nurse who looks like me.",
    ),
}

THEME_COLOURS = ["#1f5f8b", "#7a3e9d", "#2e7d32", "#b3541e", "#00695c", "#8e244d"]

# The events named in DOMAIN.md. Dates are illustrative demo values.
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
]

TIME_ZONES = {
    "GB": "Europe/London",
    "US": "America/New_York",
    "BR": "America/Sao_Paulo",
    "FR": "Europe/Paris",
    "ES": "Europe/Madrid",
    "JP": "Asia/Tokyo",
    "DE": "Europe/Berlin",
}


@dataclass(frozen=True)
class DemoCredential:
    role: str
    email: str
    password: str


# NOTE: demo accounts exist only where seed_demo runs, which refuses production settings.
DEMO_USERS = [
    DemoCredential(Role.PARTICIPANT, "participant@demo.entendu.test", "demo-participant-2026"),
    DemoCredential(Role.FACILITATOR, "facilitator@demo.entendu.test", "demo-facilitator-2026"),
    DemoCredential(Role.RESEARCHER, "researcher@demo.entendu.test", "demo-researcher-2026"),
    DemoCredential(Role.ADMIN, "admin@demo.entendu.test", "demo-admin-2026"),
]


def _seed_users() -> dict[str, User]:
    users = {}
    for cred in DEMO_USERS:
        user, _ = User.objects.get_or_create(email=cred.email)
        user.display_name = f"Demo {Role(cred.role).label}"
        user.is_staff = cred.role == Role.ADMIN
        user.set_password(cred.password)
        user.save()
        user_grant_role(user=user, role=cred.role)
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        users[cred.role] = user
    return users


def _seed_countries() -> None:
    for code, languages, since in PROGRAMME_COUNTRIES:
        ProgrammeCountry.objects.update_or_create(
            country=code, defaults={"languages": languages, "surveyed_since": since}
        )


def _seed_codebook() -> Codebook:
    codebook, _ = Codebook.objects.update_or_create(
        slug="action-themes",
        defaults={
            "name": "Six action themes",
            "description": "The default codebook: the six action themes and their sub-codes.",
            "is_default": True,
        },
    )
    themes = {}
    for position, (key, en, fr, desc_en, desc_fr) in enumerate(THEMES, start=1):
        themes[key], _ = Code.objects.update_or_create(
            codebook=codebook,
            key=key,
            defaults={
                "parent": None,
                "label_en": en,
                "label_fr": fr,
                "description_en": desc_en,
                "description_fr": desc_fr,
                "colour": THEME_COLOURS[position - 1],
                "position": position,
                "is_codable": True,
            },
        )
    for position, (parent_key, key, en, fr) in enumerate(SUB_CODES, start=1):
        Code.objects.update_or_create(
            codebook=codebook,
            key=key,
            defaults={
                "parent": themes[parent_key],
                "label_en": en,
                "label_fr": fr,
                "colour": themes[parent_key].colour,
                "position": position,
                **dict(
                    zip(
                        (
                            "description_en",
                            "description_fr",
                            "inclusion_criteria",
                            "exclusion_criteria",
                            "example",
                        ),
                        SUB_CODE_GUIDANCE.get(key, ("",) * 5),
                        strict=True,
                    )
                ),
            },
        )
    return codebook


def _seed_events(facilitator: User) -> None:
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


@transaction.atomic
def demo_seed() -> list[DemoCredential]:
    users = _seed_users()
    _seed_countries()
    _seed_codebook()
    _seed_events(users[Role.FACILITATOR])
    events_demo_seed(facilitator=users[Role.FACILITATOR])
    testimonies_demo_seed(facilitator=users[Role.FACILITATOR])
    coding_demo_seed(researcher=users[Role.RESEARCHER], second_coder=users[Role.ADMIN])
    return DEMO_USERS
