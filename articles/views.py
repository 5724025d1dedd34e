import re
from urllib.parse import urlencode

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from articles import structured_data
from articles.feeds import ArticleFeed
from articles.models import Article, SlugRedirect
from core.cache import cache_public_page
from core.models import current_phone
from core.structured_data import as_script, share_image
from publishing.richtext import with_site_values
from publishing.views import PreviewMixin, until_next_publish

ARTICLES_PER_PAGE = 10

# The sections that end in a call to action: the service their reader is most
# likely asking about (the contact form pre-selects it) and the link's words.
SECTION_CALLS_TO_ACTION = {
    "what-does-a-vciso-do": ("vciso", "Ask us how a vCISO would work for you"),
    "what-does-a-vcio-do": ("vcio", "Ask us how a vCIO would work for you"),
    "does-your-organization-need-both": (
        "both",
        "Talk to us about covering both roles",
    ),
}

# A plain pattern, not a lookahead: re then jumps from one '<h2 id="' to the
# next instead of trying a match at every character of the body.
_SECTION_HEADING = re.compile(r'<h2 id="([^"]+)">')


def split_sections(body_html: str) -> list[tuple[str, str]]:
    """Cut a rendered body at its ``<h2>``s: [(heading id or "", html), ...].

    The article page puts a call-to-action after some sections. Splitting at
    the ids ``render_body`` wrote is a string operation, not an HTML parse.
    """
    headings = list(_SECTION_HEADING.finditer(body_html))
    ids = ["", *(heading[1] for heading in headings)]
    starts = [0, *(heading.start() for heading in headings)]
    ends = [*starts[1:], len(body_html)]
    sections = []
    for section_id, start, end in zip(ids, starts, ends, strict=True):
        chunk = body_html[start:end]
        if chunk.strip():
            sections.append((section_id, chunk))
    return sections


class ArticleListView(ListView):
    paginate_by = ARTICLES_PER_PAGE
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().defer("body", "body_html", "toc")


class ArticleDetailView(PreviewMixin, DetailView):
    model = Article
    context_object_name = "article"

    def get_queryset(self):
        return (
            Article.objects.published()
            .with_has_related()
            .with_has_authors()
            .select_related("share_image")
        )

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            response = super().get(request, *args, **kwargs)
        except Http404:
            return redirect_old_slug(self.kwargs["slug"])
        response["Last-Modified"] = http_date(self.object.updated_at.timestamp())
        return response

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(**kwargs) | article_context(self.object)


def redirect_old_slug(slug: str) -> HttpResponse:
    """301 from an article's former address, as long as it is public."""
    redirect = (
        SlugRedirect.objects.filter(
            old_slug=slug, article__in=Article.objects.published()
        )
        .select_related("article")
        .first()
    )
    if redirect is None:
        # The 404 page (core.views.page_not_found) offers the nearest one.
        not_found = Http404("No article at this address.")
        not_found.suggestion = Article.objects.published().nearest_to(slug)
        raise not_found
    return HttpResponsePermanentRedirect(redirect.article.get_absolute_url())


def inquiry_query(article: Article, section: str = "", interest: str = "") -> str:
    """The contact form's query string: which article, section and text led here."""
    params = {"article": article.slug}
    if section:
        params |= {"section": section, "interest": interest}
    params["version"] = article.content_version
    return urlencode(params)


def article_context(article: Article) -> dict:
    sections = []
    body_html = with_site_values(article.body_html, current_phone())
    for section_id, html in split_sections(body_html):
        section = {"id": section_id, "html": html}
        if section_id in SECTION_CALLS_TO_ACTION:
            interest, words = SECTION_CALLS_TO_ACTION[section_id]
            section["call_to_action"] = words
            section["inquiry_query"] = inquiry_query(article, section_id, interest)
        sections.append(section)
    image = share_image(article)
    authors = article.published_authors()
    graph = structured_data.article_graph(article, article.absolute_url, image, authors)
    return {
        "sections": sections,
        "inquiry_query": inquiry_query(article),
        "json_ld": as_script(graph),
        "canonical_url": article.absolute_url,
        "share_image": image,
        "related": article.published_related_articles(),
        "authors": authors,
    }


@cache_public_page(until_next_publish)
@require_safe
def feed(request: HttpRequest) -> HttpResponse:
    return ArticleFeed()(request)
