"""SQL queries per request for the benchmark: ``python -m bench.queries PATH...``.

Run with the benchmark server's environment, so the settings (cache, database)
are the ones gunicorn uses. Prints JSON: ``{path: {"cold": n, "warm": n}}``,
cold right after the page cache was invalidated, warm on the next request.
"""

import json
import sys

import django


def main(paths: list[str]) -> None:
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from steadfast.middleware import invalidate_public_pages

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for path in paths:
        invalidate_public_pages()
        counts[path] = {}
        for state in ("cold", "warm"):
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            counts[path][state] = len(queries)
    print(json.dumps(counts))


if __name__ == "__main__":
    main(sys.argv[1:])
