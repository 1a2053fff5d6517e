/* The check of a signed record: recompute its record code from what is printed on it (or from a
 * record file) and compare, then say what a match shows and what it does not. Everything happens in
 * this browser; a loaded file is read, not sent. Text from the form or a file reaches the page only
 * through .textContent and .value. */
((ns) => {
  "use strict";

  const R = ns.record;
  const config = JSON.parse(document.querySelector("script[type=\"application/json\"]#hb-verify-config").textContent);
  const words = config.words;
  const current = config.versions[0];
  const MIN_HASH_DIGITS = 16;

  function $(id) { return document.getElementById(id); }
  const form = $("hb-verify-form");
  const result = $("hb-verify-result");
  const inputs = Array.prototype.slice.call(form.querySelectorAll("[data-field]"));

  // The known version whose hash starts with what was typed (at least four groups of it).
  function version(typed) {
    const hex = R.plainHex(typed);
    if (hex.length < MIN_HASH_DIGITS) return {problem: words.short_hash};
    const found = config.versions.filter((v) => v.hash.indexOf(hex) === 0)[0];
    return found ? {version: found} : {problem: words.unknown};
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function report(match, message, extras) {
    result.className = "hb-result " + (match ? "hb-result--match" : "hb-result--mismatch");
    result.replaceChildren.apply(result, [element("p", message, "hb-label")].concat(extras || []));
    result.hidden = false;
    result.focus();
  }

  // A match, with what it does not show, what does, and what changed in the agreement since
  function matched(v, format, text) {
    const extras = [element("p", words.limits)];
    if (format === R.FORMAT_1) extras.push(element("p", words.format_1));
    if (text) {
      if (!v.current) extras.push(ns.changes(text, current.text, v.version, words));
      const shown = element("details", "", "hb-version-text");
      shown.appendChild(element("summary", handbookFill(words.version_text, {version: v.version})));
      shown.appendChild(element("pre", text));
      extras.push(shown);
    }
    return extras;
  }

  // -- a printed record --------------------------------------------------------------------------

  function checkPrinted(event) {
    event.preventDefault();
    const fields = {};
    inputs.forEach((input) => { fields[input.dataset.field] = input.value; });
    const digest = R.plainHex($("hb-v-digest").value), code = R.plainHex($("hb-v-code").value);
    if (!R.plainHex($("hb-v-hash").value) || !digest || !code) return report(false, words.missing);
    const found = version($("hb-v-hash").value);
    if (found.problem) return report(false, found.problem);
    const v = found.version, signed = $("hb-v-signed").value;
    const r = {hash: v.hash, version: v.version, fields: fields, digest: digest, signedAt: signed};
    if (!R.normalize(signed)) {  // format 1 printed no signing time
      if (!v.format1) return report(false, handbookFill(words.format_1_refused, {version: v.version}));
      if (R.recordCode1(r) !== code) return report(false, words.mismatch);
      return report(true, handbookFill(words.match, {version: v.version}), matched(v, R.FORMAT_1, v.text));
    }
    if (!v.text) return report(false, handbookFill(words.no_text, {version: v.version}));
    r.confirmed = ns.changes.parts(v.text).acknowledgements;  // a record prints only once all are ticked
    if (R.recordCode(r) !== code) return report(false, words.mismatch);
    report(true, handbookFill(words.match, {version: v.version}), matched(v, R.FORMAT, v.text));
  }

  // -- a record file ---------------------------------------------------------------------------

  function isText(value) { return typeof value === "string"; }

  function wellFormedSignature(sig) {
    return Boolean(sig) && (sig.kind === "typed" ? isText(sig.text)
                                                 : sig.kind === "drawn" && ns.Pad.isStrokeList(sig.strokes));
  }

  function wellFormed(r) {
    const v2 = Boolean(r) && r.format === R.FORMAT;
    return Boolean(r && (v2 || r.format === R.FORMAT_1) && r.agreement && isText(r.agreement.hash) &&
      isText(r.agreement.text) && r.fields && R.FIELDS.every((f) => isText(r.fields[f])) &&
      wellFormedSignature(r.signature) && isText(r.signatureDigest) && isText(r.recordCode) &&
      (!v2 || (isText(r.agreement.version) && isText(r.signedAt) && Array.isArray(r.confirmed) &&
               r.confirmed.every(isText))));
  }

  // What the file holds, shown for comparison with the paper: the signature.
  function signatureShown(r) {
    const signature = element("div", "", "hb-result-signature");
    signature.appendChild(element("p", words.file_signature, "hb-label"));
    if (r.signature.kind === "typed") {
      signature.appendChild(element("p", r.signature.text, "hb-typed-signature"));
    } else {
      const image = element("img");
      image.src = ns.Pad.toPNG(r.signature.strokes, 900);
      image.alt = words.file_signature;
      signature.appendChild(image);
    }
    return signature;
  }

  function fillForm(r) {
    $("hb-v-hash").value = R.grouped(r.agreement.hash);
    inputs.forEach((input) => { input.value = r.fields[input.dataset.field]; });
    $("hb-v-signed").value = r.format === R.FORMAT ? R.printedTime(r.signedAt) : "";
    $("hb-v-digest").value = R.grouped(r.signatureDigest);
    $("hb-v-code").value = R.grouped(r.recordCode);
  }

  function sameList(a, b) {
    return a.length === b.length && a.every((x, i) => R.normalize(x) === b[i]);
  }

  // Why the file does not match, or "" when it does
  function fileProblem(r, known) {
    if (ns.sha256(r.agreement.text) !== r.agreement.hash) return words.text_altered;
    if (!known) return words.unknown;
    if (R.signatureDigest(r.signature) !== r.signatureDigest) return words.signature_altered;
    if (r.format === R.FORMAT_1) {
      return R.recordCode1({hash: r.agreement.hash, fields: r.fields, digest: r.signatureDigest}) === r.recordCode
        ? "" : words.mismatch;
    }
    if (!sameList(r.confirmed, ns.changes.parts(r.agreement.text).acknowledgements)) return words.confirmations_altered;
    const code = R.recordCode({hash: r.agreement.hash, version: r.agreement.version, confirmed: r.confirmed,
                             fields: r.fields, digest: r.signatureDigest, signedAt: r.signedAt});
    return code === r.recordCode && R.normalize(r.agreement.version) === R.normalize(known.version) ? "" : words.mismatch;
  }

  // How many points a drawn signature has (0 for anything else): counted before anything else is done with it
  function points(r) {
    const strokes = r?.signature?.strokes;
    if (!Array.isArray(strokes)) return 0;
    return strokes.reduce((sum, s) => sum + (Array.isArray(s) ? s.length / 2 : 0), 0);
  }

  function checkFile(text) {
    let r;
    try { r = JSON.parse(text); } catch (_error) { r = null; }
    if (points(r) > config.maxPoints) return report(false, words.too_many_points);
    if (!wellFormed(r)) return report(false, words.bad_file);
    fillForm(r);
    const known = config.versions.filter((v) => v.hash === r.agreement.hash)[0];
    if (r.format === R.FORMAT_1 && known && !known.format1) {
      return report(false, handbookFill(words.format_1_refused, {version: known.version}));
    }
    const problem = fileProblem(r, known);
    if (problem) return report(false, problem, [signatureShown(r)]);
    let extras = [signatureShown(r)].concat(matched(known, r.format, r.agreement.text));
    const receipt = receiptProblem(r);
    if (receipt === "no_key") extras.unshift(element("p", words.receipt_no_key));  // unchecked, not wrong
    else if (receipt) return report(false, words["receipt_" + receipt], extras);
    if (receipt === "") extras = receiptShown(r.receipt).concat(extras);
    report(true, handbookFill(words.match, {version: known.version}), extras);
  }

  // -- HR's receipt on a record file (receipt.js) --------------------------------------------------

  // null when the file has no receipt, "" when it is good, else why not
  function receiptProblem(r) {
    return r.receipt === undefined ? null : ns.receipt.problem(r.receipt, r.recordCode, config.hrKey);
  }

  function receiptShown(receipt) {
    return [element("p", handbookFill(words.receipt_ok, {date: receipt.receivedOn}), "hb-receipt"),
            element("p", words.receipt_limits)];
  }

  // Filled in here rather than written into the page, so that search does not show the text as a code block
  $("hb-current-text").textContent = current.text;
  form.addEventListener("submit", checkPrinted);
  $("hb-v-file").addEventListener("change", function () {
    const file = this.files?.[0];
    if (file && file.size > config.maxFileBytes) return report(false, words.too_large);  // refused unread
    if (file) file.text().then(checkFile, () => { report(false, words.bad_file); });
  });
})(window.handbookAgreement);
