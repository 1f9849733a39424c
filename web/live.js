// The live list (/): the open calls from GET /v1/stream, kept as a map by id and drawn newest
// first; the action filter is part of the address (/?action=warn) so a filtered view can be
// bookmarked. Below it, the most recent calls from GET /v1/calls, to reach closed ones.
"use strict";

(() => {
  const {el} = Console;
  const calls = new Map();  // id -> row of /v1/stream
  let filter = new URLSearchParams(location.search).get("action") || "";

  function draw() {
    const body = document.querySelector("#live-calls tbody");
    const rows = [...calls.values()]
      .filter((call) => call.state === "open" && (!filter || call.action === filter))
      .sort((a, b) => (a.opened_at < b.opened_at ? 1 : a.opened_at > b.opened_at ? -1 : 0));
    body.replaceChildren(...rows.map((call) => el("tr", {dataset: {call: call.id,
                                                                   action: call.action}},
      el("td", {}, Console.when(call.opened_at)),
      el("td", {}, call.caller || "withheld",
         call.display_name ? el("span", {class: "muted"}, " " + call.display_name) : null),
      el("td", {class: "brand"}, call.brand || ""),
      el("td", {}, Console.actionBadge(call.action)),
      el("td", {class: "num score"}, Console.score(call.score)),
      el("td", {class: "reason"}, call.reason || ""),
      el("td", {}, el("a", {href: "/calls/" + encodeURIComponent(call.id)}, call.id)))));
    document.getElementById("live-empty").hidden = rows.length > 0;
  }

  function onEvent(name, data) {
    if (name === "calls") {
      calls.clear();
      for (const call of data.calls) calls.set(call.id, call);
    } else if (name === "call") {
      if (data.state === "closed") calls.delete(data.id);
      else calls.set(data.id, data);
      loadRecent();
    }
    document.getElementById("live-state").textContent = "live";
    draw();
  }

  let recentTimer = null;
  // A burst of changes refreshes the recent list once.
  function loadRecent() {
    clearTimeout(recentTimer);
    recentTimer = setTimeout(async () => {
      try {
        const page = await Console.getJson("/v1/calls?limit=20");
        document.querySelector("#recent-calls tbody").replaceChildren(...page.calls.map((call) =>
          el("tr", {},
             el("td", {}, Console.when(call.updated_at)),
             el("td", {}, el("a", {href: "/calls/" + encodeURIComponent(call.id)}, call.id)),
             el("td", {}, call.state + (call.close_reason ? " (" + call.close_reason + ")" : "")),
             el("td", {}, Console.actionBadge(call.action)),
             el("td", {class: "num"}, Console.score(call.score)),
             el("td", {class: "num"}, call.turns))));
      } catch (error) {
        Console.showStatus(error.message, true);
      }
    }, 300);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const select = document.getElementById("action-filter");
    select.value = filter;
    select.addEventListener("change", () => {
      filter = select.value;
      const address = filter ? "/?action=" + encodeURIComponent(filter) : "/";
      history.replaceState(null, "", address);
      draw();
    });
    document.getElementById("filter").addEventListener("submit", (e) => e.preventDefault());
    loadRecent();
    Console.stream("/v1/stream", onEvent);
  });
})();
