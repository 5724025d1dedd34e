from django.urls import path
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import views as webauthn_views

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.security, name="security"),
    path("enrol/", views.enrol, name="enrol"),
    path("enrol/qr-code.svg", views.enrol_qr_code, name="enrol_qr_code"),
    path("passkey-added/", views.passkey_added, name="passkey_added"),
    path("confirm/", views.confirm, name="confirm"),
    path("remove/<str:kind>/<int:pk>/", views.remove_factor, name="remove_factor"),
    path(
        "recovery-codes/",
        views.regenerate_recovery_codes,
        name="regenerate_recovery_codes",
    ),
    path("sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
]

# django-otp-webauthn's API under its own namespace (its script reverses
# "otp_webauthn:..."), with our sign-in and registration views.
passkey_urlpatterns = [
    path(
        "registration/begin/",
        views.PasskeyRegistrationStart.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        views.PasskeyRegistration.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        webauthn_views.BeginCredentialAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        views.PasskeySignIn.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
