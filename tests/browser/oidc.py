"""A real OpenID Connect provider (oidc-provider-mock) on 127.0.0.1 and the secrets.toml that points Pejling at it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Who signs in during the tests: subject -> (name, e-mail, groups). The role mapping below gives
# each group its role; "ib" is in no mapped group.
USERS = {
    "lise": ("Lise Læser", "lise@kommune.dk", ["g-laes"]),
    "anna": ("Anna Analytiker", "anna@kommune.dk", ["g-ana"]),
    "adam": ("Adam Admin", "adam@kommune.dk", ["g-laes", "g-adm"]),
    "ib": ("Ib Ingen", "ib@kommune.dk", ["g-andet"]),
}
ROLE_OF = {"lise": "læser", "anna": "analytiker", "adam": "administrator"}


@contextmanager
def provider() -> Iterator[str]:
    """Run the provider on a free port of 127.0.0.1 with the test users; yield its issuer URL."""
    import werkzeug.serving
    from oidc_provider_mock import User, app

    users = [
        User(sub=sub, claims={"name": name, "email": email, "groups": groups})
        for sub, (name, email, groups) in USERS.items()
    ]
    server = werkzeug.serving.make_server("127.0.0.1", 0, app(user_claims=users), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()


def write_secrets(path: Path, issuer: str, app_port: int) -> Path:
    """A secrets.toml as an administrator writes it (README), for the provider and the app's port."""
    path.write_text(
        f"""[auth]
redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"
cookie_secret = "en-lang-tilfaeldig-hemmelighed-kun-til-testene-0123456789"

[auth.kommune]
client_id = "pejling"
client_secret = "hemmelig"
server_metadata_url = "{issuer}/.well-known/openid-configuration"

[pejling.roles]
claim = "groups"

[pejling.roles.values]
"g-laes" = "læser"
"g-ana" = "analytiker"
"g-adm" = "administrator"
""",
        encoding="utf-8",
    )
    return path
