// The ROI calculator sends a custom event with embudo.track(): developers add their own
// events this way (sdk/README.md). Events the scoring model does not list score no points, but
// they are stored and can be scored later by a new model version.
const form = document.getElementById("roi");
const result = document.getElementById("roi-result");

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const loads = Number(form.elements.loads.value);
  const hours = Number(form.elements.hours.value);
  // A demo estimate: 40% of RFP hours saved, four rounds a year.
  const hoursSaved = Math.round(hours * 0.4 * 4);
  result.textContent = `About ${hoursSaved} hours a year saved on ${loads.toLocaleString("en")} loads.`;
  // The tracker script is deferred and this runs on a click, so window.embudo is the real API.
  window.embudo.track("roi_calculated", { loads, hours, hoursSaved });
});
