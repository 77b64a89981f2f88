// Talking to the JSON API: the CSRF token on every write, the server's message (or a
// plain one) as the error, and the few addresses the chart reads and writes.

function csrfToken() {
  var match = /(?:^|;\s*)csrftoken=([^;]+)/.exec(document.cookie);
  if (match) return decodeURIComponent(match[1]);
  // Without a readable cookie (say, CSRF_COOKIE_HTTPONLY), base.html's <body hx-headers> has it.
  try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch (e) { return ""; }
}

function errorText(data, status) {
  if (data && data.message) return data.message;
  if (data && data.errors) { var k = Object.keys(data.errors)[0]; if (k) return k + ": " + data.errors[k]; }
  if (status === 403) return "You may not change this plan.";
  return "Something went wrong (" + status + ")";
}

// Answers the response's JSON (null for 204), or fails with an Error whose message can be
// shown as it is and whose status is the HTTP status.
export function request(method, url, body) {
  var headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRFToken"] = csrfToken();
  return fetch(url, { method: method, headers: headers, credentials: "same-origin",
                      body: body === undefined ? undefined : JSON.stringify(body) })
    .then(function (response) {
      if (response.status === 204) return null;
      return response.json().catch(function () { return null; }).then(function (data) {
        if (!response.ok) {
          var error = new Error(errorText(data, response.status));
          error.status = response.status;
          error.fields = data && data.errors && Object.keys(data.errors).length ? data.errors : null;
          throw error;
        }
        return data;
      });
    }, function () { throw new Error("The server cannot be reached."); });
}

// cairn.js owns the toast box; a page without it simply shows no toast.
export function toast(text, kind) { if (window.cairnToast) window.cairnToast(text, kind); }

export function endpoints(base, project) {
  var projectUrl = base + "/projects/" + encodeURIComponent(project);
  var issueUrl = function (key) { return base + "/issues/" + encodeURIComponent(key); };
  return {
    // The plan as scheduled, compared with a baseline: its id, or null for the latest.
    schedule: function (baseline) { return projectUrl + "/schedule" + (baseline ? "?baseline=" + encodeURIComponent(baseline) : ""); },
    task: function (key) { return issueUrl(key) + "/schedule"; },
    links: function (id) { return projectUrl + "/dependencies" + (id ? "/" + id : ""); },
    baselines: function () { return projectUrl + "/baselines"; },
    rows: function () { return projectUrl + "/schedule/tasks"; },
    unscheduled: function (q) { return projectUrl + "/schedule/unscheduled?limit=200" + (q ? "&q=" + encodeURIComponent(q) : ""); },
    outline: function (key) { return issueUrl(key) + "/schedule/outline"; },
    predecessors: function (key) { return issueUrl(key) + "/predecessors"; },
    assignments: function (key) { return issueUrl(key) + "/assignments"; },
    preview: function (key, minutes) { return issueUrl(key) + "/schedule/preview?duration_minutes=" + minutes; },
  };
}

export function linkBody(predecessor, successor, type, lagMinutes) {
  return { predecessor: predecessor, successor: successor, type: type, lag_minutes: lagMinutes };
}
