// What would stop a save or break the page, shown before saving: math KaTeX cannot
// typeset (line, expression, message) and unbalanced `$`. Each entry jumps to its
// line; the lines are also marked in the editor's gutter.
import { setDiagnostics } from "@codemirror/lint";
import { EditorView } from "@codemirror/view";

/** The problems of a preview answer: the checks saving applies, and the math the
 * server's KaTeX refused. */
export function problemsOf(answer) {
  const math = answer.math_errors || [];
  const checks = (answer.problems || []).map((problem) => ({ ...problem, expression: "" }));
  return [...checks, ...math].map((problem) => ({
    line: Math.max(1, Number(problem.line) || 1),
    expression: problem.expression || "",
    message: problem.message || "",
  }));
}

/** Where in the source `expression` is: its own line when it can be found near `line`. */
function locate(doc, problem) {
  let line = Math.min(problem.line, doc.lines);
  const tex = problem.expression.replace(/^\$+|\$+$/g, "").split("\n")[0].trim();
  if (tex) {
    for (let number = line; number <= Math.min(doc.lines, line + 200); number++) {
      if (doc.line(number).text.includes(tex)) {
        line = number;
        break;
      }
    }
  }
  return doc.line(line);
}

export function jumpTo(view, line) {
  view.dispatch({
    selection: { anchor: line.from },
    effects: EditorView.scrollIntoView(line.from, { y: "center" }),
  });
  view.focus();
}

export function showProblems(panel, list, view, problems) {
  const located = problems.map((problem) => ({ ...problem, at: locate(view.state.doc, problem) }));
  list.replaceChildren(
    ...located.map((problem) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "quire-problem";
      const where = document.createElement("strong");
      where.textContent = `Line ${problem.at.number}`;
      button.append(where);
      if (problem.expression) {
        const code = document.createElement("code");
        code.textContent = problem.expression;
        button.append(" ", code);
      }
      button.append(` ${problem.message}`);
      button.addEventListener("click", () => jumpTo(view, problem.at));
      item.append(button);
      return item;
    }),
  );
  panel.hidden = located.length === 0;
  const diagnostics = located.map((problem) => ({
    from: problem.at.from,
    to: problem.at.to,
    severity: "error",
    message: [problem.expression, problem.message].filter(Boolean).join(": "),
  }));
  view.dispatch(setDiagnostics(view.state, diagnostics));
}
