# The editor's tests meet both articles and pages, with their fixtures.
from tests.articles.conftest import (  # noqa: F401
    content_editor,
    content_editor_client,
    make_article,
)
from tests.pages.conftest import editor, visitor  # noqa: F401
