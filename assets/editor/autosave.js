// Nothing typed is lost: the working copy (title, body, summary) is kept in this
// browser's localStorage as the author types, offered back — restore or discard —
// when the post is opened again with different text, and dropped once a save has
// gone through. Leaving the page with unsaved changes asks first.
//
// Why the browser and not the server: the commonest way to lose text is a lost
// connection or an expired session, exactly when a server-side autosave fails too;
// localStorage keeps every pause of typing with no request at all. The copy stays on
// this device (a different browser will not see it); the conflict check still holds,
// because a copy restored from an older version is submitted as of that version.

const PREFIX = "quire-working-copy:";
const DELAY = 800;
const SUBMITTED_WITHIN = 10 * 60 * 1000;

function read(key) {
  try {
    return JSON.parse(window.localStorage.getItem(key));
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false; // storage full or off: the beforeunload warning still guards the text
  }
}

function remove(key) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing kept, nothing to remove
  }
}

function sameFields(a, b) {
  return Object.keys({ ...a, ...b }).every((name) => (a[name] || "") === (b[name] || ""));
}

/** After a save went through (the admin says so), forget the copies just submitted. */
export function forgetSubmittedCopies() {
  if (!document.querySelector(".messagelist .success")) {
    return;
  }
  try {
    Object.keys(window.localStorage)
      .filter((key) => key.startsWith(PREFIX))
      .forEach((key) => {
        const copy = read(key);
        if (copy && copy.submittedAt && Date.now() - copy.submittedAt < SUBMITTED_WITHIN) {
          remove(key);
        }
      });
  } catch {
    // storage off: nothing was kept
  }
}

export class WorkingCopy {
  /**
   * key: this user and post; fields(): the current {name: text}; version: the form's
   * version field (the conflict check's); onStored(time) after each write.
   */
  constructor({ key, form, fields, version, onStored }) {
    this.key = PREFIX + key;
    this.form = form;
    this.fields = fields;
    this.version = version;
    this.onStored = onStored;
    this.loaded = fields();
    this.touched = false;
    this.submitting = false;
    this.paused = false;
    this.timer = null;
    form.addEventListener("input", () => this.changed());
    form.addEventListener("change", () => this.changed());
    form.addEventListener("submit", () => this.submitted());
    window.addEventListener("beforeunload", (event) => {
      if (this.dirty() && !this.submitting) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  dirty() {
    return this.touched || !sameFields(this.fields(), this.loaded);
  }

  /** The copy kept from an earlier visit, when its text differs from the form's. */
  earlier() {
    const copy = read(this.key);
    if (!copy || !copy.fields) {
      return null;
    }
    if (sameFields(copy.fields, this.loaded)) {
      return null;
    }
    return copy;
  }

  /** Hold writes while the author decides about an earlier copy. */
  pause() {
    this.paused = true;
  }

  resume() {
    this.paused = false;
    if (this.dirty()) {
      this.store();
    }
  }

  discard() {
    remove(this.key);
    this.resume();
  }

  changed() {
    this.touched = this.touched || this.dirty();
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.store(), DELAY);
  }

  store(extra = {}) {
    if (this.paused) {
      return;
    }
    const copy = { fields: this.fields(), version: this.version.value, savedAt: Date.now(), ...extra };
    if (write(this.key, copy)) {
      this.onStored(new Date(copy.savedAt));
    }
  }

  submitted() {
    this.submitting = true;
    window.clearTimeout(this.timer);
    if (!this.paused && this.dirty()) {
      this.store({ submittedAt: Date.now() });
    }
  }
}
