/* Reading tools on article pages: copy link, print, larger text.
   Nothing here is needed to read: the buttons start `hidden` and are shown only
   when this deferred script runs. No third-party code, no tracking. */
(function () {
  "use strict";
  var root = document.documentElement;
  var status = document.querySelector(".share__status");

  function reveal(selector, onClick) {
    document.querySelectorAll(selector).forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        onClick(button);
      });
    });
  }

  function say(message) {
    if (status) {
      status.textContent = message;
    }
  }

  if (navigator.clipboard) {
    reveal("[data-copy-link]", function (button) {
      navigator.clipboard.writeText(button.dataset.url || location.href).then(function () {
        say(button.dataset.done);
      });
    });
  }

  reveal("[data-print]", function () {
    window.print();
  });

  // Larger text is remembered across pages; the choice applies to the whole <html>.
  var KEY = "font-size-large";
  function applyLarge(large) {
    root.classList.toggle("text-large", large);
    document.querySelectorAll("[data-font-size]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(large));
    });
  }
  try {
    applyLarge(localStorage.getItem(KEY) === "1");
  } catch (e) {
    /* storage blocked */
  }
  reveal("[data-font-size]", function () {
    var large = !root.classList.contains("text-large");
    applyLarge(large);
    try {
      localStorage.setItem(KEY, large ? "1" : "0");
    } catch (e) {
      /* storage blocked */
    }
  });
})();
