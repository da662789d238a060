"""A new consent version in every language that has one (issue 20): the same text, with a
paragraph on the new choice "ask me before each quote" and on hearing back. The version number is
the language's latest plus one, computed when the migration runs (never written here)."""

from django.db import migrations

from testimonies import consent_versions

PARAGRAPHS = {
    "en": (
        "Hearing back and quotes: you can ask us to ask you before each quote. We then show you "
        "the exact words, what they are for and how you would be named, and you approve or "
        "decline each one. With your code you can see what happened to your story, and if you "
        "allow contact, we can tell you by e-mail when something changes."
    ),
    "fr": (
        "Nouvelles et citations : vous pouvez nous demander de vous consulter avant chaque "
        "citation. Nous vous montrons alors les mots exacts, leur usage et la façon dont vous "
        "seriez nommé·e, et vous acceptez ou refusez chacune. Avec votre code, vous voyez ce que "
        "votre témoignage est devenu et, si vous acceptez d'être contacté·e, nous pouvons vous "
        "prévenir par e-mail quand quelque chose change."
    ),
    "pt-BR": (
        "Notícias e citações: você pode pedir que perguntemos antes de cada citação. Nós então "
        "mostramos as palavras exatas, para que servem e como você seria identificado(a), e você "
        "aprova ou recusa cada uma. Com o seu código, você vê o que aconteceu com a sua história "
        "e, se permitir contato, podemos avisar por e-mail quando algo mudar."
    ),
    "es": (
        "Novedades y citas: puede pedirnos que le consultemos antes de cada cita. Entonces le "
        "mostramos las palabras exactas, para qué son y cómo se le nombraría, y usted aprueba o "
        "rechaza cada una. Con su código puede ver qué pasó con su relato y, si permite el "
        "contacto, podemos avisarle por correo electrónico cuando algo cambie."
    ),
    "de": (
        "Rückmeldung und Zitate: Sie können uns bitten, Sie vor jedem Zitat zu fragen. Dann "
        "zeigen wir Ihnen die genauen Worte, wofür sie sind und wie Sie genannt würden, und Sie "
        "stimmen jedem Zitat zu oder lehnen es ab. Mit Ihrem Code sehen Sie, was aus Ihrer "
        "Geschichte geworden ist, und wenn Sie Kontakt erlauben, sagen wir Ihnen per E-Mail "
        "Bescheid, wenn sich etwas ändert."
    ),
    "ja": (
        "お知らせと引用について：引用のたびに事前に確認してほしい、と選ぶことができます。"
        "その場合、引用する言葉そのもの、使いみち、あなたの示し方をお見せし、"
        "あなたが一つずつ承認または辞退します。コードを使えば、あなたの体験談がどうなったかを"
        "確認できます。連絡を許可した場合は、変化があったときにメールでお知らせします。"
    ),
}


def publish_next_version(ConsentText):  # noqa: N803
    """The next version of each language's latest text with this migration's paragraph (also
    called by ``consent_texts_ensure_defaults`` on a flushed database)."""
    consent_versions.publish_next_version(ConsentText, PARAGRAPHS)


def create(apps, schema_editor):
    publish_next_version(apps.get_model("testimonies", "ConsentText"))


class Migration(migrations.Migration):
    dependencies = [("testimonies", "0007_loop_quotes_follow_up_own_reading")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
