"""The pages nginx shows for its own errors are the site's, with its number."""

from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from core.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_the_proxys_error_pages_carry_the_number_in_the_site_settings(
    settings, tmp_path
):
    settings.STATIC_ROOT = tmp_path
    SiteSettings.objects.create(phone_number="512-555-0199")

    call_command("write_error_pages", stdout=mock.Mock())

    too_large = (tmp_path / "errors" / "413.html").read_text()
    unavailable = (tmp_path / "errors" / "503.html").read_text()
    assert "That was too much to send" in too_large
    assert "briefly unavailable" in unavailable
    for page in (too_large, unavailable):
        assert 'href="tel:+15125550199"' in page
        assert "737-210-5503" not in page
        assert page.count('rel="stylesheet"') == 1


def test_without_the_site_settings_no_page_is_written_with_a_guessed_number(
    settings, tmp_path
):
    settings.STATIC_ROOT = tmp_path

    with (
        mock.patch(
            "core.management.commands.write_error_pages.load_site_values",
            side_effect=OperationalError("no such table"),
        ),
        pytest.raises(CommandError, match="site settings cannot be read"),
    ):
        call_command("write_error_pages")

    assert not (tmp_path / "errors").exists()
