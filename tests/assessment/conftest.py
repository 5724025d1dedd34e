import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from core.models import current_phone
from tests.conftest import log_in_verified

# No single executive owns security; technology has an owner and a roadmap.
VCISO_ANSWERS = {
    "security_owner": "no",
    "security_early": "sometimes",
    "compliance": "one",
    "roadmap": "yes",
    "platform_decisions": "executive",
    "inflection_point": "no",
}
VCISO_CODE = "ns1yen"


@pytest.fixture
def vciso_answers() -> dict[str, str]:
    return dict(VCISO_ANSWERS)


@pytest.fixture
def phone_number_cached(db) -> None:
    """The site-wide phone number is cached by the contact app; warm it so
    query counts measure the assessment's own pages."""
    current_phone()


@pytest.fixture
def sales_client(db) -> Client:
    user = User.objects.create_user(
        "seller", "seller@steadfastpartners.example", "a-long-test-password"
    )
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name="Sales"))
    client = Client()
    log_in_verified(client, user)
    return client
