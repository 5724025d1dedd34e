from datetime import datetime

from core.sitemaps import SiteUrlSitemap
from people.models import CaseStudy, Person


class PersonSitemap(SiteUrlSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Person.objects.published().only("slug", "updated_at")

    def lastmod(self, person: Person) -> datetime:
        return person.updated_at


class CaseStudySitemap(SiteUrlSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return CaseStudy.objects.published().only("slug", "updated_at")

    def lastmod(self, case: CaseStudy) -> datetime:
        return case.updated_at
