// Live refresh of the stories page: ask the server for the store's version (a cheap request) every few seconds;
// when documents have arrived, or while a story's independent origins are still pending (the server is analysing
// it), fetch this same page again and swap its list in, keeping the search box as it is.
"use strict";
(function () {
  const body = document.body;
  const every = Math.max(2, Number(body.dataset.poll) || 10) * 1000;
  const status = document.getElementById("live");

  async function refresh(arrived) {
    const response = await fetch(window.location.href, { headers: { Accept: "text/html" } });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    const list = fresh.getElementById("stories");
    const current = document.getElementById("stories");
    if (list && current) current.replaceWith(document.importNode(list, true));
    body.dataset.version = fresh.body.dataset.version || body.dataset.version;
    if (status && arrived) status.textContent = "Updated " + new Date().toLocaleTimeString() + ": new documents arrived.";
  }

  async function poll() {
    try {
      const response = await fetch("/api/version", { headers: { Accept: "application/json" }, cache: "no-store" });
      if (response.ok) {
        const now = await response.json();
        if (now.version !== body.dataset.version) await refresh(true);
        else if (document.querySelector("#stories .pending")) await refresh(false);
      }
    } catch (error) {
      // the server is away for a moment: ask again later
    }
    window.setTimeout(poll, every);
  }

  if (body.dataset.version) window.setTimeout(poll, every);
})();
