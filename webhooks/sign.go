package webhooks

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// SignatureHeader carries a delivery's signature.
const SignatureHeader = "Portcheck-Signature"

// DefaultTolerance is how old a signature Verify accepts by default
// (Stripe's five minutes).
const DefaultTolerance = 5 * time.Minute

var (
	// ErrNoSignature: the header is missing or not of the form t=...,v1=....
	ErrNoSignature = errors.New("no valid signature header")
	// ErrBadSignature: no v1 signature matches the body and the secret.
	ErrBadSignature = errors.New("signature does not match")
	// ErrTimestamp: the signature is older (or further ahead) than the
	// tolerance: a replay, or a clock far off.
	ErrTimestamp = errors.New("signature timestamp outside the tolerance")
)

func mac(secret Secret, t int64, body []byte) []byte {
	h := hmac.New(sha256.New, []byte(secret.Reveal()))
	fmt.Fprintf(h, "%d.", t)
	h.Write(body)
	return h.Sum(nil)
}

// Sign returns the Portcheck-Signature header for body sent at t: one
// v1 signature per secret (two while a rotated-out secret is in its
// grace), any of which Verify accepts.
func Sign(t time.Time, body []byte, secrets ...Secret) string {
	ts := t.Unix()
	h := "t=" + strconv.FormatInt(ts, 10)
	for _, s := range secrets {
		h += ",v1=" + hex.EncodeToString(mac(s, ts, body))
	}
	return h
}

// Verify checks a delivery as its receiver should: the header's
// timestamp within tolerance of now (either way: a clock ahead is no
// excuse for a replay), and one of its v1 signatures (several while a
// secret is rotated) the HMAC of "<t>.<body>" under secret. body must
// be the raw bytes received, before any JSON decoding.
func Verify(secret Secret, header string, body []byte, tolerance time.Duration, now time.Time) error {
	var ts int64 = -1
	var sigs [][]byte
	for _, part := range strings.Split(header, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		switch {
		case !ok:
			return fmt.Errorf("verify webhook: %w", ErrNoSignature)
		case k == "t":
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				return fmt.Errorf("verify webhook: t: %w", ErrNoSignature)
			}
			ts = n
		case k == "v1":
			if b, err := hex.DecodeString(v); err == nil {
				sigs = append(sigs, b)
			}
		}
	}
	if ts < 0 || len(sigs) == 0 {
		return fmt.Errorf("verify webhook: %w", ErrNoSignature)
	}
	if d := now.Sub(time.Unix(ts, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("verify webhook: signed %s ago: %w", d.Round(time.Second), ErrTimestamp)
	}
	want := mac(secret, ts, body)
	for _, s := range sigs {
		if hmac.Equal(s, want) {
			return nil
		}
	}
	return fmt.Errorf("verify webhook: %w", ErrBadSignature)
}
