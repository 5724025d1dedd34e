"""JSON-LD for the site's pages, around the site's Organization and WebSite
(core/structured_data.py)."""

from typing import Any

from django.conf import settings

from core.structured_data import organization, website
from pages.models import Page
from people.models import Person
from people.structured_data import person_data


def web_page(page: Page, type_name: str = "WebPage") -> dict[str, Any]:
    url = page.absolute_url
    return {
        "@type": type_name,
        "@id": f"{url}#webpage",
        "url": url,
        "name": page.title,
        "description": page.description,
        "isPartOf": {"@id": f"{settings.SITE_URL}/#website"},
    }


def service(page: Page, provider: dict[str, Any]) -> dict[str, Any]:
    return {
        "@type": "Service",
        "@id": f"{page.absolute_url}#service",
        "name": page.title,
        "description": page.description,
        "url": page.absolute_url,
        "serviceType": page.title,
        "provider": provider,
        "areaServed": "US",
    }


def page_graph(
    page: Page, phone_e164: str, services: list[Page], people: list[Person] = ()
) -> dict[str, Any]:
    """What search engines are told about ``page``, by its kind.

    The firm's Organization, with today's phone number, is in every graph:
    the provider of a service, the subject of the About page.
    """
    firm = organization(phone_e164)
    graph: list[dict[str, Any]]
    match page.kind:
        case Page.Kind.HOME:
            graph = [firm, website()]
        case Page.Kind.SERVICE:
            graph = [web_page(page), service(page, firm)]
        case Page.Kind.SERVICES:
            listing = web_page(page, "CollectionPage")
            listing["hasPart"] = [
                service(each, {"@id": firm["@id"]}) for each in services
            ]
            graph = [listing, firm]
        case Page.Kind.ABOUT:
            about = web_page(page, "AboutPage")
            about["about"] = {"@id": firm["@id"]}
            about["mainEntity"] = {"@id": firm["@id"]}
            if people:
                firm["employee"] = [person_data(person) for person in people]
            graph = [about, firm]
        case _:
            graph = [web_page(page), firm]
    return {"@context": "https://schema.org", "@graph": graph}
