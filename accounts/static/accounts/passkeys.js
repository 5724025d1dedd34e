// After a passkey is registered, go on to the page the button names
// (recovery codes on a first enrolment, the security page otherwise).
document.addEventListener("otp_webauthn.register_complete", (event) => {
  const after = event.target.dataset.after;
  if (after) {
    window.location.assign(after);
  }
});
