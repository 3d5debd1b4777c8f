"""Help at the post form's fields: part numbers, terms in use, near-duplicate terms,
the terms field as typed, and help texts that say what each field is."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from blog.admin.fieldhelp import MAX_FIELD_TEXT, near_duplicates
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
        ("STRASSE", "Straße"),  # case folded, not just lowered
        ("ＧＲＡＰＨ　ＴＨＥＯＲＹ", "Graph Theory"),  # full-width letters and space
        ("机器 学习", "机器学习"),
        ("机器学习。", "机器学习"),  # Chinese punctuation
    ],
)
def test_a_near_duplicate_is_found(new, existing):
    assert near_duplicates(new, [existing, "Linear Algebra"]) == [existing]


@pytest.mark.parametrize("new", ["Graphs", "Groups", "Statistics", "Transformers", "深度学习"])
def test_distinct_terms_are_not_near_duplicates(new):
    existing = ["Graph Theory", "Group Theory", "Physics", "Transport", "机器学习"]
    assert near_duplicates(new, existing) == []


# The near-duplicates of the names being typed, asked of the server as the form does

NEAR = "/admin/blog/post/terms/near/"


def near(client, q, kind="tags"):
    response = client.get(NEAR, {"kind": kind, "q": q})
    assert response.status_code == 200, response.content
    return response.json()["hints"]


def test_a_new_tag_is_answered_with_the_tag_in_use_it_may_duplicate(admin_client, make_post):
    make_post(tags=[Tag.objects.create(name="Mathematical Derivations")])
    Tag.objects.create(name="Linear Algebra")
    assert near(admin_client, "Linear Algebra, Mathematical Derivation") == [
        {
            "name": "Mathematical Derivation",
            "similar": [{"name": "Mathematical Derivations", "posts": 1}],
        }
    ]


def test_a_new_chinese_tag_is_answered_with_the_chinese_tag_it_may_duplicate(
    admin_client, make_post
):
    make_post(language="zh", tags=[Tag.objects.create(name="机器学习")])
    assert near(admin_client, "深度学习, 机器 学习") == [
        {"name": "机器 学习", "similar": [{"name": "机器学习", "posts": 1}]}
    ]


def test_the_hint_while_typing_names_what_the_warning_after_saving_names(admin_client, make_post):
    make_post(tags=[Tag.objects.create(name="机器学习")])
    post = make_post()
    [hint] = near(admin_client, "机器 学习")
    response = admin_client.post(change_url(post), form_data(post, tags="机器 学习"), follow=True)
    warning = f"New tag “{hint['name']}” looks like “{hint['similar'][0]['name']}”"
    assert warning in errors_of(response)


def test_names_in_use_and_distinct_names_get_no_hint(admin_client):
    Tag.objects.create(name="Machine Learning")
    assert near(admin_client, "Machine Learning, Statistics, 深度学习") == []


def test_categories_are_answered_from_the_categories(admin_client):
    Category.objects.create(name="Notes")
    Tag.objects.create(name="Tutorials")
    assert near(admin_client, "Note", kind="categories")[0]["similar"][0]["name"] == "Notes"
    assert near(admin_client, "Tutorial", kind="categories") == []


@pytest.mark.parametrize(
    "query",
    [
        {"q": "Graphs"},
        {"kind": "posts", "q": "Graphs"},
        {"kind": "tags"},
        {"kind": "tags", "q": "x," * MAX_FIELD_TEXT},
    ],
    ids=["no-kind", "unknown-kind", "no-text", "text-too-long"],
)
def test_a_bad_near_terms_question_is_a_400_that_says_why(admin_client, query):
    response = admin_client.get(NEAR, query)
    assert response.status_code == 400
    assert response.json()["error"]


def test_near_terms_answers_only_get(admin_client):
    assert admin_client.post(NEAR, {"kind": "tags", "q": "Graphs"}).status_code == 405


def test_near_terms_sends_a_visitor_to_the_login(client):
    response = client.get(NEAR, {"kind": "tags", "q": "Graphs"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_near_terms_refuses_staff_who_may_not_write_posts(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", is_staff=True))
    assert client.get(NEAR, {"kind": "tags", "q": "Graphs"}).status_code == 403


def test_near_terms_answers_an_author(client, django_user_model):
    call_command("create_roles", verbosity=0)
    author = django_user_model.objects.create_user("ann", is_staff=True)
    author.groups.add(Group.objects.get(name="Author"))
    client.force_login(author)
    assert client.get(NEAR, {"kind": "tags", "q": "Graphs"}).json() == {"hints": []}


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
