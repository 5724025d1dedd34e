import math
from functools import lru_cache
from urllib.parse import urlencode

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from articles import content, structured_data
from articles.feeds import ArticleFeed
from articles.models import Article, SlugRedirect
from articles.sitemaps import SITEMAPS
from steadfast.middleware import PUBLIC_PAGE_TIMEOUT, cache_public_page

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


def public_cache_timeout() -> int:
    """Seconds a public page may be cached: never past the next scheduled publish."""
    next_publish = Article.objects.next_scheduled_publish()
    if next_publish is None:
        return PUBLIC_PAGE_TIMEOUT
    seconds = math.ceil((next_publish - timezone.now()).total_seconds())
    return max(0, min(PUBLIC_PAGE_TIMEOUT, seconds))


def cache_until_next_publish(response: HttpResponse) -> HttpResponse:
    return cache_public_page(response, public_cache_timeout)


class ArticleListView(ListView):
    model = Article
    paginate_by = ARTICLES_PER_PAGE
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().defer("body", "body_html", "toc")

    def render_to_response(self, context, **kwargs) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        return cache_until_next_publish(response)


class ArticleDetailView(DetailView):
    model = Article
    context_object_name = "article"
    extra_context = {"is_preview": False}

    def get_object(self, queryset=None) -> Article:
        article = Article.objects.published_by_slug(self.kwargs["slug"])
        if article is None:
            raise Http404("No article at this address.")
        return article

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            return redirect_old_slug(self.kwargs["slug"])

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(**kwargs) | article_context(self.object)

    def render_to_response(self, context, **kwargs) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        response["Last-Modified"] = http_date(self.object.updated_at.timestamp())
        return cache_until_next_publish(response)


def redirect_old_slug(slug: str) -> HttpResponse:
    """301 from an article's former address, as long as it is public."""
    redirect = (
        SlugRedirect.objects.filter(
            old_slug=slug, article__in=Article.objects.published()
        )
        .select_related("article")
        .only("article__slug")
        .first()
    )
    if redirect is None:
        raise Http404("No article at this address.")
    return HttpResponsePermanentRedirect(redirect.article.get_absolute_url())


def inquiry_query(article: Article, section: str = "", interest: str = "") -> str:
    """The contact form's query string: which article, section and text led here."""
    return encoded_inquiry_query(
        article.slug, section, interest, article.content_version
    )


# An uncached article page needs four of these (one per call to action and
# one for the page): encoding them on every render was 2% of the page.
# Bounded, as every edit of an article brings a new version.
@lru_cache(maxsize=1024)
def encoded_inquiry_query(slug: str, section: str, interest: str, version: str) -> str:
    params = {"article": slug}
    if section:
        params["section"] = section
        params["interest"] = interest
    params["version"] = version
    return urlencode(params)


def article_context(article: Article) -> dict:
    sections = []
    for section_id, html in content.split_sections(article.body_html):
        # Every key on every section: a key a template looks up and misses
        # costs a raised and caught exception.
        section = {"id": section_id, "html": html, "call_to_action": ""}
        if section_id in SECTION_CALLS_TO_ACTION:
            interest, words = SECTION_CALLS_TO_ACTION[section_id]
            section["call_to_action"] = words
            section["inquiry_query"] = inquiry_query(article, section_id, interest)
        sections.append(section)
    # Each is used more than once on the page: worked out once here.
    canonical_url = article.absolute_url
    image = structured_data.share_image(article)
    return {
        "sections": sections,
        "inquiry_query": inquiry_query(article),
        "json_ld": structured_data.as_script(
            structured_data.article_graph(article, canonical_url, image)
        ),
        "canonical_url": canonical_url,
        "share_image": image,
        "related": article.published_related_articles(),
    }


@staff_member_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Any article, draft or scheduled, exactly as the public will see it."""
    if not request.user.has_perm("articles.view_article"):
        raise Http404
    article = get_object_or_404(Article, pk=pk)
    context = {"article": article, "object": article, "is_preview": True}
    response = render(
        request, "articles/article_detail.html", context | article_context(article)
    )
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


article_feed = ArticleFeed()


@require_safe
def feed(request: HttpRequest) -> HttpResponse:
    return cache_until_next_publish(article_feed(request))


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    response = sitemap_view(request, sitemaps=SITEMAPS)
    response.render()
    return cache_until_next_publish(response)
