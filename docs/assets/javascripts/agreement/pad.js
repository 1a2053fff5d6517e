/* The signature pad: signature_pad (the global SignaturePad) draws; this keeps the strokes as the
 * record needs them, in integer 1/10000ths of the pad's width, and redraws them at the screen's pixel
 * density whenever the pad changes size, so the drawing stays sharp and survives resizing, rotation
 * and (saved by the caller) reloads. The pad is ASPECT times as wide as it is high; the stylesheet
 * gives the canvas the same aspect-ratio. */
((ns) => {
  "use strict";

  const UNITS = 10000;
  const ASPECT = 2.5;
  const PEN = 0.006;  // the line's width, as a share of the pad's width ...
  const MIN_PEN_PX = 1.5;  // ... but never thinner than this

  function clamp(value, top) { return Math.min(Math.max(Math.round(value), 0), top); }

  // signature_pad's point groups (in CSS pixels) → strokes in units, and back
  function toStrokes(groups, pxPerUnit) {
    return groups.map((group) => {
      const flat = [];
      group.points.forEach((p) => {
        flat.push(clamp(p.x / pxPerUnit, UNITS), clamp(p.y / pxPerUnit, Math.round(UNITS / ASPECT)));
      });
      return flat;
    });
  }

  function toGroups(strokes, pxPerUnit) {
    return strokes.map((s) => {
      const points = [];
      for (let i = 0; i + 1 < s.length; i += 2) {
        points.push({x: s[i] * pxPerUnit, y: s[i + 1] * pxPerUnit, pressure: 0.5, time: 0});
      }
      return {points: points};
    });
  }

  // One width for the whole line (signature_pad varies it with speed, which a redraw cannot repeat).
  function setPen(pad, widthPx) {
    pad.minWidth = pad.maxWidth = Math.max(MIN_PEN_PX, widthPx * PEN);
    pad.dotSize = pad.minWidth * 1.5;
  }

  function isStrokeList(value) {
    return Array.isArray(value) && value.every((s) => Array.isArray(s) && s.length >= 2 && s.length % 2 === 0 && s.every(Number.isInteger));
  }

  // The drawing as a PNG data URL on white, `width` pixels wide (for printing and record files).
  function toPNG(strokes, width) {
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = Math.round(width / ASPECT);
    const pad = new SignaturePad(canvas, {backgroundColor: "#fff", penColor: "#111"});
    setPen(pad, width);
    pad.fromData(toGroups(strokes, width / UNITS));
    pad.off();
    return pad.toDataURL("image/png");
  }

  function Pad(canvas, onChange) {
    this.canvas = canvas;
    this.strokes = [];
    this.pad = new SignaturePad(canvas, {penColor: "#111"});
    this.pad.addEventListener("endStroke", () => {
      this.strokes = toStrokes(this.pad.toData(), this.pxPerUnit());
      onChange();
    });
    this.onChange = onChange;
    if (window.ResizeObserver) new ResizeObserver(() => { this.redraw(); }).observe(canvas);
    window.addEventListener("resize", () => { this.redraw(); });  // also a change of pixel density
    this.redraw();
  }

  Pad.prototype = {
    pxPerUnit: function () { return this.canvas.getBoundingClientRect().width / UNITS; },
    redraw: function () {
      const r = this.canvas.getBoundingClientRect();
      if (!r.width) return;  // hidden: redrawn when it is shown again
      const ratio = window.devicePixelRatio || 1;
      const width = Math.round(r.width * ratio), height = Math.round(r.height * ratio);
      if (this.canvas.width !== width) this.canvas.width = width;
      if (this.canvas.height !== height) this.canvas.height = height;
      this.canvas.getContext("2d").setTransform(ratio, 0, 0, ratio, 0, 0);
      setPen(this.pad, r.width);
      this.pad.fromData(toGroups(this.strokes, r.width / UNITS));
    },
    setStrokes: function (strokes) {
      this.strokes = isStrokeList(strokes) ? strokes.map((s) => s.slice()) : [];
      this.redraw();
    },
    undo: function () { this.strokes.pop(); this.redraw(); this.onChange(); },
    clear: function () { this.strokes = []; this.redraw(); this.onChange(); },
    isEmpty: function () { return this.strokes.length === 0; },
    toPNG: function (width) { return toPNG(this.strokes, width); }
  };

  Pad.toPNG = toPNG;
  Pad.isStrokeList = isStrokeList;
  ns.Pad = Pad;
})(window.handbookAgreement = window.handbookAgreement || {});
