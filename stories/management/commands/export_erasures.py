import json

from django.core.management.base import BaseCommand

from stories.erasure import ledger_entries


class Command(BaseCommand):
    help = (
        "Write the erasure ledger (story ids, when, by whom; no content) as JSON to stdout. "
        "Keep the file outside the database backups; after a restore run "
        "`reapply_erasures --ledger FILE`."
    )

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(ledger_entries(), indent=1, ensure_ascii=False))
