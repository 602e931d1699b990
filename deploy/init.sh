#!/bin/sh
# What a deployment runs once before its web containers start (docker-compose.yml's init service):
# the schema, the roles and review workflow, the demo content when LOAD_DEMO_CONTENT=true, and the
# search indexes when ELASTICSEARCH_URL is set. Every step is safe to run again.
set -eu

python manage.py migrate --no-input
python manage.py setup_roles
if [ "${LOAD_DEMO_CONTENT:-false}" = true ]; then
    # Its accounts share a published password: a local trial only, never a public site.
    python manage.py load_demo_content --allow-demo-users
fi
if [ -n "${ELASTICSEARCH_URL:-}" ]; then
    python manage.py search_index rebuild
fi
