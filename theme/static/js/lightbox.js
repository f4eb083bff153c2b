/* Lightbox for photo stories (article_photo_story.html). No third-party code.
   Each photo of the article body becomes a button that opens it large in a modal <dialog>:
   the rest of the page is inert and Tab cycles through its buttons, Esc closes it,
   ←/→ and swipes move between photos, and focus returns to the photo that opened it.
   The large view reuses the figures plugin's <source> candidates with sizes="100vw",
   so the browser picks the largest variant the screen needs, in the best format it reads. */
(function () {
  "use strict";
  var dialog = document.querySelector("[data-lightbox]");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  var figures = Array.prototype.slice
    .call(document.querySelectorAll(".article__body figure"))
    .filter(function (figure) {
      return figure.querySelector("img");
    });
  if (!figures.length) {
    return;
  }
  var picture = dialog.querySelector("[data-lightbox-picture]");
  var caption = dialog.querySelector("[data-lightbox-caption]");
  var counter = dialog.querySelector("[data-lightbox-counter]");
  var current = 0;
  var opener = null;

  function show(index) {
    current = (index + figures.length) % figures.length;
    var figure = figures[current];
    var img = figure.querySelector("img");
    // A <picture> is built whole each time: an empty one in the page would be invalid HTML.
    var element = document.createElement("picture");
    figure.querySelectorAll("source").forEach(function (source) {
      var copy = source.cloneNode(false);
      copy.sizes = "100vw";
      element.appendChild(copy);
    });
    var large = document.createElement("img");
    large.src = img.currentSrc || img.src;
    large.alt = img.alt;
    large.className = "lightbox__img";
    element.appendChild(large);
    picture.textContent = "";
    picture.appendChild(element);
    var text = figure.querySelector("figcaption");
    caption.textContent = text ? text.textContent.trim() : "";
    counter.textContent = dialog.dataset.counterLabel
      .replace("{n}", String(current + 1))
      .replace("{total}", String(figures.length));
  }

  function open(index, trigger) {
    opener = trigger;
    show(index);
    dialog.showModal();
    dialog.querySelector("[data-lightbox-close]").focus();
  }

  dialog.addEventListener("close", function () {
    picture.textContent = "";
    if (opener) {
      opener.focus();
    }
  });

  figures.forEach(function (figure, index) {
    var media = figure.querySelector("picture") || figure.querySelector("img");
    var img = figure.querySelector("img");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "lightbox-trigger";
    button.setAttribute("aria-label", dialog.dataset.openLabel + ": " + (img.alt || ""));
    media.parentNode.insertBefore(button, media);
    button.appendChild(media);
    button.addEventListener("click", function () {
      open(index, button);
    });
  });

  dialog.querySelector("[data-lightbox-close]").addEventListener("click", function () {
    dialog.close();
  });
  dialog.querySelector("[data-lightbox-prev]").addEventListener("click", function () {
    show(current - 1);
  });
  dialog.querySelector("[data-lightbox-next]").addEventListener("click", function () {
    show(current + 1);
  });
  // A modal <dialog> makes the page inert, but Tab can still leave for the browser's own UI;
  // keep it cycling through the dialog's buttons instead.
  var buttons = Array.prototype.slice.call(dialog.querySelectorAll("button"));
  function trapTab(event) {
    var first = buttons[0];
    var last = buttons[buttons.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "ArrowLeft") {
      event.preventDefault();
      show(current - 1);
    }
    if (event.key === "ArrowRight") {
      event.preventDefault();
      show(current + 1);
    }
    if (event.key === "Tab") {
      trapTab(event);
    }
  });
  // A click on the backdrop (outside the dialog's box) closes it, as readers expect.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) {
      dialog.close();
    }
  });

  var startX = null;
  dialog.addEventListener("pointerdown", function (event) {
    startX = event.clientX;
  });
  dialog.addEventListener("pointerup", function (event) {
    if (startX === null || event.pointerType === "mouse") {
      startX = null;
      return;
    }
    var dx = event.clientX - startX;
    startX = null;
    if (Math.abs(dx) > 50) {
      show(current + (dx < 0 ? 1 : -1));
    }
  });

  document.querySelectorAll("[data-lightbox-hint]").forEach(function (hint) {
    hint.hidden = false;
  });
})();
