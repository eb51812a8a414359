/* The coach's highlight backdrop (the composer, the hub's share box, the network's
   editor): keep it aligned with the textarea it sits behind.
   Highlights are drawn by the server (the review partial); this only syncs size and
   scroll, and dims the marks while the text differs from what was reviewed. */
(function () {
  "use strict";
  function sync(textarea) {
    var backdrop = textarea.parentElement.querySelector(".backdrop");
    if (!backdrop) return;
    textarea.style.height = "auto";
    textarea.style.height = Math.max(textarea.scrollHeight + 2, 160) + "px";
    backdrop.style.height = textarea.style.height;
    backdrop.scrollTop = textarea.scrollTop;
  }
  // The textarea that has a highlight backdrop behind it (one per page).
  function coached() {
    return document.querySelector(".highlight-wrap textarea");
  }
  function setup() {
    var textarea = coached();
    if (!textarea || textarea.dataset.mvReady) return;
    textarea.dataset.mvReady = "1";
    textarea.addEventListener("input", function () {
      textarea.parentElement.classList.add("stale");
      sync(textarea);
    });
    textarea.addEventListener("scroll", function () { sync(textarea); });
    window.addEventListener("resize", function () { sync(textarea); });
    sync(textarea);
  }
  document.addEventListener("DOMContentLoaded", setup);
  // A one-click fix replaces the editor: give the keyboard back to the text.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail && event.detail.target && event.detail.target.id === "editor") {
      var textarea = coached();
      if (textarea) textarea.focus();
    }
  });
  document.addEventListener("htmx:afterSettle", function () {
    setup();
    var textarea = coached();
    if (textarea) {
      textarea.parentElement.classList.remove("stale");
      sync(textarea);
    }
  });
})();
