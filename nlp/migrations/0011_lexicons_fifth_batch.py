"""Issue 16, themes: the shipped lexicons' fifth batch. Spanish narrowed for precision (the
held-out half's precision was just under the goal while the development half's was high): words
with an everyday sense besides the code's marked weak or replaced by phrases ("carrera", a
degree of any kind; "formación" alone, a course for any job; "no volví", which also matched "no
volvimos a saber"; "se sentó con"; "que vengan de"; "ser enfermera", which also matched "es
enfermera", now the infinitive only; a queue, a delay, half an hour away; a foster home, exposed
to a virus; dues, one's trade, buying insurance; a web forum, the visiting rules; "inconsciente"
alone, "sin querer"; "mi historia", a medical record; "en mi opinión"; no time for anything, a
watch, a few minutes' wait; not ready for the news), and the assumptions the unconscious-bias list already holds dropped from
the stereotypes'. French widened for recall from the codebook's criteria, as people say it: not
looked at or not believed ("sans lever les yeux", "comme si je n'existais pas", "parlait à mon
mari, pas à moi", "psychosomatique"); the stereotype named and its reason ("syndrome
méditerranéen", "parce que je suis voilée", "à cause de mon handicap", "cas social"); heard by
the whole waiting room, not one's place, the door left open, a birth name; seen between two
doors, one problem a visit; French not spoken or read, doctors' words, small print, lip reading;
word of mouth and community relays; decided for us, a seat at the table; wanting to be a
midwife, pushed towards short courses; carers who speak one's language with one; compulsory
courses; treated as a file, what mattered to me; staff who should be trained, no figures on us,
the inhabitants' say, official messages, simple words, foreign diplomas, talked to like a
child, suspected of drugs or of lying, misgendered, left on a trolley in a corridor). "de chez
nous" alone marked weak. Adds the new shipped entries and switches off the shipped ones the files no
longer hold; researchers' entries and edits are kept (``nlp.lexicon.lexicon_seed_sync``)."""

from django.db import migrations


def sync(apps, schema_editor):
    from nlp.lexicon import lexicon_seed_sync

    lexicon_seed_sync(apps, retire=True)


class Migration(migrations.Migration):
    dependencies = [("nlp", "0010_lexicons_fourth_batch")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
