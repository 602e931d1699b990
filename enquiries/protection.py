"""Keeping automated senders out without a third-party service: a field only robots fill in, a
signed time the form was shown (a person takes a few seconds to write, and an old form is a
harvested one), and a limit on messages per address, counted in the shared cache."""

import re
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils.html import format_html
from django.utils.module_loading import import_string

SIGNING_SALT = "enquiries.form-shown"

# Where a rendered form's per-reader fields go (its CSRF token, the moment it was shown): filled in
# for each response by ``fill_form_tokens``, so a page kept for every reader shows each reader a
# form of their own.
FORM_TOKENS_MARK = "<!--enquiry-form-tokens:{page_id}-->"
FORM_TOKENS = re.compile(rb"<!--enquiry-form-tokens:(\d+)-->")


def form_shown_token(page_id, now=None):
    """The moment the form was shown for this page, signed so it cannot be made up."""
    return signing.dumps(
        {"page": page_id, "shown": int(now if now is not None else time.time())}, salt=SIGNING_SALT
    )


def fill_form_tokens(request, content):
    """``content`` (bytes) with each form's marked place filled in for this request."""
    if b"<!--enquiry-form-tokens:" not in content:
        return content

    def tokens(match):
        page_id = int(match.group(1))
        return format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<input type="hidden" name="shown" value="{}">',
            get_token(request),
            form_shown_token(page_id),
        ).encode()

    return FORM_TOKENS.sub(tokens, content)


def seconds_since_shown(token, page_id, now=None):
    """How long ago the form with this token was shown, or None when the token is not one of ours."""
    try:
        value = signing.loads(token, salt=SIGNING_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or value.get("page") != page_id or not isinstance(value.get("shown"), int):
        return None
    return (now if now is not None else time.time()) - value["shown"]


def client_address(request):
    """The visitor's address behind the site's proxies: the site's own reading of it
    (kooperativa/proxy.py), which settings name for django-axes; taken from there because the apps
    do not import the site configuration."""
    return import_string(settings.AXES_CLIENT_IP_CALLABLE)(request)


def _rate_key(request):
    return f"enquiries:sent:{client_address(request)}"


def rate_limited(request):
    return cache.get(_rate_key(request), 0) >= settings.ENQUIRY_RATE_LIMIT


def count_sent(request):
    """Counts one message from this address; the count starts again ENQUIRY_RATE_WINDOW_MINUTES after
    the first."""
    key = _rate_key(request)
    window = settings.ENQUIRY_RATE_WINDOW_MINUTES * 60
    if cache.add(key, 1, timeout=window):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
