"""The first render stays in one round trip once people and client proof
are published (tests/test_first_render.py has the budget and the launch
pages)."""

import pytest

from tests.test_first_render import (
    FIRST_ROUND_TRIP_BYTES,
    THE_STYLESHEET,
    first_render,
)

# The same budget once the firm has published its people and client proof:
# each person's and case study's page, and the pages that show them.
PAGES_WITH_PROOF = {
    "person": "/people/dana-reyes/",
    "case study": "/case-studies/soc-2-program/",
    "home with proof": "/",
    "services with proof": "/services/",
    "service with proof": "/services/vciso/",
    "about with people": "/about/",
}


@pytest.fixture
def proof(make_person, portrait, make_testimonial, make_case_study):
    make_person(photo=portrait)
    make_person(name="Lee Park", slug="lee-park", role="Fractional vCIO")
    make_testimonial()
    make_testimonial(name="Ari Client", company="Example Logistics")
    make_case_study()


@pytest.mark.parametrize("path", PAGES_WITH_PROOF.values(), ids=PAGES_WITH_PROOF)
def test_a_page_with_proof_still_fits_in_one_round_trip(client, proof, path):
    html_bytes, stylesheets, css_bytes = first_render(client, path)

    assert stylesheets == [THE_STYLESHEET]
    assert html_bytes + css_bytes <= FIRST_ROUND_TRIP_BYTES, (
        f"{path}: HTML {html_bytes} + CSS {css_bytes} bytes compressed"
    )
