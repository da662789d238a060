"""Demo coding for `make run`: the demo researcher and the demo admin code the demo stories,
agreeing on most passages and not on all, so that every coding page has something to show."""

import contextlib
import random

from django.db import transaction

from accounts.roles import Role
from coding import selectors, services
from coding.models import Code, CodeApplication, CodingCompletion, Memo
from core.exceptions import ApplicationError
from testimonies.demo_corpus import corpus_key_hashes, corpus_passages
from testimonies.models import ResearchCopy

# The second coder codes this share of the generated corpus, and on each passage misses it or
# picks another code now and then: agreement is good, not perfect (Cohen's kappa about 0.7).
SECOND_CODER_SHARE = 0.6
SECOND_CODER_MISSES = 0.1
SECOND_CODER_DIFFERS = 0.15
SECOND_CODER_ADDS = 0.08

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
    # NOTE: a story the researcher has coded is skipped: once NLP has redacted its copy again,
    # a passage may sit elsewhere and would be coded twice.
    copies = (
        ResearchCopy.objects.filter(testimony__is_demo=True, testimony__status="active")
        .exclude(testimony__submission_key_hash__in=corpus_key_hashes())
        .exclude(testimony__code_applications__coder=researcher)
    )
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
    corpus_coding_seed(researcher=researcher, second_coder=second_coder, codes=codes)
    if not Memo.objects.filter(kind=Memo.Kind.PROJECT, title="Coding conventions").exists():
        services.memo_create(
            author=researcher,
            title="Coding conventions",
            body="Code the smallest passage that carries the meaning, and the theme at "
            "document level. Use the sub-code's exclusion criteria before applying it.",
        )


def _story_applications(copy, passages, coder, rng=None) -> list[CodeApplication]:
    """One coder's span and theme applications on a corpus story; with ``rng``, the second
    coder's misses, other choices and additions."""
    codes_by_key, found = passages
    text = copy.redacted_text
    chosen = []
    for phrase, key in found:
        code = codes_by_key[key]
        if rng is not None:
            roll = rng.random()
            if roll < SECOND_CODER_MISSES:
                continue
            if roll < SECOND_CODER_MISSES + SECOND_CODER_DIFFERS:
                code = rng.choice([c for c in codes_by_key.values() if c.parent_id])
        start = text.find(phrase)
        chosen.append((code, start, start + len(phrase)))
    if rng is not None and rng.random() < SECOND_CODER_ADDS:
        chosen.append((rng.choice(list(codes_by_key.values())), None, None))
    rows = [
        CodeApplication(testimony_id=copy.testimony_id, code=code, coder=coder, start=s, end=e)
        for code, s, e in chosen
        if s is not None
    ]
    themes = {(code.parent or code).pk: code.parent or code for code, _s, _e in chosen}
    rows += [
        CodeApplication(testimony_id=copy.testimony_id, code=theme, coder=coder)
        for theme in themes.values()
    ]
    return rows


def corpus_coding_seed(*, researcher, second_coder, codes: dict[str, Code]) -> int:
    """The generated corpus (``testimonies.demo_corpus``), coded in bulk: the researcher codes
    every story, the second coder a share of them (seeded by the story, so the same every time).
    Stories the researcher has already finished are skipped (idempotent). Returns how many."""
    phrases = corpus_passages()
    copies = (
        ResearchCopy.objects.filter(
            testimony__submission_key_hash__in=corpus_key_hashes(),
            testimony__is_demo=True,
            testimony__status="active",
        )
        .exclude(testimony__coding_completions__coder=researcher)
        .select_related("testimony")
        .order_by("testimony_id")
    )
    applications, completions = [], []
    for copy in copies:
        story = copy.testimony
        found = [
            (phrase, key)
            for phrase, key in phrases.get(story.declared_language, [])
            if phrase in copy.redacted_text and key in codes
        ]
        applications += _story_applications(copy, (codes, found), researcher)
        completions.append(CodingCompletion(testimony_id=story.pk, coder=researcher))
        rng = random.Random(story.submission_key_hash)
        if rng.random() < SECOND_CODER_SHARE:
            applications += _story_applications(copy, (codes, found), second_coder, rng)
            completions.append(CodingCompletion(testimony_id=story.pk, coder=second_coder))
    CodeApplication.objects.bulk_create(applications, ignore_conflicts=True)
    CodingCompletion.objects.bulk_create(completions, ignore_conflicts=True)
    return len(completions)


def codebook_demo_step(*, users) -> None:
    """core.demo's step 10: the default codebook, which the events' commitments refer to."""
    services.codebook_default_seed()


def coding_demo_step(*, users) -> None:
    """core.demo's step 40 (registered in CodingConfig.ready())."""
    coding_demo_seed(researcher=users[Role.RESEARCHER], second_coder=users[Role.ADMIN])
