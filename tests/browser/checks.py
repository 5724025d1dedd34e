"""What the browser suite asks of every page: axe at WCAG 2.2 AA, keyboard use."""

from axe_playwright_python.sync_playwright import Axe

# axe-core's tags for every success criterion up to WCAG 2.2, levels A and AA.
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_22_AA},
    "resultTypes": ["violations"],
}

_axe = Axe()


def axe_violations(page) -> list[str]:
    """One line per violated rule, naming the offending elements."""
    results = _axe.run(page, options=AXE_OPTIONS)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
    ]


# Everything a keyboard user should be able to reach: visible, enabled links,
# buttons, form fields and anything given a non-negative tabindex.
_MARK_FOCUSABLE = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea,'
    + ' summary, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';
  const isShown = (el) => {
    // Deliberately out of the tab order (a honeypot field, the editor's
    // internals): not something a person should reach.
    if (el.closest('[hidden], [inert], [aria-hidden="true"]') || el.disabled
      || el.getAttribute('tabindex') === '-1') return false;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    // Visually hidden skip links still count: they appear on focus.
    return el.getClientRects().length > 0 || el.classList.contains('skip-link');
  };
  // A radio group is one Tab stop (arrow keys move inside it): its
  // buttons share one number.
  const units = [];
  const groups = new Map();
  for (const el of document.querySelectorAll(selector)) {
    if (!isShown(el)) continue;
    const group = el.type === 'radio' && el.name ? `${el.form?.id}/${el.name}` : null;
    if (group && groups.has(group)) {
      el.dataset.kbd = groups.get(group);
      continue;
    }
    el.dataset.kbd = String(units.length);
    if (group) groups.set(group, el.dataset.kbd);
    units.push(el.outerHTML.slice(0, 120));
  }
  return units;
}"""

# How the focused element looks: an indicator is an outline or a box shadow
# (Bootstrap's focus ring), or a visible change from the unfocused look.
_FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const look = (s) => [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow,
    s.backgroundColor, s.color, s.borderColor, s.textDecorationLine].join('|');
  const focused = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const hasRing = focused.boxShadow !== 'none'
    || (focused.outlineStyle !== 'none' && parseFloat(focused.outlineWidth) > 0);
  const focusedLook = look(focused);
  el.blur();
  const plainLook = look(getComputedStyle(el));
  el.focus({focusVisible: true});
  return {
    kbd: el.dataset.kbd ?? null,
    html: el.outerHTML.slice(0, 120),
    visible: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0,
    indicated: hasRing || focusedLook !== plainLook,
  };
}"""


def tab_through(page, limit: int = 300) -> tuple[list[str], list[dict]]:
    """Press Tab until every element has had focus once (one full cycle).

    Focus may start mid-page (an autofocus field), so pressing on past the
    last element, where focus leaves the page, wraps round to the top.
    Returns the interactive elements on the page and what each Tab focused.
    """
    focusable = page.evaluate(_MARK_FOCUSABLE)
    seen: list[dict] = []
    times_out_of_page = 0
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_STATE)
        if state is None:
            times_out_of_page += 1
            if times_out_of_page > 2:
                break
            continue
        if any(state["kbd"] == earlier["kbd"] for earlier in seen):
            break
        seen.append(state)
    return focusable, seen


def keyboard_problems(page) -> list[str]:
    """Interactive elements Tab never reaches, or reaches without a focus ring."""
    focusable, seen = tab_through(page)
    reached = {state["kbd"] for state in seen}
    problems = [
        f"never reached by Tab: {html}"
        for index, html in enumerate(focusable)
        if str(index) not in reached
    ]
    problems += [
        f"no visible focus indicator: {state['html']}"
        for state in seen
        if not (state["visible"] and state["indicated"])
    ]
    return problems
