"""Two of Django's cache backends, each with one thing done differently.

``ReusedClientRedisCache``: Django's ``RedisCacheClient.get_client()`` builds
a new ``redis.Redis`` for every cache call, and redis-py's constructor fills a
table of about 170 response callbacks each time. On a page served from the
cache that was a third of the request. The client is only a thin, thread-safe
front to its connection pool (which redis-py already makes fork-safe), so it
can be kept.

``AtomicIncrFileBasedCache``: Django's ``incr()`` for the file cache is
``get()`` then ``set()`` with the default timeout. Every count restarted the
entry's lifetime, so the contact form's ten-minute rate-limit window became
"five minutes after the last try", and two workers counting at once could
both write the same number. Here ``incr()`` counts in place under the file's
lock, as Django's own ``touch()`` does, and keeps the expiry, as Redis's INCR
does.
"""

import pickle
import time
import zlib

from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.core.files import locks


class ReusedRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients = {}

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
    def incr(self, key, delta=1, version=None):
        try:
            with open(self._key_to_file(key, version), "r+b") as f:
                locks.lock(f, locks.LOCK_EX)
                try:
                    expiry = pickle.load(f)
                    if expiry is not None and expiry < time.time():
                        raise ValueError(f"Key '{key}' not found")
                    value = pickle.loads(zlib.decompress(f.read())) + delta
                    f.seek(0)
                    f.write(pickle.dumps(expiry, self.pickle_protocol))
                    f.write(zlib.compress(pickle.dumps(value, self.pickle_protocol)))
                    f.truncate()
                    return value
                finally:
                    locks.unlock(f)
        except (FileNotFoundError, EOFError):
            raise ValueError(f"Key '{key}' not found") from None
