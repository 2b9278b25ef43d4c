package order

import (
	"encoding/json"
	"fmt"
)

const redacted = "[redacted]"

// Secret holds a PIN or SSN digits. Every way of printing it is redacted;
// only Reveal returns the value, so a leak needs a deliberate call.
type Secret struct{ v string }

// NewSecret wraps s.
func NewSecret(s string) Secret { return Secret{v: s} }

// Reveal returns the secret. Callers must never log or report it.
func (s Secret) Reveal() string { return s.v }

// IsSet reports whether a non-empty secret was given.
func (s Secret) IsSet() bool { return s.v != "" }

func (s Secret) String() string   { return redacted }
func (s Secret) GoString() string { return redacted }

// Format covers every verb, including %v of structs that contain a Secret.
func (s Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// MarshalJSON redacts: an order echoed by the API or logged as JSON must
// not carry the PIN.
func (s Secret) MarshalJSON() ([]byte, error) {
	if !s.IsSet() {
		return []byte("null"), nil
	}
	return json.Marshal(redacted)
}

// UnmarshalJSON accepts a JSON string or null. A number is refused: PINs
// keep leading zeros.
func (s *Secret) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*s = Secret{}
		return nil
	}
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("must be a string")
	}
	*s = Secret{v: v}
	return nil
}
