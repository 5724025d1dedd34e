from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from articles.models import Article
from core.cache import cache_public_page
from core.models import current_phone
from core.structured_data import as_script, share_image
from pages import structured_data
from pages.models import Page
from pages.sitemaps import SITEMAPS
from people.models import Person, Testimonial, client_proof
from publishing.richtext import with_site_values
from publishing.views import PreviewMixin, previewed, until_next_publish

HOME_ARTICLES = 3
# The pages that show published testimonials and case studies.
PROOF_KINDS = (Page.Kind.HOME, Page.Kind.SERVICES, Page.Kind.SERVICE)


def page_context(
    page: Page, services: list[Page] | None = None, people: list[Person] | None = None
) -> dict:
    """What a page's template shows besides the page itself."""
    phone = current_phone()
    context = {
        "page": page,
        "body": with_site_values(page.body_html, phone),
        "canonical_url": page.absolute_url,
        "share_image": share_image(page),
        "json_ld": as_script(
            structured_data.page_graph(page, phone.e164, services or [], people or [])
        ),
        "services": services or [],
        "people": people or [],
    }
    if page.kind in PROOF_KINDS:
        context |= client_proof()
    if page.kind == Page.Kind.SERVICE:
        # The contact form pre-selects this service (it ignores unknown ones).
        context["inquiry_query"] = f"interest={page.slug}"
    return context


def split_services(pages: list[Page], kind: str) -> tuple[Page | None, list[Page]]:
    """The one page of ``kind`` and the service pages, from one query's rows."""
    main = next((page for page in pages if page.kind == kind), None)
    services = [page for page in pages if page.kind == Page.Kind.SERVICE]
    return main, services


class PageDetailView(PreviewMixin, DetailView):
    """A published page of one of ``kinds``: by slug, or the only one of its kind."""

    model = Page
    kinds: tuple[str, ...] = ()
    context_object_name = "page"
    template_name = "pages/page_detail.html"

    def get_queryset(self):
        return (
            Page.objects.published()
            .filter(kind__in=self.kinds)
            .select_related("share_image")
        )

    def get_object(self, queryset=None) -> Page:
        page = previewed(self.request, Page)
        if page is not None or "slug" in self.kwargs:
            return page or super().get_object(queryset)
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
        if services is None and self.object.kind == Page.Kind.SERVICES:
            services = list(Page.objects.services())
        people = None
        if self.object.kind == Page.Kind.ABOUT:
            people = list(Person.objects.on_the_team())
        return super().get_context_data(**kwargs) | page_context(
            self.object, services, people
        )


def hero_testimonial(
    request: HttpRequest, testimonials: list[Testimonial]
) -> Testimonial | None:
    """The quote beside the home page's heading: the one being previewed, or
    the newest published."""
    return previewed(request, Testimonial) or next(iter(testimonials), None)


@cache_public_page(until_next_publish)
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The home page's own words, the services, the featured article and the
    call to action."""
    latest = list(
        Article.objects.published().defer("body", "body_html")[: HOME_ARTICLES + 1]
    )
    kinds = [Page.Kind.HOME, Page.Kind.SERVICES, Page.Kind.SERVICE]
    rows = list(
        Page.objects.published().filter(kind__in=kinds).order_by("position", "title")
    )
    page, services = split_services(rows, Page.Kind.HOME)
    page = previewed(request, Page) or page
    if page is None:
        raise Http404("The home page is not published.")
    context = page_context(page, services)
    context |= {
        # Its title heads the services on the home page.
        "services_overview": next(
            (row for row in rows if row.kind == Page.Kind.SERVICES), None
        ),
        "featured": latest[0] if latest else None,
        "more_articles": latest[1:],
        "hero_testimonial": hero_testimonial(request, context["testimonials"]),
    }
    # The hero's quote is not repeated below it.
    context["testimonials"] = [
        each for each in context["testimonials"] if each != context["hero_testimonial"]
    ]
    if context["hero_testimonial"] is None:
        context["hero_person"] = (
            Person.objects.on_the_team().filter(photo__isnull=False).first()
        )
    return render(request, "home.html", context)


@cache_public_page(until_next_publish)
@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    response = sitemap_view(request, sitemaps=SITEMAPS)
    return response.render()
