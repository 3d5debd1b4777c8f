"""An import killed (SIGKILL) halfway leaves the database and the media as they were,
and running it again imports everything. Real subprocesses, real kills."""

import io
import os
import shutil
import signal
from pathlib import Path

import pytest
from PIL import Image

from .scratch import Project, scratch_database

TEST_SITE = Path(__file__).resolve().parent / "hugo_site"
BULK_POSTS = 300
KILL_AFTER = 60  # pages done, as the importer's -v 2 output says


def png(number):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (number % 256, 40, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def write_bulk_section(site, count):
    """``count`` page bundles, each with a figure, in a section imported last."""
    for number in range(count):
        bundle = site / "content/en/zzz-bulk" / f"post-{number:03d}"
        bundle.mkdir(parents=True)
        (bundle / "figure.png").write_bytes(png(number))
        (bundle / "index.md").write_text(
            f'---\ntitle: "Bulk post {number}"\ndate: 2024-01-01 09:{number % 60:02d}:00\n'
            f"tags: [bulk, t{number % 7}]\n---\n"
            f"Post {number} sums $x_{{{number}}}$.\n\n![A figure](figure.png)\n\n"
            + "A paragraph to render. " * 40
            + "\n",
            encoding="utf-8",
        )


def edit_existing_page(site):
    page = site / "content/en/notes/First-Note.md"
    page.write_text(page.read_text().replace("The first note.", "The first note, edited."))


def write_feed(path, count, edited=False):
    """An RSS feed of ``count`` posts; ``edited`` changes the first one's body."""
    items = "".join(
        f"<item><title>Feed post {number}</title>"
        f"<link>https://example.com/en/feed-posts/post-{number:03d}/</link>"
        f"<pubDate>Tue, 20 Jan 2026 09:{number % 60:02d}:00 +0000</pubDate>"
        f"<description>&lt;p&gt;Post {number}{' edited' if edited and number == 0 else ''}"
        f" sums $x_{number}$. {'Words to render. ' * 40}&lt;/p&gt;</description></item>"
        for number in range(count)
    )
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Topic on Site</title><link>https://example.com/en/tags/topic/</link>"
        f"<description>d</description>{items}</channel></rss>"
    )
    return path


def hugo_scenario(folder):
    """The test site imported; then the same site with an edit and many bundles."""
    site = folder / "site"
    shutil.copytree(TEST_SITE, site)
    yield "import_hugo", site
    write_bulk_section(site, BULK_POSTS)
    edit_existing_page(site)
    yield "import_hugo", site
    yield f"posts: {BULK_POSTS} created, 1 updated"


def feed_scenario(folder):
    """A short feed imported; then a long one whose first item was edited."""
    yield "import_feed", write_feed(folder / "short.xml", 3)
    yield "import_feed", write_feed(folder / "long.xml", BULK_POSTS, edited=True)
    yield f"{BULK_POSTS - 3} created, 1 updated"


def run_until_killed(project, command):
    """Start ``command`` at ``-v 2``; SIGKILL it once KILL_AFTER items are done."""
    process = project.start(*command, "--verbosity", 2)
    seen = []
    for line in process.stdout:
        if line.startswith(("created:", "updated:", "unchanged:", "failed:")):
            seen.append(line)
        if len(seen) == KILL_AFTER:
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=60)
    process.stdout.close()
    return process.returncode, seen


@pytest.fixture(scope="module", params=[hugo_scenario, feed_scenario], ids=["hugo", "feed"])
def killed(request, tmp_path_factory):
    """A database holding a first import; then a bigger import killed halfway."""
    folder = tmp_path_factory.mktemp("killed")
    scenario = request.param(folder)
    with scratch_database(folder, "killed") as url:
        project = Project(url, folder / "media")
        project.run("migrate", "--verbosity", 0)
        project.run(*next(scenario))
        before = {"database": project.database(), "media": project.media()}
        command = next(scenario)
        returncode, seen = run_until_killed(project, command)
        yield {
            "project": project,
            "command": command,
            "rerun": next(scenario),
            "before": before,
            "returncode": returncode,
            "seen": seen,
        }


def test_the_import_was_killed_while_importing(killed):
    assert killed["returncode"] == -signal.SIGKILL
    assert len(killed["seen"]) == KILL_AFTER < BULK_POSTS
    assert any(line.startswith("updated: ") for line in killed["seen"])
    assert sum(line.startswith("created: ") for line in killed["seen"]) > KILL_AFTER / 2


def test_a_killed_import_leaves_every_row_as_it_was(killed):
    assert killed["project"].database() == killed["before"]["database"]


def test_a_killed_import_leaves_no_media_behind(killed):
    assert killed["project"].media() == killed["before"]["media"]


def test_running_again_after_the_kill_imports_everything(killed):
    project = killed["project"]
    assert killed["rerun"] in project.run(*killed["command"])
    rows = project.database()
    files = {row["fields"]["file"] for row in rows if row["model"] == "blog.postfile"}
    assert set(project.media()) == files
