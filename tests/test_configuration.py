"""Production settings refuse to start half-configured; the compose file describes a working stack."""

import json
import os
import re
import secrets
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
import yaml
from django.core import signing

from practices.roles import MODERATORS, TRAINERS

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


def test_a_rotated_secret_key_still_reads_what_its_predecessor_signed():
    old_key, new_key = secrets.token_urlsafe(50), secrets.token_urlsafe(50)
    signed = signing.dumps("a moderator's session", key=old_key)
    read = f"from django.core import signing; print(signing.loads({signed!r}))"
    hosts = {"ALLOWED_HOSTS": "hub.example.org"}
    rotating = manage(
        "shell", "--no-imports", "-c", read, SECRET_KEY=new_key, SECRET_KEY_FALLBACKS=old_key, **hosts
    )
    rotated = manage("shell", "--no-imports", "-c", read, SECRET_KEY=new_key, **hosts)
    assert rotating.stdout.strip() == "a moderator's session", rotating.stderr
    assert "BadSignature" in rotated.stderr


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


def test_production_cookies_are_secure_unless_the_environment_says_otherwise():
    show = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE)"
    )
    secret = secrets.token_urlsafe(50)
    default = manage("shell", "--no-imports", "-c", show, SECRET_KEY=secret, ALLOWED_HOSTS="hub.example.org")
    over_http = manage(
        "shell",
        "--no-imports",
        "-c",
        show,
        SECRET_KEY=secret,
        ALLOWED_HOSTS="hub.example.org",
        SECURE_COOKIES="false",
    )
    assert default.stdout.split() == ["True", "True", "True"], default.stderr
    assert over_http.stdout.split() == ["False", "False", "False"], over_http.stderr


def test_compose_runs_init_web_database_and_search(compose):
    services = compose["services"]
    assert set(services) == {"init", "web", "proxy", "db", "search", "redis"}
    assert services["init"]["build"] == services["web"]["build"] == "."
    assert services["init"]["image"] == services["web"]["image"]
    assert services["search"]["image"].startswith("docker.elastic.co/elasticsearch/elasticsearch:9.")


def test_every_process_of_the_compose_stack_shares_its_redis_as_the_cache(compose):
    services = compose["services"]
    assert services["redis"]["image"].startswith("redis:7.")
    # A cache: nothing kept on disk, and it makes room for new entries itself.
    command = services["redis"]["command"]
    assert command[command.index("--save") + 1] == "" and command[command.index("--appendonly") + 1] == "no"
    assert command[command.index("--maxmemory-policy") + 1] == "allkeys-lru"
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    for name in ("init", "web"):
        assert services[name]["environment"]["REDIS_URL"] == "redis://redis:6379/0", name
    assert services["web"]["depends_on"]["redis"] == {"condition": "service_healthy"}


def test_compose_runs_the_one_off_jobs_once_before_the_web_containers(compose):
    services = compose["services"]
    assert services["init"]["command"] == ["deploy/init.sh"]
    assert services["init"]["restart"] == "no"
    # The web containers run the image's own command, gunicorn, and nothing before it.
    assert "command" not in services["web"] and "entrypoint" not in services["web"]
    assert services["web"]["depends_on"]["init"] == {"condition": "service_completed_successfully"}


def test_the_init_script_migrates_and_sets_up_roles_without_demo_content_unless_asked(tmp_path):
    database = tmp_path / "hub.sqlite3"
    environment = {key: value for key, value in os.environ.items() if key != "LOAD_DEMO_CONTENT"}
    environment.update(
        DJANGO_SETTINGS_MODULE="kooperativa.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="hub.example.org",
        DATABASE_URL=f"sqlite:///{database}",
        ELASTICSEARCH_URL="",
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    )
    result = subprocess.run(
        [ROOT / "deploy" / "init.sh"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    with closing(sqlite3.connect(database)) as connection:
        groups = {name for (name,) in connection.execute("SELECT name FROM auth_group")}
        users = connection.execute("SELECT count(*) FROM auth_user").fetchone()[0]
        tables = {
            name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    assert {MODERATORS, TRAINERS} <= groups
    assert {"hub_cache", "hub_page_cache", "hub_search_cache"} <= tables
    assert users == 0


def test_compose_loads_the_demo_content_only_when_asked(compose):
    init = compose["services"]["init"]
    assert init["environment"]["LOAD_DEMO_CONTENT"] == "${LOAD_DEMO_CONTENT:-false}"
    script = (ROOT / "deploy" / "init.sh").read_text()
    assert script.count("load_demo_content") == 1
    assert '[ "${LOAD_DEMO_CONTENT:-false}" = true ]' in script


def test_compose_waits_for_healthy_services(compose):
    services = compose["services"]
    for name in ("web", "db", "search"):
        assert services[name]["healthcheck"]["test"], name
    for name in ("init", "web"):
        assert services[name]["depends_on"]["db"] == {"condition": "service_healthy"}, name
        assert services[name]["depends_on"]["search"] == {"condition": "service_healthy"}, name


def test_the_database_health_check_asks_over_tcp(compose):
    test = compose["services"]["db"]["healthcheck"]["test"]
    assert test[:4] == ["CMD", "pg_isready", "-h", "127.0.0.1"]


def test_long_running_services_come_back_after_a_crash_or_a_reboot(compose):
    for name, service in compose["services"].items():
        if name != "init":
            assert service["restart"] == "unless-stopped", name


def test_the_search_node_has_the_test_nodes_disk_watermark_setting(compose):
    test_node = (ROOT / ".ci" / "elasticsearch" / "node.sh").read_text()
    assert "cluster.routing.allocation.disk.threshold_enabled: false" in test_node
    search = compose["services"]["search"]["environment"]
    assert search["cluster.routing.allocation.disk.threshold_enabled"] == "false"


def test_compose_keeps_data_in_named_volumes(compose):
    declared = set(compose["volumes"])
    used = {
        volume.split(":")[0]
        for service in compose["services"].values()
        for volume in service.get("volumes", [])
        if not volume.startswith("./")
    }
    assert used == declared == {"postgres-data", "search-data", "media", "static"}


def test_the_proxy_runs_the_configuration_the_tests_run_with_every_variable_it_needs(compose):
    proxy = compose["services"]["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert (
        "./deploy/nginx/hub.conf.template:/etc/nginx/templates/default.conf.template:ro" in proxy["volumes"]
    )
    template = (ROOT / "deploy" / "nginx" / "hub.conf.template").read_text()
    needed = set(re.findall(r"\$\{(HUB_[A-Z_]+)\}", template))
    assert needed == {name for name in proxy["environment"] if name.startswith("HUB_")}
    assert proxy["environment"]["NGINX_ENVSUBST_FILTER"] == "^HUB_"
    # Only the proxy faces the network; the web containers' gunicorn is reached through it.
    assert "ports" not in compose["services"]["web"]
    assert compose["services"]["web"]["environment"]["TRUSTED_PROXY_COUNT"] == "1"


def test_the_hub_user_owns_every_folder_the_compose_file_mounts_into_its_containers(compose):
    dockerfile = (ROOT / "Dockerfile").read_text()
    [prepare] = re.findall(r"mkdir -p ([^&]+) && chown -R hub:hub ([^\n]+)", dockerfile)
    made, owned = prepare[0].split(), prepare[1].split()
    for name in ("init", "web"):
        for volume in compose["services"][name]["volumes"]:
            folder = volume.split(":")[1]
            assert folder in made, folder
            assert any(folder == owner or folder.startswith(f"{owner}/") for owner in owned), folder


def test_compose_hub_settings_are_all_documented(compose):
    readme = (ROOT / "README.md").read_text()
    for name in ("init", "web"):
        for variable in compose["services"][name]["environment"]:
            assert f"`{variable}`" in readme, variable


def pins(requirements):
    return dict(re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", (ROOT / requirements).read_text(), re.MULTILINE))


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.parametrize(
    ("requirements", "lock"),
    [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")],
)
def test_the_lock_files_install_what_the_requirements_pin(requirements, lock):
    locked = {canonical(name): version for name, version in pins(lock).items()}
    for name, version in pins(requirements).items():
        assert locked.get(canonical(name)) == version, f"{name}=={version} is not in {lock}: run make lock"
    assert re.search(r"==\S+ \\\n\s+--hash=sha256:", (ROOT / lock).read_text())


def test_the_image_installs_what_the_tests_ran_with():
    image = pins("requirements.lock")
    tests = pins("requirements-dev.lock")
    assert {name: tests.get(name) for name in image} == image


def test_dockerfile_builds_the_web_image():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("FROM python:3.11")
    assert "pip install --no-cache-dir --require-hashes -r requirements.lock" in dockerfile
    assert "kooperativa.wsgi" in dockerfile


def test_the_web_image_runs_gunicorn_itself_so_it_receives_sigterm():
    dockerfile = (ROOT / "Dockerfile").read_text()
    commands = [line for line in dockerfile.splitlines() if line.startswith("CMD ")]
    assert len(commands) == 1
    command = json.loads(commands[0].removeprefix("CMD "))
    assert command[:2] == ["gunicorn", "--pythonpath"]
    assert "kooperativa.wsgi" in command


def test_the_web_image_has_the_font_of_the_demo_documents_compose_loads():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "apt-get install -y --no-install-recommends fonts-dejavu-core" in dockerfile
