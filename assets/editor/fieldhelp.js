// Help at the post form's fields: the next part number when a series is chosen, and
// tag and category names in use offered while typing, with a hint when a new name
// looks like one in use ("Derivation" beside "Derivations").

async function getJSON(url) {
  const response = await fetch(url, { credentials: "same-origin" });
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

// The same test as the server's (blog/admin/fieldhelp.py), roughly: no case, no
// punctuation, no plural s, and at most a letter or two apart.
function key(name) {
  return name
    .toLowerCase()
    .replace(/[\W_]+/gu, " ")
    .trim()
    .replace(/(\w)s\b/gu, "$1");
}

function distance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

function nearDuplicates(name, terms) {
  const wanted = key(name);
  const allowed = wanted.length >= 8 ? 2 : 1;
  return terms.filter((term) => term.name !== name && distance(key(term.name), wanted) <= allowed);
}

function names(input) {
  return input.value.split(",").map((name) => name.trim());
}

function suggestTerms(config, field, kind) {
  const input = document.getElementById(field);
  if (!input || input.readOnly || !config.dataset.termsUrl) {
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

  function check() {
    const known = new Set(terms.map((term) => term.name));
    const hints = names(input)
      .filter((name) => name && !known.has(name))
      .map((name) => [name, nearDuplicates(name, terms)])
      .filter(([, similar]) => similar.length);
    hint.textContent = hints
      .map(([name, similar]) => {
        const shown = similar.map((term) => `“${term.name}” (${term.posts})`).join(", ");
        return `“${name}” is new; in use: ${shown}.`;
      })
      .join(" ");
  }

  async function offer() {
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
    check();
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
