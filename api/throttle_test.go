package api_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/portcheck/portcheck/api"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/storage"
	"github.com/portcheck/portcheck/throttle"
)

// TestWrongKeysThrottled: after its allowance of wrong keys a client
// is refused with 429 and Retry-After, its right key included (so a
// right guess is not told apart), at the API and at the reviewer UI's
// sign-in alike; another client is not held up.
func TestWrongKeysThrottled(t *testing.T) {
	st, err := storage.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	keys, _ := api.ParseKeys(strings.NewReader(keyA + " loc_7f3a\n"))
	guard, _ := throttle.New(throttle.Config{Burst: 3, Every: time.Hour})
	h, err := api.Handler(api.Config{Records: records.Records{Store: st}, Keys: keys, Log: quiet(), Guard: guard})
	if err != nil {
		t.Fatal(err)
	}
	get := func(client, key string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", "/v1/orders", nil)
		r.RemoteAddr, r.Header["Authorization"] = client+":4000", []string{"Bearer " + key}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	for i := range 3 {
		if w := get("192.0.2.7", "wrong-key-000000"+string(rune('a'+i))); w.Code != http.StatusUnauthorized {
			t.Fatalf("wrong key %d: %d %s, want 401", i, w.Code, w.Body)
		}
	}
	tests := []struct {
		name, client, key string
		want              int
	}{
		{"the right key, throttled", "192.0.2.7", keyA, http.StatusTooManyRequests},
		{"another wrong key, throttled", "192.0.2.7", "wrong-key-0000000z", http.StatusTooManyRequests},
		{"another client", "198.51.100.9", keyA, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(tt.client, tt.key)
			if w.Code != tt.want {
				t.Fatalf("%d %s, want %d", w.Code, w.Body, tt.want)
			}
			if tt.want == http.StatusTooManyRequests && (w.Header().Get("Retry-After") == "" || !strings.Contains(w.Body.String(), `"too_many_attempts"`)) {
				t.Errorf("429 without Retry-After or its code: %v %s", w.Header(), w.Body)
			}
		})
	}
	t.Run("sign-in shares the allowance", func(t *testing.T) {
		form := url.Values{"key": {keyA}, "name": {"Dana"}}.Encode()
		r := httptest.NewRequest("POST", "/review/signin", strings.NewReader(form))
		r.RemoteAddr = "192.0.2.7:4001"
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusTooManyRequests || len(w.Result().Cookies()) != 0 || !strings.Contains(w.Body.String(), "Too many sign-ins") {
			t.Errorf("sign-in from a throttled client: %d, cookies %v; want 429 and no session", w.Code, w.Result().Cookies())
		}
	})
}
