from urllib.parse import urlencode

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from articles import content, structured_data
from articles.feeds import ArticleFeed
from articles.models import Article, SlugRedirect
from core.cache import cache_public_page, seconds_until
from core.models import current_phone
from core.richtext import with_site_values

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


def until_next_publish() -> int:
    """Seconds a page listing articles may be cached: never past the next
    scheduled publish, so a scheduled article appears on time."""
    return seconds_until(Article.objects.next_scheduled_publish())


class ArticleListView(ListView):
    paginate_by = ARTICLES_PER_PAGE
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().defer("body", "body_html", "toc")


class ArticleDetailView(DetailView):
    context_object_name = "article"
    extra_context = {"is_preview": False}

    def get_queryset(self):
        return Article.objects.published().with_has_related()

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
    for section_id, html in content.split_sections(body_html):
        section = {"id": section_id, "html": html}
        if section_id in SECTION_CALLS_TO_ACTION:
            interest, words = SECTION_CALLS_TO_ACTION[section_id]
            section["call_to_action"] = words
            section["inquiry_query"] = inquiry_query(article, section_id, interest)
        sections.append(section)
    image = structured_data.share_image(article)
    graph = structured_data.article_graph(article, article.absolute_url, image)
    return {
        "sections": sections,
        "inquiry_query": inquiry_query(article),
        "json_ld": structured_data.as_script(graph),
        "canonical_url": article.absolute_url,
        "share_image": image,
        "related": article.published_related_articles(),
    }


@staff_member_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Any article, draft or scheduled, exactly as the public will see it."""
    # Drafts are the editors' business: Sales may not read them early.
    if not request.user.has_perm("articles.change_article"):
        raise PermissionDenied
    article = get_object_or_404(Article, pk=pk)
    # Staff preview the words they are working on: the draft, if there is one.
    article.apply_draft()
    context = {"article": article, "object": article, "is_preview": True}
    response = render(
        request, "articles/article_detail.html", context | article_context(article)
    )
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


@cache_public_page(until_next_publish)
@require_safe
def feed(request: HttpRequest) -> HttpResponse:
    return ArticleFeed()(request)
