"""The first consent texts (English and French); admins publish later versions."""

import hashlib

from django.db import migrations

TEXTS = {
    "en": (
        "Sharing your story with Entendu",
        "Thank you for thinking of sharing your experience of healthcare.\n\n"
        "What we do with your story: we read it, with other stories, to understand what breaks "
        "trust in healthcare and what would rebuild it. We turn what we learn into action plans "
        "with health services.\n\n"
        "What you choose: you decide below what we may do. Only the first choice is needed to "
        "send a story. Every other choice is optional and starts unticked.\n\n"
        "Who sees it: researchers read a copy with names, e-mail addresses and phone numbers "
        "removed. We never publish your story unless you allow quotes. We do not record your IP "
        "address or your device.\n\n"
        "Sensitive information: your story may say things about your health, your origin, a "
        "disability or your sexual orientation. We protect it and use it only as you allow.\n\n"
        "Changing your mind: after sending, you get a receipt and a withdrawal code. With the code, "
        "or by signing in, you can take back some choices or delete your story at any time. "
        "Deleting removes your text and everything made from it.",
    ),
    "fr": (
        "Partager votre histoire avec Entendu",
        "Merci de penser à partager votre expérience des soins.\n\n"
        "Ce que nous faisons de votre histoire : nous la lisons, avec d'autres, pour comprendre ce "
        "qui abîme la confiance dans les soins et ce qui la rétablirait. Nous en tirons des plans "
        "d'action avec les services de santé.\n\n"
        "Ce que vous choisissez : vous décidez ci-dessous de ce que nous pouvons faire. Seul le "
        "premier choix est nécessaire pour envoyer une histoire. Tous les autres choix sont "
        "facultatifs et ne sont pas cochés au départ.\n\n"
        "Qui la voit : les chercheurs lisent une copie sans les noms, adresses e-mail et numéros "
        "de téléphone. Nous ne publions jamais votre histoire sans votre accord pour les "
        "citations. Nous n'enregistrons ni votre adresse IP ni votre appareil.\n\n"
        "Informations sensibles : votre histoire peut parler de votre santé, de vos origines, d'un "
        "handicap ou de votre orientation sexuelle. Nous les protégeons et ne les utilisons que "
        "comme vous l'acceptez.\n\n"
        "Changer d'avis : après l'envoi, vous recevez un reçu et un code de retrait. Avec ce code, "
        "ou en vous connectant, vous pouvez retirer certains choix ou supprimer votre histoire à "
        "tout moment. La suppression efface votre texte et tout ce qui en a été tiré.",
    ),
}


def create(apps, schema_editor):
    ConsentText = apps.get_model("testimonies", "ConsentText")
    for language, (title, body) in TEXTS.items():
        if not ConsentText.objects.filter(language=language).exists():
            ConsentText.objects.create(
                language=language,
                version=1,
                title=title,
                body=body,
                sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
            )


class Migration(migrations.Migration):
    dependencies = [("testimonies", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
