"""Smaller hardening: login throttling, formula-safe spreadsheet exports, production cookies."""

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from kooperativa.proxy import client_address
from tests.factories import PASSWORD, GoodPracticePageFactory, ModeratorFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def moderator():
    return ModeratorFactory()


def log_in(client, user, password, address="203.0.113.7"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": user.username, "password": password},
        REMOTE_ADDR=address,
    )


def test_repeated_wrong_passwords_lock_the_login_for_that_address(client, settings, moderator):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, moderator, "guess").status_code == 200  # the form again, with an error
    assert log_in(client, moderator, "guess").status_code == 429
    response = log_in(client, moderator, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert log_in(client, moderator, PASSWORD, address="198.51.100.4").status_code == 302, (
        "the same account from elsewhere is not locked out"
    )


def test_the_visitors_address_behind_trusted_proxies():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.7", REMOTE_ADDR="127.0.0.1")
    with override_settings(TRUSTED_PROXY_COUNT=0):
        assert client_address(request) == "127.0.0.1"
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_address(request) == "203.0.113.7", "what the client claims before the proxy is ignored"


def test_csv_exports_carry_no_formulas(client, moderator):
    formula = '=HYPERLINK("http://attacker.example","open")'
    page = GoodPracticePageFactory()
    page.title = formula
    page.save_revision(user=moderator).publish()
    client.force_login(moderator)

    response = client.get(reverse("wagtailadmin_reports:aging_pages"), {"export": "csv"})

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    cells = [cell for row in rows for cell in row]
    assert f"'{formula}" in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@"))]


def test_language_cookie_is_secure_in_production():
    script = (
        "from django.test import Client;"
        "response = Client().post('/i18n/setlang/', {'language': 'hr'}, secure=True);"
        "cookie = response.cookies['django_language'];"
        "print(bool(cookie['secure']), cookie['samesite'], bool(cookie['httponly']))"
    )
    environment = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="kooperativa.settings.production",
        SECRET_KEY="a-production-like-secret-key-for-this-test-only-0123456789",
        ALLOWED_HOSTS="testserver",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "Lax", "True"]
