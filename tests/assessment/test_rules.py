"""The decision rule, checked for every possible combination of answers."""

import itertools
import re

import pytest

from assessment.rules import (
    ARTICLE_PATH,
    QUESTIONS,
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


def article_rule(answers: dict[str, str]) -> str:
    """The article's rule, restated independently of assessment.rules.

    "If security strategy lacks an executive owner, start with a vCISO. If
    technology investment is happening without a roadmap or business
    alignment, start with a vCIO. If both are true, both are worth the
    conversation." Organisations scaling rapidly, pursuing several compliance
    frameworks or preparing a digital transformation often need both.
    """
    nobody_owns_security = answers["security_owner"] in {"no", "not_sure"}
    security_bolted_on = answers["security_early"] == "rarely"
    no_roadmap = answers["roadmap"] in {"no", "not_sure"}
    decisions_unaligned = answers["platform_decisions"] in {"it_team", "departments"}
    inflection = (
        answers["inflection_point"] == "yes" or answers["compliance"] == "several"
    )

    needs = set()
    if nobody_owns_security or security_bolted_on:
        needs.add("vciso")
    if no_roadmap or decisions_unaligned:
        needs.add("vcio")
    if len(needs) == 2 or (needs and inflection):
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


def test_every_explanation_argues_for_its_own_recommendation():
    for answers in ALL_ANSWERS:
        result = explain(answers)
        sections = {reason.section for reason in result.reasons}

        match result.recommendation:
            case Recommendation.VCISO:
                assert sections <= SECURITY_SECTIONS, answers
            case Recommendation.VCIO:
                assert sections == {"what-does-a-vcio-do"}, answers
            case Recommendation.BOTH:
                gap_sections = SECURITY_SECTIONS | {"what-does-a-vcio-do"}
                why_both = {
                    "does-your-organization-need-both",
                    "how-do-you-decide-where-to-start",
                }
                assert sections & gap_sections, answers
                assert sections & why_both, answers
            case Recommendation.NOT_YET:
                assert sections == {"how-do-you-decide-where-to-start"}, answers


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
            {"security_owner": "no", "inflection_point": "yes"},
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


def test_several_compliance_frameworks_turn_a_single_gap_into_both():
    answers = {
        "security_owner": "no",
        "security_early": "always",
        "compliance": "several",
        "roadmap": "yes",
        "platform_decisions": "executive",
        "inflection_point": "no",
    }

    assert recommend(answers) == Recommendation.BOTH
    assert recommend({**answers, "compliance": "one"}) == Recommendation.VCISO


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
