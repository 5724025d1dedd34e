from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from articles.models import Article
from core.cache import cache_public_page, seconds_until
from core.models import current_phone
from core.richtext import with_site_values
from pages import structured_data
from pages.models import Page, next_scheduled_publish
from pages.sitemaps import SITEMAPS

HOME_ARTICLES = 3


def until_next_publish() -> int:
    """Seconds a page listing articles or pages may be cached: never past the
    next scheduled publish, so a scheduled one appears on time."""
    return seconds_until(next_scheduled_publish())


def page_context(page: Page, services: list[Page] | None = None) -> dict:
    """What a page's template shows besides the page itself."""
    phone = current_phone()
    context = {
        "body": with_site_values(page.body_html, phone),
        "canonical_url": page.absolute_url,
        "share_image": structured_data.share_image(None),
        "json_ld": structured_data.as_script(
            structured_data.page_graph(page, phone.e164, services or [])
        ),
        "services": services or [],
    }
    if page.kind == Page.Kind.SERVICE:
        # The contact form pre-selects this service (it ignores unknown ones).
        context["inquiry_query"] = f"interest={page.slug}"
    return context


def split_services(pages: list[Page], kind: str) -> tuple[Page | None, list[Page]]:
    """The one page of ``kind`` and the service pages, from one query's rows."""
    main = next((page for page in pages if page.kind == kind), None)
    services = [page for page in pages if page.kind == Page.Kind.SERVICE]
    return main, services


class PageDetailView(DetailView):
    """A published page of one of ``kinds``: by slug, or the only one of its kind."""

    kinds: tuple[str, ...] = ()
    context_object_name = "page"
    template_name = "pages/page_detail.html"
    extra_context = {"is_preview": False}

    def get_queryset(self):
        return Page.objects.published().filter(kind__in=self.kinds)

    def get_object(self, queryset=None) -> Page:
        if "slug" in self.kwargs:
            return super().get_object(queryset)
        if self.kinds == (Page.Kind.SERVICES,):
            # The overview and the services it lists, in one query.
            rows = Page.objects.published().filter(
                kind__in=[Page.Kind.SERVICES, Page.Kind.SERVICE]
            )
            page, self.services = split_services(
                list(rows.order_by("position", "title")), Page.Kind.SERVICES
            )
        else:
            page = self.get_queryset().first()
        if page is None:
            raise Http404("No page at this address.")
        return page

    def get_context_data(self, **kwargs) -> dict:
        services = getattr(self, "services", None)
        return super().get_context_data(**kwargs) | page_context(self.object, services)


@cache_public_page(until_next_publish)
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The home page's own text, the services, the featured article and the
    call to action."""
    latest = list(
        Article.objects.published().defer("body", "body_html")[: HOME_ARTICLES + 1]
    )
    kinds = [Page.Kind.HOME, Page.Kind.SERVICES, Page.Kind.SERVICE]
    rows = list(
        Page.objects.published().filter(kind__in=kinds).order_by("position", "title")
    )
    page, services = split_services(rows, Page.Kind.HOME)
    if page is None:
        raise Http404("The home page is not published.")
    context = page_context(page, services) | {
        "page": page,
        # Its title heads the services on the home page.
        "services_overview": next(
            (row for row in rows if row.kind == Page.Kind.SERVICES), None
        ),
        "featured": latest[0] if latest else None,
        "more_articles": latest[1:],
    }
    return render(request, "home.html", context)


@staff_member_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Any page, draft or scheduled, as the public will see it."""
    if not request.user.has_perm("pages.view_page"):
        raise Http404
    page = get_object_or_404(Page, pk=pk)
    # Staff preview the words they are working on: the draft, if there is one.
    page.apply_draft()
    context = {"page": page, "object": page, "is_preview": True}
    if page.kind == Page.Kind.HOME:
        latest = list(Article.objects.published()[: HOME_ARTICLES + 1])
        context |= page_context(page, list(Page.objects.services())) | {
            "featured": latest[0] if latest else None,
            "more_articles": latest[1:],
            "services_overview": Page.objects.filter(kind=Page.Kind.SERVICES).first(),
        }
        template = "home.html"
    else:
        listed = page.kind == Page.Kind.SERVICES
        context |= page_context(page, list(Page.objects.services()) if listed else None)
        template = "pages/page_detail.html"
    response = render(request, template, context)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


@cache_public_page(until_next_publish)
@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    response = sitemap_view(request, sitemaps=SITEMAPS)
    return response.render()
