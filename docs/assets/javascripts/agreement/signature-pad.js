/* A signature pad for a finger, a pen or a mouse (pointer events).
 * The strokes are kept as data, in 1/10000ths of the pad's width, and redrawn at the screen's
 * pixel density whenever the pad changes size: the drawing stays sharp on high-DPI screens and
 * survives resizing, rotation and (saved by the caller) reloads. The pad is ASPECT times as wide
 * as it is high; the stylesheet gives the canvas the same aspect-ratio. */
(function (ns) {
  "use strict";

  var UNITS = 10000;
  var ASPECT = 2.5;
  var LINE = 60;           // stroke width, in units
  var MIN_LINE_PX = 1.5;   // ... but never thinner than this on screen

  function mid(s, i, j) { return [(s[2 * i] + s[2 * j]) / 2, (s[2 * i + 1] + s[2 * j + 1]) / 2]; }

  // Smooth strokes: quadratic curves through the midpoints, each piece ending at point i's midpoint.
  function piece(ctx, s, i) {
    ctx.beginPath();
    if (i === 1) {
      ctx.moveTo(s[0], s[1]);
      ctx.lineTo.apply(ctx, mid(s, 0, 1));
    } else {
      ctx.moveTo.apply(ctx, mid(s, i - 2, i - 1));
      ctx.quadraticCurveTo.apply(ctx, [s[2 * i - 2], s[2 * i - 1]].concat(mid(s, i - 1, i)));
    }
    ctx.stroke();
  }

  function end(ctx, s) {
    var n = s.length / 2;
    ctx.beginPath();
    if (n === 1) {
      ctx.arc(s[0], s[1], ctx.lineWidth / 2, 0, 2 * Math.PI);
      ctx.fill();
      return;
    }
    ctx.moveTo.apply(ctx, mid(s, n - 2, n - 1));
    ctx.lineTo(s[2 * n - 2], s[2 * n - 1]);
    ctx.stroke();
  }

  function drawAll(ctx, strokes) {
    strokes.forEach(function (s) {
      for (var i = 1; i < s.length / 2; i++) piece(ctx, s, i);
      end(ctx, s);
    });
  }

  // A context whose unit is 1/UNITS of a canvas `pixelWidth` device pixels wide.
  function prepare(canvas, pixelWidth, minLine) {
    var ctx = canvas.getContext("2d");
    var scale = pixelWidth / UNITS;
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    ctx.lineWidth = Math.max(LINE, minLine / scale);
    ctx.lineCap = ctx.lineJoin = "round";
    ctx.strokeStyle = ctx.fillStyle = "#111";
    return ctx;
  }

  function isStrokeList(value) {
    return Array.isArray(value) && value.every(function (s) {
      return Array.isArray(s) && s.length >= 2 && s.length % 2 === 0 && s.every(Number.isInteger);
    });
  }

  // The drawing as a PNG data URL on white, `width` pixels wide (for printing and record files).
  function toPNG(strokes, width) {
    var canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = Math.round(width / ASPECT);
    var ctx = canvas.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    drawAll(prepare(canvas, width, 2), strokes);
    return canvas.toDataURL("image/png");
  }

  function SignaturePad(canvas, onChange) {
    var self = this;
    this.canvas = canvas;
    this.onChange = onChange || function () {};
    this.strokes = [];
    this.active = null;
    canvas.addEventListener("pointerdown", function (e) { self.down(e); });
    canvas.addEventListener("pointermove", function (e) { self.move(e); });
    ["pointerup", "pointercancel", "lostpointercapture"].forEach(function (type) {
      canvas.addEventListener(type, function (e) { self.up(e); });
    });
    if (window.ResizeObserver) new ResizeObserver(function () { self.redraw(); }).observe(canvas);
    window.addEventListener("resize", function () { self.redraw(); }); // also a change of pixel density
    this.redraw();
  }

  SignaturePad.prototype = {
    point: function (e) {
      var r = this.canvas.getBoundingClientRect();
      var x = Math.min(Math.max(e.clientX - r.left, 0), r.width);
      var y = Math.min(Math.max(e.clientY - r.top, 0), r.height);
      return [Math.round(x / r.width * UNITS), Math.round(y / r.width * UNITS)];
    },
    down: function (e) {
      if (this.active || (e.pointerType === "mouse" && e.button !== 0)) return;
      e.preventDefault();
      try { this.canvas.setPointerCapture(e.pointerId); } catch (error) { /* already released */ }
      this.active = {id: e.pointerId, stroke: this.point(e)};
      this.strokes.push(this.active.stroke);
    },
    move: function (e) {
      if (!this.active || e.pointerId !== this.active.id) return;
      e.preventDefault();
      var s = this.active.stroke;
      var events = (e.getCoalescedEvents && e.getCoalescedEvents()) || [];
      (events.length ? events : [e]).forEach(function (ev) {
        var p = this.point(ev);
        if (p[0] === s[s.length - 2] && p[1] === s[s.length - 1]) return;
        s.push(p[0], p[1]);
        piece(this.context(), s, s.length / 2 - 1);
      }, this);
    },
    up: function (e) {
      if (!this.active || e.pointerId !== this.active.id) return;
      end(this.context(), this.active.stroke);
      this.active = null;
      this.onChange();
    },
    context: function () {
      return prepare(this.canvas, this.canvas.width, MIN_LINE_PX * (window.devicePixelRatio || 1));
    },
    redraw: function () {
      var r = this.canvas.getBoundingClientRect();
      if (!r.width) return; // hidden: redrawn when it is shown again
      var ratio = window.devicePixelRatio || 1;
      var width = Math.round(r.width * ratio), height = Math.round(r.height * ratio);
      if (this.canvas.width !== width) this.canvas.width = width;
      if (this.canvas.height !== height) this.canvas.height = height;
      var ctx = this.canvas.getContext("2d");
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, width, height);
      drawAll(this.context(), this.strokes);
    },
    setStrokes: function (strokes) {
      this.strokes = isStrokeList(strokes) ? strokes.map(function (s) { return s.slice(); }) : [];
      this.active = null;
      this.redraw();
    },
    undo: function () { this.strokes.pop(); this.redraw(); this.onChange(); },
    clear: function () { this.strokes = []; this.redraw(); this.onChange(); },
    isEmpty: function () { return this.strokes.length === 0; },
    toPNG: function (width) { return toPNG(this.strokes, width); }
  };

  SignaturePad.toPNG = toPNG;
  SignaturePad.isStrokeList = isStrokeList;
  ns.SignaturePad = SignaturePad;
})(window.handbookAgreement = window.handbookAgreement || {});
