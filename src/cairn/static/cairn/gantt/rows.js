// Adding rows: a new task (or milestone) in a small form, or issues of the project not
// yet in the plan, chosen from a list. New rows go below the selected row, at its level
// — first under it when it is an open summary — or at the end when none is selected.
// Methods of the chart (gantt.js).
import { request, toast } from "./api.js";
import { esc } from "./markup.js";
import { parseDuration } from "./notation.js";

var LISTED = 200; // issues listed at once (the API's limit in endpoints.unscheduled)

export var rows = {
  bindRows: function () {
    var self = this;
    this.newDialog = document.getElementById("gantt-new-dialog");
    this.issuesDialog = document.getElementById("gantt-issues-dialog");
    if (!this.newDialog || !this.issuesDialog) return;
    var newForm = this.newDialog.querySelector("form"), issuesForm = this.issuesDialog.querySelector("form");
    newForm.addEventListener("submit", function (event) { event.preventDefault(); self.submitNewRow(newForm); });
    issuesForm.addEventListener("submit", function (event) { event.preventDefault(); self.submitIssues(issuesForm); });
    newForm.elements.milestone.addEventListener("change", function () {
      newForm.elements.duration.disabled = newForm.elements.milestone.checked;
    });
    var timer = null;
    issuesForm.elements.q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.findIssues(issuesForm); }, 200);
    });
    issuesForm.querySelector("[data-choose-all]").addEventListener("click", function () {
      issuesForm.querySelectorAll(".g-pick input[type=checkbox]").forEach(function (box) {
        box.checked = true; self.chosen.add(box.value);
      });
      self.countChosen(issuesForm);
    });
    issuesForm.querySelector(".g-pick").addEventListener("change", function (event) {
      var box = event.target;
      if (box.checked) self.chosen.add(box.value); else self.chosen.delete(box.value);
      self.countChosen(issuesForm);
    });
    [this.newDialog, this.issuesDialog].forEach(function (dialog) {
      dialog.querySelector("[data-close]").addEventListener("click", function () { dialog.close(); });
      dialog.addEventListener("close", function () { self.afterDialog(); });
    });
  },

  // Where new rows go, for the request and in words for the dialog.
  placement: function () {
    var t = this.selected ? this.all[this.indexOf[this.selected]] : null;
    if (!t) return { body: {}, words: "At the end of the plan." };
    if (t.summary && !this.collapsed.has(t.key)) {
      return { body: { parent: t.key }, words: "First under " + t.wbs + " “" + t.title + "”." };
    }
    return { body: { after: t.key }, words: "Below " + t.wbs + " “" + t.title + "”, at its level." };
  },

  formError: function (form, message) {
    var box = form.querySelector(".form-error");
    box.textContent = message || "";
    box.hidden = !message;
  },

  askNewRow: function (milestone) {
    var dialog = this.newDialog;
    if (!dialog) return;
    var form = dialog.querySelector("form");
    form.reset();
    form.elements.milestone.checked = !!milestone;
    form.elements.duration.disabled = !!milestone;
    this.formError(form, "");
    this.placing = this.placement();
    dialog.querySelector("[data-where]").textContent = this.placing.words;
    dialog.showModal();
    form.elements.title.focus();
  },

  submitNewRow: function (form) {
    var title = form.elements.title.value.trim(), milestone = form.elements.milestone.checked;
    if (!title) { this.formError(form, "Title: give the task a name."); form.elements.title.focus(); return; }
    var body = Object.assign({ title: title, milestone: milestone }, this.placing.body);
    if (!milestone) {
      var minutes = parseDuration(form.elements.duration.value, this.perDay);
      if (minutes === null) { this.formError(form, "Duration: “" + form.elements.duration.value + "” is not a duration like 5, 5d, 4h or 2w."); return; }
      body.duration_minutes = minutes;
    }
    this.addRows(form, body, this.newDialog);
  },

  askIssues: function () {
    var dialog = this.issuesDialog;
    if (!dialog) return;
    var form = dialog.querySelector("form");
    form.reset();
    this.chosen = new Set();
    this.countChosen(form);
    this.formError(form, "");
    this.placing = this.placement();
    dialog.querySelector("[data-where]").textContent = this.placing.words;
    dialog.showModal();
    form.elements.q.focus();
    this.findIssues(form);
  },

  findIssues: function (form) {
    var self = this, q = form.elements.q.value.trim(), list = form.querySelector(".g-pick");
    var seq = this.findSeq = (this.findSeq || 0) + 1;
    request("GET", this.urls.unscheduled(q)).then(function (found) {
      if (seq !== self.findSeq) return;
      list.setAttribute("aria-busy", "false");
      if (!found.length) {
        list.innerHTML = '<p class="muted small">' + (q ? "No issue outside the plan matches “" + esc(q) + "”." : "Every issue of " + esc(self.project) + " is in the plan.") + "</p>";
        return;
      }
      list.innerHTML = found.map(function (issue) {
        return '<label class="g-pick-item"><input type="checkbox" value="' + esc(issue.key) + '"' + (self.chosen.has(issue.key) ? " checked" : "") + ">" +
          '<span class="g-pick-key">' + esc(issue.key) + "</span> " + esc(issue.title) +
          ' <span class="muted small">' + esc(issue.status) + (issue.estimate_hours ? " · " + esc(issue.estimate_hours) + " h" : "") + "</span></label>";
      }).join("") + (found.length >= LISTED ? '<p class="muted small">The first ' + LISTED + " are shown: type to find the others.</p>" : "");
    }, function (error) { self.formError(form, error.message); });
  },

  countChosen: function (form) {
    var n = this.chosen.size;
    form.querySelector("[data-count]").textContent = n === 0 ? "None chosen yet." : n + " chosen.";
    form.querySelector("button[type=submit]").textContent = n > 1 ? "Add " + n + " issues" : "Add to the plan";
  },

  submitIssues: function (form) {
    if (!this.chosen.size) { this.formError(form, "Choose at least one issue."); return; }
    var number = function (key) { return +key.split("-").pop(); };
    var issues = Array.from(this.chosen).sort(function (a, b) { return number(a) - number(b); });
    this.addRows(form, Object.assign({ issues: issues }, this.placing.body), this.issuesDialog);
  },

  // One request; a refusal stays in the dialog with the reason, naming what was wrong.
  addRows: function (form, body, dialog) {
    var self = this, button = form.querySelector("button[type=submit]");
    button.disabled = true;
    this.enqueue(function () {
      return request("POST", self.urls.rows(), body).then(function (data) {
        dialog.close();
        self.show(data);
        var first = data.added[0];
        toast(data.added.length === 1 ? first + " is in the plan." : data.added.length + " issues are in the plan.");
        self.select(first);
        self.expandTo(first);
        self.focusRow(first);
      }, function (error) {
        self.formError(form, error.fields ? Object.keys(error.fields).map(function (k) { return k + ": " + error.fields[k]; }).join(" ") : error.message);
      }).finally(function () { button.disabled = false; });
    });
  },

  // A dialog gives the focus back to what opened it; when a redraw has replaced that,
  // the selected row takes it rather than the page.
  afterDialog: function () {
    var el = document.activeElement;
    if (this.selected && (!el || el === document.body)) this.focusRow(this.selected);
  },
};
