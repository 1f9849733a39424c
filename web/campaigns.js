// The campaigns (/campaigns): every campaign with its size, first and last seen, and the
// indicators an analyst triages by — the brands claimed, the callback numbers, the remote
// tools and the IDs read out.
"use strict";

(() => {
  const {el} = Console;

  function list(values) {
    return (values || []).join(", ");
  }

  document.addEventListener("DOMContentLoaded", async () => {
    try {
      const campaigns = [];
      let cursor = null;
      do {
        const page = await Console.getJson("/v1/campaigns?limit=200" +
                                           (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""));
        campaigns.push(...page.campaigns);
        cursor = page.next_cursor;
      } while (cursor && campaigns.length < 1000);
      const details = await Promise.all(campaigns.map((c) =>
        Console.getJson("/v1/campaigns/" + encodeURIComponent(c.campaign))));
      document.querySelector("#campaigns tbody").replaceChildren(...campaigns.map((c, i) => {
        const indicators = details[i].indicators || {};
        const remote = [...(indicators.remote_tool || []), ...(indicators.remote_id || [])];
        return el("tr", {dataset: {campaign: c.campaign}},
          el("td", {}, el("a", {href: "/campaigns/" + encodeURIComponent(c.campaign)}, c.campaign)),
          el("td", {class: "num"}, c.calls),
          el("td", {}, Console.when(c.first_seen)),
          el("td", {}, Console.when(c.last_seen)),
          el("td", {class: "brands"}, list(indicators.brand)),
          el("td", {class: "callbacks"}, list(indicators.callback_number)),
          el("td", {class: "remote"}, list(remote)));
      }));
      document.getElementById("campaigns-empty").hidden = campaigns.length > 0;
      document.body.dataset.loaded = "true";
    } catch (error) {
      Console.showStatus(error.message, true);
    }
  });
})();
