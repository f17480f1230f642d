/* Questions with feedback in the static book (see nakmodel/widgets/questions.py, docs/questions.md).
 *
 * A classic script (no modules, no fetch): works offline and from file://. Each
 * <div class="nak-questions"> holds its chapter's questions as JSON in a
 * <script type="application/json" class="nak-q-data"> (data, never executed, so a
 * Content-Security-Policy of script-src 'self' is kept). Nothing of an answer is in
 * the page's visible HTML until the student presses a button.
 */
(function () {
  "use strict";

  var counter = 0;

  function el(tag, attrs, html) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    if (html !== undefined) node.innerHTML = html; // the book's own question text (trusted, may hold <sub>)
    return node;
  }

  function button(text) {
    var b = el("button", { type: "button", className: "nak-q-button" });
    b.textContent = text;
    return b;
  }

  /* A number typed by a student: true minus or dash, decimal comma, a trailing unit, 6.2e2. */
  function parseNumber(text) {
    var s = String(text || "").trim().replace(/[\u2009\u202f]/g, "");
    s = s.replace(/\s*[A-Za-z\u00b5\u00b0%\/\u00b2]+[A-Za-z\u00b5\u00b0%\/\u00b2\s]*$/, "");
    s = s.replace(/(\d) (?=\d{3}\b)/g, "$1");
    var m = /^([+\-\u2212\u2013]?)\s*(\d+(?:[.,]\d*)?|[.,]\d+)(?:\s*[eE]\s*([+\-\u2212]?\d+))?$/.exec(s);
    if (!m) return null;
    var v = parseFloat(m[2].replace(",", "."));
    if (m[3]) v *= Math.pow(10, parseInt(m[3].replace("\u2212", "-"), 10));
    return m[1] && m[1] !== "+" ? -v : v;
  }

  function say(region, ok, body, head) {
    var mark = ok ? "\u2713" : "\u2717";
    region.className = "nak-q-feedback " + (ok ? "nak-q-right" : "nak-q-wrong");
    region.innerHTML = head
      ? "<p><b>" + mark + " " + head + "</b></p><p>" + body + "</p>"
      : "<p><b>" + mark + "</b> " + body + "</p>";
    typeset(region);
  }

  function note(region, text) {
    region.className = "nak-q-feedback nak-q-note";
    region.textContent = text;
  }

  function typeset(node) {
    var mj = window.MathJax;
    if (mj && mj.typesetPromise) mj.typesetPromise([node]).catch(function () {});
  }

  /* ---- predict-then-test against the explorer on the page (frontend/core/registry.js) ---- */

  function fmtSpec(value, spec) { /* Python's format(value, ".1f" / "+.1f"), with a true minus sign */
    var m = /^(\+?)\.(\d)f$/.exec(spec || ".1f");
    var text = value.toFixed(m ? parseInt(m[2], 10) : 1);
    if (m && m[1] && value >= 0) text = "+" + text;
    return text.replace("-", "\u2212");
  }

  function shown(c, v) {
    var text = typeof v === "number" ? String(Number(v.toPrecision(4))).replace("-", "\u2212") : String(v);
    return c.unit ? text + " " + c.unit : text;
  }

  function position(c, v) { return c.log ? Math.log10(v) : v; }

  /* What the student still has to set: every control at the question's `given` value, every other
     control and menu at its default (the key is computed that way). [] when all is as asked. */
  function settingProblems(q, spec, values) {
    var given = q.given || {};
    var out = [];
    (spec.controls || []).forEach(function (c) {
      var want = Object.prototype.hasOwnProperty.call(given, c.name) ? Number(given[c.name]) : c["default"];
      var have = values[c.name];
      var off = typeof have !== "number" || !isFinite(have) ||
        Math.abs(position(c, have) - position(c, want)) > c.step / 2 + 1e-9;
      if (off) out.push("<strong>" + c.label + "</strong> to " + shown(c, want) + " (now " + shown(c, have) + ")");
    });
    (spec.choices || []).forEach(function (c) {
      var want = Object.prototype.hasOwnProperty.call(given, c.name) ? String(given[c.name]) : c["default"];
      if (values[c.name] !== want) out.push("<strong>" + c.label + "</strong> to " + want);
    });
    return out;
  }

  /* The key's number in the explorer's live result: q.read is a dotted path ("vm", "E.K"). */
  function liveNumber(q, result) {
    if (!q.read || !result) return null;
    var v = result;
    q.read.split(".").forEach(function (k) { v = v == null ? undefined : v[k]; });
    return typeof v === "number" && isFinite(v) ? v * (q.read_scale || 1) : null;
  }

  function directionOf(delta, sameWithin) {
    var same = sameWithin === undefined ? 0.5 : sameWithin;
    return Math.abs(delta) <= same ? "same" : (delta > 0 ? "up" : "down");
  }

  function explorerOnPage(q) {
    var registry = window.nakExplorers || {};
    return q.explorer && registry[q.explorer] ? registry[q.explorer] : null;
  }

  /* Judge a committed prediction: with the explorer's live number if the explorer is on the page (once
     it is set as asked); without the explorer (not on this page), with the number nakmodel computed
     when the book was built. */
  function judgePrediction(q, option, box, feedback) {
    var head = function (ok) {
      return ok ? "Your prediction matches the model." : "The model disagrees with your prediction.";
    };
    var entry = explorerOnPage(q);
    if (entry) {
      var problems = settingProblems(q, entry.spec, entry.values());
      if (problems.length) {
        box.setAttribute("data-judged-by", "waiting");
        feedback.className = "nak-q-feedback nak-q-note";
        feedback.innerHTML = "<p>The explorer is not set as asked yet. Set " + problems.join("; ") +
          ", then press the button again.</p>";
        return;
      }
      var value = liveNumber(q, entry.result());
      if (value === null) { /* the explorer's last update failed: it shows its own message */
        box.setAttribute("data-judged-by", "waiting");
        feedback.className = "nak-q-feedback nak-q-note";
        feedback.innerHTML = "<p>The explorer has no result for this setting (see its message). " +
          "Change the setting, then press the button again.</p>";
        return;
      }
      var dir = directionOf(value - q.baseline, q.same_within);
      var ok = option.direction === dir;
      var text = q.explain_live.split("{result}").join(fmtSpec(value, q.format))
        .split("{change}").join(fmtSpec(value - q.baseline, "+" + (q.format || ".1f").replace(/^\+/, "")));
      box.setAttribute("data-judged-by", "explorer");
      box.setAttribute("data-live-value", String(value));
      say(feedback, ok, text + " <span class='nak-q-source'>(Read from the explorer on this page.)</span>",
          head(ok));
      return;
    }
    box.setAttribute("data-judged-by", "build");
    say(feedback, option.correct, q.explain, head(option.correct));
  }

  function radios(q, name, fieldset) {
    return q.options.map(function (o, i) {
      var id = name + "-" + i;
      var row = el("div", { className: "nak-q-option" });
      var input = el("input", { type: "radio", name: name, id: id, value: String(i) });
      var label = el("label", { "for": id }, o.text);
      row.appendChild(input);
      row.appendChild(label);
      fieldset.appendChild(row);
      return input;
    });
  }

  function chosen(inputs) {
    for (var i = 0; i < inputs.length; i++) if (inputs[i].checked) return i;
    return -1;
  }

  function render(q, number) {
    var id = "nak-q-" + (++counter);
    var box = el("fieldset", { className: "nak-question nak-q-" + q.kind, "data-qid": q.id });
    box.appendChild(el("legend", {}, "<b>" + number + ".</b> " + q.prompt));
    var feedback = el("div", { className: "nak-q-feedback", role: "status", "aria-live": "polite" });
    var actions = el("div", { className: "nak-q-actions" });

    if (q.kind === "choice") {
      var inputs = radios(q, id, box);
      var check = button("Check");
      check.addEventListener("click", function () {
        var i = chosen(inputs);
        if (i < 0) return note(feedback, "Choose an answer first.");
        var o = q.options[i];
        var exam = o.correct && q.exam ? "</p><p class='nak-q-exam'><b>In the exam:</b> " + q.exam : "";
        say(feedback, o.correct, o.feedback + exam);
      });
      actions.appendChild(check);
    } else if (q.kind === "numeric") {
      var row = el("div", { className: "nak-q-numeric-row" });
      var input = el("input", { type: "text", id: id, inputmode: "decimal", autocomplete: "off",
                                className: "nak-q-input" });
      row.appendChild(el("label", { "for": id }, "Your answer"));
      row.appendChild(input);
      row.appendChild(el("span", { className: "nak-q-unit" }, q.unit));
      box.appendChild(row);
      var checkN = button("Check");
      var hintB = button("Show a worked hint");
      var hint = el("div", { className: "nak-q-hint" });
      checkN.addEventListener("click", function () {
        var v = parseNumber(input.value);
        if (v === null) return note(feedback, "Type a number (for example \u221212.5); the unit is optional.");
        var ok = Math.abs(v - q.answer) <= q.tolerance;
        say(feedback, ok, ok ? q.feedback_right : q.feedback_wrong);
      });
      input.addEventListener("keydown", function (e) { if (e.key === "Enter") checkN.click(); });
      hintB.addEventListener("click", function () {
        hint.innerHTML = "<p><b>Hint:</b> " + q.hint + "</p>";
        typeset(hint);
      });
      actions.appendChild(checkN);
      actions.appendChild(hintB);
      box.appendChild(actions);
      box.appendChild(hint);
    } else if (q.kind === "predict") {
      var pinputs = radios(q, id, box);
      var commit = button("Commit my prediction");
      var reveal = button("I have tried it: show the model\u2019s result");
      var action = el("div", { className: "nak-q-action" });
      reveal.hidden = true;
      commit.addEventListener("click", function () {
        var i = chosen(pinputs);
        if (i < 0) return note(feedback, "Choose a prediction first.");
        pinputs.forEach(function (p) { p.disabled = true; });
        commit.disabled = true;
        note(feedback, "Prediction saved. Now test it in the explorer.");
        action.innerHTML = "<p><b>Now test it.</b> " + q.action + "</p>";
        reveal.hidden = false;
        reveal.focus();
      });
      reveal.addEventListener("click", function () {
        judgePrediction(q, q.options[chosen(pinputs)], box, feedback);
      });
      actions.appendChild(commit);
      box.appendChild(actions);
      box.appendChild(action);
      actions = el("div", { className: "nak-q-actions" });
      actions.appendChild(reveal);
    }
    if (!actions.parentNode) box.appendChild(actions);
    box.appendChild(feedback);
    return box;
  }

  function mount(container) {
    if (container.getAttribute("data-rendered")) return;
    var script = container.querySelector("script.nak-q-data");
    if (!script) return;
    var data = JSON.parse(script.textContent);
    var list = el("div", { className: "nak-q-list" });
    data.questions.forEach(function (q, i) { list.appendChild(render(q, i + 1)); });
    var nojs = container.querySelector(".nak-q-nojs");
    if (nojs) nojs.remove();
    container.appendChild(list);
    container.setAttribute("data-rendered", "true");
    typeset(list);
  }

  function mountAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".nak-questions"), mount);
  }

  window.nakQuestions = { parseNumber: parseNumber, mountAll: mountAll, settingProblems: settingProblems,
                          liveNumber: liveNumber, fmtSpec: fmtSpec };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
