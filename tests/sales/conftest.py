# The contact app's factories: the desk works the inquiries the form saves.
from tests.contact.conftest import form_token, make_inquiry, valid_data  # noqa: F401
