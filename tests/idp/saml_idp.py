"""A real SAML 2.0 identity provider for the test suite, built on pysaml2 (which signs
with xmlsec1), run as its own process: `python -m tests.idp.saml_idp PORT`.

- GET /metadata: its metadata (entity id, single sign-on service, signing certificate).
- GET /sso/redirect: an AuthnRequest (HTTP-Redirect binding) -> a sign-in form.
- POST /login: checks the user and answers the service provider with a signed assertion
  (HTTP-POST binding), its authentication context and the user's attributes.
- POST /control/ (token in X-Control-Token): users, the service provider's metadata URL,
  and the behaviour (unsigned assertions, the authentication context).
- GET /last-response: the last answer again (the tests replay it).
"""

import datetime
import html
import json
import os
import secrets
import sys
import urllib.request
from pathlib import Path
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_BASIC, NAMEID_FORMAT_PERSISTENT
from saml2.server import Server

URL = os.environ["IDP_URL"]
TOKEN = os.environ["IDP_CONTROL_TOKEN"]
FOLDER = Path(os.environ["IDP_FOLDER"])
PASSWORD_CONTEXT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"

STATE = {
    "users": {},  # username -> {"password", "email", "groups", "mfa"}
    "sp_metadata": None,
    "sign": True,
    "pending": {},  # key -> (request message, relay state)
    "last_response": "",
}


def key_pair():
    key_file, cert_file = FOLDER / "saml-idp.key", FOLDER / "saml-idp.crt"
    if not key_file.exists():
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Testkommune IdP")])
        now = datetime.datetime.now(datetime.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .sign(key, hashes.SHA256())
        )
        key_file.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.TraditionalOpenSSL,
                serialization.NoEncryption(),
            )
        )
        cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(key_file), str(cert_file)


def config():
    key_file, cert_file = key_pair()
    conf = {
        "entityid": URL + "/metadata",
        "service": {
            "idp": {
                "name": "Testkommune IdP",
                "endpoints": {
                    "single_sign_on_service": [(URL + "/sso/redirect", BINDING_HTTP_REDIRECT)],
                },
                "policy": {
                    "default": {
                        "lifetime": {"minutes": 5},
                        "attribute_restrictions": None,
                        "name_form": NAME_FORMAT_BASIC,
                    }
                },
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "want_authn_requests_signed": False,
            }
        },
        "key_file": key_file,
        "cert_file": cert_file,
        "xmlsec_binary": "/usr/bin/xmlsec1",
        # SHA-256 (Aktiv refuses the SHA-1 that pysaml2 signs with by default).
        "signing_algorithm": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        "digest_algorithm": "http://www.w3.org/2001/04/xmlenc#sha256",
        "metadata": {"inline": [STATE["sp_metadata"]]} if STATE["sp_metadata"] else {},
        "allow_unknown_attributes": True,
    }
    idp_config = IdPConfig()
    idp_config.load(conf)
    return idp_config


def server():
    return Server(config=config())


def page(status, body, start_response, content_type="text/html; charset=utf-8"):
    data = body.encode()
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(data)))])
    return [data]


def form(environ):
    size = int(environ.get("CONTENT_LENGTH") or 0)
    return {k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(size).decode()).items()}


def login_form(key, error=""):
    return f"""<!doctype html><html lang="da"><head><meta charset="utf-8">
<title>Testkommunens SAML-login</title></head><body><main>
<h1>Testkommunens SAML-login</h1>{f"<p>{error}</p>" if error else ""}
<form method="post" action="/login"><input type="hidden" name="key" value="{key}">
<p><label for="u">Brugernavn hos kommunen</label> <input id="u" name="username"></p>
<p><label for="p">Kodeord hos kommunen</label> <input id="p" name="password" type="password"></p>
<button type="submit">Fortsæt</button></form></main></body></html>"""


def sso_redirect(environ, start_response):
    query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
    request = server().parse_authn_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
    key = secrets.token_urlsafe(16)
    STATE["pending"][key] = (request.message, query.get("RelayState", ""))
    return page("200 OK", login_form(key), start_response)


def login(environ, start_response):
    data = form(environ)
    pending = STATE["pending"].pop(data.get("key", ""), None)
    if pending is None:
        return page("400 Bad Request", "unknown request", start_response)
    message, relay_state = pending
    user = STATE["users"].get(data.get("username"))
    if user is None or user["password"] != data.get("password"):
        key = secrets.token_urlsafe(16)
        STATE["pending"][key] = pending
        return page("200 OK", login_form(key, "Forkert brugernavn eller kodeord."), start_response)
    idp = server()
    args = idp.response_args(message, [BINDING_HTTP_POST])
    identity = {"uid": [data["username"]], "email": [user["email"]], "groups": user["groups"]}
    context = user.get("context") or PASSWORD_CONTEXT
    response = idp.create_authn_response(
        identity,
        userid=data["username"],
        authn={"class_ref": context, "authn_auth": URL + "/metadata"},
        sign_assertion=STATE["sign"],
        sign_response=STATE["sign"],
        sign_alg="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        digest_alg="http://www.w3.org/2001/04/xmlenc#sha256",
        **args,
    )
    http = idp.apply_binding(
        BINDING_HTTP_POST, str(response), args["destination"], relay_state, response=True
    )
    body = http["data"]
    STATE["last_response"] = body
    return page("200 OK", body, start_response)


def control(environ, start_response):
    if environ.get("HTTP_X_CONTROL_TOKEN") != TOKEN:
        return page("403 Forbidden", "", start_response)
    size = int(environ.get("CONTENT_LENGTH") or 0)
    data = json.loads(environ["wsgi.input"].read(size))
    if data["action"] == "user":
        STATE["users"][data["username"]] = {
            "password": data["password"],
            "email": data.get("email", ""),
            "groups": data.get("groups", []),
            "context": data.get("context"),
        }
    elif data["action"] == "sp":
        with urllib.request.urlopen(data["metadata_url"], timeout=10) as answer:  # noqa: S310
            STATE["sp_metadata"] = answer.read().decode()
    elif data["action"] == "mode":
        STATE["sign"] = bool(data.get("sign", True))
    return page("200 OK", json.dumps({"ok": True}), start_response, "application/json")


def metadata(environ, start_response):
    xml = create_metadata_string(None, config=config(), valid=1)
    return page("200 OK", xml.decode(), start_response, "application/samlmetadata+xml")


def application(environ, start_response):
    path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
    routes = {
        ("GET", "/metadata"): metadata,
        ("GET", "/sso/redirect"): sso_redirect,
        ("POST", "/login"): login,
        ("POST", "/control/"): control,
    }
    if (method, path) == ("GET", "/last-response"):
        return page("200 OK", STATE["last_response"], start_response)
    handler = routes.get((method, path))
    if handler is None:
        return page("404 Not Found", html.escape(path), start_response)
    return handler(environ, start_response)


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        sys.stdout.write("%s\n" % (format % args))
        sys.stdout.flush()


if __name__ == "__main__":
    port = int(sys.argv[1])
    with make_server(
        "127.0.0.1", port, application, server_class=ThreadingServer, handler_class=QuietHandler
    ) as httpd:
        httpd.serve_forever()
