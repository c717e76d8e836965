"""Reading the shipped or an office's TOML data files, with line numbers for errors.

tomllib reports no line numbers for the values it returns, so they are found again in
the source text.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

_HEADER = re.compile(r"^\s*\[(?!\[)(?P<key>[^\]]*)\]\s*(?:#.*)?$")
_ASSIGNMENT = re.compile(r"^\s*(?P<key>[^=\[#]+?)\s*=")
_DECODE_LINE = re.compile(r"at line (\d+)")
MAX_BYTES = 512 * 1024
MAX_NESTING = 8


class DataFileError(ValueError):
    """A data file that cannot be used; `line` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def located(what: str, line: int | None, section: str | None, detail: str) -> str:
    """ "Tabela X, linha 14 ([a.b]): detail"."""
    where = f", linha {line}" if line else ""
    if section:
        where += f" ([{section}])"
    return f"{what}{where}: {detail}"


def _key_parts(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in dotted.split("."))


def header_line(source: str, *parts: str) -> int | None:
    """1-based line of the table header `[a.b.c]`, or None if written another way."""
    for number, line in enumerate(source.splitlines(), start=1):
        match = _HEADER.match(line)
        if match and _key_parts(match["key"]) == parts:
            return number
    return None


def key_line(source: str, table_line: int | None, key: str) -> int | None:
    """Line of `key = ...` in the table whose header is at `table_line`, else that header."""
    if table_line is None:
        return None
    lines = source.splitlines()
    for number in range(table_line + 1, len(lines) + 1):
        line = lines[number - 1]
        if _HEADER.match(line) or line.lstrip().startswith("[["):
            break
        match = _ASSIGNMENT.match(line)
        if match and _key_parts(match["key"]) == (key,):
            return number
    return table_line


def decode_error_line(message: str) -> int | None:
    """The line tomllib names in a TOMLDecodeError message."""
    match = _DECODE_LINE.search(message)
    return int(match.group(1)) if match else None


def read_text(
    path: str | Path | None, shipped_name: str, error: type[DataFileError], what: str
) -> str:
    """Text of `path`, or of the file `shipped_name` in balcao_tui.domain.data."""
    shown = shipped_name if path is None else path
    try:
        if path is None:
            return resources.files("balcao_tui.domain.data").joinpath(shipped_name).read_text(
                encoding="utf-8"
            )
        if Path(path).stat().st_size > MAX_BYTES:
            raise error(f'{what}: o arquivo "{shown}" é grande demais '
                        f"(máximo {MAX_BYTES // 1024} KiB).")
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise error(f'{what}: o arquivo "{shown}" deve estar em UTF-8.') from None
    except FileNotFoundError:
        raise error(f'{what}: arquivo "{shown}" não encontrado.') from None
    except PermissionError:
        raise error(f'{what}: sem permissão para ler o arquivo "{shown}".') from None
    except OSError:
        raise error(f'{what}: não foi possível ler o arquivo "{shown}".') from None


def _nesting(value: Any, depth: int = 0) -> int:
    if depth > MAX_NESTING:
        return depth
    if isinstance(value, dict):
        children = value.values()
    else:
        children = value if isinstance(value, list) else ()
    return max((_nesting(child, depth + 1) for child in children), default=depth)


def parse(source: str, error: type[DataFileError], what: str) -> dict[str, Any]:
    """The TOML in `source`, bounded: at most MAX_BYTES, MAX_NESTING levels, and numbers of
    sane size; anything else is a DataFileError in Portuguese."""
    if len(source.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise error(f"{what}: arquivo grande demais (máximo {MAX_BYTES // 1024} KiB).")
    if any(0xD800 <= ord(char) <= 0xDFFF or char == "\x00" for char in source):
        raise error(f"{what}: o arquivo deve estar em UTF-8, sem caracteres nulos.")
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        line = decode_error_line(str(exc))
        detail = "erro de sintaxe TOML (confira aspas, colchetes e sinais de igual)."
        raise error(located(what, line, None, detail), line) from None
    except RecursionError:
        raise error(f"{what}: tabelas ou listas aninhadas demais.") from None
    except ValueError:  # tomllib's own int(): a number with thousands of digits
        raise error(f"{what}: número grande demais no arquivo.") from None
    if _nesting(data) > MAX_NESTING:
        raise error(f"{what}: tabelas ou listas aninhadas demais (máximo {MAX_NESTING}).")
    return data
