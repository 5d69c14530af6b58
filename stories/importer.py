"""Import of stories from CSV or XLSX: read, check every row, then save all or nothing.

`parse(raw_bytes)` returns an ImportResult (every row with its problems, likely
duplicates flagged); nothing is written. `save_rows(rows, user)` writes the cleaned
rows of a problem-free file in one transaction with bulk inserts. The columns are
documented in README.md ("Importing stories").
"""

import codecs
import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from aktiv import text as text_rules
from aktiv.dates import parse_short_date
from aktiv.roles import STAFF
from domains.models import Domain

from . import rules
from .models import CollectionRound, Story
from .validators import STORYTELLER_CODE_PATTERN

MAX_BYTES = 20 * 1024 * 1024  # 20 MB: a file this size or larger is refused
# Bounds on what a file may make the server read and keep. An XLSX is a zip of XML: a
# 1.6 KB file declaring A1:XFD5000 made openpyxl pad every row to 16,384 columns (9 s,
# 741 MB). So the zip is checked before openpyxl opens it, the first sheet is counted
# by a streaming pass, and openpyxl then reads only MAX_COLUMNS columns of at most
# MAX_ROWS rows, whatever the sheet declares.
MAX_ROWS = 10_000  # rows of stories, below the header
MAX_COLUMNS = 50
MAX_CELLS = 300_000  # cells written in the sheet, empty ones included
MAX_ZIP_MEMBERS = 200
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, for members over 1 MB
TITLE_MAX = Story._meta.get_field("title").max_length
TEXT_MAX = 50_000
SIGNIFICANCE_MAX = 20_000


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is Danish and shown to the user."""


def _norm(value):
    """Header/choice normaliser: lower case, Danish letters spelled out, _ for the rest."""
    value = str(value or "").strip().casefold()
    for letter, spelled in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e"), ("§", "")):
        value = value.replace(letter, spelled)
    return re.sub(r"[^a-z0-9]+", "_", value).strip("_")


# column key -> (model field, required, aliases). The key is the column's Danish name
# normalised (_norm); COLUMN_TITLES below spells it as people write it.
COLUMNS = {
    "titel": ("title", True, ("title",)),
    "fortaelling": ("text", True, ("fortaellingen", "tekst", "text")),
    "betydning": ("significance", False, ("hvorfor_vigtig", "significance")),
    "fortalt_af": ("told_by", False, ("told_by",)),
    "fortaellerkode": ("storyteller_code", False, ("kode", "storyteller_code")),
    "beskaeftigelse": ("employment_type", True, ("employment_type",)),
    "runde": ("round", False, ("indsamlingsrunde", "round")),
    "indsamlet_dato": ("collected_on", True, ("indsamlet_den", "indsamlet", "collected_on")),
    "metode": ("method", False, ("indsamlingsmetode", "method")),
    "genlaest_dato": ("read_back_on", False, ("laest_op_dato", "read_back_on")),
    "status": ("status", False, ()),
    "domaener": ("domains", False, ("domaene", "domains")),
    "samtykke_analyse": ("consent_analysis_on", False, ()),
    "samtykke_rapport": ("consent_report_on", False, ()),
    "samtykke_offentliggoerelse": ("consent_publish_on", False, ("samtykke_offentlig",)),
    "samtykke_givet_af": ("consent_giver", False, ()),
    "samtykke_form": ("consent_how", False, ("samtykke_hvordan",)),
    "samtykke_vidne": ("consent_witness", False, ("vidne",)),
}
# The columns as the staff export and the import template write them (Danish letters).
COLUMN_TITLES = {
    "titel": "titel",
    "fortaelling": "fortælling",
    "betydning": "betydning",
    "fortalt_af": "fortalt_af",
    "fortaellerkode": "fortællerkode",
    "beskaeftigelse": "beskæftigelse",
    "runde": "runde",
    "indsamlet_dato": "indsamlet_dato",
    "metode": "metode",
    "genlaest_dato": "genlæst_dato",
    "status": "status",
    "domaener": "domæner",
    "samtykke_analyse": "samtykke_analyse",
    "samtykke_rapport": "samtykke_rapport",
    "samtykke_offentliggoerelse": "samtykke_offentliggørelse",
    "samtykke_givet_af": "samtykke_givet_af",
    "samtykke_form": "samtykke_form",
    "samtykke_vidne": "samtykke_vidne",
}
# Columns an export writes that an import reads past (so an export can be re-imported).
IGNORED_COLUMNS = {"id", "indsamlet_af", "oprettet"}

COLUMN_OF_FIELD = {spec[0]: key for key, spec in COLUMNS.items()}

HEADER_LOOKUP = {}
for _key, (_field, _required, _aliases) in COLUMNS.items():
    for _name in (_key, *_aliases):
        HEADER_LOOKUP[_name] = _key


def _choice_lookup(choices, extra=None):
    lookup = {}
    for key, label in choices:
        lookup[_norm(key)] = key
        lookup[_norm(str(label))] = key
    for alias, key in (extra or {}).items():
        lookup[_norm(alias)] = key
    return lookup


EMPLOYMENT_LOOKUP = _choice_lookup(
    Story.Employment.choices,
    {
        "løntilskud": "wage_subsidy",
        "job med løntilskud": "wage_subsidy",
        "frivilligt": "voluntary",
        "frivillig": "voluntary",
        "uvisiteret": "unreferred",
        "uvisiterede tilbud": "unreferred",
        "beskyttet beskæftigelse": "sheltered_103",
        "§103": "sheltered_103",
        "103": "sheltered_103",
        "aktivitets- og samværstilbud": "activity_104",
        "§104": "activity_104",
        "104": "activity_104",
        "ordinært": "ordinary",
        "job": "ordinary",
    },
)
TOLD_BY_LOOKUP = _choice_lookup(
    Story.ToldBy.choices,
    {
        "borger": "citizen",
        "borgeren": "citizen",
        "pårørende": "network",
        "netværk": "network",
        "medarbejder": "staff",
        "arbejdsplads": "workplace",
    },
)
METHOD_LOOKUP = _choice_lookup(
    Story.Method.choices, {"skrevet": "written", "skriftlig": "written", "gruppe": "group"}
)
STATUS_LOOKUP = _choice_lookup(Story.Status.choices, {"kladde": "draft", "klar": "ready"})
GIVER_LOOKUP = _choice_lookup(
    Story.ConsentGiver.choices,
    {"fortælleren": "storyteller", "fortæller": "storyteller", "borger": "storyteller",
     "værge": "guardian"},
)  # fmt: skip
HOW_LOOKUP = _choice_lookup(
    Story.ConsentHow.choices,
    {"skriftligt": "written", "skriftlig": "written", "mundtligt": "oral", "mundtlig": "oral"},
)
WITNESS_ROLE_LOOKUP = _choice_lookup(
    Story.WitnessRole.choices,
    {"kontaktperson": "contact", "bostøtte": "contact", "pårørende": "relative",
     "arbejdsplads": "workplace", "fagperson": "professional"},
)  # fmt: skip

DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%y", "%d.%m.%y")
# Besides these, the site's own style ("21. apr. 2020", aktiv.dates) as the export writes it.

IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"RIFF", b"II*\x00")
# A well-formed UTF-8 multibyte sequence (for telling broken UTF-8 from Windows-1252).
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")


@dataclass
class ImportResult:
    file_format: str = "csv"
    rows: list = field(default_factory=list)  # cleaned rows (dicts) of rows without problems
    preview: list = field(default_factory=list)  # one entry per row
    total: int = 0
    problem_rows: int = 0
    duplicate_rows: int = 0

    @property
    def counts(self):
        return {
            "total": self.total,
            "ok": self.total - self.problem_rows,
            "problems": self.problem_rows,
            "duplicates": self.duplicate_rows,
        }

    @property
    def problems(self):
        """Flat list of (line, column, message)."""
        return [
            (entry["line"], problem["column"], problem["message"])
            for entry in self.preview
            for problem in entry["problems"]
        ]


# Reading ---------------------------------------------------------------------------


def _line_of(raw, offset):
    return raw[:offset].count(b"\n") + 1


def decode_text(raw):
    """UTF-8 (with or without BOM) or Windows-1252; broken UTF-8 gets a clear message."""
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ImportFileError(_invalid_utf8(raw, exc.start + len(codecs.BOM_UTF8))) from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if UTF8_MULTIBYTE.search(raw):
            # Mostly UTF-8 (æ, ø, å as two bytes) with broken bytes in between.
            raise ImportFileError(_invalid_utf8(raw, exc.start)) from exc
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError as exc2:
            raise ImportFileError(_invalid_utf8(raw, exc.start)) from exc2


def _invalid_utf8(raw, offset):
    return _(
        "Filen er ikke gyldig UTF-8: der er et ugyldigt tegn på linje %(line)d. "
        "Gem filen igen som »CSV UTF-8« i Excel, og prøv igen."
    ) % {"line": _line_of(raw, offset)}


def _looks_binary(text):
    if "\x00" in text:
        return True
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\r\n")
    return controls > 0


def read_table(raw):
    """(file_format, header, [(line_number, [cells])]) from the uploaded bytes."""
    if not raw or not raw.strip():
        raise ImportFileError(_("Filen er tom."))
    if len(raw) >= MAX_BYTES:
        raise ImportFileError(_too_big())
    if raw.startswith(IMAGE_MAGIC):
        raise ImportFileError(
            _("Filen er et billede, ikke en CSV- eller Excel-fil. Vælg den rigtige fil.")
        )
    if raw.startswith(b"PK\x03\x04"):
        return ("xlsx", *_read_xlsx(raw))
    if raw.startswith((b"%PDF", b"\xd0\xcf\x11\xe0")):
        raise ImportFileError(
            _(
                "Filen er ikke en CSV- eller XLSX-fil (måske PDF eller en gammel .xls). "
                "Gem den som CSV eller XLSX, og prøv igen."
            )
        )
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(
            _("Filen er gemt som UTF-16. Gem den igen som »CSV UTF-8« i Excel, og prøv igen.")
        )
    if b"\x00" in raw[:65536]:
        raise ImportFileError(
            _("Filen ser ikke ud til at være en CSV- eller Excel-fil. Vælg den rigtige fil.")
        )
    text = decode_text(raw)
    if _looks_binary(text):
        raise ImportFileError(
            _("Filen ser ikke ud til at være en CSV- eller Excel-fil. Vælg den rigtige fil.")
        )
    return ("csv", *_read_csv(text))


def _too_big():
    return _("Filen er for stor: den skal være mindre end 20 MB. Del den op i flere filer.")


def _too_many_rows():
    return _("Filen har mere end %(limit)s rækker med fortællinger. Del den op i flere filer.") % {
        "limit": f"{MAX_ROWS:,}".replace(",", ".")
    }


def _read_csv(text):
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        rows = []
        for cells in reader:
            if len(rows) >= MAX_ROWS:
                raise ImportFileError(_too_many_rows())
            rows.append((reader.line_num, cells[:MAX_COLUMNS]))
    except csv.Error as exc:
        raise ImportFileError(
            _("CSV-filen kan ikke læses omkring linje %(line)d: tjek anførselstegnene.")
            % {"line": reader.line_num}
        ) from exc
    return header or [], rows


def _cell_to_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _unreadable_xlsx():
    return _("Excel-filen kan ikke læses. Gem den igen som XLSX eller CSV, og prøv igen.")


def _check_zip(archive):
    """Refuse a zip that would make the server unpack too much (before openpyxl)."""
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise ImportFileError(_unreadable_xlsx())
    total = sum(member.file_size for member in members)
    ratios = (
        member.file_size / max(member.compress_size, 1)
        for member in members
        if member.file_size > 1024 * 1024
    )
    if total > MAX_UNCOMPRESSED or any(ratio > MAX_RATIO for ratio in ratios):
        raise ImportFileError(
            _(
                "Excel-filen fylder for meget, når den pakkes ud. Gem arket som CSV, "
                "eller del det op i flere filer."
            )
        )
    for member in members:
        if member.filename.endswith((".xml", ".rels")):
            with archive.open(member) as part:
                start = part.read(2048)
            if b"<!DOCTYPE" in start or b"<!ENTITY" in start:  # never in a real XLSX
                raise ImportFileError(_unreadable_xlsx())


def _column_number(reference):
    """ "XFD5000" -> 16384."""
    number = 0
    for char in reference:
        if not char.isalpha():
            break
        number = number * 26 + (ord(char.upper()) - 64)
    return number


def _count_sheet(archive, path):
    """Stream the sheet's XML once and refuse it when it holds too many cells, rows with
    text, or text beyond MAX_COLUMNS (what it *declares* is never believed)."""
    from xml.etree.ElementTree import iterparse  # noqa: S405 - DOCTYPE refused before

    cells = 0  # <c> and <row> elements: both cost memory when openpyxl reads them
    last_row = 0
    sheet_data = None
    with archive.open(path) as source:
        for event, element in iterparse(source, events=("start", "end")):  # noqa: S314
            tag = element.tag.rsplit("}", 1)[-1]
            if event == "start":
                if tag == "sheetData":
                    sheet_data = element
                continue
            if tag in ("c", "row"):
                cells += 1
                if cells > MAX_CELLS:
                    raise ImportFileError(
                        _("Arket har for mange celler (højst %(limit)s). Del det op.")
                        % {"limit": f"{MAX_CELLS:,}".replace(",", ".")}
                    )
            if tag == "c":
                has_value = any(child.tag.rsplit("}", 1)[-1] in ("v", "is") for child in element)
                reference = element.get("r") or ""
                if has_value and _column_number(reference) > MAX_COLUMNS:
                    raise ImportFileError(
                        _("Arket har tekst i mere end %(limit)d kolonner.") % {"limit": MAX_COLUMNS}
                    )
                if has_value:
                    digits = "".join(ch for ch in reference if ch.isdigit())
                    last_row = max(last_row, int(digits) if digits else last_row + 1)
                element.clear()
            elif tag == "row" and sheet_data is not None:
                sheet_data.clear()  # nothing of a counted row is kept
    if last_row > MAX_ROWS + 1:
        raise ImportFileError(_too_many_rows())


def _read_xlsx(raw):
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ImportFileError(_unreadable_xlsx()) from exc
    with archive:
        _check_zip(archive)
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise ImportFileError(
            _("Excel-filen kan ikke læses. Gem den igen som XLSX eller CSV, og prøv igen.")
        ) from exc
    except Exception as exc:  # openpyxl raises many kinds; never a 500
        raise ImportFileError(
            _("Excel-filen kan ikke læses. Gem den igen som XLSX eller CSV, og prøv igen.")
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        _count_sheet(workbook._archive, sheet._worksheet_path)
        header = None
        rows = []
        # Explicit bounds: openpyxl never pads a row to the sheet's declared dimension.
        bounded = sheet.iter_rows(max_col=MAX_COLUMNS, max_row=MAX_ROWS + 1, values_only=True)
        for number, values in enumerate(bounded, start=1):
            cells = [_cell_to_text(v) for v in values]
            if header is None:
                header = cells
                continue
            rows.append((number, cells))
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(
            _("Excel-filen kan ikke læses. Gem den igen som XLSX eller CSV, og prøv igen.")
        ) from exc
    finally:
        workbook.close()
    while header and not header[-1].strip():
        header.pop()
    return header or [], rows


def column_names(header, positions):
    """{column key: the column's name as the file writes it}, for messages."""
    return {key: (header[index] or "").strip() or key for key, index in positions.items()}


def map_header(header):
    """{column key: index}; raises ImportFileError on missing, unknown or doubled columns."""
    if not header or not any(cell.strip() for cell in header):
        raise ImportFileError(_("Filen har ingen overskriftsrække med kolonnenavne."))
    positions, unknown, doubled = {}, [], []
    for index, cell in enumerate(header):
        name = _norm(cell)
        if not name or name in IGNORED_COLUMNS:
            continue
        key = HEADER_LOOKUP.get(name)
        if key is None:
            unknown.append(cell.strip())
        elif key in positions:
            doubled.append(cell.strip())
        else:
            positions[key] = index
    messages = []
    if unknown:
        messages.append(
            _("Ukendte kolonner: %(names)s.") % {"names": ", ".join(f"»{u}«" for u in unknown)}
        )
    if doubled:
        messages.append(
            _("Kolonner, der står to gange: %(names)s.")
            % {"names": ", ".join(f"»{d}«" for d in doubled)}
        )
    missing = [key for key, spec in COLUMNS.items() if spec[1] and key not in positions]
    if missing:
        messages.append(
            _("Kolonner, der mangler: %(names)s.")
            % {"names": ", ".join(f"»{COLUMN_TITLES[key]}«" for key in missing)}
        )
    if messages:
        messages.append(_("Se kolonnerne i vejledningen under formularen."))
        raise ImportFileError(" ".join(messages))
    return positions


# Checking rows ------------------------------------------------------------------------


def _parse_date(value):
    value = value.strip()
    if not value:
        return None
    if re.match(r"^\d{4}-\d\d-\d\d[ T]", value):  # a date with a time of day
        value = value[:10]
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return parse_short_date(value)


class Lookups:
    """Domains and rounds, read once per file (two queries whatever the row count)."""

    def __init__(self, witnesses=False):
        """`witnesses`: also read the users who may witness an oral consent (a third
        query, only when the file has the column)."""
        self.domains = {}
        for domain in Domain.objects.all():
            for key in (domain.name.casefold(), domain.slug.casefold(), _norm(domain.name)):
                self.domains[key] = domain
        self.rounds = {r.name.casefold(): r for r in CollectionRound.objects.all()}
        self.witnesses = {}
        if witnesses:
            users = get_user_model().objects.filter(is_active=True)
            users = users.filter(Q(groups__name=STAFF) | Q(is_superuser=True)).distinct()
            self.witnesses = {
                name.casefold(): pk for pk, name in users.values_list("pk", "username")
            }

    def domain(self, value):
        return self.domains.get(value.strip().casefold()) or self.domains.get(_norm(value))

    def witness(self, value):
        """(user id, "") for a staff user's username, (None, role) for a role, or None."""
        if value.strip().casefold() in self.witnesses:
            return self.witnesses[value.strip().casefold()], ""
        role = WITNESS_ROLE_LOOKUP.get(_norm(value))
        return (None, role) if role else None


def _check_row(cells, positions, lookups, today, names=None):
    """(cleaned dict or None, [(column, message)]); a problem names its column as the
    file does (`names`: {column key: name in the header})."""
    problems = []
    names = names or {}

    def problem(column, message):
        problems.append((column, message))

    # The text rule of every form (aktiv.text) on every cell: NFC, no control
    # characters, no CPR numbers. A refused cell is reported and read as empty.
    texts, refused_keys = {}, set()
    for key, index in positions.items():
        raw = cells[index] if index < len(cells) else ""
        value = text_rules.normalise(raw or "")
        refused = text_rules.problems(value)
        for error in refused:
            problem(key, error.messages[0])
        if refused:
            refused_keys.add(key)  # never kept, not even in the preview
        texts[key] = "" if refused else value.strip()

    def cell(key):
        return texts.get(key, "")

    data = {}
    text_limits = (("titel", TITLE_MAX), ("fortaelling", TEXT_MAX), ("betydning", SIGNIFICANCE_MAX))
    for key, limit in text_limits:
        value = cell(key)
        field_name = COLUMNS[key][0]
        if not value and COLUMNS[key][1]:
            problem(key, _("Feltet er tomt."))
        elif len(value) > limit:
            problem(
                key,
                _("Teksten er for lang: højst %(limit)d tegn (den har %(length)d).")
                % {"limit": limit, "length": len(value)},
            )
        data[field_name] = value

    code = cell("fortaellerkode").upper()
    if code and not STORYTELLER_CODE_PATTERN.match(code):
        problem("fortaellerkode", _("Brug en kode som B-017. Aldrig et navn eller CPR-nummer."))
    data["storyteller_code"] = code

    for key, lookup, default, message in (
        ("beskaeftigelse", EMPLOYMENT_LOOKUP, None, _("Ukendt beskæftigelse: »%(value)s«.")),
        ("fortalt_af", TOLD_BY_LOOKUP, Story.ToldBy.CITIZEN, _("Ukendt fortæller: »%(value)s«.")),
        ("metode", METHOD_LOOKUP, Story.Method.INTERVIEW, _("Ukendt metode: »%(value)s«.")),
        ("status", STATUS_LOOKUP, Story.Status.DRAFT, _("Ukendt status: »%(value)s«.")),
    ):
        value = cell(key)
        field_name = COLUMNS[key][0]
        if not value:
            if default is None:
                problem(key, _("Feltet er tomt."))
            data[field_name] = default
            continue
        choice = lookup.get(_norm(value))
        if choice is None:
            problem(key, message % {"value": value[:60]})
        data[field_name] = choice

    consent_dates = [f"consent_{scope}_on" for scope in Story.CONSENT_SCOPES]
    date_columns = ("indsamlet_dato", "genlaest_dato", *map(COLUMN_OF_FIELD.get, consent_dates))
    dates = {}
    for key in date_columns:
        value = cell(key)
        field_name = COLUMNS[key][0]
        data[field_name] = None
        if not value:
            if COLUMNS[key][1]:
                problem(key, _("Feltet er tomt."))
            continue
        try:
            parsed = _parse_date(value)
        except ValueError:
            problem(
                key,
                _("»%(value)s« er ikke en dato. Skriv fx 2024-03-15 eller 15-03-2024.")
                % {"value": value[:40]},
            )
            continue
        dates[field_name] = parsed
        data[field_name] = parsed.isoformat()

    round_name = cell("runde")
    data["round_id"] = None
    if round_name:
        round_ = lookups.rounds.get(round_name.casefold())
        if round_ is None:
            problem(
                "runde",
                _("Indsamlingsrunden »%(value)s« findes ikke. Opret den først.")
                % {"value": round_name[:60]},
            )
        else:
            data["round_id"] = round_.pk

    domain_ids, domain_names = [], []
    for part in re.split(r"[,;|\n]", cell("domaener")):
        if not part.strip():
            continue
        domain = lookups.domain(part)
        if domain is None:
            problem(
                "domaener",
                _("Ukendt forandringsområde: »%(value)s«.") % {"value": part.strip()[:60]},
            )
        elif domain.pk not in domain_ids:
            domain_ids.append(domain.pk)
            domain_names.append(domain.name)
    data["domain_ids"] = domain_ids
    data["domain_names"] = domain_names

    _check_consent_details(cell, data, lookups, problem)

    # The rules the story form keeps (stories.rules), reported under the file's columns.
    values = {**data, **dates}
    for name, messages in rules.story_problems(values, domain_ids, today).items():
        for message in messages:
            problem(COLUMN_OF_FIELD.get(name, name), message)

    # A refused cell was read as empty: say why once, not also that it is empty.
    empty = _("Feltet er tomt.")
    problems = [
        (names.get(c, COLUMN_TITLES.get(c, c)), m)
        for c, m in problems
        if not (c in refused_keys and m == empty)
    ]
    return data, problems


def _check_consent_details(cell, data, lookups, problem):
    """Who gave consent and how (optional columns); oral consent needs a witness: a staff
    user's username or a role, never a name typed in the file."""
    data.update(consent_giver="", consent_how="", consent_witness_id=None, consent_witness_role="")
    for key, lookup, field_name, message in (
        ("samtykke_givet_af", GIVER_LOOKUP, "consent_giver", _("Skriv fortælleren eller værge.")),
        ("samtykke_form", HOW_LOOKUP, "consent_how", _("Skriv skriftligt eller mundtligt.")),
    ):
        value = cell(key)
        if value:
            choice = lookup.get(_norm(value))
            if choice is None:
                problem(
                    key, _("Ukendt værdi: »%(value)s«.") % {"value": value[:60]} + " " + message
                )
            data[field_name] = choice or ""
    witness = cell("samtykke_vidne")
    oral = data["consent_how"] == Story.ConsentHow.ORAL
    if witness and not oral:
        problem("samtykke_vidne", _("Et vidne hører kun til mundtligt samtykke."))
    elif witness:
        found = lookups.witness(witness)
        if found is None:
            problem(
                "samtykke_vidne",
                _(
                    "»%(value)s« er hverken en medarbejders brugernavn eller en rolle "
                    "(kontaktperson, pårørende, arbejdsplads, fagperson). Skriv aldrig et navn."
                )
                % {"value": witness[:60]},
            )
        else:
            data["consent_witness_id"], data["consent_witness_role"] = found
    elif oral:
        problem("samtykke_vidne", _("Mundtligt samtykke kræver et vidne."))


def parse(raw):
    """Read and check a whole file. Raises ImportFileError when the file can't be read."""
    file_format, header, rows = read_table(raw)
    positions = map_header(header)
    rows = [(line, cells) for line, cells in rows if any((c or "").strip() for c in cells)]
    if not rows:
        raise ImportFileError(_("Filen har ingen rækker med fortællinger under overskrifterne."))

    names = column_names(header, positions)
    lookups = Lookups(witnesses="samtykke_vidne" in positions)
    today = timezone.localdate()
    result = ImportResult(file_format=file_format, total=len(rows))
    checked = []
    for line, cells in rows:
        data, problems = _check_row(cells, positions, lookups, today, names)
        checked.append((line, data, problems))

    existing = _existing_keys(
        {d["title"] for _l, d, _p in checked}, {d["collected_on"] for _l, d, _p in checked}
    )
    seen = set()
    with_problems, others = [], []
    for line, data, problems in checked:
        key = (data["title"].casefold(), data["storyteller_code"], data["collected_on"])
        duplicate = key in existing or key in seen
        seen.add(key)
        entry = {
            "line": line,
            "title": data["title"][:200],
            "collected_on": data["collected_on"],
            "domains": ", ".join(data["domain_names"]),
            "consent": {
                scope: data[f"consent_{scope}_on"]
                for scope in Story.CONSENT_SCOPES
                if data.get(f"consent_{scope}_on")
            },
            "consent_giver": data["consent_giver"],
            "consent_how": data["consent_how"],
            "duplicate": duplicate,
            "problems": [{"column": c, "message": m} for c, m in problems],
        }
        if problems:
            result.problem_rows += 1
            with_problems.append(entry)
        else:
            others.append(entry)
            data["line"] = line
            data["duplicate"] = duplicate
            del data["domain_names"]
            result.rows.append(data)
        if duplicate:
            result.duplicate_rows += 1
    others.sort(key=lambda e: (not e["duplicate"], e["line"]))
    result.preview = with_problems + others
    if result.problem_rows:
        result.rows = []  # all or nothing: nothing can be saved from a file with problems
    return result


def _existing_keys(titles, dates):
    dates = [d for d in dates if d]
    if not titles or not dates:
        return set()
    found = Story.objects.filter(title__in=titles, collected_on__in=dates).values_list(
        "title", "storyteller_code", "collected_on"
    )
    return {(t.casefold(), c, d.isoformat()) for t, c, d in found}


# Saving -----------------------------------------------------------------------------


def save_rows(rows, user, *, skip_duplicates=False):
    """Create the stories of a checked file, all or nothing. Returns the number created."""
    if skip_duplicates:
        rows = [row for row in rows if not row.get("duplicate")]
    if not rows:
        return 0
    date = datetime.date.fromisoformat
    with transaction.atomic():
        stories = []
        for row in rows:
            story = Story(
                title=row["title"],
                text=row["text"],
                significance=row["significance"],
                told_by=row["told_by"],
                storyteller_code=row["storyteller_code"],
                employment_type=row["employment_type"],
                round_id=row["round_id"],
                collected_on=date(row["collected_on"]),
                collected_by=user,
                method=row["method"],
                read_back_on=date(row["read_back_on"]) if row["read_back_on"] else None,
                status=row["status"],
                consent_giver=row.get("consent_giver", ""),
                consent_how=row.get("consent_how", ""),
                consent_witness_id=row.get("consent_witness_id"),
                consent_witness_role=row.get("consent_witness_role", ""),
            )
            for scope in Story.CONSENT_SCOPES:
                given_on = row.get(f"consent_{scope}_on")
                if given_on:
                    setattr(story, f"consent_{scope}_on", date(given_on))
                    setattr(story, f"consent_{scope}_by", user)
            stories.append(story)
        created = Story.objects.bulk_create(stories, batch_size=1000)
        if created and created[0].pk is None:  # a backend without RETURNING
            raise ValidationError("bulk_create returned no primary keys")
        Through = Story.domains.through
        links = [
            Through(story_id=story.pk, domain_id=domain_id)
            for story, row in zip(created, rows, strict=True)
            for domain_id in row["domain_ids"]
        ]
        Through.objects.bulk_create(links, batch_size=5000)
    return len(created)
