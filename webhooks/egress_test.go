package webhooks_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/portcheck/portcheck/webhooks"
)

func TestPublic(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"8.8.8.8", true},
		{"2606:4700:4700::1111", true},
		{"127.0.0.1", false},
		{"::1", false},
		{"::ffff:127.0.0.1", false},
		{"10.1.2.3", false},
		{"172.16.0.9", false},
		{"192.168.1.1", false},
		{"169.254.169.254", false}, // the cloud metadata address
		{"fe80::1", false},
		{"fd00::5", false},
		{"100.64.0.1", false},
		{"0.0.0.0", false},
		{"::", false},
		{"224.0.0.1", false},
		{"255.255.255.255", false},
		{"198.18.0.1", false},
		{"64:ff9b::a9fe:a9fe", false}, // NAT64 of 169.254.169.254
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			if got := webhooks.Public(netip.MustParseAddr(tt.addr)); got != tt.want {
				t.Errorf("Public(%s) = %v, want %v", tt.addr, got, tt.want)
			}
		})
	}
}

// TestSendPublicOnly: a public-only sender never reaches a receiver on
// loopback, by address or by a name that resolves there, and says why;
// the same receiver is reached by a default sender.
func TestSendPublicOnly(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	e := webhooks.NewEvent(webhooks.OrderChecked, "loc_a", "o1", "t1", "pass", srv.URL, t0)
	byName := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	for _, url := range []string{srv.URL + "/hook", byName + "/hook"} {
		r := webhooks.Sender{PublicOnly: true}.Send(context.Background(), webhooks.Subscription{URL: url, Secret: secret}, e)
		if !errors.Is(r.Err, webhooks.ErrNotPublic) || r.StatusCode != 0 {
			t.Errorf("public-only Send to %s = %d, %v; want ErrNotPublic", url, r.StatusCode, r.Err)
		}
	}
	if hits.Load() != 0 {
		t.Fatalf("the loopback receiver was reached %d times by a public-only sender", hits.Load())
	}
	if r := (webhooks.Sender{}).Send(context.Background(), webhooks.Subscription{URL: srv.URL + "/hook", Secret: secret}, e); r.Err != nil || hits.Load() != 1 {
		t.Errorf("default Send = %v, %d hits; want delivered once", r.Err, hits.Load())
	}
}
