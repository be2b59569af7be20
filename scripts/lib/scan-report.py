#!/usr/bin/python3
"""Writes the security scan's result from the files scripts/security-scan.sh leaves in its work folder.

Usage: scan-report.py WORK RESULT.md COMMAND WAPITI_VERSION SECONDS EMAIL...

A form counts as attacked by a module when the module sent at least one request to the form's route and
handler with one of the form's parameters replaced by a payload (wapiti-run.py marks those), and the app
did not answer it as to a signed-out user (a redirect to the sign-in page). A form whose only field is the
antiforgery token (not attacked: every attack on it would be refused before the handler) counts when
the handler parameter of a post carrying no other field was attacked; such an attack reaches the page's
handler selection (an unknown handler answers 404), not the handler itself. Exit status 1 unless every POST form was attacked by every required
module, no finding is of medium severity or above, no request answered 5xx and every session survived.
"""
import json
import re
import sys
from collections import Counter, defaultdict
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlsplit

REQUIRED = ["sql", "xss", "crlf", "redirect"]
TOKEN = "__RequestVerificationToken"
ALSO_SHOWN = ["blindsql", "exec", "file", "permanentxss"]
LEVELS = {"4": "critical", "3": "high", "2": "medium", "1": "low", "0": "info"}
ID_SEGMENT = re.compile(r"/(\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?=/|$)")


def route(path):
    return ID_SEGMENT.sub("/{id}", path)


def target(url):
    parts = urlsplit(url)
    return route(parts.path), dict(parse_qsl(parts.query)).get("handler", "")


def signed_out(entry):
    return entry["status"] in (301, 302, 303, 307) and "/Account/Login" in (entry.get("location") or "")


def main():
    work, result, command, version, seconds = sys.argv[1:6]
    emails = sys.argv[6:]
    failures, out = [], []
    summary_rows = []
    for email in emails:
        name = email.split("@")[0]
        discovery = json.load(open(f"{work}/{name}.discovery.json"))
        entries = [json.loads(line) for line in open(f"{work}/{name}.requests.jsonl")] if _exists(f"{work}/{name}.requests.jsonl") else []
        report = json.load(open(f"{work}/{name}.wapiti.json")) if _exists(f"{work}/{name}.wapiti.json") else None
        role_seconds = open(f"{work}/{name}.seconds").read().strip()
        signed_in = open(f"{work}/{name}.signed-in").read().strip()
        wapiti_check = [e for e in entries if e["module"] == "session-check"]
        wapiti_signed_in = wapiti_check[-1]["status"] if wapiti_check else None

        attacks = defaultdict(Counter)  # (method, route, handler) -> module -> attack requests answered signed in
        handler_attacks = defaultdict(Counter)
        logged_out = Counter()
        for e in entries:
            if e["param"] is None:
                continue
            if signed_out(e):
                logged_out[e["module"]] += 1
                continue
            r, handler = target(e["url"])
            if e["param"] == "handler":
                if not set(e.get("fields", [])) - {TOKEN}:
                    handler_attacks[(e["method"], r)][e["module"]] += 1
            else:
                attacks[(e["method"], r, handler)][e["module"]] += 1

        forms = discovery["forms"]
        rows, missing = [], []
        for form in forms:
            key = (form["method"], form["route"], form["handler"])
            counts = Counter(attacks[key])
            if not set(form["fields"]) - {TOKEN} and form["handler"]:
                counts.update(handler_attacks[(form["method"], form["route"])])
            if form["method"] == "POST":
                missing += [f"{form['key']} not attacked by {m}" for m in REQUIRED if counts[m] == 0]
            rows.append((form, counts))

        server_errors = [e for e in entries if e["status"] is not None and e["status"] >= 500]
        transport_errors = [e for e in entries if e.get("error")]
        findings, serious = [], 0
        if report is None:
            failures.append(f"{email}: wapiti wrote no report")
        else:
            for section in ("vulnerabilities", "anomalies", "additionals"):
                for category, items in sorted(report.get(section, {}).items()):
                    for f in items:
                        level = str(f.get("level", "0"))
                        bad = level >= "2" or (section == "anomalies" and "Internal Server Error" in category)
                        serious += bad
                        findings.append(f"- {section}/{category}: level {level} ({LEVELS.get(level, level)}) {f.get('method')} "
                                        f"{f.get('path')} {f.get('parameter') or ''} - {(f.get('info') or '')[:160]}")
        post_forms = [f for f in forms if f["method"] == "POST"]
        ok = not missing and not serious and not server_errors and signed_in == "200" and wapiti_signed_in == 200
        summary_rows.append(f"| {email} | {len(discovery['pages'])} ({len(discovery['routes'])} routes) | {len(discovery['seeds'])} "
                            f"| {len(post_forms)} | {len(post_forms) - len({m.split(' not ')[0] for m in missing})} "
                            f"| {len(forms) - len(post_forms)} | {len(entries)} | {len(findings)} ({serious} medium+) "
                            f"| {len(server_errors)} | {wapiti_signed_in} / {signed_in} | {role_seconds} s |")
        failures += [f"{email}: {m}" for m in missing]
        if serious:
            failures.append(f"{email}: {serious} findings of medium severity or above")
        if server_errors:
            failures.append(f"{email}: {len(server_errors)} requests answered 5xx")
        if signed_in != "200" or wapiti_signed_in != 200:
            failures.append(f"{email}: not signed in at the end (wapiti's session: {wapiti_signed_in}, the sign-in's: {signed_in})")

        out.append(f"## {email}: {'complete' if ok else 'FAILED'}")
        out.append("")
        out.append(f"{len(discovery['pages'])} pages crawled by discover-forms.py in {len(discovery['routes'])} routes; "
                   f"wapiti started from {len(discovery['seeds'])} of them (one per route, and the first page of each form) "
                   f"and sent {len(entries)} requests in {role_seconds} s. Still signed in at the end: wapiti's session "
                   f"{wapiti_signed_in}, the sign-in's {signed_in}.")
        out.append("")
        out.append("Routes: " + ", ".join(f"`{r}`" for r in discovery["routes"]))
        out.append("")
        out.append("Attack requests per form and module (answered to the signed-in user; fields: the form's named fields "
                   "over all its instances). Required for every POST form: " + ", ".join(REQUIRED) + ".")
        out.append("")
        out.append("| form | fields | " + " | ".join(REQUIRED) + " | " + " | ".join(ALSO_SHOWN) + " |")
        out.append("|---|---|" + "---|" * (len(REQUIRED) + len(ALSO_SHOWN)))
        for form, counts in sorted(rows, key=lambda row: (row[0]["method"] != "POST", row[0]["key"])):
            cells = [str(counts[m]) if counts[m] or form["method"] != "POST" else "**0**" for m in REQUIRED]
            cells += [str(counts[m]) for m in ALSO_SHOWN]
            out.append(f"| `{form['key']}` | {len(form['fields'])} | " + " | ".join(cells) + " |")
        out.append("")
        if logged_out:
            out.append(f"Attacks answered with the sign-in page (not counted): {dict(logged_out)}")
            out.append("")
        out.append(f"wapiti's findings ({len(findings)}, {serious} of medium severity or above):")
        out.append("")
        out.extend(findings or ["- none"])
        out.append("")
        out.append(f"5xx answers ({len(server_errors)}):")
        out.append("")
        groups = defaultdict(list)
        for e in server_errors:
            groups[(e["module"], e["method"], *target(e["url"]), e["param"])].append(e)
        for (module, method, r, handler, param), items in sorted(groups.items()):
            first = items[0]
            out.append(f"- {len(items)}× {method} `{r}{'?handler=' + handler if handler else ''}` by {module}, parameter `{param}`: "
                       f"`{first['url'][:200]}`" + (f", data `{first['data'][:300]}`" if first.get("data") else ""))
        if not server_errors:
            out.append("- none")
        if transport_errors:
            out.append("")
            out.append(f"Requests without an answer ({len(transport_errors)}): "
                       + ", ".join(f"{k[0]} {k[1]} by {k[2]}" for k in Counter((e['error'], e['method'], e['module']) for e in transport_errors)))
        out.append("")
        out.append("```")
        out.append(open(f"{work}/{name}.command").read().strip())
        out.append("```")
        out.append("")

    head = [
        "# Security scan: last run",
        "",
        f"Written by `{command}` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, wapiti {version}, {seconds} s in all. "
        f"Result: **{'PASSED' if not failures else 'FAILED'}**.",
        "",
        "| role | pages crawled | start pages | POST forms | attacked by all of " + ", ".join(REQUIRED)
        + " | GET forms | requests | wapiti findings | 5xx | signed in at the end (wapiti / sign-in) | time |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        *summary_rows,
        "",
    ]
    if failures:
        head += ["Failures:", "", *[f"- {f}" for f in failures], ""]
    open(result, "w").write("\n".join(head + out))
    sys.exit(1 if failures else 0)


def _exists(path):
    try:
        open(path).close()
        return True
    except OSError:
        return False


if __name__ == "__main__":
    main()
