// The alignment editor grid: operations through fetch, keyboard shortcuts, navigation.
// Every operation carries the revision the page showed; a stale one is refused by the server.
(function () {
  "use strict";
  var editor, current = null;

  function csrf() { return editor.querySelector("input[name=csrfmiddlewaretoken]").value; }
  function message(text, bad) {
    var box = editor.querySelector(".editor-message");
    box.textContent = text;
    box.classList.toggle("bad", !!bad);
  }

  function post(op, fields) {
    var body = new FormData();
    body.append("op", op);
    body.append("revision", editor.getAttribute("data-revision"));
    Object.keys(fields || {}).forEach(function (name) { body.append(name, fields[name]); });
    if (current) sessionStorage.setItem("editor-focus", current.id);
    return fetch(editor.getAttribute("data-op-url"), {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(), "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (result) {
      if (result.data.ok) { window.location.reload(); return; }
      message(result.data.message, true);
      if (result.data.stale) { setTimeout(function () { window.location.reload(); }, 1500); }
    }).catch(function () { message("The server did not answer; nothing was changed.", true); });
  }

  function button(op, text, title) {
    var element = document.createElement("button");
    element.type = "button";
    element.setAttribute("data-op", op);
    element.textContent = text;
    if (title) element.title = title;
    return element;
  }

  // Cell and segment controls are added to the row being worked on, not rendered for all
  // rows: a 300-row grid stays a third of the size.
  function decorate(row) {
    if (!row || row.getAttribute("data-decorated")) return;
    row.setAttribute("data-decorated", "1");
    var label = function (name) { return editor.getAttribute("data-label-" + name); };
    if (editor.getAttribute("data-can-edit-text")) {
      row.querySelectorAll(".segment").forEach(function (segment) {
        var actions = document.createElement("span");
        actions.className = "segment-actions";
        actions.appendChild(button("edit-open", label("edit")));
        actions.appendChild(button("merge-segments", label("join")));
        segment.appendChild(actions);
      });
    }
    if (editor.getAttribute("data-can-edit")) {
      row.querySelectorAll("td.cell").forEach(function (cell) {
        if (!parseInt(cell.getAttribute("data-count"), 10)) return;
        var actions = document.createElement("span");
        actions.className = "cell-actions";
        actions.appendChild(button("shift-up", "↑", label("up")));
        actions.appendChild(button("shift-down", "↓", label("down")));
        actions.appendChild(button("insert-empty", "∅", label("empty")));
        cell.appendChild(actions);
      });
    }
  }

  function focusRow(row) {
    if (!row) return;
    decorate(row);
    if (current) current.classList.remove("current");
    current = row;
    row.classList.add("current");
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "center" });
  }

  function rows() { return Array.prototype.slice.call(editor.querySelectorAll("tr.unit")); }

  function jump(selector) {
    var all = rows(), start = current ? all.indexOf(current) + 1 : 0;
    for (var i = 0; i < all.length; i++) {
      var row = all[(start + i) % all.length];
      if (row.matches(selector)) { focusRow(row); return; }
    }
    message("No such row.", false);
  }

  var JUMPS = { unconfirmed: "tr.unit:not(.status-confirmed)", low: "tr.unit.low",
                flagged: "tr.unit.status-flagged", finding: "tr.unit.has-findings" };

  function openSplit(row) {
    if (row.querySelector(".split-form")) return;
    var form = document.createElement("div");
    form.className = "split-form";
    row.querySelectorAll("td.cell").forEach(function (cell) {
      var count = parseInt(cell.getAttribute("data-count"), 10);
      if (!count) return;
      var label = document.createElement("label");
      label.textContent = cell.getAttribute("lang") + " stays up: ";
      var input = document.createElement("input");
      input.type = "number"; input.min = 0; input.max = count;
      input.value = count > 1 ? Math.ceil(count / 2) : 1;
      input.name = "keep_" + cell.getAttribute("data-version");
      label.appendChild(input);
      form.appendChild(label);
    });
    var go = document.createElement("button");
    go.type = "button"; go.textContent = "Split";
    go.addEventListener("click", function () {
      var fields = { unit: row.getAttribute("data-unit") };
      form.querySelectorAll("input").forEach(function (input) { fields[input.name] = input.value; });
      post("split", fields);
    });
    form.appendChild(go);
    row.querySelector(".status-col").appendChild(form);
    form.querySelector("input").focus();
  }

  function openEdit(segment) {
    if (segment.querySelector("textarea")) return;
    var textDiv = segment.querySelector(".text");
    var area = document.createElement("textarea");
    area.value = textDiv.innerText;
    area.rows = Math.max(3, Math.ceil(area.value.length / 60));
    var save = document.createElement("button"), cut = document.createElement("button"), cancel = document.createElement("button");
    save.type = cut.type = cancel.type = "button";
    save.textContent = "Save"; cut.textContent = "Split at cursor"; cancel.textContent = "Cancel";
    var id = segment.getAttribute("data-segment");
    save.addEventListener("click", function () { post("edit", { segment: id, text: area.value }); });
    cut.addEventListener("click", function () {
      if (area.value !== textDiv.innerText) { message("Save the text before splitting it.", true); return; }
      post("split-segment", { segment: id, offset: area.selectionStart });
    });
    cancel.addEventListener("click", function () { window.location.reload(); });
    textDiv.replaceWith(area);
    [save, cut, cancel].forEach(function (button) { segment.appendChild(button); });
    area.focus();
  }

  function onClick(event) {
    var button = event.target.closest("button[data-op]");
    if (button) {
      var op = button.getAttribute("data-op"), row = button.closest("tr.unit");
      var cell = button.closest("td.cell"), segment = button.closest(".segment");
      if (row) current = row;
      if (op === "split-open") return openSplit(row);
      if (op === "edit-open") return openEdit(segment);
      var fields = {};
      if (row) fields.unit = row.getAttribute("data-unit");
      if (cell) fields.version = cell.getAttribute("data-version");
      if (segment) fields.segment = segment.getAttribute("data-segment");
      if (op === "flag") {
        var note = window.prompt("Why is this row flagged?");
        if (!note) return;
        fields.note = note;
      }
      return post(op, fields);
    }
    var jumpButton = event.target.closest("button[data-jump]");
    if (jumpButton) jump(JUMPS[jumpButton.getAttribute("data-jump")]);
    var help = event.target.closest(".help-toggle");
    if (help) toggleHelp(help);
    var row2 = event.target.closest("tr.unit");
    if (row2 && !event.target.closest("button, textarea, input, a")) focusRow(row2);
  }

  function toggleHelp(button) {
    var panel = document.getElementById("editor-help");
    panel.hidden = !panel.hidden;
    (button || editor.querySelector(".help-toggle")).setAttribute("aria-expanded", String(!panel.hidden));
  }

  function onKey(event) {
    if (event.target.closest("textarea, input, select") || event.ctrlKey || event.metaKey || event.altKey) return;
    var all = rows(), index = current ? all.indexOf(current) : -1;
    var unit = current && current.getAttribute("data-unit");
    var actions = {
      "j": function () { focusRow(all[Math.min(index + 1, all.length - 1)]); },
      "k": function () { focusRow(all[Math.max(index - 1, 0)]); },
      "m": function () { if (unit) post("merge", { unit: unit }); },
      "s": function () { if (current) openSplit(current); },
      "c": function () { if (unit) post("confirm", { unit: unit }); },
      "a": function () { if (unit) post("confirm-above", { unit: unit }); },
      "f": function () { var note = unit && window.prompt("Why is this row flagged?"); if (note) post("flag", { unit: unit, note: note }); },
      "u": function () { post("undo"); },
      "r": function () { post("redo"); },
      "n": function () { jump(JUMPS.unconfirmed); },
      "l": function () { jump(JUMPS.low); },
      "g": function () { jump(JUMPS.flagged); },
      "q": function () { jump(JUMPS.finding); },
      "?": function () { toggleHelp(); }
    };
    if (actions[event.key]) { event.preventDefault(); actions[event.key](); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    editor = document.getElementById("editor");
    if (!editor) return;
    editor.addEventListener("click", onClick);
    editor.addEventListener("mouseover", function (event) { decorate(event.target.closest("tr.unit")); });
    editor.addEventListener("focusin", function (event) { decorate(event.target.closest("tr.unit")); });
    document.addEventListener("keydown", onKey);
    var remembered = sessionStorage.getItem("editor-focus");
    sessionStorage.removeItem("editor-focus");
    var target = (window.location.hash && document.getElementById(window.location.hash.slice(1))) ||
                 (remembered && document.getElementById(remembered));
    if (target) focusRow(target.closest("tr.unit") || target);
  });
})();
