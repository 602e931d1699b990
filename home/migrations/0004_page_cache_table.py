from importlib import import_module

from django.db import migrations

# The page cache's table ("pages", when the caches are in the database) for sites that ran 0003
# before it was configured: `createcachetable` makes each configured table that is missing.
create_cache_table = import_module("home.migrations.0003_cache_table").create_cache_table


class Migration(migrations.Migration):
    dependencies = [("home", "0003_cache_table")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
