"""Help at the post form's fields: part numbers, terms in use, near-duplicate terms,
the terms field as typed, and help texts that say what each field is."""

import pytest

from blog.admin.fieldhelp import near_duplicates
from blog.models import Category, Tag

from .test_authoring import change_url, errors_of, form_data


@pytest.fixture
def series_with_parts(make_series, make_post):
    series = make_series()
    for number in (1, 2, 4):
        make_post(series=series, series_order=number)
    make_post(series=series, series_order=None)
    return series


def test_the_next_part_is_one_after_the_highest(admin_client, series_with_parts):
    answer = admin_client.get("/admin/blog/post/next-part/", {"series": series_with_parts.pk})
    assert answer.json() == {"next": 5}


def test_a_series_without_parts_starts_at_one(admin_client, make_series):
    answer = admin_client.get("/admin/blog/post/next-part/", {"series": make_series().pk})
    assert answer.json() == {"next": 1}


def test_a_junk_series_is_a_404(admin_client):
    assert admin_client.get("/admin/blog/post/next-part/", {"series": "x"}).status_code == 404


@pytest.mark.parametrize("series", ["9" * 30, str(2**63), "0", "-1"])
def test_a_series_id_no_series_can_have_is_a_404(admin_client, series):
    assert admin_client.get("/admin/blog/post/next-part/", {"series": series}).status_code == 404


def test_terms_in_use_are_listed_most_used_first(admin_client, make_post):
    rare, common = Tag.objects.create(name="Rare"), Tag.objects.create(name="Common")
    make_post(tags=[rare, common])
    make_post(tags=[common])
    answer = admin_client.get("/admin/blog/post/terms/", {"kind": "tags"}).json()
    assert answer["terms"] == [{"name": "Common", "posts": 2}, {"name": "Rare", "posts": 1}]


def test_categories_are_listed_apart_from_tags(admin_client, make_post):
    make_post(
        categories=[Category.objects.create(name="Notes")], tags=[Tag.objects.create(name="T")]
    )
    answer = admin_client.get("/admin/blog/post/terms/", {"kind": "categories"}).json()
    assert [term["name"] for term in answer["terms"]] == ["Notes"]


@pytest.mark.parametrize(
    ("new", "existing"),
    [
        ("Mathematical Derivation", "Mathematical Derivations"),  # the imported site's pair
        ("machine learning", "Machine Learning"),
        ("Optimisation", "Optimization"),
        ("Graph-Theory", "Graph Theory"),
    ],
)
def test_a_near_duplicate_is_found(new, existing):
    assert near_duplicates(new, [existing, "Linear Algebra"]) == [existing]


@pytest.mark.parametrize("new", ["Graphs", "Groups", "Statistics", "Transformers"])
def test_distinct_terms_are_not_near_duplicates(new):
    assert near_duplicates(new, ["Graph Theory", "Group Theory", "Physics", "Transport"]) == []


def test_saving_a_near_duplicate_tag_warns_and_names_the_one_in_use(admin_client, make_post):
    make_post(tags=[Tag.objects.create(name="Mathematical Derivations")])
    post = make_post()
    response = admin_client.post(
        change_url(post), form_data(post, tags="Mathematical Derivation"), follow=True
    )
    assert (
        "New tag “Mathematical Derivation” looks like “Mathematical Derivations”, already in use"
        in errors_of(response)
    )
    assert [tag.name for tag in post.tags.all()] == ["Mathematical Derivation"]


def test_terms_show_as_plain_names_after_saving(admin_client, make_post):
    post = make_post()
    admin_client.post(change_url(post), form_data(post, tags="Machine Learning, New Ideas"))
    page = admin_client.get(change_url(post)).content.decode()
    assert 'value="Machine Learning, New Ideas"' in page


def test_one_term_of_several_words_stays_one_term(admin_client, make_post):
    post = make_post()
    admin_client.post(change_url(post), form_data(post, tags="Machine Learning"))
    assert [tag.name for tag in post.tags.all()] == ["Machine Learning"]


def test_quoted_names_from_older_forms_lose_their_quotes(admin_client, make_post):
    post = make_post()
    admin_client.post(change_url(post), form_data(post, tags='"Machine Learning", "New"'))
    assert sorted(tag.name for tag in post.tags.all()) == ["Machine Learning", "New"]


def test_the_categories_help_text_speaks_of_categories(admin_client, make_post):
    page = errors_of(admin_client.get(change_url(make_post())))
    assert "Separated by commas; categories in use are offered as you type." in page
    assert "list of tags" not in page


def test_the_series_autocomplete_pages_an_ordered_list(admin_client, make_series):
    """Unordered, Django's paginator warns (and warnings fail the tests)."""
    for number in range(25):
        make_series(slug=f"s-{number}", title=f"Series {number}")
    query = {"app_label": "blog", "model_name": "post", "field_name": "series", "term": "Ser"}
    answer = admin_client.get("/admin/autocomplete/", {**query, "page": 2}).json()
    assert answer["results"]
