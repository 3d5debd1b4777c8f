// Runs before the page paints (loaded without defer): apply the reader's theme and
// mark that scripts run.
(function () {
  "use strict";
  var root = document.documentElement;
  try {
    var theme = localStorage.getItem("quire-theme");
    if (theme === "light" || theme === "dark") {
      root.setAttribute("data-theme", theme);
    }
  } catch (error) {
    // Storage can be unavailable (privacy modes); the system preference applies.
  }
  root.classList.add("js");
})();
