// The roadmap page and the public page of a shared link: Now / Next / Later lanes and a
// timeline by month or quarter, drawn from the JSON the server embeds (the API's answer).
// On the team page a manager drags cards between and within lanes (SortableJS) and bars
// along the timeline (pointer events); each change is saved at once, and a refused one
// snaps back with the server's reason.
(function () {
  "use strict";

  var root, data, editable, productId, stale = false;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function toast(message, kind) {
    if (window.cairnToast) window.cairnToast(message, kind);
  }

  function csrf() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }

  function call(method, path, body) {
    return fetch("/api/v1" + path, {
      method: method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (response) {
      if (response.status === 204) return null;
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (!response.ok) {
          var error = new Error(answer.message || "Not saved (" + response.status + ")");
          error.fields = answer.errors || {};
          throw error;
        }
        return answer;
      });
    });
  }

  function colorOf(item) {
    if (item.color) return item.color;
    if (item.objective_color === undefined) return "";
    return root.dataset.color === "theme" ? item.theme_color : item.objective_color;
  }

  function allItems() {
    var items = [];
    data.lanes.forEach(function (lane) { items = items.concat(lane.items); });
    return items;
  }

  function has(item, name) { return Object.prototype.hasOwnProperty.call(item, name); }

  function dates(item) {
    if (!item.start) return "";
    return item.start === item.end ? item.start : item.start + " → " + item.end;
  }

  // ------------------------------------------------------------------ lanes

  function card(item) {
    var node = el("li", "rm-card");
    if (has(item, "id")) node.dataset.id = item.id;
    if (editable) {
      node.tabIndex = 0;
      node.setAttribute("aria-keyshortcuts", "Alt+ArrowUp Alt+ArrowDown Alt+ArrowLeft Alt+ArrowRight");
    }
    node.style.setProperty("--rm-color", colorOf(item) || "#cbd2dc");
    if (has(item, "title")) node.appendChild(el("strong", "rm-title", item.title));
    else node.appendChild(el("strong", "rm-title muted", item.type || "Feature"));
    var meta = el("div", "rm-meta");
    if (has(item, "type") && item.kind === "epic") meta.appendChild(el("span", "pill rm-epic", item.type));
    if (item.status) meta.appendChild(el("span", "pill", item.status));
    if (item.issue) meta.appendChild(el("span", "key", item.issue));
    if (item.start) {
      var when = el("span", "rm-dates small", dates(item));
      if (item.dates_from === "schedule") when.title = "From the schedule of " + item.issue;
      meta.appendChild(when);
    }
    if (item.theme) meta.appendChild(el("span", "rm-theme small", "#" + item.theme));
    if (has(item, "objective") && item.objective) {
      meta.appendChild(el("span", "rm-objective small", "◎ " + (item.objective.title || item.objective)));
    }
    if (has(item, "release") && item.release) meta.appendChild(el("span", "small", "Release " + (item.release.name || item.release)));
    if (meta.childNodes.length) node.appendChild(meta);
    if (item.description) node.appendChild(el("p", "rm-description small muted", item.description));
    if (typeof item.progress === "number") {
      var bar = el("div", "progress"), fill = el("span");
      fill.style.width = Math.round(item.progress * 100) + "%";
      bar.appendChild(fill);
      bar.title = Math.round(item.progress * 100) + "% done";
      node.appendChild(bar);
    }
    return node;
  }

  function laneColumn(lane, items, label, total) {
    var column = el("section", "rm-lane");
    column.dataset.lane = lane;
    var head = el("h2", "rm-lane-head", label);
    head.appendChild(el("span", "muted small rm-count", String(total === undefined ? items.length : total)));
    column.appendChild(head);
    var list = el("ol", "rm-cards");
    list.dataset.lane = lane;
    list.setAttribute("aria-label", label);
    items.forEach(function (item) { list.appendChild(card(item)); });
    column.appendChild(list);
    return column;
  }

  function drawLanes(box) {
    var lanes = el("div", "rm-lanes");
    data.lanes.forEach(function (lane) { lanes.appendChild(laneColumn(lane.lane, lane.items, lane.label)); });
    if (editable) {
      var off = laneColumn("", data.off_roadmap, "Not on the roadmap", data.off_roadmap_total);
      off.classList.add("rm-off");
      if (data.off_roadmap_total > data.off_roadmap.length) {
        off.appendChild(el("p", "muted small", "The first " + data.off_roadmap.length + " of the backlog; drag one into a lane."));
      }
      lanes.appendChild(off);
    }
    box.appendChild(lanes);
    if (editable) lanes.addEventListener("keydown", keyMove);
    if (editable && window.Sortable) {
      lanes.querySelectorAll("ol.rm-cards").forEach(function (list) {
        // The fallback drags with pointer events, as on touch screens, the same everywhere.
        window.Sortable.create(list, { group: "roadmap", animation: 120, forceFallback: true, fallbackTolerance: 3, onEnd: moved });
      });
    }
    updateCounts();
  }

  function updateCounts() {
    root.querySelectorAll(".rm-lane").forEach(function (column) {
      if (!column.dataset.lane) return;
      column.querySelector(".rm-count").textContent = column.querySelectorAll(".rm-card").length;
    });
  }

  function moved(event) {
    if (event.from === event.to && event.oldIndex === event.newIndex) return;
    // Back where it was, in the list and at the place it came from.
    var anchor = event.from.children[event.oldIndex];
    if (event.from === event.to && event.oldIndex > event.newIndex) anchor = event.from.children[event.oldIndex + 1];
    save(event.item, event.to, function () { event.from.insertBefore(event.item, anchor || null); });
  }

  function save(card, list, undo) {
    var prev = card.previousElementSibling, next = card.nextElementSibling;
    var body = {
      lane: list.dataset.lane,
      after: prev ? Number(prev.dataset.id) : null,
      before: next ? Number(next.dataset.id) : null,
    };
    updateCounts();
    call("POST", "/products/" + productId + "/roadmap/features/" + card.dataset.id + "/move", body)
      // The cards are already where they belong; the timeline's order is fetched when shown,
      // so a redraw never interrupts the next drag.
      .then(function () { stale = true; })
      .catch(function (error) {
        undo();
        updateCounts();
        card.focus();
        toast(error.message, "error");
      });
  }

  // Without a mouse: Alt+↑/↓ moves a focused card within its lane, Alt+←/→ to the
  // bottom of the lane beside.
  function keyMove(event) {
    var card = event.target.closest(".rm-card");
    if (!card || !event.altKey || ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"].indexOf(event.key) < 0) return;
    event.preventDefault();
    var list = card.parentNode, home = card.nextElementSibling, target = list;
    var lists = Array.prototype.slice.call(root.querySelectorAll("ol.rm-cards"));
    if (event.key === "ArrowUp" && card.previousElementSibling) list.insertBefore(card, card.previousElementSibling);
    else if (event.key === "ArrowDown" && home) list.insertBefore(card, home.nextElementSibling);
    else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      target = lists[lists.indexOf(list) + (event.key === "ArrowLeft" ? -1 : 1)];
      if (!target) return;
      target.appendChild(card);
    } else return;
    card.focus();
    save(card, target, function () { list.insertBefore(card, home); });
  }

  // ------------------------------------------------------------------ timeline

  function drawTimeline(box) {
    var scale = data.scales[root.dataset.scale];
    var grid = el("div", "rm-timeline");
    var header = el("div", "rm-row rm-header"), track = el("div", "rm-track");
    header.appendChild(el("div", "rm-label", ""));
    scale.columns.forEach(function (column) {
      var cell = el("div", "rm-column", column.label);
      cell.style.left = column.left * 100 + "%";
      cell.style.width = column.width * 100 + "%";
      track.appendChild(cell);
    });
    header.appendChild(track);
    grid.appendChild(header);
    var body = el("div", "rm-body");
    var overlay = el("div", "rm-marks"), marks = el("div", "rm-marks-track");
    overlay.appendChild(el("div"));
    overlay.appendChild(marks);
    scale.columns.forEach(function (column) {
      var line = el("div", "rm-gridline");
      line.style.left = column.left * 100 + "%";
      marks.appendChild(line);
    });
    if (scale.today !== null) {
      var today = el("div", "rm-today");
      today.style.left = scale.today * 100 + "%";
      today.title = "Today, " + data.today;
      marks.appendChild(today);
    }
    (data.releases || []).forEach(function (release) {
      var at = release[root.dataset.scale];
      if (at === null || at === undefined) return;
      var mark = el("div", "rm-release" + (release.shipped ? " shipped" : ""));
      mark.style.left = at * 100 + "%";
      mark.appendChild(el("span", "rm-release-name", release.name));
      mark.title = release.name + (release.shipped ? ", shipped " : ", target ") + release.date;
      marks.appendChild(mark);
    });
    body.appendChild(overlay);
    var undated = 0;
    allItems().forEach(function (item) {
      if (!item.start && !editable) { undated += 1; return; }
      body.appendChild(timelineRow(item, scale));
    });
    grid.appendChild(body);
    box.appendChild(grid);
    if (undated) box.appendChild(el("p", "muted small", undated + " more without dates yet."));
  }

  function timelineRow(item, scale) {
    var row = el("div", "rm-row");
    if (has(item, "id")) row.dataset.id = item.id;
    row.appendChild(el("div", "rm-label", has(item, "title") ? item.title : item.type || "Feature"));
    var track = el("div", "rm-track");
    var span = item[root.dataset.scale];
    if (span) {
      var bar = el("div", "rm-bar");
      bar.style.left = span.left * 100 + "%";
      bar.style.width = span.width * 100 + "%";
      bar.style.setProperty("--rm-color", colorOf(item) || "#64748b");
      if (span.clipped_start) bar.classList.add("clipped-start");
      if (span.clipped_end) bar.classList.add("clipped-end");
      bar.title = (item.title || "") + (item.start ? " · " + dates(item) : "");
      if (item.dates_from === "schedule") {
        bar.classList.add("scheduled");
        bar.title += " · from the schedule of " + item.issue;
      } else if (editable) {
        bar.classList.add("draggable");
        bar.tabIndex = 0;
        bar.setAttribute("role", "button");
        bar.setAttribute("aria-label", "Move " + item.title + " along the timeline (arrow keys move a week)");
        bar.addEventListener("pointerdown", function (event) { startDrag(event, bar, item, scale, track); });
        bar.addEventListener("keydown", function (event) { nudge(event, item); });
      }
      track.appendChild(bar);
    } else if (!item.start && editable) {
      track.classList.add("rm-place");
      track.title = "Click to place " + item.title + " here";
      track.addEventListener("click", function (event) { place(event, item, scale, track); });
    }
    row.appendChild(track);
    return row;
  }

  function addDays(iso, days) {
    var day = new Date(iso + "T00:00:00Z");
    day.setUTCDate(day.getUTCDate() + days);
    return day.toISOString().slice(0, 10);
  }

  function saveDates(item, start, end, undo) {
    return call("PUT", "/products/" + productId + "/roadmap/features/" + item.id + "/dates", { start: start, end: end })
      .then(function () { refresh(); })
      .catch(function (error) { if (undo) undo(); toast(error.message, "error"); });
  }

  function startDrag(event, bar, item, scale, track) {
    if (event.button !== 0) return;
    event.preventDefault();
    var startX = event.clientX, width = track.getBoundingClientRect().width, shift = 0;
    bar.setPointerCapture(event.pointerId);
    bar.classList.add("dragging");
    function move(e) {
      shift = Math.round((e.clientX - startX) / width * scale.days);
      bar.style.transform = "translateX(" + (shift / scale.days * width) + "px)";
      bar.dataset.shift = shift;
    }
    function up() {
      bar.removeEventListener("pointermove", move);
      bar.removeEventListener("pointerup", up);
      bar.removeEventListener("pointercancel", up);
      bar.classList.remove("dragging");
      if (!shift) { bar.style.transform = ""; return; }
      saveDates(item, addDays(item.start, shift), addDays(item.end, shift), function () { bar.style.transform = ""; });
    }
    bar.addEventListener("pointermove", move);
    bar.addEventListener("pointerup", up);
    bar.addEventListener("pointercancel", up);
  }

  function nudge(event, item) {
    var days = { ArrowLeft: -7, ArrowRight: 7 }[event.key];
    if (!days) return;
    event.preventDefault();
    saveDates(item, addDays(item.start, days), addDays(item.end, days));
  }

  function place(event, item, scale, track) {
    var box = track.getBoundingClientRect();
    var offset = Math.floor((event.clientX - box.left) / box.width * scale.days);
    var start = addDays(scale.start, Math.max(0, offset));
    saveDates(item, start, addDays(start, 27));
  }

  // ------------------------------------------------------------------ the page

  function drawLegend() {
    var legend = document.getElementById("roadmap-legend");
    if (!legend) return;
    legend.textContent = "";
    var entries = Array.isArray(data.legend) ? data.legend : data.legend ? data.legend[root.dataset.color] : [];
    (entries || []).forEach(function (entry) {
      var item = el("li"), dot = el("span", "dot");
      dot.style.background = entry.color;
      item.appendChild(dot);
      item.appendChild(document.createTextNode(entry.label));
      legend.appendChild(item);
    });
  }

  function draw() {
    if (!data.scales && root.dataset.view === "timeline") root.dataset.view = "lanes";
    root.textContent = "";
    if (!allItems().length && !(data.off_roadmap || []).length) {
      root.appendChild(el("p", "empty", editable
        ? "No features yet: add them on the Backlog page, then drag them into Now, Next or Later here."
        : "Nothing on the roadmap yet."));
    }
    if (root.dataset.view === "timeline") drawTimeline(root); else drawLanes(root);
    drawLegend();
    document.querySelectorAll("[data-set-view]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.setView === root.dataset.view));
      if (!data.scales) b.hidden = true;
    });
    document.querySelectorAll("[data-set-scale]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.setScale === root.dataset.scale));
    });
    document.querySelectorAll("[data-set-color]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.setColor === root.dataset.color));
    });
    document.querySelectorAll("[data-only]").forEach(function (group) {
      group.hidden = group.dataset.only !== root.dataset.view;
    });
    root.dataset.ready = "true";
  }

  function refresh() {
    if (!productId) return;
    stale = false;
    call("GET", "/products/" + productId + "/roadmap").then(function (answer) { data = answer; draw(); })
      .catch(function (error) { toast(error.message, "error"); });
  }

  function bindControls() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-set-view], [data-set-scale], [data-set-color]");
      if (!button) return;
      if (button.dataset.setView) root.dataset.view = button.dataset.setView;
      if (button.dataset.setScale) root.dataset.scale = button.dataset.setScale;
      if (button.dataset.setColor) root.dataset.color = button.dataset.setColor;
      if (stale) refresh(); else draw();
    });
  }

  // ------------------------------------------------------------------ sharing

  function bindSharing() {
    var dialog = document.getElementById("share"), opener = document.getElementById("share-open");
    if (!dialog || !opener) return;
    var form = document.getElementById("share-form"), error = document.getElementById("share-error");
    opener.addEventListener("click", function () { dialog.showModal(); });
    dialog.querySelector("[data-close]").addEventListener("click", function () { dialog.close(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var fields = Array.prototype.map.call(form.querySelectorAll("input[name=fields]:checked"), function (box) { return box.value; });
      error.hidden = true;
      call("POST", "/products/" + productId + "/roadmap/links", { label: form.elements.label.value, fields: fields })
        .then(function (link) {
          var url = location.origin + link.url;
          document.getElementById("share-made").hidden = false;
          document.getElementById("share-url").value = url;
          addLinkRow(link);
          form.reset();
        })
        .catch(function (failure) {
          error.textContent = failure.message;
          error.hidden = false;
        });
    });
    document.getElementById("share-copy").addEventListener("click", function () {
      var input = document.getElementById("share-url");
      input.select();
      if (navigator.clipboard) navigator.clipboard.writeText(input.value).then(function () { toast("Link copied."); });
    });
    dialog.addEventListener("click", function (event) {
      var button = event.target.closest("[data-revoke]");
      if (!button) return;
      call("DELETE", "/products/" + productId + "/roadmap/links/" + button.dataset.revoke).then(function () {
        button.replaceWith(el("span", "pill", "Revoked"));
        toast("The link no longer works.");
      }).catch(function (failure) { toast(failure.message, "error"); });
    });
  }

  function addLinkRow(link) {
    var body = document.querySelector("#share-links tbody"), none = body.querySelector("tr.none");
    if (none) none.remove();
    var row = el("tr");
    row.dataset.link = link.id;
    row.appendChild(el("td", "", link.label));
    row.appendChild(el("td", "small", link.fields.join(", ")));
    row.appendChild(el("td", "small", "just now"));
    row.appendChild(el("td", "small", "never"));
    var cell = el("td"), revoke = el("button", "linklike danger", "Revoke");
    revoke.type = "button";
    revoke.dataset.revoke = link.id;
    revoke.setAttribute("aria-label", "Revoke " + link.label);
    cell.appendChild(revoke);
    row.appendChild(cell);
    body.insertBefore(row, body.firstChild);
  }

  function start() {
    root = document.getElementById("roadmap");
    if (!root || root.dataset.ready) return;
    data = JSON.parse(document.getElementById("roadmap-data").textContent);
    editable = root.dataset.editable === "true";
    productId = root.dataset.product;
    bindControls();
    bindSharing();
    draw();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
