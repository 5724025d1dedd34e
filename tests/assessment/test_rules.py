"""The decision rule, checked for every possible combination of answers."""

import itertools
import re

import pytest

from assessment.rules import (
    ARTICLE_PATH,
    NEEDS_FOR,
    QUESTIONS,
    Need,
    Recommendation,
    are_valid,
    decode,
    describe,
    encode,
    explain,
    recommend,
    recommendation_label,
)

ARTICLE_SECTIONS = {
    "what-does-a-vciso-do",
    "what-does-a-vcio-do",
    "where-the-two-roles-intersect",
    "does-your-organization-need-both",
    "how-do-you-decide-where-to-start",
}


def every_combination() -> list[dict[str, str]]:
    keys = [question.key for question in QUESTIONS]
    values = [[choice.value for choice in question.choices] for question in QUESTIONS]
    return [dict(zip(keys, combo, strict=True)) for combo in itertools.product(*values)]


ALL_ANSWERS = every_combination()

# Which answers argue for which need, restated from the article's wording.
SECURITY_GAP_ANSWERS = {
    ("security_owner", "no"),
    ("security_owner", "not_sure"),
    ("security_early", "rarely"),
}
TECHNOLOGY_GAP_ANSWERS = {
    ("roadmap", "no"),
    ("roadmap", "not_sure"),
    ("platform_decisions", "it_team"),
    ("platform_decisions", "departments"),
}
INFLECTION_ANSWERS = {("inflection_point", "yes"), ("compliance", "several")}
OWNED_ANSWERS = {
    ("security_owner", "yes"),
    ("security_early", "always"),
    ("security_early", "sometimes"),
    ("roadmap", "yes"),
    ("platform_decisions", "executive"),
}
ANSWERS_SUPPORTING = {
    Need.SECURITY: SECURITY_GAP_ANSWERS | INFLECTION_ANSWERS,
    Need.TECHNOLOGY: TECHNOLOGY_GAP_ANSWERS | INFLECTION_ANSWERS,
    Need.BOTH: SECURITY_GAP_ANSWERS | TECHNOLOGY_GAP_ANSWERS | INFLECTION_ANSWERS,
    Need.NEITHER: OWNED_ANSWERS,
}


def article_rule(answers: dict[str, str]) -> str:
    """The article's rule, restated independently of assessment.rules.

    "If security strategy lacks an executive owner, start with a vCISO. If
    technology investment is happening without a roadmap or business
    alignment, start with a vCIO. If both are true, both are worth the
    conversation." Growth or several compliance frameworks never turn one gap
    into two: "strong security leadership but no executive ownership of
    technology direction — a vCIO fills that role."
    """
    needs = set()
    if any(pair in SECURITY_GAP_ANSWERS for pair in answers.items()):
        needs.add("vciso")
    if any(pair in TECHNOLOGY_GAP_ANSWERS for pair in answers.items()):
        needs.add("vcio")
    if len(needs) == 2:
        return "both"
    return needs.pop() if needs else "not_yet"


def test_there_are_six_to_eight_questions_each_with_two_or_three_answers():
    assert 6 <= len(QUESTIONS) <= 8
    assert all(2 <= len(question.choices) <= 3 for question in QUESTIONS)
    assert len(ALL_ANSWERS) == 486


def test_every_combination_of_answers_gets_the_articles_recommendation():
    for answers in ALL_ANSWERS:
        assert recommend(answers) == article_rule(answers), answers


SECURITY_SECTIONS = {"what-does-a-vciso-do", "where-the-two-roles-intersect"}


def test_every_reason_comes_from_an_answer_that_supports_its_recommendation():
    for answers in ALL_ANSWERS:
        result = explain(answers)

        for reason in result.reasons:
            cited = {(key, answers[key]) for key in reason.questions}
            assert reason.need in NEEDS_FOR[result.recommendation], (answers, reason)
            assert cited, (answers, reason)
            if reason.need is Need.NEITHER:
                assert cited <= OWNED_ANSWERS, (answers, reason)
            else:
                assert cited & ANSWERS_SUPPORTING[reason.need], (answers, reason)


def test_every_both_is_argued_on_the_security_and_the_technology_side():
    for answers in ALL_ANSWERS:
        result = explain(answers)
        if result.recommendation is not Recommendation.BOTH:
            continue
        needs = {reason.need for reason in result.reasons}
        sections = {reason.section for reason in result.reasons}

        assert {Need.SECURITY, Need.TECHNOLOGY, Need.BOTH} <= needs, answers
        assert sections & SECURITY_SECTIONS, answers
        assert "what-does-a-vcio-do" in sections, answers


def test_every_single_role_is_argued_only_with_its_own_side():
    for answers in ALL_ANSWERS:
        result = explain(answers)
        sections = {reason.section for reason in result.reasons}

        match result.recommendation:
            case Recommendation.VCISO:
                assert sections <= SECURITY_SECTIONS | {
                    "how-do-you-decide-where-to-start"
                }, answers
                assert sections & SECURITY_SECTIONS, answers
            case Recommendation.VCIO:
                assert sections <= {
                    "what-does-a-vcio-do",
                    "how-do-you-decide-where-to-start",
                }, answers
                assert "what-does-a-vcio-do" in sections, answers
            case Recommendation.NOT_YET:
                assert sections == {"how-do-you-decide-where-to-start"}, answers


def test_an_organisation_with_a_security_executive_is_not_told_to_get_both():
    """The walk-through's case: security led, technology adrift, scaling fast."""
    answers = {
        "security_owner": "yes",
        "security_early": "always",
        "compliance": "several",
        "roadmap": "no",
        "platform_decisions": "departments",
        "inflection_point": "yes",
    }

    result = explain(answers)

    assert result.recommendation == Recommendation.VCIO
    assert all(reason.need is Need.TECHNOLOGY for reason in result.reasons)
    assert any("scaling quickly" in reason.text for reason in result.reasons)


def test_every_recommendation_is_reachable():
    reached = {recommend(answers) for answers in ALL_ANSWERS}

    assert reached == set(Recommendation)


def test_every_combination_is_explained_with_links_to_the_article_sections():
    for answers in ALL_ANSWERS:
        result = explain(answers)

        assert result.recommendation == recommend(answers)
        assert 1 <= len(result.reasons) <= 6, answers
        for reason in result.reasons:
            assert reason.section in ARTICLE_SECTIONS
            assert reason.url == f"{ARTICLE_PATH}#{reason.section}"


@pytest.mark.parametrize(
    ("answers", "expected", "section"),
    [
        (
            {"security_owner": "no", "roadmap": "yes"},
            Recommendation.VCISO,
            "what-does-a-vciso-do",
        ),
        (
            {"security_owner": "yes", "roadmap": "no"},
            Recommendation.VCIO,
            "what-does-a-vcio-do",
        ),
        (
            {"security_owner": "yes", "roadmap": "yes", "inflection_point": "no"},
            Recommendation.NOT_YET,
            "how-do-you-decide-where-to-start",
        ),
        (
            {"security_owner": "no", "roadmap": "no", "inflection_point": "yes"},
            Recommendation.BOTH,
            "does-your-organization-need-both",
        ),
    ],
)
def test_reasons_point_to_the_section_that_explains_the_result(
    answers, expected, section
):
    full = {
        "security_owner": "yes",
        "security_early": "always",
        "compliance": "none",
        "roadmap": "yes",
        "platform_decisions": "executive",
        "inflection_point": "no",
        **answers,
    }

    result = explain(full)

    assert result.recommendation == expected
    assert section in {reason.section for reason in result.reasons}


def test_compliance_work_is_blamed_on_a_missing_owner_only_when_one_is_missing():
    answers = {
        "security_owner": "yes",
        "security_early": "rarely",
        "compliance": "one",
        "roadmap": "yes",
        "platform_decisions": "executive",
        "inflection_point": "no",
    }

    with_owner = explain(answers)
    without_owner = explain({**answers, "security_owner": "no"})

    assert with_owner.recommendation == Recommendation.VCISO
    assert not any("compliance" in r.text for r in with_owner.reasons)
    assert any("compliance" in r.text for r in without_owner.reasons)


def test_growth_and_several_frameworks_never_turn_a_single_gap_into_both():
    answers = {
        "security_owner": "no",
        "security_early": "always",
        "compliance": "several",
        "roadmap": "yes",
        "platform_decisions": "executive",
        "inflection_point": "yes",
    }

    assert recommend(answers) == Recommendation.VCISO
    assert recommend({**answers, "roadmap": "no"}) == Recommendation.BOTH


def test_every_combination_survives_the_round_trip_through_its_url_code():
    codes = set()
    for answers in ALL_ANSWERS:
        code = encode(answers)

        assert re.fullmatch(r"[a-z0-9]{6}", code)
        assert decode(code) == answers
        codes.add(code)

    assert len(codes) == len(ALL_ANSWERS)


@pytest.mark.parametrize("code", ["", "yyy", "yaoyeyy", "zzzzzz", "YA0YEY", "ya0ye "])
def test_a_code_that_is_not_a_result_decodes_to_nothing(code):
    assert decode(code) is None


def test_only_complete_answers_with_known_choices_are_valid():
    answers = ALL_ANSWERS[0]

    assert are_valid(answers)
    assert not are_valid({**answers, "roadmap": "maybe"})
    assert not are_valid({**answers, "extra": "yes"})
    assert not are_valid({k: v for k, v in answers.items() if k != "roadmap"})
    assert not are_valid(["not", "a", "dict"])


def test_recommendations_map_to_the_contact_forms_interests():
    assert Recommendation.VCISO.inquiry_interest == "vciso"
    assert Recommendation.VCIO.inquiry_interest == "vcio"
    assert Recommendation.BOTH.inquiry_interest == "both"
    assert Recommendation.NOT_YET.inquiry_interest == "unsure"


def test_staff_see_answers_and_recommendation_in_words():
    described = describe({"security_owner": "not_sure", "retired_question": "yes"})

    assert described == [
        (QUESTIONS[0].text, "Not sure"),
        ("retired_question", "yes"),
    ]
    assert recommendation_label("vcio") == "Start with a vCIO"
    assert recommendation_label("something-old") == "something-old"
