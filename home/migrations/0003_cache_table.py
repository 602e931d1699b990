from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    """The shared cache's table, when the cache is in the database (no REDIS_URL): every page reads
    the cache, so a site set up with `migrate` alone must have it. `createcachetable` makes it
    again harmlessly."""
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("home", "0002_content_locales")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
