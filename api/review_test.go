package api_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/portcheck/portcheck/api"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/storage"
)

// TestReviewerCookieSecure: the reviewer UI mounted by the API marks
// its session cookie Secure on plain HTTP only when told (a service
// behind a TLS-terminating proxy: serve --secure-cookies).
func TestReviewerCookieSecure(t *testing.T) {
	for _, secure := range []bool{false, true} {
		st, err := storage.NewFS(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		keys, _ := api.ParseKeys(strings.NewReader(keyA + " loc_7f3a\n"))
		h, err := api.Handler(api.Config{Records: records.Records{Store: st}, Keys: keys, Log: quiet(), SecureCookies: secure})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(h)
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/review/signin", strings.NewReader(url.Values{"key": {keyA}, "name": {"Dana"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", srv.URL)
		resp, err := client.Do(req)
		srv.Close()
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		cs := resp.Cookies()
		if len(cs) != 1 || cs[0].Secure != secure {
			t.Errorf("SecureCookies %v: status %d, cookies %+v; want one cookie, Secure %v", secure, resp.StatusCode, cs, secure)
		}
	}
}
