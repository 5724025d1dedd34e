// Pasted HTML loses scripts and event-handler attributes before the editor
// parses it. Not a security boundary (the server sanitises every save with
// nh3): it keeps hostile handlers from ever being parsed in the admin page,
// where the CSP would have to block and report them.
import { Extension, Plugin } from "django-prose-editor/editor"

// Handlers go before any parsing: even an inert DOMParser document makes the
// browser check them against the CSP.
const HANDLER = /(<[^>]*?)[\s/]+on[a-z]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi

const withoutHandlers = (html) => {
  let previous
  do {
    previous = html
    html = html.replace(HANDLER, "$1")
  } while (html !== previous)
  return html
}

const cleanPastedHTML = (html) => {
  const doc = new DOMParser().parseFromString(withoutHandlers(html), "text/html")
  doc
    .querySelectorAll("script, style, iframe, object, embed, link, meta")
    .forEach((element) => element.remove())
  return doc.body.innerHTML
}

export const PasteCleaner = Extension.create({
  name: "pasteCleaner",
  addProseMirrorPlugins() {
    return [new Plugin({ props: { transformPastedHTML: cleanPastedHTML } })]
  },
})
