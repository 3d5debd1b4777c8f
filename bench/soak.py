#!/usr/bin/env python3
"""A soak: a minute of mixed page and feed reads while an editor saves every second.

    .venv/bin/python bench/soak.py [--posts 1000] [--postgres] [--duration 60]

gunicorn with the production settings; wrk at 64 connections cycling through
pages and feeds (each save retires every cached response, so they are rebuilt
under load all along); meanwhile an admin script logs in and saves a post through
the admin's change form every second. Afterwards it checks that no answer was
outside 2xx/3xx, that every save is in the database and in the post's history in
the order made, whole (no save mixed into another), and that the page shows the
last one. Figures go to docs/BENCHMARKS.md.
"""

import argparse
import json
import re
import secrets
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

import html5lib
from report import write_section
from serve import PORTS, WORK, database, manage, page_paths, quire
from servers import fetch, quire_environment, wrk

MARKER = "Soak save {number}."
SAVED_POSTS = 10
# Seconds a reader waits for an answer (a feed reader waits longer); slower answers
# count as socket timeouts.
WAIT = 10
EDITOR = "soak-editor"

READS = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


class AdminSession:
    """An editor in the admin, through HTTP like a browser (cookies kept by hand: the
    production settings mark them Secure, and the soak speaks plain HTTP)."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = {}

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body)
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        opener = urllib.request.build_opener(NoRedirects)
        try:
            response = opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.read().decode()

    def log_in(self, username, password):
        _, page = self.request("/admin/login/")
        fields = form_fields(page, "login-form")
        fields.update(username=username, password=password, next="/admin/")
        status, _ = self.request("/admin/login/", fields)
        if status != 302:
            raise SystemExit("the soak editor could not log in")

    def save(self, post_id, body):
        """Open the post's change form and save it with ``body``: whether it saved, the
        answer, and the seconds opening and saving took."""
        path = f"/admin/blog/post/{post_id}/change/"
        started = time.monotonic()
        _, page = self.request(path)
        opened = time.monotonic()
        fields = form_fields(page, "post_form")
        fields.update(body=body, _save="Save")
        status, answer = self.request(path, fields)
        return status == 302, answer, (opened - started, time.monotonic() - opened)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def form_fields(page, form_id):
    """What a browser would submit from the form ``form_id`` (submit buttons aside)."""
    document = html5lib.parse(page, namespaceHTMLElements=False)
    form = next(f for f in document.iter("form") if f.get("id") == form_id)
    fields = {}
    for element in form.iter():
        name = element.get("name")
        if not name or element.get("disabled") is not None:
            continue
        if element.tag == "input":
            kind = element.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                continue
            if kind in ("checkbox", "radio"):
                if element.get("checked") is not None:
                    fields.setdefault(name, []).append(element.get("value", "on"))
                continue
            fields.setdefault(name, []).append(element.get("value", ""))
        elif element.tag == "textarea":
            fields.setdefault(name, []).append(element.text or "")
        elif element.tag == "select":
            options = list(element.iter("option"))
            chosen = [o for o in options if o.get("selected") is not None]
            if not chosen and element.get("multiple") is None and options:
                chosen = options[:1]
            fields[name] = [o.get("value", o.text or "") for o in chosen]
    return fields


def editor(env, base_url, post_ids, ready, stop, saves):
    """Start a save every second, on the posts in turn, until ``stop``; record what each
    save wrote. A save does not wait for the one before unless it is of the same post
    (an editor saves a post again once the last save is through), so under load
    several saves are in flight at once."""
    password = secrets.token_urlsafe(16)
    script = (
        "from django.contrib.auth import get_user_model\n"
        f"user, _ = get_user_model().objects.get_or_create(username={EDITOR!r})\n"
        "user.is_staff = user.is_superuser = True\n"
        f"user.set_password({password!r})\n"
        "user.save()\n"
    )
    try:
        manage(env, "shell", "--no-imports", "-c", script)
        session = AdminSession(base_url)
        session.log_in(EDITOR, password)
        originals = current_bodies(env, post_ids)
        turns = {post_id: threading.Lock() for post_id in post_ids}
    finally:
        ready.set()  # ready, or dead: the load waits for neither

    def save(number):
        post_id = post_ids[number % len(post_ids)]
        # The admin, like any Django form, trims the text it is sent: so does the editor.
        body = f"{originals[post_id].strip()}\n\n{MARKER.format(number=number)}"
        with turns[post_id]:
            saved, answer, (opening, saving) = session.save(post_id, body)
        saves.append(
            {
                "number": number,
                "post": post_id,
                "body": body,
                "saved": saved,
                "opening": opening,
                "saving": saving,
                "answer": "" if saved else answer,
            }
        )

    started, number, savers = time.monotonic(), 0, []
    while not stop.wait(max(0, started + number - time.monotonic())):
        number += 1
        savers.append(threading.Thread(target=save, args=(number,)))
        savers[-1].start()
    for saver in savers:
        saver.join()
    saves.sort(key=lambda save: save["number"])


def current_bodies(env, post_ids):
    posts = f"Post.objects.filter(pk__in={post_ids!r})"
    script = (
        "import json; from blog.models import Post; "
        f"print(json.dumps(dict({posts}.values_list('pk', 'body'))))"
    )
    stored = json.loads(manage(env, "shell", "--no-imports", "-c", script, capture=True))
    return {int(post_id): body for post_id, body in stored.items()}


CHECK = """
import json
from reversion.models import Version
from blog.models import Post
out = {}
for post_id in %s:
    post = Post.objects.get(pk=post_id)
    history = Version.objects.get_for_object(post).order_by("pk")
    out[post_id] = {"body": post.body, "versions": [v.field_dict["body"] for v in history],
                    "url": post.get_absolute_url()}
print(json.dumps(out))
"""


def check(env, base_url, saves):
    """Every save whole in the database and the history, in order; the page current."""
    post_ids = sorted({save["post"] for save in saves})
    stored = json.loads(manage(env, "shell", "--no-imports", "-c", CHECK % post_ids, capture=True))
    problems = [f"save {s['number']} was refused" for s in saves if not s["saved"]]
    for post_id in post_ids:
        made = [s["body"] for s in saves if s["post"] == post_id and s["saved"]]
        if not made:
            continue
        history = stored[str(post_id)]["versions"]
        if history[-len(made) :] != made:
            problems.append(
                f"post {post_id}: its history holds saves {save_numbers(history)}, "
                f"the saves made were {save_numbers(made)}"
            )
        if stored[str(post_id)]["body"] != made[-1]:
            problems.append(
                f"post {post_id}: the stored body holds saves "
                f"{save_numbers([stored[str(post_id)]['body']])}, the last save made "
                f"{save_numbers(made[-1:])}"
            )
        time.sleep(1.1)  # the page cache learns of a change within a second
        page, _ = fetch(base_url + stored[str(post_id)]["url"])
        last = made[-1].rsplit("\n", 1)[-1]
        if last not in page.decode():
            problems.append(f"post {post_id}: the page does not show the last save")
    return problems


def save_numbers(bodies):
    """The soak saves each body carries, e.g. ``[[3], [3, 13]]``."""
    return [[int(n) for n in re.findall(r"Soak save (\d+)\.", body)] for body in bodies]


def soak(arguments):
    database_url = database(arguments.posts, arguments.postgres)
    env = quire_environment(WORK, database_url, PORTS["quire"])
    with quire(database_url) as server:
        paths = page_paths(server)
        post_paths = reads(server, paths)
        post_ids = post_ids_of(env, post_paths[:SAVED_POSTS])
        script = Path(tempfile.mkdtemp()) / "reads.lua"
        script.write_text(READS % ", ".join(json.dumps(p) for p in post_paths))
        ready, stop, saves = threading.Event(), threading.Event(), []
        saver = threading.Thread(
            target=editor, args=(env, server.url(""), post_ids, ready, stop, saves)
        )
        saver.start()
        ready.wait()  # the editor has logged in before the load starts
        if not saver.is_alive():
            raise SystemExit("the soak editor could not start (see above)")
        load = wrk(
            server.url("/"),
            arguments.duration,
            arguments.connections,
            headers=["Accept-Encoding: br, gzip"],
            script=script,
            timeout=WAIT,
        )
        stop.set()
        saver.join()
        rss = server.worker_rss_mib()
        problems = check(env, server.url(""), saves)
    report(arguments, load, saves, problems, rss, len(post_paths))


def reads(server, paths):
    """The paths wrk cycles through: pages of every type, feeds in every format."""
    series, _ = fetch(server.url(paths["series"]))
    posts = sorted(set(re.findall(r'href="(/en/bench-series-0/[^"]+/)"', series.decode())))
    feeds = [
        "/en/index.xml",
        "/en/atom.xml",
        "/en/feed.json",
        "/en/bench-series-0/index.xml",
        "/en/tags/machine-learning/index.xml",
        paths["tag feed"],
    ]
    pages = [
        paths["home"],
        "/en/page/2/",
        paths["series"],
        paths["tag archive"],
        "/en/tags/",
        "/en/search/?q=gradient",
        "/sitemap.xml",
    ]
    return posts[:10] + pages + feeds


def post_ids_of(env, post_paths):
    script = (
        "from blog.models import Post\n"
        f"for path in {post_paths!r}:\n"
        "    lang, section, slug = path.strip('/').split('/')\n"
        "    print(Post.objects.get(language=lang, section=section, slug=slug).pk)\n"
    )
    return [
        int(line)
        for line in manage(env, "shell", "--no-imports", "-c", script, capture=True).split()
    ]


def report(arguments, load, saves, problems, rss, path_count):
    made = [s for s in saves if s["saved"]]
    slowest_open = max((s["opening"] for s in made), default=0)
    slowest_save = max((s["saving"] for s in made), default=0)
    database_name = "PostgreSQL" if arguments.postgres else "SQLite"
    verdict = "none" if not problems else "; ".join(problems)
    lines = [
        f"## Soak: {arguments.duration} s of reads while an editor saves every second "
        f"({database_name}, {arguments.posts:,} posts)",
        "",
        f"`.venv/bin/python bench/soak.py --posts {arguments.posts}"
        f"{' --postgres' if arguments.postgres else ''}` — wrk with "
        f"{arguments.connections} connections cycling through {path_count} pages and "
        f"feeds, waiting up to {WAIT} s for an answer; an admin script starting a save "
        "of a post through the admin's change form every second (each save retires "
        "every cached response).",
        "",
        "| requests | req/s | p50 ms | p99 ms | slowest ms | answers outside 2xx/3xx "
        "| socket errors | saves made | slowest form opening s | slowest save s | worker RSS MiB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        f"| {load['requests']:,} | {load['rps']:,.0f} | {load['p50']:.2f} | "
        f"{load['p99']:.2f} | {load['max']:.0f} | {load['errors']} | "
        f"{load['socket_errors'] or 'none'} | "
        f"{len(made)} of {len(saves)} | "
        f"{slowest_open:.2f} | {slowest_save:.2f} | {', '.join(f'{mib:.0f}' for mib in rss)} |",
        "",
        f"Lost, reordered or mixed saves, or a page behind the last save: {verdict}.",
    ]
    write_section(f"soak-{database_name.lower()}", "\n".join(lines))
    print("\n".join(lines))
    if problems or load["errors"]:
        raise SystemExit(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    soak(parser.parse_args())


if __name__ == "__main__":
    main()
