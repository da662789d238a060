"""Drop the clear-text tokens of DRF's authtoken app, which the project no longer uses.

SECURITY: those tokens were stored in clear and never expired; every one of them stops working.
Their holders create a new token (hashed, expiring: accounts.ApiToken) on the API token page.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_api_token")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", migrations.RunSQL.noop),
    ]
