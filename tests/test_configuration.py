"""Production settings refuse to start half-configured; the compose file describes a working stack."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    environment = {
        key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "ALLOWED_HOSTS"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="kooperativa.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "hub.example.org"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": secrets.token_urlsafe(50)}, "ALLOWED_HOSTS must list"),
    ],
)
def test_production_refuses_to_start_without_secret_key_or_hosts(env, message):
    result = manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize(
    ("translator", "message"),
    [
        ("deepl", "DEEPL_AUTH_KEY must be set when MACHINE_TRANSLATOR=deepl"),
        ("libretranslate", "LIBRETRANSLATE_URL must be set when MACHINE_TRANSLATOR=libretranslate"),
    ],
)
def test_a_machine_translator_without_its_settings_is_refused_with_a_message(translator, message):
    secret = secrets.token_urlsafe(50)
    result = manage(
        "check", SECRET_KEY=secret, ALLOWED_HOSTS="hub.example.org", MACHINE_TRANSLATOR=translator
    )
    assert result.returncode != 0
    assert message in result.stderr
    assert "KeyError" not in result.stderr


def test_deployment_checklist_is_clean_under_production_settings():
    result = manage(
        "check", "--deploy", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="hub.example.org"
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


# Asked of the production settings without a database: Django's language view answers without one.
PRODUCTION_HEADERS = """
import json
from django.test import Client
response = Client(HTTP_HOST="hub.example.org").get("/i18n/setlang/", secure=True)
print(json.dumps(dict(response.headers)))
"""


def test_production_answers_carry_the_content_security_and_permissions_policies():
    result = manage(
        "shell",
        "-c",
        PRODUCTION_HEADERS,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="hub.example.org",
    )
    assert result.returncode == 0, result.stderr
    headers = json.loads(result.stdout.strip().splitlines()[-1])
    policy = {part.split()[0]: part.split()[1:] for part in headers["Content-Security-Policy"].split(";")}
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_web_database_and_search(compose):
    assert set(compose["services"]) == {"web", "db", "search"}
    assert compose["services"]["web"]["build"] == "."
    assert "gunicorn" in compose["services"]["web"]["command"]
    command = compose["services"]["web"]["command"]
    assert command.index("migrate") < command.index("setup_roles") < command.index("load_demo_content")
    assert compose["services"]["search"]["image"].startswith(
        "docker.elastic.co/elasticsearch/elasticsearch:9."
    )


def test_compose_waits_for_healthy_services(compose):
    services = compose["services"]
    for name in ("web", "db", "search"):
        assert services[name]["healthcheck"]["test"], name
    assert services["web"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "search": {"condition": "service_healthy"},
    }


def test_compose_keeps_data_in_named_volumes(compose):
    declared = set(compose["volumes"])
    used = {
        volume.split(":")[0]
        for service in compose["services"].values()
        for volume in service.get("volumes", [])
    }
    assert used == declared == {"postgres-data", "search-data", "media"}


def test_compose_web_settings_are_all_documented(compose):
    readme = (ROOT / "README.md").read_text()
    for variable in compose["services"]["web"]["environment"]:
        assert f"`{variable}`" in readme, variable


def test_dockerfile_builds_the_web_image():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("FROM python:3.11")
    assert "requirements.txt" in dockerfile
    assert "kooperativa.wsgi" in dockerfile


def test_the_web_image_has_the_font_of_the_demo_documents_compose_loads():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "apt-get install -y --no-install-recommends fonts-dejavu-core" in dockerfile
