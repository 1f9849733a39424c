// The symbol catalogue (/symbols): every symbol the loaded engine can report, with its group,
// stage, the score in effect (and the shipped one where configuration changed it) and its
// description. A finding on a call page links to /symbols#SYMBOL; that row is marked.
"use strict";

(() => {
  const {el} = Console;

  function markTarget() {
    for (const row of document.querySelectorAll("#symbols tr.target")) {
      row.classList.remove("target");
    }
    const wanted = decodeURIComponent(location.hash.slice(1));
    const row = wanted && document.getElementById(wanted);
    if (row) {
      row.classList.add("target");
      row.scrollIntoView({block: "center"});
    }
  }

  function applyFilter(text) {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    for (const row of document.querySelectorAll("#symbols tbody tr")) {
      const haystack = row.textContent.toLowerCase();
      row.hidden = !words.every((word) => haystack.includes(word));
    }
  }

  document.addEventListener("DOMContentLoaded", async () => {
    document.getElementById("symbol-form").addEventListener("submit", (e) => e.preventDefault());
    document.getElementById("symbol-filter").addEventListener("input", (e) =>
      applyFilter(e.target.value));
    try {
      const catalogue = await Console.getJson("/v1/symbols");
      document.getElementById("thresholds").textContent =
        catalogue.symbols.length + " symbols. A call is warned at score " +
        catalogue.warn_score + " and blocked at " + catalogue.block_score + ".";
      document.querySelector("#symbols tbody").replaceChildren(...catalogue.symbols.map((s) =>
        el("tr", {id: s.symbol},
           el("td", {}, el("a", {href: "#" + s.symbol, class: "symbol"}, s.symbol),
              s.composite ? el("span", {class: "muted"}, " composite") : null),
           el("td", {}, s.group),
           el("td", {}, s.stage),
           el("td", {class: "num"}, Console.score(s.score),
              s.score !== s.default_score
                ? el("span", {class: "muted"}, " (shipped " + Console.score(s.default_score) + ")")
                : null),
           el("td", {}, s.description))));
      document.body.dataset.loaded = "true";
      markTarget();
    } catch (error) {
      Console.showStatus(error.message, true);
    }
  });
  window.addEventListener("hashchange", markTarget);
})();
