/* HR's receipt on a record file: the record code, the day HR received it and the key's id, signed with
 * HR's Ed25519 key by the roster (hooks/handbook/hr/receipt.py; agreement_hash.py documents the lines).
 * Checked with @noble/curves (the global nobleEd25519), not Web Crypto, which exists only in secure
 * contexts. The answer is a locale word key, as the roster gives it. */
((ns) => {
  "use strict";

  const R = ns.record;
  const FORMAT = "handbook-receipt/1";
  const PARTS = ["format", "recordCode", "receivedOn", "key", "signature"];

  function receiptText(code, receivedOn, key) {
    return [FORMAT, "record: " + R.plainHex(code), "received: " + R.normalize(receivedOn),
            "key: " + R.plainHex(key)].join("\n");
  }

  function bytes(hex) {
    return Uint8Array.from(hex.match(/../g), (pair) => parseInt(pair, 16));
  }

  function signedBy(receipt, publicKey) {
    const text = receiptText(receipt.recordCode, receipt.receivedOn, receipt.key);
    try {
      return nobleEd25519.ed25519.verify(bytes(receipt.signature), new TextEncoder().encode(text),
                                         bytes(publicKey), {zip215: false});
    } catch (_error) {
      return false;
    }
  }

  // Why a receipt is not a good one from this handbook's HR key ("unreadable", "other_record", "no_key",
  // "other_key", "altered"), or "" when it is. hrKey: {key, id} from the page, or null.
  function problem(receipt, recordCode, hrKey) {
    const complete = Boolean(receipt) && typeof receipt === "object" &&
      PARTS.every((part) => typeof receipt[part] === "string");
    if (!complete || receipt.format !== FORMAT) return "unreadable";
    if (receipt.recordCode !== recordCode) return "other_record";
    if (!hrKey) return "no_key";
    if (receipt.key !== hrKey.id) return "other_key";
    if (!/^[0-9a-f]{128}$/.test(receipt.signature) || !signedBy(receipt, hrKey.key)) return "altered";
    return "";
  }

  ns.receipt = {FORMAT: FORMAT, text: receiptText, problem: problem};
})(window.handbookAgreement = window.handbookAgreement || {});
