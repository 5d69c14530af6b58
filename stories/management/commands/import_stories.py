from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from stories import importer, services


class Command(BaseCommand):
    help = (
        "Import change stories from a CSV or XLSX file (columns: see README, "
        "'Importing stories'). All rows or none are saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to a .csv or .xlsx file")
        parser.add_argument(
            "--user",
            required=True,
            help="username recorded as collector and as recorder of consent",
        )
        parser.add_argument("--dry-run", action="store_true", help="check the file, save nothing")
        parser.add_argument(
            "--skip-duplicates",
            action="store_true",
            help="leave out rows that look like stories already saved",
        )

    def handle(self, *args, file, user, dry_run=False, skip_duplicates=False, **options):
        try:
            account = get_user_model().objects.get(username=user)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"Brugeren »{user}« findes ikke.") from exc
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Filen {file} findes ikke.")
        if path.stat().st_size >= importer.MAX_BYTES:
            raise CommandError(importer._too_big())
        try:
            result = importer.parse(path.read_bytes())
        except importer.ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        counts = result.counts
        self.stdout.write(
            f"{counts['total']} rækker: {counts['ok']} uden problemer, "
            f"{counts['problems']} med problemer, {counts['duplicates']} sandsynlige dubletter."
        )
        for line, column, message in result.problems:
            self.stdout.write(f"  linje {line}, kolonnen »{column}«: {message}")
        if counts["problems"]:
            raise CommandError("Intet er gemt: ret problemerne i filen, og prøv igen.")
        if dry_run:
            self.stdout.write("Prøvekørsel: intet er gemt.")
            return
        created = services.import_stories(
            result.rows,
            user=account,
            file_format=result.file_format,
            skip_duplicates=skip_duplicates,
            kommando=True,
        )
        self.stdout.write(self.style.SUCCESS(f"{created} fortællinger er importeret."))
