// Package storage owns where documents, orders and reports live: the
// Store interface and its implementations. The local file system (FS) is
// the embedded default; S3 comes with the service.
//
// Keys are slash-separated and relative ("orders/ord-1/bill.pdf"). A key
// that is absolute or climbs out of the store with ".." is refused with
// ErrInvalidKey rather than cleaned, so a hostile key in a stored order
// can never reach a file outside the store.
package storage
