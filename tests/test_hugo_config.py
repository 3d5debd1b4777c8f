"""Reading a Hugo site's configuration and laying out its URLs, as Hugo does."""

import datetime as dt
from pathlib import PurePosixPath

import pytest

from blog.hugo.config import HugoConfigError, load_config
from blog.hugo.content import ContentFile, walk_content
from blog.hugo.pages import HugoPage
from blog.hugo.permalinks import alias_path, page_path


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_config_yaml_with_keys_in_any_case(tmp_path):
    write(tmp_path / "config.yaml", "BaseURL: https://a.example/\nTitle: A\nTimeZone: Europe/Paris")
    config = load_config(tmp_path)
    assert (config.base_url, config.title, str(config.timezone)) == (
        "https://a.example",
        "A",
        "Europe/Paris",
    )
    assert list(config.languages) == ["en"]
    assert config.languages["en"].content_dirs == ((tmp_path / "content").resolve(),)


def test_a_config_folder_merges_its_files(tmp_path):
    write(tmp_path / "config/_default/hugo.toml", 'baseURL = "https://b.example/"\ntitle = "B"')
    write(
        tmp_path / "config/_default/languages.toml",
        '[fr]\ntitle = "Bé"\nlanguageCode = "fr-FR"\ncontentDir = "content/fr"\nweight = 2\n'
        '[en]\ncontentDir = "content/en"\nweight = 1\n',
    )
    write(tmp_path / "config/_default/permalinks.toml", 'blog = "/:year/:month/:slug/"')
    config = load_config(tmp_path)
    assert list(config.languages) == ["en", "fr"]
    assert config.languages["fr"].title == "Bé"
    assert config.languages["fr"].language_code == "fr-FR"
    assert config.languages["en"].title == "B"
    assert config.permalinks == {"blog": "/:year/:month/:slug/"}


def test_module_mounts_give_languages_their_content(hugo_site):
    config = load_config(hugo_site)
    assert config.languages["en"].content_dirs == ((hugo_site / "content/en").resolve(),)
    assert config.languages["zh"].language_code == "zh-CN"
    assert "ml-math-derivations" in config.data("series")


def test_a_folder_without_configuration_is_refused(tmp_path):
    with pytest.raises(HugoConfigError, match=r"no hugo\.toml"):
        load_config(tmp_path)


def test_an_unknown_time_zone_is_refused(tmp_path):
    write(tmp_path / "hugo.toml", 'timeZone = "Mars/Olympus"')
    with pytest.raises(HugoConfigError, match="unknown timeZone"):
        load_config(tmp_path)


def test_a_language_suffix_in_a_shared_folder_names_the_language(tmp_path):
    write(tmp_path / "hugo.toml", 'defaultContentLanguage = "en"\n[languages.en]\n[languages.zh]')
    write(tmp_path / "content/posts/hello.md", "---\ntitle: Hello\n---\n")
    write(tmp_path / "content/posts/hello.zh.md", "---\ntitle: 你好\n---\n")
    files = {(f.language, str(f.relative)) for f in walk_content(load_config(tmp_path))}
    assert files == {("en", "posts/hello.md"), ("zh", "posts/hello.md")}


def page(relative, language="en", **fields):
    values = {
        "title": "A Title",
        "body": "",
        "date": dt.datetime(2024, 3, 5, 9, tzinfo=dt.UTC),
        "lastmod": None,
        "publish_date": None,
        "expiry_date": None,
        "draft": False,
        "slug": "",
        "url": "",
        "summary": "",
        "description": "",
    }
    values.update(fields)
    source = ContentFile(path=None, language=language, relative=PurePosixPath(relative))
    return HugoPage(source=source, **values)


@pytest.fixture
def config(tmp_path):
    write(
        tmp_path / "hugo.toml",
        "defaultContentLanguageInSubdir = true\n"
        '[permalinks]\nblog = "/:year/:month/:slug/"\nnotes = "/:sections/:filename/"\n'
        "[languages.en]\n[languages.zh]\n",
    )
    return load_config(tmp_path)


@pytest.mark.parametrize(
    ("relative", "fields", "path"),
    [
        ("ml/12-XGBoost-and-LightGBM.md", {}, "/en/ml/12-xgboost-and-lightgbm/"),
        ("ml/some-post/index.md", {}, "/en/ml/some-post/"),
        ("ml/a.md", {"slug": "Custom Slug"}, "/en/ml/custom-slug/"),
        ("ml/a.md", {"url": "/elsewhere/page"}, "/elsewhere/page/"),
        ("blog/a.md", {}, "/en/2024/03/a-title/"),
        ("notes/deep/Note.md", {}, "/en/notes/deep/note/"),
        ("about.md", {}, "/en/about/"),
    ],
)
def test_page_paths_follow_hugo(config, relative, fields, path):
    assert page_path(page(relative, **fields), config) == path


def test_other_languages_get_their_prefix(config):
    assert page_path(page("ml/学习.md", language="zh"), config) == "/zh/ml/学习/"


@pytest.mark.parametrize(
    ("alias", "resolved"),
    [
        ("/old/path/", "/old/path/"),
        ("/old/path", "/old/path/"),
        ("/old/page.html", "/old/page.html"),
        ("sibling", "/en/ml/sibling/"),
        ("../up", "/en/up/"),
    ],
)
def test_aliases_resolve_as_hugo_resolves_them(alias, resolved):
    assert alias_path(alias, "/en/ml/post/") == resolved
