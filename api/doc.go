// Package api is the intake HTTP API of `portcheck serve` (SPEC section
// 6): create, change (JSON merge patch) and remove an order, upload,
// download and remove its documents, ask for a check, read its status,
// report and correction, list a tenant's orders. openapi.json describes
// every route; a test holds the two together.
//
// Every request carries an API key bound to one tenant (location_id); a
// key never sees another tenant's orders, which answer 404 like orders
// that do not exist, so ids cannot be probed. Errors are
// {"error": {"code", "message"}} with the matching status, the mux's own
// 404 and 405 included; a store or
// queue that is down answers 503 (retry later), never 500 with half an
// order stored: an order exists only once its metadata is written, last.
//
// Uploads are refused while streaming once they pass the largest
// document limit of any profile (413), and stored by content
// (documents/sha256/...), so a retried upload is stored once. The
// content decides a document's type, never its name or Content-Type.
package api
