"""A portable "list contains this item" lookup for JSON arrays of strings.

Django's ``__contains`` on a JSONField is not supported on SQLite, and the development database is
SQLite while production runs PostgreSQL. ``languages__has_item="fr"`` works on both: PostgreSQL's
``?`` operator on jsonb (which a GIN index can serve), and SQLite's ``json_each``.
"""

from django.db import models
from django.db.models import Lookup


@models.JSONField.register_lookup
class HasItem(Lookup):
    lookup_name = "has_item"
    prepare_rhs = False

    def get_prep_lookup(self):
        return str(self.rhs)

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        # NOTE: lhs is a column and rhs a placeholder, both compiled by Django; no user text.
        sql = f"EXISTS (SELECT 1 FROM json_each({lhs}) WHERE json_each.value = {rhs})"  # noqa: S608
        return sql, (*lhs_params, *rhs_params)

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"({lhs} ? {rhs})", (*lhs_params, *rhs_params)
