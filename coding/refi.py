"""The REFI-QDA exchange format (QDA-XML 1.0): a project (.qdpx) and a codebook (.qdc).

The project is a zip with `project.qde` (XML, the vendored schemas/Project-mrt2019.xsd)
and the sources as plain text files under `sources/`, referred to as
`internal://<guid>.txt`. Offsets of selections are character positions in that plain
text (Python string positions: code points), start inclusive, end exclusive.

What goes in: stories with analysis consent (Story.objects.for_analysis(): withdrawn,
erased or not consented stories are never read) as text sources; the domains as codes
with their sub-codes beneath them (the codebook); the story's own domains as codings of
the whole source; excerpts as selections with their codings (excerpts flagged for
review are left out: their offsets are not trusted); storyteller codes as cases;
round, employment type and who told as variables; memos and the workshops' selection
reasons (through coding.signals.project_notes) as notes.

GUIDs are derived from Aktiv's ids (uuid5), so two exports of the same data agree.
"""

import io
import uuid
import zipfile
from collections import defaultdict

from django.db.models import Prefetch
from django.utils import timezone
from lxml import etree

from aktiv.text import normalise, problems, xml_text
from domains.models import Domain
from stories.models import Story

from .models import Code, Excerpt, Memo
from .signals import project_notes

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
GUID_NAMESPACE = uuid.UUID("6c1b5f4e-2f0c-4d8e-9d0a-6b9a4f3c2e11")
ORIGIN = "Aktiv"

MAX_CODEBOOK_BYTES = 2 * 1024 * 1024  # an imported .qdc of this size or larger is refused
MAX_IMPORTED_CODES = 2_000


def guid(kind, key):
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}"))


def _element(parent, ns, name, attrib=None, text=None):
    node = etree.SubElement(parent, f"{{{ns}}}{name}")
    for key, value in (attrib or {}).items():
        node.set(key, xml_text(value))
    if text is not None:
        node.text = xml_text(text)
    return node


def _codes(parent, ns, domains, codes_by_domain, memo_guids=None):
    """Domain codes with their sub-codes under <Codes>."""
    codes = _element(parent, ns, "Codes")
    for domain in domains:
        node = _element(
            codes,
            ns,
            "Code",
            {"guid": guid("domain", domain.pk), "name": domain.name, "isCodable": "true"},
        )
        _element(node, ns, "Description", text=domain.statement)
        if memo_guids and domain.pk in memo_guids:
            _element(node, ns, "NoteRef", {"targetGUID": memo_guids[domain.pk]})
        for code in codes_by_domain.get(domain.pk, []):
            child = _element(
                node,
                ns,
                "Code",
                {"guid": guid("code", code.pk), "name": code.name, "isCodable": "true"},
            )
            if code.description:
                _element(child, ns, "Description", text=code.description)
    return codes


def _codebook_data():
    domains = list(Domain.objects.order_by("order", "name"))
    codes_by_domain = defaultdict(list)
    for code in Code.objects.order_by("name", "id"):
        codes_by_domain[code.domain_id].append(code)
    return domains, codes_by_domain


def codebook_xml():
    """The codebook alone (.qdc): bytes of an XML document."""
    domains, codes_by_domain = _codebook_data()
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS})
    root.set("origin", ORIGIN)
    _codes(root, CODEBOOK_NS, domains, codes_by_domain)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _datetime(value):
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def project(user_label=""):
    """(qdpx bytes, counts) for every story with analysis consent."""
    ns = PROJECT_NS
    domains, codes_by_domain = _codebook_data()
    stories = list(
        Story.objects.for_analysis()
        .select_related("round")
        .prefetch_related(
            Prefetch("domains", queryset=Domain.objects.order_by("order", "name")),
            Prefetch(
                "excerpts",
                queryset=Excerpt.objects.filter(needs_review=False)
                .prefetch_related("domains", "codes")
                .order_by("start", "end", "id"),
                to_attr="trusted_excerpts",
            ),
        )
        .order_by("collected_on", "id")
    )
    story_ids = [story.pk for story in stories]
    memos = list(
        Memo.objects.filter(story_id__in=story_ids).exclude(text="")
        | Memo.objects.filter(domain__isnull=False).exclude(text="")
    )
    extra = []  # (story id, name, text) from the layers above (selection reasons)
    for _receiver, notes in project_notes.send(sender=Story, story_ids=story_ids):
        extra.extend(notes or [])

    root = etree.Element(f"{{{ns}}}Project", nsmap={None: ns})
    root.set("name", "Aktiv")
    root.set("origin", ORIGIN)
    root.set("creationDateTime", _datetime(timezone.now()))

    domain_memos, story_notes = {}, defaultdict(list)
    notes = []
    for memo in memos:
        note_guid = guid("memo", memo.pk)
        if memo.domain_id:
            domain_memos[memo.domain_id] = note_guid
            notes.append((note_guid, "Memo", memo.text))
        else:
            story_notes[memo.story_id].append(note_guid)
            notes.append((note_guid, "Memo", memo.text))
    for index, (story_id, name, text) in enumerate(extra):
        note_guid = guid("note", f"{story_id}:{index}:{name}")
        story_notes[story_id].append(note_guid)
        notes.append((note_guid, name, text))

    codebook = _element(root, ns, "CodeBook")
    _codes(codebook, ns, domains, codes_by_domain, domain_memos)

    variables = _element(root, ns, "Variables")
    variable_names = {
        "round": "Indsamlingsrunde",
        "employment": "Beskæftigelse",
        "told_by": "Fortalt af",
    }
    for key, name in variable_names.items():
        _element(
            variables,
            ns,
            "Variable",
            {"guid": guid("variable", key), "name": name, "typeOfVariable": "Text"},
        )

    cases = defaultdict(list)
    for story in stories:
        if story.storyteller_code:
            cases[story.storyteller_code].append(story.pk)
    if cases:
        cases_node = _element(root, ns, "Cases")
        for code, ids in sorted(cases.items()):
            case = _element(cases_node, ns, "Case", {"guid": guid("case", code), "name": code})
            for story_id in ids:
                _element(case, ns, "SourceRef", {"targetGUID": guid("story", story_id)})

    files = {}
    selections = 0
    if stories:
        sources = _element(root, ns, "Sources")
        for story in stories:
            source_guid = guid("story", story.pk)
            path = f"{source_guid}.txt"
            files[f"sources/{path}"] = xml_text(story.text)  # same length: one for one
            source = _element(
                sources,
                ns,
                "TextSource",
                {
                    "guid": source_guid,
                    "name": f"#{story.pk} {story.title}",
                    "plainTextPath": f"internal://{path}",
                    "creationDateTime": _datetime(story.created_at),
                },
            )
            for excerpt in story.trusted_excerpts:
                selections += 1
                selection = _element(
                    source,
                    ns,
                    "PlainTextSelection",
                    {
                        "guid": guid("excerpt", excerpt.pk),
                        "name": f"Uddrag #{excerpt.pk}",
                        "startPosition": str(excerpt.start),
                        "endPosition": str(excerpt.end),
                        "creationDateTime": _datetime(excerpt.created_at),
                    },
                )
                if excerpt.quote_candidate:
                    _element(selection, ns, "Description", text="Kandidat til citat")
                targets = [guid("domain", d.pk) for d in excerpt.domains.all()]
                targets += [guid("code", c.pk) for c in excerpt.codes.all()]
                for target in targets:
                    coding = _element(
                        selection, ns, "Coding", {"guid": guid("coding", f"{excerpt.pk}:{target}")}
                    )
                    _element(coding, ns, "CodeRef", {"targetGUID": target})
            for domain in story.domains.all():
                target = guid("domain", domain.pk)
                coding = _element(
                    source, ns, "Coding", {"guid": guid("tag", f"{story.pk}:{domain.pk}")}
                )
                _element(coding, ns, "CodeRef", {"targetGUID": target})
            for note_guid in story_notes.get(story.pk, []):
                _element(source, ns, "NoteRef", {"targetGUID": note_guid})
            values = {
                "round": story.round.name if story.round else "",
                "employment": story.get_employment_type_display(),
                "told_by": story.get_told_by_display(),
            }
            for key, value in values.items():
                if not value:
                    continue
                node = _element(source, ns, "VariableValue")
                _element(node, ns, "VariableRef", {"targetGUID": guid("variable", key)})
                _element(node, ns, "TextValue", text=str(value))

    if notes:
        notes_node = _element(root, ns, "Notes")
        for note_guid, name, text in notes:
            note = _element(notes_node, ns, "Note", {"guid": note_guid, "name": name})
            _element(note, ns, "PlainTextContent", text=text)

    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml)
        for name, text in files.items():
            archive.writestr(name, text.encode("utf-8"))
    counts = {"kilder": len(stories), "uddrag": selections, "noter": len(notes)}
    return buffer.getvalue(), counts


# Import of a codebook ------------------------------------------------------------------------


class CodebookError(ValueError):
    """The file is not a codebook Aktiv can read (the message says why, in Danish)."""


def read_codebook(raw):
    """{domain: [(name, description)]} and [unknown top-level code names] from a .qdc
    (or a project.qde's CodeBook). A top-level code names a domain (by name or slug, any
    case); the codes beneath it, at any depth, become its sub-codes. The bytes are
    bounded before parsing; DTDs and entities are refused (defusedxml)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring
    from django.utils.translation import gettext as _

    if not raw or not raw.strip():
        raise CodebookError(_("Filen er tom."))
    if len(raw) >= MAX_CODEBOOK_BYTES:
        raise CodebookError(_("Filen er for stor. En kodebog må højst fylde 2 MB."))
    try:
        root = fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (ParseError, DefusedXmlException, ValueError):
        raise CodebookError(_("Filen kunne ikke læses som en REFI-QDA-kodebog (.qdc).")) from None
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if namespace not in (CODEBOOK_NS, PROJECT_NS):
        raise CodebookError(_("Filen er ikke en REFI-QDA-kodebog (.qdc)."))
    ns = f"{{{namespace}}}"
    if root.tag == f"{ns}Project":
        root = root.find(f"{ns}CodeBook")
    codes_node = root.find(f"{ns}Codes") if root is not None else None
    if codes_node is None:
        raise CodebookError(_("Filen indeholder ingen koder."))
    by_key = {}
    for domain in Domain.objects.all():
        by_key[domain.name.casefold()] = domain
        by_key[domain.slug.casefold()] = domain
    found, unknown, total = defaultdict(list), [], 0
    for top in codes_node.findall(f"{ns}Code"):
        name = (top.get("name") or "").strip()
        domain = by_key.get(name.casefold())
        if domain is None:
            unknown.append(name[:120])
            continue
        for code in top.iter(f"{ns}Code"):
            if code is top:
                continue
            total += 1
            if total > MAX_IMPORTED_CODES:
                raise CodebookError(_("Filen har for mange koder (højst 2.000)."))
            code_name = normalise((code.get("name") or "").strip())[:120]
            description = normalise((code.findtext(f"{ns}Description") or "").strip())[:5000]
            if not code_name or problems(code_name) or problems(description):
                continue  # a control character or a CPR number is never imported
            found[domain].append((code_name, description))
    return dict(found), unknown
