"""The one append-only, hash-chained audit log (issue 14, point 4).

The lowest layer: it imports no project app, so every app (core and accounts included) may
write to it with ``audit.services.audit_record``. See audit/README.md.
"""
