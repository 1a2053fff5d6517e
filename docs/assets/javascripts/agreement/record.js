/* The canonical record and its codes, exactly as hooks/handbook/agreement_hash.py defines them
 * (read its docstring for the format). Shared by the agreement page and the verify page. */
(function (ns) {
  "use strict";

  var RECORD_FORMAT = "handbook-agreement-record/1";
  var FIELDS = ["name", "employee-id", "job-title", "department", "supervisor", "date"];
  var SIGNATURE_DIGITS = 12;
  var RECORD_CODE_DIGITS = 20;
  // Spelled out (not \s) so JavaScript and Python agree on exactly which characters are whitespace.
  var WHITESPACE = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;

  function normalize(text) {
    return String(text || "").normalize("NFC").replace(WHITESPACE, " ").trim();
  }

  function plainHex(text) {
    return String(text || "").toLowerCase().replace(/[^0-9a-f]/g, "");
  }

  function grouped(hex, size) {
    return (hex.match(new RegExp(".{1," + (size || 4) + "}", "g")) || []).join(" ");
  }

  // Strokes are flat [x0, y0, x1, y1, ...] arrays of integers.
  function strokesText(strokes) {
    return strokes.map(function (s) {
      var points = [];
      for (var i = 0; i + 1 < s.length; i += 2) points.push(s[i] + "," + s[i + 1]);
      return points.join(" ");
    }).join("\n");
  }

  // signature: {kind: "typed", text} or {kind: "drawn", strokes}
  function signatureDigest(signature) {
    var body = signature.kind === "typed" ? normalize(signature.text) : strokesText(signature.strokes);
    return ns.sha256(signature.kind + "\n" + body).slice(0, SIGNATURE_DIGITS);
  }

  function recordText(agreementHash, fields, digest) {
    var lines = [RECORD_FORMAT, "agreement: " + plainHex(agreementHash)];
    FIELDS.forEach(function (name) { lines.push(name + ": " + normalize(fields[name])); });
    lines.push("signature: " + plainHex(digest));
    return lines.join("\n");
  }

  function recordCode(agreementHash, fields, digest) {
    return ns.sha256(recordText(agreementHash, fields, digest)).slice(0, RECORD_CODE_DIGITS);
  }

  ns.record = {
    FIELDS: FIELDS, normalize: normalize, plainHex: plainHex, grouped: grouped, strokesText: strokesText,
    signatureDigest: signatureDigest, recordText: recordText, recordCode: recordCode
  };
})(window.handbookAgreement = window.handbookAgreement || {});
