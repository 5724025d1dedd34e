"""Two of Django's cache backends, with a few things done differently.

``ReusedClientRedisCache``: Django's ``RedisCacheClient.get_client()`` builds
a new ``redis.Redis`` for every cache call, and redis-py's constructor fills a
table of about 170 response callbacks each time. On a page served from the
cache that was a third of the request. The client is only a thin, thread-safe
front to its connection pool (which redis-py already makes fork-safe), so it
can be kept. And each worker leaves a Redis that stops answering alone for
a while (``steadfast.outages``) instead of waiting out the socket timeout on
every call: two or three waits per page, the health check included.

``AtomicIncrFileBasedCache``: Django's ``incr()`` for the file cache is
``get()`` then ``set()`` with the default timeout. Every count restarted the
entry's lifetime, so the contact form's ten-minute rate-limit window became
"five minutes after the last try", and two workers counting at once could
both write the same number. Here ``add()`` and ``incr()`` work in place under
the file's lock, as Django's own ``touch()`` does, and ``incr()`` keeps the
expiry, as Redis's INCR does.
"""

import functools
import os
import pickle
import time
import zlib
from contextlib import contextmanager

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.core.files import locks

from steadfast.outages import Pause


def unless_recently_unavailable(method):
    """The client's method, failing at once while Redis is paused."""

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        failures = (self._lib.ConnectionError, self._lib.TimeoutError)
        with self._pause.guard(failures, self._lib.ConnectionError):
            return method(self, *args, **kwargs)

    return call


class ReusedRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._pause = Pause("Redis")

    add = unless_recently_unavailable(RedisCacheClient.add)
    get = unless_recently_unavailable(RedisCacheClient.get)
    set = unless_recently_unavailable(RedisCacheClient.set)
    touch = unless_recently_unavailable(RedisCacheClient.touch)
    delete = unless_recently_unavailable(RedisCacheClient.delete)
    get_many = unless_recently_unavailable(RedisCacheClient.get_many)
    has_key = unless_recently_unavailable(RedisCacheClient.has_key)
    incr = unless_recently_unavailable(RedisCacheClient.incr)
    set_many = unless_recently_unavailable(RedisCacheClient.set_many)
    delete_many = unless_recently_unavailable(RedisCacheClient.delete_many)
    clear = unless_recently_unavailable(RedisCacheClient.clear)

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusedClientRedisCache(RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient


class AtomicIncrFileBasedCache(FileBasedCache):
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's add() is has_key() then set(), and set() replaces the file:
        # two workers starting a count at once could each start it, or
        # replace a file that incr() was counting in.
        fname = self._key_to_file(key, version)
        if not os.path.exists(fname):
            self._createdir()
            self._cull()
        with self._locked(os.open(fname, os.O_RDWR | os.O_CREAT, 0o600)) as f:
            if self._live_entry(f) is not None:
                return False
            f.seek(0)
            self._write_content(f, timeout, value)
            f.truncate()
            return True

    def incr(self, key, delta=1, version=None):
        try:
            with self._locked(self._key_to_file(key, version)) as f:
                entry = self._live_entry(f)
                if entry is None:
                    raise ValueError(f"Key '{key}' not found")
                expiry, value = entry
                value += delta
                f.seek(0)
                f.write(pickle.dumps(expiry, self.pickle_protocol))
                f.write(zlib.compress(pickle.dumps(value, self.pickle_protocol)))
                f.truncate()
                return value
        except FileNotFoundError:
            raise ValueError(f"Key '{key}' not found") from None

    @contextmanager
    def _locked(self, file):
        """The entry's file, open for update under an exclusive lock."""
        with open(file, "r+b") as f:
            locks.lock(f, locks.LOCK_EX)
            try:
                yield f
            finally:
                locks.unlock(f)

    def _live_entry(self, f):
        """(expiry, value), or None when the file is empty or has expired."""
        try:
            expiry = pickle.load(f)
        except EOFError:
            return None
        if expiry is not None and expiry < time.time():
            return None
        return expiry, pickle.loads(zlib.decompress(f.read()))
