// One campaign (/campaigns/{id}): the case report's JSON (GET /v1/campaigns/{id}/report)
// drawn as a page — the summary, calls per day, the indicators the calls share, each call,
// and why the calls were linked — with the printable report one click away. The printable
// report needs the token too, so it is fetched here and opened from memory (a blob), never
// from a link that would reach the daemon without it.
"use strict";

(() => {
  const {el} = Console;
  const id = Console.pathId();
  const reportPath = "/v1/campaigns/" + encodeURIComponent(id) + "/report";

  function where(seen) {
    return seen.map((s) => s.call + (s.turn < 0 ? " set-up" : " turn " + s.turn)).join("; ");
  }

  function drawVolume(report) {
    const volume = report.volume || [];
    window.volumeData = {days: volume.map((v) => v.day), calls: volume.map((v) => v.calls)};
    const note = document.getElementById("volume-note");
    if (!volume.length) {
      note.textContent = "The calls carried no times; they are listed in arrival order.";
      return;
    }
    note.textContent = "UTC days; " + report.calls.length + " calls.";
    new Chart(document.getElementById("volume-chart"), {
      type: "bar",
      data: {labels: window.volumeData.days,
             datasets: [{label: "calls", data: window.volumeData.calls,
                         backgroundColor: "#1f4e99"}]},
      options: {animation: false, maintainAspectRatio: false,
                scales: {y: {beginAtZero: true, ticks: {precision: 0}}},
                plugins: {legend: {display: false}}},
    });
  }

  function draw(report) {
    document.getElementById("campaign-id").textContent = report.campaign;
    document.title = "Campaign " + report.campaign + " · scamguard";
    document.getElementById("campaign-summary").textContent = report.summary ||
      report.calls.length + " calls, first seen " + Console.when(report.first_seen) +
      ", last seen " + Console.when(report.last_seen) + ".";
    drawVolume(report);

    document.querySelector("#shared-indicators tbody").replaceChildren(
      ...report.shared_indicators.map((item) => el("tr", {class: item.strong ? "strong" : ""},
        el("td", {}, item.kind), el("td", {class: "evidence"}, item.value),
        el("td", {class: "num"}, item.calls), el("td", {}, where(item.seen)))));

    document.querySelector("#campaign-calls tbody").replaceChildren(
      ...report.call_details.map((call) => el("tr", {dataset: {call: call.id}},
        el("td", {}, Console.when(call.started_at)),
        el("td", {}, el("a", {href: "/calls/" + encodeURIComponent(call.id)}, call.id)),
        el("td", {}, call.caller_id || ""),
        el("td", {}, Console.actionBadge(call.action)),
        el("td", {class: "num"}, Console.score(call.score)),
        el("td", {}, call.indicators.filter((i) => i.turn >= 0)
          .map((i) => i.kind + ": " + i.value).join("; ")))));

    const explained = report.linking || [];
    document.getElementById("campaign-links").replaceChildren(
      ...(explained.length ? explained.map((line) => el("li", {}, line))
        : report.links.map((link) => el("li", {}, link.call + " linked to " + link.linked_to +
                                          " by " + link.reason + " (" + link.value + ")"))));
  }

  async function openReport(asHtml) {
    try {
      const text = await Console.getText(reportPath + "?format=" + (asHtml ? "html" : "json"),
                                         asHtml ? "text/html" : "application/json");
      const blob = new Blob([text], {type: asHtml ? "text/html" : "application/json"});
      const link = el("a", {href: URL.createObjectURL(blob), target: "_blank",
                            download: asHtml ? false : id + "-report.json"});
      document.body.append(link);
      link.click();
      link.remove();
    } catch (error) {
      Console.showStatus(error.message, true);
    }
  }

  document.addEventListener("DOMContentLoaded", async () => {
    document.getElementById("open-report").addEventListener("click", () => openReport(true));
    document.getElementById("download-report").addEventListener("click", () => openReport(false));
    try {
      draw(await Console.getJson(reportPath));
      document.body.dataset.loaded = "true";
    } catch (error) {
      Console.showStatus(error.message, true);
    }
  });
})();
