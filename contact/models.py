from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class PhoneNumber:
    """A North American number as prospects see it and as a tel: link needs it."""

    display: str

    @property
    def digits(self) -> str:
        digits = "".join(ch for ch in self.display if ch.isdigit())
        return digits if len(digits) == 11 else f"1{digits}"

    @property
    def e164(self) -> str:
        return f"+{self.digits}"

    @property
    def tel_href(self) -> str:
        return f"tel:{self.e164}"


def current_phone() -> PhoneNumber:
    return PhoneNumber(settings.DEFAULT_PHONE_NUMBER)
