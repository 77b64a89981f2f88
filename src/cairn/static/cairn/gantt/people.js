// Who works on a task, with units (100 % = full time): a dialog listing the people on
// the selected task, saved all at once. The people who may be given work in the project
// come with the page (its #gantt-people script). Methods of the chart (gantt.js).
import { request, toast } from "./api.js";
import { esc } from "./markup.js";

// "Sam Okafor, Lee Chen 50%": units are written only when not full time.
export function peopleText(assignments) {
  return (assignments || []).map(function (a) {
    return (a.name || a.username) + (a.units !== 100 ? " " + a.units + "%" : "");
  }).join(", ");
}

export var people = {
  bindPeople: function () {
    var self = this, source = document.getElementById("gantt-people");
    this.peopleDialog = document.getElementById("gantt-people-dialog");
    this.assignable = source ? JSON.parse(source.textContent) : [];
    if (!this.peopleDialog) return;
    var form = this.peopleDialog.querySelector("form");
    form.addEventListener("submit", function (event) { event.preventDefault(); self.savePeople(form); });
    form.querySelector("[data-add-person]").addEventListener("click", function () {
      var taken = self.peopleRows(form).map(function (r) { return r.username; });
      var next = self.assignable.filter(function (p) { return taken.indexOf(p.username) < 0; })[0];
      self.addPersonRow(form, next ? next.username : "", 100).querySelector("select").focus();
    });
    form.querySelector("tbody").addEventListener("click", function (event) {
      var remove = event.target.closest("[data-remove-person]");
      if (!remove) return;
      var row = remove.closest("tr"), next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      (next ? next.querySelector("select") : form.querySelector("[data-add-person]")).focus();
      self.countPeople(form);
    });
    this.peopleDialog.querySelector("[data-close]").addEventListener("click", function () { self.peopleDialog.close(); });
    this.peopleDialog.addEventListener("close", function () { self.afterDialog(); });
  },

  editPeople: function (key) {
    var t = this.all[this.indexOf[key]], dialog = this.peopleDialog;
    if (!t || !dialog) return;
    var form = dialog.querySelector("form"), self = this;
    this.peopleFor = key;
    dialog.querySelector("[data-task]").textContent = t.wbs + " " + t.key + " " + t.title;
    form.querySelector("tbody").innerHTML = "";
    (t.assignments || []).forEach(function (a) { self.addPersonRow(form, a.username, a.units); });
    this.countPeople(form);
    this.formError(form, "");
    dialog.showModal();
    var first = form.querySelector("tbody select") || form.querySelector("[data-add-person]");
    first.focus();
  },

  addPersonRow: function (form, username, units) {
    var options = this.assignable.map(function (p) {
      return '<option value="' + esc(p.username) + '"' + (p.username === username ? " selected" : "") + ">" + esc(p.name) + "</option>";
    });
    if (username && !this.assignable.some(function (p) { return p.username === username; })) {
      // Someone on the task who may no longer be given work here: shown, to be removed.
      options.unshift('<option value="' + esc(username) + '" selected>' + esc(username) + "</option>");
    }
    var n = form.querySelectorAll("tbody tr").length + 1;
    var row = document.createElement("tr");
    row.innerHTML = '<td><select name="person" aria-label="Person ' + n + '">' + options.join("") + "</select></td>" +
      '<td><input name="units" type="number" min="1" max="1000" step="1" value="' + esc(units) + '" aria-label="Units of person ' + n + ', percent of full time"> %</td>' +
      '<td><button type="button" data-remove-person aria-label="Remove person ' + n + '">Remove</button></td>';
    form.querySelector("tbody").appendChild(row);
    this.countPeople(form);
    return row;
  },

  peopleRows: function (form) {
    return Array.from(form.querySelectorAll("tbody tr")).map(function (row) {
      return { username: row.querySelector("select").value, units: row.querySelector("input").value };
    });
  },

  countPeople: function (form) {
    var n = form.querySelectorAll("tbody tr").length;
    form.querySelector("[data-none]").hidden = n > 0;
  },

  savePeople: function (form) {
    var key = this.peopleFor, self = this, wanted = [];
    var rows = this.peopleRows(form);
    for (var i = 0; i < rows.length; i++) {
      var units = Number(rows[i].units);
      if (!Number.isInteger(units) || units < 1 || units > 1000) {
        return this.formError(form, "Units of " + rows[i].username + ": a whole percentage from 1 to 1000.");
      }
      wanted.push({ username: rows[i].username, units: units });
    }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    this.busy++;
    request("PUT", this.urls.assignments(key), { assignments: wanted }).then(function (data) {
      self.busy--;
      self.peopleDialog.close();
      self.show(data);
      toast("People on " + key + " saved.");
    }, function (error) {
      self.busy--;
      self.formError(form, error.fields ? Object.keys(error.fields).map(function (k) { return error.fields[k]; }).join(" ") : error.message);
    }).finally(function () { button.disabled = false; self.afterInteraction(); });
  },
};
