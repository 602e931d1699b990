#!/bin/sh
# What a deployment runs once before its web containers start (docker-compose.yml's init service):
# the static files copied where the proxy serves them when PROXY_STATIC_ROOT is set, the schema
# and the shared cache's table, the roles and review workflow, the demo content when LOAD_DEMO_CONTENT=true, and the search
# indexes when ELASTICSEARCH_URL is set. Every step is safe to run again.
set -eu

if [ -n "${PROXY_STATIC_ROOT:-}" ]; then
    # Earlier releases' files stay: pages cached from them still ask for their names.
    cp -R staticfiles/. "$PROXY_STATIC_ROOT"/
fi

python manage.py migrate --no-input
# The shared cache's table (unused, and harmless, when REDIS_URL names a Redis instead).
python manage.py createcachetable
python manage.py setup_roles
if [ "${LOAD_DEMO_CONTENT:-false}" = true ]; then
    # Its accounts share a published password: a local trial only, never a public site.
    python manage.py load_demo_content --allow-demo-users
fi
if [ -n "${ELASTICSEARCH_URL:-}" ]; then
    python manage.py search_index rebuild
fi
