"""Write the site's pages for the errors nginx answers itself.

nginx (deploy/nginx/steadfast.conf) refuses a body over its limit (413) and
answers for gunicorn when it is down or too slow (502, 503, 504). It shows
these files, rendered from the site's templates with the phone number in
the site settings, instead of its own bare pages. Run after ``collectstatic``
(the pages link the collected stylesheet) and after changing the phone number.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.template.loader import render_to_string

from core.context_processors import site_context
from core.models import load_site_values

# The file nginx shows for each error (its error_page lines), and its template.
PROXY_ERROR_PAGES = {"413.html": "errors/413.html", "503.html": "503.html"}


class Command(BaseCommand):
    help = "Write the pages nginx shows for 413, 502, 503 and 504 (STATIC_ROOT/errors/)"

    def handle(self, *args, **options) -> None:
        try:
            # The pages would otherwise carry the default number, silently.
            load_site_values()
        except DatabaseError as error:
            raise CommandError(f"The site settings cannot be read: {error}") from error
        folder = Path(settings.STATIC_ROOT) / "errors"
        folder.mkdir(parents=True, exist_ok=True)
        for name, template in PROXY_ERROR_PAGES.items():
            html = render_to_string(template, site_context())
            (folder / name).write_text(html, encoding="utf-8")
        if options["verbosity"]:
            self.stdout.write(f"Wrote {len(PROXY_ERROR_PAGES)} error pages to {folder}")
