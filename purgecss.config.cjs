// Trims the vendored Bootstrap to the rules the site's markup can use
// (`make bootstrap`). Lighthouse on a mid-range phone spent a long task
// parsing and matching the full 230 KB stylesheet on every page.
//
// Content is everything that can put a class on a public page: our
// templates and Python (form helpers, CSS classes chosen in views), and the
// crispy-bootstrap5 templates that render the forms.
module.exports = {
  css: ["static/vendor/bootstrap/bootstrap.min.css"],
  content: [
    "templates/**/*.html",
    "*/templates/**/*.html",
    "{core,articles,contact,assessment}/**/*.py",
    ".venv/lib/python3*/site-packages/crispy_bootstrap5/templates/bootstrap5/**/*.html",
    ".venv/lib/python3*/site-packages/crispy_bootstrap5/*.py",
    ".venv/lib/python3*/site-packages/crispy_forms/**/*.py",
  ],
  // Custom properties are cheap and referenced from our own stylesheets.
  variables: false,
  keyframes: false,
  fontFace: false,
  safelist: {
    standard: [/^:root$/, /^html$/, /^body$/],
    // State classes Bootstrap's own selectors expect next to a used class.
    greedy: [/is-invalid/, /is-valid/, /was-validated/],
  },
  output: "static/vendor/bootstrap/bootstrap.trimmed.min.css",
};
