"""JSON-LD for an advisor's page (a ProfilePage about a Person) and a case
study's, around the site's Organization (core/structured_data.py)."""

from typing import Any

from django.conf import settings

from core.structured_data import absolute, iso8601, organization
from people.models import CaseStudy, Person


def person_data(person: Person) -> dict[str, Any]:
    """The Person a page or a byline names, linked to the firm."""
    url = person.absolute_url
    data: dict[str, Any] = {
        "@type": "Person",
        "@id": f"{url}#person",
        "name": person.name,
        "jobTitle": person.role,
        "url": url,
        "worksFor": {"@id": f"{settings.SITE_URL}/#organization"},
    }
    if person.photo is not None and person.photo.renditions:
        data["image"] = absolute(person.photo.src)
    if person.linkedin_url:
        data["sameAs"] = [person.linkedin_url]
    if person.credential_list:
        data["hasCredential"] = [
            {"@type": "EducationalOccupationalCredential", "name": name}
            for name in person.credential_list
        ]
    return data


def person_graph(person: Person) -> dict[str, Any]:
    url = person.absolute_url
    data = person_data(person) | {"description": person.description}
    profile = {
        "@type": "ProfilePage",
        "@id": f"{url}#webpage",
        "url": url,
        "name": person.name,
        "mainEntity": {"@id": data["@id"]},
        "isPartOf": {"@id": f"{settings.SITE_URL}/#website"},
    }
    return {"@context": "https://schema.org", "@graph": [profile, data, organization()]}


def case_study_graph(case: CaseStudy, image_url: str) -> dict[str, Any]:
    url = case.absolute_url
    firm = organization()
    article = {
        "@type": "Article",
        "@id": f"{url}#article",
        "headline": case.title[:110],
        "description": case.description,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": iso8601(case.published_at),
        "dateModified": iso8601(max(case.published_at, case.updated_at)),
        "author": {"@id": firm["@id"]},
        "publisher": {"@id": firm["@id"]},
        "image": image_url,
    }
    return {"@context": "https://schema.org", "@graph": [article, firm]}
