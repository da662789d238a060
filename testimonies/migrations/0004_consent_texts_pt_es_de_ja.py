"""The first consent texts in Brazilian Portuguese, Spanish, German and Japanese (issue 15): the
same meaning as the English version of 0002, in plain words and the polite register of health
services; admins publish later versions."""

import hashlib

from django.db import migrations

TEXTS = {
    "pt-BR": (
        "Compartilhar sua história com o Entendu",
        "Agradecemos por você pensar em compartilhar sua experiência com o atendimento de saúde.\n\n"
        "O que fazemos com sua história: nós a lemos, junto com outras histórias, para entender o "
        "que quebra a confiança no atendimento de saúde e o que faria essa confiança voltar. "
        "Transformamos o que aprendemos em planos de ação com os serviços de saúde.\n\n"
        "O que você escolhe: abaixo, você decide o que podemos fazer. Só a primeira escolha é "
        "necessária para enviar uma história. Todas as outras escolhas são opcionais e começam "
        "desmarcadas.\n\n"
        "Quem vê a história: pesquisadores(as) leem uma cópia com nomes, endereços de e-mail e "
        "números de telefone removidos. Nunca publicamos sua história, a menos que você permita "
        "citações. Não registramos seu endereço IP nem o seu aparelho.\n\n"
        "Informações sensíveis: sua história pode falar sobre sua saúde, sua origem, uma "
        "deficiência ou sua orientação sexual. Nós protegemos essas informações e só as usamos "
        "como você permitir.\n\n"
        "Mudar de ideia: depois do envio, você recebe um comprovante e um código de retirada. Com o "
        "código, ou entrando na sua conta, você pode retirar algumas escolhas ou apagar sua história "
        "a qualquer momento. Apagar remove seu texto e tudo o que foi feito a partir dele."
    ),
    "es": (
        "Compartir su relato con Entendu",
        "Gracias por pensar en compartir su experiencia de atención de salud.\n\n"
        "Lo que hacemos con su relato: lo leemos, junto con otros relatos, para entender qué rompe "
        "la confianza en la atención de salud y qué la volvería a construir. Convertimos lo que "
        "aprendemos en planes de acción con los servicios de salud.\n\n"
        "Lo que usted elige: usted decide abajo lo que podemos hacer. Solo la primera opción es "
        "necesaria para enviar un relato. Todas las demás opciones son voluntarias y empiezan sin "
        "marcar.\n\n"
        "Quién lo ve: las personas investigadoras leen una copia sin los nombres, las direcciones de "
        "correo electrónico ni los números de teléfono. Nunca publicamos su relato, salvo que usted "
        "permita las citas. No registramos su dirección IP ni su dispositivo.\n\n"
        "Información sensible: su relato puede contar cosas sobre su salud, su origen, una "
        "discapacidad o su orientación sexual. La protegemos y solo la usamos como usted lo "
        "permita.\n\n"
        "Cambiar de opinión: después de enviarlo, usted recibe un comprobante y un código de "
        "retirada. Con el código, o al iniciar sesión, puede retirar algunas opciones o borrar su "
        "relato en cualquier momento. Al borrarlo, se elimina su texto y todo lo que se hizo a "
        "partir de él."
    ),
    "de": (
        "Ihre Geschichte mit Entendu teilen",
        "Danke, dass Sie überlegen, Ihre Erfahrung mit der Gesundheitsversorgung zu teilen.\n\n"
        "Was wir mit Ihrer Geschichte machen: Wir lesen sie zusammen mit anderen Geschichten, um "
        "zu verstehen, was das Vertrauen in die Gesundheitsversorgung beschädigt und was es wieder "
        "aufbauen würde. Aus dem, was wir lernen, machen wir mit Gesundheitsdiensten Pläne zum "
        "Handeln.\n\n"
        "Was Sie wählen: Sie entscheiden unten, was wir tun dürfen. Nur die erste Einwilligung ist "
        "nötig, um eine Geschichte zu senden. Jede andere Einwilligung ist freiwillig und ist am "
        "Anfang nicht angekreuzt.\n\n"
        "Wer sie sieht: Forschende lesen eine Kopie, aus der Namen, E-Mail-Adressen und "
        "Telefonnummern entfernt sind. Wir veröffentlichen Ihre Geschichte nie, außer wenn Sie "
        "Zitate erlauben. Wir erfassen weder Ihre IP-Adresse noch Ihr Gerät.\n\n"
        "Sensible Angaben: Ihre Geschichte kann etwas über Ihre Gesundheit, Ihre Herkunft, eine "
        "Behinderung oder Ihre sexuelle Orientierung sagen. Wir schützen diese Angaben und nutzen "
        "sie nur so, wie Sie es erlauben.\n\n"
        "Ihre Meinung ändern: Nach dem Senden bekommen Sie eine Bestätigung und einen "
        "Widerrufscode. Mit dem Code oder wenn Sie sich anmelden, können Sie jederzeit einige "
        "Einwilligungen zurückziehen oder Ihre Geschichte löschen. Das Löschen entfernt Ihren Text "
        "und alles, was daraus gemacht wurde."
    ),
    "ja": (
        "あなたの体験談を Entendu と共有する",
        "医療を受けたときのあなたの体験を共有しようと考えてくださり、"
        "ありがとうございます。\n\n"
        "あなたの体験談をどう使うか：私たちは、ほかの体験談といっしょにあなたの体験談を読み、"
        "医療への信頼を壊すものは何か、そして何があれば信頼を取り戻せるかを理解します。"
        "わかったことをもとに、医療機関といっしょに行動計画を作ります。\n\n"
        "あなたが選ぶこと：私たちが何をしてよいかは、下の欄であなたが決めます。"
        "体験談を送るために必要なのは、最初の選択だけです。"
        "ほかの選択はすべて任意で、最初はチェックが入っていません。\n\n"
        "だれが見るか：研究者が読むのは、名前、メールアドレス、電話番号を消した研究用コピーです。"
        "あなたが引用を許可しない限り、私たちがあなたの体験談を公開することは決してありません。"
        "あなたのIPアドレスや、お使いの機器は記録しません。\n\n"
        "配慮が必要な情報：あなたの体験談には、あなたの健康、出身（ルーツ）、障害、"
        "性的指向についてのことが含まれるかもしれません。"
        "私たちはこうした情報を守り、あなたが許可したとおりにだけ使います。\n\n"
        "考えが変わったとき：送ったあと、あなたは控えと撤回コードを受け取ります。"
        "このコードを使うか、ログインすれば、いつでも選択の一部を撤回したり、"
        "体験談を削除したりできます。"
        "削除すると、あなたの文章と、そこから作られたものがすべて消えます。"
    ),
}


def create(apps, schema_editor):
    ConsentText = apps.get_model("testimonies", "ConsentText")
    for language, (title, body) in TEXTS.items():
        if not ConsentText.objects.filter(language__iexact=language).exists():
            ConsentText.objects.create(
                language=language,
                version=1,
                title=title,
                body=body,
                sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
            )


class Migration(migrations.Migration):
    dependencies = [("testimonies", "0003_submission_key_hash")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
