// Help at the post form's fields: the next part number when a series is chosen, and
// tag and category names in use offered while typing, with a hint when a new name
// looks like one in use ("Derivation" beside "Derivations"). Which names look alike is
// the server's to say (blog/admin/fieldhelp.py), the rule its save warning follows.

const NEAR_TERMS_DELAY = 300; // ms without typing before the server is asked

async function getJSON(url, options = {}) {
  const response = await fetch(url, { credentials: "same-origin", ...options });
  if (!response.ok) {
    throw new Error(`${response.status} ${response.statusText}`);
  }
  return response.json();
}

// Select2 (the admin's autocomplete) announces a choice through jQuery only.
function onSelectChange(select, handler) {
  const jQuery = window.django && window.django.jQuery;
  if (jQuery) {
    jQuery(select).on("change", handler);
  } else {
    select.addEventListener("change", handler);
  }
}

function suggestPartNumber(config) {
  const series = document.getElementById("id_series");
  const order = document.getElementById("id_series_order");
  if (!series || !order || order.readOnly || !config.dataset.nextPartUrl) {
    return;
  }
  const hint = document.createElement("p");
  hint.className = "quire-field-hint";
  hint.setAttribute("role", "status");
  order.after(hint);
  onSelectChange(series, async () => {
    hint.textContent = "";
    if (!series.value) {
      return;
    }
    const url = `${config.dataset.nextPartUrl}?series=${encodeURIComponent(series.value)}`;
    const { next } = await getJSON(url);
    if (!order.value) {
      order.value = next;
      hint.textContent = `Part ${next}: the next after the series' highest.`;
    } else if (Number(order.value) !== next) {
      hint.textContent = `The next part after the series' highest would be ${next}.`;
    }
  });
}

function names(input) {
  return input.value.split(",").map((name) => name.trim());
}

function suggestTerms(config, field, kind) {
  const input = document.getElementById(field);
  if (!input || input.readOnly || !config.dataset.termsUrl || !config.dataset.nearTermsUrl) {
    return;
  }
  const listId = `${field}-terms`;
  const list = document.createElement("ul");
  list.id = listId;
  list.className = "quire-term-list";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  const hint = document.createElement("p");
  hint.className = "quire-field-hint";
  hint.setAttribute("role", "status");
  input.setAttribute("autocomplete", "off");
  input.setAttribute("aria-controls", listId);
  input.after(list, hint);
  let terms = null;

  async function load() {
    if (terms === null) {
      terms = (await getJSON(`${config.dataset.termsUrl}?kind=${kind}`)).terms;
    }
    return terms;
  }

  function choose(name) {
    const parts = names(input);
    parts[parts.length - 1] = name;
    input.value = `${parts.filter(Boolean).join(", ")}, `;
    list.hidden = true;
    input.focus();
    check();
  }

  let asking = null;

  async function askNearTerms() {
    asking?.abort();
    asking = new AbortController();
    if (!input.value.trim()) {
      hint.textContent = "";
      return;
    }
    const url = `${config.dataset.nearTermsUrl}?kind=${kind}&q=${encodeURIComponent(input.value)}`;
    let hints;
    try {
      ({ hints } = await getJSON(url, { signal: asking.signal }));
    } catch (error) {
      if (error.name === "AbortError") {
        return; // the author typed on; a newer question is under way
      }
      throw error;
    }
    hint.textContent = hints
      .map(({ name, similar }) => {
        const shown = similar.map((term) => `“${term.name}” (${term.posts})`).join(", ");
        return `“${name}” is new; in use: ${shown}.`;
      })
      .join(" ");
  }

  let waiting = null;

  function check() {
    clearTimeout(waiting);
    waiting = setTimeout(askNearTerms, NEAR_TERMS_DELAY);
  }

  async function offer() {
    check();
    await load();
    const typed = names(input).pop().toLowerCase();
    list.replaceChildren();
    if (typed) {
      const matches = terms.filter((term) => term.name.toLowerCase().includes(typed)).slice(0, 8);
      for (const term of matches) {
        const item = document.createElement("li");
        item.setAttribute("role", "option");
        item.textContent = `${term.name} (${term.posts})`;
        item.addEventListener("mousedown", (event) => {
          event.preventDefault();
          choose(term.name);
        });
        list.append(item);
      }
    }
    list.hidden = list.children.length === 0;
  }

  input.addEventListener("input", offer);
  input.addEventListener("blur", () => {
    list.hidden = true;
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      list.hidden = true;
    } else if (event.key === "Enter" && !list.hidden && list.firstChild) {
      event.preventDefault();
      choose(list.firstChild.textContent.replace(/ \(\d+\)$/u, ""));
    }
  });
}

export function setupFieldHelp() {
  const config = document.getElementById("quire-editor");
  if (!config) {
    return;
  }
  suggestPartNumber(config);
  suggestTerms(config, "id_tags", "tags");
  suggestTerms(config, "id_categories", "categories");
}
