"""The secrets of the TJ link (OAuth client secret, A1 password), encrypted with a key
kept outside the database: a file readable by the office's group of system users (the
clerks and the service account), never by the other users of the server.

The file holds one Fernet key (AES-128-CBC with HMAC-SHA256); the database holds only
`fernet:<token>`. Whoever has a copy of the database (a backup, a dump) without the file
learns nothing of the secrets. `balcao init` and the demo create the file (mode 0640; 0660 is accepted too).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Mapping

from platformdirs import user_config_dir

from .errors import Refused

KEY_ENV = "BALCAO_KEY_FILE"
KEY_FILE_NAME = "segredos.key"
PREFIX = "fernet:"


def key_file_path(env: Mapping[str, str] | None = None) -> Path:
    """The variable BALCAO_KEY_FILE, else a file in the user's configuration folder."""
    env = os.environ if env is None else env
    given = env.get(KEY_ENV)
    if given:
        return Path(given).expanduser()
    return Path(user_config_dir("balcao-tui", appauthor=False)) / KEY_FILE_NAME


def ensure_key_file(path: Path) -> bool:
    """Create the key file (0640, its folder 0750 if new) unless it exists; True if created."""
    from cryptography.fernet import Fernet

    path.parent.mkdir(mode=0o750, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    except FileExistsError:
        return False
    except OSError as exc:
        raise Refused(f"Não foi possível criar a chave dos segredos em {path}: "
                      f"{exc.strerror}.", field="key_file") from None
    with os.fdopen(fd, "wb") as file:
        file.write(Fernet.generate_key() + b"\n")
    return True


def _fernet(path: Path):
    from cryptography.fernet import Fernet

    try:
        mode = path.stat().st_mode
        data = path.read_bytes()
    except FileNotFoundError:
        raise Refused(f"A chave dos segredos não foi encontrada em {path}. Ela é criada por "
                      f"`balcao init`; se está em outro lugar, informe-o na variável "
                      f"{KEY_ENV}.", field="key_file") from None
    except PermissionError:
        raise Refused(f"A chave dos segredos ({path}) não pode ser lida por este usuário "
                      "do sistema: ela deve pertencer ao grupo da serventia (chgrp GRUPO; "
                      "chmod 640), e este usuário, ser do grupo.", field="key_file") from None
    except OSError as exc:
        raise Refused(f"Não foi possível ler a chave dos segredos ({path}): "
                      f"{exc.strerror}.", field="key_file") from None
    if stat.S_IMODE(mode) & 0o007:
        raise Refused(f"A chave dos segredos ({path}) pode ser lida por qualquer usuário do "
                      f"servidor (permissões {stat.S_IMODE(mode):04o}): corrija com chmod 640 "
                      f"{path} (o grupo da serventia a lê; os outros, não).", field="key_file")
    try:
        return Fernet(data.strip())
    except ValueError:
        raise Refused(f"O arquivo {path} não é uma chave dos segredos válida.",
                      field="key_file") from None


def check_key_file(path: Path) -> None:
    """Refused (pt-BR) if the key cannot be used."""
    _fernet(path)


def is_encrypted(stored: str) -> bool:
    return stored.startswith(PREFIX)


def encrypt_secret(plain: str, path: Path) -> str:
    return PREFIX + _fernet(path).encrypt(plain.encode("utf-8")).decode("ascii")


def decrypt_secret(stored: str, path: Path, what: str) -> str:
    """The clear text of `stored`; `what` names it in the refusal (pt-BR)."""
    from cryptography.fernet import InvalidToken

    if not is_encrypted(stored):
        raise Refused(f"{what} está gravado sem criptografia (versão anterior do balcão): "
                      "rode `balcao init` para cifrá-lo.", field="key_file")
    fernet = _fernet(path)
    try:
        return fernet.decrypt(stored[len(PREFIX):].encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError):
        raise Refused(f"{what} não pode ser decifrado com a chave {path}: ela não é a chave "
                      "com que foi gravado. Informe-o de novo (tela Credenciais ou "
                      "balcao credentials).", field="key_file") from None
