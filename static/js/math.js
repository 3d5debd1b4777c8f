// Typesets the math spans the renderer wrote, with KaTeX from our own static files.
// The TeX stays in the page as text, so feeds and readers without JavaScript see it.
(function () {
  "use strict";

  function texOf(element, delimiter) {
    var text = element.textContent;
    var wrapped = text.length >= 2 * delimiter.length &&
      text.slice(0, delimiter.length) === delimiter && text.slice(-delimiter.length) === delimiter;
    return wrapped ? text.slice(delimiter.length, -delimiter.length) : text;
  }

  function typeset(root) {
    root.querySelectorAll(".math-inline:not(.math-typeset), .math-block:not(.math-typeset)")
      .forEach(function (element) {
        var display = element.classList.contains("math-block");
        try {
          window.katex.render(texOf(element, display ? "$$" : "$"), element, {
            displayMode: display,
            // KaTeX's own error rendering sets a style attribute, which the CSP
            // blocks (and reports); broken TeX is shown by .math-error instead.
            throwOnError: true,
          });
          element.classList.add("math-typeset");
        } catch (error) {
          element.classList.add("math-error");
          element.title = String(error.message || error);
        }
      });
  }

  if (window.katex) {
    typeset(document);
    window.quireTypeset = typeset;
  } else {
    document.documentElement.classList.add("math-fallback");
  }
})();
