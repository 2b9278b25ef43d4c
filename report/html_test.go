package report

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden HTML reports in testdata")

// pageSource serves one real page image: a white letter page at 1 pixel
// per point with a dark square where a PIN is printed, which must come
// out painted over.
type pageSource struct{ fail error }

var pinBox = [4]float64{300, 100, 340, 112}

func (s pageSource) Page(_ context.Context, d Document, n int) (*PageImage, error) {
	if s.fail != nil {
		return nil, s.fail
	}
	img := image.NewRGBA(image.Rect(0, 0, 612, 792))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	return &PageImage{Image: img, Width: 612, Height: 792, Cover: [][4]float64{pinBox}}, nil
}

func (pageSource) OrderValue(field string) (string, bool) {
	if field == "service_address" {
		return "1210 N Main Street, Suite 300, Springfield, IL 62702", true
	}
	return "", false
}

func sampleReport() *Report {
	box := [4]float64{72, 200, 300, 214}
	r := &Report{OrderID: "ord-<1>", Profile: "strict", AsOf: "2026-11-23",
		Documents: []Document{{Kind: "bill", Path: "bill.pdf", SHA256: "ab", Bytes: 10, MediaType: "application/pdf", Pages: 1, TextSource: "ocr"}},
		Findings: []Finding{
			{Code: AddressMismatch, Severity: Reject, Field: "service_address", Document: "bill", Path: "bill.pdf",
				Expected: "1210 N MAIN ST STE 300, SPRINGFIELD IL 62702", Found: `1200 N Main St <script>alert("x")</script> Suite 300, Springfield, IL 62702`,
				Difference: DiffDifferent, Evidence: &Evidence{Page: 1, Text: `1200 N Main St <script>`, Box: &box},
				Message: "The service address on the bill differs from the order.", Fix: "Enter the service address exactly as printed on the bill: 1200 N Main St"},
			{Code: NameMismatch, Severity: Warn, Field: "account_name", Document: "bill", Path: "bill.pdf",
				Expected: "", Found: "ACME WIDGETS", Difference: DiffDifferent, Evidence: &Evidence{Page: 1, Text: "ACME WIDGETS", Box: &[4]float64{72, 100, 200, 112}},
				Message: "The account name on the bill differs.", Fix: `Compare the order's value "" with the scanned bill by eye; if the scan shows exactly that, no change is needed.`},
			{Code: DocumentIllegible, Severity: Warn, Field: "documents[0]", Document: "bill", Path: "bill.pdf",
				Expected: "at least 150 DPI and confidence 60%", Found: "75 DPI, confidence 63%",
				Message: "Page 1 of the bill bill.pdf is hard to read.", Fix: "Scan the bill again at 300 DPI."},
			{Code: RequestedDateInvalid, Severity: Reject, Field: "requested_date", Expected: "2026-11-26 to 2027-01-22", Found: "2026-11-24",
				Message: "The requested date is too soon.", Fix: "Choose a date from 2026-11-26."},
			{Code: FileUnreadable, Severity: Reject, Field: "documents[1]", Document: "loa", Path: "loa.pdf",
				Found:   "the PDF is corrupt or truncated (root version: missing root dict)",
				Message: "The LOA loa.pdf cannot be read: the PDF is corrupt or truncated (root version: missing root dict).", Fix: "Download or print the LOA to PDF again and upload the new file."},
		}}
	r.Finalize()
	return r
}

// dataURIs stand in the golden files by their kind, not their bytes.
var inlineImage = regexp.MustCompile(`data:image/jpeg;base64,[A-Za-z0-9+/=]+`)

func TestWriteHTMLGolden(t *testing.T) {
	tests := []struct {
		name string
		src  Sources
	}{
		{"with-pages", pageSource{}},
		{"no-sources", nil},
		{"page-fails", pageSource{fail: &PageError{Reason: "the document changed since it was checked", Err: errors.New("page image of bill.pdf: digest")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			var logged []error
			if err := WriteHTMLPages(context.Background(), &b, sampleReport(), tt.src, func(err error) { logged = append(logged, err) }); err != nil {
				t.Fatal(err)
			}
			got := inlineImage.ReplaceAllString(b.String(), "data:image/jpeg;base64,...")
			golden := filepath.Join("testdata", tt.name+".golden.html")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("html differs from %s (-want +got):\n%s", golden, diff)
			}
			if tt.name == "page-fails" && len(logged) != 1 {
				t.Errorf("logged %v, want the page error once", logged)
			}
		})
	}
}

// TestHTMLEscapesDocumentValues: a value read from a document is
// untrusted; markup in it must reach the page as text.
func TestHTMLEscapesDocumentValues(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTMLPages(context.Background(), &b, sampleReport(), pageSource{}, nil); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"<script", `alert("x")`, "<1>"} {
		if strings.Contains(out, bad) {
			t.Errorf("output contains %q unescaped", bad)
		}
	}
	if !strings.Contains(out, "&lt;script&gt;") {
		t.Error("escaped markup missing: the value was dropped, not escaped")
	}
}

func TestHTMLReviewerText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTMLPages(context.Background(), &b, sampleReport(), pageSource{}, nil); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	tests := []struct {
		name string
		want bool
		text string
	}{
		{"no internal error", false, "root version"},
		{"no empty value in a fix", false, `value &#34;&#34;`},
		{"unreadable in plain words", true, "the PDF is damaged or incomplete"},
		{"rule heading", true, `<th scope="col">the profile&#39;s rule</th><th scope="col">the order</th>`},
		{"bill heading", true, `<th scope="col">the order</th><th scope="col">the bill</th>`},
		{"order as written", true, "12<mark>1</mark>0 N Main St"},
		{"standardised form said", true, "1210 N MAIN ST STE 300, SPRINGFIELD IL 62702"},
		{"full page anchor", true, `href="#document-1-page-1"`},
		{"class in words", true, "the marked characters are the difference"},
		{"a document finding links its pages", true, `See <a href="#document-1-page-1">Page 1 of 1 of the bill bill.pdf</a>.`},
		{"legibility heading", true, `<th scope="col">what a carrier can read</th><th scope="col">the bill</th>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Contains(out, tt.text); got != tt.want {
				t.Errorf("contains %q = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

// TestHTMLImages: every finding with a box has a crop with the box
// outlined, and a secret the page prints is painted out on the page.
func TestHTMLImages(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTMLPages(context.Background(), &b, sampleReport(), pageSource{}, nil); err != nil {
		t.Fatal(err)
	}
	sections := strings.Split(b.String(), `<section class="finding`)[1:]
	for i, f := range sampleReport().Findings {
		sec := sections[i]
		crop := firstImage(t, sec)
		if f.Evidence == nil {
			if crop != nil {
				t.Errorf("%s: an image without evidence", f.Code)
			}
			continue
		}
		if crop == nil {
			t.Fatalf("%s: no image beside the finding", f.Code)
		}
		if n := countNear(crop, boxColour); n < 50 {
			t.Errorf("%s: %d outline pixels in the crop, want the box drawn", f.Code, n)
		}
	}
	pages := b.String()[strings.Index(b.String(), "<h2>Pages</h2>"):]
	page := firstImage(t, pages)
	if page == nil {
		t.Fatal("no whole page")
	}
	s := float64(page.Bounds().Dx()) / 612
	mid := page.At(int((pinBox[0]+pinBox[2])/2*s), int((pinBox[1]+pinBox[3])/2*s))
	if r, g, bl, _ := mid.RGBA(); r>>8 > 0x60 || g>>8 > 0x60 || bl>>8 > 0x60 {
		t.Errorf("the PIN's box is %v on the page, want it painted out", mid)
	}
}

func firstImage(t *testing.T, html string) image.Image {
	t.Helper()
	m := regexp.MustCompile(`src="data:image/jpeg;base64,([^"]+)"`).FindStringSubmatch(html)
	if m == nil {
		return nil
	}
	data, err := base64.StdEncoding.DecodeString(m[1])
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func countNear(img image.Image, c color.RGBA) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r>>8, c.R) && near(g>>8, c.G) && near(bl>>8, c.B) {
				n++
			}
		}
	}
	return n
}

func near(a uint32, b uint8) bool { return a+40 >= uint32(b) && a <= uint32(b)+40 }

func TestMarkDiff(t *testing.T) {
	tests := []struct {
		name         string
		a, b         string
		ignoreCase   bool
		wantA, wantB string
	}{
		{"digit", "1210 N Main", "1200 N MAIN", true, "12<mark>1</mark>0 N Main", "120<mark>0</mark> N MAIN"},
		{"case counted", "Acme", "ACME", false, "A<mark>cme</mark>", "A<mark>CME</mark>"},
		{"markup escaped", "a<b>", "a<i>", true, "a&lt;<mark>b</mark>&gt;", "a&lt;<mark>i</mark>&gt;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := markDiff(tt.a, tt.b, tt.ignoreCase)
			if diff := cmp.Diff([]string{tt.wantA, tt.wantB}, []string{string(a), string(b)}); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestFixText(t *testing.T) {
	tests := []struct {
		name string
		f    Finding
		want string
	}{
		{"kept", Finding{Fix: "Upload the bill again."}, "Upload the bill again."},
		{"empty quoted", Finding{Fix: `Compare the order's value "" with the bill.`, Field: "account_name", Document: "bill", Evidence: &Evidence{Page: 2}},
			"Look at the place marked on page 2 of the bill and make the order's account name match what it shows."},
		{"nothing after colon", Finding{Fix: "Enter the BTN as printed on the LOA: ", Field: "btn", Document: "loa"},
			"Look for the btn on the LOA and make the order's value match what it shows."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fixText(tt.f); got != tt.want {
				t.Errorf("fixText = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestHTMLPaintsRedactedEvidence: when the report's text lost a secret
// but the page's words did not say where it stands, the whole evidence
// box is painted out on the crop.
func TestHTMLPaintsRedactedEvidence(t *testing.T) {
	box := [4]float64{100, 300, 260, 314}
	r := &Report{OrderID: "o", Documents: []Document{{Kind: "loa", Path: "loa.pdf", Pages: 1}},
		Findings: []Finding{{Code: LOAIncomplete, Severity: Reject, Document: "loa", Path: "loa.pdf", Message: "m",
			Evidence: &Evidence{Page: 1, Text: "PIN: [redacted]", Box: &box}}}}
	var b bytes.Buffer
	if err := WriteHTMLPages(context.Background(), &b, r, pageSource{}, nil); err != nil {
		t.Fatal(err)
	}
	crop := firstImage(t, b.String())
	if crop == nil {
		t.Fatal("no crop")
	}
	c := crop.Bounds()
	if r, g, bl, _ := crop.At(c.Dx()/2, c.Dy()/2).RGBA(); r>>8 > 0x60 || g>>8 > 0x60 || bl>>8 > 0x60 {
		t.Errorf("the middle of the redacted box is %v, want it painted out", crop.At(c.Dx()/2, c.Dy()/2))
	}
	if !strings.Contains(b.String(), "painted out: it holds a secret") {
		t.Error("the reviewer is not told why the box is dark")
	}
	if got := r.Findings[0].Evidence.Text; got != "PIN: [redacted]" {
		t.Errorf("writing the page changed the report's evidence to %q", got)
	}
}

// TestHTMLBoxOffThePage: a box outside the page is said, not drawn, and
// the report is still written.
func TestHTMLBoxOffThePage(t *testing.T) {
	tests := []struct {
		name string
		box  [4]float64
		want string
	}{
		{"beyond the right edge", [4]float64{900, 100, 1000, 120}, "lies outside the page"},
		{"below the page", [4]float64{72, 2000, 200, 2014}, "lies outside the page"},
		{"empty", [4]float64{}, "does not say where on the page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Report{OrderID: "o", Documents: []Document{{Kind: "bill", Path: "bill.pdf", Pages: 1}},
				Findings: []Finding{{Code: NameMismatch, Severity: Reject, Document: "bill", Path: "bill.pdf", Message: "m",
					Evidence: &Evidence{Page: 1, Text: "x", Box: &tt.box}}}}
			var b bytes.Buffer
			if err := WriteHTMLPages(context.Background(), &b, r, pageSource{}, nil); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), tt.want) {
				t.Error("the reviewer is not told why there is no crop")
			}
		})
	}
}

// TestHTMLUnplacedFindings: a finding about a document with no place
// on it shows the document's first page, within the report's page
// budget.
func TestHTMLUnplacedFindings(t *testing.T) {
	tests := []struct {
		name      string
		documents int
		wantPages int
	}{
		{"an unsigned LOA shows its page", 1, 1},
		{"many documents stop at the budget", maxPages + 4, maxPages},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Report{OrderID: "o"}
			for i := range tt.documents {
				path := fmt.Sprintf("loa-%d.pdf", i)
				r.Documents = append(r.Documents, Document{Kind: "loa", Path: path, Pages: 1})
				r.Findings = append(r.Findings, Finding{Code: LOAUnsigned, Severity: Reject, Document: "loa", Path: path, Message: "The LOA is not signed."})
			}
			var b bytes.Buffer
			if err := WriteHTMLPages(context.Background(), &b, r, pageSource{}, nil); err != nil {
				t.Fatal(err)
			}
			if got := strings.Count(b.String(), `<figure class="page"`); got != tt.wantPages {
				t.Errorf("%d whole pages, want %d", got, tt.wantPages)
			}
			if !strings.Contains(b.String(), `See <a href="#document-1-page-1">`) {
				t.Error("the finding does not link its document's page")
			}
		})
	}
}

// TestHTMLShowsAcceptance: a finding a reviewer accepted says so, by
// whom and why, and the verdict no longer counts it.
func TestHTMLShowsAcceptance(t *testing.T) {
	r := &Report{OrderID: "o1", Profile: "strict", AsOf: "2026-11-23", Findings: []Finding{{
		Code: AddressMismatch, Severity: Reject, Field: "service_address", Message: "m",
		Accepted: &Acceptance{By: "Dana <Lead>", Tenant: "acme", At: "2026-11-23T10:00:00Z", Comment: "the carrier holds 1210"},
	}}}
	r.Finalize()
	var b bytes.Buffer
	if err := WriteHTML(&b, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<b>Accepted</b> by Dana &lt;Lead&gt; (acme) at 2026-11-23T10:00:00Z", "the carrier holds 1210", `class="verdict pass"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q", want)
		}
	}
}
