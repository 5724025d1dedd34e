import time
import uuid

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from articles.models import Article
from assessment.tokens import read_contact_token
from contact.forms import (
    InquiryForm,
    clean_section_id,
    clean_version,
    published_article,
)
from contact.middleware import first_touch, session_cookie_flags
from contact.models import Inquiry
from contact.notifications import notify_sales_after_commit
from contact.spam import browser_key, over_the_limit, spam_reason
from pages.models import Page
from publishing.views import previewed

# The thank-you page shows what was sent. Which inquiry that is travels in a
# signed cookie that only that page receives, not in the session: sending an
# inquiry writes one row, not two, and the prospect gets no session to expire.
RECEIPT_COOKIE = "contact_receipt"
RECEIPT_SALT = "contact.thanks"
RECEIPT_MAX_AGE = 60 * 60


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def inquiry(request: HttpRequest) -> HttpResponse:
    browser = browser_key(request)
    if request.method == "POST":
        content_length = request.META.get("CONTENT_LENGTH") or "0"
        if not content_length.isdigit() or (
            int(content_length) > settings.CONTACT_MAX_BODY_BYTES
        ):
            return render(request, "contact/too_large.html", status=413)
        form = InquiryForm(request.POST, browser=browser)
        if form.is_valid():
            saved = form.repeated_inquiry()
            if saved is None:
                if over_the_limit(request, sent=True):
                    return rate_limited(request, form)
                saved = save_inquiry(request, form)
            response = redirect("contact:thanks")
            response.set_signed_cookie(
                RECEIPT_COOKIE,
                saved.pk,
                salt=RECEIPT_SALT,
                max_age=RECEIPT_MAX_AGE,
                path=reverse("contact:thanks"),
                **session_cookie_flags(),
            )
            return response
        if over_the_limit(request, sent=False):
            return rate_limited(request, form)
        form.renew_refused_token()
        # Shown again with what its hidden fields carried.
        article = form.cleaned_data.get("article")
        assessment = form.cleaned_data.get("assessment")
    else:
        article = published_article(request.GET.get("article", ""))
        assessment = read_contact_token(request.GET.get("assessment", ""))
        form = InquiryForm(
            initial=call_to_action_initial(request, article, assessment is not None),
            browser=browser,
        )
    context = {"form": form, "article": article, "assessment": assessment}
    return render(request, "contact/inquiry_form.html", with_page(request, context))


def contact_page(request: HttpRequest) -> Page:
    """The words around the form, which Content edit as the contact page.

    The form works without them: while the database is down, or on a
    site missing the page, it shows the defaults, so an inquiry is never
    refused for want of a heading.
    """
    try:
        page = previewed(request, Page) or (
            Page.objects.published().filter(kind=Page.Kind.CONTACT).first()
        )
    except DatabaseError:
        page = None
    return page or Page(kind=Page.Kind.CONTACT)


def with_page(request: HttpRequest, context: dict) -> dict:
    return context | {"page": contact_page(request)}


def rate_limited(request: HttpRequest, form: InquiryForm) -> HttpResponse:
    """The form again, everything typed kept, with a pause and the phone number."""
    context = {
        "form": form,
        "rate_limited": True,
        "article": form.cleaned_data.get("article"),
        "assessment": form.cleaned_data.get("assessment"),
    }
    response = render(
        request, "contact/inquiry_form.html", with_page(request, context), status=429
    )
    response["Retry-After"] = str(settings.CONTACT_RATE_LIMIT_WINDOW)
    return response


def call_to_action_initial(
    request: HttpRequest, article: Article | None, has_assessment: bool
) -> dict[str, str]:
    """What an article's call-to-action link carries, allow-listed and capped."""
    initial = {}
    interest = request.GET.get("interest", "")
    if interest in Inquiry.Interest.values:
        initial["interest"] = interest
    if article is not None:
        initial["article"] = article.slug
        initial["section"] = clean_section_id(request.GET.get("section", ""))
        version = clean_version(request.GET.get("version", ""))
        if version is not None:
            initial["version"] = version.isoformat()
    if has_assessment:
        initial["assessment"] = request.GET["assessment"]
    return initial


def save_inquiry(request: HttpRequest, form: InquiryForm) -> Inquiry:
    """Save first (spam too, quarantined), then notify sales after commit.

    The form's one-time token makes a double click that raced past
    ``repeated_inquiry()`` find the inquiry already saved instead of creating
    a second one.
    """
    token = form.cleaned_data["form_token"]
    submission_token = token.submission_id if token else uuid.uuid4()
    inquiry = form.save(commit=False)
    inquiry.submission_token = submission_token
    inquiry.consented_at = timezone.now()
    inquiry.created_at = timezone.now()
    for field, value in first_touch(request).items():
        setattr(inquiry, field, value)
    article = form.cleaned_data["article"]
    if article is not None:
        inquiry.article = article
        inquiry.article_section = form.cleaned_data["section"]
        inquiry.article_version = (
            form.cleaned_data["version"] or article.content_updated_at
        )
    assessment = form.cleaned_data["assessment"]
    if assessment is not None:
        inquiry.assessment_answers = assessment.answers
        inquiry.assessment_recommendation = assessment.recommendation.value
    reason = spam_reason(form.cleaned_data["website"], token, time.time())
    if reason:
        inquiry.status = Inquiry.Status.SPAM
        inquiry.spam_reason = reason
        inquiry.notification_status = Inquiry.NotificationStatus.HELD

    try:
        with transaction.atomic():
            inquiry.save()
    except IntegrityError:
        existing = Inquiry.objects.submitted_with(submission_token)
        if existing is None:
            raise
        return existing
    notify_sales_after_commit(inquiry)
    return inquiry


@never_cache
@require_safe
def thanks(request: HttpRequest) -> HttpResponse:
    inquiry_id = request.get_signed_cookie(
        RECEIPT_COOKIE, default="", salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE
    )
    received = (
        Inquiry.objects.filter(pk=int(inquiry_id)).first()
        if inquiry_id.isdigit()
        else None
    )
    context = with_page(request, {"inquiry": received})
    return render(request, "contact/thanks.html", context)
