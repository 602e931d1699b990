"""The admin, opened in a real browser by a moderator, asks nothing of other sites: no avatars
from gravatar.com, no fonts or scripts from a CDN."""

import pytest

from tests.browser import BASE
from tests.factories import ModeratorFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_needs_no_other_site(browse, client):
    client.force_login(ModeratorFactory())
    tab = browse()
    response = tab.goto(f"{BASE}/admin/")
    assert response.status == 200
    tab.wait_for_load_state("networkidle")
    assert tab.locator("#main").count() == 1
