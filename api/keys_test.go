package api_test

import (
	"strings"
	"testing"
	"time"

	"github.com/portcheck/portcheck/api"
	"github.com/portcheck/portcheck/workers"
)

const day = 24 * time.Hour

// TestKeysRetention: the retention option of the keys file, per tenant.
func TestKeysRetention(t *testing.T) {
	tests := []struct {
		name  string
		lines string
		want  map[string]time.Duration
		err   string // in the error; empty: valid
	}{
		{"default", keyA + " loc_a\n", map[string]time.Duration{"loc_a": workers.DefaultRetention, "loc_other": workers.DefaultRetention}, ""},
		{"days", keyA + " loc_a retention=14d\n", map[string]time.Duration{"loc_a": 14 * day}, ""},
		{"duration", keyA + " loc_a retention=720h\n", map[string]time.Duration{"loc_a": 30 * day}, ""},
		{"never", keyA + " loc_a retention=never\n", map[string]time.Duration{"loc_a": 0}, ""},
		{"on one of a tenant's keys", keyA + " loc_a\n" + keyB + " loc_a retention=7d\n", map[string]time.Duration{"loc_a": 7 * day}, ""},
		{"two periods", keyA + " loc_a retention=7d\n" + keyB + " loc_a retention=8d\n", nil, "line 2: retention: tenant loc_a has two periods"},
		{"zero days", keyA + " loc_a retention=0d\n", nil, "line 1: retention"},
		{"minutes", keyA + " loc_a retention=5m\n", nil, "line 1: retention"},
		{"unknown option", keyA + " loc_a keep=7d\n", nil, "line 1: \"keep=7d\""},
		{"too many fields", keyA + " loc_a retention=7d extra\n", nil, "line 1: want"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := api.ParseKeys(strings.NewReader(tt.lines))
			if (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("ParseKeys = %v, want an error with %q", err, tt.err)
			}
			for tenant, want := range tt.want {
				if got := k.Retention(tenant); got != want {
					t.Errorf("Retention(%s) = %s, want %s", tenant, got, want)
				}
			}
			if tenant, ok := k.Tenant(keyA); err == nil && (!ok || tenant != "loc_a") {
				t.Errorf("the key's tenant is %q, %v", tenant, ok)
			}
		})
	}
}
