// Package pipeline owns the order of the stages that turn an order and
// its documents into a report: admit and extract each document (package
// extract), read its fields, match the order against the profile and the
// documents (package match), and finalize the report.
//
// The CLI and the queue workers call the same functions here; nothing in
// this package knows which one is calling. Documents are read through
// the small Documents interface, so a local folder and object storage
// serve alike.
//
// Errors: a problem with a document itself (too large, wrong format,
// corrupt, encrypted) is a finding in the report, never an error. Check
// returns an error only when it cannot make a report: a document that is
// not in the store (*DocumentError wrapping storage.ErrNotFound, permanent)
// or a store that fails (transient). The context bounds the whole check;
// Config.DocumentTimeout bounds each document.
package pipeline
