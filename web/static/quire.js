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
