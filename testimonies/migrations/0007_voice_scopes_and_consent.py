"""Spoken stories (issue 19): the two voice scopes, and a new consent version in every language
that has one, saying what happens to a recording. The version number is computed here (the
latest version of each language plus one), never assumed; a language whose latest text already
says it is left alone, so running this twice publishes nothing new."""

from django.db import migrations, models

from testimonies import consent_versions

PARAGRAPHS = {
    "en": (
        "If you speak your story: we record it and our own computers write it down; no outside "
        "service hears it. You read and correct the written text before it becomes your story. "
        "The recording is kept encrypted and is erased once you confirm the text, unless you "
        "choose to keep it. A voice can identify a person: no researcher ever listens to it "
        "unless you allow it, and each listening is recorded. Withdrawing your story erases the "
        "recording too."
    ),
    "fr": (
        "Si vous racontez votre histoire à voix haute : nous l'enregistrons et nos propres "
        "ordinateurs la mettent par écrit ; aucun service extérieur ne l'entend. Vous relisez et "
        "corrigez le texte avant qu'il devienne votre histoire. L'enregistrement est gardé chiffré "
        "et il est effacé dès que vous confirmez le texte, sauf si vous choisissez de le garder. "
        "Une voix permet de reconnaître une personne : aucun chercheur ne l'écoute sans votre "
        "accord, et chaque écoute est enregistrée. Retirer votre histoire efface aussi "
        "l'enregistrement."
    ),
    "pt-BR": (
        "Se você contar sua história falando: nós a gravamos e nossos próprios computadores a "
        "transformam em texto; nenhum serviço de fora a escuta. Você lê e corrige o texto antes "
        "que ele se torne sua história. A gravação fica guardada com criptografia e é apagada "
        "assim que você confirma o texto, a menos que você escolha guardá-la. Uma voz pode "
        "identificar uma pessoa: nenhum(a) pesquisador(a) a escuta sem a sua permissão, e cada "
        "escuta é registrada. Retirar sua história também apaga a gravação."
    ),
    "es": (
        "Si cuenta su relato en voz alta: lo grabamos y nuestras propias computadoras lo pasan a "
        "texto; ningún servicio externo lo escucha. Usted lee y corrige el texto antes de que se "
        "convierta en su relato. La grabación se guarda cifrada y se borra en cuanto usted "
        "confirma el texto, salvo que elija conservarla. Una voz permite reconocer a una persona: "
        "ninguna persona investigadora la escucha sin su permiso, y cada escucha queda "
        "registrada. Retirar su relato también borra la grabación."
    ),
    "de": (
        "Wenn Sie Ihre Geschichte erzählen: Wir nehmen sie auf, und unsere eigenen Computer "
        "schreiben sie auf; kein fremder Dienst hört sie. Sie lesen und verbessern den Text, "
        "bevor er Ihre Geschichte wird. Die Aufnahme wird verschlüsselt aufbewahrt und gelöscht, "
        "sobald Sie den Text bestätigen, außer Sie wählen, sie zu behalten. An einer Stimme kann "
        "man einen Menschen erkennen: Keine forschende Person hört sie ohne Ihre Erlaubnis, und "
        "jedes Anhören wird festgehalten. Wenn Sie Ihre Geschichte zurückziehen, wird auch die "
        "Aufnahme gelöscht."
    ),
    "ja": (
        "体験談を声で伝える場合：録音し、私たちのコンピューターで文字にします。外部のサービスが"
        "聞くことはありません。文字にした内容は、あなたが読んで直してから、あなたの体験談となります。"
        "録音は暗号化して保管し、あなたが内容を確認した時点で消去します。残すことを選んだ場合を"
        "除きます。声から人が分かることがあるため、あなたの許可がない限り研究者が聞くことは"
        "ありません。聞いた場合はそのたびに記録されます。体験談を撤回すると、録音も消去されます。"
    ),
}


def publish_next_version(ConsentText):  # noqa: N803
    """The next version of each language's latest text with this migration's paragraph (also
    called by ``consent_texts_ensure_defaults`` on a flushed database)."""
    consent_versions.publish_next_version(ConsentText, PARAGRAPHS)


def publish(apps, schema_editor):
    publish_next_version(apps.get_model("testimonies", "ConsentText"))


class Migration(migrations.Migration):
    dependencies = [("testimonies", "0006_submission_key_scoped")]
    operations = [
        migrations.AddField(
            model_name="testimony",
            name="scope_voice_keep",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="testimony",
            name="scope_voice_listen",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(publish, migrations.RunPython.noop),
    ]
