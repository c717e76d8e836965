"""How a binding's key is shown, after the user's keymap has rebound it."""
from __future__ import annotations

from textual.app import App
from textual.binding import Binding


KEY_NAMES = {"escape": "Esc", "enter": "Enter", "tab": "Tab", "up": "↑", "down": "↓",
             "left": "←", "right": "→"}


def key_name(key: str) -> str | None:
    """ "F2", "^P", "I", "Esc": how keys are written on the office's keyboards."""
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if key.startswith("f") and key[1:].isdigit():
        return key.upper()
    if key.startswith("ctrl+") and len(key) == 6:
        return "^" + key[-1].upper()
    if len(key) == 1:
        return key.upper()
    return None


def effective_binding(app: App, binding: Binding) -> Binding:
    overrides: dict[str, str] = getattr(app, "keymap_overrides", {})
    keys = overrides.get(binding.id) if binding.id else None
    if keys:
        return binding.with_key(keys.split(",")[0].strip())
    return binding


def key_display(app: App, binding: Binding) -> str:
    return app.get_key_display(effective_binding(app, binding))


def binding_by_id(node_class: type, binding_id: str) -> Binding:
    for base in node_class.__mro__:
        for binding in base.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.id == binding_id:
                return binding
    raise KeyError(binding_id)
