package records

import (
	segjson "github.com/segmentio/encoding/json"
)

// The metadata is read by every re-validation of every order, and on a
// night when reports change an amendment of it is written: encoding/json
// took 80-120 µs to decode one order's metadata here, as long as the
// rest of a re-check from its memo. segmentio/encoding/json reads and
// writes the same JSON (its RawMessage is encoding/json's) and decodes
// it about six times as fast (BenchmarkDecodeMeta). Reports and orders
// stay with encoding/json.

// parseJSON decodes the JSON value data starts with into v, and returns
// what follows it.
func parseJSON(data []byte, v any) (rest []byte, err error) { return segjson.Parse(data, v, 0) }

// decodeJSON is json.Unmarshal.
func decodeJSON(data []byte, v any) error { return segjson.Unmarshal(data, v) }

// encodeLine is json.Marshal of a value whose raw messages this
// package made (json.Marshal) or read from metadata that decoded: they
// are copied as they are, not checked again.
func encodeLine(v any) ([]byte, error) {
	return segjson.Append(nil, v, segjson.EscapeHTML|segjson.SortMapKeys|segjson.TrustRawMessage)
}

// encodeJSON is json.Marshal.
func encodeJSON(v any) ([]byte, error) { return segjson.Marshal(v) }

// encodeMeta is json.Marshal of metadata to write whole: it carries
// the raw messages of the lines it was read with, and is written every
// dozen nights or so per order.
func encodeMeta(m Meta) ([]byte, error) { return encodeLine(m) }
