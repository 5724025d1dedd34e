from django.http import HttpRequest


def preview(request: HttpRequest) -> dict:
    """The record an editor is previewing (publishing.views.preview), for
    the banner and the robots tag every public template includes."""
    return {"preview": getattr(request, "preview", None)}
