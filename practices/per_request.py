"""What one request reads once and shares between the templates and helpers that ask for it (the
content version, the request itself for Wagtail's cached site roots), forgotten when the request
ends. Outside a request (a management command, a test calling a helper) nothing is kept: each call
reads afresh. And whether what it answers may be kept for the next readers (the site's page
cache): not when a service it depends on failed."""

from contextvars import ContextVar

_served = ContextVar("served_request", default=None)


class PerRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _served.set((request, {}))
        try:
            return self.get_response(request)
        finally:
            _served.reset(token)


def current_request():
    """The request being served, or None."""
    served = _served.get()
    return served[0] if served else None


def once_per_request(key, read):
    """``read()``, called once a request under ``key`` (every time outside a request)."""
    served = _served.get()
    if served is None:
        return read()
    kept = served[1]
    if key not in kept:
        kept[key] = read()
    return kept[key]


def forget_for_this_request(key):
    served = _served.get()
    if served is not None:
        served[1].pop(key, None)


UNKEEPABLE = "unkeepable"


def answer_not_to_keep():
    """Says that this request's answer must not be kept for other readers: it was made without a
    service that failed, or is not worth keeping (a search page asked for the first time)."""
    served = _served.get()
    if served is not None:
        served[1][UNKEEPABLE] = True


def answer_may_be_kept():
    served = _served.get()
    return served is None or not served[1].get(UNKEEPABLE, False)
