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
// A re-validation's report usually differs from the order's latest in
// its as_of alone (nothing aged out, no other order took a number).
// Such a report is not written again: the metadata keeps each report's
// sum without its as-of date (Meta.ReportSum), and where a batch's
// report has the same sum the metadata names the earlier object
// (Meta.ReportObject) and the day it now stands for (ReportAsOf). The
// report is read as that object with as_of set to ReportAsOf, which is
// the same bytes the batch would have written (records/batch_test.go).
// The switch is still one conditional write of the metadata, checked
// against the latest report at that moment; a report that differs in
// anything else, a finding or a document, is written under its own
// name first, as every check's is.
//
// A batch re-check goes further when it can: the metadata also keeps a
// memo (Meta.Memo, memo.go) of the latest report's inputs but the date
// (a digest, pipeline.MemoDigest) and of the days it stands for (from
// the check's date to the first day a date rule could say otherwise,
// match.NextChange). A re-validation as of a day the memo covers, whose
// inputs digest the same, reads no order or fields and runs no rule:
// StandBatchCheck moves the report to the day as above. On a folder it
// does so by a line added to meta.json rather than the file written
// again (amend.go, storage.Appender): a file made and renamed per order
// was most of such a night. A single check writes its memo as a batch
// does (FinishCheck), so the night after it need not check the order.
// On a day past the memo's, when a bill ages and the report changes
// daily, the memo's inputs of the date rules (Memo.Dated) let a batch
// make the report again from the latest one (pipeline.RedateFindings,
// FinishRedatedCheck): the new date findings are kept in the metadata
// beside the latest report's object (Meta.ReportDated), and the verdict
// and codes are counted from the memo's marks of the other findings, so
// no report is read or written (redate.go). On a folder the batch
// holds the order's metadata while its memo answers (HoldMeta,
// storage.Held), so the metadata is read once and the line written
// under the lock that read took.
//
// Tenants never see each other's orders: every call takes the tenant,
// and a key is built from it.
//
// Edge cases: metadata is read, changed and written back; two writers
// racing on one order (an upload during a check) can lose the earlier
// status change, never a document or a report, which have keys of their
// own.
package records
