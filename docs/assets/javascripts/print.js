// The Print button of packet pages. It is rendered hidden and shown here, so that a page
// without scripts never offers a button that does nothing.
for (const button of document.querySelectorAll("[data-packet-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
