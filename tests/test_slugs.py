import pytest

from blog.slugs import hugo_urlize, term_slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Machine Learning", "machine-learning"),
        ("线性代数", "线性代数"),
        ("Node.js", "node.js"),
        ("C++", "c++"),
        ("Bayes' Theorem", "bayes-theorem"),
        ("PAI-DSW", "pai-dsw"),
        ("  Leading and trailing  ", "leading-and-trailing"),
        ("A — B", "a-b"),
        ("Mixed 中文 Term", "mixed-中文-term"),
        ("Crème Brûlée", "crème-brûlée"),
        ("100%", "100"),
        ("%E4%B8%AD", "%e4%b8%ad"),
    ],
)
def test_hugo_urlize_matches_hugo(name, slug):
    assert hugo_urlize(name) == slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [("CI/CD", "ci/cd"), ("/", "term"), ("a//b/", "a/b"), ("../x", "x"), ("?", "term")],
)
def test_a_term_slug_is_a_path_of_named_segments(name, slug):
    assert term_slug(name) == slug
