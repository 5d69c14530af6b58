import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from aktiv import demo

# Each app that has demo content offers `<app>.demo.load(users)`; run in this order.
DEMO_MODULES = ["stories.demo", "workshops.demo", "reports.demo"]


class Command(BaseCommand):
    help = "Load demo users (one per role) and demo content. Idempotent. DEBUG only."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when DEBUG is off (for tests and benchmarks on throwaway databases).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo is refused unless DEBUG is on: demo users have public passwords."
            )
        with transaction.atomic():
            users = demo.load()
            for name in DEMO_MODULES:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name != name:
                        raise
                    continue
                module.load(users)
        self.stdout.write("Demo logins (username / password):")
        for username, password, role_list, superuser in demo.DEMO_USERS:
            label = ", ".join(role_list) or ("Administrator" if superuser else "")
            self.stdout.write(f"  {username:<12} {password:<18} {label}")
