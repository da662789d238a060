"""Migrations 0004 (texts into ``Code.translations``, reversible) and 0005 (the default codebook's
new languages for an existing install), run forwards and backwards on the test database."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("coding", "0003_applications_memos")]
AFTER_0004 = [("coding", "0004_code_translations")]
LATEST = [("coding", "0005_default_codebook_languages")]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def _old_world(apps):
    Codebook = apps.get_model("coding", "Codebook")
    Code = apps.get_model("coding", "Code")
    CodebookVersion = apps.get_model("coding", "CodebookVersion")
    book = Codebook.objects.create(name="Themes", slug="action-themes", is_default=True)
    theme = Code.objects.create(
        codebook=book,
        key="person_centred",
        label_en="Put the person first",
        label_fr="La personne d'abord",
        description_en="Our own description",
        description_fr="",
        inclusion_criteria="Any care",
        exclusion_criteria="",
        example="",
    )
    other = Codebook.objects.create(name="Mine", slug="mine")
    mine = Code.objects.create(codebook=other, key="care", label_en="Care", label_fr="Soins")
    CodebookVersion.objects.create(
        codebook=book,
        number=1,
        summary="Created",
        snapshot={
            "codes": [{"guid": "g", "key": "person_centred", "label_en": "Old", "label_fr": ""}]
        },
    )
    return theme.pk, mine.pk


def test_texts_move_into_translations_and_back():
    try:
        theme_pk, mine_pk = _old_world(_migrate(BEFORE))
        apps = _migrate(AFTER_0004)
        Code = apps.get_model("coding", "Code")
        assert Code.objects.get(pk=theme_pk).translations == {
            "en": {
                "label": "Put the person first",
                "description": "Our own description",
                "inclusion_criteria": "Any care",
            },
            "fr": {"label": "La personne d'abord"},
        }
        assert Code.objects.get(pk=mine_pk).translations == {
            "en": {"label": "Care"},
            "fr": {"label": "Soins"},
        }
        version = apps.get_model("coding", "CodebookVersion").objects.get()
        assert version.snapshot["codes"][0]["translations"] == {"en": {"label": "Old"}}
        assert "label_en" not in version.snapshot["codes"][0]

        apps = _migrate(LATEST)
        Code = apps.get_model("coding", "Code")
        theme = Code.objects.get(pk=theme_pk)
        # The team's own words stay; what was missing is filled, in every language.
        assert theme.translations["en"]["label"] == "Put the person first"
        assert theme.translations["en"]["description"] == "Our own description"
        assert theme.translations["en"]["example"]  # the default example, added
        assert theme.translations["fr"]["label"] == "La personne d'abord"
        assert theme.translations["ja"]["label"] == "全人的で、その人を中心としたケアを優先する"
        assert set(theme.translations) == {"en", "fr", "pt-br", "es", "de", "ja"}
        assert set(Code.objects.get(pk=mine_pk).translations) == {"en", "fr"}  # not default

        apps = _migrate(BEFORE)
        Code = apps.get_model("coding", "Code")
        theme = Code.objects.get(pk=theme_pk)
        assert (theme.label_en, theme.label_fr) == ("Put the person first", "La personne d'abord")
        assert theme.description_en == "Our own description"
        assert theme.inclusion_criteria == "Any care"
        mine = Code.objects.get(pk=mine_pk)
        assert (mine.label_en, mine.label_fr, mine.description_fr) == ("Care", "Soins", "")
        version = apps.get_model("coding", "CodebookVersion").objects.get()
        assert version.snapshot["codes"][0]["label_en"] == "Old"
        assert "translations" not in version.snapshot["codes"][0]
    finally:
        _migrate(LATEST)
