// Package records owns how the service keeps orders in a storage.Store:
// each order, its metadata (status, verdict, documents) and its latest
// report as JSON objects under keys a person can read:
//
//	orders/<tenant>/<id>/order.json   the order (PINs in clear: storage only);
//	                                  after a PATCH, order-<random>.json, named by meta.json
//	orders/<tenant>/<id>/meta.json    status, verdict, documents, times,
//	                                  findings reviewers accepted
//	orders/<tenant>/<id>/reports/     the reports (SPEC section 2), by version and as-of
//	documents/sha256/<hex>            uploaded documents, by content
//	refs/sha256/<hex>/<tenant>/<id>/<name>  who holds a document (see delete.go)
//
// A report is stored as the pipeline made it; the findings reviewers
// accepted (decisions.go) are applied whenever it is read, and the
// verdict in the metadata counts them no more.
//
// Tenants never see each other's orders: every call takes the tenant,
// and a key is built from it.
//
// Edge cases: metadata is read, changed and written back; two writers
// racing on one order (an upload during a check) can lose the earlier
// status change, never a document or a report, which have keys of their
// own.
package records
