"""The self-assessment: its questions and the article's decision rule.

Everything here is plain data and pure functions, so the rule can be read
(and tested) on its own. The rule is the one the article ends with, in
"How Do You Decide Where to Start?": if security strategy lacks an executive
owner, start with a vCISO; if technology investment happens without a roadmap
or business alignment, start with a vCIO; if both are true, both. Organisations
scaling fast, pursuing several compliance frameworks or preparing a digital
transformation "often find that both functions are genuinely needed": that
sharpens a recommendation, it does not turn one gap into two (an organisation
with strong security leadership is the article's own vCIO case).
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


class Need(StrEnum):
    """What a reason argues for."""

    SECURITY = "security"  # a vCISO
    TECHNOLOGY = "technology"  # a vCIO
    BOTH = "both"  # the two together
    NEITHER = "neither"


# The needs each recommendation may be argued with: a reason for the other
# role never appears under a single-role result.
NEEDS_FOR = {
    Recommendation.VCISO: {Need.SECURITY},
    Recommendation.VCIO: {Need.TECHNOLOGY},
    Recommendation.BOTH: {Need.SECURITY, Need.TECHNOLOGY, Need.BOTH},
    Recommendation.NOT_YET: {Need.NEITHER},
}


@dataclass(frozen=True)
class Reason:
    text: str
    section: str  # the heading id of the article section it points to
    section_title: str
    need: Need
    questions: tuple[str, ...]  # the keys of the answers it comes from

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


def security_gaps(answers: Answers) -> list[Reason]:
    """Security strategy lacks an executive owner, or security comes last."""
    gaps = []
    if answers["security_owner"] != "yes":
        gaps.append(
            Reason(
                "No single executive owns your security program and reports risk "
                "to leadership. That ownership is what a vCISO brings.",
                *VCISO_SECTION,
                Need.SECURITY,
                ("security_owner",),
            )
        )
    if answers["security_early"] == "rarely":
        gaps.append(
            Reason(
                "Security is checked after systems and vendors are chosen. A vCISO "
                "makes sure it is part of business decisions, not bolted on later.",
                *INTERSECT_SECTION,
                Need.SECURITY,
                ("security_early",),
            )
        )
    if answers["security_owner"] != "yes" and answers["compliance"] != "none":
        gaps.append(
            Reason(
                "You are working towards a compliance framework without an "
                "executive owner for security. A vCISO leads SOC 2, HIPAA, CMMC "
                "and ISO 27001 work and manages the auditors.",
                *VCISO_SECTION,
                Need.SECURITY,
                ("security_owner", "compliance"),
            )
        )
    return gaps


def technology_gaps(answers: Answers) -> list[Reason]:
    """Technology investment happens without a roadmap or business alignment."""
    gaps = []
    if answers["roadmap"] != "yes":
        gaps.append(
            Reason(
                "Technology spending is not guided by a roadmap tied to your "
                "business goals. Owning that roadmap is the core of a vCIO's job.",
                *VCIO_SECTION,
                Need.TECHNOLOGY,
                ("roadmap",),
            )
        )
    if answers["platform_decisions"] != "executive":
        gaps.append(
            Reason(
                "Platform and vendor decisions are made case by case, without an "
                "executive weighing them against the business. A vCIO owns that "
                "direction.",
                *VCIO_SECTION,
                Need.TECHNOLOGY,
                ("platform_decisions",),
            )
        )
    return gaps


def inflection_answers(answers: Answers) -> tuple[str, ...]:
    """The answers that say scaling fast, transforming, or several frameworks."""
    return tuple(
        key
        for key, value in (("inflection_point", "yes"), ("compliance", "several"))
        if answers[key] == value
    )


def is_at_inflection_point(answers: Answers) -> bool:
    return bool(inflection_answers(answers))


def recommend(answers: Answers) -> Recommendation:
    """The article's decision rule, from complete and valid answers."""
    return explain(answers).recommendation


def explain(answers: Answers) -> Result:
    """The recommendation and, in a few sentences, why.

    The recommendation follows from the gaps the answers show, and the gaps
    are the reasons given, so the two cannot disagree. Being at an inflection
    point makes a gap more pressing; it never invents one: the article's
    "strong security leadership but no executive ownership of technology
    direction" is a vCIO's case, whatever the growth plans.
    """
    security = security_gaps(answers)
    technology = technology_gaps(answers)
    reasons = [*security, *technology]
    if security and technology:
        recommendation = Recommendation.BOTH
        if is_at_inflection_point(answers):
            reasons.append(
                Reason(
                    "You are at an inflection point: scaling quickly, transforming, "
                    "or pursuing several compliance frameworks. Organizations like "
                    "yours often find both roles are genuinely needed.",
                    *BOTH_SECTION,
                    Need.BOTH,
                    inflection_answers(answers),
                )
            )
        else:
            reasons.append(
                Reason(
                    "Gaps on both sides mean both roles are worth the conversation; "
                    "the fractional model makes that more affordable than two hires.",
                    *START_SECTION,
                    Need.BOTH,
                    tuple(dict.fromkeys(q for r in reasons for q in r.questions)),
                )
            )
    elif security or technology:
        recommendation = Recommendation.VCISO if security else Recommendation.VCIO
        if answers["inflection_point"] == "yes":
            role, need = (
                ("vCISO", Need.SECURITY) if security else ("vCIO", Need.TECHNOLOGY)
            )
            reasons.append(
                Reason(
                    "You are scaling quickly or planning a transformation, so this "
                    f"gap will only grow: a {role} is the place to start.",
                    *START_SECTION,
                    need,
                    ("inflection_point",),
                )
            )
    else:
        recommendation = Recommendation.NOT_YET
        later = (
            "Keep both owners in the room as you scale or transform."
            if answers["inflection_point"] == "yes"
            else "Revisit this if you start scaling quickly or take on more "
            "compliance work."
        )
        reasons.append(
            Reason(
                "Your security program and your technology direction both have an "
                "executive owner, and security is part of your decisions. " + later,
                *START_SECTION,
                Need.NEITHER,
                ("security_owner", "security_early", "roadmap", "platform_decisions"),
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
