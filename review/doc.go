// Package review is the reviewer's workspace served by `portcheck
// serve` under /review/: server-rendered pages (html/template, with the
// style sheet and a little script embedded), where a reviewer signs in
// with the tenant's API key, sees the tenant's orders worst first, and
// opens an order to see each finding beside the page it was read from,
// its evidence box drawn on the page image, and to accept a finding
// with a comment.
//
// Sessions: the API key is posted once and exchanged for a random
// session id in an HttpOnly, SameSite=Lax cookie (Secure over TLS, or
// with Config.SecureCookies behind a proxy); the server keeps the
// session (tenant, the reviewer's name, a form token, expiry) by the
// id's SHA-256, in the records' storage (review/sessions/), so restarts
// and replicas share it, or in memory when there is none. Wrong keys
// at sign-in are throttled with the API's (Config.Guard). Every POST must come from a page of the
// same origin (http.CrossOriginProtection) and carry the session's form
// token. Every order, page image and document is read with the
// session's tenant, so another tenant's order answers 404 like one that
// does not exist.
//
// Page images come from package pageimage (rendered on demand under a
// time bound, cached in the store by the document's SHA-256) with the
// order's PINs and SSN-shaped numbers painted out before they are sent;
// the evidence boxes are drawn over them as SVG in the report's unit,
// points from the page's top-left, so no image is made per finding.
// The findings' wording and the values as written with their
// differences marked are the HTML report's (report.Explain).
//
// Accepting a finding is records.Accept: the decision is stored in the
// order's metadata with who and when, the verdict counts the finding no
// more, and it holds until the document it is about changes.
package review
