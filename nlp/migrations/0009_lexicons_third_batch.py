"""Issue 16, themes: the shipped lexicons' third batch (German and French terms written from the
codebook's definitions and criteria: unintended bias and bias training, stereotyped assumptions,
recruitment and careers, carers who share one's background, concerns not acted on, person-centred
care and consent, rushed or delayed care, being shut out, clinical studies and who is counted,
patients' groups, leaflets, health literacy and misinformation; French "ressemble" and
"entretien" narrowed to the sense the codebook means). Adds the new shipped entries and switches
off the shipped ones the files no longer hold; researchers' entries and edits are kept
(``nlp.lexicon.lexicon_seed_sync``)."""

from django.db import migrations


def sync(apps, schema_editor):
    from nlp.lexicon import lexicon_seed_sync

    lexicon_seed_sync(apps, retire=True)


class Migration(migrations.Migration):
    dependencies = [("nlp", "0008_lexicons_second_batch")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
