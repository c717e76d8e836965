"""The chain's cost, printed (run with -s to see it): bench/audit_chain.py on 1,000
entries against the same inserts without the chain. No wall-clock limit here."""
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "audit_chain.py"


def test_the_cost_of_the_chain_is_measured_and_printed():
    result = subprocess.run([sys.executable, str(BENCH), "1000"], capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    print(result.stdout)
    assert "hashing alone:" in result.stdout and "x); verify_chain over" in result.stdout
