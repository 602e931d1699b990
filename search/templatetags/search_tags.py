from django import template

from practices.cards import for_cards
from search.backends import similar_pages

register = template.Library()


@register.simple_tag
def similar(page, size=4):
    """Pages like this one in its own language (the engine's "more like this", or shared themes
    on the database), for "Similar practices"."""
    return for_cards(similar_pages(page, size))
