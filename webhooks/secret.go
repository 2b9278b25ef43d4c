package webhooks

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
)

// Secret is a subscription's signing key. It never prints, logs or
// marshals: Reveal is the one way out, for the answer that creates it
// and for signing.
type Secret string

const redacted = "[redacted]"

func (Secret) String() string               { return redacted }
func (Secret) GoString() string             { return redacted }
func (Secret) LogValue() slog.Value         { return slog.StringValue(redacted) }
func (Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }
func (Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// Format covers every verb, %x and %d included.
func (Secret) Format(f fmt.State, _ rune) { io.WriteString(f, redacted) }

// Reveal returns the secret itself.
func (s Secret) Reveal() string { return string(s) }

// NewSecret returns 32 random bytes, hex, with Stripe's "whsec_" prefix
// so a leaked one is recognised by secret scanners.
func NewSecret() (Secret, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("new webhook secret: %w", err)
	}
	return Secret("whsec_" + hex.EncodeToString(b)), nil
}
