"""The headers every response carries: its Content-Security-Policy (the admin's looser than the
public pages'), its Permissions-Policy, its compression and how it may be cached; and the document
downloads' headers put right."""

from collections import OrderedDict
from contextlib import suppress
from functools import cache
from threading import Lock

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve

from home.inline_styles import inline_style_sources

# Types worth compressing; images, PDFs, ZIPs and office files are compressed already.
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/xml", "application/atom+xml")
# Pages whose compressed bytes each worker keeps (about 10 KiB each).
COMPRESSED_PAGES_KEPT = 500


@cache
def admin_prefix():
    return reverse("wagtailadmin_home")


def is_admin(request):
    """The admin's addresses, and the previews it shows in a frame: Wagtail renders a preview by
    sending a made-up request for the page's public address (flagged ``is_dummy``) through the
    middleware."""
    return request.path_info.startswith(admin_prefix()) or getattr(request, "is_dummy", False)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, whose directives the admin (and its previews) get replaced by
    ``ADMIN_CONTENT_SECURITY_POLICY``, and which adds the hashes of the page's own inline styles
    (home/inline_styles.py) to ``style-src``."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if is_admin(request):
            parts.replace = {**settings.ADMIN_CONTENT_SECURITY_POLICY, **(parts.replace or {})}
        styles = inline_style_sources(request)
        if styles:
            update = parts.update or {}
            parts.update = {**update, "style-src": [*update.get("style-src", []), *styles]}
        return parts


class PermissionsPolicyMiddleware:
    """Turns off the browser features the hub never uses, for it and anything it embeds."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


class CompressTextMiddleware(GZipMiddleware):
    """Django's gzip, for text only: downloads keep their Content-Length and are not packed twice.
    A page that every reader is sent alike (``same_for_everyone``: page_cache.py) is compressed
    once in each worker, and its compressed bytes sent again while its ETag is the same.

    BREACH (guessing a secret from the compressed size of pages that reflect the attacker's input
    next to it) is answered by Django's CSRF protection itself: the CSRF token in a form is masked
    with fresh random bytes on every response, so it never repeats for compression to reveal. The
    public pages carry no secret at all; the admin's forms carry only masked tokens."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.compressed = OrderedDict()
        self.lock = Lock()

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES):
            return response
        etag = response.get("ETag", "")
        reusable = etag.startswith('"') and response.status_code == 200
        reusable = reusable and getattr(response, "same_for_everyone", False)
        compressed = self.recall(etag) if reusable else None
        if compressed is None or not re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            response = super().process_response(request, response)
            if reusable and response.get("Content-Encoding") == "gzip":
                self.remember(etag, response.content)
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        response.headers["ETag"] = f"W/{etag}"
        response.headers["Content-Encoding"] = "gzip"
        return response

    def recall(self, etag):
        with self.lock:
            compressed = self.compressed.get(etag)
            if compressed is not None:
                self.compressed.move_to_end(etag)
            return compressed

    def remember(self, etag, compressed):
        with self.lock:
            self.compressed[etag] = compressed
            if len(self.compressed) > COMPRESSED_PAGES_KEPT:
                self.compressed.popitem(last=False)


class CacheControlMiddleware:
    """HTML is checked with the site on every view (``no-cache``; ConditionalGetMiddleware's ETag
    answers an unchanged page with a 304), so a published change is seen at once; what a logged-in
    person is shown (the userbar, drafts in previews, the admin) is never stored anywhere
    (``private, no-store``). A response that says how to cache itself keeps its own header, except
    that a logged-in person's is always made private and unstored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response


def serve_document(request, document_id, document_filename):
    """Wagtail's document view, with an ETag for every document and no ``Content-Encoding: None``.

    Wagtail takes the ETag from the file's hash, empty for a document saved without its form (the
    demo loader's, imports); it sends ``ETag: ""`` then. ``get_file_hash`` computes and saves it
    once. Wagtail's sendfile also writes the file's guessed encoding, ``None`` for every document
    that is not itself compressed, as a literal header."""
    document = get_document_model().objects.filter(pk=document_id, file_hash="").first()
    if document is not None:
        with suppress(OSError):  # the file is gone: Wagtail's view answers that
            document.get_file_hash()
    response = serve(request, document_id, document_filename)
    if response.get("Content-Encoding") == "None":
        del response["Content-Encoding"]
    return response
