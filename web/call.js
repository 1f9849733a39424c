// One call (/calls/{id}): its set-up, each turn with the findings it fired, the device events
// where they happened, the verdict's reason and the risk-over-call chart.
//
// The turns, events and findings are the stored call (GET /v1/calls/{id}); the chart and the
// reason come from GET /v1/calls/{id}/timeline, which replays the stored call and so has a
// score after every step, not only after the steps that changed the findings. While the call
// is open the page follows its event stream and reads both again after each change.
"use strict";

(() => {
  const {el} = Console;
  const id = Console.pathId();
  let chart = null;

  // Where each point sits on the x axis, in words.
  function labelsOf(points, events) {
    let eventIndex = 0;
    return points.map((point) => {
      if (point.kind === "setup") return "set-up";
      if (point.kind === "turn") return "turn " + point.turn;
      const event = events[eventIndex++];
      return event ? event.type.replace(/_/g, " ") + (event.app ? " " + event.app : "") : "event";
    });
  }

  // The x index where each stage began: the point of its first turn (the set-up for null).
  function stageMarkers(timeline) {
    const markers = [];
    for (const stage of timeline.stages) {
      const index = timeline.points.findIndex((point) =>
        stage.turn === null ? point.kind === "setup"
                            : point.kind === "turn" && point.turn === stage.turn);
      if (index >= 0) markers.push({stage: stage.stage, turn: stage.turn, index});
    }
    return markers;
  }

  // Dashed vertical lines with the stage names, where stages began.
  const stageLines = {
    id: "stageLines",
    afterDatasetsDraw(target) {
      const markers = target.options.plugins.stageLines.markers || [];
      const {ctx, chartArea, scales} = target;
      ctx.save();
      ctx.setLineDash([4, 4]);
      ctx.strokeStyle = "#6b7785";
      ctx.fillStyle = "#37474f";
      ctx.font = "11px system-ui, sans-serif";
      const used = new Map();  // x -> labels already drawn there
      for (const marker of markers) {
        const x = scales.x.getPixelForValue(marker.index);
        const row = used.get(x) || 0;
        used.set(x, row + 1);
        ctx.beginPath();
        ctx.moveTo(x, chartArea.top);
        ctx.lineTo(x, chartArea.bottom);
        ctx.stroke();
        ctx.fillText(marker.stage, x + 3, chartArea.top + 12 + row * 13);
      }
      ctx.restore();
    },
  };

  function drawChart(timeline, events) {
    const labels = labelsOf(timeline.points, events);
    const scores = timeline.points.map((point) => point.score);
    const markers = stageMarkers(timeline);
    const flat = (value) => labels.map(() => value);
    const markerData = labels.map(() => null);
    for (const marker of markers) markerData[marker.index] = scores[marker.index];
    // What the browser test reads back (tests/browser/console_test.py).
    window.riskData = {labels, scores, warn: timeline.warn_score, block: timeline.block_score,
                       stages: markers};
    const data = {
      labels,
      datasets: [
        {label: "score", data: scores, borderColor: "#1f4e99", backgroundColor: "#1f4e99",
         stepped: "before", pointRadius: 3, borderWidth: 2},
        {label: "warn " + timeline.warn_score, data: flat(timeline.warn_score),
         borderColor: "#b26a00", borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5},
        {label: "block " + timeline.block_score, data: flat(timeline.block_score),
         borderColor: "#c62828", borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5},
        {label: "stage began", data: markerData, showLine: false, pointStyle: "triangle",
         pointRadius: 7, borderColor: "#37474f", backgroundColor: "#37474f"},
      ],
    };
    const options = {
      animation: false,
      maintainAspectRatio: false,
      scales: {y: {beginAtZero: true, title: {display: true, text: "score"}}},
      plugins: {stageLines: {markers}, legend: {position: "bottom"}},
    };
    if (chart) {
      chart.data = data;
      chart.options = options;
      chart.update();
    } else {
      chart = new Chart(document.getElementById("risk-chart"), {type: "line", data, options,
                                                                  plugins: [stageLines]});
    }
    window.riskChart = chart;
  }

  function findingItem(finding) {
    return el("li", {class: "finding", dataset: {symbol: finding.symbol}},
              Console.symbolLink(finding.symbol), " ",
              el("span", {class: "score"}, "+" + Console.score(finding.score)), " ",
              el("span", {class: "muted"}, finding.stage), " ",
              ...(finding.options || []).map((option) => [el("span", {class: "evidence"},
                                                                option), " "]));
  }

  function drawCall(call, timeline) {
    document.getElementById("call-id").textContent = call.id;
    document.getElementById("call-action").replaceChildren(
      Console.actionBadge(call.action), " ", el("span", {class: "muted"},
                                                "score " + Console.score(call.score)));
    document.getElementById("call-reason").textContent =
      timeline.verdict.reason || "Nothing suspicious was found.";
    document.getElementById("call-meta").textContent =
      call.state + (call.close_reason ? " (" + call.close_reason + ")" : "") + " · opened " +
      Console.when(call.opened_at) + " · " + call.turns.length + " turns, " +
      call.events.length + " device events";
    document.title = "Call " + call.id + " · scamguard";

    const setup = document.querySelector("#setup tbody");
    const fields = Object.entries(call.setup || {});
    setup.replaceChildren(...(fields.length ? fields.map(([key, value]) =>
      el("tr", {}, el("th", {}, key), el("td", {}, typeof value === "string" ? value
                                                              : JSON.stringify(value))))
      : [el("tr", {}, el("td", {class: "muted"}, "The set-up carried nothing."))]));

    const byTurn = new Map();  // turn (or "setup") -> findings first fired there
    for (const finding of call.findings) {
      const key = finding.turn === null ? "setup" : finding.turn;
      if (!byTurn.has(key)) byTurn.set(key, []);
      byTurn.get(key).push(finding);
    }
    document.getElementById("setup-findings").replaceChildren(
      ...(byTurn.get("setup") || []).map(findingItem));

    const items = [];
    const eventsAfter = new Map();
    for (const event of call.events) {
      if (!eventsAfter.has(event.after_turn)) eventsAfter.set(event.after_turn, []);
      eventsAfter.get(event.after_turn).push(event);
    }
    const eventItem = (event) => el("li", {class: "event"},
      el("span", {class: "who"}, "device"), event.type.replace(/_/g, " ") +
      (event.app ? " " + event.app : ""),
      el("span", {class: "muted"}, " " + Console.when(event.at)));
    for (const event of eventsAfter.get(-1) || []) items.push(eventItem(event));
    for (const turn of call.turns) {
      const fired = byTurn.get(turn.index) || [];
      items.push(el("li", {class: "turn " + turn.speaker, id: "turn-" + turn.index,
                           dataset: {turn: turn.index}},
        el("span", {class: "who"}, turn.index + " · " + turn.speaker),
        el("span", {class: "text"}, turn.text),
        fired.length ? el("ul", {class: "findings"}, fired.map(findingItem)) : null));
      for (const event of eventsAfter.get(turn.index) || []) items.push(eventItem(event));
    }
    document.getElementById("turns").replaceChildren(...items);
    drawChart(timeline, call.events);
  }

  async function load() {
    try {
      const [call, timeline] = await Promise.all([
        Console.getJson("/v1/calls/" + encodeURIComponent(id)),
        Console.getJson("/v1/calls/" + encodeURIComponent(id) + "/timeline")]);
      drawCall(call, timeline);
      Console.showStatus("");
      document.body.dataset.loaded = "true";
      return call;
    } catch (error) {
      Console.showStatus(error.message, true);
      return null;
    }
  }

  document.addEventListener("DOMContentLoaded", async () => {
    const call = await load();
    if (!call || call.state !== "open") return;
    // Open: read it again after each change it streams, until it closes.
    let closed = false;
    let pending = null;
    const onEvent = (name) => {
      if (name === "closed") closed = true;
      clearTimeout(pending);
      pending = setTimeout(load, 200);
    };
    onEvent.ended = () => closed;
    Console.stream("/v1/calls/" + encodeURIComponent(id) + "/stream", onEvent);
  });
})();
