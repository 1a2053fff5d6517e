/* What changed between two versions of the agreement, part by part and word by word (jsdiff, the
 * global Diff), from their canonical texts (agreement_hash.py documents the lines). Builds elements
 * with .textContent only: the texts may come from a record file. */
((ns) => {
  "use strict";

  // A canonical text → {title, organization, program, preamble, commitments: [{id, text, evaluation}], acknowledgements}
  function parts(text) {
    const p = {title: "", organization: "", program: "", preamble: [], commitments: [], acknowledgements: []};
    const byId = {};
    String(text).split("\n").forEach((line) => {
      let m = /^(commitment|evaluation) (\S+): (.*)$/.exec(line);
      if (m) {
        if (!byId[m[2]]) p.commitments.push(byId[m[2]] = {id: m[2], text: "", evaluation: ""});
        byId[m[2]][m[1] === "commitment" ? "text" : "evaluation"] = m[3];
        return;
      }
      m = /^([a-z]+): (.*)$/.exec(line);
      if (!m) return;
      if (m[1] === "preamble") p.preamble.push(m[2]);
      else if (m[1] === "acknowledgement") p.acknowledgements.push(m[2]);
      else if (m[1] in p) p[m[1]] = m[2];
    });
    p.preamble = p.preamble.join("\n");
    return p;
  }

  // [label, older text, current text] for every part of the agreement, commitments by id
  function pairs(older, current, words) {
    const fill = window.handbookFill, list = [
      [words.part_title, older.title, current.title],
      [words.part_organization, older.organization, current.organization],
      [words.part_program, older.program, current.program],
      [words.part_preamble, older.preamble, current.preamble]
    ];
    const old = {};
    older.commitments.forEach((c) => { old[c.id] = c; });
    current.commitments.forEach((c, i) => {
      const was = old[c.id] || {text: "", evaluation: ""};
      delete old[c.id];
      list.push([fill(words.part_commitment, {n: i + 1}), was.text, c.text],
                [fill(words.part_evaluation, {n: i + 1}), was.evaluation, c.evaluation]);
    });
    Object.keys(old).forEach((id) => {
      list.push([fill(words.part_removed, {id: id}), old[id].text + " " + old[id].evaluation, ""]);
    });
    const n = Math.max(older.acknowledgements.length, current.acknowledgements.length);
    for (let i = 0; i < n; i++) {
      list.push([fill(words.part_acknowledgement, {n: i + 1}), older.acknowledgements[i] || "",
                 current.acknowledgements[i] || ""]);
    }
    return list;
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  // One part's words: removed ones struck through, added ones underlined, each also named in words
  function diffLine(before, after, words) {
    const line = element("p", "", "hb-diff");
    Diff.diffWords(before, after).forEach((piece) => {
      if (!piece.added && !piece.removed) {
        line.appendChild(document.createTextNode(piece.value));
        return;
      }
      const mark = element(piece.added ? "ins" : "del");
      mark.appendChild(element("span", piece.added ? words.added : words.removed, "hb-visually-hidden"));
      mark.appendChild(document.createTextNode(piece.value));
      line.appendChild(mark);
    });
    return line;
  }

  // A section listing each part that differs, or saying that none does
  ns.changes = (olderText, currentText, olderVersion, words) => {
    const section = element("section", "", "hb-changes");
    section.appendChild(element("h3", window.handbookFill(words.changes_title, {version: olderVersion})));
    const changed = pairs(parts(olderText), parts(currentText), words).filter((p) => p[1] !== p[2]);
    if (!changed.length) section.appendChild(element("p", words.changes_none));
    changed.forEach((p) => {
      const part = section.appendChild(element("div", "", "hb-change"));
      part.appendChild(element("p", p[0], "hb-label"));
      part.appendChild(diffLine(p[1], p[2], words));
    });
    return section;
  };
  ns.changes.parts = parts;
})(window.handbookAgreement = window.handbookAgreement || {});
