// Span highlighting over the article text.
// The store's offsets count Unicode code points; JavaScript strings index UTF-16 code units, where a
// character outside the Basic Multilingual Plane (an emoji, a flag half) takes two. Every offset is
// converted through codePointMap before slicing, so spans after such characters stay on their words.
"use strict";

(function () {
  /** An array mapping each code-point offset (0..length) to its UTF-16 index in `text`. */
  function codePointMap(text) {
    const map = [0];
    let u16 = 0;
    for (const ch of text) {
      u16 += ch.length;
      map.push(u16);
    }
    return map;
  }

  /** The UTF-16 index of code-point offset `cp`, clamped to the text. */
  function toUtf16(map, cp) {
    if (cp == null || Number.isNaN(cp)) return null;
    return map[Math.max(0, Math.min(map.length - 1, cp))];
  }

  /**
   * Cut `text` into segments at every span boundary. `spans` are {start, end, kind, id, ...} with
   * code-point offsets. Returns [{text, spans: [covering spans]}] in order, covering the whole text.
   */
  function segments(text, spans) {
    const map = codePointMap(text);
    const usable = [];
    for (const s of spans) {
      const a = toUtf16(map, s.start);
      const b = toUtf16(map, s.end);
      if (a == null || b == null || b <= a) continue;
      usable.push(Object.assign({}, s, { a, b }));
    }
    const cuts = new Set([0, text.length]);
    for (const s of usable) {
      cuts.add(s.a);
      cuts.add(s.b);
    }
    const points = Array.from(cuts).sort((x, y) => x - y);
    const out = [];
    for (let i = 0; i < points.length - 1; i++) {
      const a = points[i];
      const b = points[i + 1];
      out.push({ text: text.slice(a, b), spans: usable.filter((s) => s.a <= a && s.b >= b) });
    }
    return out;
  }

  /** The text of a span, by code-point offsets. */
  function spanText(text, start, end) {
    const map = codePointMap(text);
    return text.slice(toUtf16(map, start), toUtf16(map, end));
  }

  window.NewsText = { codePointMap, toUtf16, segments, spanText };
})();
