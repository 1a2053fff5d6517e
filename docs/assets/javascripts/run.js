// The run view of a session (sessions/<id>/run.html), for the trainer on the day.
// Without this script the page shows every block in order. With it: one block at a time, a timer
// for the block and one for the session, and "Start now" to plan from the real start time.
// The block and the start time are kept in sessionStorage: for this tab only, nothing leaves it.
(function () {
  "use strict";
  const source = document.getElementById("run-config");
  if (!source) return;
  const config = JSON.parse(source.textContent);
  const words = config.words;
  const fill = window.handbookFill;
  const WARNING_SECONDS = 120;
  const KEEP_KIND = { welcome: true, "wrap-up": true };  // never suggested for shortening
  const storageKey = "handbook-run:" + location.pathname;  // this page of this handbook
  const $ = (id) => document.getElementById(id);
  const sections = Array.from(document.querySelectorAll("[data-run-block]"));
  const offsets = [0];
  for (const block of config.blocks) offsets.push(offsets[offsets.length - 1] + block.minutes);
  const total = config.blocks.length;

  const state = load();
  let warned = -1;  // the block whose two-minute warning was announced

  // -- time ----------------------------------------------------------------------

  function atClock(day, hhmm) {
    const [h, m] = hhmm.split(":").map(Number);
    return new Date(day.getFullYear(), day.getMonth(), day.getDate(), h, m).getTime();
  }

  // Today's planned start: a group meeting today starts at its own time, else the program's
  function plannedStart() {
    const now = new Date(Date.now());
    const pad = (n) => String(n).padStart(2, "0");
    const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    const meeting = config.meetings.find((m) => m.date === today);
    return atClock(now, meeting ? meeting.start : config.start);
  }

  const start = () => (state.started == null ? plannedStart() : state.started);
  const minutesLate = () => (state.started == null ? 0 : Math.round((state.started - plannedStart()) / 60000));

  function clock(ms) {
    const d = new Date(ms);
    return String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
  }

  function duration(ms) {
    const seconds = Math.floor(Math.abs(ms) / 1000);
    const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    const two = (n) => String(n).padStart(2, "0");
    return h ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
  }

  // -- storage (this tab only) -----------------------------------------------------

  function load() {
    let saved = {};
    try { saved = JSON.parse(sessionStorage.getItem(storageKey) || "{}") || {}; } catch (e) { saved = {}; }
    const block = Number.isInteger(saved.block) && saved.block >= 0 && saved.block < total ? saved.block : 0;
    const started = typeof saved.started === "number" ? saved.started : null;
    return { block, started };
  }

  function save() {
    try { sessionStorage.setItem(storageKey, JSON.stringify(state)); } catch (e) { /* private mode: not kept */ }
  }

  // -- what the page shows -----------------------------------------------------------

  function showTimes() {
    const begin = start();
    for (const time of document.querySelectorAll("[data-run-at]")) {
      time.textContent = clock(begin + Number(time.dataset.runAt) * 60000);
    }
    const planned = clock(plannedStart());
    $("run-start-note").textContent = state.started == null
      ? fill(words.planned, { time: planned }) : fill(words.started, { time: clock(state.started) });
    showReplan();
  }

  // Late by m minutes: take them from the longest blocks still ahead, at most half of any block
  function cuts(late) {
    const cut = config.blocks.map(() => 0);
    for (let k = 0; k < late; k++) {
      let best = -1;
      config.blocks.forEach((b, i) => {
        if (i < state.block || KEEP_KIND[b.kind] || cut[i] >= Math.floor(b.minutes / 2)) return;
        if (best < 0 || b.minutes - cut[i] > config.blocks[best].minutes - cut[best]) best = i;
      });
      if (best < 0) return null;
      cut[best] += 1;
    }
    return cut;
  }

  function showReplan() {
    const box = $("run-replan");
    const late = minutesLate();
    box.replaceChildren();
    box.hidden = late <= 0;
    if (late <= 0) return;
    const end = clock(start() + offsets[total] * 60000);
    const planned = clock(plannedStart() + offsets[total] * 60000);
    const cut = cuts(late);
    const note = document.createElement("p");
    note.textContent = cut ? fill(words.late, { m: late, end, planned }) : fill(words.too_late, { m: late, end });
    box.append(note);
    if (!cut) return;
    const list = document.createElement("ul");
    cut.forEach((m, i) => {
      if (!m) return;
      const item = document.createElement("li");
      item.textContent = fill(words.shorten, { block: config.blocks[i].title, m });
      list.append(item);
    });
    box.append(list);
  }

  function showBlock() {
    sections.forEach((section, i) => {
      section.hidden = i !== state.block;
      // a block's video stops when the trainer moves on from it
      if (section.hidden) section.querySelectorAll("video").forEach((video) => video.pause());
    });
    $("run-position").textContent = fill(words.block_of, { n: state.block + 1, total });
    // aria-disabled rather than disabled: a button that has focus keeps it at either end
    $("run-previous").setAttribute("aria-disabled", String(state.block === 0));
    $("run-next").setAttribute("aria-disabled", String(state.block === total - 1));
    tick();
  }

  // The timers run once "Start now" is pressed, or while the clock is inside the planned session;
  // before (or on a day the session was never started) they show the planned lengths, still.
  function running(now) {
    return state.started != null || (now >= plannedStart() && now <= plannedStart() + offsets[total] * 60000);
  }

  function tick() {
    const now = Date.now(), begin = start(), live = running(now);
    // not running: the planned lengths, as if the block (and the session) were just starting
    const blockLeft = begin + offsets[state.block + 1] * 60000 - (live ? now : begin + offsets[state.block] * 60000);
    const sessionLeft = begin + offsets[total] * 60000 - (live ? now : begin);
    showTimer("run-block", blockLeft);
    showTimer("run-session", sessionLeft);
    const warning = blockLeft >= 0 && blockLeft <= WARNING_SECONDS * 1000;
    const alert = $("run-alert");
    $("run-block-timer").classList.toggle("run-timer--warning", warning);
    $("run-block-timer").classList.toggle("run-timer--over", blockLeft < 0);
    alert.hidden = !warning && blockLeft >= 0;
    alert.className = "run-alert" + (warning ? " run-alert--warning" : blockLeft < 0 ? " run-alert--over" : "");
    alert.textContent = warning ? words.warning : blockLeft < 0 ? words.overtime : "";
    if (warning && warned !== state.block) {
      warned = state.block;
      announce(words.warning);
    }
  }

  function showTimer(name, left) {
    const value = $(name + "-left");
    value.textContent = fill(left < 0 ? words.over : words.left, { time: duration(left) });
    $(name + "-timer").classList.toggle("run-timer--over", left < 0);
  }

  function announce(text) {
    const region = $("run-announce");
    region.textContent = "";
    window.setTimeout(() => { region.textContent = text; }, 50);  // a change, even when the text repeats
  }

  // -- what the trainer does ----------------------------------------------------------

  function go(index) {
    if (index < 0 || index >= total || index === state.block) return;
    state.block = index;
    save();
    showBlock();
    const end = clock(start() + offsets[index + 1] * 60000);
    announce(fill(words.announce, { n: index + 1, total, title: config.blocks[index].title, end }));
  }

  function startNow() {
    const now = new Date(Date.now());
    now.setSeconds(0, 0);  // clock times are whole minutes
    state.started = now.getTime();
    save();
    showTimes();
    tick();
    const note = $("run-replan").querySelector("p");
    const cuts = Array.from($("run-replan").querySelectorAll("li"), (li) => li.textContent).join("; ");
    announce([$("run-start-note").textContent, note ? note.textContent : "", cuts].join(" ").trim());
  }

  function onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return;
    const target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable], .md-search")) return;
    const step = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 }[event.key];
    if (!step) return;
    event.preventDefault();
    go(state.block + step);
  }

  // -- start ------------------------------------------------------------------------------

  document.documentElement.classList.add("run-live");
  $("run-panel").hidden = false;
  $("run-previous").addEventListener("click", () => go(state.block - 1));
  $("run-next").addEventListener("click", () => go(state.block + 1));
  $("run-start").addEventListener("click", startNow);
  for (const link of document.querySelectorAll("[data-run-go]")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      go(Number(link.dataset.runGo));
      $("run-panel").scrollIntoView({ block: "start" });
    });
  }
  document.addEventListener("keydown", onKey);
  showTimes();
  showBlock();
  window.setInterval(tick, 1000);
})();
