from django.apps import apps
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.views.static import serve

from core.cache import seconds_until
from publishing.images import long_lived
from publishing.models import Publishable, next_scheduled_change


@staff_member_required
def preview(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    """Any record, draft or scheduled, exactly as the public will see it.

    One rule for every content type: whoever may edit it previews it (the
    Content group); anyone else, Sales included, never sees a draft. The
    record's own view renders it, with the draft's words, through
    ``PreviewMixin`` or ``previewed()``.
    """
    try:
        model_class = apps.get_model(model)
    except (LookupError, ValueError):
        raise Http404("No such kind of content.") from None
    if not issubclass(model_class, Publishable):
        raise Http404("No such kind of content.")
    opts = model_class._meta
    if not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        raise PermissionDenied
    item = get_object_or_404(model_class, pk=pk)
    item.apply_draft()
    try:
        match = resolve(item.get_absolute_url())
    except Resolver404:
        raise Http404("This content has no page of its own.") from None
    request.preview = item
    response = match.func(request, *match.args, **match.kwargs)
    if hasattr(response, "render"):
        response.render()
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


def previewed(request: HttpRequest, model_class) -> Publishable | None:
    """The record being previewed, if this request is a preview of one."""
    item = getattr(request, "preview", None)
    return item if isinstance(item, model_class) else None


class PreviewMixin:
    """A DetailView of published records that also renders a preview."""

    def get_object(self, queryset=None):
        return previewed(self.request, self.model) or super().get_object(queryset)


def until_next_publish() -> int:
    """Seconds a page may be cached: never past the next scheduled publish of
    any kind, so a scheduled article or page appears on time."""
    return seconds_until(next_scheduled_change())


def media(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded files when Django serves them (DEBUG): renditions with the
    year-long lifetime the proxy gives them in production (README)."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    return long_lived(response, path)
