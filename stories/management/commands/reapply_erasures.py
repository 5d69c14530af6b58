from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from stories.erasure import LedgerError, load_ledger, reapply


class Command(BaseCommand):
    help = (
        "Delete again every story in the erasure ledger, e.g. after a backup was restored. "
        "With --ledger FILE (made by export_erasures before the restore) the file's entries "
        "are used too and put back into the ledger table. Safe to run any number of times."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ledger",
            action="append",
            default=[],
            help="an exported ledger file (export_erasures); may be given more than once",
        )

    def handle(self, *args, ledger=(), **options):
        entries = []
        for name in ledger:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"The ledger file {name} does not exist.")
            try:
                entries.extend(load_ledger(path.read_text(encoding="utf-8")))
            except (LedgerError, UnicodeDecodeError) as exc:
                raise CommandError(f"{name}: {exc}") from exc
        counts = reapply(entries)
        self.stdout.write(
            f"Erasure ledger: {counts['ledger']} entries "
            f"({counts['restored_entries']} put back from the file). "
            f"Deleted again: {counts['deleted']} stories."
        )
        if counts["skipped_newer"]:
            self.stderr.write(
                f"Left alone: {counts['skipped_newer']} stories whose id is in the ledger but "
                "which were created after the erasure (an id used again after a restore)."
            )
