"""Every vector of the corpus, as the body (and description) of a page of a Hugo site."""

import pytest
from django.core.management import call_command
from django.test import Client

from .published import Published
from .sources import write_hugo_site
from .vectors import VECTORS


@pytest.fixture(scope="module")
def imported_from_hugo(module_transaction, tmp_path_factory):
    site = write_hugo_site(tmp_path_factory.mktemp("hugo"))
    call_command("import_hugo", str(site), "--strict", verbosity=0)
    return Published(Client())


@pytest.mark.parametrize("vector", VECTORS, ids=lambda vector: vector.id)
def test_nothing_imported_from_hugo_can_run(db, imported_from_hugo, vector):
    imported_from_hugo.assert_inert(vector)
