"""Who a client is, and how often it came: the rate limits' helpers."""

import ipaddress
import logging
import os
import pickle
import time
import zlib
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, unless it is a proxy we trust.

    X-Forwarded-For is only believed when the request came from an address in
    CONTACT_TRUSTED_PROXIES. Then the client is the right-most entry that is
    an address and not one of our proxies: entries to its left are the
    client's to forge, and our proxy always appends the address it saw. An
    entry that is no address ("unknown", an obfuscated name) is a hop that
    could not be identified, skipped rather than blamed on our proxy, whose
    own address would otherwise be one bucket shared by every such client.

    An IPv6 client is its /64: one subscriber usually holds the whole
    network, so counting each address would hand it unlimited buckets.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = set(settings.CONTACT_TRUSTED_PROXIES)
    if remote not in trusted:
        return address_bucket(remote) or remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed(forwarded.split(",")):
        address = forwarded_address(entry)
        if address is not None and str(address) not in trusted:
            return address_bucket(str(address))
    return address_bucket(remote) or remote


def forwarded_address(
    entry: str,
) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address in one X-Forwarded-For entry, with or without a port.

    Proxies write "203.0.113.5", "203.0.113.5:4711", "[2001:db8::1]:4711" or
    a quoted form of these; anything else is not an address.
    """
    entry = entry.strip().strip('"')
    if entry.startswith("["):
        host, bracket, _port = entry[1:].partition("]")
        entry = host if bracket else ""
    elif entry.count(":") == 1:
        entry = entry.partition(":")[0]
    try:
        return ipaddress.ip_address(entry)
    except ValueError:
        return None


def address_bucket(address: str) -> str:
    """The address counted for a client: IPv4 as is, IPv6 by its /64."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return ""
    if parsed.version == 6:
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False).network_address)
    return str(parsed)


def count_in_window(key: str, window: int) -> int | None:
    """Add one to a counter in the shared cache that lives ``window`` seconds.

    The cache is shared by every worker and host (Redis in production), so the
    count holds across them. None when the cache is down: the caller decides.
    """
    try:
        cache.add(key, 0, timeout=window)
        try:
            return cache.incr(key)
        except ValueError:
            # It expired between add and incr: start the next window the same
            # way, so a count a neighbour has just started is added to, not
            # overwritten.
            cache.add(key, 0, timeout=window)
            return cache.incr(key)
    except Exception:
        logger.exception("Cache unavailable counting %s", key)
        return None


class AtomicIncrFileBasedCache(FileBasedCache):
    """Django's file cache, whose counts every worker on a host can trust.

    Django's file ``incr()`` is ``get()`` then ``set()`` with the default
    timeout: two workers counting at once can write the same number, and each
    count restarts the window. Here ``add()`` and ``incr()`` work in place
    under the file's lock, and ``incr()`` keeps the entry's expiry, as Redis's
    INCR does. ``test_a_burst_from_one_address_gets_exactly_the_limit_through``
    fails without it on a host without Redis.
    """

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
