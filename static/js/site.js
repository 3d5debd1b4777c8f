// Small reading aids: the phone menu, the theme toggle, code blocks' language labels
// and copy buttons, section links, and the table of contents following the reader.
(function () {
  "use strict";
  var root = document.documentElement;

  function currentTheme() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) {
      return chosen;
    }
    return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function setupThemeToggle() {
    var button = document.querySelector(".theme-toggle");
    if (!button) {
      return;
    }
    function show() {
      var dark = currentTheme() === "dark";
      button.setAttribute("aria-pressed", dark ? "true" : "false");
      button.textContent = dark ? button.dataset.labelLight : button.dataset.labelDark;
    }
    button.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try {
        localStorage.setItem("quire-theme", next);
      } catch (error) {
        // Not remembered, but applied for this page.
      }
      show();
    });
    show();
  }

  function flash(element, label) {
    element.classList.add("copied");
    element.dataset.copied = label;
    window.setTimeout(function () {
      element.classList.remove("copied");
    }, 1500);
  }

  function copy(text, element, label) {
    if (!navigator.clipboard) {
      return;
    }
    navigator.clipboard.writeText(text).then(function () {
      flash(element, label);
    });
  }

  function setupMenu() {
    var button = document.querySelector(".menu-toggle");
    var menu = document.getElementById("site-menu");
    if (!button || !menu) {
      return;
    }
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("open", open);
    });
  }

  function labelCodeLanguage(block) {
    // Rendered as class="language-python highlight"; plain text needs no label.
    var match = /(?:^|\s)language-([\w+#.-]+)/.exec(block.className);
    if (!match || match[1] === "text") {
      return;
    }
    var label = document.createElement("span");
    label.className = "code-language";
    label.textContent = match[1];
    block.insertBefore(label, block.firstChild);
    block.classList.add("labelled");
  }

  function setupCodeCopy() {
    var label = document.body.dataset.copyLabel || "Copy";
    var done = document.body.dataset.copiedLabel || "Copied";
    document.querySelectorAll(".prose .highlight").forEach(function (block) {
      labelCodeLanguage(block);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.textContent = label;
      button.addEventListener("click", function () {
        // The code only, not the line numbers beside it.
        copy(block.querySelector("code").innerText, button, done);
        button.textContent = done;
        window.setTimeout(function () {
          button.textContent = label;
        }, 1500);
      });
      block.appendChild(button);
    });
  }

  function setupHeadingLinks() {
    var done = document.body.dataset.copiedLabel || "Copied";
    document.querySelectorAll(".prose .heading-link").forEach(function (link) {
      link.addEventListener("click", function () {
        var url = window.location.href.split("#")[0] + link.getAttribute("href");
        copy(url, link, done);
      });
    });
  }

  function openTocBesideText() {
    // Closed on phones (it would push the text down); always open in the sidebar.
    var toc = document.querySelector(".toc details");
    if (toc && window.matchMedia("(min-width: 75rem)").matches) {
      toc.open = true;
    }
  }

  function keepInView(link) {
    // The sidebar scrolls on its own when the contents are longer than the screen:
    // bring the current entry into it (the page itself does not move).
    var box = document.querySelector(".toc");
    if (!box || box.scrollHeight <= box.clientHeight) {
      return;
    }
    var top = link.getBoundingClientRect().top - box.getBoundingClientRect().top;
    if (top < box.clientHeight * 0.15 || top > box.clientHeight * 0.85) {
      box.scrollTop += top - box.clientHeight / 3;
    }
  }

  function setupTocTracking() {
    var links = Array.prototype.slice.call(document.querySelectorAll(".toc a[href^='#']"));
    if (!links.length || !("IntersectionObserver" in window)) {
      return;
    }
    var byId = {};
    links.forEach(function (link) {
      byId[decodeURIComponent(link.getAttribute("href").slice(1))] = link;
    });
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting && byId[entry.target.id]) {
          links.forEach(function (link) {
            link.removeAttribute("aria-current");
          });
          byId[entry.target.id].setAttribute("aria-current", "location");
          keepInView(byId[entry.target.id]);
        }
      });
    }, { rootMargin: "0px 0px -70% 0px" });
    Object.keys(byId).forEach(function (id) {
      var heading = document.getElementById(id);
      if (heading) {
        observer.observe(heading);
      }
    });
  }

  openTocBesideText();
  setupMenu();
  setupThemeToggle();
  setupCodeCopy();
  setupHeadingLinks();
  setupTocTracking();
})();
