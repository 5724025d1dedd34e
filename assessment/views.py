from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
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
from steadfast.middleware import cache_public_page

PUBLIC_PAGE_TIMEOUT = 300
START_SECTION_URL = f"{ARTICLE_PATH}#how-do-you-decide-where-to-start"


def render_questionnaire(request: HttpRequest, form: AssessmentForm) -> HttpResponse:
    context = {"form": form, "start_section_url": START_SECTION_URL}
    return render(request, "assessment/questionnaire.html", context)


# No CSRF token: it would give every visitor a cookie and keep the page out
# of the public cache, and a forged post can do no more than a direct one:
# add one to an anonymous counter and redirect to a public page.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """The questionnaire; a valid post is counted, then redirected to its result."""
    if request.method == "POST":
        form = AssessmentForm(request.POST)
        if form.is_valid():
            recommendation = recommend(form.answers)
            DailyAssessmentCount.objects.record(recommendation)
            return redirect("assessment:result", code=encode(form.answers))
        return render_questionnaire(request, form)

    # "Change your answers" on a result page comes back with them filled in.
    initial = decode(request.GET.get("answers", "")) or {}
    form = AssessmentForm(initial=initial)
    response = render_questionnaire(request, form)
    return cache_public_page(response, PUBLIC_PAGE_TIMEOUT)


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
    response = render(request, "assessment/result.html", context)
    return cache_public_page(response, PUBLIC_PAGE_TIMEOUT)
