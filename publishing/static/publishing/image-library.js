// The editor's image button opens the image library inside the editor: a
// grid of thumbnails to choose from, and an upload in place (the picture,
// its description, or "decorative"). There is no address to type: the
// server keeps only images from the library (publishing/richtext.py). The
// image goes after the paragraph the cursor is in, never splitting it.
// The library answers at the Figure extension's pickerUrl (publishing/admin.py).
import { Figure as BaseFigure, crel } from "django-prose-editor/editor"

const csrfToken = () =>
  document.querySelector("input[name=csrfmiddlewaretoken]")?.value || ""

const field = (label, input, hint = "") =>
  crel("div", { className: "image-library__field" }, [
    crel("label", { htmlFor: input.id, textContent: label }),
    input,
    ...(hint ? [crel("p", { className: "image-library__hint", textContent: hint })] : []),
  ])

const buildDialog = () => {
  const grid = crel("ul", { className: "image-library__grid" })
  const status = crel("p", { className: "image-library__status", role: "status" })
  const errors = crel("div", { className: "image-library__errors", role: "alert" })
  const file = crel("input", {
    type: "file",
    id: "image-library-file",
    name: "file",
    accept: "image/jpeg,image/png,image/gif,image/webp",
  })
  const alt = crel("input", { type: "text", id: "image-library-alt", name: "alt_text" })
  const decorative = crel("input", {
    type: "checkbox",
    id: "image-library-decorative",
    name: "is_decorative",
  })
  const caption = crel("input", { type: "text", id: "image-library-caption" })
  const upload = crel("button", { type: "submit", className: "button", textContent: "Upload and insert" })
  const form = crel("form", { className: "image-library__upload", method: "dialog" }, [
    crel("h3", { textContent: "Upload a new image" }),
    field("Picture", file, "A JPEG, PNG, GIF or WebP of at most 10 MB."),
    field(
      "Description (alt text)",
      alt,
      "What the picture shows, for people who cannot see it.",
    ),
    crel("div", { className: "image-library__field image-library__field--check" }, [
      decorative,
      crel("label", {
        htmlFor: decorative.id,
        textContent: "Decorative: it adds nothing the text does not say",
      }),
    ]),
    errors,
    upload,
  ])
  const close = crel("button", { type: "button", className: "button image-library__close", textContent: "Cancel" })
  const dialog = crel(
    "dialog",
    { className: "image-library", "aria-labelledby": "image-library-title" },
    [
      crel("h2", { id: "image-library-title", textContent: "Insert an image" }),
      field("Caption (optional)", caption, "Shown under the image."),
      crel("h3", { textContent: "Choose from the library" }),
      status,
      grid,
      form,
      crel("div", { className: "image-library__actions" }, [close]),
    ],
  )
  document.body.append(dialog)
  return { dialog, grid, status, errors, form, file, alt, decorative, caption, upload, close }
}

const thumbnailButton = (image, choose) => {
  const button = crel("button", { type: "button", className: "image-library__choice" }, [
    crel("img", {
      src: image.thumbnail,
      width: image.width,
      height: image.height,
      alt: "",
    }),
    crel("span", { textContent: image.alt || "Decorative image" }),
  ])
  button.addEventListener("click", () => choose(image))
  return crel("li", {}, [button])
}

const openLibrary = (url) =>
  new Promise((resolve) => {
    const parts = buildDialog()
    const { dialog, grid, status, errors, form, file, alt, decorative, caption, upload, close } = parts
    const finish = (image) => {
      dialog.close()
      dialog.remove()
      resolve(image ? { image, caption: caption.value.trim() } : null)
    }
    close.addEventListener("click", () => finish(null))
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault()
      finish(null)
    })

    status.textContent = "Loading the library…"
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => response.json())
      .then(({ images, canUpload }) => {
        status.textContent = images.length
          ? `${images.length} image${images.length === 1 ? "" : "s"}: choose one to insert it.`
          : "No images yet: upload the first one below."
        for (const image of images) grid.append(thumbnailButton(image, finish))
        form.hidden = !canUpload
      })
      .catch(() => {
        status.textContent = "The library could not be loaded. Try again in a moment."
      })

    form.addEventListener("submit", (event) => {
      event.preventDefault()
      errors.replaceChildren()
      const body = new FormData()
      if (file.files[0]) body.append("file", file.files[0])
      body.append("alt_text", alt.value)
      if (decorative.checked) body.append("is_decorative", "on")
      upload.disabled = true
      upload.textContent = "Uploading…"
      fetch(url, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
      })
        .then(async (response) => {
          const answer = await response.json()
          if (response.ok) return finish(answer.image)
          // Everything typed stays; only the messages are new.
          for (const messages of Object.values(answer.errors || {})) {
            for (const { message } of messages) {
              errors.append(crel("p", { textContent: message }))
            }
          }
        })
        .catch(() => {
          errors.append(crel("p", { textContent: "The upload failed. Try again in a moment." }))
        })
        .finally(() => {
          upload.disabled = false
          upload.textContent = "Upload and insert"
        })
    })

    dialog.showModal()
  })

// After the block the cursor is in (its top-level paragraph, list or table).
const afterCurrentBlock = ({ selection }) => {
  const { $from } = selection
  return $from.depth > 0 ? $from.after(1) : $from.pos
}

export const Figure = BaseFigure.extend({
  addCommands() {
    const commands = this.parent?.() || {}
    return {
      ...commands,
      editImage:
        () =>
        (props) => {
          const { editor, state, dispatch } = props
          // Whether an image may go here: the editor's own rule.
          if (!dispatch) return commands.editImage()(props)
          const at = afterCurrentBlock(state)
          openLibrary(this.options.pickerUrl).then((chosen) => {
            if (!chosen) return editor.commands.focus()
            const { image, caption } = chosen
            const content = [
              { type: "image", attrs: { src: image.src, alt: image.alt, file: String(image.id) } },
            ]
            if (caption) content.push({ type: "caption", content: [{ type: "text", text: caption }] })
            editor.chain().focus().insertContentAt(at, { type: "figure", content }).run()
          })
          return true
        },
    }
  },
})
