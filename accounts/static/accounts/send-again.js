// A change kept while the person confirms it's them: once a passkey has
// confirmed it, send the change as it was made.
document.addEventListener("otp_webauthn.verification_complete", () => {
  document.getElementById("confirm-form").submit();
});
