"""Inline style blocks the Content-Security-Policy lets through: each is allowed by the SHA-256 of
its own text, which the ``{% inline_style %}`` tag records on the request as it renders it (the site's
CSP middleware adds them to ``style-src``). A page keeps the same policy, and so the same ETag,
from one request to the next, which a nonce would not."""

import base64
import hashlib


def allow_inline_style(request, css):
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode("ascii")
    sources = request.__dict__.setdefault("inline_style_sources", [])
    source = f"'sha256-{digest}'"
    if source not in sources:
        sources.append(source)


def inline_style_sources(request):
    return getattr(request, "inline_style_sources", [])
