package webhooks

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// DefaultTimeout bounds one attempt: connecting, sending and the
// receiver's answer.
const DefaultTimeout = 10 * time.Second

// Sender makes one attempt at a delivery.
type Sender struct {
	// Client defaults to one that follows no redirect, and with
	// PublicOnly to one that also dials only public addresses.
	Client *http.Client
	// PublicOnly refuses receivers whose address is not on the public
	// internet (see Public): for an operator who lets tenants in from
	// outside and will not have them reach its own network through the
	// worker. Off by default, as a receiver on the same host is the
	// usual test. Ignored when Client is set.
	PublicOnly bool
	// Timeout bounds an attempt; default DefaultTimeout.
	Timeout time.Duration
	Now     func() time.Time // default time.Now
}

// Result is what an attempt met: the receiver's status (0 when none
// answered) and, unless it was a 2xx, why the attempt failed.
type Result struct {
	StatusCode int
	Err        error
}

var (
	noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	public      = publicClient()
)

// Send POSTs the event to the subscription, signed; only a 2xx answer
// delivers it. A redirect is not followed (see the package comment).
func (s Sender) Send(ctx context.Context, sub Subscription, e Event) Result {
	if err := ValidateURL(sub.URL); err != nil { // stored before a rule tightened, or edited by hand
		return Result{Err: err}
	}
	timeout, client, now := s.Timeout, s.Client, time.Now
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	switch {
	case client == nil && s.PublicOnly:
		client = public
	case client == nil:
		client = noRedirects
	}
	if s.Now != nil {
		now = s.Now
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	body := e.Body()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, sub.URL, bytes.NewReader(body))
	if err != nil {
		return Result{Err: fmt.Errorf("send: %w", err)}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "portcheck-webhooks/1")
	req.Header.Set("Portcheck-Event-Id", e.ID)
	req.Header.Set(SignatureHeader, Sign(now(), body, sub.Secrets(now())...))
	resp, err := client.Do(req)
	if err != nil {
		return Result{Err: fmt.Errorf("send: %w", plain(err))}
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) //nolint:errcheck // lets the connection be reused
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return Result{StatusCode: resp.StatusCode}
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		return Result{StatusCode: resp.StatusCode, Err: fmt.Errorf("the receiver redirected (%d) to %q: redirects are not followed; register the final URL", resp.StatusCode, resp.Header.Get("Location"))}
	}
	return Result{StatusCode: resp.StatusCode, Err: fmt.Errorf("the receiver answered %d", resp.StatusCode)}
}

// plain drops the URL net/http puts in its errors: it may carry a
// user:password the subscription's URL holds, and the record and the
// logs should not.
func plain(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return errors.New("no answer within the attempt's timeout")
		}
		return ue.Err
	}
	return err
}
