package review_test

import (
	"context"
	"encoding/json"
	"fmt"
	"image/jpeg"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/internal/leak"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/report"
)

// textService holds acme's orders on text-layer documents (no OCR
// needed) and one order of another tenant.
func textService(t *testing.T) *service {
	t.Helper()
	s := newService(t)
	for _, o := range []struct {
		tenant, sample, id string
		check              bool
	}{
		{"acme", "clean", "ord-pass", true},
		{"acme", "address-different", "ord-reject", true},
		{"acme", "bill-aging", "ord-warn", true},
		{"acme", "clean", "ord-draft", false},
		{"other", "address-different", "ord-theirs", true},
	} {
		ord, files := sample(t, o.sample, o.id, nil)
		s.add(t, o.tenant, ord, files, o.check, nil)
	}
	return s
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func csrfOf(t *testing.T, page string) string {
	t.Helper()
	m := csrfRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the page has no form token")
	}
	return m[1]
}

func TestSignIn(t *testing.T) {
	s := newService(t)
	tests := []struct {
		name, key, reviewer string
		wantStatus          int
		wantCookie          bool
	}{
		{"the tenant's key", acmeKey, "Dana Whitfield", http.StatusSeeOther, true},
		{"an unknown key", "not-a-key-0123456789abcdef", "Dana", http.StatusUnauthorized, false},
		{"no name", acmeKey, "  ", http.StatusUnauthorized, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := s.client(t).signIn(tt.key, tt.reviewer)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			cookies := resp.Cookies()
			if got := len(cookies) == 1; got != tt.wantCookie {
				t.Fatalf("cookies %v, want one: %v", cookies, tt.wantCookie)
			}
			if !tt.wantCookie {
				return
			}
			c := cookies[0]
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/review/" || c.MaxAge <= 0 || c.Secure || len(c.Value) < 40 {
				t.Errorf("cookie %+v: want HttpOnly, SameSite=Lax, Path /review/, an expiry, not Secure over plain HTTP, a long random id", c)
			}
			if strings.Contains(c.Value, tt.key) {
				t.Error("the cookie carries the API key")
			}
			if loc := resp.Header.Get("Location"); loc != "/review/orders" {
				t.Errorf("redirect to %q", loc)
			}
		})
	}
}

func TestSignInRefusesAnotherSite(t *testing.T) {
	s := newService(t)
	c := s.client(t)
	req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/review/signin", strings.NewReader(url.Values{"key": {acmeKey}, "name": {"x"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || len(resp.Cookies()) > 0 {
		t.Errorf("a sign-in posted from another site: status %d, cookies %v", resp.StatusCode, resp.Cookies())
	}
}

func TestSignedOutPages(t *testing.T) {
	s := textService(t)
	c := s.client(t)
	resp, err := c.http.Get(s.srv.URL + "/review/orders/ord-reject")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/review/signin?next=%2Freview%2Forders%2Ford-reject" {
		t.Errorf("a page without a session: %d to %q, want the sign-in and back", resp.StatusCode, resp.Header.Get("Location"))
	}
	if r := c.post("/review/orders/ord-reject/accept", url.Values{"comment": {"x"}}); r.StatusCode != http.StatusForbidden {
		t.Errorf("a decision without a session: %d", r.StatusCode)
	}
	c.signIn(acmeKey, "Dana")
	_, page := c.get("/review/orders")
	if r := c.post("/review/signout", url.Values{"csrf": {csrfOf(t, page)}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out: %d", r.StatusCode)
	}
	if status, _ := c.get("/review/orders"); status != http.StatusSeeOther {
		t.Errorf("after signing out the list answers %d", status)
	}
}

// TestFormsNeedTheSessionToken: a decision is refused without the
// session's form token, with another token, or from another site.
func TestFormsNeedTheSessionToken(t *testing.T) {
	s := textService(t)
	c := s.client(t)
	c.signIn(acmeKey, "Dana")
	_, page := c.get("/review/orders/ord-reject")
	token := csrfOf(t, page)
	key := regexp.MustCompile(`name="finding" value="([^"]+)"`).FindStringSubmatch(page)[1]
	tests := []struct {
		name, token, origin string
		want                int
	}{
		{"no token", "", "", http.StatusForbidden},
		{"another token", otherToken(token), "", http.StatusForbidden},
		{"from another site", token, "https://evil.example", http.StatusForbidden},
		{"the session's token", token, "", http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := url.Values{"csrf": {tt.token}, "finding": {key}, "comment": {"checked with the carrier"}}
			req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/review/orders/ord-reject/accept", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if tt.origin != "" {
				req.Header.Set("Origin", tt.origin)
				req.Header.Set("Sec-Fetch-Site", "cross-site")
			}
			resp, err := c.http.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}
}

// otherToken is token with its first character changed, never to itself.
func otherToken(token string) string {
	if token[0] == 'x' {
		return "y" + token[1:]
	}
	return "x" + token[1:]
}

// TestAnotherTenantIsNotFound: every URL of another tenant's order
// answers 404, the same page as an order that does not exist.
func TestAnotherTenantIsNotFound(t *testing.T) {
	s := textService(t)
	c := s.client(t)
	c.signIn(acmeKey, "Dana")
	_, missing := c.get("/review/orders/ord-nobody")
	for _, path := range []string{
		"/review/orders/ord-theirs",
		"/review/orders/ord-theirs/pages/1/1",
		"/review/orders/ord-theirs/documents/bill-bill-header-box.pdf",
		"/review/orders/..%2f..%2fother%2ford-theirs",
	} {
		status, body := c.get(path)
		if status != http.StatusNotFound || body != missing {
			t.Errorf("%s: status %d (want 404, the page of an order that does not exist)", path, status)
		}
	}
	_, page := c.get("/review/orders")
	resp := c.post("/review/orders/ord-theirs/accept", url.Values{"csrf": {csrfOf(t, page)}, "finding": {"ADDRESS_MISMATCH|service_address||"}, "comment": {"x"}})
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("a decision on another tenant's order: %d", resp.StatusCode)
	}
	if strings.Contains(page, "ord-theirs") {
		t.Error("the list shows another tenant's order")
	}
}

var rowRE = regexp.MustCompile(`<th scope="row"><a href="/review/orders/([^"]+)">`)

func TestOrderList(t *testing.T) {
	s := textService(t)
	c := s.client(t)
	c.signIn(acmeKey, "Dana")
	tests := []struct {
		name, query string
		want        []string
		wantText    string
	}{
		{"worst first", "", []string{"ord-reject", "ord-warn", "ord-pass", "ord-draft"}, "4 orders"},
		{"by verdict", "?verdict=warn", []string{"ord-warn"}, "1 order,"},
		{"no verdict yet", "?verdict=none", []string{"ord-draft"}, ""},
		{"by status", "?status=draft", []string{"ord-draft"}, ""},
		{"by code", "?code=ADDRESS_MISMATCH", []string{"ord-reject"}, ""},
		{"ages out by a date", "?ages_by=2026-12-02", []string{"ord-warn"}, ""},
		{"ages out later", "?ages_by=2026-12-31", []string{"ord-reject", "ord-warn", "ord-pass"}, ""},
		{"a filter that is no code", "?code=NOPE", []string{"ord-reject", "ord-warn", "ord-pass", "ord-draft"}, "Not a valid filter, ignored: code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, page := c.get("/review/orders" + tt.query)
			if status != http.StatusOK {
				t.Fatalf("status %d", status)
			}
			var got []string
			for _, m := range rowRE.FindAllStringSubmatch(page, -1) {
				got = append(got, m[1])
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("orders (-want +got):\n%s", diff)
			}
			if !strings.Contains(page, tt.wantText) {
				t.Errorf("the page does not say %q", tt.wantText)
			}
		})
	}
}

// TestAcceptFindings: accepting both address findings of a rejected
// order turns its verdict, and the decision shows on the page, in the
// API's order view and in its report.
func TestAcceptFindings(t *testing.T) {
	s := textService(t)
	c := s.client(t)
	c.signIn(acmeKey, "Dana Whitfield")
	_, page := c.get("/review/orders/ord-reject")
	if !strings.Contains(page, `id="verdict">REJECT<`) {
		t.Fatal("the order is not rejected to begin with")
	}
	keys := regexp.MustCompile(`action="/review/orders/ord-reject/accept" class="accept"><input type="hidden" name="csrf" value="[^"]+"><input type="hidden" name="finding" value="([^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(keys) != 2 {
		t.Fatalf("%d accept forms, want 2", len(keys))
	}
	token := csrfOf(t, page)
	if r := c.post("/review/orders/ord-reject/accept", url.Values{"csrf": {token}, "finding": {keys[0][1]}, "comment": {" "}}); r.StatusCode != http.StatusBadRequest {
		t.Errorf("an acceptance without a comment: %d, want 400", r.StatusCode)
	}
	for _, k := range keys {
		form := url.Values{"csrf": {token}, "finding": {k[1]}, "anchor": {"finding-1"}, "comment": {"The CSR at the carrier says 1210; PIN 4410 confirmed"}}
		r := c.post("/review/orders/ord-reject/accept", form)
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/review/orders/ord-reject#finding-1" {
			t.Fatalf("accept: %d to %q", r.StatusCode, r.Header.Get("Location"))
		}
	}
	_, page = c.get("/review/orders/ord-reject")
	for _, want := range []string{`id="verdict">PASS<`, "<b>Accepted</b> by Dana Whitfield on 20", "The CSR at the carrier says 1210; PIN [redacted] confirmed", "2 accepted"} {
		if !strings.Contains(page, want) {
			t.Errorf("the order page lacks %q", want)
		}
	}
	if leak.Holds(page, "4410") { // not inside a random token
		t.Error("the order's PIN reached the page through a comment")
	}
	view := apiGet(t, s, "/v1/orders/ord-reject")
	if view["verdict"] != "pass" || len(view["decisions"].([]any)) != 2 {
		t.Errorf("the API's order view: verdict %v, decisions %v", view["verdict"], view["decisions"])
	}
	rep := apiGet(t, s, "/v1/orders/ord-reject/report")
	for _, f := range rep["findings"].([]any) {
		if f.(map[string]any)["accepted"] == nil {
			t.Errorf("the API's report: %v is not accepted", f.(map[string]any)["code"])
		}
	}
	if r := c.post("/review/orders/ord-reject/withdraw", url.Values{"csrf": {token}, "finding": {keys[1][1]}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("withdraw: %d", r.StatusCode)
	}
	if _, page = c.get("/review/orders/ord-reject"); !strings.Contains(page, `id="verdict">REJECT<`) {
		t.Error("withdrawing an acceptance did not bring the rejection back")
	}
}

func apiGet(t *testing.T, s *service, path string) map[string]any {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+acmeKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestEvidenceOnThePage: each finding's box is drawn over its page, in
// the page's points, and the page image is served at the size the page
// says.
func TestEvidenceOnThePage(t *testing.T) {
	s := textService(t)
	c := s.client(t)
	c.signIn(acmeKey, "Dana")
	_, page := c.get("/review/orders/ord-reject")
	fig := regexp.MustCompile(`(?s)<figure class="page" id="doc-1-page-1".*?</figure>`).FindString(page)
	if !strings.Contains(fig, `<svg viewBox="0 0 612 792"`) || !strings.Contains(fig, `<rect id="box-`) {
		t.Fatalf("the bill's first page has no box drawn:\n%s", fig)
	}
	if !strings.Contains(page, `class="show-box" href="#box-`) {
		t.Error("no finding links to its box")
	}
	src := regexp.MustCompile(`<img src="(/review/orders/ord-reject/pages/1/1\?v=[0-9a-f]+)" width="1000" height="1294"`).FindStringSubmatch(fig)
	if src == nil {
		t.Fatalf("no page image of the bill's page 1 at 1000 x 1294:\n%s", fig)
	}
	resp, err := c.http.Get(s.srv.URL + strings.ReplaceAll(src[1], "&amp;", "&"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	img, err := jpeg.Decode(resp.Body)
	if err != nil || resp.Header.Get("Content-Type") != "image/jpeg" {
		t.Fatalf("page image: %v (%s)", err, resp.Header.Get("Content-Type"))
	}
	if b := img.Bounds(); b.Dx() != 1000 || b.Dy() != 1294 {
		t.Errorf("page image is %v, want 1000 x 1294", b)
	}
}

func TestDownload(t *testing.T) {
	s := textService(t)
	c := s.client(t)
	c.signIn(acmeKey, "Dana")
	_, page := c.get("/review/orders/ord-reject")
	link := regexp.MustCompile(`href="(/review/orders/ord-reject/documents/[^"]+)" download`).FindStringSubmatch(page)
	if link == nil {
		t.Fatal("no download link")
	}
	resp, err := c.http.Get(s.srv.URL + link[1])
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("download: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
	}
}

// TestPageImagesHideSecrets: a PIN the LOA prints is painted out of the
// served page image, every pixel of its word dark.
func TestPageImagesHideSecrets(t *testing.T) {
	s := newService(t)
	o, files := sample(t, "secrets-on-documents", "ord-pin", nil)
	s.add(t, "acme", o, files, true, nil)
	ctx := context.Background()
	rep, _, err := s.recs.LatestReport(ctx, "acme", "ord-pin")
	if err != nil {
		t.Fatal(err)
	}
	di := slices.IndexFunc(rep.Documents, func(d report.Document) bool { return d.Kind == "loa" })
	doc, ok := pipeline.StoreCache{Store: s.recs.Store}.Load(ctx, rep.Documents[di].SHA256)
	if !ok {
		t.Fatal("no cached extraction of the LOA")
	}
	page := doc.Pages[0]
	var pin []extract.Box
	for _, w := range page.Words {
		if strings.Contains(w.Text, "4410") {
			pin = append(pin, w.Box)
		}
	}
	if len(pin) == 0 {
		t.Fatal("the LOA prints no PIN: the test stands on nothing")
	}
	c := s.client(t)
	c.signIn(acmeKey, "Dana")
	resp, err := c.http.Get(fmt.Sprintf("%s/review/orders/ord-pin/pages/%d/1", s.srv.URL, di+1))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	img, err := jpeg.Decode(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	scale := float64(img.Bounds().Dx()) / page.Width
	for _, b := range pin {
		for x := b[0] + 1; x < b[2]-1; x += 2 {
			for y := b[1] + 1; y < b[3]-1; y += 2 {
				r, g, bl, _ := img.At(int(x*scale), int(y*scale)).RGBA()
				if r>>8 > 0x60 || g>>8 > 0x60 || bl>>8 > 0x60 {
					t.Fatalf("pixel at (%.0f, %.0f) points of the PIN is light (%d, %d, %d): the PIN shows", x, y, r>>8, g>>8, bl>>8)
				}
			}
		}
	}
}
