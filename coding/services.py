"""Every change to the codebook, excerpts and memos, in one place.

Each function takes plain values, runs in one transaction and writes its audit event
(never a passage or a memo's words: the audit log keeps that something happened).
"""

from django.db import transaction

from aktiv import audit
from domains.models import Domain
from stories.models import Story

from . import anchoring
from .models import Code, Excerpt, Memo


class NotInText(ValueError):
    """The selected passage is not in the story's text."""


def _analysable(story_id, *, lock=False):
    stories = Story.objects.for_analysis()
    if lock:
        stories = stories.select_for_update()
    return stories.get(pk=story_id)


def _domains_of(domains, codes):
    """The domains an excerpt is coded to: those chosen plus those of its sub-codes."""
    return {domain.pk for domain in domains} | {code.domain_id for code in codes}


# Excerpts ------------------------------------------------------------------------------


def create_excerpt(
    story_id, *, user, domains, codes=(), passage="", start=None, end=None, quote=False
):
    """Code a passage of a story with analysis consent (Story.DoesNotExist otherwise).
    The passage is given as text (typed or pasted; the occurrence at `start` or the first)
    or as start/end offsets. Raises NotInText when it is not in the text."""
    with transaction.atomic():
        story = _analysable(story_id, lock=True)
        found = anchoring.locate(story.text, passage=passage, start=start, end=end)
        if found is None:
            raise NotInText(passage)
        start, end = found
        excerpt = Excerpt.objects.create(
            story=story,
            start=start,
            end=end,
            passage=story.text[start:end],
            quote_candidate=quote,
            created_by=user,
        )
        excerpt.domains.set(_domains_of(domains, codes))
        excerpt.codes.set(codes)
        audit.record(
            user,
            audit.Action.CREATE,
            excerpt,
            fortaelling_id=story.pk,
            start=start,
            slut=end,
            omraader=sorted(excerpt.domains.values_list("slug", flat=True)),
        )
    return excerpt


def update_excerpt(excerpt_id, *, user, domains, codes=(), quote=False, passage=None):
    """Change an excerpt's codes and quote mark; a new `passage` (found in the text)
    moves it and clears "needs review"."""
    with transaction.atomic():
        excerpt = Excerpt.objects.select_for_update().get(
            pk=excerpt_id, story__in=Story.objects.for_analysis()
        )
        changed = []
        if passage and (passage != excerpt.passage or excerpt.needs_review):
            found = anchoring.locate(excerpt.story.text, passage=passage, start=excerpt.start)
            if found is None:
                raise NotInText(passage)
            excerpt.start, excerpt.end = found
            excerpt.passage = excerpt.story.text[found[0] : found[1]]
            excerpt.needs_review = False
            changed.append("passage")
        if excerpt.quote_candidate != quote:
            excerpt.quote_candidate = quote
            changed.append("quote_candidate")
        new_domains = _domains_of(domains, codes)
        if set(excerpt.domains.values_list("pk", flat=True)) != new_domains:
            changed.append("domains")
        if set(excerpt.codes.values_list("pk", flat=True)) != {code.pk for code in codes}:
            changed.append("codes")
        excerpt.save()
        excerpt.domains.set(new_domains)
        excerpt.codes.set(codes)
        if changed:
            audit.record(user, audit.Action.EDIT, excerpt, felter=sorted(changed))
    return excerpt


def delete_excerpt(excerpt_id, *, user):
    with transaction.atomic():
        excerpt = Excerpt.objects.select_for_update().get(pk=excerpt_id)
        story_id = excerpt.story_id
        label = str(excerpt)
        excerpt.delete()
        audit.record(
            user,
            audit.Action.DELETE,
            object_type="coding.excerpt",
            object_id=excerpt_id,
            label=label,
            fortaelling_id=story_id,
        )
    return story_id


def reanchor_story(sender, story, user=None, old_text=None, **kwargs):
    """Put every excerpt of `story` back on its passage in the new text, or flag it for
    review. Connected to stories.signals.text_changed (runs in the editing transaction)."""
    moved, lost = [], []
    excerpts = list(Excerpt.objects.select_for_update().filter(story=story))
    for excerpt in excerpts:
        anchor = anchoring.reanchor(story.text, excerpt.passage, excerpt.start)
        if (anchor.start, anchor.end, not anchor.found) != (
            excerpt.start,
            excerpt.end,
            excerpt.needs_review,
        ):
            excerpt.start, excerpt.end = anchor.start, anchor.end
            excerpt.needs_review = not anchor.found
            (moved if anchor.found else lost).append(excerpt)
    changed = moved + lost
    if changed:
        Excerpt.objects.bulk_update(changed, ["start", "end", "needs_review"])
        audit.record(
            user,
            audit.Action.EDIT,
            story,
            uddrag_flyttet=len(moved),
            uddrag_skal_gennemses=len(lost),
        )
    return {"uddrag_flyttet": len(moved), "uddrag_skal_gennemses": len(lost)}


def forget_story_analysis(sender, story, scopes=("analysis",), **kwargs):
    """A story that lost analysis consent loses its excerpts and its memo (they quote or
    retell it). Connected to stories.signals.consent_withdrawn."""
    if "analysis" not in scopes:
        return {}
    excerpts, _by_model = Excerpt.objects.filter(story=story).delete()
    memos, _by_model = Memo.objects.filter(story=story).delete()
    return {"uddrag_fjernet": excerpts, "memoer_fjernet": memos}


# The codebook ----------------------------------------------------------------------------


def create_code(*, user, domain, name, description=""):
    with transaction.atomic():
        code = Code.objects.create(domain=domain, name=name, description=description)
        audit.record(user, audit.Action.CREATE, code, omraade=domain.slug)
    return code


def update_code(code_id, *, user, name, description=""):
    with transaction.atomic():
        code = Code.objects.select_for_update().select_related("domain").get(pk=code_id)
        changed = audit.changed_fields(code, {"name": name, "description": description})
        code.name, code.description = name, description
        code.save()
        if changed:
            audit.record(user, audit.Action.EDIT, code, felter=changed)
    return code


def import_codebook(*, user, domain_codes, filename=""):
    """Add sub-codes from an imported codebook: {domain: [(name, description)]}. A name
    already under the domain (any case) is skipped. Returns (added, skipped)."""
    added = skipped = 0
    with transaction.atomic():
        for domain, entries in domain_codes.items():
            existing = {
                name.casefold()
                for name in Code.objects.filter(domain=domain).values_list("name", flat=True)
            }
            for name, description in entries:
                if name.casefold() in existing:
                    skipped += 1
                    continue
                Code.objects.create(domain=domain, name=name, description=description)
                existing.add(name.casefold())
                added += 1
        audit.record(
            user,
            audit.Action.IMPORT,
            object_type="coding.code",
            label="Kodebog (REFI-QDA)",
            fil=filename[:100],
            tilfoejet=added,
            sprunget_over=skipped,
        )
    return added, skipped


# Memos ----------------------------------------------------------------------------------


def save_memo(*, user, text, domain=None, story_id=None):
    """Write the memo of a domain or of a story with analysis consent."""
    with transaction.atomic():
        if story_id is not None:
            story = _analysable(story_id)
            memo, created = Memo.objects.select_for_update().get_or_create(story=story)
        else:
            domain = Domain.objects.get(pk=domain.pk)
            memo, created = Memo.objects.select_for_update().get_or_create(domain=domain)
        if created or memo.text != text:
            memo.text, memo.updated_by = text, user
            memo.save()
            audit.record(
                user,
                audit.Action.CREATE if created else audit.Action.EDIT,
                memo,
                emne="fortaelling" if story_id is not None else "omraade",
                emne_id=story_id if story_id is not None else domain.pk,
            )
    return memo


def record_export(*, user, what, **detail):
    """Audit an export (the project or the codebook)."""
    audit.record(user, audit.Action.EXPORT, object_type="coding", label=what, **detail)
