"""The role mapping, the recorded identity, session expiry and failed sign-in detection, worked out by hand."""

from __future__ import annotations

import base64
import json

import pytest

from ui.auth import is_loopback, pending_sign_in, session_expired
from ui.roles import Role, RoleConfigError, identity_text, mapping_from_config, parse_role, role_for_claims

CONFIG = {
    "claim": "groups",
    "values": {"g-laes": "læser", "g-ana": "analytiker", "g-adm": "administrator", "g-gl": "laeser"},
}


def test_each_configured_value_gives_its_role_and_the_highest_wins():
    mapping = mapping_from_config(CONFIG)
    assert role_for_claims({"groups": ["g-laes"]}, mapping) is Role.LAESER
    assert role_for_claims({"groups": ["g-gl"]}, mapping) is Role.LAESER, "the ASCII spelling laeser works too"
    assert role_for_claims({"groups": ["g-laes", "g-adm", "g-ana"]}, mapping) is Role.ADMINISTRATOR
    assert role_for_claims({"groups": "g-ana"}, mapping) is Role.ANALYTIKER, "a single string claim"


def test_no_matching_value_gives_no_role_unless_a_default_is_configured():
    assert role_for_claims({"groups": ["andet"]}, mapping_from_config(CONFIG)) is None
    assert role_for_claims({}, mapping_from_config(CONFIG)) is None
    assert role_for_claims({"roles": ["g-adm"]}, mapping_from_config(CONFIG)) is None, "only the configured claim"
    with_default = mapping_from_config({**CONFIG, "default": "læser"})
    assert role_for_claims({"groups": ["andet"]}, with_default) is Role.LAESER
    assert role_for_claims({"groups": ["g-adm"]}, with_default) is Role.ADMINISTRATOR


def test_the_claim_defaults_to_roles_and_nothing_configured_maps_nobody():
    mapping = mapping_from_config({"values": {"Pejling.Analytiker": "analytiker"}})
    assert mapping.claim == "roles"
    assert role_for_claims({"roles": ["Pejling.Analytiker"]}, mapping) is Role.ANALYTIKER
    assert role_for_claims({"roles": ["Pejling.Analytiker"]}, mapping_from_config(None)) is None


@pytest.mark.parametrize(
    "config",
    [{"values": {"g": "superbruger"}}, {"default": "gæst"}, {"claim": " "}],
)
def test_a_wrong_role_configuration_is_refused_in_danish(config):
    with pytest.raises(RoleConfigError) as err:
        mapping_from_config(config)
    assert any(word in str(err.value) for word in ("rolle", "claim"))


def test_role_names_and_order():
    assert [parse_role(n) for n in ("Læser", "analytiker", "ADMINISTRATOR", "ukendt")] == [
        Role.LAESER,
        Role.ANALYTIKER,
        Role.ADMINISTRATOR,
        None,
    ]
    assert Role.LAESER < Role.ANALYTIKER < Role.ADMINISTRATOR
    assert Role.LAESER.label == "læser"


def test_the_recorded_identity_is_name_and_email_or_the_subject():
    assert identity_text({"name": "Anna Analytiker", "email": "anna@kommune.dk", "sub": "x"}) == (
        "Anna Analytiker <anna@kommune.dk>"
    )
    assert identity_text({"email": "anna@kommune.dk", "sub": "x"}) == "anna@kommune.dk"
    assert identity_text({"name": "Anna", "preferred_username": "anna@kommune.dk"}) == "Anna <anna@kommune.dk>"
    assert identity_text({"sub": "4f1c-77"}) == "4f1c-77"


def test_a_sign_in_older_than_the_session_hours_has_expired(monkeypatch):
    monkeypatch.setenv("PEJLING_SESSION_HOURS", "12")
    signed_in = 1_800_000_000
    assert not session_expired({"iat": signed_in}, now=signed_in + 12 * 3600)
    assert session_expired({"iat": signed_in}, now=signed_in + 12 * 3600 + 1)
    assert not session_expired({"auth_time": signed_in, "iat": signed_in + 3600}, now=signed_in + 13 * 3600), (
        "iat (this sign-in to Pejling) counts, not an older single sign-on at the provider (auth_time)"
    )
    monkeypatch.setenv("PEJLING_SESSION_HOURS", "0")
    assert not session_expired({"iat": signed_in}, now=signed_in + 300 * 24 * 3600)


def _session_cookie(data: dict) -> str:
    """Streamlit's session cookie as Starlette writes it: base64(JSON).timestamp.signature."""
    return base64.b64encode(json.dumps(data).encode()).decode() + ".Zk1x2A.c2lnbmF0dXJl"


def test_a_fresh_unfinished_sign_in_is_recognised_in_the_session_cookie():
    now = 1_800_000_000
    started = {"_state_default_abc": {"data": {"redirect_uri": "x"}, "exp": now - 30 + 3600}}
    assert pending_sign_in(_session_cookie(started), now=now), "started 30 s ago, never completed"
    old = {"_state_default_abc": {"exp": now - 1200 + 3600}}
    assert not pending_sign_in(_session_cookie(old), now=now), "20 minutes ago is not this attempt"
    assert not pending_sign_in(_session_cookie({"other": 1}), now=now)
    assert not pending_sign_in(None, now=now)
    assert not pending_sign_in("ikke-base64!.x.y", now=now)


def test_only_this_machines_own_addresses_count_as_local():
    assert all(is_loopback(a) for a in ("127.0.0.1", "::1", "::ffff:127.0.0.1", "127.0.0.2"))
    assert not any(is_loopback(a) for a in ("10.0.0.7", "::ffff:10.0.0.7", "2001:db8::1", "ukendt", ""))


def test_the_committed_secrets_example_is_a_complete_entra_setup():
    import tomllib
    from pathlib import Path

    from ui.auth import PROVIDER_KEYS, providers

    example = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "secrets.toml.example").read_text())
    auth = example["auth"]
    assert auth["redirect_uri"].endswith("/oauth2callback") and auth["cookie_secret"]
    assert providers(auth) == ["entra"]
    assert all(auth["entra"][k] for k in PROVIDER_KEYS)
    assert auth["entra"]["server_metadata_url"].startswith("https://login.microsoftonline.com/")
    mapping = mapping_from_config(example["pejling"]["roles"])
    assert mapping.claim == "roles" and mapping.default is None
    assert role_for_claims({"roles": ["Pejling.Analytiker"]}, mapping) is Role.ANALYTIKER
    assert sorted(mapping.values.values()) == [Role.LAESER, Role.ANALYTIKER, Role.ADMINISTRATOR]
