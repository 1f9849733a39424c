// What every console page shares: the bearer token, authenticated JSON reads, Server-Sent
// Events read through fetch() (EventSource cannot send an Authorization header), and a
// small DOM builder that only ever sets text, never HTML, so nothing a caller said can
// become markup. See web/ARCHITECTURE.md.
"use strict";

const Console = (() => {
  const kTokenKey = "scamguard.token";

  function token() {
    return sessionStorage.getItem(kTokenKey) || "";
  }

  function headers(extra) {
    const out = Object.assign({}, extra || {});
    if (token()) out["Authorization"] = "Bearer " + token();
    return out;
  }

  // el("a", {href: "/x", class: "y"}, "text", otherNode): children are text or nodes.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // The token panel in the header: shown when a read was refused (401) or on demand.
  function showTokenForm(message) {
    const panel = document.getElementById("token-panel");
    if (!panel) return;
    // Several reads refused at once: one form, so what is being typed is never thrown away.
    const shown = document.getElementById("token-form");
    if (shown) {
      shown.querySelector(".error").textContent = message ? " " + message : "";
      panel.hidden = false;
      return;
    }
    panel.replaceChildren(
      el("form", {id: "token-form", onsubmit: (event) => {
        event.preventDefault();
        const value = document.getElementById("token-input").value.trim();
        if (value) sessionStorage.setItem(kTokenKey, value);
        else sessionStorage.removeItem(kTokenKey);
        location.reload();
      }},
      el("label", {for: "token-input"}, "Bearer token (read scope) "),
      el("input", {id: "token-input", type: "password", autocomplete: "off", size: 28}),
      el("button", {type: "submit"}, "Use token"),
      el("span", {class: "error"}, message ? " " + message : "")));
    panel.hidden = false;
  }

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  async function errorOf(response) {
    let code = "http_" + response.status;
    let message = response.statusText;
    try {
      const body = await response.json();
      if (body && body.error) ({code, message} = body.error);
    } catch (ignored) { /* not our JSON error shape */ }
    if (response.status === 401 || response.status === 403) showTokenForm(message);
    return new ApiError(response.status, code, message);
  }

  // GET a /v1 route as JSON; throws ApiError naming the route's own error message.
  async function getJson(path) {
    const response = await fetch(path, {headers: headers({Accept: "application/json"})});
    if (!response.ok) throw await errorOf(response);
    return response.json();
  }

  async function getText(path, accept) {
    const response = await fetch(path, {headers: headers({Accept: accept})});
    if (!response.ok) throw await errorOf(response);
    return response.text();
  }

  // Reads an SSE route with fetch() streaming and calls onEvent(name, data) per event. Comes
  // back after `retryMs` when the connection ends (a restart, a proxy), until signal aborts.
  async function stream(path, onEvent, signal, retryMs = 2000) {
    while (!signal || !signal.aborted) {
      try {
        const response = await fetch(path, {headers: headers({Accept: "text/event-stream"}),
                                             signal});
        if (!response.ok) throw await errorOf(response);
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = "";
        for (;;) {
          const {value, done} = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, {stream: true});
          let end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let name = "message";
            const data = [];
            for (const line of block.split("\n")) {
              if (line.startsWith("event:")) name = line.slice(6).trim();
              else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
            }
            if (data.length) onEvent(name, JSON.parse(data.join("\n")));
          }
        }
        if (onEvent.ended && onEvent.ended()) return;
      } catch (error) {
        if (signal && signal.aborted) return;
        if (error instanceof ApiError && (error.status === 401 || error.status === 403 ||
                                          error.status === 404)) {
          showStatus(error.message, true);
          return;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }

  function showStatus(message, isError) {
    const status = document.getElementById("status");
    if (!status) return;
    status.textContent = message || "";
    status.className = isError ? "error" : "muted";
  }

  function actionBadge(action) {
    return el("span", {class: "badge action-" + action}, action);
  }

  function score(value) {
    return Number(value).toFixed(1);
  }

  // "2026-12-03T12:00:01.123Z" -> "2026-12-03 12:00:01 UTC"
  function when(iso) {
    if (typeof iso !== "string") return String(iso);
    return iso.replace("T", " ").replace(/\.\d+Z$|Z$/, "") + " UTC";
  }

  function symbolLink(symbol) {
    return el("a", {href: "/symbols#" + encodeURIComponent(symbol), class: "symbol"}, symbol);
  }

  // The last path segment of this page's address: /calls/{id}, /campaigns/{id}.
  function pathId() {
    return decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() || "");
  }

  function markCurrentNav() {
    const page = document.body.dataset.page;
    for (const link of document.querySelectorAll("nav a[data-page]")) {
      if (link.dataset.page === page) link.setAttribute("aria-current", "page");
    }
    const change = document.getElementById("token-change");
    if (change) change.addEventListener("click", () => showTokenForm(""));
  }

  document.addEventListener("DOMContentLoaded", markCurrentNav);

  return {el, getJson, getText, stream, showStatus, showTokenForm, actionBadge, score, when,
          symbolLink, pathId, ApiError};
})();
