"""What a page says about itself to search engines and link previews: its address and its picture."""

from django.utils.functional import cached_property
from wagtail.images.models import SourceImageIOError

# A page's picture for previews: the largest JPEG its header already shows (practices/images.py),
# so no other rendition is made.
PREVIEW_RENDITION = "format-jpeg|fill-1200x675"


class PageMetadata:
    """The absolute addresses of a page and of its picture, read once for every tag that needs them."""

    def __init__(self, page, request):
        self.page = page
        self.request = request

    def absolute(self, url):
        return self.request.build_absolute_uri(url) if url else ""

    def url_of(self, page):
        return self.absolute(page.get_url(request=self.request))

    @cached_property
    def url(self):
        return self.url_of(self.page)

    @cached_property
    def image(self):
        """The page's picture as a rendition, or None."""
        return self.rendition(getattr(self.page, "image", None), PREVIEW_RENDITION)

    def rendition(self, image, spec):
        """A rendition of ``image``, or None when there is no image or its file is missing."""
        if image is None:
            return None
        try:
            return image.get_rendition(spec)
        except SourceImageIOError:
            return None

    @property
    def image_url(self):
        return self.absolute(self.image.url) if self.image else ""

    @property
    def image_alt(self):
        return getattr(self.page, "image_alt_text", "")
