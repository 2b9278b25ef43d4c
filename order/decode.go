package order

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"time"
)

// FieldError is an order that cannot be used as given. Field is the JSON
// path of the offending field ("numbers[1].type"), empty when the whole
// document is at fault (not JSON at all).
type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Msg
	}
	return e.Field + ": " + e.Msg
}

// maxOrderBytes bounds what Decode reads: a real order is a few KiB, and
// an unbounded read of a hostile body is a memory exhaustion.
const maxOrderBytes = 1 << 20

// Decode reads one order strictly and validates its shape.
func Decode(r io.Reader) (*Order, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxOrderBytes+1))
	if err != nil {
		return nil, fmt.Errorf("decode order: %w", err)
	}
	if len(data) > maxOrderBytes {
		return nil, &FieldError{Msg: fmt.Sprintf("the order is larger than %d bytes", maxOrderBytes)}
	}
	return DecodeBytes(data)
}

// DecodeBytes is Decode over a byte slice.
func DecodeBytes(data []byte) (*Order, error) {
	o, ok := decodeFast(data)
	if !ok {
		return decodeChecked(data)
	}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	return o, nil
}

// decodeChecked is DecodeBytes by the full checks, each fault named by
// its field's path.
func decodeChecked(data []byte) (*Order, error) {
	if err := checkRaw(data); err != nil {
		return nil, err
	}
	var generic any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&generic); err != nil {
		return nil, jsonError(err, data)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &FieldError{Msg: "unexpected data after the order object"}
	}
	if err := checkShape(generic, reflect.TypeFor[Order](), ""); err != nil {
		return nil, err
	}
	var o Order
	if err := json.Unmarshal(data, &o); err != nil {
		return nil, jsonError(err, data)
	}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	return &o, nil
}

func jsonError(err error, data []byte) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		if typeErr.Field == "" {
			return &FieldError{Msg: fmt.Sprintf("the order must be a JSON object, not %s", typeErr.Value)}
		}
		return &FieldError{Field: typeErr.Field, Msg: fmt.Sprintf("must be %s, not %s", jsonTypeName(typeErr.Type.Kind().String()), typeErr.Value)}
	case errors.As(err, &syntaxErr):
		line, col := position(data, syntaxErr.Offset)
		return &FieldError{Msg: fmt.Sprintf("invalid JSON at line %d, column %d: %s", line, col, syntaxErr.Error())}
	case errors.Is(err, io.EOF):
		return &FieldError{Msg: "the order is empty"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &FieldError{Msg: "the order's JSON ends early"}
	}
	// encoding/json reports unknown fields only as text.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return &FieldError{Field: strings.Trim(name, `"`), Msg: "unknown field"}
	}
	return &FieldError{Msg: err.Error()}
}

func jsonTypeName(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "slice", "array":
		return "an array"
	case "struct", "map":
		return "an object"
	case "bool":
		return "true or false"
	case "ptr":
		return "a value of another type"
	}
	return "a " + kind
}

func position(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// Validate checks the order's shape: what must be present and what must
// be one of a fixed set. It does not judge whether a carrier accepts it.
func (o *Order) Validate() error {
	if len(o.Numbers) == 0 {
		return &FieldError{Field: "numbers", Msg: "at least one number is required"}
	}
	for i, n := range o.Numbers {
		if strings.TrimSpace(n.Number) == "" {
			return &FieldError{Field: fmt.Sprintf("numbers[%d].number", i), Msg: "required"}
		}
		switch n.Type {
		case TypeUnknown, TypeLandline, TypeWireless, TypeVoIP, TypeTollFree:
		default:
			return &FieldError{Field: fmt.Sprintf("numbers[%d].type", i), Msg: fmt.Sprintf("%q is not one of landline, wireless, voip, tollfree", n.Type)}
		}
	}
	for i, d := range o.Documents {
		if !validKind(d.Kind) {
			return &FieldError{Field: fmt.Sprintf("documents[%d].kind", i), Msg: fmt.Sprintf("%q is not one of bill, loa, csr, id, other", d.Kind)}
		}
		if strings.TrimSpace(d.Path) == "" {
			return &FieldError{Field: fmt.Sprintf("documents[%d].path", i), Msg: "required"}
		}
	}
	if o.RequestedDate != "" {
		if _, err := time.Parse(time.DateOnly, o.RequestedDate); err != nil {
			return &FieldError{Field: "requested_date", Msg: fmt.Sprintf("%q is not a date in YYYY-MM-DD form", o.RequestedDate)}
		}
	}
	switch o.AccountType {
	case "", "business", "residential":
	default:
		return &FieldError{Field: "account_type", Msg: fmt.Sprintf("%q is not one of business, residential", o.AccountType)}
	}
	if c := o.ServiceAddress.Country; c != "" && (len(c) != 2 || strings.ToUpper(c) != c) {
		return &FieldError{Field: "service_address.country", Msg: fmt.Sprintf("%q is not a two-letter upper-case ISO 3166 country code", c)}
	}
	return nil
}

func validKind(k Kind) bool {
	for _, v := range Kinds {
		if k == v {
			return true
		}
	}
	return false
}

// RequestedDay returns requested_date, and false when the order has none.
func (o *Order) RequestedDay() (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, o.RequestedDate)
	return t, err == nil
}
