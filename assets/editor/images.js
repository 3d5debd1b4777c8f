// Images by button, paste or drop: stored by the upload endpoint, their figure
// Markdown inserted where the cursor (or the drop) was, as a block of its own.
import { postForm } from "./http.js";

export const IMAGE_TYPES = "image/png,image/jpeg,image/gif,image/webp";

function insertBlock(view, pos, text) {
  const before = view.state.sliceDoc(Math.max(0, pos - 2), pos);
  const lead = pos === 0 || before === "\n\n" ? "" : before.endsWith("\n") ? "\n" : "\n\n";
  const insert = `${lead}${text}\n\n`;
  view.dispatch({
    changes: { from: pos, insert },
    selection: { anchor: pos + insert.length },
    scrollIntoView: true,
    userEvent: "input.paste",
  });
}

export async function uploadImages(url, files, view, pos, say) {
  let at = pos;
  for (const file of files) {
    const data = new FormData();
    data.append("image", file);
    say(`Uploading ${file.name}…`);
    try {
      const stored = await postForm(url, data);
      at = Math.min(at, view.state.doc.length);
      insertBlock(view, at, stored.markdown);
      at = view.state.selection.main.head;
      say("Image inserted.");
    } catch (error) {
      say(error.message);
      return;
    }
  }
}
