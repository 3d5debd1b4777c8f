// The CodeMirror editor for a post's Markdown: line numbers, search and replace,
// history, bracket and `$` matching, Markdown/TeX/code highlighting as CSS classes
// (styled, light and dark, by quire-editor.css), and the author's shortcuts.
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { markdown, markdownKeymap, markdownLanguage } from "@codemirror/lang-markdown";
import {
  bracketMatching,
  foldGutter,
  foldKeymap,
  indentOnInput,
  syntaxHighlighting,
} from "@codemirror/language";
import { languages } from "@codemirror/language-data";
import { lintGutter } from "@codemirror/lint";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { EditorSelection, EditorState } from "@codemirror/state";
import {
  EditorView,
  crosshairCursor,
  drawSelection,
  dropCursor,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
} from "@codemirror/view";
import { tagHighlighter, tags } from "@lezer/highlight";
import { dollarMatching, mathSyntax, mathTag } from "./math.js";

const highlighter = tagHighlighter([
  { tag: tags.heading, class: "tok-heading" },
  { tag: tags.emphasis, class: "tok-emphasis" },
  { tag: tags.strong, class: "tok-strong" },
  { tag: tags.strikethrough, class: "tok-strikethrough" },
  { tag: [tags.link, tags.url], class: "tok-link" },
  { tag: tags.monospace, class: "tok-code" },
  { tag: tags.quote, class: "tok-quote" },
  { tag: [tags.processingInstruction, tags.contentSeparator], class: "tok-mark" },
  { tag: mathTag, class: "tok-math" },
  { tag: [tags.keyword, tags.tagName, tags.controlKeyword, tags.operatorKeyword], class: "tok-keyword" },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], class: "tok-string" },
  { tag: [tags.number, tags.bool, tags.atom], class: "tok-number" },
  { tag: [tags.comment, tags.meta], class: "tok-comment" },
  { tag: [tags.definition(tags.variableName), tags.function(tags.variableName)], class: "tok-definition" },
  { tag: [tags.typeName, tags.className], class: "tok-type" },
  { tag: [tags.bracket, tags.operator], class: "tok-operator" },
  { tag: tags.invalid, class: "tok-invalid" },
]);

/** Wrap each selection in `mark` (or unwrap it when it is wrapped already). */
export function wrapWith(mark) {
  return (view) => {
    const { state } = view;
    const changes = state.changeByRange((range) => {
      const before = state.sliceDoc(range.from - mark.length, range.from);
      const after = state.sliceDoc(range.to, range.to + mark.length);
      if (before === mark && after === mark) {
        return {
          changes: [
            { from: range.from - mark.length, to: range.from },
            { from: range.to, to: range.to + mark.length },
          ],
          range: EditorSelection.range(range.from - mark.length, range.to - mark.length),
        };
      }
      return {
        changes: [
          { from: range.from, insert: mark },
          { from: range.to, insert: mark },
        ],
        range: EditorSelection.range(range.from + mark.length, range.to + mark.length),
      };
    });
    view.dispatch(state.update(changes, { scrollIntoView: true, userEvent: "input" }));
    view.focus();
    return true;
  };
}

/** Display math on lines of its own around the selection (or an empty one). */
export function displayMath(view) {
  const { state } = view;
  const changes = state.changeByRange((range) => {
    const selected = state.sliceDoc(range.from, range.to);
    const startsLine = range.from === state.doc.lineAt(range.from).from;
    const open = (startsLine ? "" : "\n") + "$$\n";
    const text = `${open}${selected}\n$$\n`;
    const cursor = range.from + open.length + selected.length;
    return {
      changes: { from: range.from, to: range.to, insert: text },
      range: EditorSelection.cursor(cursor),
    };
  });
  view.dispatch(state.update(changes, { scrollIntoView: true, userEvent: "input" }));
  view.focus();
  return true;
}

export const shortcuts = [
  { key: "Mod-b", run: wrapWith("**"), label: "Bold" },
  { key: "Mod-i", run: wrapWith("*"), label: "Italic" },
  { key: "Mod-m", run: wrapWith("$"), label: "Inline math" },
  { key: "Mod-Shift-m", run: displayMath, label: "Display math" },
];

/**
 * An editor holding `doc`, inside `parent` in the shadow root `root`.
 * options: label (its accessible name), onChange(view), onCursor(view),
 * onFiles(files, view, pos) for pasted or dropped images.
 */
export function createEditor(parent, doc, options) {
  const imagesIn = (transfer) =>
    Array.from((transfer && transfer.files) || []).filter((file) => file.type.startsWith("image/"));
  const extensions = [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    foldGutter(),
    lintGutter(),
    drawSelection(),
    dropCursor(),
    EditorState.allowMultipleSelections.of(true),
    indentOnInput(),
    syntaxHighlighting(highlighter),
    bracketMatching(),
    dollarMatching,
    closeBrackets(),
    EditorState.languageData.of(() => [{ closeBrackets: { brackets: ["(", "[", "{"] } }]),
    rectangularSelection(),
    crosshairCursor(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    search({ top: true }),
    EditorView.lineWrapping,
    markdown({ base: markdownLanguage, codeLanguages: languages, extensions: [mathSyntax] }),
    keymap.of([
      ...shortcuts.map(({ key, run }) => ({ key, run, preventDefault: true })),
      ...closeBracketsKeymap,
      ...markdownKeymap,
      ...defaultKeymap,
      ...searchKeymap,
      ...historyKeymap,
      ...foldKeymap,
    ]),
    EditorView.contentAttributes.of({
      "aria-label": options.label,
      spellcheck: "true",
      autocapitalize: "sentences",
    }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) {
        options.onChange(update.view);
      }
      if (update.docChanged || update.selectionSet) {
        options.onCursor(update.view);
      }
    }),
    EditorView.domEventHandlers({
      paste(event, view) {
        const files = imagesIn(event.clipboardData);
        if (!files.length) {
          return false;
        }
        event.preventDefault();
        options.onFiles(files, view, view.state.selection.main.head);
        return true;
      },
      drop(event, view) {
        const files = imagesIn(event.dataTransfer);
        if (!files.length) {
          return false;
        }
        event.preventDefault();
        const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
        options.onFiles(files, view, pos ?? view.state.selection.main.head);
        return true;
      },
    }),
  ];
  return new EditorView({ parent, root: options.root, state: EditorState.create({ doc, extensions }) });
}
