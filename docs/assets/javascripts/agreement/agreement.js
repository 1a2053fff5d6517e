/* The agreement page: keeps the signer's draft in this browser (offered, never shown, to whoever opens
 * the page next; gone once the record is out or after config.draftHours), says what is still missing,
 * and fills in the printed record. It makes no request of any kind.
 * What the signer types reaches the page only through .value, .textContent and attributes, so
 * markup typed into a field is shown as text and never runs. */
((ns) => {
  "use strict";

  const R = ns.record;
  // its config is a script element: curriculum text never writes one, so it cannot stand in for it
  const config = JSON.parse(document.querySelector("script[type=\"application/json\"]#hb-agreement-config").textContent);
  const words = config.words;
  const PNG_WIDTH = 900;

  function $(id) { return document.getElementById(id); }
  const form = $("hb-sign-form");
  const inputs = Array.prototype.slice.call(form.querySelectorAll("[data-field]"));
  const boxes = Array.prototype.slice.call(form.querySelectorAll("[data-ack]"));
  const pad = new ns.Pad($("hb-pad"), signatureChanged);
  const drafts = new ns.Drafts(new URL("..", location.href).pathname, config.draftHours);  // page is one folder down
  let paper = false;       // "Sign on paper instead" is printing
  let keeping = true;      // false once the record is printed or downloaded: nothing more is kept
  let pending = null;      // a draft found in this browser, shown only when the signer asks for it
  let signed = null;       // when the form was last complete (the record's signing time)
  let signatureImage = ""; // the drawing as a PNG, redone only when the strokes change
  let lastChange = Date.now();
  let attempted = false;   // a print or download was tried with something missing: the checklist turns to an alert

  // -- the draft (draft.js keeps it in this browser only) ---------------------------------------

  function method() { return $("hb-method-typed").checked ? "typed" : "drawn"; }

  function draft() {
    const fields = {};
    inputs.forEach((input) => { fields[input.dataset.field] = input.value; });
    return {
      versionHash: config.versionHash, fields: fields, method: method(), strokes: pad.strokes,
      confirmed: boxes.map((box) => box.checked),
      typed: $("hb-typed").value, adopted: $("hb-adopt").checked, signedAt: signed
    };
  }

  function save() {
    if (!keeping || !drafts.available()) return;
    if (pending) forget();  // starting afresh replaces a draft nobody chose to continue
    if (!drafts.save(draft())) notice(words.no_storage);
  }

  // A saved draft is only announced (when it was saved, nothing of what it says) until the signer continues it.
  function offer() {
    if (!drafts.available()) return notice(words.no_storage);
    const saved = drafts.load();
    if (!saved) return;
    if (saved.versionHash !== config.versionHash) {
      drafts.clear();
      return notice(words.draft_discarded);
    }
    if (drafts.expired(saved)) {
      drafts.clear();
      return notice(handbookFill(words.draft_expired, {hours: config.draftHours}));
    }
    pending = saved;
    const time = new Date(saved.savedAt).toLocaleString(document.documentElement.lang || undefined);
    $("hb-resume-text").textContent = handbookFill(words.resume_text, {time: time});
    $("hb-resume").hidden = false;
  }

  function forget() {
    pending = null;
    $("hb-resume").hidden = true;
  }

  function restore(saved) {
    inputs.forEach((input) => {
      const value = saved.fields?.[input.dataset.field];
      if (typeof value === "string") input.value = value;
    });
    boxes.forEach((box, i) => { box.checked = Boolean(saved.confirmed?.[i]); });
    $(saved.method === "typed" ? "hb-method-typed" : "hb-method-drawn").checked = true;
    if (typeof saved.typed === "string") $("hb-typed").value = saved.typed;
    $("hb-adopt").checked = Boolean(saved.adopted);
    signed = typeof saved.signedAt === "string" ? saved.signedAt : null;
    refresh();  // shows the pad before the strokes are drawn on it
    pad.setStrokes(saved.strokes);
    signatureImage = "";
    refresh();
  }

  function continueDraft() {
    const saved = pending;
    forget();
    if (drafts.expired(saved)) return expire();
    restore(saved);
    boxes[0].focus();
    say(words.resumed);
  }

  function discardDraft() {
    forget();
    drafts.clear();
    say(words.cleared);
  }

  function empty() {
    form.reset();
    pad.setStrokes([]);
    signatureImage = "";
    signed = null;
    attempted = false;
    $("hb-notice").hidden = true;
    fillDate();
    refresh();
  }

  function clearData() {
    drafts.clear();
    forget();
    keeping = true;
    empty();
    say(words.cleared);
  }

  function filled() {
    return !pad.isEmpty() || Boolean($("hb-typed").value) || boxes.some((box) => box.checked) ||
      inputs.some((input) => input.dataset.field !== "date" && input.value);
  }

  function expire() {
    drafts.clear();
    forget();
    keeping = true;
    empty();
    notice(handbookFill(words.draft_expired, {hours: config.draftHours}));
  }

  // A page left open and untouched for as long as a draft is kept is emptied as well.
  function expireIfIdle() {
    if (Date.now() - lastChange > config.draftHours * 3600 * 1000 && (pending || filled())) expire();
  }

  // Once the record is out (printed or downloaded), this browser keeps nothing of it.
  function recordOut() {
    keeping = false;
    drafts.clear();
    notice(words.record_out);
  }

  // -- what is missing -------------------------------------------------------------------------

  function labelOf(input) {
    return form.querySelector('label[for="' + input.id + '"]').textContent.trim();
  }

  function missing() {
    const gaps = [];
    boxes.forEach((box) => {
      if (!box.checked) gaps.push({id: box.id, text: labelOf(box)});  // the confirmation's own words
    });
    inputs.forEach((input) => {
      if (input.required && !R.normalize(input.value)) gaps.push({id: input.id, text: labelOf(input)});
    });
    if (method() === "drawn" && pad.isEmpty()) {
      gaps.push({id: "hb-signature", text: words.missing_signature});
    } else if (method() === "typed" && !R.normalize($("hb-typed").value)) {
      gaps.push({id: "hb-typed", text: words.missing_signature});
    } else if (method() === "typed" && !$("hb-adopt").checked) {
      gaps.push({id: "hb-adopt", text: words.missing_adopt});
    }
    return gaps;
  }

  function list(element, gaps, links) {
    element.replaceChildren.apply(element, gaps.map((gap) => {
      const item = document.createElement("li");
      let text = item;
      if (links) {
        text = item.appendChild(document.createElement("a"));
        text.href = "#" + gap.id;
      }
      text.textContent = gap.text;
      return item;
    }));
  }

  // -- the record ------------------------------------------------------------------------------

  function signature() {
    return method() === "typed" ? {kind: "typed", text: R.normalize($("hb-typed").value)}
                                : {kind: "drawn", strokes: pad.strokes};
  }

  function fields() {
    const values = {};
    inputs.forEach((input) => { values[input.dataset.field] = R.normalize(input.value); });
    return values;
  }

  function record() {
    const values = fields(), sig = signature(), digest = R.signatureDigest(sig);
    const confirmed = config.acknowledgements.filter((_text, i) => boxes[i].checked);
    return {
      format: R.FORMAT,
      agreement: {version: config.version, hash: config.versionHash, text: config.agreementText},
      confirmed: confirmed, fields: values, signature: sig, signatureDigest: digest, signedAt: signed,
      recordCode: R.recordCode({hash: config.versionHash, version: config.version, confirmed: confirmed,
                                fields: values, digest: digest, signedAt: signed})
    };
  }

  function show(name, text) {
    document.querySelector('[data-record="' + name + '"]').textContent = text;
  }

  function fillRecord(complete) {
    const values = fields();
    Object.keys(values).forEach((name) => { show(name, values[name]); });
    boxes.forEach((box, i) => {
      document.querySelector('[data-record-ack="' + i + '"]').textContent = box.checked ? "\u2713" : "";
    });
    const typed = method() === "typed", image = $("hb-record-image"), typedName = $("hb-record-typed");
    image.hidden = typed || !complete;
    if (!image.hidden) {
      image.src = signatureImage || (signatureImage = pad.toPNG(PNG_WIDTH));
      image.alt = handbookFill(words.signature_alt, {name: values.name});
    }
    typedName.hidden = !typed;
    typedName.textContent = typed ? R.normalize($("hb-typed").value) : "";
    $("hb-record-method").textContent = complete ? words[typed ? "signed_typed" : "signed_drawn"] : "";
    const r = complete ? record() : null;
    show("signature-digest", r ? R.grouped(r.signatureDigest) : "");
    show("signed-at", r ? R.printedTime(r.signedAt) : "");
    show("record-code", r ? R.grouped(r.recordCode) : "");
    $("hb-ready").hidden = !complete;
    $("hb-ready").textContent = r ? handbookFill(words.ready, {code: R.grouped(r.recordCode)}) : "";
  }

  // -- keeping the page in step ------------------------------------------------------------------

  function refresh() {
    const gaps = missing();
    if (gaps.length) signed = null;
    else if (!signed) signed = R.stamp(new Date());
    list($("hb-missing"), gaps, true);
    list($("hb-print-missing"), gaps, false);
    $("hb-missing-box").hidden = gaps.length === 0;
    // a calm checklist of what is left, until a print or download is tried with something missing
    $("hb-missing-box").classList.toggle("hb-missing--alert", attempted && gaps.length > 0);
    ["hb-print", "hb-download"].forEach((id) => {
      $(id).setAttribute("aria-disabled", String(gaps.length > 0));
    });
    $("hb-draw").hidden = method() !== "drawn";
    $("hb-type").hidden = method() !== "typed";
    $("hb-typed-preview").textContent = $("hb-typed").value;
    document.documentElement.dataset.hbPrint = paper ? "paper" : gaps.length ? "incomplete" : "record";
    fillRecord(gaps.length === 0);
    return gaps;
  }

  // Whatever the signer changes is signed anew, at the time of the change.
  function changed() {
    lastChange = Date.now();
    signed = null;
    refresh();
    save();
  }

  function signatureChanged() {
    signatureImage = "";
    changed();
  }

  function notice(text) {
    $("hb-notice").textContent = text;
    $("hb-notice").hidden = false;
  }

  function say(text) {
    $("hb-status").textContent = "";
    window.setTimeout(() => { $("hb-status").textContent = text; }, 50);  // re-announced every time
  }

  // When something is missing the buttons do nothing but point at what is missing.
  function ready() {
    const gaps = refresh();
    if (!gaps.length) return true;
    attempted = true;
    refresh();
    $("hb-missing-box").focus();
    say(words.still_needed + " " + gaps.map((gap) => gap.text).join("; "));
    return false;
  }

  function download() {
    const r = record();
    const url = URL.createObjectURL(new Blob([JSON.stringify(r, null, 2)], {type: "application/json"}));
    const link = document.createElement("a");
    link.href = url;
    link.download = "agreement-record-" + r.fields.date + "-" + r.recordCode.slice(0, 8) + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => { URL.revokeObjectURL(url); }, 1000);
    recordOut();
  }

  function fillDate() {
    const input = $("hb-date"), now = new Date();
    if (input.value) return;
    input.value = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => n < 10 ? "0" + n : String(n)).join("-");
  }

  // -- wiring -----------------------------------------------------------------------------------

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", (event) => { event.preventDefault(); });
  $("hb-resume-continue").addEventListener("click", continueDraft);
  $("hb-resume-discard").addEventListener("click", discardDraft);
  $("hb-undo").addEventListener("click", () => { pad.undo(); });
  $("hb-clear-drawing").addEventListener("click", () => { pad.clear(); });
  $("hb-print").addEventListener("click", () => {
    if (!ready()) return;
    window.print();
    recordOut();
  });
  $("hb-download").addEventListener("click", () => { if (ready()) download(); });
  $("hb-paper").addEventListener("click", () => {
    paper = true;
    refresh();
    window.print();
  });
  $("hb-clear-data").addEventListener("click", clearData);
  window.addEventListener("beforeprint", refresh);
  window.addEventListener("afterprint", () => {
    paper = false;
    if (document.documentElement.dataset.hbPrint === "record") recordOut();  // printed with the browser's menu
    refresh();
  });

  offer();
  fillDate();
  refresh();
  window.setInterval(expireIfIdle, 60 * 1000);
})(window.handbookAgreement);
