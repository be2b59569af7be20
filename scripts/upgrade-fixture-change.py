#!/usr/bin/env python3
"""Changes a committed promise through a running QualityGates's own pages, as a user would: signs in as the
owner (sales@demo.local), opens the first committed promise of the register, posts the change form with a due
date 30 days later and a reason, then signs in as the delivering manager and approves the new revision (Go with
every checkpoint Met). Used by make-upgrade-fixtures.sh; works against every released version's pages."""
import datetime, html.parser, http.cookiejar, re, sys, urllib.error, urllib.parse, urllib.request

base = sys.argv[1].rstrip("/")
PASSWORD = "demo-password-2026"


class Forms(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self.current, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = {"action": a.get("action", ""), "method": (a.get("method") or "get").lower(), "fields": []}
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                self.current["fields"].append((a["name"], None, kind, a.get("value")))
            elif kind not in ("submit", "button"):
                self.current["fields"].append((a["name"], a.get("value", ""), kind, a.get("value")))
        elif tag == "select" and a.get("name"):
            self.select = [a["name"], None, None]
        elif tag == "option" and self.select is not None:
            if self.select[2] is None:
                self.select[2] = a.get("value", "")
            if "selected" in a:
                self.select[1] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]

    def handle_endtag(self, tag):
        if tag == "select" and self.select is not None:
            self.current["fields"].append((self.select[0], self.select[1] if self.select[1] is not None else "", "select", self.select[2]))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.current["fields"].append((self.textarea[0], self.textarea[1], "textarea", None))
            self.textarea = None
        elif tag == "form":
            self.current = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data


def session():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def get(opener, path):
    with opener.open(base + path) as r:
        return r.geturl(), r.read().decode()


def post_form(opener, path, pick, overrides, drop=()):
    _, page = get(opener, path)
    parser = Forms()
    parser.feed(page)
    form = next(f for f in parser.forms if f["method"] == "post" and pick(f))
    data = [(n, v) for n, v, _, _ in form["fields"] if v is not None and n not in overrides and n not in drop]
    data += list(overrides.items())
    action = form["action"] or path
    with opener.open(urllib.request.Request(urllib.parse.urljoin(base + path, action), urllib.parse.urlencode(data).encode())) as r:
        return r.geturl(), r.read().decode(), form


def sign_in(email):
    opener = session()
    url, _, _ = post_form(opener, "/Account/Login", lambda f: any(n == "Input.Email" for n, *_ in f["fields"]), {"Input.Email": email, "Input.Password": PASSWORD})
    assert "/Account/Login" not in url, f"sign-in as {email} failed"
    return opener


sales = sign_in("presales@demo.local")  # the demo data commits only PreSales promises
_, register = get(sales, "/Promises?Status=Committed")
ids = re.findall(r'href="/Promises/Details/(\d+)"', register) or re.findall(r'/Promises/Details\?id=(\d+)', register)
assert ids, "no committed promise in the register"
change_page = None
for promise_id in dict.fromkeys(ids):  # the first committed promise the owner may change (PreSales owns the others)
    try:
        _, change_page = get(sales, f"/Promises/Change/{promise_id}")
        break
    except urllib.error.HTTPError as e:
        if e.code != 403:
            raise
assert change_page, "no committed promise of presales@demo.local"
due = re.search(r'name="Input.DueDate"[^>]*value="([0-9-]+)"', change_page) or re.search(r'value="([0-9-]+)"[^>]*name="Input.DueDate"', change_page)
new_due = (datetime.date.fromisoformat(due.group(1)) + datetime.timedelta(days=30)).isoformat()
url, page, _ = post_form(sales, f"/Promises/Change/{promise_id}", lambda f: any(n == "Reason.Text" for n, *_ in f["fields"]),
                         {"Input.DueDate": new_due, "Reason.Kind": "CustomerRequest", "Reason.Text": "The customer moved the go-live by a month."})
assert f"/Promises/Details/{promise_id}" in url, f"change refused: {url}"
print(f"changed promise {promise_id}: due {due.group(1)} -> {new_due}")

# The change reopened the feasibility gate: the delivering department's manager approves the new revision.
_, details = get(sales, f"/Promises/Details/{promise_id}")
review_id = max(int(i) for i in re.findall(r'/Reviews/Details/(\d+)', details))
for manager in ("service.manager@demo.local", "projects.manager@demo.local", "production.manager@demo.local"):
    opener = sign_in(manager)
    try:
        _, review_page = get(opener, f"/Reviews/Details/{review_id}")
    except urllib.error.HTTPError:
        continue
    if re.search(r'name="Input.Decision"[^>]*disabled', review_page) or 'name="Input.Decision"' not in review_page:
        continue
    parser = Forms()
    parser.feed(review_page)
    form = next(f for f in parser.forms if "Decide" in f["action"])
    answers = {n: "Met" for n, *_ in form["fields"] if n.endswith("].Answer")}
    url, page, _ = post_form(opener, f"/Reviews/Details/{review_id}", lambda f: "Decide" in f["action"],
                             {**answers, "Input.Decision": "Go"},
                             drop=[n for n, *_ in form["fields"] if n.startswith("Input.Conditions")])
    assert "validation-summary-errors" not in page, "the Go was refused"
    print(f"review {review_id} decided Go by {manager}")
    break
else:
    raise SystemExit(f"nobody could decide review {review_id}")
