"""The Hugo site's HTML conventions, applied to the Markdown tree.

* Headings get GitHub-style ids, unique within the document (``-1``, ``-2`` as
  Hugo numbers repeats; ``{#custom-id}`` wins), and h1–h4 get the site's
  ``heading-anchor`` class and a ``#`` permalink.
* An image alone in its paragraph becomes ``<figure class="article-figure">``,
  with a ``<figcaption>`` when the image has a title; every image loads lazily,
  and the site's own images carry their width and height.
* Tables sit in ``<div class="table-wrap">``; column alignment becomes a class
  (inline styles are not allowed through the sanitizer).
* Links to other hosts open in a new tab with ``rel="noopener noreferrer"``.

The headings found (level, id, plain name and inner HTML) are kept on
``md.heading_tokens`` for the table of contents.
"""

import html
import re
import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

from markdown.extensions import Extension
from markdown.extensions.toc import remove_fnrefs, render_inner_html, strip_tags
from markdown.treeprocessors import Treeprocessor
from pymdownx.slugs import slugify

from .images import image_size

HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
ANCHORED_HEADING_TAGS = HEADING_TAGS[:4]
CUSTOM_ID = re.compile(r"\s*\{#(?P<id>[^\s{}]+)\}\s*$")
TEXT_ALIGN = re.compile(r"text-align:\s*(left|right|center)")
github_slug = slugify(case="lower")


def _parent_map(root):
    return {child: parent for parent in root.iter() for child in parent}


class SiteConventionsTreeprocessor(Treeprocessor):
    def __init__(self, md, site_host):
        super().__init__(md)
        self.site_host = site_host

    def run(self, root):
        parents = _parent_map(root)
        self.md.heading_tokens = self._anchor_headings(root)
        self._figure_images(root, parents)
        self._wrap_tables(root, parents)
        self._mark_external_links(root)

    def _anchor_headings(self, root):
        used_ids = set()
        tokens = []
        for heading in (el for el in root.iter() if el.tag in HEADING_TAGS):
            custom_id = self._pop_custom_id(heading)
            inner_html = render_inner_html(remove_fnrefs(heading), self.md)
            name = html.unescape(strip_tags(inner_html))
            heading_id = custom_id or self._unique(github_slug(name, "-") or "section", used_ids)
            used_ids.add(heading_id)
            heading.set("id", heading_id)
            tokens.append(
                {"level": int(heading.tag[1]), "id": heading_id, "name": name, "html": inner_html}
            )
            if heading.tag in ANCHORED_HEADING_TAGS:
                heading.set("class", "heading-anchor")
                link = etree.SubElement(
                    heading,
                    "a",
                    {
                        "href": f"#{heading_id}",
                        "class": "heading-link",
                        "aria-label": "Permalink to this section",
                        "title": "Copy link to this section",
                    },
                )
                link.text = "#"
        return tokens

    @staticmethod
    def _pop_custom_id(heading):
        last = heading[-1] if len(heading) else None
        text = (last.tail if last is not None else heading.text) or ""
        match = CUSTOM_ID.search(text)
        if not match:
            return None
        stripped = text[: match.start()]
        if last is not None:
            last.tail = stripped
        else:
            heading.text = stripped
        return match["id"]

    @staticmethod
    def _unique(candidate, used_ids):
        unique_id, counter = candidate, 0
        while unique_id in used_ids:
            counter += 1
            unique_id = f"{candidate}-{counter}"
        return unique_id

    @staticmethod
    def _figure_images(root, parents):
        for image in list(root.iter("img")):
            image.set("loading", "lazy")
            image.set("decoding", "async")
            image.set("class", "content-image")
            size = image_size(image.get("src", ""))
            if size:
                image.set("width", str(size[0]))
                image.set("height", str(size[1]))
            paragraph = parents.get(image)
            is_alone = (
                paragraph is not None
                and paragraph.tag == "p"
                and len(paragraph) == 1
                and not (paragraph.text or "").strip()
                and not (image.tail or "").strip()
            )
            if not is_alone:
                continue
            paragraph.tag = "figure"
            paragraph.attrib = {"class": "article-figure"}
            image.tail = None
            title = image.get("title")
            if title:
                caption = etree.SubElement(paragraph, "figcaption")
                caption.text = title

    @staticmethod
    def _wrap_tables(root, parents):
        for table in list(root.iter("table")):
            for cell in (el for el in table.iter() if el.tag in ("th", "td")):
                alignment = TEXT_ALIGN.search(cell.attrib.pop("style", ""))
                if alignment:
                    cell.set("class", f"align-{alignment[1]}")
            parent = parents.get(table)
            if parent is None or parent.get("class") == "table-wrap":
                continue
            wrapper = etree.Element("div", {"class": "table-wrap"})
            position = list(parent).index(table)
            parent.remove(table)
            wrapper.append(table)
            wrapper.tail, table.tail = table.tail, None
            parent.insert(position, wrapper)

    def _mark_external_links(self, root):
        for link in root.iter("a"):
            href = link.get("href", "")
            parts = urlsplit(href)
            if parts.scheme in ("http", "https") and parts.hostname != self.site_host:
                link.set("target", "_blank")
                link.set("rel", "noopener noreferrer")


class SiteConventionsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"site_host": ["", "Host name whose links are internal"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.heading_tokens = []
        processor = SiteConventionsTreeprocessor(md, self.getConfig("site_host"))
        # After inline parsing (20) so links, images and math are elements.
        md.treeprocessors.register(processor, "site_conventions", 15)
