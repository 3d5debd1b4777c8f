"""What the reading pages carry besides the text: contents, reading time, related
posts, translations, search, sitemaps, social cards, security headers, weight."""

import gzip
import json
import re
import xml.etree.ElementTree as ET

import brotli
import html5lib
import polib
import pytest
from django.conf import settings

from blog.search.query import parse
from blog.templatetags.quire import accent

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def document(response):
    return html5lib.parse(response.content, namespaceHTMLElements=False)


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Run the on-commit work (the search index) of what the test creates inside it."""

    def run(create):
        with django_capture_on_commit_callbacks(execute=True):
            return create()

    return run


def test_a_post_lists_its_contents(client, make_post):
    make_post(slug="toc", body="## First\n\ntext\n\n### Inner\n\n## Second\n\nmore")
    toc = document(client.get("/en/standalone/toc/")).find(".//nav[@class='toc']")
    assert [a.get("href") for a in toc.iter("a")] == ["#first", "#inner", "#second"]


def test_a_short_post_has_no_contents_box(client, make_post):
    make_post(slug="short", body="## Only one heading\n\ntext")
    assert 'class="toc"' not in client.get("/en/standalone/short/").content.decode()


@pytest.mark.parametrize(
    ("body", "minutes"),
    [("word " * 213, 1), ("word " * 1000, 5), ("汉" * 1500, 3), ("", 0)],
)
def test_reading_time_counts_words_and_cjk_characters(make_post, body, minutes):
    assert make_post(body=body or "$x$").reading_minutes == (minutes or 1)


def test_related_posts_share_tags_most_first(client, make_post):
    make_post(slug="me", tags=["A", "B", "C"])
    make_post(slug="one-shared", title="One shared", tags=["A"])
    make_post(slug="two-shared", title="Two shared", tags=["A", "B"])
    make_post(slug="none-shared", title="None shared", tags=["Z"])
    related = document(client.get("/en/standalone/me/")).find(".//section[@class='related']")
    assert [a.text for a in related.iter("a")] == ["Two shared", "One shared"]


def test_related_posts_weigh_a_rare_shared_tag_above_common_ones(client, make_post):
    make_post(slug="me", tags=["Common", "Also common", "Rare"])
    for number in range(6):
        make_post(slug=f"filler-{number}", title=f"Filler {number}", tags=["Common", "Also common"])
    make_post(slug="rare", title="Shares the rare tag", tags=["Rare"])
    related = document(client.get("/en/standalone/me/")).find(".//section[@class='related']")
    assert related.find(".//a").text == "Shares the rare tag"


def test_related_posts_weigh_rarity_by_the_number_of_posts_not_their_ids(client, make_post):
    make_post(id=100_000, slug="me", tags=["Common", "Also common", "Rare"])
    for number in range(6):
        make_post(slug=f"filler-{number}", title=f"Filler {number}", tags=["Common", "Also common"])
    make_post(slug="rare", title="Shares the rare tag", tags=["Rare"])
    related = document(client.get("/en/standalone/me/")).find(".//section[@class='related']")
    assert related.find(".//a").text == "Shares the rare tag"


def test_related_posts_take_at_most_two_of_one_series_while_others_remain(
    client, make_post, make_series
):
    crowded = make_series(slug="crowded", title="Crowded")
    make_post(slug="me", tags=["A", "B"])
    for number in (1, 2, 3):
        make_post(
            section="crowded",
            slug=f"c{number}",
            title=f"Crowded {number}",
            series=crowded,
            series_order=number,
            tags=["A", "B"],
        )
    make_post(slug="loose", title="Loose", tags=["A"])
    related = document(client.get("/en/standalone/me/")).find(".//section[@class='related']")
    assert [a.text for a in related.iter("a")] == ["Crowded 1", "Crowded 2", "Loose", "Crowded 3"]


def test_related_posts_come_from_the_posts_last_added_to_each_shared_tag(
    client, make_post, monkeypatch
):
    monkeypatch.setattr("blog.related.POOL_PER_TAG", 2)
    make_post(slug="old", title="Old, shares both", tags=["A", "B"])
    make_post(slug="me", tags=["A", "B"])
    for number, tag in [(1, "A"), (2, "A"), (3, "B"), (4, "B")]:
        make_post(slug=f"new-{number}", title=f"New {number}", tags=[tag])
    related = document(client.get("/en/standalone/me/")).find(".//section[@class='related']")
    assert [a.text for a in related.iter("a")] == ["New 1", "New 2", "New 3", "New 4"]


def test_a_listing_card_shows_no_summary_markup_nor_its_heading_ids(client, make_post):
    make_post(slug="long", body="## What you will learn\n\nIntro.\n\n<!--more-->\n\nRest.")
    make_post(slug="other", body="## What you will learn\n\nMore.")
    home = client.get("/en/").content.decode()
    assert 'id="what-you-will-learn"' not in home
    assert "<h3" not in home and '<p class="post-card-lead">What you will learn Intro.' in home


def test_a_listing_card_leads_with_the_description_when_there_is_one(client, make_post):
    make_post(slug="described", description="What this post is for.", body="Body words.")
    card = document(client.get("/en/")).find(".//article[@class='post-card']")
    assert card.find(".//p[@class='post-card-lead']").text == "What this post is for."


def test_a_listing_card_names_its_series_and_part(client, make_post, make_series):
    series = make_series(title="Gradients")
    make_post(slug="part", series=series, series_order=4)
    chip = document(client.get("/en/")).find(f".//p[@class='series-chip {accent(series)}']")
    assert chip.find("a").text == "Gradients"
    assert chip.find("span").text == "part 4"


def test_a_post_links_its_translation_and_declares_hreflang(client, make_post):
    make_post(slug="hello", title="Hello", translation_key="hello")
    make_post(slug="hello", title="你好", language="zh", translation_key="hello")
    page = document(client.get("/en/standalone/hello/"))
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in page.iter("link")
        if link.get("rel") == "alternate" and link.get("hreflang")
    }
    assert alternates == {
        "en": "https://www.chenk.top/en/standalone/hello/",
        "zh-CN": "https://www.chenk.top/zh/standalone/hello/",  # the language's code
    }
    switch = {
        a.get("hreflang"): a.get("href")
        for a in page.find(".//nav[@class='language-nav']").iter("a")
    }
    assert switch["zh-CN"] == "/zh/standalone/hello/"


def test_the_language_switch_falls_back_to_the_other_home_page(client, make_post):
    make_post(slug="only-english")
    page = document(client.get("/en/standalone/only-english/"))
    switch = {
        a.get("hreflang"): a.get("href")
        for a in page.find(".//nav[@class='language-nav']").iter("a")
    }
    assert switch == {"en": "/en/", "zh-CN": "/zh/"}


def test_the_interface_speaks_chinese_on_chinese_pages(client, make_post):
    make_post(language="zh", slug="zh-post", title="中文", body="## 一\n\n正文\n\n## 二\n\n正文")
    content = client.get("/zh/standalone/zh-post/").content.decode()
    assert "目录" in content
    assert "跳到正文" in content
    assert 'lang="zh-CN"' in content


def test_every_interface_string_has_a_chinese_translation():
    catalog = polib.pofile(settings.LOCALE_PATHS[0] / "zh_Hans/LC_MESSAGES/django.po")
    assert catalog.untranslated_entries() == []
    assert catalog.fuzzy_entries() == []


def test_the_compiled_catalog_matches_its_source():
    folder = settings.LOCALE_PATHS[0] / "zh_Hans/LC_MESSAGES"
    source = {entry.msgid: entry.msgstr for entry in polib.pofile(folder / "django.po")}
    compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(folder / "django.mo")}
    assert compiled == source


def test_series_index_shows_parts_dates_and_reading_time(client, make_post, make_series):
    series = make_series(slug="gd", title="Gradient descent")
    make_post(series=series, series_order=1, section="gd", slug="a", body="word " * 400)
    make_post(series=series, series_order=2, section="gd", slug="b", body="word " * 400)
    content = client.get("/en/series/").content.decode()
    assert "2 parts" in content
    assert "4 min read" in content
    assert content.count("<time") == 2


@pytest.mark.parametrize(
    ("query", "groups", "excluded"),
    [
        ("gradient descent", [["gradient"], ["descent"]], []),
        ('"second order" -naive', [["second order"]], ["naive"]),
        ("kernel OR boosting trees", [["kernel", "boosting"], ["trees"]], []),
        ('   "unclosed', [["unclosed"]], []),
        ("OR", [], []),
    ],
)
def test_queries_are_read_like_web_searches(query, groups, excluded):
    parsed = parse(query)
    assert (parsed.groups, parsed.excluded) == (groups, excluded)


def test_search_finds_a_post_by_a_word_of_its_body(client, make_post, indexed):
    indexed(lambda: make_post(slug="kkt", title="Duality", body="The Karush conditions hold."))
    results = document(client.get("/en/search/?q=karush")).find(".//ol[@class='search-results']")
    assert [a.text for a in results.iter("a")] == ["Duality"]
    assert results.find(".//mark").text.lower() == "karush"


def test_search_finds_chinese_words_inside_sentences(client, make_post, indexed):
    indexed(
        lambda: make_post(
            language="zh", slug="la", title="矩阵", body="我们讨论线性代数的基本概念。"
        )
    )
    for query in ("线性代数", "代数", "概念"):
        content = client.get(f"/zh/search/?q={query}").content.decode()
        assert "矩阵" in content, query


def test_search_ranks_title_matches_above_body_matches(client, make_post, indexed):
    indexed(lambda: make_post(slug="body", title="Something else", body="About entropy."))
    indexed(lambda: make_post(slug="title", title="Entropy", body="Unrelated text."))
    titles = [a.text for a in document(client.get("/en/search/?q=entropy")).findall(".//h2/a")]
    assert titles[:2] == ["Entropy", "Something else"]


def test_search_leaves_out_excluded_words_and_unpublished_posts(
    client, make_post, indexed, tomorrow
):
    indexed(lambda: make_post(slug="a", title="Bayes naive", body="bayes naive"))
    indexed(lambda: make_post(slug="b", title="Bayes full", body="bayes networks"))
    indexed(lambda: make_post(slug="c", title="Bayes future", body="bayes", published_at=tomorrow))
    content = client.get("/en/search/?q=bayes+-naive").content.decode()
    assert "Bayes full" in content
    assert "Bayes naive" not in content
    assert "Bayes future" not in content


def test_search_only_looks_in_the_pages_language(client, make_post, indexed):
    indexed(lambda: make_post(slug="x", language="zh", title="Kernel 中文", body="kernel"))
    assert "Kernel 中文" not in client.get("/en/search/?q=kernel").content.decode()


def test_an_edit_is_found_by_its_new_words(client, make_post, indexed):
    post = indexed(lambda: make_post(slug="edit", title="Edited", body="old words"))
    post.body = "fresh vocabulary"
    indexed(post.save)
    assert "Edited" in client.get("/en/search/?q=vocabulary").content.decode()
    assert "Edited" not in client.get("/en/search/?q=old").content.decode()


@pytest.mark.parametrize("query", ["", "   ", '"', "-", "OR OR", "x" * 10_000, "a\x00b", "%"])
def test_odd_queries_answer_200(client, make_post, query):
    make_post()
    assert client.get("/en/search/", {"q": query}).status_code == 200


def test_the_sitemap_lists_posts_per_language_with_alternates(client, make_post):
    make_post(slug="hello", translation_key="hello")
    make_post(slug="hello", language="zh", translation_key="hello")
    index = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert locations == [
        "https://www.chenk.top/en/sitemap.xml",
        "https://www.chenk.top/zh/sitemap.xml",
    ]
    english = ET.fromstring(client.get("/en/sitemap.xml").content)
    url = next(
        url
        for url in english.iter(f"{SITEMAP}url")
        if url.findtext(f"{SITEMAP}loc").endswith("/hello/")
    )
    assert url.findtext(f"{SITEMAP}loc") == "https://www.chenk.top/en/standalone/hello/"
    assert url.findtext(f"{SITEMAP}lastmod")
    assert {link.get("hreflang") for link in url.iter(f"{XHTML}link")} == {"en", "zh-CN"}


def test_the_sitemap_leaves_out_drafts(client, make_post):
    from blog.models import Post

    make_post(slug="secret-draft", status=Post.Status.DRAFT)
    assert "secret-draft" not in client.get("/en/sitemap.xml").content.decode()


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: https://www.chenk.top/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_a_post_has_social_cards_and_structured_data(client, make_post):
    make_post(
        slug="card",
        title="A <card>",
        description="What it says.",
        tags=["T"],
        body="![Plot](/media/plot.png)\n\ntext",
    )
    page = document(client.get("/en/standalone/card/"))
    meta = {m.get("property") or m.get("name"): m.get("content") for m in page.iter("meta")}
    assert meta["og:title"] == "A <card>"
    assert meta["og:type"] == "article"
    assert meta["og:url"] == "https://www.chenk.top/en/standalone/card/"
    assert meta["og:image"] == "https://www.chenk.top/media/plot.png"
    assert meta["twitter:card"] == "summary_large_image"
    [script] = [s for s in page.iter("script") if s.get("type") == "application/ld+json"]
    data = json.loads(script.text)
    assert (data["@type"], data["headline"], data["keywords"]) == ("BlogPosting", "A <card>", ["T"])
    assert "<card>" not in script.text  # escaped inside the script element


def test_every_page_has_a_canonical_link(client, make_post):
    make_post(slug="canon")
    for path in ("/en/", "/en/standalone/canon/", "/en/tags/"):
        links = [
            link
            for link in document(client.get(path)).iter("link")
            if link.get("rel") == "canonical"
        ]
        assert links[0].get("href").startswith("https://www.chenk.top/"), path


def test_public_pages_send_a_strict_content_security_policy(client, make_post):
    make_post(slug="csp")
    policy = client.get("/en/standalone/csp/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy


def test_pages_have_no_inline_script_or_style(client, make_post):
    make_post(slug="inline", body="## A\n\ntext $x$\n\n## B\n\n```python\nx = 1\n```")
    page = document(client.get("/en/standalone/inline/"))
    for script in page.iter("script"):
        assert script.get("src") or script.get("type") == "application/ld+json"
    assert not list(page.iter("style"))
    assert not [element for element in page.iter() if element.get("style")]


@pytest.mark.parametrize(
    "path",
    [
        "/en/aliyun-fullstack/11-pai-ml-platform/",  # the largest real post
        "/en/ml-math-derivations/01-introduction-and-mathematical-foundations/",  # most math
    ],
)
def test_a_real_post_page_weighs_under_100_kb_compressed(
    client, db, hugo_site, settings, tmp_path, path
):
    """HTML, CSS and JS of the page (images and KaTeX fonts aside), brotli-compressed as
    whitenoise serves static files and as a proxy would serve the page. Math comes
    typeset in the HTML, with its classes' rules in /math/N.css, and no math script."""
    from blog.hugo.importer import HugoImporter

    settings.MEDIA_ROOT = tmp_path
    HugoImporter(hugo_site).run()
    response = client.get(path)
    html = response.content
    assets = re.findall(rb'(?:href|src)="(/(?:static|math)/[^"]+\.(?:css|js))"', html)
    sizes = {"page": len(brotli.compress(html))}
    for asset in assets:
        answer = client.get(asset.decode())
        body = b"".join(answer.streaming_content) if answer.streaming else answer.content
        sizes[asset.decode()] = len(brotli.compress(body))
    total = sum(sizes.values())
    print(
        f"\n{path} page weight, brotli: {total / 1024:.1f} KB "
        f"(gzip of the page alone {len(gzip.compress(html)) / 1024:.1f} KB): {sizes}"
    )
    assert total < 100 * 1024


def test_a_post_header_carries_subtitle_byline_and_tags(client, make_post):
    make_post(slug="head", description="Why it matters.", body="word " * 300, tags=["Calculus"])
    header = document(client.get("/en/standalone/head/")).find(
        ".//header[@class='post-header accent-0']"
    )
    assert header.find(".//p[@class='subtitle']").text == "Why it matters."
    byline = "".join(header.find(".//p[@class='meta byline']").itertext())
    assert "2 min read" in byline and "300 words" in byline
    assert [a.text for a in header.find(".//ul[@aria-label='Tags']").iter("a")] == ["Calculus"]


def test_a_series_post_ends_with_every_part_and_marks_its_own(client, make_post, make_series):
    series = make_series(slug="gd", title="Gradient descent")
    for number in (1, 2, 3):
        make_post(series=series, series_order=number, section="gd", slug=f"p{number}")
    page = document(client.get("/en/gd/p2/"))
    parts = page.find(".//footer//ol[@class='series-parts']")
    assert [li.get("value") for li in parts.iter("li")] == ["1", "2", "3"]
    current = parts.find("li[@class='current']")
    assert current.find("span[@aria-current='page']").text == "Post 2"


def test_the_tag_index_sorts_without_case_and_puts_the_most_used_first(client, make_post):
    make_post(slug="a", tags=["beta", "Alpha", "Zeta"])
    make_post(slug="b", tags=["Zeta"])
    make_post(slug="c", tags=["Zeta", "alpha2"])
    page = document(client.get("/en/tags/"))
    most_used = page.find(".//section[@class='most-used']")
    assert most_used.find(".//a").text == "Zeta"
    groups = page.findall(".//section[@class='term-group']")
    assert [(group.find("h2").text, [a.text for a in group.iter("a")]) for group in groups] == [
        ("A", ["Alpha", "alpha2"]),
        ("B", ["beta"]),
        ("Z", ["Zeta"]),
    ]
    assert page.find(".//li[@class='weight-5']/a").text == "Zeta"


def test_a_series_page_gives_each_part_its_lead_time_and_the_series_dates(
    client, make_post, make_series
):
    series = make_series(slug="gd", title="Gradient descent")
    make_post(series=series, series_order=1, section="gd", slug="a", description="First steps.")
    make_post(series=series, series_order=2, section="gd", slug="b", body="word " * 500)
    page = document(client.get("/en/gd/"))
    leads = [p.text for p in page.findall(".//ol[@class='parts']/li/p[@class='part-lead']")]
    assert leads == ["First steps.", "word " * 39 + "word…"]
    assert len(page.findall(".//p[@class='meta series-stats']//time")) == 2
    feeds = {a.get("href") for a in page.findall(".//span[@class='feed-links']/a")}
    assert feeds == {"/en/series/gd/index.xml", "/en/series/gd/atom.xml", "/en/series/gd/feed.json"}


def test_the_search_page_form_names_its_own_address(client, make_post):
    page = document(client.get("/en/search/?q=word"))
    forms = page.findall(".//main//form")
    assert [form.get("action") for form in forms] == ["/en/search/"]
