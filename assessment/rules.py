"""The self-assessment: its questions and the article's decision rule.

Everything here is plain data and pure functions, so the rule can be read
(and tested) on its own. The rule is the one the article ends with, in
"How Do You Decide Where to Start?": if security strategy lacks an executive
owner, start with a vCISO; if technology investment happens without a roadmap
or business alignment, start with a vCIO; if both are true, both. Organisations
scaling fast, pursuing several compliance frameworks or preparing a digital
transformation often need both.
"""

from dataclasses import dataclass
from enum import StrEnum

ARTICLE_PATH = "/articles/vcio-vs-vciso/"


class Recommendation(StrEnum):
    VCISO = "vciso"
    VCIO = "vcio"
    BOTH = "both"
    NOT_YET = "not_yet"

    @property
    def label(self) -> str:
        return RECOMMENDATION_LABELS[self]

    @property
    def inquiry_interest(self) -> str:
        """The contact form's ``interest`` this recommendation pre-selects."""
        return "unsure" if self is Recommendation.NOT_YET else self.value


RECOMMENDATION_LABELS = {
    Recommendation.VCISO: "Start with a vCISO",
    Recommendation.VCIO: "Start with a vCIO",
    Recommendation.BOTH: "Both are worth the conversation",
    Recommendation.NOT_YET: "You may not need either yet",
}


@dataclass(frozen=True)
class Choice:
    value: str  # stored on the inquiry and shown to sales
    code: str  # one character in the result URL
    label: str


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    hint: str
    choices: tuple[Choice, ...]


YES = Choice("yes", "y", "Yes")
NO = Choice("no", "n", "No")
NOT_SURE = Choice("not_sure", "u", "Not sure")

QUESTIONS: tuple[Question, ...] = (
    Question(
        key="security_owner",
        text=(
            "Does one executive own your security program and report risk "
            "to leadership?"
        ),
        hint="Someone accountable for security, not just someone who fixes things.",
        choices=(YES, NO, NOT_SURE),
    ),
    Question(
        key="security_early",
        text="Is security considered before you choose a new system or vendor?",
        hint="Rather than checked, or bolted on, after the decision is made.",
        choices=(
            Choice("always", "a", "Yes, every time"),
            Choice("sometimes", "s", "Sometimes"),
            Choice("rarely", "r", "Rarely or never"),
        ),
    ),
    Question(
        key="compliance",
        text="Are you pursuing SOC 2, HIPAA, CMMC or ISO 27001?",
        hint="Count a framework a customer, insurer or regulator is asking you for.",
        choices=(
            Choice("none", "0", "None of them"),
            Choice("one", "1", "One of them"),
            Choice("several", "2", "Two or more"),
        ),
    ),
    Question(
        key="roadmap",
        text="Do you have a technology roadmap tied to your business goals?",
        hint="A written plan for systems and spending over the next year or more.",
        choices=(YES, NO, NOT_SURE),
    ),
    Question(
        key="platform_decisions",
        text="Who makes platform and vendor decisions?",
        hint="For example a new CRM, a cloud provider or an IT support company.",
        choices=(
            Choice(
                "executive",
                "e",
                "An executive who weighs them against our business goals",
            ),
            Choice("it_team", "i", "Our IT team or IT provider, case by case"),
            Choice("departments", "d", "Whichever team needs the tool"),
        ),
    ),
    Question(
        key="inflection_point",
        text=(
            "Are you scaling quickly or planning a digital transformation in "
            "the next year?"
        ),
        hint="Rapid hiring, new locations, an acquisition, or moving core systems.",
        choices=(YES, NO),
    ),
)

QUESTIONS_BY_KEY = {question.key: question for question in QUESTIONS}

Answers = dict[str, str]  # question key -> choice value


@dataclass(frozen=True)
class Reason:
    text: str
    section: str  # the heading id of the article section it points to
    section_title: str

    @property
    def url(self) -> str:
        return f"{ARTICLE_PATH}#{self.section}"


VCISO_SECTION = ("what-does-a-vciso-do", "What Does a vCISO Do?")
VCIO_SECTION = ("what-does-a-vcio-do", "What Does a vCIO Do?")
INTERSECT_SECTION = ("where-the-two-roles-intersect", "Where the Two Roles Intersect")
BOTH_SECTION = ("does-your-organization-need-both", "Does Your Organization Need Both?")
START_SECTION = (
    "how-do-you-decide-where-to-start",
    "How Do You Decide Where to Start?",
)


@dataclass(frozen=True)
class Result:
    recommendation: Recommendation
    reasons: tuple[Reason, ...]


def has_security_gap(answers: Answers) -> bool:
    """Security strategy lacks an executive owner, or security comes last."""
    return answers["security_owner"] != "yes" or answers["security_early"] == "rarely"


def has_technology_gap(answers: Answers) -> bool:
    """Technology investment happens without a roadmap or business alignment."""
    return answers["roadmap"] != "yes" or answers["platform_decisions"] != "executive"


def is_at_inflection_point(answers: Answers) -> bool:
    """Scaling fast, transforming, or pursuing several compliance frameworks."""
    return answers["inflection_point"] == "yes" or answers["compliance"] == "several"


def recommend(answers: Answers) -> Recommendation:
    """The article's decision rule, from complete and valid answers."""
    security_gap = has_security_gap(answers)
    technology_gap = has_technology_gap(answers)
    if security_gap and technology_gap:
        return Recommendation.BOTH
    if (security_gap or technology_gap) and is_at_inflection_point(answers):
        return Recommendation.BOTH
    if security_gap:
        return Recommendation.VCISO
    if technology_gap:
        return Recommendation.VCIO
    return Recommendation.NOT_YET


def explain(answers: Answers) -> Result:
    """The recommendation and, in a few sentences, why."""
    recommendation = recommend(answers)
    reasons: list[Reason] = []
    if answers["security_owner"] != "yes":
        reasons.append(
            Reason(
                "No single executive owns your security program and reports risk "
                "to leadership. That ownership is what a vCISO brings.",
                *VCISO_SECTION,
            )
        )
    if answers["security_early"] == "rarely":
        reasons.append(
            Reason(
                "Security is checked after systems and vendors are chosen. A vCISO "
                "makes sure it is part of business decisions, not bolted on later.",
                *INTERSECT_SECTION,
            )
        )
    if answers["security_owner"] != "yes" and answers["compliance"] != "none":
        reasons.append(
            Reason(
                "You are working towards a compliance framework without an "
                "executive owner for security. A vCISO leads SOC 2, HIPAA, CMMC "
                "and ISO 27001 work and manages the auditors.",
                *VCISO_SECTION,
            )
        )
    if answers["roadmap"] != "yes":
        reasons.append(
            Reason(
                "Technology spending is not guided by a roadmap tied to your "
                "business goals. Owning that roadmap is the core of a vCIO's job.",
                *VCIO_SECTION,
            )
        )
    if answers["platform_decisions"] != "executive":
        reasons.append(
            Reason(
                "Platform and vendor decisions are made case by case, without an "
                "executive weighing them against the business. A vCIO owns that "
                "direction.",
                *VCIO_SECTION,
            )
        )
    if recommendation is Recommendation.BOTH and is_at_inflection_point(answers):
        reasons.append(
            Reason(
                "You are at an inflection point: scaling quickly, transforming, or "
                "pursuing several compliance frameworks. Organizations like yours "
                "often find both roles are genuinely needed.",
                *BOTH_SECTION,
            )
        )
    if recommendation is Recommendation.NOT_YET:
        reasons.append(
            Reason(
                "Your security program and your technology direction both have an "
                "executive owner, and security is part of your decisions. Revisit "
                "this if you start scaling quickly or take on more compliance work.",
                *START_SECTION,
            )
        )
    elif recommendation is Recommendation.BOTH and not is_at_inflection_point(answers):
        reasons.append(
            Reason(
                "Gaps on both sides mean both roles are worth the conversation; "
                "the fractional model makes that more affordable than two hires.",
                *START_SECTION,
            )
        )
    return Result(recommendation, tuple(reasons))


def encode(answers: Answers) -> str:
    """The answers as a short code for the result URL, one character each."""
    return "".join(
        next(c.code for c in q.choices if c.value == answers[q.key]) for q in QUESTIONS
    )


def decode(code: str) -> Answers | None:
    """The answers a result code stands for, or None if it is not one."""
    if len(code) != len(QUESTIONS):
        return None
    answers: Answers = {}
    for question, char in zip(QUESTIONS, code, strict=True):
        choice = next((c for c in question.choices if c.code == char), None)
        if choice is None:
            return None
        answers[question.key] = choice.value
    return answers


def are_valid(answers: object) -> bool:
    """Whether ``answers`` is a complete set of known choices (from a token)."""
    return (
        isinstance(answers, dict)
        and set(answers) == set(QUESTIONS_BY_KEY)
        and all(
            any(c.value == value for c in QUESTIONS_BY_KEY[key].choices)
            for key, value in answers.items()
        )
    )


def describe(answers: Answers) -> list[tuple[str, str]]:
    """(question, answer) in words, for staff; unknown keys are shown as stored."""
    described = []
    for key, value in answers.items():
        question = QUESTIONS_BY_KEY.get(key)
        if question is None:
            described.append((key, str(value)))
            continue
        label = next((c.label for c in question.choices if c.value == value), value)
        described.append((question.text, str(label)))
    return described


def recommendation_label(value: str) -> str:
    """The label for a stored recommendation, or the value if it is unknown."""
    try:
        return Recommendation(value).label
    except ValueError:
        return value
