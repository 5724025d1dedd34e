from django.views.generic import DetailView

from core.structured_data import as_script, share_image
from people import structured_data
from people.models import CaseStudy, Person
from publishing.views import PreviewMixin


class PersonDetailView(PreviewMixin, DetailView):
    """An advisor's page: photo, role, credentials, bio and LinkedIn."""

    model = Person
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.published().select_related("photo", "share_image")

    def get_context_data(self, **kwargs) -> dict:
        person = self.object
        return super().get_context_data(**kwargs) | {
            "canonical_url": person.absolute_url,
            "share_image": share_image(person),
            "json_ld": as_script(structured_data.person_graph(person)),
        }


class CaseStudyDetailView(PreviewMixin, DetailView):
    """A case study: the situation, what we did, the outcome."""

    model = CaseStudy
    context_object_name = "case_study"

    def get_queryset(self):
        return CaseStudy.objects.published().select_related("share_image")

    def get_context_data(self, **kwargs) -> dict:
        case = self.object
        image = share_image(case)
        return super().get_context_data(**kwargs) | {
            "canonical_url": case.absolute_url,
            "share_image": image,
            "json_ld": as_script(structured_data.case_study_graph(case, image["url"])),
        }
