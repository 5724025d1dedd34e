import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from insights.models import CountedPage

logger = logging.getLogger(__name__)

# The public pages whose readers are counted (issue: articles, pages, the
# contact form and the assessment). Not the assessment's results: their
# address holds the visitor's answers.
COUNTED_VIEWS = {
    "home",
    "articles:list",
    "articles:detail",
    "pages:services",
    "pages:service",
    "pages:about",
    "pages:privacy",
    "pages:detail",
    "contact:inquiry",
    "assessment:start",
    "people:person",
    "people:case_study",
}


class PageLayoutMiddleware:
    """Remember each counted page's headings as the public is shown them.

    It sits below the page cache, so it reads only pages rendered afresh; the
    endpoint then accepts those sections and no other. The headings come
    from the HTML itself, so a template's new <h2> is counted with no list
    to keep up to date.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and match is not None
            and match.view_name in COUNTED_VIEWS
            # Staff may see drafts at a public address: only what anyone sees.
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "page" not in request.GET
            and response.get("Content-Type", "").startswith("text/html")
        ):
            try:
                CountedPage.objects.remember(
                    request.path, response.content.decode(errors="replace")
                )
            except Exception:
                # The page matters more than its counts.
                logger.exception("Insights could not remember %s", request.path)
        return response
