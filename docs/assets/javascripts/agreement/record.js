/* The canonical record and its codes, exactly as hooks/handbook/agreement_hash.py defines them
 * (read its docstring for the formats). Shared by the agreement page and the verify page.
 * SHA-256 comes from @noble/hashes (the global nobleSha2), not Web Crypto: crypto.subtle exists only
 * in secure contexts, and a handbook served over plain http from an intranet host is not one. */
((ns) => {
  "use strict";

  const FORMAT = "handbook-agreement-record/2";
  const FORMAT_1 = "handbook-agreement-record/1";
  const FIELDS = ["name", "employee-id", "job-title", "department", "supervisor", "date"];
  const SIGNATURE_DIGITS = 12;
  const RECORD_CODE_DIGITS = 20;
  // Spelled out (not \s) so JavaScript and Python agree on exactly which characters are whitespace.
  const WHITESPACE = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;

  function sha256(text) {
    return Array.prototype.map.call(nobleSha2.sha256(new TextEncoder().encode(text)), (byte) => (byte < 16 ? "0" : "") + byte.toString(16)).join("");
  }

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
    return strokes.map((s) => {
      const points = [];
      for (let i = 0; i + 1 < s.length; i += 2) points.push(s[i] + "," + s[i + 1]);
      return points.join(" ");
    }).join("\n");
  }

  // signature: {kind: "typed", text} or {kind: "drawn", strokes}
  function signatureDigest(signature) {
    const body = signature.kind === "typed" ? normalize(signature.text) : strokesText(signature.strokes);
    return sha256(signature.kind + "\n" + body).slice(0, SIGNATURE_DIGITS);
  }

  // The signing time as printed or typed ("2026-10-27 14:05 UTC") → "2026-10-27T14:05Z".
  function signedAt(text) {
    const d = String(text || "").replace(/[^0-9]/g, "");
    if (d.length !== 12) return normalize(text);
    return d.slice(0, 4) + "-" + d.slice(4, 6) + "-" + d.slice(6, 8) + "T" + d.slice(8, 10) + ":" + d.slice(10) + "Z";
  }

  // A moment (a Date) as a canonical signing time, to the minute, in UTC.
  function stamp(date) {
    return date.toISOString().slice(0, 16) + "Z";
  }

  // A canonical signing time as printed on the record.
  function printedTime(signed) {
    return signed.replace("T", " ").replace("Z", " UTC");
  }

  // r: {hash, version, confirmed: [text], fields: {name: value}, digest, signedAt}
  function recordText(r) {
    const lines = [FORMAT, "agreement: " + plainHex(r.hash), "version: " + normalize(r.version)];
    r.confirmed.forEach((text) => { lines.push("confirmed: " + normalize(text)); });
    FIELDS.forEach((name) => { lines.push(name + ": " + normalize(r.fields[name])); });
    lines.push("signature: " + plainHex(r.digest), "signed-at: " + signedAt(r.signedAt));
    return lines.join("\n");
  }

  function recordCode(r) {
    return sha256(recordText(r)).slice(0, RECORD_CODE_DIGITS);
  }

  // Format 1: no confirmations, version label or signing time.
  function recordText1(r) {
    const lines = [FORMAT_1, "agreement: " + plainHex(r.hash)];
    FIELDS.forEach((name) => { lines.push(name + ": " + normalize(r.fields[name])); });
    lines.push("signature: " + plainHex(r.digest));
    return lines.join("\n");
  }

  function recordCode1(r) {
    return sha256(recordText1(r)).slice(0, RECORD_CODE_DIGITS);
  }

  ns.sha256 = sha256;
  ns.record = {
    FORMAT: FORMAT, FORMAT_1: FORMAT_1, FIELDS: FIELDS, normalize: normalize, plainHex: plainHex,
    grouped: grouped, strokesText: strokesText, signatureDigest: signatureDigest, signedAt: signedAt,
    stamp: stamp, printedTime: printedTime, recordText: recordText, recordCode: recordCode,
    recordText1: recordText1, recordCode1: recordCode1
  };
})(window.handbookAgreement = window.handbookAgreement || {});
