/* The check of a signed record: recompute its record code from what is printed on it (or from a
 * record file) and compare. Everything happens in this browser; a loaded file is read, not sent.
 * Text from the form or a file reaches the page only through .textContent and .value. */
(function (ns) {
  "use strict";

  var R = ns.record;
  var config = JSON.parse(document.getElementById("hb-verify-config").textContent);
  var words = config.words;
  var MIN_HASH_DIGITS = 16;

  function $(id) { return document.getElementById(id); }
  var form = $("hb-verify-form");
  var result = $("hb-verify-result");
  var inputs = Array.prototype.slice.call(form.querySelectorAll("[data-field]"));

  // The known version whose hash starts with what was typed (at least four groups of it).
  function version(typed) {
    var hex = R.plainHex(typed);
    if (hex.length < MIN_HASH_DIGITS) return {problem: words.short_hash};
    var found = config.versions.filter(function (v) { return v.hash.indexOf(hex) === 0; })[0];
    return found ? {version: found} : {problem: words.unknown};
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
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

  function checkPrinted(event) {
    event.preventDefault();
    var values = {};
    inputs.forEach(function (input) { values[input.dataset.field] = input.value; });
    var digest = R.plainHex($("hb-v-digest").value), code = R.plainHex($("hb-v-code").value);
    if (!R.plainHex($("hb-v-hash").value) || !digest || !code) return report(false, words.missing);
    var found = version($("hb-v-hash").value);
    if (found.problem) return report(false, found.problem);
    if (R.recordCode(found.version.hash, values, digest) !== code) return report(false, words.mismatch);
    report(true, handbookFill(words.match, {version: found.version.version}));
  }

  // -- a record file ---------------------------------------------------------------------------

  function isText(value) { return typeof value === "string"; }

  function wellFormedSignature(sig) {
    return Boolean(sig) && (sig.kind === "typed" ? isText(sig.text)
                                                 : sig.kind === "drawn" && ns.SignaturePad.isStrokeList(sig.strokes));
  }

  function wellFormed(r) {
    return Boolean(r && r.format === "handbook-agreement-record/1" && r.agreement && isText(r.agreement.hash) &&
      isText(r.agreement.text) && r.fields && R.FIELDS.every(function (f) { return isText(r.fields[f]); }) &&
      wellFormedSignature(r.signature) && isText(r.signatureDigest) && isText(r.recordCode));
  }

  // What the file holds, shown for comparison with the paper: the signature and the agreement text.
  function contents(r) {
    var signature = element("div", "", "hb-result-signature");
    signature.appendChild(element("p", words.file_signature, "hb-label"));
    if (r.signature.kind === "typed") {
      signature.appendChild(element("p", r.signature.text, "hb-typed-signature"));
    } else {
      var image = element("img");
      image.src = ns.SignaturePad.toPNG(r.signature.strokes, 900);
      image.alt = words.file_signature;
      signature.appendChild(image);
    }
    var text = element("details");
    text.appendChild(element("summary", words.file_text));
    text.appendChild(element("pre", r.agreement.text));
    return [signature, text];
  }

  function fillForm(r) {
    $("hb-v-hash").value = R.grouped(r.agreement.hash);
    inputs.forEach(function (input) { input.value = r.fields[input.dataset.field]; });
    $("hb-v-digest").value = R.grouped(r.signatureDigest);
    $("hb-v-code").value = R.grouped(r.recordCode);
  }

  function checkFile(text) {
    var r;
    try { r = JSON.parse(text); } catch (error) { r = null; }
    if (!wellFormed(r)) return report(false, words.bad_file);
    fillForm(r);
    var extras = contents(r);
    var known = config.versions.filter(function (v) { return v.hash === r.agreement.hash; })[0];
    if (ns.sha256(r.agreement.text) !== r.agreement.hash) return report(false, words.text_altered, extras);
    if (!known) return report(false, words.unknown, extras);
    if (R.signatureDigest(r.signature) !== r.signatureDigest) return report(false, words.signature_altered, extras);
    if (R.recordCode(r.agreement.hash, r.fields, r.signatureDigest) !== r.recordCode) {
      return report(false, words.mismatch, extras);
    }
    report(true, handbookFill(words.match, {version: known.version}), extras);
  }

  form.addEventListener("submit", checkPrinted);
  $("hb-v-file").addEventListener("change", function () {
    var file = this.files && this.files[0];
    if (file) file.text().then(checkFile, function () { report(false, words.bad_file); });
  });
})(window.handbookAgreement);
