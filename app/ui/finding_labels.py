"""What kind of secret a finding is, in the user's language.

The scanner (:mod:`app.collectors.secrets`) is Qt-free and names each finding by a
``kind`` code only, as every Qt-free layer hands over codes rather than sentences. The
Review viewer shows the kinds to people in their own language: the words are listed here
for lupdate (context ``Findings``). A test keeps these kinds equal to the scanner's
:data:`~app.collectors.secrets.KINDS`.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

#: The scanner's kinds, in the words lupdate extracts.
_WORDS: dict[str, object] = {
    "private-key": QT_TRANSLATE_NOOP("Findings", "Private key"),
    "jwt": QT_TRANSLATE_NOOP("Findings", "Web token (JWT)"),
    "aws-access-key": QT_TRANSLATE_NOOP("Findings", "AWS access key"),
    "aws-secret-key": QT_TRANSLATE_NOOP("Findings", "AWS secret key"),
    "github-token": QT_TRANSLATE_NOOP("Findings", "GitHub token"),
    "gitlab-token": QT_TRANSLATE_NOOP("Findings", "GitLab token"),
    "slack-token": QT_TRANSLATE_NOOP("Findings", "Slack token"),
    "stripe-key": QT_TRANSLATE_NOOP("Findings", "Stripe key"),
    "google-api-key": QT_TRANSLATE_NOOP("Findings", "Google API key"),
    "url-password": QT_TRANSLATE_NOOP("Findings", "Password in a web address"),
    "password": QT_TRANSLATE_NOOP("Findings", "Password"),
    "secret": QT_TRANSLATE_NOOP("Findings", "Token or key"),
    "authorization": QT_TRANSLATE_NOOP("Findings", "Sign-in header"),
    "bearer": QT_TRANSLATE_NOOP("Findings", "Access token"),
    "cookie": QT_TRANSLATE_NOOP("Findings", "Cookie"),
    "custom": QT_TRANSLATE_NOOP("Findings", "Matches a pattern from IT"),
    "home": QT_TRANSLATE_NOOP("Findings", "Your home folder"),
    "user": QT_TRANSLATE_NOOP("Findings", "Your user name"),
    "slack-webhook": QT_TRANSLATE_NOOP("Findings", "Slack webhook"),
    "openai-key": QT_TRANSLATE_NOOP("Findings", "OpenAI key"),
    "google-oauth-token": QT_TRANSLATE_NOOP("Findings", "Google access token"),
    "azure-key": QT_TRANSLATE_NOOP("Findings", "Azure storage key"),
}

LABELS: dict[str, str] = {kind: str(words) for kind, words in _WORDS.items()}


def finding_label(kind: str) -> str:
    """The kind's words in the user's language; an unknown kind as the scanner names it."""
    return QCoreApplication.translate("Findings", LABELS[kind]) if kind in LABELS else kind
