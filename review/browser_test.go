package review_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/portcheck/portcheck/extract/ocr"
	"github.com/portcheck/portcheck/internal/testservers"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
)

// axeScript is axe-core as scripts/setup.sh installs it from npm.
func axeScript(t *testing.T) string {
	t.Helper()
	path := os.Getenv("PORTCHECK_AXE")
	if path == "" {
		path = "../.cache/node/node_modules/axe-core/axe.min.js"
	}
	data, err := os.ReadFile(path)
	if err != nil {
		testservers.Missing(t, "axe-core ("+path+")", "scripts/setup.sh")
	}
	return string(data)
}

// screenshotDir is where the screenshots go: PORTCHECK_SCREENSHOTS, or
// the test's artifact folder (kept with go test -artifacts).
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("PORTCHECK_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.ArtifactDir()
}

// browser starts Debian's headless Chromium on a fresh profile, with
// everything that would reach the network turned off.
func browser(t *testing.T, bin string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 800))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() { cancelTime(); cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// scannedService holds acme's order whose scanned bill prints another
// service address than the order, a clean order, a draft, and another
// tenant's order.
func scannedService(t *testing.T) (*service, *report.Report) {
	t.Helper()
	s := newService(t)
	// Twilio's profile asks for a bill alone, so the bill's address is
	// the order's one rejection.
	o, files := sample(t, "scan-clean", "ord-scan", func(o *order.Order) {
		o.ServiceAddress.Line1, o.Profile = "1210 N Main Street", "twilio"
	})
	maps.DeleteFunc(files, func(name, _ string) bool { return strings.HasPrefix(name, "loa-") })
	s.add(t, "acme", o, files, true, ocr.Process{})
	for _, x := range []struct {
		tenant, sample, id string
		check              bool
	}{{"acme", "clean", "ord-pass", true}, {"acme", "clean", "ord-draft", false}, {"other", "clean", "ord-theirs", true}} {
		o, files := sample(t, x.sample, x.id, nil)
		s.add(t, x.tenant, o, files, x.check, nil)
	}
	rep, _, err := s.recs.LatestReport(context.Background(), "acme", "ord-scan")
	if err != nil {
		t.Fatal(err)
	}
	return s, rep
}

// theAddressFinding is the scanned bill's ADDRESS_MISMATCH, its page in
// the order page's numbering, and the finding's number; the test stands
// on it being the order's one rejection.
func theAddressFinding(t *testing.T, rep *report.Report) (n int, pageID string) {
	t.Helper()
	rejects := 0
	for i, f := range rep.Findings {
		if f.Severity == report.Reject {
			rejects++
		}
		if f.Code != report.AddressMismatch || f.Document != "bill" || f.Evidence == nil || f.Evidence.Box == nil {
			continue
		}
		di := slices.IndexFunc(rep.Documents, func(d report.Document) bool { return d.Path == f.Path })
		if di < 0 || rep.Documents[di].TextSource != "ocr" {
			t.Fatalf("the address finding is not on a scanned bill: %+v", rep.Documents)
		}
		n, pageID = i+1, fmt.Sprintf("doc-%d-page-%d", di+1, f.Evidence.Page)
	}
	if n == 0 || rejects != 1 || rep.Verdict != report.Reject {
		t.Fatalf("want one rejection, an ADDRESS_MISMATCH with a box on the scanned bill; verdict %s, findings %+v", rep.Verdict, rep.Findings)
	}
	return n, pageID
}

// TestReviewerInTheBrowser drives Chromium through a reviewer's work:
// sign in, the list, an order with an address mismatch over a scanned
// bill, its box shown on the right page, accepting it turns the
// verdict, another tenant's order is 404; axe-core finds no serious or
// critical violation on any page, at desktop and phone sizes.
func TestReviewerInTheBrowser(t *testing.T) {
	bin := testservers.Binary(t, "chromium", "scripts/setup.sh")
	axe := axeScript(t)
	shots := screenshotDir(t)
	s, rep := scannedService(t)
	n, pageID := theAddressFinding(t, rep)
	ctx := browser(t, bin)
	b := &driver{t: t, ctx: ctx, base: s.srv.URL, axe: axe, shots: shots}

	b.run("open the list signed out", chromedp.EmulateViewport(1280, 800), chromedp.Navigate(b.base+"/review/orders"), chromedp.WaitVisible(chromedp.CSS("#key")))
	b.wantURL("/review/signin")
	b.check("signin")
	b.run("sign in", chromedp.SendKeys(chromedp.CSS("#key"), acmeKey), chromedp.SendKeys(chromedp.CSS("#name"), "Dana Whitfield"),
		chromedp.Click(chromedp.CSS(`form.signin button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS("table.orders")))
	first := b.text(`table.orders tbody tr:first-child th a`)
	if first != "ord-scan" {
		t.Errorf("the list starts with %q, want the rejected ord-scan", first)
	}
	b.check("orders")

	b.run("open the order", chromedp.Click(chromedp.CSS(`a[href="/review/orders/ord-scan"]`)), chromedp.WaitVisible(chromedp.CSS("#verdict")))
	b.wantText("#verdict", "REJECT")
	b.waitImage(pageID)
	b.check("order")

	box := fmt.Sprintf("box-%d", n)
	b.run("click the finding", chromedp.Click(chromedp.CSS(fmt.Sprintf(`a.show-box[data-box="%s"]`, box))))
	b.wantBoxShown(box, pageID)
	b.shot("order-box-1280x800")

	b.run("accept the finding", chromedp.SendKeys(chromedp.CSS(fmt.Sprintf("#comment-%d", n)), "The carrier's CSR has 1210; the bill is older than the move."),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#finding-%d form.accept button[type="submit"]`, n))),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#finding-%d .decision`, n))))
	verdict := b.text("#verdict")
	if verdict == "REJECT" || verdict == "" {
		t.Errorf("after accepting the only rejection the verdict is %q", verdict)
	}
	b.check("order-accepted")

	for _, path := range []string{"/review/orders/ord-theirs", "/review/orders/ord-theirs/pages/1/1", "/review/orders/ord-theirs/documents/bill-bill-header-box.pdf"} {
		if status := b.status(path); status != 404 {
			t.Errorf("%s answers %d in the browser, want 404", path, status)
		}
	}
	b.run("open another tenant's order", chromedp.Navigate(b.base+"/review/orders/ord-theirs"), chromedp.WaitVisible(chromedp.CSS("h1")))
	b.wantText("h1", "Not found")
	b.check("notfound")

	b.run("a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch),
		chromedp.Navigate(b.base+"/review/orders"), chromedp.WaitVisible(chromedp.CSS("table.orders")))
	b.check("orders-phone")
	b.run("the order on a phone", chromedp.Navigate(b.base+"/review/orders/ord-scan"), chromedp.WaitVisible(chromedp.CSS("#verdict")))
	b.check("order-phone")
	b.run("click the finding on a phone", chromedp.Click(chromedp.CSS(fmt.Sprintf(`a.show-box[data-box="%s"]`, box))))
	b.waitImage(pageID)
	b.wantBoxShown(box, pageID)
	b.shot("order-box-390x844")
}

// driver runs the browser steps of one test.
type driver struct {
	t                *testing.T
	ctx              context.Context
	base, axe, shots string
}

func (b *driver) run(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", step, err)
	}
}

// value runs an action that gives a value.
func value[T any](b *driver, step string, a chromedp.Action[T]) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		b.t.Fatalf("%s: %v", step, err)
	}
	return v
}

// eval runs a script and waits for its promise.
func eval[T any](b *driver, step, js string) T {
	b.t.Helper()
	return value(b, step, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}

func (b *driver) text(sel string) string {
	b.t.Helper()
	return strings.TrimSpace(value(b, "read "+sel, chromedp.Text(chromedp.CSS(sel))))
}

func (b *driver) wantURL(path string) {
	b.t.Helper()
	if loc := value(b, "read the address", chromedp.Location()); !strings.HasPrefix(loc, b.base+path) {
		b.t.Errorf("at %s, want %s", loc, path)
	}
}

func (b *driver) wantText(sel, want string) {
	b.t.Helper()
	if got := b.text(sel); got != want {
		b.t.Errorf("%s says %q, want %q", sel, got, want)
	}
}

// waitImage waits until the page image of the figure has loaded.
func (b *driver) waitImage(figure string) {
	b.t.Helper()
	js := fmt.Sprintf(`new Promise((ok) => { const img = document.querySelector("#%s img"); if (!img) return ok(false);
		img.loading = "eager"; const done = () => ok(img.complete && img.naturalWidth > 0);
		if (img.complete) return done(); img.addEventListener("load", done); img.addEventListener("error", done); })`, figure)
	if !eval[bool](b, "load the page image of "+figure, js) {
		b.t.Fatalf("the page image of %s did not load", figure)
	}
}

// boxState is where a box stands once its finding was clicked.
type boxState struct {
	Active, InView, OnImage bool
	Figure                  string
	Top, Bottom, Height     float64
}

// wantBoxShown: the box is highlighted, inside the viewport, over its
// page image, and that page is the finding's.
func (b *driver) wantBoxShown(box, pageID string) {
	b.t.Helper()
	js := fmt.Sprintf(`new Promise((ok) => setTimeout(() => {
		const box = document.getElementById(%q); if (!box) return ok({});
		const r = box.getBoundingClientRect(), fig = box.closest("figure"), img = fig.querySelector("img").getBoundingClientRect();
		ok({Active: box.classList.contains("active"), Figure: fig.id, Top: r.top, Bottom: r.bottom, Height: r.height,
			InView: r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth,
			OnImage: r.left >= img.left - 1 && r.right <= img.right + 1 && r.top >= img.top - 1 && r.bottom <= img.bottom + 1});
	}, 600))`, box)
	st := eval[boxState](b, "find the box", js)
	if !st.Active || !st.InView || !st.OnImage || st.Figure != pageID {
		b.t.Errorf("box %s after the click: %+v; want highlighted, in view, over the image of %s", box, st, pageID)
	}
}

// status fetches a path with the session, as the page would.
func (b *driver) status(path string) int {
	b.t.Helper()
	return eval[int](b, "fetch "+path, fmt.Sprintf(`fetch(%q, {redirect: "manual"}).then(r => r.status)`, path))
}

func (b *driver) shot(name string) {
	b.t.Helper()
	png := value(b, "screenshot "+name, chromedp.CaptureScreenshot())
	if err := os.WriteFile(filepath.Join(b.shots, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// violation is one axe-core finding.
type violation struct {
	ID, Impact, Help string
	Nodes            []string
}

// check screenshots the page and runs axe-core on it: no serious or
// critical violation may remain.
func (b *driver) check(name string) {
	b.t.Helper()
	b.shot(name)
	if !eval[bool](b, "inject axe-core", b.axe+";\ntypeof axe === 'object'") {
		b.t.Fatal("axe-core did not load into the page")
	}
	vs := eval[[]violation](b, "run axe-core on "+name, `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations
		.filter(v => v.impact === "serious" || v.impact === "critical")
		.map(v => ({ID: v.id, Impact: v.impact, Help: v.help, Nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))})))`)
	for _, v := range vs {
		b.t.Errorf("axe-core on %s: %s (%s): %s at %v", name, v.ID, v.Impact, v.Help, v.Nodes)
	}
}
