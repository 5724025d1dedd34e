from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from assessment.forms import AssessmentForm
from assessment.models import DailyAssessmentCount
from assessment.rules import (
    ARTICLE_PATH,
    QUESTIONS,
    decode,
    encode,
    explain,
    recommend,
)
from assessment.tokens import contact_token
from core.cache import cache_public_page
from core.ratelimit import client_ip, count_in_window

# More completions than this from one address in an hour are a script, not
# prospects: they still get their result but no longer move the counts.
COUNTS_PER_CLIENT_PER_HOUR = 20
START_SECTION_URL = f"{ARTICLE_PATH}#how-do-you-decide-where-to-start"


def render_questionnaire(request: HttpRequest, form: AssessmentForm) -> HttpResponse:
    context = {"form": form, "start_section_url": START_SECTION_URL}
    return render(request, "assessment/questionnaire.html", context)


# No CSRF token: it would give every visitor a cookie and keep the page out
# of the public cache, and a forged post can do no more than a direct one:
# add one to an anonymous counter and redirect to a public page.
@cache_public_page()
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """The questionnaire; a valid post is counted, then redirected to its result."""
    if request.method == "POST":
        form = AssessmentForm(request.POST)
        if form.is_valid():
            recommendation = recommend(form.answers)
            if is_within_count_limit(request):
                DailyAssessmentCount.objects.record(recommendation)
            return redirect("assessment:result", code=encode(form.answers))
        return render_questionnaire(request, form)

    # "Change your answers" on a result page comes back with them filled in.
    initial = decode(request.GET.get("answers", "")) or {}
    form = AssessmentForm(initial=initial)
    return render_questionnaire(request, form)


def is_within_count_limit(request: HttpRequest) -> bool:
    """Count this completion against its address's hourly allowance.

    The cache key is a keyed hash of the address that expires within the
    hour; the address itself is never stored.
    """
    address = client_ip(request)  # behind our proxies, the visitor's own
    digest = salted_hmac(
        "assessment.count-limit", address, algorithm="sha256"
    ).hexdigest()[:32]
    count = count_in_window(f"assessment:count-limit:{digest}", 60 * 60)
    # With the cache down, count anyway: a lost count costs more than a bot's.
    return count is None or count <= COUNTS_PER_CLIENT_PER_HOUR


@cache_public_page()
@require_safe
def result(request: HttpRequest, code: str) -> HttpResponse:
    """A bookmarkable result: the answers live in the URL, nothing is stored."""
    answers = decode(code)
    if answers is None:
        raise Http404("Not an assessment result.")
    outcome = explain(answers)
    inquiry_query = urlencode(
        {
            "interest": outcome.recommendation.inquiry_interest,
            "assessment": contact_token(answers),
        }
    )
    context = {
        "result": outcome,
        "answered": [
            (
                question,
                next(c for c in question.choices if c.value == answers[question.key]),
            )
            for question in QUESTIONS
        ],
        "inquiry_url": f"{reverse('contact:inquiry')}?{inquiry_query}",
        "change_url": f"{reverse('assessment:start')}?{urlencode({'answers': code})}",
    }
    return render(request, "assessment/result.html", context)
