"""Demo coding for `make run`: the demo researcher and the demo admin code the demo stories,
agreeing on most passages and not on all, so that every coding page has something to show."""

import contextlib

from django.db import transaction

from accounts.roles import Role
from coding import selectors, services
from coding.models import Code, Memo
from core.exceptions import ApplicationError
from testimonies.models import ResearchCopy

# A passage of a demo story and the sub-code it gets (the second coder's choice when it differs).
PASSAGES = [
    ("whether I had been drinking", "judged", "judged"),
    ("Nobody examined me for an hour", "not_listened_to", "time_with_professional"),
    ("I rarely meet staff who look like me", "representation", "representation"),
    ("they asked about my life, my grief, not just my numbers", "person_centred", None),
    (
        "ne sont pas formés pour tenir compte du fait qu'un patient est trans",
        "unconscious_bias",
        "unconscious_bias",
    ),
    (
        "J'ai dû expliquer trois fois mon parcours avant qu'on m'écoute",
        "not_listened_to",
        "not_listened_to",
    ),
    ("n'avait pas de table adaptée à mon fauteuil", "not_welcome", "not_welcome"),
    ("me trataram como se eu não entendesse nada", "judged", "not_welcome"),
    ("uma clínica onde a equipe se parece comigo", "representation", "representation"),
    ("siento que el médico habla con mi hija, no conmigo", "not_listened_to", None),
    ("Me gustaría que me explicaran las cosas con calma", "accessible_information", None),
    ("看護師の態度が急に冷たくなりました", "not_welcome", None),
    ("mit einer Dolmetscherin gearbeitet", "accessible_information", None),
]


def _apply(**kwargs) -> None:
    # NOTE: an application already there from an earlier run is refused: the seed is idempotent.
    with contextlib.suppress(ApplicationError):
        services.application_create(**kwargs)


@transaction.atomic
def coding_demo_seed(*, researcher, second_coder) -> None:
    codebook = selectors.codebook_default()
    if codebook is None:
        return
    codes = {c.key: c for c in Code.objects.filter(codebook=codebook, is_archived=False)}
    copies = ResearchCopy.objects.filter(testimony__is_demo=True, testimony__status="active")
    second_coded = 0
    for copy in copies.select_related("testimony").order_by("testimony_id"):
        text = copy.redacted_text
        found = [(text.find(p), p, a, b) for p, a, b in PASSAGES if p in text]
        for start, phrase, key, other_key in found:
            end = start + len(phrase)
            code = codes[key]
            _apply(testimony=copy.testimony, code=code, coder=researcher, start=start, end=end)
            theme = code.parent or code
            _apply(testimony=copy.testimony, code=theme, coder=researcher)
            if other_key and second_coded < 5:
                other = codes[other_key]
                _apply(
                    testimony=copy.testimony, code=other, coder=second_coder, start=start, end=end
                )
                _apply(testimony=copy.testimony, code=other.parent or other, coder=second_coder)
        if found and any(b for _s, _p, _a, b in found) and second_coded < 5:
            second_coded += 1
            services.coding_complete(testimony=copy.testimony, coder=second_coder)
        if not found and codes.get("person_centred"):
            services.suggestion_record(
                testimony=copy.testimony,
                code=codes["person_centred"],
                confidence=0.55,
                model_version="demo-lexicon",
            )
    if not Memo.objects.filter(kind=Memo.Kind.PROJECT, title="Coding conventions").exists():
        services.memo_create(
            author=researcher,
            title="Coding conventions",
            body="Code the smallest passage that carries the meaning, and the theme at "
            "document level. Use the sub-code's exclusion criteria before applying it.",
        )


def codebook_demo_step(*, users) -> None:
    """core.demo's step 10: the default codebook, which the events' commitments refer to."""
    services.codebook_default_seed()


def coding_demo_step(*, users) -> None:
    """core.demo's step 40 (registered in CodingConfig.ready())."""
    coding_demo_seed(researcher=users[Role.RESEARCHER], second_coder=users[Role.ADMIN])
