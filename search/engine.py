"""The Elasticsearch client, and whether the engine is worth asking right now.

After a failure the engine is left alone for ``SEARCH_ENGINE_RETRY_SECONDS``: searches answer
from the database and index updates go to the backlog meanwhile, instead of each waiting for the
same timeout.
"""

import logging
import time
from functools import cache

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.exceptions import ApiError, TransportError
from elasticsearch.helpers import BulkIndexError

logger = logging.getLogger(__name__)

ERRORS = (TransportError, ApiError, BulkIndexError, ConnectionError, OSError)

_down_until = 0.0


def configured():
    return bool(settings.ELASTICSEARCH_URL)


def available():
    """Configured, and not known to have failed within the last SEARCH_ENGINE_RETRY_SECONDS."""
    return configured() and time.monotonic() >= _down_until


def failed(error):
    global _down_until
    _down_until = time.monotonic() + settings.SEARCH_ENGINE_RETRY_SECONDS
    logger.error("Search engine unavailable: %s", error)


def forget_failure():
    """Try the engine again at once (tests, and after an operator fixed the engine)."""
    global _down_until
    _down_until = 0.0


def node_urls():
    """The cluster's nodes the site may ask: ``ELASTICSEARCH_URL`` lists one or more, separated by
    commas; a request that finds one down is sent to the next."""
    return [url.strip() for url in settings.ELASTICSEARCH_URL.split(",") if url.strip()]


@cache
def client():
    return Elasticsearch(
        node_urls(),
        request_timeout=settings.ELASTICSEARCH_TIMEOUT,
        max_retries=1,
        retry_on_timeout=False,
    )
