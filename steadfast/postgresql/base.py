"""Django's PostgreSQL backend, with one thing done differently.

When the server does not answer at all (its host gone, a dropped route), each
new connection waits out ``connect_timeout``: every uncached request held a
worker for that long, and the cached pages queued behind it. After a
connection fails that way, this worker's next attempts fail at once for
``UNAVAILABLE_PAUSE`` seconds, so visitors get the 503 page with the phone
number straight away and cached pages keep flowing. A server that refuses
at once (restarting, say) is not paused: it costs no wait, and may be back
in a second.
"""

import time

from django.db.backends.postgresql import base

UNAVAILABLE_PAUSE = 10
# A failure that took this long was a wait, not a refusal.
SLOW_FAILURE = 0.1


class DatabaseWrapper(base.DatabaseWrapper):
    # Per process: every connection of this worker goes to the same server.
    unavailable_until = 0.0

    def get_new_connection(self, conn_params):
        if time.monotonic() < DatabaseWrapper.unavailable_until:
            raise base.Database.OperationalError(
                "PostgreSQL did not answer moments ago"
            )
        started = time.monotonic()
        try:
            return super().get_new_connection(conn_params)
        except base.Database.OperationalError:
            failed = time.monotonic()
            if failed - started >= SLOW_FAILURE:
                DatabaseWrapper.unavailable_until = failed + UNAVAILABLE_PAUSE
            raise
