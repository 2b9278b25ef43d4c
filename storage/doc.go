// Package storage owns where documents, orders and reports live: the
// Store interface and its implementations. The local file system (FS) is
// the embedded default; S3 comes with the service.
//
// Keys are slash-separated and relative ("orders/ord-1/bill.pdf"). A key
// that is absolute or climbs out of the store with ".." is refused with
// ErrInvalidKey rather than cleaned, so a hostile key in a stored order
// can never reach a file outside the store.
//
// What a write survives. FS writes each object to a temporary file in
// its folder and renames it over the key, so a reader, and a process
// that dies mid-write, sees the old bytes or the new ones, never part
// of them; a temporary file left by a death is never listed. A line
// added to an object (AppendIf) is written to the object's lock file
// and read only whole and chained from the object's bytes, so a line a
// death cut short, or one of bytes since replaced, is never read. FS does
// not fsync: an object written moments before the machine itself goes
// down (power, kernel) may be lost, or on a file system that commits a
// rename before the data be found empty, and an order whose meta.json
// is then empty reads as damaged. That is the embedded, single-machine
// store's trade (a re-validation writes an object per order, and on
// this project's ext4 a file made costs about 0.2 ms already); a
// service that must survive a machine crash keeps its orders on S3,
// where an object is durable once PUT answers.
//
// A writer that reads an object, decides and writes it back (a
// re-validation of an order's metadata) may hold it (FS.Hold): read
// under the lock its conditional writes take, and written through the
// Held without being read again. Other writers of the object wait for
// the release; readers never wait. An object takes from 8 to 16 lines
// (by its bytes) before the next is refused with ErrNoRoom and it is
// written whole.
package storage
