from django.core.management.base import BaseCommand
from django.utils import timezone

from workshops.models import JoinAttempt
from workshops.services import JOIN_FAILURE_WINDOW


class Command(BaseCommand):
    help = "Delete failed join attempts older than the throttling window (also done on the fly)."

    def handle(self, *args, **options):
        deleted, _ = JoinAttempt.objects.filter(
            at__lt=timezone.now() - JOIN_FAILURE_WINDOW
        ).delete()
        self.stdout.write(f"Deleted {deleted} old join attempts.")
