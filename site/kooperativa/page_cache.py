"""Whole pages kept for the readers who are not logged in: the first reader of a page after a change
has it built, the next ones get the same HTML from the shared cache (the ``pages`` cache) in a query
or two, until anything on the site changes.

A page is kept under the content version (practices/content_version.py), so a published change is
seen at once and nothing needs forgetting; and under the day, because the workshop listings split
what is still to come from what has been. Only the pages of the views named in ``KEPT_VIEWS`` are
kept, only as an anonymous reader asked for them with GET, and only when the answer is the same for
every such reader: a 200 in HTML that sets no cookie, uses no CSRF token (a password-protected page's
form does) and was made with every service answering (``answer_may_be_kept``); a search page from
its second asking on, once its answer is kept (search/views.py). The enquiry form's per-reader
fields are filled in for every response as it leaves, kept or not (enquiries/protection.py)."""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone

from enquiries.protection import fill_form_tokens
from practices.content_version import content_version
from practices.per_request import answer_may_be_kept
from search.backends import KEPT_ANSWER_SECONDS

from .headers import is_admin

KEPT_VIEWS = {"wagtail_serve", "untranslated", "region_map", "search"}
# Views whose pages are kept for less than PAGE_CACHE_SECONDS: the search page as long as the
# search's own answers.
KEPT_AT_MOST = {"search": KEPT_ANSWER_SECONDS}


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "page_cache_key", None)
        from_cache = getattr(response, "from_page_cache", False)
        keepable = key is not None and (from_cache or _is_the_same_for_everyone(request, response))
        if keepable and not from_cache:
            kept = (response.content, dict(response.headers), getattr(request, "inline_style_sources", []))
            caches["pages"].set(key, kept, _seconds_to_keep(request.resolver_match.url_name))
        if not response.streaming and response.get("Content-Type", "").startswith("text/html"):
            filled = fill_form_tokens(request, response.content)
            # Without a form's tokens, every reader is sent the same bytes: compressed once.
            response.same_for_everyone = keepable and filled is response.content
            response.content = filled
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _may_be_answered_from_cache(request):
            return None
        request.page_cache_key = _key(request)
        kept = caches["pages"].get(request.page_cache_key)
        if kept is None:
            return None
        content, headers, inline_style_sources = kept
        request.inline_style_sources = list(inline_style_sources)
        response = HttpResponse(content, headers=headers)
        response.from_page_cache = True
        return response


def _may_be_answered_from_cache(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and request.resolver_match is not None
        and request.resolver_match.url_name in KEPT_VIEWS
        and not is_admin(request)
        and not request.user.is_authenticated
    )


def _seconds_to_keep(view_name):
    return min(settings.PAGE_CACHE_SECONDS, KEPT_AT_MOST.get(view_name, settings.PAGE_CACHE_SECONDS))


def _is_the_same_for_everyone(request, response):
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and answer_may_be_kept()
    )


def _key(request):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page:{content_version()}:{timezone.localdate().isoformat()}:{digest}"
