"""Publish the launch article from the seed text, word for word.

The text and its rendering are frozen here as the editor's code produced
them on launch: a migration must not change when code elsewhere does.
"""

from django.db import migrations
from django.utils import timezone

# Frozen: the launch article as the editor saved and rendered it on launch day.
TITLE = "How Does a vCIO Differ from a vCISO — and Does Your Business Need Both?"
BODY = (
    "<p>As fractional executive models have become more common, the titles have "
    "multiplied — and with them, the confusion. A vCIO and a vCISO&nbsp;are both senior "
    "technology leaders delivered on a fractional basis, and their domains overlap enough "
    "that it’s easy to assume one role covers the other. It doesn’t. Understanding what "
    "each role actually owns, and where they intersect, is essential for organizations "
    "trying to build the right leadership structure without redundancy or gaps.</p>\n"
    "<h2>What Does a vCISO Do?</h2>\n"
    "<p>A virtual Chief Information Security Officer owns the security program. That "
    "encompasses risk management, security strategy, compliance framework alignment, "
    "incident response planning, security awareness, and the policies and controls that "
    "govern how the organization protects its data and systems. The vCISO is the "
    "executive voice for security — accountable for the organization’s security posture "
    "and responsible for communicating risk clearly to leadership and the board.</p>\n"
    "<p>In practical terms, a vCISO leads compliance initiatives like SOC 2, HIPAA, CMMC, "
    "and ISO 27001, manages relationships with auditors and assessors, and ensures that "
    "security considerations are embedded into business decisions rather than bolted on "
    "after the fact. They are the answer to the question: is our security program "
    "appropriate for the risks we face?</p>\n"
    "<h2>What Does a vCIO Do?</h2>\n"
    "<p>A virtual Chief Information Officer owns technology strategy and execution. That "
    "includes the IT infrastructure roadmap, systems and platform decisions, vendor "
    "management, technology governance, and the alignment of technology investment with "
    "business objectives. The vCIO ensures that the tools, platforms, and architecture "
    "the organization relies on are fit for purpose today and positioned to support "
    "growth tomorrow.</p>\n"
    "<p>Where a vCISO asks whether the organization is secure, a vCIO asks whether the "
    "organization’s technology is strategic. Those are related questions, but they’re not "
    "the same question — and they require different expertise and organizational "
    "authority to answer.</p>\n"
    "<h2>Where the Two Roles Intersect</h2>\n"
    "<p>The overlap between a vCIO and vCISO is real and important. Cloud architecture "
    "decisions have security implications. Vendor selections create third-party risk "
    "exposure. Compliance requirements — particularly around data residency, access "
    "controls, and software development practices — have direct technology infrastructure "
    "consequences. Digital transformation initiatives introduce new attack surfaces that "
    "need security governance from the start.</p>\n"
    "<p>When both roles are present, these intersections become productive rather than "
    "contentious. The vCISO brings security and compliance requirements into technology "
    "decisions early. The vCIO ensures those requirements are operationalized in ways "
    "that don’t unnecessarily constrain the business. Together, they create alignment "
    "that neither could establish independently.</p>\n"
    "<h2>Does Your Organization Need Both?</h2>\n"
    "<p>That depends on where your organization’s gaps actually are. Some organizations "
    "have mature technology strategy but an underdeveloped security program — a vCISO "
    "addresses the gap. Others have strong security leadership but no executive ownership "
    "of technology direction — a vCIO fills that role. Organizations at an inflection "
    "point, particularly those scaling rapidly, pursuing compliance across multiple "
    "frameworks, or preparing for digital transformation, often find that both functions "
    "are genuinely needed.</p>\n"
    "<p>The fractional model makes engaging both more feasible than many organizations "
    "assume. Because neither role requires full-time hours at the engagement level most "
    "mid-market companies need, the combined investment is substantially lower than two "
    "full-time executive hires — while still delivering executive-level ownership across "
    "both domains.</p>\n"
    "<h2>How Do You Decide Where to Start?</h2>\n"
    "<p>Start with an honest assessment of where decisions are going unmade or being made "
    "by the wrong people. If security strategy lacks an executive owner, start with a "
    "vCISO. If technology investment is happening without a roadmap or business "
    "alignment, start with a vCIO. If both are true, both are worth the "
    "conversation.</p>\n"
    "<p>Steadfast Partners provides fractional vCISO and vCIO services tailored to the "
    "needs of growing organizations. Contact Steadfast Partners at 737-210-5503 to "
    "discuss which leadership model&nbsp;fits your situation.</p>"
)
BODY_HTML = (
    "<p>As fractional executive models have become more common, the titles have "
    "multiplied — and with them, the confusion. A vCIO and a vCISO&nbsp;are both senior "
    "technology leaders delivered on a fractional basis, and their domains overlap enough "
    "that it’s easy to assume one role covers the other. It doesn’t. Understanding what "
    "each role actually owns, and where they intersect, is essential for organizations "
    "trying to build the right leadership structure without redundancy or gaps.</p>\n"
    '<h2 id="what-does-a-vciso-do">What Does a vCISO Do?</h2>\n'
    "<p>A virtual Chief Information Security Officer owns the security program. That "
    "encompasses risk management, security strategy, compliance framework alignment, "
    "incident response planning, security awareness, and the policies and controls that "
    "govern how the organization protects its data and systems. The vCISO is the "
    "executive voice for security — accountable for the organization’s security posture "
    "and responsible for communicating risk clearly to leadership and the board.</p>\n"
    "<p>In practical terms, a vCISO leads compliance initiatives like SOC 2, HIPAA, CMMC, "
    "and ISO 27001, manages relationships with auditors and assessors, and ensures that "
    "security considerations are embedded into business decisions rather than bolted on "
    "after the fact. They are the answer to the question: is our security program "
    "appropriate for the risks we face?</p>\n"
    '<h2 id="what-does-a-vcio-do">What Does a vCIO Do?</h2>\n'
    "<p>A virtual Chief Information Officer owns technology strategy and execution. That "
    "includes the IT infrastructure roadmap, systems and platform decisions, vendor "
    "management, technology governance, and the alignment of technology investment with "
    "business objectives. The vCIO ensures that the tools, platforms, and architecture "
    "the organization relies on are fit for purpose today and positioned to support "
    "growth tomorrow.</p>\n"
    "<p>Where a vCISO asks whether the organization is secure, a vCIO asks whether the "
    "organization’s technology is strategic. Those are related questions, but they’re not "
    "the same question — and they require different expertise and organizational "
    "authority to answer.</p>\n"
    '<h2 id="where-the-two-roles-intersect">Where the Two Roles Intersect</h2>\n'
    "<p>The overlap between a vCIO and vCISO is real and important. Cloud architecture "
    "decisions have security implications. Vendor selections create third-party risk "
    "exposure. Compliance requirements — particularly around data residency, access "
    "controls, and software development practices — have direct technology infrastructure "
    "consequences. Digital transformation initiatives introduce new attack surfaces that "
    "need security governance from the start.</p>\n"
    "<p>When both roles are present, these intersections become productive rather than "
    "contentious. The vCISO brings security and compliance requirements into technology "
    "decisions early. The vCIO ensures those requirements are operationalized in ways "
    "that don’t unnecessarily constrain the business. Together, they create alignment "
    "that neither could establish independently.</p>\n"
    '<h2 id="does-your-organization-need-both">Does Your Organization Need Both?</h2>\n'
    "<p>That depends on where your organization’s gaps actually are. Some organizations "
    "have mature technology strategy but an underdeveloped security program — a vCISO "
    "addresses the gap. Others have strong security leadership but no executive ownership "
    "of technology direction — a vCIO fills that role. Organizations at an inflection "
    "point, particularly those scaling rapidly, pursuing compliance across multiple "
    "frameworks, or preparing for digital transformation, often find that both functions "
    "are genuinely needed.</p>\n"
    "<p>The fractional model makes engaging both more feasible than many organizations "
    "assume. Because neither role requires full-time hours at the engagement level most "
    "mid-market companies need, the combined investment is substantially lower than two "
    "full-time executive hires — while still delivering executive-level ownership across "
    "both domains.</p>\n"
    '<h2 id="how-do-you-decide-where-to-start">How Do You Decide Where to Start?</h2>\n'
    "<p>Start with an honest assessment of where decisions are going unmade or being made "
    "by the wrong people. If security strategy lacks an executive owner, start with a "
    "vCISO. If technology investment is happening without a roadmap or business "
    "alignment, start with a vCIO. If both are true, both are worth the "
    "conversation.</p>\n"
    "<p>Steadfast Partners provides fractional vCISO and vCIO services tailored to the "
    'needs of growing organizations. Contact Steadfast Partners at <a class="site-phone" '
    'href="tel:">737-210-5503</a> to discuss which leadership model&nbsp;fits your '
    "situation.</p>"
)
TOC = [
    {"id": "what-does-a-vciso-do", "level": 2, "text": "What Does a vCISO Do?"},
    {"id": "what-does-a-vcio-do", "level": 2, "text": "What Does a vCIO Do?"},
    {
        "id": "where-the-two-roles-intersect",
        "level": 2,
        "text": "Where the Two Roles Intersect",
    },
    {
        "id": "does-your-organization-need-both",
        "level": 2,
        "text": "Does Your Organization Need Both?",
    },
    {
        "id": "how-do-you-decide-where-to-start",
        "level": 2,
        "text": "How Do You Decide Where to Start?",
    },
]
WORD_COUNT = 620

SLUG = "vcio-vs-vciso"
SUMMARY = (
    "A vCISO owns your security program; a vCIO owns your technology strategy. "
    "Where the roles overlap, whether you need both, and where to start."
)


def publish_launch_article(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    if Article.objects.filter(slug=SLUG).exists():
        return
    now = timezone.now()
    article = Article.objects.create(
        title=TITLE,
        slug=SLUG,
        summary=SUMMARY,
        body=BODY,
        body_html=BODY_HTML,
        toc=TOC,
        word_count=WORD_COUNT,
        author_name="Steadfast Partners",
        author_title="Fractional vCISO and vCIO leadership",
        status="published",
        published_at=now,
        content_updated_at=now,
    )
    # Historical models send no signals: record the first revision by hand,
    # so the admin history starts with the launch text.
    HistoricalArticle = apps.get_model("articles", "HistoricalArticle")
    HistoricalArticle.objects.create(
        **{
            field.attname: getattr(article, field.attname)
            for field in Article._meta.concrete_fields
            if field.attname not in {"body_html", "toc", "word_count"}
        },
        history_date=now,
        history_type="+",
        history_change_reason="Launch article, from the seed text",
    )


def unpublish_launch_article(apps, schema_editor):
    apps.get_model("articles", "Article").objects.filter(slug=SLUG).delete()


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_content_group")]

    operations = [
        migrations.RunPython(publish_launch_article, unpublish_launch_article),
    ]
