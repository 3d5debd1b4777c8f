// The post editor: CodeMirror on the left, the page as readers will see it on the
// right (scrolled to the cursor's block), problems listed before saving, images by
// button, paste or drop, the working copy kept in the browser, a full-screen mode,
// and one pane at a time on narrow screens. Loaded as a module on the post admin's
// pages; it does nothing where there is no body to edit.
import { WorkingCopy, forgetSubmittedCopies } from "./autosave.js";
import { createEditor, shortcuts } from "./codemirror.js";
import { setupFieldHelp } from "./fieldhelp.js";
import { IMAGE_TYPES, uploadImages } from "./images.js";
import { Preview } from "./preview.js";
import { problemsOf, showProblems } from "./problems.js";

const MAC = /Mac|iPhone|iPad/.test(navigator.platform);

function make(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") {
      node.textContent = value;
    } else {
      node.setAttribute(name, value);
    }
  }
  node.append(...children);
  return node;
}

function keyLabel(key) {
  return key.replace("Mod", MAC ? "⌘" : "Ctrl").replace(/-/g, "+").replace(/\+(\w)$/, (_, k) => `+${k.toUpperCase()}`);
}

function ariaKey(key) {
  return key.replace("Mod", MAC ? "Meta" : "Control").replace(/-/g, "+").replace(/\+(\w)$/, (_, k) => `+${k.toUpperCase()}`);
}

function button(text, attributes = {}) {
  return make("button", { type: "button", class: "quire-button", ...attributes, text });
}

// The cursor's block goes as far down the preview as the cursor is in the editor,
// but no lower than this, so that what follows it shows too.
const LOWEST = 0.7;

function clamp(value) {
  return Math.min(LOWEST, Math.max(0, value));
}

async function setup() {
  forgetSubmittedCopies();
  const config = document.getElementById("quire-editor");
  const textarea = document.getElementById("id_body");
  if (!config || !textarea || !textarea.form) {
    return;
  }
  const form = textarea.form;
  const title = form.querySelector("#id_title");
  const summary = form.querySelector("#id_summary");
  const version = form.querySelector("input[name=version]") || make("input");
  const label = form.querySelector("label[for=id_body]") || make("label", { text: "Body" });

  // The layout: toolbar, the two panes, problems and status.
  const status = make("span", { class: "quire-status", role: "status" });
  const stored = make("span", { class: "quire-stored" });
  const toolbar = make("div", { class: "quire-toolbar", role: "toolbar", "aria-label": "Editor" });
  const format = shortcuts.map(({ key, label: name }) =>
    button(name, { title: `${name} (${keyLabel(key)})`, "aria-keyshortcuts": ariaKey(key), "data-key": key }),
  );
  const upload = make("input", {
    type: "file",
    accept: IMAGE_TYPES,
    id: "quire-image-upload",
    class: "quire-upload-input",
    multiple: "",
  });
  const uploadLabel = make("label", { for: upload.id, class: "quire-button", text: "Insert image…" });
  const writePane = button("Write", { class: "quire-button quire-pane-toggle", "aria-pressed": "true" });
  const previewPane = button("Preview", { class: "quire-button quire-pane-toggle", "aria-pressed": "false" });
  const fullScreen = button("Full screen", { "aria-pressed": "false", title: "Full screen (Esc leaves)" });
  toolbar.append(
    make("span", { class: "quire-group" }, ...format, uploadLabel, upload),
    make("span", { class: "quire-group quire-panes-switch" }, writePane, previewPane),
    make("span", { class: "quire-group" }, fullScreen),
  );
  const host = make("div", { class: "quire-editor-host" });
  const problemList = make("ul");
  const problemsHeading = make("h2", { id: "quire-problems-heading", text: "Fix before saving" });
  const problems = make(
    "section",
    { class: "quire-problems", "aria-labelledby": problemsHeading.id, hidden: "" },
    problemsHeading,
    problemList,
  );
  const frame = make("iframe", { class: "quire-preview", title: "Preview", src: config.dataset.frameUrl });
  const workspace = make(
    "div",
    { class: "quire-workspace", "data-pane": "write" },
    toolbar,
    make(
      "div",
      { class: "quire-panes" },
      make("div", { class: "quire-source" }, host, problems),
      make("div", { class: "quire-preview-pane" }, frame),
    ),
    make("div", { class: "quire-statusbar" }, status, stored),
  );
  textarea.hidden = true;
  textarea.removeAttribute("required"); // the server checks it; a hidden field cannot take focus
  textarea.after(workspace);
  textarea.closest(".form-row")?.classList.add("quire-body-row");
  const say = (text) => {
    status.textContent = text;
  };

  // The preview, and its scrolling in step with the cursor.
  let lastSync = null;
  const syncPreview = (view, fromScroll = false) => {
    view.requestMeasure({
      key: "quire-sync",
      read() {
        const head = view.state.selection.main.head;
        const box = view.scrollDOM.getBoundingClientRect();
        const cursor = view.coordsAtPos(head);
        if (cursor && cursor.top >= box.top && cursor.bottom <= box.bottom) {
          return { line: view.state.doc.lineAt(head).number, fraction: clamp((cursor.top - box.top) / box.height) };
        }
        if (!fromScroll && cursor) {
          return { line: view.state.doc.lineAt(head).number, fraction: 0.3 };
        }
        const top = view.lineBlockAtHeight(view.scrollDOM.scrollTop);
        return { line: view.state.doc.lineAt(top.from).number, fraction: 0 };
      },
      write(target) {
        lastSync = target;
        preview.scrollToLine(target.line, target.fraction);
      },
    });
  };

  let view;
  const preview = new Preview(frame, {
    url: config.dataset.previewUrl,
    read() {
      const data = new FormData();
      data.append("body", view.state.doc.toString());
      data.append("summary", summary ? summary.value : "");
      return data;
    },
    onRendered(answer) {
      say(`Preview up to date · ${answer.reading_minutes} min read`);
      showProblems(problems, problemList, view, problemsOf(answer));
      if (lastSync) {
        preview.scrollToLine(lastSync.line, lastSync.fraction);
      }
    },
    onFailed(error) {
      say(`Preview failed: ${error.message}`);
    },
  });

  // The working copy, kept in this browser.
  const fields = () => ({
    title: title ? title.value : "",
    body: view ? view.state.doc.toString() : textarea.value,
    summary: summary ? summary.value : "",
  });
  const copy = new WorkingCopy({
    key: `${config.dataset.user}:${config.dataset.post || "new"}`,
    form,
    fields,
    version,
    onStored(time) {
      stored.textContent = `Kept in this browser at ${time.toLocaleTimeString()}`;
    },
  });

  // CodeMirror lives in a shadow root: there its styles go into a constructed
  // stylesheet, which a strict CSP allows (in the document they would need an inline
  // <style>); its colours come from a stylesheet of ours linked inside it.
  const shadow = host.attachShadow({ mode: "open" });
  const sheet = make("link", { rel: "stylesheet", href: config.dataset.editorCss });
  const container = make("div", { class: "quire-cm" });
  shadow.append(sheet, container);
  await new Promise((resolve) => {
    sheet.addEventListener("load", resolve);
    sheet.addEventListener("error", resolve);
  });
  view = createEditor(container, textarea.value, {
    root: shadow,
    label: label.textContent.replace(/:\s*$/, "").trim() || "Body",
    onChange(editor) {
      textarea.value = editor.state.doc.toString();
      preview.schedule();
      copy.changed();
    },
    onCursor(editor) {
      syncPreview(editor);
    },
    onFiles(files, editor, pos) {
      uploadImages(config.dataset.uploadUrl, files, editor, pos, say);
    },
  });
  view.scrollDOM.addEventListener("scroll", () => syncPreview(view, true), { passive: true });
  label.addEventListener("click", (event) => {
    event.preventDefault();
    view.focus();
  });

  offerEarlierCopy(copy, workspace, { view, title, summary, version, preview });

  // The toolbar.
  format.forEach((node) => {
    const shortcut = shortcuts.find(({ key }) => key === node.dataset.key);
    node.addEventListener("click", () => shortcut.run(view));
  });
  upload.addEventListener("change", () => {
    if (upload.files.length) {
      uploadImages(config.dataset.uploadUrl, Array.from(upload.files), view, view.state.selection.main.head, say);
      upload.value = "";
    }
  });
  const showPane = (pane) => {
    workspace.dataset.pane = pane;
    writePane.setAttribute("aria-pressed", String(pane === "write"));
    previewPane.setAttribute("aria-pressed", String(pane === "preview"));
    if (pane === "preview" && lastSync) {
      preview.scrollToLine(lastSync.line, lastSync.fraction);
    } else {
      view.focus();
    }
  };
  writePane.addEventListener("click", () => showPane("write"));
  previewPane.addEventListener("click", () => showPane("preview"));
  const setFullScreen = (on) => {
    workspace.classList.toggle("is-full-screen", on);
    document.documentElement.classList.toggle("quire-full-screen", on);
    fullScreen.setAttribute("aria-pressed", String(on));
    view.focus();
  };
  fullScreen.addEventListener("click", () => setFullScreen(!workspace.classList.contains("is-full-screen")));
  workspace.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !event.defaultPrevented && workspace.classList.contains("is-full-screen")) {
      setFullScreen(false);
    }
  });

  // Ctrl/Cmd+S saves and stays on the page ("Save and continue editing").
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
      event.preventDefault();
      const submitter = form.querySelector("[name=_continue]") || form.querySelector("[name=_save]");
      textarea.value = view.state.doc.toString();
      form.requestSubmit(submitter || undefined);
    }
  });
  form.addEventListener("submit", () => {
    textarea.value = view.state.doc.toString();
  });
  if (summary) {
    summary.addEventListener("input", () => preview.schedule());
  }
  preview.refresh();
}

/** When the browser kept text that differs from the form's, ask: restore or discard. */
function offerEarlierCopy(copy, workspace, { view, title, summary, version, preview }) {
  const earlier = copy.earlier();
  if (!earlier) {
    return;
  }
  copy.pause();
  const when = new Date(earlier.savedAt).toLocaleString();
  const older = earlier.version && earlier.version !== version.value;
  const message = make("p", {
    text:
      `This browser kept unsaved changes to this post from ${when}.` +
      (older ? " The post has been saved since; saving them will be checked against that." : "") +
      " Until you choose, new typing is not kept.",
  });
  const restore = button("Restore them", { class: "quire-button quire-primary" });
  const discard = button("Discard them");
  const banner = make("div", { class: "quire-restore", role: "alert" }, message, restore, discard);
  workspace.prepend(banner);
  restore.addEventListener("click", () => {
    if (title) {
      title.value = earlier.fields.title || "";
    }
    if (summary) {
      summary.value = earlier.fields.summary || "";
    }
    if (older) {
      version.value = earlier.version; // the conflict check compares with what it was based on
    }
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: earlier.fields.body || "" } });
    banner.remove();
    copy.resume();
    preview.refresh();
    view.focus();
  });
  discard.addEventListener("click", () => {
    banner.remove();
    copy.discard();
    view.focus();
  });
}

setupFieldHelp();
setup();
