"""Quire against Hugo itself for pages that are not posts and for sitemaps: the test
site with an about page and an archive (``_build.list: never``) and Hugo's sitemaps
turned on, built by the real ``hugo`` binary and imported into Quire."""

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from blog.hugo.importer import HugoImporter

from .hugo_binary import hugo_build

SITE = Path(__file__).resolve().parent / "hugo_site"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NOT_LISTED = "_build:\n  list: never\n  render: always\n"
PAGES = {
    "about.md": f"---\ntitle: About\ntype: about\nlayout: about\n{NOT_LISTED}---\nWho writes.\n",
    "archives.md": f"---\ntitle: Archives\ntype: archives\nlayout: archives\n{NOT_LISTED}---\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = tmp_path_factory.mktemp("hugo-pages") / "site"
    shutil.copytree(SITE, site)
    config = site / "hugo.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('disableKinds = ["sitemap"]\n', ""),
        encoding="utf-8",
    )
    for name, text in PAGES.items():
        (site / "content" / "en" / name).write_text(text, encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def hugo_output(site, tmp_path_factory):
    return hugo_build(site, tmp_path_factory.mktemp("hugo-pages-public"))


@pytest.fixture
def imported(db, settings, tmp_path, site, hugo_output):
    settings.SITE_URL = "https://example.org"
    settings.TIME_ZONE = "Asia/Shanghai"
    settings.MEDIA_ROOT = tmp_path / "media"
    assert HugoImporter(site).run().failed == []
    return hugo_output


def locations(content):
    return [loc.text for loc in ET.fromstring(content).iter(f"{SITEMAP}loc")]


def test_the_sitemap_index_names_the_same_sitemaps_as_hugos(imported, client):
    hugo = locations((imported / "sitemap.xml").read_bytes())
    assert locations(client.get("/sitemap.xml").content) == hugo


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_address_in_a_language_sitemap_is_in_hugos(imported, client, lang):
    """Hugo's also names every term and section page, which Quire's leaves out."""
    hugo = set(locations((imported / lang / "sitemap.xml").read_bytes()))
    ours = locations(client.get(f"/{lang}/sitemap.xml").content)
    assert ours and set(ours) <= hugo


@pytest.mark.parametrize("name", ["about", "archives"])
def test_hugo_and_quire_serve_the_page_and_list_it_nowhere(imported, client, name):
    assert (imported / "en" / name / "index.html").is_file()
    assert client.get(f"/en/{name}/").status_code == 200
    address = f"https://example.org/en/{name}/"
    for written in ("sitemap.xml", "index.xml"):
        assert address not in (imported / "en" / written).read_text(encoding="utf-8")
        assert address not in client.get(f"/en/{written}").content.decode()
