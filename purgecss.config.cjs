// What `make css` keeps of the stylesheets: the rules the site's markup can
// use. Read by build-css.mjs, which joins the sources below into the one
// stylesheet every public page links (static/css/public.css), purges and
// minifies it.
//
// Content is everything that can put a class or an element on a public page:
// our templates and Python (form helpers, CSS classes chosen in views, the
// tags the rich-text sanitiser allows, the launch article in a migration),
// and the crispy-bootstrap5 templates that render our forms.
// Classes a template builds from a value (`article-toc__item--h{{ level }}`).
const builtInTemplates = [/^article-toc__item--h\d$/, /^assessment__result--/];

module.exports = {
  // In this order: Bootstrap first, so our rules win at equal specificity.
  css: [
    "static/vendor/bootstrap/bootstrap.min.css",
    "static/css/site.css",
    "static/css/articles.css",
    "pages/static/pages/pages.css",
    "contact/static/contact/contact.css",
    "static/css/assessment.css",
  ],
  content: [
    "templates/**/*.html",
    "*/templates/**/*.html",
    "{core,articles,contact,assessment,pages,publishing,people,insights}/**/*.py",
    // Django's widgets (a <textarea>, a <select>) and crispy's buttons
    // (Submit's "btn btn-primary" is in its Python).
    ".venv/lib/python3*/site-packages/django/forms/templates/django/forms/widgets/*.html",
    ".venv/lib/python3*/site-packages/crispy_forms/layout.py",
    // Only the crispy templates our forms render: its accordions, modals,
    // tabs and input groups would keep a third of Bootstrap.
    ".venv/lib/python3*/site-packages/crispy_bootstrap5/templates/bootstrap5/" +
      "{field,errors,display_form,inputs,uni_form,whole_uni_form}.html",
    ".venv/lib/python3*/site-packages/crispy_bootstrap5/templates/bootstrap5/layout/" +
      "{attrs,baseinput,div,field_errors,field_errors_block,help_text," +
      "help_text_and_errors,radio_checkbox_select,checkboxselectmultiple_inline," +
      "radioselect_inline}.html",
  ],
  // The admin has its own stylesheets; its templates would only keep rules
  // no public page uses.
  skippedContentGlobs: ["templates/admin/**", "**/templates/admin/**"],
  // Custom properties, keyframes and fonts nothing refers to are dropped too.
  variables: true,
  keyframes: true,
  fontFace: true,
  // Links' addresses come from content and template tags (tel: links),
  // inputs' types from Django's widgets.
  dynamicAttributes: ["href", "type"],
  safelist: {
    // A state alone (`:focus-visible`) applies to any element that has it.
    standard: [/^:root$/, /^html$/, /^body$/, /^:/, ...builtInTemplates],
    // crispy marks a field with errors is-invalid; nothing marks one valid.
    greedy: [/is-invalid/],
  },
};
