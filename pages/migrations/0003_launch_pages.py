"""Publish the launch pages: home, services, vCISO, vCIO, about, privacy.

Every sentence comes from the launch article (articles/migrations/0003) or the
firm's line, "fractional vCISO and vCIO services tailored to the needs of
growing organizations"; the privacy notice says what the code does (contact,
assessment, the first-touch cookie). Nothing about people, clients, prices or
certifications: staff add what only the firm can write (the About page's
editor note says where). The text is embedded here (a migration must not
change when files elsewhere do), rendered as an admin save then did.
"""

from django.db import migrations
from django.utils import timezone

FIRM_LINE = (
    "Steadfast Partners provides fractional vCISO and vCIO services tailored to "
    "the needs of growing organizations."
)
CALL = (
    "<p>Contact Steadfast Partners at [phone] to discuss which leadership model "
    "fits your situation.</p>"
)
WHERE_TO_START = (
    "<p>Start with an honest assessment of where decisions are going unmade or "
    "being made by the wrong people. If security strategy lacks an executive "
    "owner, start with a vCISO. If technology investment is happening without a "
    "roadmap or business alignment, start with a vCIO. If both are true, both "
    "are worth the conversation.</p>"
)

PAGES = [
    {
        "kind": "home",
        "slug": "home",
        "title": (
            "Executive security and technology leadership, without the full-time hire"
        ),
        "lead": FIRM_LINE,
        "meta_description": (
            "Fractional vCISO and vCIO services tailored to the needs of growing "
            "organizations: executive ownership of security and technology."
        ),
        "body": (
            "<h2>Two roles, two questions</h2>"
            "<p>A vCIO and a vCISO are both senior technology leaders delivered on "
            "a fractional basis, and their domains overlap enough that it’s easy "
            "to assume one role covers the other. It doesn’t. Where a vCISO asks "
            "whether the organization is secure, a vCIO asks whether the "
            "organization’s technology is strategic.</p>"
            "<h2>How do you decide where to start?</h2>" + WHERE_TO_START + CALL
        ),
    },
    {
        "kind": "services",
        "slug": "services",
        "title": "Services",
        "lead": FIRM_LINE,
        "meta_description": (
            "Fractional vCISO and vCIO services: what each role owns, where they "
            "intersect, and how to decide where to start."
        ),
        "body": (
            "<h2>What each role owns</h2>"
            # As the editor writes a table; rendering adds thead, scopes and
            # the caption (core/richtext.py).
            "<p>Table: The vCISO and the vCIO compared</p>"
            "<table><tbody>"
            "<tr><th>Role</th><th>vCISO</th><th>vCIO</th></tr>"
            "<tr><th>Owns</th><td>The security program</td>"
            "<td>Technology strategy and execution</td></tr>"
            "<tr><th>The question it answers</th>"
            "<td>Is the organization secure?</td>"
            "<td>Is the organization’s technology strategic?</td></tr>"
            "<tr><th>Covers</th><td>Risk management, security strategy, "
            "compliance framework alignment, incident response planning, "
            "security awareness, and the policies and controls that govern how "
            "the organization protects its data and systems</td><td>The IT "
            "infrastructure roadmap, systems and platform decisions, vendor "
            "management, technology governance, and the alignment of technology "
            "investment with business objectives</td></tr>"
            "<tr><th>Start here if</th><td>Security strategy lacks an executive "
            "owner</td><td>Technology investment is happening without a roadmap "
            "or business alignment</td></tr>"
            "</tbody></table>"
            "<h2>Where the two roles intersect</h2>"
            "<p>The overlap between a vCIO and vCISO is real and important. Cloud "
            "architecture decisions have security implications. Vendor selections "
            "create third-party risk exposure. Compliance requirements — "
            "particularly around data residency, access controls, and software "
            "development practices — have direct technology infrastructure "
            "consequences. Digital transformation initiatives introduce new attack "
            "surfaces that need security governance from the start.</p>"
            "<p>When both roles are present, these intersections become productive "
            "rather than contentious. The vCISO brings security and compliance "
            "requirements into technology decisions early. The vCIO ensures those "
            "requirements are operationalized in ways that don’t unnecessarily "
            "constrain the business. Together, they create alignment that neither "
            "could establish independently.</p>"
            "<h2>Does your organization need both?</h2>"
            "<p>That depends on where your organization’s gaps actually are. Some "
            "organizations have mature technology strategy but an underdeveloped "
            "security program — a vCISO addresses the gap. Others have strong "
            "security leadership but no executive ownership of technology "
            "direction — a vCIO fills that role. Organizations at an inflection "
            "point, particularly those scaling rapidly, pursuing compliance across "
            "multiple frameworks, or preparing for digital transformation, often "
            "find that both functions are genuinely needed.</p>"
            "<p>The fractional model makes engaging both more feasible than many "
            "organizations assume. Because neither role requires full-time hours "
            "at the engagement level most mid-market companies need, the combined "
            "investment is substantially lower than two full-time executive hires "
            "— while still delivering executive-level ownership across both "
            "domains.</p>"
            "<h2>How do you decide where to start?</h2>" + WHERE_TO_START + CALL
        ),
    },
    {
        "kind": "service",
        "slug": "vciso",
        "position": 10,
        "title": "Fractional vCISO: an executive owner for your security program",
        "lead": (
            "A virtual Chief Information Security Officer owns the security "
            "program and is the executive voice for security."
        ),
        "meta_description": (
            "A fractional vCISO owns your security program: risk, compliance, "
            "incident response planning, and clear communication of risk to "
            "leadership."
        ),
        "body": (
            "<h2>What a vCISO owns</h2>"
            "<p>A virtual Chief Information Security Officer owns the security "
            "program. That encompasses risk management, security strategy, "
            "compliance framework alignment, incident response planning, security "
            "awareness, and the policies and controls that govern how the "
            "organization protects its data and systems. The vCISO is the "
            "executive voice for security — accountable for the organization’s "
            "security posture and responsible for communicating risk clearly to "
            "leadership and the board.</p>"
            "<p>In practical terms, a vCISO leads compliance initiatives like SOC "
            "2, HIPAA, CMMC, and ISO 27001, manages relationships with auditors "
            "and assessors, and ensures that security considerations are embedded "
            "into business decisions rather than bolted on after the fact. They "
            "are the answer to the question: is our security program appropriate "
            "for the risks we face?</p>"
            "<h2>Working beside a vCIO</h2>"
            "<p>The vCISO brings security and compliance requirements into "
            "technology decisions early. The vCIO ensures those requirements are "
            "operationalized in ways that don’t unnecessarily constrain the "
            "business.</p>"
            "<h2>When to start with a vCISO</h2>"
            "<p>Some organizations have mature technology strategy but an "
            "underdeveloped security program — a vCISO addresses the gap. If "
            "security strategy lacks an executive owner, start with a vCISO.</p>" + CALL
        ),
    },
    {
        "kind": "service",
        "slug": "vcio",
        "position": 20,
        "title": "Fractional vCIO: an executive owner for your technology strategy",
        "lead": (
            "A virtual Chief Information Officer owns technology strategy and "
            "execution."
        ),
        "meta_description": (
            "A fractional vCIO owns your technology strategy: the infrastructure "
            "roadmap, platform decisions, vendor management and technology "
            "governance."
        ),
        "body": (
            "<h2>What a vCIO owns</h2>"
            "<p>A virtual Chief Information Officer owns technology strategy and "
            "execution. That includes the IT infrastructure roadmap, systems and "
            "platform decisions, vendor management, technology governance, and the "
            "alignment of technology investment with business objectives. The vCIO "
            "ensures that the tools, platforms, and architecture the organization "
            "relies on are fit for purpose today and positioned to support growth "
            "tomorrow.</p>"
            "<p>Where a vCISO asks whether the organization is secure, a vCIO asks "
            "whether the organization’s technology is strategic. Those are related "
            "questions, but they’re not the same question — and they require "
            "different expertise and organizational authority to answer.</p>"
            "<h2>Working beside a vCISO</h2>"
            "<p>Cloud architecture decisions have security implications. Vendor "
            "selections create third-party risk exposure. When both roles are "
            "present, these intersections become productive rather than "
            "contentious.</p>"
            "<h2>When to start with a vCIO</h2>"
            "<p>Some organizations have strong security leadership but no "
            "executive ownership of technology direction — a vCIO fills that "
            "role. If technology investment is happening without a roadmap or "
            "business alignment, start with a vCIO.</p>" + CALL
        ),
    },
    {
        "kind": "about",
        "slug": "about",
        "title": "About Steadfast Partners",
        "lead": FIRM_LINE,
        "meta_description": (
            "Steadfast Partners provides fractional vCISO and vCIO services "
            "tailored to the needs of growing organizations."
        ),
        "body": (
            "<h2>What we do</h2>"
            "<p>We provide two fractional executive roles: a vCISO, who owns the "
            "security program, and a vCIO, who owns technology strategy and "
            "execution. Understanding what each role actually owns, and where they "
            "intersect, is essential for organizations trying to build the right "
            "leadership structure without redundancy or gaps.</p>"
            "<h2>Why fractional</h2>"
            "<p>Because neither role requires full-time hours at the engagement "
            "level most mid-market companies need, the combined investment is "
            "substantially lower than two full-time executive hires — while still "
            "delivering executive-level ownership across both domains.</p>" + CALL
        ),
    },
    {
        "kind": "privacy",
        "slug": "privacy",
        "title": "Privacy notice",
        "lead": (
            "What this website keeps when you send us an inquiry or take the "
            "self-assessment, why, for how long, who sees it, and how to ask for "
            "a copy or its deletion."
        ),
        "meta_description": (
            "What the Steadfast Partners contact form and self-assessment collect, "
            "why, for how long, who sees it, and how to ask for deletion."
        ),
        "body": (
            "<h2>What the contact form collects</h2>"
            "<p>When you send an inquiry we keep what you write: your name, work "
            "email, company, phone number (if you give one), what you are "
            "interested in and your message, with the time you sent it and the "
            "time you agreed to be contacted.</p>"
            "<p>With it we keep what brought you to us: the page you first landed "
            "on, the address of the website that linked to us (without its query "
            "string), the campaign tags of the link you followed (utm_source, "
            "utm_medium, utm_campaign, utm_term, utm_content) and, if you came "
            "from one of our articles, which article and section. If you send the "
            "result of the self-assessment with your inquiry, your answers and its "
            "recommendation are kept with it.</p>"
            "<h2>Why</h2>"
            "<p>Only to reply to your inquiry and follow up on it. We do not add you "
            "to a mailing list, and we never share or sell your details.</p>"
            "<h2>Who sees it</h2>"
            "<p>Our sales staff, who reply to inquiries, and the site's "
            "administrators. Each new inquiry is emailed to our sales staff, and "
            "we may email you a short note that we received it. Staff who edit "
            "this website's content cannot see inquiries.</p>"
            "<h2>How long we keep it</h2>"
            "<p>[inquiry retention days] days after you send an inquiry, your name, "
            "email, company, phone number and message are removed from it, and so "
            "are our staff's notes about it. What is left (the date, your "
            "interest and how you found us) no longer identifies you.</p>"
            "<h2>The self-assessment</h2>"
            "<p>Your answers are not stored: they travel in the address of your "
            "result page. We only count how many assessments end with each result "
            "each day, with nothing about who took them. To keep scripts from "
            "inflating those counts, a one-way keyed hash of your internet address "
            "is held in our cache for up to an hour; the address itself is never "
            "stored.</p>"
            "<h2>Cookies</h2>"
            "<p>If you arrive from another website or through a link with campaign "
            "tags, we set one cookie, first_touch, holding the page you landed on, "
            "the address of the website that linked to us and the link's campaign "
            "tags. It is signed so it cannot be altered, is read only when you send "
            "an inquiry, and expires after [first-touch cookie days] days. The "
            "contact form also sets a security cookie (csrftoken) that protects "
            "the form from forgery, and after you send it a short-lived cookie "
            "lets the thank-you page show what you sent. Your internet address "
            "is used for a few minutes to limit how many inquiries one address "
            "can send.</p>"
            "<h2>A copy of your details, or their deletion</h2>"
            "<p>To ask for a copy of what we hold about you, or for its deletion, "
            "call us at [phone] or write to us through "
            '<a href="/contact/">the contact form</a>.</p>'
        ),
    },
]


# Frozen: each body as the editor's code sanitised and rendered it on launch
# day, keyed by (kind, slug).
RENDERED = {
    ("home", "home"): (
        "<h2>Two roles, two questions</h2><p>A vCIO and a vCISO are both senior technology leaders delivered on a fractional basis, and their domains overlap enough that it’s easy to assume one role covers the other. It doesn’t. Where a vCISO asks whether the organization is secure, a vCIO asks whether the organization’s technology is strategic.</p><h2>How do you decide where to start?</h2><p>Start with an honest assessment of where decisions are going unmade or being made by the wrong people. If security strategy lacks an executive owner, start with a vCISO. If technology investment is happening without a roadmap or business alignment, start with a vCIO. If both are true, both are worth the conversation.</p><p>Contact Steadfast Partners at [phone] to discuss which leadership model fits your situation.</p>",
        '<h2 id="two-roles-two-questions">Two roles, two questions</h2><p>A vCIO and a vCISO are both senior technology leaders delivered on a fractional basis, and their domains overlap enough that it’s easy to assume one role covers the other. It doesn’t. Where a vCISO asks whether the organization is secure, a vCIO asks whether the organization’s technology is strategic.</p><h2 id="how-do-you-decide-where-to-start">How do you decide where to start?</h2><p>Start with an honest assessment of where decisions are going unmade or being made by the wrong people. If security strategy lacks an executive owner, start with a vCISO. If technology investment is happening without a roadmap or business alignment, start with a vCIO. If both are true, both are worth the conversation.</p><p>Contact Steadfast Partners at <a class="site-phone" href="tel:">[phone]</a> to discuss which leadership model fits your situation.</p>',
    ),
    ("services", "services"): (
        "<h2>What each role owns</h2><p>Table: The vCISO and the vCIO compared</p><table><tbody><tr><th>Role</th><th>vCISO</th><th>vCIO</th></tr><tr><th>Owns</th><td>The security program</td><td>Technology strategy and execution</td></tr><tr><th>The question it answers</th><td>Is the organization secure?</td><td>Is the organization’s technology strategic?</td></tr><tr><th>Covers</th><td>Risk management, security strategy, compliance framework alignment, incident response planning, security awareness, and the policies and controls that govern how the organization protects its data and systems</td><td>The IT infrastructure roadmap, systems and platform decisions, vendor management, technology governance, and the alignment of technology investment with business objectives</td></tr><tr><th>Start here if</th><td>Security strategy lacks an executive owner</td><td>Technology investment is happening without a roadmap or business alignment</td></tr></tbody></table><h2>Where the two roles intersect</h2><p>The overlap between a vCIO and vCISO is real and important. Cloud architecture decisions have security implications. Vendor selections create third-party risk exposure. Compliance requirements — particularly around data residency, access controls, and software development practices — have direct technology infrastructure consequences. Digital transformation initiatives introduce new attack surfaces that need security governance from the start.</p><p>When both roles are present, these intersections become productive rather than contentious. The vCISO brings security and compliance requirements into technology decisions early. The vCIO ensures those requirements are operationalized in ways that don’t unnecessarily constrain the business. Together, they create alignment that neither could establish independently.</p><h2>Does your organization need both?</h2><p>That depends on where your organization’s gaps actually are. Some organizations have mature technology strategy but an underdeveloped security program — a vCISO addresses the gap. Others have strong security leadership but no executive ownership of technology direction — a vCIO fills that role. Organizations at an inflection point, particularly those scaling rapidly, pursuing compliance across multiple frameworks, or preparing for digital transformation, often find that both functions are genuinely needed.</p><p>The fractional model makes engaging both more feasible than many organizations assume. Because neither role requires full-time hours at the engagement level most mid-market companies need, the combined investment is substantially lower than two full-time executive hires — while still delivering executive-level ownership across both domains.</p><h2>How do you decide where to start?</h2><p>Start with an honest assessment of where decisions are going unmade or being made by the wrong people. If security strategy lacks an executive owner, start with a vCISO. If technology investment is happening without a roadmap or business alignment, start with a vCIO. If both are true, both are worth the conversation.</p><p>Contact Steadfast Partners at [phone] to discuss which leadership model fits your situation.</p>",
        '<h2 id="what-each-role-owns">What each role owns</h2><div class="table-scroll" role="region" tabindex="0" aria-label="The vCISO and the vCIO compared"><table><caption>The vCISO and the vCIO compared</caption><thead><tr><th scope="col">Role</th><th scope="col">vCISO</th><th scope="col">vCIO</th></tr></thead><tbody><tr><th scope="row">Owns</th><td>The security program</td><td>Technology strategy and execution</td></tr><tr><th scope="row">The question it answers</th><td>Is the organization secure?</td><td>Is the organization’s technology strategic?</td></tr><tr><th scope="row">Covers</th><td>Risk management, security strategy, compliance framework alignment, incident response planning, security awareness, and the policies and controls that govern how the organization protects its data and systems</td><td>The IT infrastructure roadmap, systems and platform decisions, vendor management, technology governance, and the alignment of technology investment with business objectives</td></tr><tr><th scope="row">Start here if</th><td>Security strategy lacks an executive owner</td><td>Technology investment is happening without a roadmap or business alignment</td></tr></tbody></table></div><h2 id="where-the-two-roles-intersect">Where the two roles intersect</h2><p>The overlap between a vCIO and vCISO is real and important. Cloud architecture decisions have security implications. Vendor selections create third-party risk exposure. Compliance requirements — particularly around data residency, access controls, and software development practices — have direct technology infrastructure consequences. Digital transformation initiatives introduce new attack surfaces that need security governance from the start.</p><p>When both roles are present, these intersections become productive rather than contentious. The vCISO brings security and compliance requirements into technology decisions early. The vCIO ensures those requirements are operationalized in ways that don’t unnecessarily constrain the business. Together, they create alignment that neither could establish independently.</p><h2 id="does-your-organization-need-both">Does your organization need both?</h2><p>That depends on where your organization’s gaps actually are. Some organizations have mature technology strategy but an underdeveloped security program — a vCISO addresses the gap. Others have strong security leadership but no executive ownership of technology direction — a vCIO fills that role. Organizations at an inflection point, particularly those scaling rapidly, pursuing compliance across multiple frameworks, or preparing for digital transformation, often find that both functions are genuinely needed.</p><p>The fractional model makes engaging both more feasible than many organizations assume. Because neither role requires full-time hours at the engagement level most mid-market companies need, the combined investment is substantially lower than two full-time executive hires — while still delivering executive-level ownership across both domains.</p><h2 id="how-do-you-decide-where-to-start">How do you decide where to start?</h2><p>Start with an honest assessment of where decisions are going unmade or being made by the wrong people. If security strategy lacks an executive owner, start with a vCISO. If technology investment is happening without a roadmap or business alignment, start with a vCIO. If both are true, both are worth the conversation.</p><p>Contact Steadfast Partners at <a class="site-phone" href="tel:">[phone]</a> to discuss which leadership model fits your situation.</p>',
    ),
    ("service", "vciso"): (
        "<h2>What a vCISO owns</h2><p>A virtual Chief Information Security Officer owns the security program. That encompasses risk management, security strategy, compliance framework alignment, incident response planning, security awareness, and the policies and controls that govern how the organization protects its data and systems. The vCISO is the executive voice for security — accountable for the organization’s security posture and responsible for communicating risk clearly to leadership and the board.</p><p>In practical terms, a vCISO leads compliance initiatives like SOC 2, HIPAA, CMMC, and ISO 27001, manages relationships with auditors and assessors, and ensures that security considerations are embedded into business decisions rather than bolted on after the fact. They are the answer to the question: is our security program appropriate for the risks we face?</p><h2>Working beside a vCIO</h2><p>The vCISO brings security and compliance requirements into technology decisions early. The vCIO ensures those requirements are operationalized in ways that don’t unnecessarily constrain the business.</p><h2>When to start with a vCISO</h2><p>Some organizations have mature technology strategy but an underdeveloped security program — a vCISO addresses the gap. If security strategy lacks an executive owner, start with a vCISO.</p><p>Contact Steadfast Partners at [phone] to discuss which leadership model fits your situation.</p>",
        '<h2 id="what-a-vciso-owns">What a vCISO owns</h2><p>A virtual Chief Information Security Officer owns the security program. That encompasses risk management, security strategy, compliance framework alignment, incident response planning, security awareness, and the policies and controls that govern how the organization protects its data and systems. The vCISO is the executive voice for security — accountable for the organization’s security posture and responsible for communicating risk clearly to leadership and the board.</p><p>In practical terms, a vCISO leads compliance initiatives like SOC 2, HIPAA, CMMC, and ISO 27001, manages relationships with auditors and assessors, and ensures that security considerations are embedded into business decisions rather than bolted on after the fact. They are the answer to the question: is our security program appropriate for the risks we face?</p><h2 id="working-beside-a-vcio">Working beside a vCIO</h2><p>The vCISO brings security and compliance requirements into technology decisions early. The vCIO ensures those requirements are operationalized in ways that don’t unnecessarily constrain the business.</p><h2 id="when-to-start-with-a-vciso">When to start with a vCISO</h2><p>Some organizations have mature technology strategy but an underdeveloped security program — a vCISO addresses the gap. If security strategy lacks an executive owner, start with a vCISO.</p><p>Contact Steadfast Partners at <a class="site-phone" href="tel:">[phone]</a> to discuss which leadership model fits your situation.</p>',
    ),
    ("service", "vcio"): (
        "<h2>What a vCIO owns</h2><p>A virtual Chief Information Officer owns technology strategy and execution. That includes the IT infrastructure roadmap, systems and platform decisions, vendor management, technology governance, and the alignment of technology investment with business objectives. The vCIO ensures that the tools, platforms, and architecture the organization relies on are fit for purpose today and positioned to support growth tomorrow.</p><p>Where a vCISO asks whether the organization is secure, a vCIO asks whether the organization’s technology is strategic. Those are related questions, but they’re not the same question — and they require different expertise and organizational authority to answer.</p><h2>Working beside a vCISO</h2><p>Cloud architecture decisions have security implications. Vendor selections create third-party risk exposure. When both roles are present, these intersections become productive rather than contentious.</p><h2>When to start with a vCIO</h2><p>Some organizations have strong security leadership but no executive ownership of technology direction — a vCIO fills that role. If technology investment is happening without a roadmap or business alignment, start with a vCIO.</p><p>Contact Steadfast Partners at [phone] to discuss which leadership model fits your situation.</p>",
        '<h2 id="what-a-vcio-owns">What a vCIO owns</h2><p>A virtual Chief Information Officer owns technology strategy and execution. That includes the IT infrastructure roadmap, systems and platform decisions, vendor management, technology governance, and the alignment of technology investment with business objectives. The vCIO ensures that the tools, platforms, and architecture the organization relies on are fit for purpose today and positioned to support growth tomorrow.</p><p>Where a vCISO asks whether the organization is secure, a vCIO asks whether the organization’s technology is strategic. Those are related questions, but they’re not the same question — and they require different expertise and organizational authority to answer.</p><h2 id="working-beside-a-vciso">Working beside a vCISO</h2><p>Cloud architecture decisions have security implications. Vendor selections create third-party risk exposure. When both roles are present, these intersections become productive rather than contentious.</p><h2 id="when-to-start-with-a-vcio">When to start with a vCIO</h2><p>Some organizations have strong security leadership but no executive ownership of technology direction — a vCIO fills that role. If technology investment is happening without a roadmap or business alignment, start with a vCIO.</p><p>Contact Steadfast Partners at <a class="site-phone" href="tel:">[phone]</a> to discuss which leadership model fits your situation.</p>',
    ),
    ("about", "about"): (
        "<h2>What we do</h2><p>We provide two fractional executive roles: a vCISO, who owns the security program, and a vCIO, who owns technology strategy and execution. Understanding what each role actually owns, and where they intersect, is essential for organizations trying to build the right leadership structure without redundancy or gaps.</p><h2>Why fractional</h2><p>Because neither role requires full-time hours at the engagement level most mid-market companies need, the combined investment is substantially lower than two full-time executive hires — while still delivering executive-level ownership across both domains.</p><p>Contact Steadfast Partners at [phone] to discuss which leadership model fits your situation.</p>",
        '<h2 id="what-we-do">What we do</h2><p>We provide two fractional executive roles: a vCISO, who owns the security program, and a vCIO, who owns technology strategy and execution. Understanding what each role actually owns, and where they intersect, is essential for organizations trying to build the right leadership structure without redundancy or gaps.</p><h2 id="why-fractional">Why fractional</h2><p>Because neither role requires full-time hours at the engagement level most mid-market companies need, the combined investment is substantially lower than two full-time executive hires — while still delivering executive-level ownership across both domains.</p><p>Contact Steadfast Partners at <a class="site-phone" href="tel:">[phone]</a> to discuss which leadership model fits your situation.</p>',
    ),
    ("privacy", "privacy"): (
        "<h2>What the contact form collects</h2><p>When you send an inquiry we keep what you write: your name, work email, company, phone number (if you give one), what you are interested in and your message, with the time you sent it and the time you agreed to be contacted.</p><p>With it we keep what brought you to us: the page you first landed on, the address of the website that linked to us (without its query string), the campaign tags of the link you followed (utm_source, utm_medium, utm_campaign, utm_term, utm_content) and, if you came from one of our articles, which article and section. If you send the result of the self-assessment with your inquiry, your answers and its recommendation are kept with it.</p><h2>Why</h2><p>Only to reply to your inquiry and follow up on it. We do not add you to a mailing list, and we never share or sell your details.</p><h2>Who sees it</h2><p>Our sales staff, who reply to inquiries, and the site's administrators. Each new inquiry is emailed to our sales staff, and we may email you a short note that we received it. Staff who edit this website's content cannot see inquiries.</p><h2>How long we keep it</h2><p>[inquiry retention days] days after you send an inquiry, your name, email, company, phone number and message are removed from it, and so are our staff's notes about it. What is left (the date, your interest and how you found us) no longer identifies you.</p><h2>The self-assessment</h2><p>Your answers are not stored: they travel in the address of your result page. We only count how many assessments end with each result each day, with nothing about who took them. To keep scripts from inflating those counts, a one-way keyed hash of your internet address is held in our cache for up to an hour; the address itself is never stored.</p><h2>Cookies</h2><p>If you arrive from another website or through a link with campaign tags, we set one cookie, first_touch, holding the page you landed on, the address of the website that linked to us and the link's campaign tags. It is signed so it cannot be altered, is read only when you send an inquiry, and expires after [first-touch cookie days] days. The contact form also sets a security cookie (csrftoken) that protects the form from forgery, and after you send it a short-lived cookie lets the thank-you page show what you sent. Your internet address is used for a few minutes to limit how many inquiries one address can send.</p><h2>A copy of your details, or their deletion</h2><p>To ask for a copy of what we hold about you, or for its deletion, call us at [phone] or write to us through <a href=\"/contact/\" rel=\"noopener noreferrer\">the contact form</a>.</p>",
        '<h2 id="what-the-contact-form-collects">What the contact form collects</h2><p>When you send an inquiry we keep what you write: your name, work email, company, phone number (if you give one), what you are interested in and your message, with the time you sent it and the time you agreed to be contacted.</p><p>With it we keep what brought you to us: the page you first landed on, the address of the website that linked to us (without its query string), the campaign tags of the link you followed (utm_source, utm_medium, utm_campaign, utm_term, utm_content) and, if you came from one of our articles, which article and section. If you send the result of the self-assessment with your inquiry, your answers and its recommendation are kept with it.</p><h2 id="why">Why</h2><p>Only to reply to your inquiry and follow up on it. We do not add you to a mailing list, and we never share or sell your details.</p><h2 id="who-sees-it">Who sees it</h2><p>Our sales staff, who reply to inquiries, and the site\'s administrators. Each new inquiry is emailed to our sales staff, and we may email you a short note that we received it. Staff who edit this website\'s content cannot see inquiries.</p><h2 id="how-long-we-keep-it">How long we keep it</h2><p>[inquiry retention days] days after you send an inquiry, your name, email, company, phone number and message are removed from it, and so are our staff\'s notes about it. What is left (the date, your interest and how you found us) no longer identifies you.</p><h2 id="the-self-assessment">The self-assessment</h2><p>Your answers are not stored: they travel in the address of your result page. We only count how many assessments end with each result each day, with nothing about who took them. To keep scripts from inflating those counts, a one-way keyed hash of your internet address is held in our cache for up to an hour; the address itself is never stored.</p><h2 id="cookies">Cookies</h2><p>If you arrive from another website or through a link with campaign tags, we set one cookie, first_touch, holding the page you landed on, the address of the website that linked to us and the link\'s campaign tags. It is signed so it cannot be altered, is read only when you send an inquiry, and expires after [first-touch cookie days] days. The contact form also sets a security cookie (csrftoken) that protects the form from forgery, and after you send it a short-lived cookie lets the thank-you page show what you sent. Your internet address is used for a few minutes to limit how many inquiries one address can send.</p><h2 id="a-copy-of-your-details-or-their-deletion">A copy of your details, or their deletion</h2><p>To ask for a copy of what we hold about you, or for its deletion, call us at <a class="site-phone" href="tel:">[phone]</a> or write to us through <a href="/contact/" rel="noopener noreferrer">the contact form</a>.</p>',
    ),
}


def publish_launch_pages(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    HistoricalPage = apps.get_model("pages", "HistoricalPage")
    now = timezone.now()
    for values in PAGES:
        if Page.objects.filter(kind=values["kind"], slug=values["slug"]).exists():
            continue
        body, body_html = RENDERED[values["kind"], values["slug"]]
        page = Page.objects.create(
            **{**values, "body": body},
            body_html=body_html,
            status="published",
            published_at=now,
        )
        # Historical models send no signals: record the first revision by hand.
        HistoricalPage.objects.create(
            **{
                field.attname: getattr(page, field.attname)
                for field in Page._meta.concrete_fields
                if field.attname != "body_html"
            },
            history_date=now,
            history_type="+",
            history_change_reason="Launch page",
        )


def remove_launch_pages(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for values in PAGES:
        Page.objects.filter(kind=values["kind"], slug=values["slug"]).delete()


class Migration(migrations.Migration):
    dependencies = [("pages", "0002_content_group"), ("core", "0001_initial")]

    operations = [migrations.RunPython(publish_launch_pages, remove_launch_pages)]
