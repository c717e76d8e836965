"""`balcao web` refuses what it should before it listens anywhere."""
import os

import pytest

from test_cli import balcao


def test_a_network_address_needs_to_be_asked_for_explicitly(sqlite_url):
    result = balcao("--db", sqlite_url, "web", "--host", "0.0.0.0")
    assert result.returncode == 2
    assert "--host 0.0.0.0 abre o balcão para a rede: confirme com --allow-network" \
        in result.stderr
    assert "proxy com TLS" in result.stderr and "Traceback" not in result.stderr


def test_a_database_that_cannot_open_is_said_once_before_serving(tmp_path):
    result = balcao("--db", f"sqlite:///{tmp_path / 'vazio.db'}", "web", "--port", "1")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "balcao init" in result.stderr, result.stderr


def test_a_port_out_of_range_is_refused(sqlite_url):
    result = balcao("--db", sqlite_url, "web", "--port", "70000")
    assert result.returncode == 2 and "porta inválida: 70000" in result.stderr


@pytest.mark.parametrize("host", ["0.0.0.0\x1b[2J", "", "h" * 300, "😀.local",
                                  os.fsdecode(b"host\xff"), "127.0.0.1 --x"])
def test_a_hostile_host_is_refused_cleanly(sqlite_url, host):
    result = balcao("--db", sqlite_url, "web", "--allow-network", "--host", host)
    assert result.returncode == 2
    assert "endereço inválido em --host" in result.stderr
    assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
