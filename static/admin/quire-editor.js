// The post editor: a live preview beside the Markdown (rendered by the server with
// the public pipeline, typeset by KaTeX in a frame styled like the site) and image
// upload by button, drop or paste, inserting the figure's Markdown at the cursor.
(function () {
  "use strict";

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) {
          throw new Error(data.error || response.statusText);
        }
        return data;
      });
    });
  }

  function debounce(wait, action) {
    var timer = null;
    return function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(action, wait);
    };
  }

  function insertAtCursor(textarea, text) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var before = textarea.value.slice(0, start);
    var block = (before && !before.endsWith("\n\n") ? "\n\n" : "") + text + "\n\n";
    textarea.setRangeText(block, start, end, "end");
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function setup() {
    var config = document.getElementById("quire-editor");
    var body = document.getElementById("id_body");
    if (!config || !body) {
      return;
    }
    var summary = document.getElementById("id_summary");

    var workspace = document.createElement("div");
    workspace.className = "quire-workspace";
    body.parentNode.insertBefore(workspace, body);
    var editorColumn = document.createElement("div");
    editorColumn.className = "quire-editor-column";
    workspace.appendChild(editorColumn);
    editorColumn.appendChild(body);

    var tools = document.createElement("div");
    tools.className = "quire-tools";
    var upload = document.createElement("input");
    upload.type = "file";
    upload.accept = "image/png,image/jpeg,image/gif,image/webp";
    upload.id = "quire-image-upload";
    upload.className = "quire-upload-input";
    var uploadLabel = document.createElement("label");
    uploadLabel.htmlFor = upload.id;
    uploadLabel.className = "button";
    uploadLabel.textContent = "Insert image…";
    var status = document.createElement("span");
    status.className = "quire-status";
    status.setAttribute("role", "status");
    tools.appendChild(uploadLabel);
    tools.appendChild(upload);
    tools.appendChild(status);
    editorColumn.insertBefore(tools, body);

    var frame = document.createElement("iframe");
    frame.className = "quire-preview";
    frame.title = "Preview";
    frame.src = config.dataset.frameUrl;
    workspace.appendChild(frame);

    var frameReady = new Promise(function (resolve) {
      frame.addEventListener("load", resolve);
    });

    function refresh() {
      var data = new FormData();
      data.append("body", body.value);
      if (summary) {
        data.append("summary", summary.value);
      }
      post(config.dataset.previewUrl, data)
        .then(function (rendered) {
          return frameReady.then(function () {
            var view = frame.contentWindow;
            var target = frame.contentDocument.getElementById("preview");
            target.innerHTML = rendered.html;
            if (view.quireTypeset) {
              view.quireTypeset(target);
            }
            status.textContent = "Preview up to date · " + rendered.reading_minutes + " min read";
          });
        })
        .catch(function (error) {
          status.textContent = "Preview failed: " + error.message;
        });
    }

    function uploadImage(file) {
      var data = new FormData();
      data.append("image", file);
      status.textContent = "Uploading " + file.name + "…";
      post(config.dataset.uploadUrl, data)
        .then(function (stored) {
          insertAtCursor(body, stored.markdown);
          status.textContent = "Image inserted.";
        })
        .catch(function (error) {
          status.textContent = error.message;
        });
    }

    body.addEventListener("input", debounce(400, refresh));
    if (summary) {
      summary.addEventListener("input", debounce(400, refresh));
    }
    upload.addEventListener("change", function () {
      if (upload.files.length) {
        uploadImage(upload.files[0]);
        upload.value = "";
      }
    });
    body.addEventListener("dragover", function (event) {
      event.preventDefault();
    });
    body.addEventListener("drop", function (event) {
      var files = event.dataTransfer.files;
      if (files.length && files[0].type.indexOf("image/") === 0) {
        event.preventDefault();
        uploadImage(files[0]);
      }
    });
    body.addEventListener("paste", function (event) {
      var files = event.clipboardData && event.clipboardData.files;
      if (files && files.length && files[0].type.indexOf("image/") === 0) {
        event.preventDefault();
        uploadImage(files[0]);
      }
    });
    refresh();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
