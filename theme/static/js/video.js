/* Click-to-load video (plugins/media_embeds, partials/video.html).
   The page ships a local poster that links to the provider. Only when the reader clicks
   does this script build the provider's iframe (youtube-nocookie.com / facebook.com), so
   opening the page sends nothing to a third party. No third-party code is loaded here. */
(function () {
  "use strict";
  document.querySelectorAll("[data-video]").forEach(function (figure) {
    var poster = figure.querySelector("[data-video-play]");
    var frame = figure.querySelector(".video__frame");
    if (!poster || !frame || !figure.dataset.embed) {
      return;
    }
    poster.setAttribute("role", "button");
    poster.addEventListener("click", function (event) {
      event.preventDefault();
      var iframe = document.createElement("iframe");
      iframe.src = figure.dataset.embed;
      iframe.title = figure.dataset.title || "";
      iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      iframe.allowFullscreen = true;
      iframe.referrerPolicy = "strict-origin-when-cross-origin";
      iframe.className = "video__iframe";
      frame.replaceChild(iframe, poster);
      iframe.focus();
    });
    poster.addEventListener("keydown", function (event) {
      if (event.key === " ") {
        event.preventDefault();
        poster.click();
      }
    });
  });
})();
