// The public reader: counterpart highlighting, permalinks and citations. No inline scripts (CSP).
(function () {
  "use strict";

  function rowOf(element) {
    return element.closest(".parallel-row");
  }

  function setCounterparts(segment, on) {
    var row = rowOf(segment);
    if (!row) return;
    row.querySelectorAll(".segment").forEach(function (other) {
      other.classList.toggle(other === segment ? "is-active" : "is-counterpart", on);
    });
  }

  function bindHighlighting() {
    document.querySelectorAll(".parallel .segment").forEach(function (segment) {
      segment.addEventListener("mouseenter", function () { setCounterparts(segment, true); });
      segment.addEventListener("mouseleave", function () { setCounterparts(segment, false); });
      segment.addEventListener("focus", function () { setCounterparts(segment, true); });
      segment.addEventListener("blur", function () { setCounterparts(segment, false); });
    });
  }

  function showTarget() {
    document.querySelectorAll(".parallel-row.is-target").forEach(function (row) { row.classList.remove("is-target"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    var row = target && (target.classList.contains("parallel-row") ? target : rowOf(target));
    if (!row) return;
    row.classList.add("is-target");
    row.scrollIntoView({ block: "start" });
  }

  function citation(button) {
    var article = button.closest(".statement");
    var anchor = button.getAttribute("data-anchor");
    var segment = document.getElementById(anchor);
    var cell = segment && segment.closest(".cell");
    var url = article.getAttribute("data-url").split("#")[0] + "#" + anchor;
    var language = cell ? cell.getAttribute("lang") : "";
    var paragraph = segment ? segment.getAttribute("data-paragraph") : "";
    return article.getAttribute("data-statement-title") + " [" + language + "], ¶ " + paragraph + ". " + url;
  }

  function bindCitations() {
    var output = document.querySelector(".cite-output");
    document.querySelectorAll("button.cite").forEach(function (button) {
      button.addEventListener("click", function () {
        var text = citation(button);
        if (output) output.textContent = text;
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).catch(function () { /* the text stays visible below */ });
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    bindHighlighting();
    bindCitations();
    showTarget();
    window.addEventListener("hashchange", showTarget);
  });
})();
