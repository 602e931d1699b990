from wagtail import hooks

from .backends import similar_pages

# A practice's "similar practices" (practices/cards.py): the engine's "more like this", or shared
# themes on the database.
hooks.register("similar_pages", similar_pages)
