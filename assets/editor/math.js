// TeX in Markdown: `$…$` and `$$…$$` as syntax nodes (so `_` and `*` inside math are
// never emphasis), their TeX highlighted by the stex mode, and the `$` partner of the
// delimiter at the cursor marked like a matching bracket (or as unmatched).
import { StreamLanguage, syntaxTree } from "@codemirror/language";
import { stex } from "@codemirror/legacy-modes/mode/stex";
import { RangeSetBuilder } from "@codemirror/state";
import { Decoration, ViewPlugin } from "@codemirror/view";
import { parseMixed } from "@lezer/common";
import { Tag, tags } from "@lezer/highlight";

const DOLLAR = 36;
const BACKSLASH = 92;
const MATH_NODES = new Set(["InlineMath", "DisplayMath"]);

export const mathTag = Tag.define();
const tex = StreamLanguage.define(stex);

function parseMath(cx, next, pos) {
  if (next !== DOLLAR) {
    return -1;
  }
  const display = cx.char(pos + 1) === DOLLAR;
  const width = display ? 2 : 1;
  for (let i = pos + width; i < cx.end; i++) {
    const char = cx.char(i);
    if (char === BACKSLASH) {
      i++;
    } else if (char === DOLLAR && (!display || cx.char(i + 1) === DOLLAR)) {
      if (i === pos + width) {
        return -1; // `$$` alone is not empty inline math
      }
      const marks = [cx.elt("MathMark", pos, pos + width), cx.elt("MathMark", i, i + width)];
      return cx.addElement(cx.elt(display ? "DisplayMath" : "InlineMath", pos, i + width, marks));
    }
  }
  return -1;
}

/** A @lezer/markdown extension: the site's math delimiters, TeX nested inside. */
export const mathSyntax = {
  defineNodes: [
    { name: "InlineMath", style: mathTag },
    { name: "DisplayMath", style: mathTag },
    { name: "MathMark", style: tags.processingInstruction },
  ],
  parseInline: [{ name: "Math", parse: parseMath, after: "InlineCode" }],
  wrap: parseMixed((node) => {
    if (!MATH_NODES.has(node.name)) {
      return null;
    }
    const width = node.name === "DisplayMath" ? 2 : 1;
    return { parser: tex.parser, overlay: [{ from: node.from + width, to: node.to - width }] };
  }),
};

const matched = Decoration.mark({ class: "cm-matchingBracket" });
const unmatched = Decoration.mark({ class: "cm-nonmatchingBracket" });

function mathAround(state, pos) {
  for (const side of [-1, 1]) {
    for (let node = syntaxTree(state).resolveInner(pos, side); node; node = node.parent) {
      if (MATH_NODES.has(node.name)) {
        return node;
      }
    }
  }
  return null;
}

function dollarDecorations(state) {
  const builder = new RangeSetBuilder();
  const pos = state.selection.main.head;
  const math = mathAround(state, pos);
  const width = math && math.name === "DisplayMath" ? 2 : 1;
  if (math && (pos <= math.from + width || pos >= math.to - width)) {
    builder.add(math.from, math.from + width, matched);
    builder.add(math.to - width, math.to, matched);
  } else if (!math) {
    const line = state.doc.lineAt(pos);
    const before = pos > line.from ? state.sliceDoc(pos - 1, pos) : "";
    const after = state.sliceDoc(pos, Math.min(pos + 1, line.to));
    const at = before === "$" ? pos - 1 : after === "$" ? pos : -1;
    const escaped = at > line.from && state.sliceDoc(at - 1, at) === "\\";
    const inCode = at >= 0 && /Code/.test(syntaxTree(state).resolveInner(at, 1).name);
    if (at >= 0 && !escaped && !inCode) {
      builder.add(at, at + 1, unmatched);
    }
  }
  return builder.finish();
}

/** Marks the `$`/`$$` pair of the math the cursor stands on, like bracketMatching. */
export const dollarMatching = ViewPlugin.fromClass(
  class {
    constructor(view) {
      this.decorations = dollarDecorations(view.state);
    }
    update(update) {
      if (update.docChanged || update.selectionSet || syntaxTree(update.state) !== syntaxTree(update.startState)) {
        this.decorations = dollarDecorations(update.state);
      }
    }
  },
  { decorations: (plugin) => plugin.decorations },
);
