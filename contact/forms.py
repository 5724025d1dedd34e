import re
import time
import unicodedata
from datetime import UTC, datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html

from articles.models import Article
from assessment.tokens import AttachedAssessment, read_contact_token
from contact.models import Inquiry
from contact.spam import FormToken, issue_form_token, read_form_token
from core.models import north_american_digits

# What a call-to-action link may carry; anything else is ignored.
SECTION_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")
SLUG_MAX_LENGTH = 200
VERSION_MAX_LENGTH = 40
# Bidirectional overrides can disguise what a name says in the admin.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def single_line(value: str, what: str) -> str:
    """Normalise a one-line field and refuse line breaks and control characters.

    A newline in a name could otherwise end up in a mail header.
    """
    value = unicodedata.normalize("NFC", value)
    if any(unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS for ch in value):
        raise forms.ValidationError(
            f"Your {what} must be on one line, without special control characters."
        )
    return value


def normalise_phone(value: str) -> str:
    """E.164 (+1XXXXXXXXXX in North America, + and 8–15 digits elsewhere).

    An extension is kept after it, e.g. "+17372105503 ext. 12".
    """
    match = re.fullmatch(
        r"(?P<number>[\d\s().+\-]+?)\s*(?:(?:x|ext\.?|extension)\s*(?P<ext>\d{1,6}))?",
        value.strip(),
        re.IGNORECASE,
    )
    if match is None:
        raise forms.ValidationError(
            "Use digits only (spaces, dashes, dots and brackets are fine)."
        )
    number = match["number"].strip()
    digits = "".join(ch for ch in number if ch.isdigit())
    extension = f" ext. {match['ext']}" if match["ext"] else ""
    if number.startswith("+") and not digits.startswith("1"):
        if 8 <= len(digits) <= 15:
            return f"+{digits}{extension}"
    elif (ten_digits := north_american_digits(number)) is not None:
        return f"+1{ten_digits}{extension}"
    raise forms.ValidationError(
        "Enter a phone number with area code, like 737-210-5503, or an "
        "international number starting with +."
    )


class InquiryForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=(
            "I agree that Steadfast Partners may contact me about this inquiry. "
            "We use these details only to reply and to follow up on it, never "
            "share or sell them, and delete them on request."
        ),
        error_messages={"required": "Please agree to be contacted so we can reply."},
    )
    # The honeypot: hidden from people by CSS, irresistible to form-filling bots.
    website = forms.CharField(
        label="Leave this field empty", required=False, max_length=200
    )
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    # Which call-to-action led here, carried through the POST (untrusted).
    article = forms.CharField(widget=forms.HiddenInput, required=False)
    section = forms.CharField(widget=forms.HiddenInput, required=False)
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    # The signed self-assessment result, from its "Talk to us about this".
    assessment = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Inquiry
        fields = ["name", "email", "company", "phone", "interest", "message"]
        labels = {
            "name": "Your name",
            "email": "Work email",
            "company": "Company",
            "phone": "Phone (optional)",
            "interest": "What are you interested in?",
            "message": "How can we help?",
        }
        help_texts = {
            "phone": "If you would rather we call. Include the area code.",
            "message": "A few sentences about your organization and what you need.",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "company": forms.TextInput(attrs={"autocomplete": "organization"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "interest": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "name": {"required": "Enter your name so we know who to ask for."},
            "email": {
                "required": "Enter your work email so we can reply.",
                "invalid": "Enter a valid email address, like jane@yourcompany.com.",
            },
            "company": {"required": "Enter your company or organization's name."},
            "interest": {
                "required": (
                    "Choose what you are interested in (“Not sure yet” is fine)."
                ),
                "invalid_choice": "Choose one of the options listed.",
            },
            "message": {"required": "Tell us briefly what you need help with."},
        }

    refreshed_message = (
        "This form was open for a long time or in another browser, so we "
        "refreshed it. Your details are still here: check them and send again."
    )

    def __init__(self, *args, browser: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.browser = browser
        self.fields["interest"].choices = Inquiry.Interest.choices
        # The privacy notice says what is kept and for how long.
        self.fields["consent"].label = format_html(
            '{} <a href="{}">Read our privacy notice</a>.',
            self.fields["consent"].label,
            reverse("pages:privacy"),
        )
        if not self.is_bound:
            self.initial.setdefault("form_token", issue_form_token(browser))
        for name in ("name", "email", "company", "message"):
            limit = self.fields[name].max_length
            self.fields[name].error_messages["max_length"] = (
                f"Keep this under {limit:,} characters "
                "(it has %(show_value)s characters)."
            )

    @property
    def helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True  # the template renders it
        helper.layout = Layout(
            "name",
            "email",
            "company",
            "phone",
            "interest",
            "message",
            "consent",
            Div(
                Field("website", tabindex="-1", autocomplete="off"),
                css_class="contact-hp",
                aria_hidden="true",
            ),
            # The template renders the hidden fields, leaving out empty ones.
        )
        helper.add_input(Submit("send", "Send inquiry", css_class="btn-lg"))
        return helper

    def clean_name(self) -> str:
        return single_line(self.cleaned_data["name"], "name")

    def clean_email(self) -> str:
        return single_line(self.cleaned_data["email"], "email address").lower()

    def clean_company(self) -> str:
        return single_line(self.cleaned_data["company"], "company name")

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"]
        return normalise_phone(value) if value else ""

    def clean_message(self) -> str:
        value = unicodedata.normalize("NFC", self.cleaned_data["message"])
        # Keep line breaks and tabs; drop other control characters.
        return "".join(
            ch for ch in value if ch in "\n\t" or unicodedata.category(ch) != "Cc"
        )

    # The call-to-action fields never show an error: bad values are dropped.

    def clean_form_token(self) -> FormToken | None:
        token = read_form_token(self.cleaned_data["form_token"])
        if token is not None and not token.is_for(self.browser, time.time()):
            raise forms.ValidationError(self.refreshed_message, code="refreshed")
        return token

    def renew_refused_token(self) -> None:
        """Give a form whose token was refused a fresh one, keeping the rest."""
        if self.has_error("form_token", code="refreshed"):
            self.data = self.data.copy()
            # Dated as if shown a while ago: the form is already filled in, so
            # sending it straight back is no sign of a bot.
            filled_in = time.time() - settings.CONTACT_MIN_FILL_SECONDS
            self.data["form_token"] = issue_form_token(self.browser, now=filled_in)

    def repeated_inquiry(self) -> Inquiry | None:
        """The inquiry this form already saved (a refresh, a double click)."""
        token = self.cleaned_data["form_token"]
        if token is None:
            return None
        return Inquiry.objects.submitted_with(token.submission_id)

    def clean_article(self) -> Article | None:
        slug = self.cleaned_data["article"]
        return published_article(slug)

    def clean_section(self) -> str:
        return clean_section_id(self.cleaned_data["section"])

    def clean_version(self) -> datetime | None:
        return clean_version(self.cleaned_data["version"])

    def clean_assessment(self) -> AttachedAssessment | None:
        return read_contact_token(self.cleaned_data["assessment"])


def published_article(slug: str) -> Article | None:
    if not slug or len(slug) > SLUG_MAX_LENGTH:
        return None
    return Article.objects.published().filter(slug=slug).first()


def clean_section_id(value: str) -> str:
    return value if SECTION_ID_RE.fullmatch(value or "") else ""


def clean_version(value: str) -> datetime | None:
    """A past ISO 8601 datetime, or None."""
    if not value or len(value) > VERSION_MAX_LENGTH:
        return None
    try:
        parsed = parse_datetime(value)
    except ValueError:
        return None
    if parsed is None:
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, UTC)
    if parsed > timezone.now():
        return None
    return parsed
