"""Tags and categories keep their author's order: as written in the front matter, a
feed item or the admin field, on every page, feed, JSON-LD block and export."""

import json
import re
import xml.etree.ElementTree as ET

from reversion.models import Version

from blog.feed_import import import_feed
from blog.imports import set_terms
from blog.models import Post, Tag
from blog.term_input import parse_terms, terms_text
from feeds.websub import item_fingerprint

from .admin_forms import post_add_form
from .test_authoring import form_data, restore
from .test_import_feed import feed

ORDER = ["Zeta", "Alpha", "Machine Learning"]


def names(terms):
    return [term.name for term in terms]


def test_tags_read_back_in_the_order_they_were_set(make_post):
    post = make_post(tags=ORDER)
    assert names(post.tags.all()) == ORDER


def test_prefetched_tags_keep_their_order(make_post):
    make_post(tags=ORDER)
    assert names(Post.objects.with_tags().get().tag_list) == ORDER


def test_a_tag_written_in_another_case_is_the_existing_tag_in_its_place(make_post):
    alpha = Tag.objects.create(name="Alpha")
    post = make_post(tags=["Zeta", "alpha"])
    assert list(post.tags.all()) == [Tag.objects.get(name="Zeta"), alpha]


def test_a_tag_given_twice_is_kept_once_where_it_came_first(make_post):
    post = make_post(tags=["Zeta", "Alpha", "zeta"])
    assert names(post.tags.all()) == ["Zeta", "Alpha"]


def test_categories_read_back_in_the_order_they_were_set(make_post):
    post = make_post(categories=["Physics", "Computing"])
    assert names(post.categories.all()) == ["Physics", "Computing"]


def test_setting_the_same_tags_in_another_order_reorders_them(make_post):
    post = make_post(tags=ORDER)
    post.tags.set(list(reversed(ORDER)))
    assert names(post.tags.all()) == list(reversed(ORDER))


def test_an_import_reorders_a_posts_tags_as_its_source_does(make_post):
    post = make_post(tags=ORDER)
    set_terms(post, "tags", ["Machine Learning", "Zeta"])
    assert names(post.tags.all()) == ["Machine Learning", "Zeta"]


def test_an_import_keeps_its_sources_order_of_terms_made_earlier(make_post):
    for name in sorted(ORDER):
        Tag.objects.create(name=name)
    post = make_post()
    set_terms(post, "tags", ORDER)
    assert names(post.tags.all()) == ORDER


def test_terms_added_to_a_post_come_after_its_own(make_post):
    post = make_post(tags=["Zeta", "Alpha"])
    set_terms(post, "tags", ["Beta", "Zeta"], keep_existing=True)
    assert names(post.tags.all()) == ["Zeta", "Alpha", "Beta"]


def test_the_post_page_lists_tags_in_their_order(client, make_post):
    post = make_post(tags=ORDER)
    content = client.get(post.get_absolute_url()).content.decode()
    positions = [content.index(f">{name}</a>") for name in ORDER]
    assert positions == sorted(positions)


def test_json_ld_keywords_keep_the_tag_order(client, make_post):
    post = make_post(tags=ORDER)
    content = client.get(post.get_absolute_url()).content.decode()
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)[1]
    assert json.loads(data)["keywords"] == ORDER


def test_feed_categories_keep_the_tag_order(client, make_post):
    make_post(tags=ORDER)
    channel = ET.fromstring(client.get("/en/index.xml").content).find("channel")
    assert [c.text for c in channel.find("item").findall("category")] == ORDER


def test_a_feed_import_keeps_the_items_category_order(db):
    categories = "".join(f"<category>{name}</category>" for name in ORDER)
    item = (
        "<item><title>A post</title><link>https://example.com/en/notes/a-post/</link>"
        "<pubDate>Tue, 20 Jan 2026 09:00:00 +0000</pubDate><description>d</description>"
        f"{categories}</item>"
    )
    assert import_feed(feed(item)).failed == []
    assert names(Post.objects.get().tags.all()) == [*ORDER, "Topic"]


def test_the_admin_field_reads_terms_in_the_order_written():
    assert parse_terms('Zeta, Alpha, "Commas, kept", Zeta') == ["Zeta", "Alpha", "Commas, kept"]


def test_the_admin_field_keeps_a_name_with_spaces_whole_without_commas():
    assert parse_terms("Machine Learning") == ["Machine Learning"]


def test_the_admin_field_shows_terms_in_order_and_reads_them_back(make_post):
    post = make_post(tags=[*ORDER, "Commas, kept"])
    assert parse_terms(terms_text(post.tags.all())) == [*ORDER, "Commas, kept"]


def test_an_admin_save_keeps_the_order_typed(admin_client, db):
    form = post_add_form(tags="Zeta, Alpha, Machine Learning", categories="Physics, Computing")
    assert admin_client.post("/admin/blog/post/add/", form).status_code == 302
    post = Post.objects.get(slug="written-in-the-admin")
    assert names(post.tags.all()) == ORDER
    assert names(post.categories.all()) == ["Physics", "Computing"]


def test_the_admin_change_form_shows_tags_in_their_order(admin_client, make_post):
    post = make_post(tags=ORDER)
    content = admin_client.get(f"/admin/blog/post/{post.pk}/change/").content.decode()
    assert 'value="Zeta, Alpha, Machine Learning"' in content


def test_an_admin_save_of_reordered_tags_reorders_them(admin_client, make_post):
    post = make_post(tags=ORDER)
    data = form_data(post, tags="Alpha, Zeta")
    response = admin_client.post(f"/admin/blog/post/{post.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert names(post.tags.all()) == ["Alpha", "Zeta"]


def test_an_unchanged_tag_field_is_not_an_edit(make_post):
    post = make_post(tags=ORDER)
    field = Post._meta.get_field("tags").formfield()
    assert not field.has_changed(list(post.tags.all()), terms_text(post.tags.all()))
    assert field.has_changed(list(post.tags.all()), "Alpha, Zeta, Machine Learning")


def test_restoring_a_version_brings_back_its_tag_order(admin_client):
    admin_client.post("/admin/blog/post/add/", post_add_form(tags="Zeta, Alpha, Beta"))
    post = Post.objects.get()
    admin_client.post(f"/admin/blog/post/{post.pk}/change/", form_data(post, tags="Beta, Zeta"))
    restore(admin_client, post, Version.objects.get_for_object(post).last())
    assert names(post.tags.all()) == ["Zeta", "Alpha", "Beta"]


def test_reordering_tags_changes_what_feed_subscribers_are_told(make_post):
    post = make_post(tags=ORDER)
    before = item_fingerprint(Post.objects.with_tags().get())
    post.tags.set(list(reversed(ORDER)))
    assert item_fingerprint(Post.objects.with_tags().get()) != before
