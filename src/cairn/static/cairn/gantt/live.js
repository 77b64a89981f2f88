// Live updates: someone else's change to this plan redraws the chart. cairn.js turns the
// page's event stream into "cairn:live" DOM events (schedule.changed included).
// Methods of the chart (gantt.js).

export var live = {
  listen: function () {
    var self = this, me = document.body.dataset.userId;
    document.addEventListener("cairn:live", function (event) {
      var data = event.detail;
      if (!data || (data.name !== "schedule.changed" && data.name !== "issue.updated")) return;
      if (String(data.actor_id) === String(me)) return; // our own writes answer the new schedule
      if (data.name === "issue.updated" && data.payload && data.payload.key && !(data.payload.key in self.indexOf)) return;
      // One reload for a burst of events, such as a rescheduling that touches many tasks.
      clearTimeout(self.liveTimer);
      self.liveTimer = setTimeout(function () { self.refreshLive(); }, 400);
    });
  },

  // Not in the middle of a drag, an edit or a write: the reload would pull the bar or
  // the cell from under the pointer. It waits until afterInteraction.
  refreshLive: function () {
    if (this.drag || this.editing || this.busy) { this.stale = true; return; }
    this.stale = false;
    var top = this.scroll.scrollTop, self = this;
    this.load().then(function () { self.scroll.scrollTop = top; self.render(false); });
  },
  afterInteraction: function () {
    if (this.stale && !this.busy) this.refreshLive();
  },
};
