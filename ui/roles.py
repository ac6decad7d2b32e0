"""Roles and their mapping from a sign-in claim: pure logic, no Streamlit (the server checks use it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum


class Role(IntEnum):
    """The three roles; a higher role has every right of the lower ones."""

    LAESER = 1
    ANALYTIKER = 2
    ADMINISTRATOR = 3

    @property
    def label(self) -> str:
        """The Danish name of the role, as shown and as written in the configuration."""
        return _LABELS[self]


_LABELS = {Role.LAESER: "læser", Role.ANALYTIKER: "analytiker", Role.ADMINISTRATOR: "administrator"}
_ALIASES = {"læser": Role.LAESER, "laeser": Role.LAESER, "laser": Role.LAESER, "reader": Role.LAESER}
_ALIASES.update({"analytiker": Role.ANALYTIKER, "analyst": Role.ANALYTIKER})
_ALIASES.update({"administrator": Role.ADMINISTRATOR, "admin": Role.ADMINISTRATOR})


class RoleConfigError(ValueError):
    """The role configuration in secrets.toml cannot be used (the message is Danish)."""


def parse_role(name: object) -> Role | None:
    """The role a configured name stands for (`læser`, `laeser`, `analytiker`, `administrator`), or None."""
    return _ALIASES.get(str(name).strip().lower()) if name is not None else None


@dataclass(frozen=True)
class RoleMapping:
    """Which claim carries the roles, which claim value gives which role, and a role for everyone else."""

    claim: str = "roles"
    values: Mapping[str, Role] = field(default_factory=dict)
    default: Role | None = None


def mapping_from_config(config: Mapping | None) -> RoleMapping:
    """Read `[pejling.roles]` (claim, values = {claim value = role}, default); raise RoleConfigError if wrong."""
    if not config:
        return RoleMapping()
    claim = str(config.get("claim", "roles")).strip()
    if not claim:
        raise RoleConfigError("[pejling.roles] claim er tom: skriv navnet på det claim, der bærer rollerne.")
    values: dict[str, Role] = {}
    for value, name in dict(config.get("values", {}) or {}).items():
        role = parse_role(name)
        if role is None:
            raise RoleConfigError(
                f"[pejling.roles.values] '{value}' peger på den ukendte rolle '{name}'. "
                "Brug læser, analytiker eller administrator."
            )
        values[str(value)] = role
    default = config.get("default")
    default_role = parse_role(default) if default not in (None, "") else None
    if default not in (None, "") and default_role is None:
        raise RoleConfigError(
            f"[pejling.roles] default = '{default}' er ikke en rolle. Brug læser, analytiker eller administrator."
        )
    return RoleMapping(claim=claim, values=values, default=default_role)


def claim_values(claims: Mapping, claim: str) -> list[str]:
    """The values of one claim as strings: a list claim (groups, roles) or a single string."""
    raw = claims.get(claim)
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, (list, tuple, set)):
        return [str(v) for v in raw]
    return [str(raw)]


def role_for_claims(claims: Mapping, mapping: RoleMapping) -> Role | None:
    """The highest role any of the person's claim values maps to, else the default role, else None."""
    found = [mapping.values[v] for v in claim_values(claims, mapping.claim) if v in mapping.values]
    if found:
        return max(found)
    return mapping.default


def identity_text(claims: Mapping) -> str:
    """The person as recorded on changes: 'Navn <email>', or the e-mail, name or subject alone."""
    name = str(claims.get("name") or "").strip()
    email = str(claims.get("email") or claims.get("preferred_username") or "").strip()
    if name and email and name != email:
        return f"{name} <{email}>"
    return name or email or str(claims.get("sub") or "").strip() or "ukendt"
