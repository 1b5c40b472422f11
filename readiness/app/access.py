"""Who may change things: READINESS_READ_ONLY, Streamlit's login (st.login/st.user) and READINESS_EDITORS.

- Read-only (a wall display, a public link): nobody imports or edits; the pages are not even listed.
- Where `.streamlit/secrets.toml` has an `[auth]` section, only people who logged in and whose
  e-mail (or name) READINESS_EDITORS lists may import or edit, and their name is the author.
- Otherwise (a laptop in a meeting room) everyone may edit, and authors type their name.
"""

from __future__ import annotations

import streamlit as st

from readiness.settings import get_settings


def read_only() -> bool:
    """Whether the server is read-only (READINESS_READ_ONLY)."""
    return get_settings().read_only


def login_configured() -> bool:
    """Whether Streamlit's own login is set up ([auth] in .streamlit/secrets.toml)."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file (or an unreadable one) means no login
        return False


def _user() -> dict:
    try:
        return dict(st.user.to_dict())
    except Exception:  # noqa: BLE001 - outside a script run there is no user
        return {}


def signed_in_name() -> str | None:
    """The logged-in user's name (or e-mail) where login is configured, else None."""
    if not login_configured():
        return None
    user = _user()
    if not user.get("is_logged_in"):
        return None
    return str(user.get("name") or user.get("email") or "") or None


def may_edit() -> tuple[bool, str | None]:
    """(allowed, why not): whether this session may import or edit."""
    if read_only():
        return False, "This server is read-only (READINESS_READ_ONLY is set): nothing can be imported or edited here."
    if not login_configured():
        return True, None
    user = _user()
    if not user.get("is_logged_in"):
        return False, "Log in to import or edit."
    who = {str(user.get(k) or "").strip().casefold() for k in ("email", "name")} - {""}
    if who & set(get_settings().editor_list()):
        return True, None
    name = user.get("email") or user.get("name") or "This account"
    return False, f"{name} is not among the editors (READINESS_EDITORS): you can look, not change."


def require_editor() -> bool:
    """Say why not and offer a login where that helps; True when this session may edit."""
    allowed, reason = may_edit()
    if not allowed:
        st.warning(reason, icon=":material/lock:")
        if login_configured() and not _user().get("is_logged_in") and not read_only():
            st.button("Log in", key="login", on_click=st.login)
    return allowed
