"""Every vector of the corpus, written in the admin's add form by a superuser."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from blog.models import Post
from tests.admin_forms import post_add_form

from .published import CONTROL_BODY, CONTROL_SLUG, SECTION, Published
from .vectors import VECTORS

ADD = "/admin/blog/post/add/"
# The form's own refusals, before anything is rendered or stored.
REFUSALS = ("Null characters are not allowed.", "These images are not on this site")


def add_form(slug, body):
    return post_add_form(
        title=f"Vector {slug}", body=body, description=body, section=SECTION, slug=slug
    )


@pytest.fixture(scope="module")
def saved_in_admin(module_transaction):
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("xss", "xss@example.org", "x"))
    refused = {}
    for slug, body in [(CONTROL_SLUG, CONTROL_BODY), *((v.slug, v.source) for v in VECTORS)]:
        response = client.post(ADD, add_form(slug, body))
        if response.status_code != 302:
            refused[slug] = response.context["adminform"].form.errors
    return Published(client), refused


@pytest.mark.parametrize("vector", VECTORS, ids=lambda vector: vector.id)
def test_nothing_saved_in_the_admin_can_run(db, saved_in_admin, vector):
    published, refused = saved_in_admin
    if vector.slug in refused:
        assert any(reason in str(refused[vector.slug]) for reason in REFUSALS)
        assert not Post.objects.filter(slug=vector.slug).exists()
    else:
        published.assert_inert(vector)
