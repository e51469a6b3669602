"""A stateful Jira Service Management on 127.0.0.1, answering the customer API's documented shapes.

Shapes follow the Atlassian reference (Cloud and Data Center agree on these):
https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/ (create, list,
get, comments, transitions, attachments),
https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-attachtemporaryfile-post
(temporary files), https://developer.atlassian.com/server/jira-servicedesk/rest/v1005/api-group-request-attachment
(attach with an additional comment) and, for ``/rest/api/2/myself``,
https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-myself/.
"""

from __future__ import annotations

import time
from typing import Any

from tests.backends.fake_base import Handler, HttpError, Request, RoutedFake, parse_multipart

#: Status name -> category, as in JSM's default IT service workflow.
CATEGORIES = {
    "Waiting for support": "NEW",
    "In progress": "INDETERMINATE",
    "Waiting for customer": "INDETERMINATE",
    "Resolved": "DONE",
    "Closed": "DONE",
}
SD = "/rest/servicedeskapi"


def _date(ms: int | None = None) -> dict[str, Any]:
    ms = int(time.time() * 1000) if ms is None else ms
    iso = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms / 1000)) + f".{ms % 1000:03d}+0000"
    return {"iso8601": iso, "jira": iso, "friendly": "Today", "epochMillis": ms}


class FakeJira(RoutedFake):
    """Customers sign in with ``email:api_token``; one service desk, one request type."""

    def __init__(
        self,
        tokens: dict[str, str],
        service_desk_id: str = "10",
        request_type_id: str = "25",
        project_key: str = "SD",
    ) -> None:
        super().__init__()
        self.tokens = tokens
        self.service_desk_id, self.request_type_id = service_desk_id, request_type_id
        self.project_key = project_key
        self.users = {
            email: {
                "accountId": f"5b10a2844c20165700ede{n:02d}",
                "emailAddress": email,
                "displayName": email.split("@")[0].title(),
                "active": True,
                "timeZone": "UTC",
                "applicationRoles": {"size": 0, "items": []},
            }
            for n, email in enumerate(tokens)
        }
        #: Logins with a Jira Service Management licence (agents).
        self.licensed: set[str] = set()
        self.agent = {
            "accountId": "agent-0001",
            "displayName": "Sam Support",
            "emailAddress": "sam@support.example",
            "active": True,
        }
        #: Whether the workflow offers customers a resolve and a reopen step.
        self.customer_transitions = True
        self.requests: dict[str, dict[str, Any]] = {}
        self.comments: dict[str, list[dict[str, Any]]] = {}
        self.temporary: dict[str, tuple[str, str, bytes]] = {}
        self.files: dict[str, tuple[str, bytes]] = {}
        #: Request feedback (CSAT) by issue key, and whether the project collects it.
        self.feedback: dict[str, dict[str, Any]] = {}
        self.feedback_enabled = True
        self._seq = 0

    def authenticate(self, call: Request) -> dict[str, Any]:
        email, token = self.basic(call)
        if not email or self.tokens.get(email) != token:
            raise HttpError(
                401,
                {
                    "errorMessages": [
                        "You are not authenticated. Authentication "
                        "required to perform this operation."
                    ]
                },
            )
        return self.users[email]

    def routes(self) -> list[tuple[str, str, Handler]]:
        key = r"([A-Z][A-Z0-9]*-\d+|\d+)"
        return [
            ("GET", r"/rest/api/2/myself", self._myself),
            ("POST", SD + r"/servicedesk/(\w+)/attachTemporaryFile", self._temporary),
            ("POST", SD + r"/request", self._create),
            ("GET", SD + r"/request", self._list),
            ("GET", SD + rf"/request/{key}", lambda u, c, k: (200, self._public(self._own(u, k)))),
            ("GET", SD + rf"/request/{key}/comment", self._comments),
            ("POST", SD + rf"/request/{key}/comment", self._comment_post),
            ("POST", SD + rf"/request/{key}/attachment", self._attach),
            ("GET", SD + rf"/request/{key}/attachment/(\d+)", self._content),
            ("GET", SD + rf"/request/{key}/transition", self._transitions),
            ("POST", SD + rf"/request/{key}/transition", self._transition),
            ("POST", SD + rf"/request/{key}/feedback", self._feedback),
        ]

    def _feedback(self, user: dict[str, Any], call: Request, key: str) -> tuple[int, Any]:
        """Post feedback (experimental: the X-ExperimentalApi: opt-in header; the reporter
        may post; rating 1-5, type "csat", optional comment.body), answered with the
        CSATFeedbackFullDTO. developer.atlassian.com/cloud/jira/service-desk/rest/
        api-group-request/#api-rest-servicedeskapi-request-requestidorkey-feedback-post"""
        req = self._own(user, key)
        if call.headers.get("x-experimentalapi", "").lower() != "opt-in":
            raise HttpError(412, {"errorMessage": "This is an experimental API."})
        if not self.feedback_enabled:
            raise HttpError(403, {"errorMessage": "Feedback is not enabled for this request."})
        body = self.json_body(call)
        if body.get("type") != "csat" or body.get("rating") not in (1, 2, 3, 4, 5):
            raise HttpError(400, {"errorMessage": "rating must be between 1 and 5"})
        self.feedback[req["issueKey"]] = body
        return 200, body

    # -- support side, for tests ---------------------------------------------------------

    def agent_comment(
        self, key: str, text: str, public: bool = True, status: str = "Waiting for customer"
    ) -> None:
        with self._lock:
            self._add_comment(key, self.agent, text, public, [])
            self.set_status(key, status)

    def set_status(self, key: str, name: str) -> None:
        self.requests[key]["currentStatus"] = {
            "status": name,
            "statusCategory": CATEGORIES.get(name, "UNDEFINED"),
            "statusDate": _date(),
        }

    # -- handlers ------------------------------------------------------------------------

    def _myself(self, user: dict[str, Any], call: Request) -> tuple[int, Any]:
        roles = (
            [{"key": "jira-servicedesk", "name": "Jira Service Management"}]
            if user["emailAddress"] in self.licensed
            else []
        )
        shown = dict(user, applicationRoles={"size": len(roles), "items": []})
        if "applicationRoles" in call.params.get("expand", ""):
            shown["applicationRoles"]["items"] = roles
        return 200, shown

    def _temporary(self, user: dict[str, Any], call: Request, desk: str) -> tuple[int, Any]:
        if call.headers.get("x-atlassian-token") != "no-check":
            raise HttpError(403, ("text/plain", b"XSRF check failed"))
        if desk != self.service_desk_id:
            raise HttpError(404, {"errorMessage": "The service desk does not exist."})
        parts = parse_multipart(call.body, call.headers.get("content-type", ""))
        out = []
        for name, filename, ctype, data in parts:
            if name != "file" or filename is None:
                continue
            self._seq += 1
            temp_id = f"temp{self._seq:04d}a1b2c3"
            filename = filename.replace("%22", '"')  # WHATWG form encoding of a quote
            self.temporary[temp_id] = (filename, ctype, data)
            out.append({"temporaryAttachmentId": temp_id, "fileName": filename})
        return 201, {"temporaryAttachments": out}

    def _create(self, user: dict[str, Any], call: Request) -> tuple[int, Any]:
        data = self.json_body(call)
        if (
            str(data.get("serviceDeskId")) != self.service_desk_id
            or str(data.get("requestTypeId")) != self.request_type_id
        ):
            raise HttpError(
                400,
                {
                    "errorMessage": "The request type or service desk is invalid.",
                    "i18nErrorMessage": {"i18nKey": "sd.request.create.error"},
                },
            )
        values = data.get("requestFieldValues") or {}
        if not str(values.get("summary") or "").strip():
            raise HttpError(400, {"errorMessage": "Summary: You must specify a summary."})
        number = next(self.ids)
        key = f"{self.project_key}-{number}"
        fields = [{"fieldId": k, "label": k.title(), "value": v} for k, v in values.items()]
        self.requests[key] = {
            "_expands": [
                "participant",
                "status",
                "sla",
                "requestType",
                "serviceDesk",
                "attachment",
                "action",
                "comment",
            ],
            "issueId": str(10000 + number),
            "issueKey": key,
            "requestTypeId": self.request_type_id,
            "serviceDeskId": self.service_desk_id,
            "createdDate": _date(),
            "reporter": user,
            "requestFieldValues": fields,
            "_links": {
                "web": f"{self.url}/servicedesk/customer/portal/1/{key}",
                "self": f"{self.url}{SD}/request/{10000 + number}",
            },
            "_owner": user["accountId"],
        }
        self.comments[key] = []
        self.set_status(key, "Waiting for support")
        return 201, self._public(self.requests[key])

    def _list(self, user: dict[str, Any], call: Request) -> tuple[int, Any]:
        if call.params.get("requestOwnership", "OWNED_REQUESTS") != "OWNED_REQUESTS":
            raise HttpError(400, {"errorMessage": "Only OWNED_REQUESTS in this fake."})
        mine = [
            self._public(r)
            for r in reversed(self.requests.values())
            if r["_owner"] == user["accountId"]
        ]
        return 200, self._page(mine, call)

    def _comments(self, user: dict[str, Any], call: Request, key: str) -> tuple[int, Any]:
        self._own(user, key)
        expand = call.params.get("expand", "")
        values = []
        for c in self.comments[key]:
            if not c["public"] and call.params.get("internal") != "true":
                continue
            shown = {k: v for k, v in c.items() if k != "attachments"}
            if "attachment" in expand:
                shown["attachments"] = {
                    "size": len(c["attachments"]),
                    "start": 0,
                    "limit": 50,
                    "isLastPage": True,
                    "values": c["attachments"],
                }
            values.append(shown)
        return 200, self._page(values, call)

    def _comment_post(self, user: dict[str, Any], call: Request, key: str) -> tuple[int, Any]:
        req = self._own(user, key)
        data = self.json_body(call)
        if data.get("public") is not True:
            raise HttpError(400, {"errorMessage": "Customers can only add public comments."})
        comment = self._add_comment(key, user, str(data.get("body") or ""), True, [])
        self._customer_answered(req)
        return 201, comment

    def _attach(self, user: dict[str, Any], call: Request, key: str) -> tuple[int, Any]:
        req = self._own(user, key)
        data = self.json_body(call)
        if data.get("public") is not True:
            raise HttpError(400, {"errorMessage": "Customers can only add public attachments."})
        files = []
        for temp_id in data.get("temporaryAttachmentIds") or ():
            if temp_id not in self.temporary:
                raise HttpError(400, {"errorMessage": f"Temporary attachment {temp_id} expired."})
            files.append(self.temporary.pop(temp_id))
        text = str((data.get("additionalComment") or {}).get("body") or "")
        comment = self._add_comment(key, user, text, True, files)
        self._customer_answered(req)
        return 201, {
            "comment": comment,
            "attachments": {
                "size": len(files),
                "start": 0,
                "limit": 50,
                "isLastPage": True,
                "values": comment["attachments"],
            },
        }

    def _content(
        self, user: dict[str, Any], call: Request, key: str, att_id: str
    ) -> tuple[int, Any]:
        self._own(user, key)
        if att_id not in self.files:
            raise HttpError(404, {"errorMessage": "No such attachment."})
        return 200, self.files[att_id]

    def _offered(self, req: dict[str, Any]) -> list[dict[str, str]]:
        if not self.customer_transitions:
            return []
        category = req["currentStatus"]["statusCategory"]
        if req["currentStatus"]["status"] == "Resolved":
            return [{"id": "781", "name": "Reopen issue"}]
        if category != "DONE":
            return [{"id": "761", "name": "Resolve this issue"}]
        return []

    def _transitions(self, user: dict[str, Any], call: Request, key: str) -> tuple[int, Any]:
        return 200, self._page(self._offered(self._own(user, key)), call)

    def _transition(self, user: dict[str, Any], call: Request, key: str) -> tuple[int, Any]:
        req = self._own(user, key)
        data = self.json_body(call)
        chosen = next((t for t in self._offered(req) if t["id"] == str(data.get("id"))), None)
        if chosen is None:
            raise HttpError(400, {"errorMessage": "This transition is not available."})
        text = str((data.get("additionalComment") or {}).get("body") or "")
        if text:
            self._add_comment(key, user, text, True, [])
        self.set_status(key, "Resolved" if chosen["id"] == "761" else "Waiting for support")
        return 204, ("application/json", b"")

    # -- storage -------------------------------------------------------------------------

    def _customer_answered(self, req: dict[str, Any]) -> None:
        if req["currentStatus"]["status"] == "Waiting for customer":
            self.set_status(req["issueKey"], "Waiting for support")

    def _own(self, user: dict[str, Any], key: str) -> dict[str, Any]:
        req = self.requests.get(key) or next(
            (r for r in self.requests.values() if r["issueId"] == key), None
        )
        if req is None or req["_owner"] != user["accountId"]:
            raise HttpError(
                404,
                {
                    "errorMessage": "The request does not exist or you do not have "
                    "permission to see it."
                },
            )
        return req

    def _add_comment(
        self,
        key: str,
        author: dict[str, Any],
        text: str,
        public: bool,
        files: list[tuple[str, str, bytes]],
    ) -> dict[str, Any]:
        attachments = []
        for filename, ctype, data in files:
            att_id = str(next(self.ids))
            self.files[att_id] = (ctype, data)
            attachments.append(
                {
                    "filename": filename,
                    "author": author,
                    "created": _date(),
                    "size": len(data),
                    "mimeType": ctype,
                    "_links": {
                        "content": f"{self.url}{SD}/request/{key}/attachment/{att_id}",
                        "jiraRest": f"{self.url}/rest/api/2/attachment/{att_id}",
                    },
                }
            )
        # JSM renders attached files into the comment's wiki markup after any text.
        markup = " ".join(f"[^{a['filename']}]" for a in attachments)
        body = "\n\n".join(part for part in (text, markup) if part)
        comment = {
            "id": str(next(self.ids)),
            "body": body,
            "public": public,
            "author": author,
            "created": _date(),
            "attachments": attachments,
            "_links": {"self": f"{self.url}{SD}/request/{key}/comment"},
        }
        self.comments[key].append(comment)
        return comment

    @staticmethod
    def _public(record: dict[str, Any]) -> dict[str, Any]:
        return {
            k: v for k, v in record.items() if not k.startswith("_") or k in ("_links", "_expands")
        }

    @staticmethod
    def _page(values: list[Any], call: Request) -> dict[str, Any]:
        start = int(call.params.get("start", 0))
        limit = min(int(call.params.get("limit", 50)), 50)
        chunk = values[start : start + limit]
        return {
            "size": len(chunk),
            "start": start,
            "limit": limit,
            "isLastPage": start + limit >= len(values),
            "values": chunk,
            "_links": {"base": "", "context": ""},
        }
