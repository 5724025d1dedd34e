import pytest

from contact.models import Inquiry


@pytest.fixture
def form_token(make_form_token) -> str:
    """A token issued long enough ago that the submission looks human."""
    return make_form_token()


@pytest.fixture
def valid_data(form_token) -> dict[str, str]:
    return {
        "name": "Dana Whitfield",
        "email": "dana@northwind.example",
        "company": "Northwind Logistics",
        "phone": "(512) 555-0142",
        "interest": "vciso",
        "message": "We need help preparing for a SOC 2 audit next quarter.",
        "consent": "on",
        "website": "",
        "form_token": form_token,
    }


@pytest.fixture
def make_inquiry(db):
    def make(**overrides) -> Inquiry:
        from django.utils import timezone

        fields = {
            "name": "Dana Whitfield",
            "email": "dana@northwind.example",
            "company": "Northwind Logistics",
            "interest": Inquiry.Interest.VCISO,
            "message": "We need a security lead.",
            "consented_at": timezone.now(),
            "notification_status": Inquiry.NotificationStatus.SENT,
        }
        fields.update(overrides)
        return Inquiry.objects.create(**fields)

    return make
