"""SQL queries per article request, counted in one process: ``python -m bench.queries``.

The bench runs it with its gunicorn server's environment, so the settings,
database and cache are the server's. Prints ``{"uncached": n, "cached": n}``.
"""

import json

import django

ARTICLE = "/articles/vcio-vs-vciso/"


def count_queries(path: str) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = Client(HTTP_HOST="127.0.0.1").get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return len(queries)


def main() -> None:
    django.setup()
    # The first request of a process does one-off work that gunicorn's
    # workers did long ago; the second of each kind is what they do now.
    count_queries(f"{ARTICLE}?nocache=first")
    count_queries(ARTICLE)
    counts = {
        "uncached": count_queries(f"{ARTICLE}?nocache=second"),
        "cached": count_queries(ARTICLE),
    }
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
