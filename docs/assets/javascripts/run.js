// The run view of a session (sessions/<id>/run.html), for the trainer on the day.
// Without this script the page shows every block in order, its times from the session's start. With it: one
// block at a time, paced from the moment the trainer presses Start. The block's timer counts that block's own
// length from the moment the trainer moves to it, the session's timer counts to the planned end, and the page
// says how far ahead of or behind plan the session is. The group is chosen on the page (on a group's day, that
// group is chosen for you); a start later than the group's planned time suggests cuts the trainer can apply.
// Days and clock times are the program's (its time zone), wherever the tablet thinks it is. The running session
// is kept in localStorage under this page, the group and the day, so a reload, a sleeping tablet or a closed
// tab keeps it; another day's is removed. Nothing leaves the browser.
(() => {
  "use strict";
  const source = document.querySelector('script[type="application/json"]#run-config');  // never an element of the curriculum's
  if (!source) return;
  const config = JSON.parse(source.textContent);
  const words = config.words;
  const fill = window.handbookFill;
  const WARNING_SECONDS = 120;
  const MINUTE = 60000;
  const KEEP_KIND = { welcome: true, "wrap-up": true };  // never suggested for shortening
  const PREFIX = "handbook-run:";
  const page = PREFIX + location.pathname;  // this page of this handbook
  const $ = (id) => document.getElementById(id);
  const sections = Array.from(document.querySelectorAll("[data-run-block]"));
  const total = config.blocks.length;

  // -- the day and clock times, in the program's time zone ---------------------------

  const zoned = (options) => new Intl.DateTimeFormat("en-US", Object.assign({ timeZone: config.zone || undefined }, options));
  const dayFormat = zoned({ year: "numeric", month: "2-digit", day: "2-digit" });
  const clockFormat = zoned({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

  function parts(format, ms) {
    const found = {};
    for (const part of format.formatToParts(new Date(ms))) found[part.type] = part.value;
    return found;
  }

  function dayOf(ms) {
    const p = parts(dayFormat, ms);
    return `${p.year}-${p.month}-${p.day}`;
  }

  function clock(ms) {
    const p = parts(clockFormat, ms);
    return `${p.hour}:${p.minute}`;
  }

  // minutes from the session's start, as the page writes them without a group ("1:05")
  const fromStart = (minutes) => Math.floor(minutes / 60) + ":" + String(minutes % 60).padStart(2, "0");

  function duration(ms) {
    const seconds = Math.floor(Math.abs(ms) / 1000);
    const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    const two = (n) => String(n).padStart(2, "0");
    return h ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
  }

  // -- storage: this page, the group and the day ---------------------------------------

  const today = dayOf(Date.now());
  const choiceKey = page + "|" + today;
  const stateKey = () => page + "|" + (group ? group.name : "") + "|" + today;

  function read(key) {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (_e) { return null; }
  }

  function write(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (_e) { /* private mode: not kept */ }
  }

  // A session run on another day is over: nothing of it is left for the next person at this computer
  function forgetOtherDays() {
    try {
      for (let i = localStorage.length - 1; i >= 0; i--) {
        const key = localStorage.key(i);
        const day = key?.startsWith(PREFIX) && /\|(\d{4}-\d\d-\d\d)$/.exec(key);
        if (day && day[1] !== today) localStorage.removeItem(key);
      }
    } catch (_e) { /* storage off: nothing kept */ }
  }

  // The group chosen on this page today, else the one meeting today (the nearest start), else none: a rehearsal
  function chooseGroup() {
    const saved = read(choiceKey);
    if (saved && saved.group === "") return null;
    const chosen = saved && config.groups.find((g) => g.name === saved.group);
    if (chosen) return chosen;
    const now = Date.now();
    const meeting = config.groups.filter((g) => g.date === today)
      .sort((a, b) => Math.abs(a.start - now) - Math.abs(b.start - now));
    return meeting[0] || null;
  }

  function load() {
    const saved = read(stateKey()) || {};
    const block = Number.isInteger(saved.block) && saved.block >= 0 && saved.block < total ? saved.block : 0;
    const started = typeof saved.started === "number" ? saved.started : null;
    const entered = typeof saved.entered === "number" ? saved.entered : started;
    const cuts = Array.isArray(saved.cuts) && saved.cuts.length === total &&
      saved.cuts.every((m, i) => Number.isInteger(m) && m >= 0 && m < config.blocks[i].minutes) ? saved.cuts : null;
    return { block, started, entered, cuts };
  }

  function save() {
    write(stateKey(), state);
  }

  forgetOtherDays();
  let group = chooseGroup();
  let state = load();
  let warned = -1;  // the block whose two-minute warning was announced

  // -- the plan ------------------------------------------------------------------------

  const lengths = () => config.blocks.map((b, i) => b.minutes - (state.cuts ? state.cuts[i] : 0));

  // Minutes from the start to each block's start, and to the end (one more than blocks)
  function offsets() {
    const at = [0];
    for (const minutes of lengths()) at.push(at[at.length - 1] + minutes);
    return at;
  }

  // The group's planned start, on its own day only: any other day is a rehearsal, with no lateness
  const plannedStart = () => (group && group.date === today ? group.start : null);
  const minutesLate = () => (state.started == null || plannedStart() == null
    ? 0 : Math.round((state.started - plannedStart()) / MINUTE));
  const plannedEnd = () => clock(state.started + offsets()[total] * MINUTE);

  // Late by m minutes: take them from the longest blocks still ahead, at most half of any block
  function cutsFor(late) {
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

  // -- what the page shows -----------------------------------------------------------

  function showTimes() {
    const at = offsets();
    const begin = state.started != null ? state.started : group ? group.start : null;
    for (const time of document.querySelectorAll("[data-run-at]")) {
      const minutes = at[Number(time.dataset.runAt)];
      time.textContent = begin == null ? fromStart(minutes) : clock(begin + minutes * MINUTE);
    }
    $("run-start-note").textContent = state.started != null ? fill(words.started, { time: clock(state.started) })
      : group ? fill(words.planned, { time: clock(group.start), zone: config.zone_name }) : words.rehearsal_note;
    $("run-start").textContent = state.started == null ? words.start_now : words.start_over;
    showReplan();
  }

  function cutList(cut) {
    const list = document.createElement("ul");
    cut.forEach((m, i) => {
      if (!m) return;
      const item = document.createElement("li");
      item.textContent = fill(words.shorten, { block: config.blocks[i].title, m });
      list.append(item);
    });
    return list;
  }

  function replanButton(text, action) {
    const line = document.createElement("p");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = text;
    button.addEventListener("click", action);
    line.append(button);
    return line;
  }

  // After a late start: the cuts suggested (and a button to apply them), or the cuts applied (and one to undo)
  function showReplan() {
    const box = $("run-replan");
    const late = minutesLate();
    box.replaceChildren();
    box.hidden = state.started == null || (late === 0 && !state.cuts);
    if (box.hidden) return;
    const note = document.createElement("p");
    box.append(note);
    if (state.cuts) {
      note.textContent = fill(words.cuts_applied, { end: plannedEnd() });
      box.append(cutList(state.cuts), replanButton(words.full_plan, fullPlan));
    } else if (late < 0) {
      note.textContent = fill(words.early, { m: -late, end: plannedEnd() });
    } else {
      const cut = cutsFor(late);
      const planned = clock(plannedStart() + offsets()[total] * MINUTE);
      note.textContent = cut ? fill(words.late, { m: late, end: plannedEnd(), planned })
        : fill(words.too_late, { m: late, end: plannedEnd() });
      if (cut) box.append(cutList(cut), replanButton(words.apply_cuts, applyCuts));
    }
  }

  function showBlock() {
    sections.forEach((section, i) => {
      section.hidden = i !== state.block;
      // a block's video stops when the trainer moves on from it
      if (section.hidden) section.querySelectorAll("video").forEach((video) => { video.pause(); });
    });
    $("run-position").textContent = fill(words.block_of, { n: state.block + 1, total });
    // aria-disabled rather than disabled: a button that has focus keeps it at either end
    $("run-previous").setAttribute("aria-disabled", String(state.block === 0));
    $("run-next").setAttribute("aria-disabled", String(state.block === total - 1));
    tick();
  }

  // Before Start nothing runs: the block's and the session's lengths, as planned
  function tick() {
    const now = Date.now(), length = lengths()[state.block] * MINUTE, end = offsets()[total] * MINUTE;
    let blockLeft = length, sessionLeft = end, pace = "";
    if (state.started != null) {
      blockLeft = state.entered + length - now;
      sessionLeft = state.started + end - now;
      // behind plan: how much later than planned this block began, and how far over its length it is
      const behind = state.entered - (state.started + offsets()[state.block] * MINUTE) + Math.max(0, -blockLeft);
      const m = Math.round(Math.abs(behind) / MINUTE);
      pace = m === 0 ? words.on_plan : fill(behind > 0 ? words.behind : words.ahead, { m });
    }
    $("run-pace").textContent = pace;
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
    if (state.started != null) state.entered = Date.now();
    warned = -1;
    save();
    showBlock();
    const title = config.blocks[index].title;
    announce(state.started == null ? fill(words.announce_unstarted, { n: index + 1, total, title })
      : fill(words.announce, { n: index + 1, total, title, end: clock(state.entered + lengths()[index] * MINUTE) }));
  }

  // Start (or start over): the session begins now, at its first block, with the full plan
  function startNow() {
    const now = Date.now();
    state = { block: 0, started: now, entered: now, cuts: null };
    warned = -1;
    save();
    showTimes();
    showBlock();
    const note = $("run-replan").querySelector("p");
    const cuts = Array.from($("run-replan").querySelectorAll("li"), (li) => li.textContent).join("; ");
    announce([$("run-start-note").textContent, note ? note.textContent : "", cuts].join(" ").trim());
  }

  // The replanning box is written anew: keep the keyboard in it, on its new button
  function replanned(text) {
    save();
    showTimes();
    tick();
    const button = $("run-replan").querySelector("button");
    if (button) button.focus();
    announce(text);
  }

  function applyCuts() {
    const cut = cutsFor(minutesLate());
    if (!cut) return;
    state.cuts = cut;
    replanned(fill(words.cuts_applied, { end: plannedEnd() }));
  }

  function fullPlan() {
    state.cuts = null;
    replanned(fill(words.full_plan_done, { end: plannedEnd() }));
  }

  function chooseFrom(select) {
    group = select.value === "" ? null : config.groups[Number(select.value)] || null;
    write(choiceKey, { group: group ? group.name : "" });
    state = load();
    warned = -1;
    showTimes();
    showBlock();
  }

  function onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return;
    const target = event.target;
    if (target.closest?.("input, textarea, select, [contenteditable], .md-search")) return;
    const step = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 }[event.key];
    if (!step) return;
    event.preventDefault();
    go(state.block + step);
  }

  // -- start ------------------------------------------------------------------------------

  document.documentElement.classList.add("run-live");
  $("run-panel").hidden = false;
  const select = $("run-group");
  select.value = group ? String(config.groups.indexOf(group)) : "";
  select.addEventListener("change", () => chooseFrom(select));
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
