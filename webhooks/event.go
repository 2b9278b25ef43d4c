package webhooks

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Event types.
const (
	// OrderChecked: a check finished and its report is the order's.
	OrderChecked = "order.checked"
	// OrderFailed: a check ended for good without a report.
	OrderFailed = "order.failed"
	// OrderVerdictChanged: a check (a re-validation, a re-check after an
	// upload) gave another verdict than the order's previous report; not
	// sent on an order's first report.
	OrderVerdictChanged = "order.verdict_changed"
)

// Types lists the event types a subscription may name.
var Types = []string{OrderChecked, OrderFailed, OrderVerdictChanged}

// Event is what a delivery's body says (SPEC section 6).
type Event struct {
	ID      string    `json:"id"`
	Type    string    `json:"type"`
	Created time.Time `json:"created_at"`
	OrderID string    `json:"order_id"`
	// Verdict is the order's verdict after the event; null for a failed
	// check.
	Verdict *string `json:"verdict"`
	// PreviousVerdict is the verdict before it, on verdict_changed only.
	PreviousVerdict string `json:"previous_verdict,omitempty"`
	// ReportURL is where the report is read (GET, with the tenant's API
	// key); null when the event has no report.
	ReportURL *string `json:"report_url"`
}

// NewEvent makes the event of one outcome of one check. source names
// the outcome (the check task's id): the same outcome told twice (a
// task retried after it told it) is the same event, with the same id,
// so a receiver counts it once.
func NewEvent(typ, tenant, orderID, source, verdict, baseURL string, now time.Time) Event {
	h := sha256.Sum256([]byte(strings.Join([]string{typ, tenant, orderID, source}, "\n")))
	e := Event{ID: "evt_" + hex.EncodeToString(h[:12]), Type: typ, Created: now.UTC().Truncate(time.Second), OrderID: orderID}
	if verdict != "" {
		e.Verdict = &verdict
	}
	if typ != OrderFailed {
		u := strings.TrimSuffix(baseURL, "/") + "/v1/orders/" + url.PathEscape(orderID) + "/report"
		e.ReportURL = &u
	}
	return e
}

// Body is the event as it is POSTed: the same bytes on every attempt.
func (e Event) Body() []byte {
	b, _ := json.Marshal(e) // strings, a time and pointers to strings: cannot fail
	return b
}

// maxURL bounds a subscription's URL, as browsers and proxies bound
// theirs.
const maxURL = 2048

// ValidateURL accepts an absolute http or https URL with a host. It
// does not judge where the host is (see the package comment).
func ValidateURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case s == "":
		return fmt.Errorf("url: required")
	case len(s) > maxURL:
		return fmt.Errorf("url: longer than %d characters", maxURL)
	case err != nil:
		return fmt.Errorf("url: not a URL")
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("url: the scheme must be http or https, not %q", u.Scheme)
	case u.Host == "" || u.Hostname() == "":
		return fmt.Errorf("url: must be absolute, with a host")
	case u.Fragment != "":
		return fmt.Errorf("url: must not have a #fragment")
	}
	return nil
}

// ValidateEvents accepts a non-empty list of known event types and
// returns it without repeats, in the order given.
func ValidateEvents(events []string) ([]string, error) {
	if len(events) == 0 {
		return nil, fmt.Errorf("events: name at least one of %s", strings.Join(Types, ", "))
	}
	var out []string
	for _, e := range events {
		if !slices.Contains(Types, e) {
			return nil, fmt.Errorf("events: %q is not one of %s", e, strings.Join(Types, ", "))
		}
		if !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out, nil
}
