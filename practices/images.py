"""The images of practices, materials, workshops and learning paths: the renditions their cards and
pages show, and those renditions fetched for a whole list of cards at once.

A card's ``{% picture %}`` asks its image for several renditions (sizes and formats). Fetched one
card at a time, that is a query for the image and one for its renditions per card; fetched here, it
is two queries for the whole list, however long. Every rendition of each image comes along (a few
rows each), whatever the templates ask for.

WebP with a JPEG fallback, not AVIF: Wagtail writes AVIF through Willow at libavif's default encoder
speed, which took ten to twenty times as long as WebP for the same picture (0.6 to 1.3 s a
rendition on a busy 2-core machine, against 0.1 to 0.25 s) and made files hardly smaller for flat
illustrations; the first readers of a new page would wait for it.
"""

from django.db.models import QuerySet
from wagtail.images import get_image_model
from wagtail.images.models import Filter

# What templates/components/card.html and templates/practices/detail_base.html ask for: a card's
# image fills a column (at most about 28rem), a page's the width of its text.
CARD_RENDITIONS = "format-{webp,jpeg} fill-{400x225,800x450}"
PAGE_RENDITIONS = "format-{webp,jpeg} fill-{800x450,1200x675}"
RENDITIONS = list(dict.fromkeys(Filter.expand_spec(CARD_RENDITIONS) + Filter.expand_spec(PAGE_RENDITIONS)))


def with_images(pages):
    """``pages`` with their images and the images' renditions fetched in bulk: a queryset (the
    fetching then happens when it is evaluated) or a list of pages of any types (fetched now, in two
    queries for the whole list: a page and the cards it shows can be read together)."""
    if isinstance(pages, QuerySet):
        return pages.select_related("image").prefetch_related("image__renditions")
    wanted = {page.image_id for page in pages if page.image_id}
    if wanted:
        images = get_image_model().objects.prefetch_related("renditions").in_bulk(wanted)
        for page in pages:
            if page.image_id in images:
                page.image = images[page.image_id]
    return pages
