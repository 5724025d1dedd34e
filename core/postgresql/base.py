"""Django's PostgreSQL backend, with one thing done differently.

When the server does not answer at all (its host gone, a dropped route), each
new connection waited out ``connect_timeout``: every uncached request held a
worker that long, and the cached pages queued behind it. Each worker now
leaves such a server alone for a while (``core.outages``), so visitors
get the 503 page with the phone number straight away and cached pages keep
flowing.
"""

from django.db.backends.postgresql import base

from core.outages import Pause

# Per process: every connection of this worker goes to the same server.
pause = Pause("PostgreSQL")


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        failures = (base.Database.OperationalError,)
        with pause.guard(failures, base.Database.OperationalError):
            return super().get_new_connection(conn_params)
