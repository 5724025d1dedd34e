"""The signed token that carries an assessment result to the contact form.

Signed (not encrypted: nothing in it is secret) so the answers and the
recommendation stored on an inquiry are the ones our result page showed.
"""

from dataclasses import dataclass

from django.core import signing

from assessment.rules import Answers, Recommendation, are_valid, recommend

SALT = "assessment.contact-token"


@dataclass(frozen=True)
class AttachedAssessment:
    answers: Answers
    recommendation: Recommendation


def contact_token(answers: Answers) -> str:
    payload = {"answers": answers, "recommendation": recommend(answers).value}
    return signing.dumps(payload, salt=SALT, compress=True)


def read_contact_token(token: str) -> AttachedAssessment | None:
    """The assessment a token carries, or None if it is forged or malformed."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not are_valid(payload.get("answers")):
        return None
    try:
        recommendation = Recommendation(payload.get("recommendation"))
    except ValueError:
        return None
    return AttachedAssessment(payload["answers"], recommendation)
