"""Demo stories for `make run`: our own short stories in the spirit of DOMAIN.md (described, not
quoted), entered through the real service so that consent, research copies and the outbox are
exercised. Idempotent: each story has a fixed submission key (its place in DEMO_STORIES: add new
stories at the end).

There is at least one story in each programme language (en, fr, pt-BR, es, de, ja), told at an
event in a country that speaks it and agreed to with the consent text in that language. Names,
e-mail addresses and phone numbers in them are invented, for redaction to find."""

import hashlib

from accounts.roles import Role
from events.models import Event
from testimonies.demo_corpus import corpus_seed
from testimonies.models import Channel, ConsentMethod
from testimonies.selectors import consent_text_current
from testimonies.services import (
    SubmissionDraft,
    consent_texts_ensure_defaults,
    testimony_create,
)

# (event slug suffix, language, scopes, characteristics, survey, title, text)
DEMO_STORIES = [
    (
        "tie-summit",
        "en",
        ["research", "quote_anonymous", "gender", "ethnic_minority"],
        {"gender": "woman", "ethnic_minority": "yes"},
        ("yes", ["judged", "not_listened_to"], ["stopped_seeing_any"]),
        "Asked if I had been drinking",
        "I was three months pregnant and vomiting blood. The first thing the doctor asked was "
        "whether I had been drinking. Nobody examined me for an hour. Ten years later I still "
        "put off every appointment.",
    ),
    (
        "diabetes-conference",
        "en",
        ["research", "quote_named", "gender", "age_band"],
        {"gender": "man", "age_band": "25_34"},
        ("yes", ["not_welcome"], ["changed_professional"]),
        "Moving to adult care",
        "I have lived with type 1 diabetes since I was a child. Moving from the children's clinic "
        "to adult care felt like falling off a cliff. I rarely meet staff who look like me. The "
        "kidney team was different: they asked about my life, my grief, not just my numbers.",
    ),
    (
        "lgbtq-inclusive-dialogue",
        "fr",
        ["research", "quote_anonymous", "lgbtq"],
        {"lgbtq": "yes"},
        ("yes", ["judged", "poor_care"], ["mental_health_worse"]),
        "",
        "Les médecins ne sont pas formés pour tenir compte du fait qu'un patient est trans, même "
        "avec la meilleure volonté. J'ai dû expliquer trois fois mon parcours avant qu'on "
        "m'écoute. Écrivez-moi si besoin : camille.demo@example.org.",
    ),
    (
        "disability-and-womens-health",
        "fr",
        ["research", "disability", "gender"],
        {"disability": "yes", "gender": "woman"},
        ("yes", ["not_listened_to", "unsafe"], ["physical_health_worse"]),
        "Un cabinet inaccessible",
        "Le cabinet de gynécologie n'avait pas de table adaptée à mon fauteuil. On m'a proposé "
        "de revenir « avec quelqu'un pour m'aider ». Je n'y suis jamais retournée.",
    ),
    (
        "inclusive-dialogue-sao-paulo",
        "pt-BR",
        ["research", "quote_anonymous", "ethnic_minority"],
        {"ethnic_minority": "yes"},
        ("yes", ["judged"], ["changed_professional"]),
        "",
        "Sou uma mulher negra e tenho pressão alta há muitos anos. Na recepção do posto de saúde "
        "me trataram como se eu não entendesse nada: a atendente falava devagar e alto, como se "
        "eu fosse criança. O médico só olhava para o computador e disse que eu precisava me "
        "cuidar mais. Saí sem saber qual remédio tomar e fiquei dois meses sem voltar. Agora vou "
        "a uma clínica onde a equipe se parece comigo. Lá a Dra. Helena Martins me explicou tudo "
        "com calma e perguntou da minha família e do meu trabalho. Ainda fico tensa na sala de "
        "espera, mas não falto mais às consultas.",
    ),
    (
        "kreab-event",
        "es",
        ["research", "age_band"],
        {"age_band": "65_plus"},
        ("unsure", ["poor_care"], []),
        "",
        "Tengo setenta y dos años y siento que el médico habla con mi hija, no conmigo. Cuando "
        "pregunto algo, le contesta a ella, como si yo ya no pudiera decidir. Me da vergüenza y "
        "al final no pregunto nada. La enfermera Lucía Ortega fue distinta: se sentó a mi lado y "
        "me explicó las pastillas con un dibujo. Me gustaría que me explicaran las cosas con "
        "calma. Mi teléfono es +34 612 345 678.",
    ),
    (
        "pride-event",
        "ja",
        ["research", "lgbtq"],
        {"lgbtq": "yes"},
        ("yes", ["not_welcome"], ["stopped_seeing_any"]),
        "",
        "パートナーのことを話すと、看護師の態度が急に冷たくなりました。"
        "家族ではないからと、面会の時間にも病室に入れてもらえませんでした。"
        "私たちは十年一緒に暮らしています。それ以来、病院に行くのが怖くなり、"
        "具合が悪くても我慢するようになりました。去年、新しいかかりつけの田中医師は、"
        "最初に「どなたと一緒に来たいですか」と聞いてくれました。それだけで少し安心できました。"
        "連絡はhanako.demo@example.jpまでお願いします。",
    ),
    (
        "world-health-summit",
        "de",
        ["research", "quote_anonymous"],
        {},
        ("no", [], []),
        "",
        "Die Ärztin hat sich Zeit genommen und mit einer Dolmetscherin gearbeitet. Zum ersten "
        "Mal musste mein Sohn nicht für mich übersetzen. Dr. Sabine Keller hat gefragt, was ich "
        "schon versucht habe und was mir Angst macht. So sollte es immer sein: ich wurde als "
        "ganzer Mensch gesehen. Seitdem gehe ich wieder zu den Vorsorgeuntersuchungen.",
    ),
    (
        "inklusiver-dialog-berlin",
        "de",
        ["research", "quote_anonymous", "disability", "age_band"],
        {"disability": "yes", "age_band": "55_64"},
        ("yes", ["judged", "unsafe"], ["stopped_seeing_any"]),
        "Im Treppenhaus untersucht",
        "Ich sitze seit einem Unfall im Rollstuhl. In der Praxis gab es keinen Aufzug, also hat "
        "mich der Arzt im Treppenhaus untersucht, vor allen anderen. Ich habe mich geschämt und "
        "bin ein Jahr lang nicht mehr zum Arzt gegangen. Erst als meine Nachbarin, Frau Jana "
        "Wolff, mir eine barrierefreie Praxis gezeigt hat, habe ich wieder Vertrauen gefasst. "
        "Dort fragt man mich, was ich brauche, bevor man etwas tut. Sie erreichen mich unter "
        "0151 2345 6789.",
    ),
    (
        "dialogo-incluyente-ciudad-de-mexico",
        "es",
        ["research", "quote_anonymous", "gender", "ethnic_minority"],
        {"gender": "woman", "ethnic_minority": "yes"},
        ("yes", ["not_listened_to", "poor_care"], ["physical_health_worse"]),
        "Nadie me explicó",
        "Hablo mixteco y un poco de español. En la clínica nadie me explicó lo que tenía mi "
        "bebé; solo me dieron una receta y me dijeron que regresara. Me sentí tonta por no "
        "entender. La siguiente vez fui con mi cuñada, Rosa Hernández, para que me tradujera, "
        "pero la doctora se molestó porque tardábamos mucho. Quisiera que hubiera intérpretes y "
        "que nos hablaran con respeto. Ahora solo voy cuando ya es muy urgente.",
    ),
]


def testimonies_demo_seed(*, facilitator) -> int:
    """Enter the demo stories as the demo facilitator (spoken consent, witnessed)."""
    consent_texts_ensure_defaults()
    created = 0
    for index, (suffix, language, scopes, chars, survey, title, text) in enumerate(DEMO_STORIES):
        event = Event.objects.filter(slug=f"demo-{suffix}").first()
        if event is None:
            continue
        trust, reasons, consequences = survey
        key = hashlib.sha256(f"entendu-demo-story:{index}".encode()).hexdigest()
        draft = SubmissionDraft(
            event=event,
            consent_text=consent_text_current(language=language),
            scopes=scopes,
            text=text,
            title=title,
            declared_language=language,
            first_name="Marcus" if "quote_named" in scopes else "",
            trust_affected=trust,
            reasons=reasons,
            consequences=consequences,
            characteristics=chars,
            channel=Channel.FACILITATOR,
            consent_method=ConsentMethod.SPOKEN,
            entered_by=facilitator,
            submission_key=key,
            is_demo=True,
        )
        submission = testimony_create(draft=draft)
        created += int(submission.created)
    return created


def testimonies_demo_step(*, users) -> None:
    """core.demo's step 30 (registered in TestimoniesConfig.ready()): the hand-written stories,
    then the generated corpus (``testimonies.demo_corpus``)."""
    testimonies_demo_seed(facilitator=users[Role.FACILITATOR])
    corpus_seed(facilitator=users[Role.FACILITATOR])
