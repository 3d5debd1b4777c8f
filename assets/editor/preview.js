// The preview: the server renders the whole body with the public pipeline (fast
// enough: see docs/BENCHMARKS.md) and marks each top-level block with its source
// line; here only the blocks that changed are swapped into the frame, so the page
// does not re-lay-out or re-typeset what the author did not touch, and the frame is
// scrolled to the block holding the cursor.
import { postForm } from "./http.js";

const LINE_CLASS = /(?:^|\s)quire-source-line-(\d+)(?=\s|$)/;
const REFRESH_DELAY = 300;

function takeLine(node) {
  if (node.nodeType !== Node.ELEMENT_NODE) {
    return null;
  }
  const found = LINE_CLASS.exec(node.className);
  if (!found) {
    return null;
  }
  node.className = node.className.replace(LINE_CLASS, " ").trim();
  if (!node.className) {
    node.removeAttribute("class");
  }
  return Number(found[1]);
}

function setLine(node, line) {
  if (node.nodeType !== Node.ELEMENT_NODE) {
    return;
  }
  if (line === null) {
    delete node.dataset.sourceLine;
  } else {
    node.dataset.sourceLine = String(line);
  }
}

export class Preview {
  /**
   * frame: the iframe (its page holds #preview); url: the preview endpoint;
   * read(): the FormData to render; onRendered(answer): after each refresh.
   */
  constructor(frame, { url, read, onRendered, onFailed }) {
    this.frame = frame;
    this.url = url;
    this.read = read;
    this.onRendered = onRendered;
    this.onFailed = onFailed;
    this.timer = null;
    this.running = false;
    this.queued = false;
    this.blocks = [];
    this.target = null;
    this.ready = new Promise((resolve) => {
      frame.addEventListener("load", () => {
        this.target = frame.contentDocument.getElementById("preview");
        resolve();
      });
    });
  }

  /** Render again once typing pauses. */
  schedule() {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.refresh(), REFRESH_DELAY);
  }

  /** Render now; a request already on its way is followed by one more, never overtaken. */
  async refresh() {
    window.clearTimeout(this.timer);
    if (this.running) {
      this.queued = true;
      return;
    }
    this.running = true;
    try {
      const answer = await postForm(this.url, this.read());
      await this.ready;
      this.patch(answer.html);
      this.onRendered(answer);
    } catch (error) {
      this.onFailed(error);
    } finally {
      this.running = false;
      if (this.queued) {
        this.queued = false;
        this.refresh();
      }
    }
  }

  /** Swap in the blocks of `html` that differ from what the frame shows. */
  patch(html) {
    const doc = this.frame.contentDocument;
    const template = doc.createElement("template");
    template.innerHTML = html;
    const incoming = Array.from(template.content.childNodes)
      .filter((node) => node.nodeType === Node.ELEMENT_NODE || node.textContent.trim())
      .map((node) => {
        const line = takeLine(node);
        const key = node.nodeType === Node.ELEMENT_NODE ? node.outerHTML : node.textContent;
        return { node, line, key };
      });
    const shown = Array.from(this.target.childNodes).filter((node) => node.quireKey !== undefined);
    Array.from(this.target.childNodes)
      .filter((node) => node.quireKey === undefined)
      .forEach((node) => node.remove());
    let start = 0;
    while (start < shown.length && start < incoming.length && shown[start].quireKey === incoming[start].key) {
      setLine(shown[start], incoming[start].line);
      start++;
    }
    let oldEnd = shown.length;
    let newEnd = incoming.length;
    while (oldEnd > start && newEnd > start && shown[oldEnd - 1].quireKey === incoming[newEnd - 1].key) {
      oldEnd--;
      newEnd--;
      setLine(shown[oldEnd], incoming[newEnd].line);
    }
    shown.slice(start, oldEnd).forEach((node) => node.remove());
    const before = shown[oldEnd] || null;
    const added = incoming.slice(start, newEnd).map(({ node, line, key }) => {
      node.quireKey = key;
      setLine(node, line);
      this.target.insertBefore(node, before);
      return node;
    });
    this.blocks = Array.from(this.target.querySelectorAll(":scope > [data-source-line]")).map((node) => ({
      node,
      line: Number(node.dataset.sourceLine),
    }));
    this.lastPatch = { kept: shown.length - (oldEnd - start), added: added.length };
  }

  /** Scroll so that source line `line` sits `fraction` of the way down the frame. */
  scrollToLine(line, fraction) {
    const view = this.frame.contentWindow;
    if (!view || !this.blocks.length) {
      return;
    }
    let index = -1;
    for (let low = 0, high = this.blocks.length - 1; low <= high; ) {
      const middle = (low + high) >> 1;
      if (this.blocks[middle].line <= line) {
        index = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    let top = 0;
    if (index >= 0) {
      const { node, line: first } = this.blocks[index];
      const next = this.blocks[index + 1];
      const blockTop = node.getBoundingClientRect().top + view.scrollY;
      const blockEnd = next
        ? next.node.getBoundingClientRect().top + view.scrollY
        : blockTop + node.getBoundingClientRect().height;
      const lines = next ? next.line - first : 1;
      const within = Math.min(1, Math.max(0, (line - first) / Math.max(1, lines)));
      top = blockTop + within * (blockEnd - blockTop);
    }
    view.scrollTo({ top: Math.max(0, top - fraction * view.innerHeight), behavior: "instant" });
  }
}
