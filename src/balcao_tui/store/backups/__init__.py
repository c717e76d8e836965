"""`balcao backup` / `balcao restore`: consistent online copies with their checksum, and the
restore that marks the database for the resync with the TJ (tj/resync.py)."""
from .files import BackupInfo, verify_backup
from .restore import DatabaseInUse, Restored, restore_backup
from .take import take_backup

__all__ = ["BackupInfo", "DatabaseInUse", "Restored", "restore_backup", "take_backup",
           "verify_backup"]
