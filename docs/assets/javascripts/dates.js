// The groups' dates on the home page and the session pages: the page lists every date, as built; this script
// marks, by the reader's clock, which are past, which are today and which are coming, so a page built months
// ago still tells the truth. "Today" is the program's day (its time zone), wherever the reader is.
// Without it the list says the day the page was built.
(() => {
  "use strict";
  const lists = Array.from(document.querySelectorAll("[data-hb-dates]"));
  if (!lists.length) return;

  function dayIn(zone, ms) {
    const found = {};
    const format = new Intl.DateTimeFormat("en-US", { timeZone: zone || undefined, year: "numeric", month: "2-digit", day: "2-digit" });
    for (const part of format.formatToParts(new Date(ms))) found[part.type] = part.value;
    return `${found.year}-${found.month}-${found.day}`;
  }

  function mark(list) {
    const now = Date.now(), today = dayIn(list.dataset.hbZone, now);
    for (const date of list.querySelectorAll("[data-hb-ends]")) {
      const state = Number(date.dataset.hbEnds) <= now ? "past" : date.dataset.hbDay === today ? "today" : "coming";
      const word = date.nextElementSibling;
      if (!word?.hasAttribute("data-hb-state")) continue;
      word.textContent = list.dataset[state];
      word.className = "hb-date-state hb-date-state--" + state;
    }
  }

  lists.forEach(mark);
  for (const note of document.querySelectorAll("[data-hb-as-of]")) note.hidden = true;
  // a page left open: a date passes while it is read
  window.setInterval(() => lists.forEach(mark), 60000);
})();
