"""The visitor's address when the site runs behind TRUSTED_PROXY_COUNT reverse proxies."""

from django.conf import settings


def client_address(request):
    """Each trusted proxy appends the address it received the request from to X-Forwarded-For,
    so the visitor is the entry that many places from the end; anything before it is what the
    client itself claimed. With no trusted proxy, the connection's own address."""
    if settings.TRUSTED_PROXY_COUNT:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= settings.TRUSTED_PROXY_COUNT:
            return forwarded[-settings.TRUSTED_PROXY_COUNT]
    return request.META.get("REMOTE_ADDR")
