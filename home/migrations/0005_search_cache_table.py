from importlib import import_module

from django.db import migrations

# The search answers' table ("searches", when the caches are in the database) for sites that ran
# 0004 before it was configured.
create_cache_table = import_module("home.migrations.0003_cache_table").create_cache_table


class Migration(migrations.Migration):
    dependencies = [("home", "0004_page_cache_table")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
