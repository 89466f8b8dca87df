// Progressive enhancement only: the page works without this file.
// "Copy citation" buttons copy their data-copy text and say so for screen readers.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button.copy");
  if (!button) return;
  try {
    await navigator.clipboard.writeText(button.dataset.copy);
    button.textContent = "Copied";
  } catch (err) {
    button.textContent = "Select and copy the citation above";
  }
  button.setAttribute("aria-live", "polite");
  setTimeout(() => { button.textContent = "Copy citation"; }, 2500);
});

// A #p-ID link into an item page: open the collapsed <details> that holds the passage (the
// :target highlight works without this), or, for a passage of a long document shown on its
// own page, go to the part that holds it (the page's "elsewhere" map, reading.py).
function showTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  if (!id) return;
  const target = document.getElementById(id);
  if (target) {
    for (let el = target.parentElement; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") el.open = true;
    }
    target.scrollIntoView();
    return;
  }
  const data = document.getElementById("elsewhere");
  if (!data || !id.startsWith("p-")) return;
  const map = JSON.parse(data.textContent);
  const at = map.at[id.slice(2)];
  if (at !== undefined) location.replace(map.urls[at] + "#" + id);
}
window.addEventListener("hashchange", showTarget);
document.addEventListener("DOMContentLoaded", showTarget);

// The API documentation's "Try it" forms leave out fields left empty (an empty date is a 422).
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form.try-form");
  if (!form) return;
  for (const field of form.elements) {
    if (field.name && field.value === "") field.disabled = true;
  }
  setTimeout(() => { for (const field of form.elements) field.disabled = false; }, 0);
});
