"""The shared cache on Redis, which the site rides out being without.

Everything the hub keeps in its cache can be built again from the database, so while Redis cannot be
reached (refused, or silent past REDIS_TIMEOUT) each read is a miss and each write is dropped: pages
are built from the database and the enquiry limit counts nothing. After a failure the process leaves
Redis alone for REDIS_RETRY_SECONDS instead of waiting on it in every request; the first operation
after that empties the cache before anything else, because a write this process dropped may have
been the removal of an entry that is no longer true (Wagtail's site root paths after a site was
edited)."""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)

# Django gives each thread a cache object of its own; what this process knows of the server is shared.
_unreachable_until = {}
_lock = threading.Lock()


class ForgivingRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_seconds = options.pop("RETRY_SECONDS", 10)
        super().__init__(server, {**params, "OPTIONS": options})
        self.server_key = server

    def _attempt(self, operation, miss):
        with _lock:
            until = _unreachable_until.get(self.server_key)
        if until is not None:
            if time.monotonic() < until:
                return miss()
            try:
                super().clear()
            except UNREACHABLE as error:
                return self._unreachable(error, miss)
            with _lock:
                _unreachable_until.pop(self.server_key, None)
            logger.warning(
                "The cache at %s answers again; emptied it of what may have gone stale", self.server_key
            )
        try:
            return operation()
        except UNREACHABLE as error:
            return self._unreachable(error, miss)

    def _unreachable(self, error, miss):
        with _lock:
            first = self.server_key not in _unreachable_until
            _unreachable_until[self.server_key] = time.monotonic() + self.retry_seconds
        if first:
            logger.warning(
                "The cache at %s cannot be reached (%s): working without it, trying again in %s s",
                self.server_key,
                error,
                self.retry_seconds,
            )
        return miss()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(lambda: super(ForgivingRedisCache, self).add(key, value, timeout, version), bool)

    def get(self, key, default=None, version=None):
        return self._attempt(
            lambda: super(ForgivingRedisCache, self).get(key, default, version), lambda: default
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._attempt(lambda: super(ForgivingRedisCache, self).set(key, value, timeout, version), type(None))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(lambda: super(ForgivingRedisCache, self).touch(key, timeout, version), bool)

    def delete(self, key, version=None):
        return self._attempt(lambda: super(ForgivingRedisCache, self).delete(key, version), bool)

    def get_many(self, keys, version=None):
        return self._attempt(lambda: super(ForgivingRedisCache, self).get_many(keys, version), dict)

    def has_key(self, key, version=None):
        return self._attempt(lambda: super(ForgivingRedisCache, self).has_key(key, version), bool)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found")

        return self._attempt(lambda: super(ForgivingRedisCache, self).incr(key, delta, version), missing)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(
            lambda: super(ForgivingRedisCache, self).set_many(data, timeout, version), lambda: list(data)
        )

    def delete_many(self, keys, version=None):
        self._attempt(lambda: super(ForgivingRedisCache, self).delete_many(keys, version), type(None))

    def clear(self):
        return self._attempt(lambda: super(ForgivingRedisCache, self).clear(), bool)
