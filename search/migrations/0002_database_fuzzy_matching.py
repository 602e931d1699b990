"""On PostgreSQL: accent-insensitive full text and trigram matching for the database fallback.

Enables the ``unaccent`` and ``pg_trgm`` extensions (contrib, trusted on PostgreSQL 13+, so the
database owner may create them) and adds:

* the text search configuration ``kooperativa`` (settings: ``SEARCH_CONFIG``): words without
  their accents, then English stemming, so "pristupacnost" finds "pristupačnost";
* for ``Fuzzy(…, unaccent=True)`` queries of Wagtail's database search (django-modelsearch): the
  immutable ``f_unaccent`` wrapper it expects and GIN trigram indexes on the text it compares.

Other databases have none of this: there the fallback normalises in Python only. Wagtail's search
index must be rebuilt after this migration on an existing site (``manage.py update_index``).
"""

from django.db import migrations

FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'kooperativa') THEN
           CREATE TEXT SEARCH CONFIGURATION kooperativa (COPY = pg_catalog.simple);
           ALTER TEXT SEARCH CONFIGURATION kooperativa
             ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
         END IF;
       END $$""",
    """CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT public.unaccent('public.unaccent', $1) $$""",
    "CREATE INDEX IF NOT EXISTS kooperativa_title_text_unaccent_trgm "
    "ON wagtailsearch_indexentry USING gin (f_unaccent(title_text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS kooperativa_body_text_unaccent_trgm "
    "ON wagtailsearch_indexentry USING gin (f_unaccent(body_text) gin_trgm_ops)",
]
BACKWARDS = [
    "DROP INDEX IF EXISTS kooperativa_body_text_unaccent_trgm",
    "DROP INDEX IF EXISTS kooperativa_title_text_unaccent_trgm",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS kooperativa",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(run(FORWARDS), run(BACKWARDS))]
