"""Access matrix: every URL pattern × every role × the relevant object states -> status.

The patterns are read from the URLconf, so a new page cannot be forgotten: a pattern
without a row in EXPECTED fails `test_every_url_pattern_has_an_expectation` by name.
The Django admin is one family: only `/admin/` itself is requested (administrators get
200, everyone else a redirect to the admin's login).

Every HTML response met on the way must carry the strict Content Security Policy.

Roles: anonymous; participant (an anonymous browser with a participant token cookie that
has voted in the open and in the closed workshop); staff; facilitator; manager;
administrator (superuser, holds every role).
"""

import datetime
import secrets

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from agreement import services as agreement_services
from aktiv import roles
from coding.models import Code, Excerpt
from domains.models import Domain
from reports import services as report_services
from stories.models import CollectionRound, PendingImport, Story
from tests.factories import cast, make_user
from workshops import services
from workshops.models import AnalysisNote, Ballot, Group, JoinAttempt, Quote, Selection, Workshop

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "participant", "staff", "facilitator", "manager", "admin")

# Outcomes other than a plain status code.
LOGIN = "302 login"  # redirect to /accounts/login/?next=...
ADMIN_LOGIN = "302 admin login"  # redirect to /admin/login/?next=...
REDIRECT = "302 elsewhere"  # a redirect that is not to a login page


def by_role(staff, facilitator, manager, admin, anonymous=LOGIN, participant=None):
    """Expectations for the four logged-in roles; the two anonymous ones default to login."""
    return {
        "anonymous": anonymous,
        "participant": anonymous if participant is None else participant,
        "staff": staff,
        "facilitator": facilitator,
        "manager": manager,
        "admin": admin,
    }


def everyone(outcome):
    return dict.fromkeys(ROLES, outcome)


STAFF_ONLY = by_role(200, 403, 403, 200)
FACILITATOR_ONLY = by_role(403, 200, 403, 200)
READERS = by_role(200, 200, 200, 200)  # staff, facilitator, manager
WORKSHOP_READERS = by_role(403, 200, 200, 200)  # facilitator, manager
ADMIN_ONLY = by_role(403, 403, 403, 200)
CODERS = by_role(200, 200, 403, 200)  # staff and facilitators code the stories
POST_ONLY = everyone(405)  # GET on a POST-only endpoint, checked before the login
SIGNED_IN_REDIRECT = by_role(REDIRECT, REDIRECT, REDIRECT, REDIRECT)  # anonymous: login

STORY_STATES = ("none", "analysis", "report", "publish", "withdrawn", "draft")
WORKSHOP_STATES = ("draft", "open", "closed", "citizens")  # citizens: closed, no selection


def per_story(**overrides):
    """The same expectation for every story state, except the ones given."""
    return {f"story:{s}": overrides.get(s, overrides.get("default")) for s in STORY_STATES}


def per_workshop(default, **overrides):
    return {f"workshop:{s}": overrides.get(s, default) for s in WORKSHOP_STATES}


# A restricted reader sees a story only with the consent for their purpose (else 404).
STORY_DETAIL = {
    f"story:{s}": by_role(
        200,
        200 if s == "analysis" else 404,
        200 if s == "report" else 404,
        200,
    )
    for s in STORY_STATES
}

# pattern name -> {object state -> {role -> expected outcome}}
EXPECTED = {
    # --- site ---------------------------------------------------------------------------
    "reports:home": {"-": everyone(200)},
    "healthz": {"-": everyone(200)},
    "login": {"-": by_role(REDIRECT, REDIRECT, REDIRECT, REDIRECT, anonymous=200)},
    "logout": {"-": POST_ONLY},  # Django 5: logging out is a POST
    "set_language": {"-": everyone(REDIRECT)},
    "accessibility": {"-": everyone(200)},
    "privacy": {"-": everyone(200)},
    "keep_alive": {"-": POST_ONLY},  # the session warning's "Fortsæt"
    "audit_log": {"-": ADMIN_ONLY},
    "stories:access_request": {"-": ADMIN_ONLY},
    "public:stories": {"-": everyone(200)},
    # --- domains --------------------------------------------------------------------------
    "reports:domains": {"-": READERS},
    "domains:create": {"-": by_role(200, 403, 403, 200)},  # facilitators may edit, not add
    "reports:domain": {"domain": READERS},
    # Writing a domain's texts beside the analysis answers: who may edit domains.
    "reports:domain_texts": {"domain": by_role(200, 200, 403, 200)},
    "domains:edit": {"domain": by_role(200, 200, 403, 200)},
    # --- stories ----------------------------------------------------------------------------
    "stories:list": {"-": by_role(200, 403, 200, 200)},
    "stories:create": {"-": STAFF_ONLY},
    "stories:detail": STORY_DETAIL,
    "stories:edit": per_story(default=STAFF_ONLY),
    "stories:withdraw": per_story(
        default=STAFF_ONLY, withdrawn=by_role(REDIRECT, 403, 403, REDIRECT)
    ),
    "stories:erase": per_story(default=STAFF_ONLY),
    "stories:consent_form": per_story(default=STAFF_ONLY),
    "stories:import": {"-": STAFF_ONLY},
    "stories:import_template_csv": {"-": STAFF_ONLY},
    "stories:import_template_xlsx": {"-": STAFF_ONLY},
    # The pending import belongs to the staff user: the administrator gets 404 for it.
    "stories:import_preview": {"import": by_role(200, 403, 403, 404)},
    "stories:export_csv": {"-": by_role(200, 403, 200, 200)},
    "stories:export_xlsx": {"-": by_role(200, 403, 200, 200)},
    "stories:rounds": {"-": STAFF_ONLY},
    "stories:round_create": {"-": STAFF_ONLY},
    "stories:round_edit": {"round": STAFF_ONLY},
    "reports:feedback": per_story(default=STAFF_ONLY),
    "reports:feedback_letter": per_story(default=STAFF_ONLY),
    # --- coding (staff and facilitators; stories with analysis consent only) ------------------
    "coding:index": {"-": CODERS},
    "coding:story": per_story(default=by_role(404, 404, 403, 404), analysis=CODERS),
    "coding:excerpt_edit": {"excerpt": CODERS},
    "coding:excerpt_delete": {"excerpt": POST_ONLY},
    "coding:domain": {"domain": CODERS},
    "coding:code_edit": {"code": CODERS},
    "coding:export_project": {"-": CODERS},
    "coding:export_codebook": {"-": CODERS},
    "coding:import_codebook": {"-": CODERS},
    # --- workshops (facilitator and manager pages) ------------------------------------------
    "workshops:list": {"-": WORKSHOP_READERS},
    "workshops:create": {"-": FACILITATOR_ONLY},
    "workshops:compare": {"-": WORKSHOP_READERS},
    "workshops:detail": per_workshop(FACILITATOR_ONLY),
    "workshops:edit": per_workshop(FACILITATOR_ONLY),
    "workshops:groups": per_workshop(FACILITATOR_ONLY),
    "workshops:live": per_workshop(FACILITATOR_ONLY),
    "workshops:open": per_workshop(POST_ONLY),
    # Closing asks first (a page without JavaScript); only an open vote can be closed.
    "workshops:close": per_workshop(by_role(403, REDIRECT, 403, REDIRECT), open=FACILITATOR_ONLY),
    # Locking the result asks first; only a closed vote's result can be locked.
    "workshops:lock_results": per_workshop(
        by_role(403, REDIRECT, 403, REDIRECT),
        closed=FACILITATOR_ONLY,
        citizens=FACILITATOR_ONLY,
    ),
    "workshops:lock": per_workshop(POST_ONLY),
    # Only an open workshop has a poster; otherwise back to the console with a message.
    "workshops:poster": per_workshop(by_role(403, REDIRECT, 403, REDIRECT), open=FACILITATOR_ONLY),
    "workshops:cards": per_workshop(FACILITATOR_ONLY),
    "workshops:paper_ballots": per_workshop(FACILITATOR_ONLY),
    "workshops:ballots": per_workshop(FACILITATOR_ONLY),
    "workshops:paper_ballot": per_workshop(FACILITATOR_ONLY),
    "workshops:ballot_delete": per_workshop(FACILITATOR_ONLY),  # asks first, deletes on POST
    "workshops:ballot_restore": per_workshop(POST_ONLY),
    "workshops:quotes": per_workshop(FACILITATOR_ONLY),
    "workshops:quote_edit": per_workshop(FACILITATOR_ONLY),
    "workshops:quote_delete": per_workshop(POST_ONLY),
    # Citizens' workshops do not select stories (MSC: staff and partners do).
    "workshops:selection": per_workshop(FACILITATOR_ONLY, citizens=by_role(403, 404, 403, 404)),
    # Likewise the groups' analysis answers come from staff and partners' workshops.
    "workshops:analysis": per_workshop(FACILITATOR_ONLY, citizens=by_role(403, 404, 403, 404)),
    "workshops:analysis_edit": per_workshop(FACILITATOR_ONLY, citizens=by_role(403, 404, 403, 404)),
    "workshops:analysis_delete": per_workshop(POST_ONLY),
    "workshops:selection_save": per_workshop(POST_ONLY),
    "workshops:selection_delete": per_workshop(POST_ONLY),
    "workshops:results": per_workshop(WORKSHOP_READERS),
    "workshops:export": {
        **{f"export:{s}:resultat.csv": WORKSHOP_READERS for s in ("draft", "open", "closed")},
        "export:open:resultat.xlsx": WORKSHOP_READERS,
        # The single ballots are the facilitator's; a manager gets the totals only.
        "export:closed:stemmesedler.csv": by_role(403, 200, 404, 200),
        "export:closed:stemmesedler.xlsx": by_role(403, 200, 404, 200),
        "export:open:andet.csv": by_role(403, 404, 404, 404),
        "export:open:resultat.pdf": by_role(403, 404, 404, 404),
    },
    # --- participants (/w/): anyone may try a code; only an open workshop answers -----------
    "participant:enter": {"-": everyone(200)},
    # A vote closed in the last two weeks says it has ended (to a new device too; the
    # result only to a browser that voted in it); a draft's code looks like a wrong code.
    "participant:join": {
        "workshop:open": by_role(200, 200, 200, 200, anonymous=200, participant=REDIRECT),
        "workshop:draft": everyone(404),
        "workshop:closed": everyone(200),
    },
    "participant:ballot": {
        # Without ?gruppe= a new browser gets the group choice, saying what the link
        # lacks; a voter sees their ballot.
        "workshop:open": everyone(200),
        "workshop:draft": everyone(404),
        "workshop:closed": everyone(200),
    },
    "participant:confirm": {f"workshop:{s}": POST_ONLY for s in ("draft", "open", "closed")},
    "participant:thanks": {
        "workshop:open": by_role(
            REDIRECT, REDIRECT, REDIRECT, REDIRECT, anonymous=REDIRECT, participant=200
        ),
        "workshop:draft": everyone(404),
        "workshop:closed": everyone(200),
    },
    # --- report -------------------------------------------------------------------------------
    # Everyone who works with the report reads it; the facilitator also prepares it.
    "reports:report": {"-": READERS},
    "reports:print": {"-": READERS},
    "reports:word": {"-": READERS},
    "reports:text_edit": {"text": READERS, "text:unknown": by_role(404, 404, 404, 404)},
    "reports:editions": {"-": READERS},
    "reports:edition_create": {"-": by_role(403, 200, 200, 200)},
    # A published edition cannot change: back to it. The manager here signs the draft.
    "reports:edition_edit": {
        "edition:draft": by_role(403, 200, 200, 200),
        "edition:published": by_role(403, REDIRECT, REDIRECT, REDIRECT),
    },
    "reports:edition_text": {
        "edition:draft": by_role(403, 200, 200, 200),
        "edition:published": by_role(403, REDIRECT, REDIRECT, REDIRECT),
    },
    "reports:edition_publish": {
        "edition:draft": by_role(403, 403, 200, 200),
        "edition:published": by_role(403, REDIRECT, REDIRECT, REDIRECT),
    },
    "reports:edition_rebuild": {
        "edition:draft": by_role(403, REDIRECT, REDIRECT, REDIRECT),
        "edition:published": by_role(403, 200, 200, 200),
    },
    "reports:edition_manifest": {
        "edition:draft": by_role(404, 404, 404, 404),
        "edition:published": READERS,
    },
    "reports:word_template": {"-": ADMIN_ONLY},
    # --- blind double coding and domain suggestions (agreement) -----------------------------
    "agreement:rounds": {"-": STAFF_ONLY},
    "agreement:round_create": {"-": STAFF_ONLY},
    "agreement:round": {"coding_round": STAFF_ONLY},
    # Only the round's coders code (the administrator is not one of them here).
    "agreement:code": {"coding_round": by_role(200, 403, 403, 403)},
    "agreement:close": {"coding_round": POST_ONLY},
    # Nobody has coded yet: the disagreements are not shown, back to the round.
    "agreement:resolve": {"coding_round": by_role(REDIRECT, 403, 403, REDIRECT)},
    "agreement:suggestions": {"-": STAFF_ONLY},
    "agreement:story_suggestions": {"coding_round": STAFF_ONLY},
    # --- sign-in and users (aktiv.accounts, django-allauth) -------------------------------------
    "accounts:users": {"-": ADMIN_ONLY},
    "accounts:invite": {"-": ADMIN_ONLY},
    "accounts:user": {"user": ADMIN_ONLY},
    "accounts:deactivate": {"user": POST_ONLY},
    "accounts:reactivate": {"user": POST_ONLY},
    # Every role here has a role and (the administrator) two-factor sign-in: back home.
    "accounts:no_role": {"-": by_role(REDIRECT, REDIRECT, REDIRECT, REDIRECT)},
    "accounts:mfa_required": {"-": by_role(REDIRECT, REDIRECT, REDIRECT, REDIRECT)},
    # allauth's names for /accounts/login/ and /accounts/logout/ (Aktiv's views answer).
    "account_login": {"-": by_role(REDIRECT, REDIRECT, REDIRECT, REDIRECT, anonymous=200)},
    "account_logout": {"-": POST_ONLY},
    "account_inactive": {"-": everyone(200)},
    "account_signup": {"-": by_role(REDIRECT, REDIRECT, REDIRECT, REDIRECT, anonymous=200)},
    "account_reauthenticate": {"-": READERS},
    "account_email": {"-": READERS},
    "account_email_verification_sent": {"-": everyone(200)},
    "account_change_password": {"-": READERS},
    "account_set_password": {"-": by_role(REDIRECT, REDIRECT, REDIRECT, REDIRECT)},
    "account_reset_password": {"-": everyone(200)},
    "account_confirm_login_code": {"-": SIGNED_IN_REDIRECT},
    "account_confirm_email": {"email_key": everyone(200)},
    "account_reset_password_from_key_done": {"-": everyone(200)},
    "account_reset_password_from_key": {"reset_key": everyone(200)},
    "account_reset_password_done": {"-": everyone(200)},
    "mfa_index": {"-": READERS},
    # No login waiting for its second step: back to where it starts.
    "mfa_authenticate": {"-": SIGNED_IN_REDIRECT},
    # Only the administrator of this data set has two-factor sign-in (TOTP).
    "mfa_reauthenticate": {"-": by_role(REDIRECT, REDIRECT, REDIRECT, 200)},
    # Changing a sign-in method needs a fresh sign-in (these clients never typed one).
    "mfa_activate_totp": {"-": SIGNED_IN_REDIRECT},
    "mfa_deactivate_totp": {"-": by_role(404, 404, 404, REDIRECT)},
    "mfa_view_recovery_codes": {"-": by_role(404, 404, 404, 404)},
    "mfa_generate_recovery_codes": {"-": SIGNED_IN_REDIRECT},
    "mfa_download_recovery_codes": {"-": by_role(404, 404, 404, 404)},
    "mfa_list_webauthn": {"-": READERS},
    "mfa_add_webauthn": {"-": SIGNED_IN_REDIRECT},
    "mfa_reauthenticate_webauthn": {"-": SIGNED_IN_REDIRECT},
    "mfa_remove_webauthn": {"webauthn": SIGNED_IN_REDIRECT},
    "mfa_edit_webauthn": {"webauthn": SIGNED_IN_REDIRECT},
    "socialaccount_login_cancelled": {"-": everyone(200)},
    "socialaccount_login_error": {"-": everyone(401)},
    "socialaccount_signup": {"-": everyone(LOGIN)},  # only during a single sign-on
    "socialaccount_connections": {"-": READERS},
    "accounts/social/login/cancelled/": {"-": everyone(301)},
    "accounts/social/login/error/": {"-": everyone(301)},
    "accounts/social/signup/": {"-": everyone(301)},
    "accounts/social/connections/": {"-": everyone(301)},
    # No identity provider is configured in this test: the single sign-on URLs answer 404.
    "saml_acs": {"saml": everyone(REDIRECT)},  # to acs/finish/, which answers 404
    "saml_finish_acs": {"saml": everyone(404)},
    "saml_sls": {"saml": everyone(404)},
    "saml_metadata": {"saml": everyone(404)},
    "saml_login": {"saml": everyone(404)},
    "openid_connect_login": {"oidc": everyone(404)},
    "openid_connect_callback": {"oidc": everyone(404)},
}

ADMIN_FAMILY = {"/admin/": by_role(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, ADMIN_LOGIN)}

# Areas a participant must never reach (anything but a login redirect fails).
CLOSED_TO_PARTICIPANTS = (
    "/stories/",
    "/domains/",
    "/workshops/",
    "/report/",
    "/audit/",
    "/agreement/",
)


# --- walking the URLconf ---------------------------------------------------------------------


def walk(resolver=None, prefix="", namespace="", outer=()):
    """(name or route, route, parameter names) for every pattern, through every include."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from walk(entry, route, ns, outer + tuple(entry.pattern.regex.groupindex))
        elif isinstance(entry, URLPattern):
            params = outer + tuple(entry.pattern.regex.groupindex)
            name = f"{namespace}{entry.name}" if entry.name else route
            yield name, route, params


def app_patterns():
    """The site's own patterns (the admin's are one family, checked at /admin/)."""
    return [p for p in walk() if not p[1].startswith("admin/")]


# --- the data set ------------------------------------------------------------------------------

CODES = {"draft": "DRAFTS", "open": "ABCDEF", "closed": "KNQPRS", "citizens": "HJKMNP"}


def _story(state):
    values = {
        "title": f"Matrix {state}",
        "text": f"Tekst til {state}.",
        "significance": "Betydning.",
        "employment_type": Story.Employment.WAGE_SUBSIDY,
        "collected_on": datetime.date(2021, 3, 1),
        "status": Story.Status.DRAFT if state == "draft" else Story.Status.READY,
    }
    scopes = {"analysis", "report", "publish"} if state == "draft" else {state}
    for scope in scopes & set(Story.CONSENT_SCOPES):
        values[f"consent_{scope}_on"] = datetime.date(2021, 3, 2)
    if state == "withdrawn":
        values["withdrawn_at"] = timezone.now()
    story = Story.objects.create(**values)
    story.domains.set(Domain.objects.filter(slug="glaede"))
    return story


def _workshop(state, domains):
    kind = Workshop.Kind.CITIZENS if state == "citizens" else Workshop.Kind.STAFF
    status = {"draft": "draft", "open": "open"}.get(state, "closed")
    workshop = Workshop.objects.create(
        title=f"Matrix {state}",
        kind=kind,
        held_on=datetime.date(2021, 4, 20),
        status=status,
        join_code=CODES[state],
        closed_at=timezone.now() if status == "closed" else None,
    )
    workshop.domains.set(domains)
    group = Group.objects.create(workshop=workshop, number=1, name="Gruppe 1")
    return workshop, group


def build_world():
    domains = list(Domain.objects.filter(is_active=True).order_by("order")[:4])
    users = {
        "staff": make_user(roles.STAFF, username="m_staff"),
        "facilitator": make_user(roles.FACILITATOR, username="m_facilitator"),
        "manager": make_user(roles.MANAGER, username="m_manager"),
        "admin": make_user(superuser=True, username="m_admin"),
    }
    token = services.new_token()
    states = {"-": {}}
    for state in STORY_STATES:
        states[f"story:{state}"] = {"pk": _story(state).pk}
    for state in WORKSHOP_STATES:
        workshop, group = _workshop(state, domains)
        ballot = cast(workshop, group, [domains[0].slug])
        Ballot.objects.filter(pk=ballot.pk).update(token=services.token_hash(workshop, token))
        if state != "citizens":
            Selection.objects.create(
                workshop=workshop,
                domain=domains[0],
                story_id=states["story:analysis"]["pk"],
                reason="Fordi",
            )
        quote = Quote.objects.create(
            workshop=workshop, group=group, domain=domains[0], kind="why", text="Et citat"
        )
        note = AnalysisNote.objects.create(
            workshop=workshop, group=group, domain=domains[0], question="changes", text="Svar"
        )
        states[f"workshop:{state}"] = {
            "pk": workshop.pk,
            "code": workshop.join_code,
            "ballot_pk": ballot.pk,
            "quote_pk": quote.pk,
            "note_pk": note.pk,
            "domain_pk": domains[0].pk,
        }
        for what in ("resultat", "stemmesedler", "andet"):
            for fmt in ("csv", "xlsx", "pdf"):
                states[f"export:{state}:{what}.{fmt}"] = {
                    "pk": workshop.pk,
                    "what": what,
                    "fmt": fmt,
                }
    states["domain"] = {"slug": domains[0].slug}
    code = Code.objects.create(domain=domains[0], name="Matrix-kode")
    states["code"] = {"pk": code.pk}
    excerpt = Excerpt.objects.create(
        story_id=states["story:analysis"]["pk"], start=0, end=5, passage="Tekst"
    )
    excerpt.domains.set([domains[0]])
    states["excerpt"] = {"pk": excerpt.pk}
    matrix_round = CollectionRound.objects.create(name="Matrix-runde")
    states["round"] = {"pk": matrix_round.pk}
    for state in ("published", "draft"):  # the draft is the newer one: the default is published
        edition = report_services.create_edition(
            user=users["facilitator"],
            title=f"Matrix-udgave {state}",
            dated=datetime.date(2021, 6, 1),
            rounds=[matrix_round],
            workshops=[],
            ranking_workshops=[],
            signed_by=users["manager"],
            signer_title="Leder",
        )
        if state == "published":
            report_services.publish_edition(edition.pk, user=users["manager"])
        states[f"edition:{state}"] = {"pk": edition.pk, "key": "method"}
    coding_round = agreement_services.create_round(
        user=users["staff"],
        title="Matrix-kodning",
        story_ids=[states["story:analysis"]["pk"]],
        coder_ids=[users["staff"].pk, make_user(roles.STAFF, username="m_coder").pk],
        domain_ids=[d.pk for d in domains],
    )
    states["coding_round"] = {"pk": coding_round.pk, "story_pk": states["story:analysis"]["pk"]}
    pending = PendingImport.objects.create(token=secrets.token_urlsafe(32), user=users["staff"])
    states["import"] = {"token": pending.token}
    states["user"] = {"pk": users["staff"].pk}
    states["email_key"] = {"key": "ingen-saadan-noegle"}
    states["reset_key"] = {"uidb36": "zz", "key": "ingen-saadan-noegle"}
    states["webauthn"] = {"pk": 999999}
    states["saml"] = {"organization_slug": "kommune-saml"}
    states["oidc"] = {"provider_id": "kommune"}
    states["text"] = {"key": "preface"}
    states["text:unknown"] = {"key": "findes-ikke"}

    clients = {"anonymous": Client(raise_request_exception=False)}
    participant = Client(raise_request_exception=False)
    participant.cookies[services.TOKEN_COOKIE] = services.sign_token(token)
    clients["participant"] = participant
    for role, user in users.items():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients[role] = client
    return states, clients


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One data set for the module, built in a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


# --- checking one cell -------------------------------------------------------------------------


def outcome_of(response):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return LOGIN
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        return REDIRECT
    return response.status_code


def csp_problems(response):
    """What is wrong with the Content Security Policy of an HTML response (a list)."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return []
    header = response.get("Content-Security-Policy")
    if not header:
        return ["no Content-Security-Policy header"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    problems = []
    if directives.get("default-src") != ["'self'"]:
        problems.append(f"default-src is {directives.get('default-src')}")
    if directives.get("frame-ancestors") != ["'none'"]:
        problems.append(f"frame-ancestors is {directives.get('frame-ancestors')}")
    for name in ("script-src", "style-src", "default-src"):
        values = directives.get(name, [])
        if "'unsafe-inline'" in values or "'unsafe-eval'" in values:
            problems.append(f"{name} allows unsafe code: {values}")
    for name, values in directives.items():
        remote = [v for v in values if "://" in v or v == "*"]
        if remote:
            problems.append(f"{name} allows other hosts: {remote}")
    return problems


def request_cell(client, url):
    # Wrong codes count as failed joins; reset so the throttle never answers instead.
    JoinAttempt.objects.all().delete()
    with transaction.atomic():
        response = client.get(url)
        transaction.set_rollback(True)  # a page's side effects never leak into the next cell
    return response


def check_cells(world, cells):
    """[(url, role, expected)] -> list of mismatch messages."""
    _states, clients = world
    problems = []
    for label, url, role, expected in cells:
        response = request_cell(clients[role], url)
        got = outcome_of(response)
        if got != expected:
            problems.append(f"{label} {url} as {role}: expected {expected}, got {got}")
        for problem in csp_problems(response):
            problems.append(f"{label} {url} as {role}: CSP: {problem}")
        if (
            role == "participant"
            and url.startswith(CLOSED_TO_PARTICIPANTS)
            and got not in (LOGIN, 405)
        ):
            problems.append(f"{url}: a participant got {got}")
    return problems


def cells_for(name, params, states):
    for state, expectations in EXPECTED[name].items():
        kwargs = states[state]
        missing = [p for p in params if p not in kwargs]
        assert not missing, f"{name}: state {state} gives no value for {missing}"
        if "/" in name:  # an unnamed pattern: its route is its name
            url = "/" + name
        else:
            url = reverse(name, kwargs={p: kwargs[p] for p in params})
        assert set(expectations) == set(ROLES), f"{name} {state}: roles {set(expectations)}"
        for role in ROLES:
            yield f"{name} [{state}]", url, role, expectations[role]


# --- the tests ---------------------------------------------------------------------------------


def test_every_url_pattern_has_an_expectation():
    names = [name for name, _route, _params in app_patterns()]
    missing = sorted(set(names) - set(EXPECTED))
    assert not missing, (
        "URL patterns without a row in the access matrix (add one to EXPECTED in "
        f"tests/hardening/test_access_matrix.py): {missing}"
    )
    stale = sorted(set(EXPECTED) - set(names))
    assert not stale, f"Rows in the access matrix for patterns that no longer exist: {stale}"
    assert len(names) == len(set(names)), "two patterns share a name"
    assert any(route.startswith("admin/") for _n, route, _p in walk()), "admin not found"


PATTERN_NAMES = sorted(EXPECTED)


@pytest.mark.parametrize("name", PATTERN_NAMES)
def test_access_matrix(world, name):
    states, _clients = world
    params = {n: p for n, _route, p in app_patterns()}[name]
    problems = check_cells(world, cells_for(name, params, states))
    assert not problems, "\n".join(problems)


def test_admin_family(world):
    cells = [
        ("admin", url, role, expected)
        for url, expectations in ADMIN_FAMILY.items()
        for role, expected in expectations.items()
    ]
    problems = check_cells(world, cells)
    assert not problems, "\n".join(problems)


def test_the_matrix_can_fail(world):
    """A wrong expectation is reported (the checker is not a tautology)."""
    wrong = [
        ("reports:home", "/", "anonymous", 403),
        ("reports:home", "/stories/", "participant", 200),
    ]
    problems = check_cells(world, wrong)
    assert len(problems) == 2
    problems = check_cells(world, [("x", "/stories/", "participant", LOGIN)])
    assert problems == []


def test_csp_checker_catches_a_weak_policy():
    from django.http import HttpResponse

    response = HttpResponse("<p>x</p>")
    assert csp_problems(response) == ["no Content-Security-Policy header"]
    response["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; "
        "style-src https://cdn.example.com; frame-ancestors 'none'"
    )
    problems = csp_problems(response)
    assert any("script-src allows unsafe" in p for p in problems)
    assert any("style-src allows other hosts" in p for p in problems)


def test_a_pattern_without_an_expectation_is_named(monkeypatch):
    trimmed = {k: v for k, v in EXPECTED.items() if k != "workshops:results"}
    monkeypatch.setattr(__import__(__name__, fromlist=["EXPECTED"]), "EXPECTED", trimmed)
    with pytest.raises(AssertionError, match="workshops:results"):
        test_every_url_pattern_has_an_expectation()
