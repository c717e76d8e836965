"""The user's keymap file: binding id -> keys, read from TOML.

    # keymap.toml
    "home.recognition" = "ctrl+f"      # one key
    back = ["escape", "ctrl+b"]        # several keys
    [home]                             # a table means the same as a dotted id
    daily_counts = "f7"

Looked for in the data directory first, then in ~/.config/balcao-tui/keymap.toml.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_config_dir

FILE_NAME = "keymap.toml"


@dataclass(frozen=True)
class LoadedKeymap:
    keymap: dict[str, str] = field(default_factory=dict)
    path: Path | None = None
    problems: tuple[str, ...] = ()


def keymap_candidates(data_dir: Path | None) -> list[Path]:
    candidates = [data_dir / FILE_NAME] if data_dir is not None else []
    candidates.append(Path(user_config_dir("balcao-tui", appauthor=False)) / FILE_NAME)
    return candidates


def find_keymap_file(data_dir: Path | None) -> Path | None:
    return next((path for path in keymap_candidates(data_dir) if path.is_file()), None)


def load_keymap(path: Path | None, known_ids: set[str]) -> LoadedKeymap:
    """Read a keymap file; problems are reported in Portuguese, never raised."""
    if path is None:
        return LoadedKeymap()
    import tomllib  # only offices with a keymap file pay for the parser at start-up

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return LoadedKeymap(path=path, problems=(f"Arquivo de teclas {path} ilegível: {exc}",))
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in _flatten(data):
        keys = _keys(value)
        if keys is None:
            problems.append(f'Tecla de "{binding_id}" deve ser um texto ou uma lista de textos.')
        elif binding_id not in known_ids:
            problems.append(f'Ação desconhecida no arquivo de teclas: "{binding_id}".')
        else:
            keymap[binding_id] = keys
    return LoadedKeymap(keymap, path, tuple(problems))


def _flatten(data: dict, prefix: str = ""):
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _flatten(value, name + ".")
        else:
            yield name, value


def _keys(value) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return ",".join(v.strip() for v in value)
    return None
