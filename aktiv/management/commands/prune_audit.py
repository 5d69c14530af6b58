from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from aktiv.audit import pruning
from aktiv.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Delete audit-log entries older than the retention period "
        "(AKTIV_AUDIT_RETENTION_DAYS, default 180 days)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override the retention.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.AUDIT_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("The retention must be at least one day.")
        cutoff = timezone.now() - timedelta(days=days)
        old = AuditEvent.objects.filter(at__lt=cutoff)
        if dry_run:
            self.stdout.write(f"{old.count()} audit entries older than {days} days.")
            return
        with pruning():
            deleted, _ = old.delete()
        self.stdout.write(f"Deleted {deleted} audit entries older than {days} days.")
