/* The signer's draft, kept only in this browser's localStorage, under keys of our own prefix
 * scoped to this handbook's folder, for `hours` after its last change. Material's keys
 * ("/.__palette" and the like) are never touched. */
((ns) => {
  "use strict";

  const HOUR = 3600 * 1000;

  function open(prefix) {
    try {
      localStorage.setItem(prefix + "probe", "1");
      localStorage.removeItem(prefix + "probe");
      return localStorage;
    } catch (_error) {
      return null;  // storage disabled, or a private window that refuses to store
    }
  }

  function Drafts(scope, hours) {
    this.prefix = "handbook-agreement:" + scope + ":";
    this.key = this.prefix + "draft";
    this.hours = hours;
    this.storage = open(this.prefix);
  }

  Drafts.prototype = {
    available: function () { return this.storage !== null; },
    load: function () {
      let value = null;
      try { value = this.storage && JSON.parse(this.storage.getItem(this.key)); } catch (_error) { /* damaged */ }
      return value && typeof value === "object" ? value : null;
    },
    // A draft without a time of saving, or last saved more than `hours` ago
    expired: function (draft) {
      return typeof draft.savedAt !== "number" || Date.now() - draft.savedAt > this.hours * HOUR;
    },
    save: function (value) {
      try {
        this.storage.setItem(this.key, JSON.stringify(Object.assign({}, value, {savedAt: Date.now()})));
        return true;
      } catch (_error) {
        return false;  // no storage, or it is full
      }
    },
    // Every key of ours for this handbook, and nothing else.
    clear: function () {
      if (!this.storage) return;
      for (let i = this.storage.length - 1; i >= 0; i--) {
        const key = this.storage.key(i);
        if (key && key.indexOf(this.prefix) === 0) this.storage.removeItem(key);
      }
    }
  };

  ns.Drafts = Drafts;
})(window.handbookAgreement = window.handbookAgreement || {});
