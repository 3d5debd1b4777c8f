"""The editor's helpers: live preview and image upload (staff-only admin views)."""

import errno
import logging
import time
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import get_valid_filename
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST
from PIL import Image, UnidentifiedImageError

from ..models import MathStyle
from ..rendering import render_post
from ..rendering.validation import unbalanced_math

UPLOAD_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}
FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}

logger = logging.getLogger(__name__)


def _require_writer(request, model_admin):
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        raise PermissionDenied


@require_POST
def preview(request, model_admin):
    """The body rendered exactly as the public page will show it, math typeset by the
    server (the frame runs no math script), its top-level blocks marked with their
    source lines (the editor scrolls the preview to the cursor's). The HTML starts
    with the stylesheet of the math's classes when it has math. ``math_errors``: TeX
    KaTeX refused, with its line; ``problems``: what saving would refuse.
    ``Server-Timing`` says what rendering took."""
    _require_writer(request, model_admin)
    body = request.POST.get("body", "")
    started = time.perf_counter()
    rendered = render_post(body, request.POST.get("summary", ""), source_lines=True)
    took = (time.perf_counter() - started) * 1000
    html = rendered.typeset_body_html
    if rendered.has_math:
        MathStyle.keep(rendered.math_declarations)
        version = MathStyle.objects.version()
        sheet = reverse("math-stylesheet", kwargs={"version": version})
        html = format_html('<link rel="stylesheet" href="{}">', sheet) + html
    problem = unbalanced_math(body)
    response = JsonResponse(
        {
            "html": html,
            "reading_minutes": rendered.reading_minutes,
            "math_errors": [error.as_dict() for error in rendered.math_errors],
            "problems": [{"line": problem.line, "message": problem.message}] if problem else [],
        }
    )
    response["Server-Timing"] = f"render;dur={took:.1f}"
    return response


@xframe_options_sameorigin
def preview_frame(request, model_admin):
    """A page with the public site's styles and KaTeX's, into which the preview is drawn."""
    _require_writer(request, model_admin)
    return render(request, "admin/blog/post/preview_frame.html")


@require_POST
def upload_image(request, model_admin):
    """Store an image through the storage API; answer its URL and the Markdown to insert."""
    _require_writer(request, model_admin)
    upload = request.FILES.get("image")
    if upload is None:
        return JsonResponse({"error": "No image was sent."}, status=400)
    if upload.size > settings.IMAGE_UPLOAD_MAX_BYTES:
        limit = settings.IMAGE_UPLOAD_MAX_BYTES // (1024 * 1024)
        return JsonResponse({"error": f"Images may be at most {limit} MB."}, status=400)
    try:
        with Image.open(upload) as image:
            kind = UPLOAD_FORMATS.get(image.format)
            image.verify()
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        kind = None
    if kind is None:
        return JsonResponse({"error": "Upload a PNG, JPEG, GIF or WebP image."}, status=400)
    upload.seek(0)
    stem = get_valid_filename(PurePosixPath(upload.name).stem)[:60] or "image"
    name = f"uploads/{uuid.uuid4().hex[:12]}-{stem}.{kind}"
    try:
        stored = default_storage.save(name, upload)
    except OSError as error:
        return _storage_failed(error)
    url = default_storage.url(stored)
    alt = stem.replace("_", " ").replace("-", " ")
    return JsonResponse({"url": url, "markdown": f"![{alt}]({url})"})


def _storage_failed(error):
    """The media storage would not take the file: say so, never a 500. A full disk is
    507 Insufficient Storage; anything else (read-only, no permission) is 503."""
    logger.error("Media storage refused an uploaded image: %s", error)
    full = error.errno in FULL
    problem = "The media storage is full" if full else "The media storage cannot be written"
    return JsonResponse(
        {
            "error": f"{problem} ({error.strerror or error}), so the image was not stored. "
            "Your text is safe: save the post, then try the image again."
        },
        status=507 if full else 503,
    )
