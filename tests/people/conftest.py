import io
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PillowImage

from people.models import CaseStudy, Person, Testimonial
from publishing.images import Image
from publishing.models import Status


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def portrait(db) -> Image:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (600, 800), "gray").save(buffer, "JPEG")
    image = Image(
        file=SimpleUploadedFile("dana.jpg", buffer.getvalue(), "image/jpeg"),
        alt_text="Portrait of Dana Reyes",
    )
    image.save()
    return image


def published(**fields) -> dict:
    return {
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(days=1),
        **fields,
    }


@pytest.fixture
def make_person(db) -> Callable[..., Person]:
    def make(**fields) -> Person:
        defaults = published(
            name="Dana Reyes",
            slug="dana-reyes",
            role="Fractional vCISO",
            bio=(
                "Dana leads security programs. She has run audits.\n\nSecond paragraph."
            ),
            credentials="CISSP, CISM",
            linkedin_url="https://www.linkedin.com/in/dana-reyes-example",
        )
        return Person.objects.create(**(defaults | fields))

    return make


@pytest.fixture
def make_testimonial(db) -> Callable[..., Testimonial]:
    def make(**fields) -> Testimonial:
        defaults = published(
            quote="They gave our security program an owner.",
            name="Sam Client",
            role="Chief Operating Officer",
            company="Example Health",
            agreed_on=date(2026, 11, 1),
        )
        return Testimonial.objects.create(**(defaults | fields))

    return make


@pytest.fixture
def make_case_study(db) -> Callable[..., CaseStudy]:
    def make(**fields) -> CaseStudy:
        defaults = published(
            title="A SOC 2 program with an owner",
            slug="soc-2-program",
            client="A 200-person software company",
            summary="How a vCISO took a stalled SOC 2 effort to its audit.",
            situation="The audit had stalled.",
            what_we_did="We owned the program.\n\nWe met the auditors.",
            outcome="The audit was passed.",
        )
        return CaseStudy.objects.create(**(defaults | fields))

    return make
