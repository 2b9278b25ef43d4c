// A click on a finding (its "Show on page" link, or anywhere on the
// finding but its form) scrolls its evidence box into view on its page
// image and highlights it. Without this script the link still jumps to
// the box, and CSS :target highlights it.
(function () {
  "use strict";
  function show(boxId, focusPage) {
    var box = document.getElementById(boxId);
    if (!box) return;
    document.querySelectorAll(".box.active").forEach(function (b) { b.classList.remove("active"); });
    document.querySelectorAll(".finding.selected").forEach(function (f) { f.classList.remove("selected"); });
    box.classList.add("active");
    var finding = document.getElementById(box.getAttribute("data-finding"));
    if (finding) finding.classList.add("selected");
    box.scrollIntoView({ block: "center", inline: "nearest" });
    var page = box.closest("figure");
    if (focusPage && page) page.focus({ preventScroll: true });
  }
  document.addEventListener("click", function (e) {
    var link = e.target.closest("a.show-box");
    if (link) {
      e.preventDefault();
      show(link.getAttribute("data-box"), true);
      history.replaceState(null, "", "#" + link.getAttribute("data-box"));
      return;
    }
    var finding = e.target.closest("article.finding[data-box]");
    if (finding && !e.target.closest("form, a, button, textarea, input, blockquote")) {
      show(finding.getAttribute("data-box"), false);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    if (location.hash.indexOf("#box-") === 0) show(location.hash.slice(1), false);
  });
})();
