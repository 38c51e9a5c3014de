// The benchmark's floor: the least a tracker with a persistent visitor id can do on load. It
// reads its tag, keeps an id in localStorage and posts one view with fetch, nothing else. Every
// cold page pays the same first-use costs (the first localStorage access, the first fetch), so a
// real tracker is read against this one, not in absolute milliseconds.
(() => {
  const tag = document.currentScript;
  const visitor = localStorage.getItem("floor:v") || crypto.randomUUID();
  localStorage.setItem("floor:v", visitor);
  fetch(`${tag.getAttribute("data-api")}/v1/events`, {
    method: "POST",
    keepalive: true,
    body: JSON.stringify({ site: tag.getAttribute("data-site"), visitor, url: location.href }),
  });
})();
