package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/report"
)

// scannedOrder writes a copy of a sample scanned order into a folder of
// its own, with its document paths pointing back at testdata and the
// order's fields changed as given, so a finding stands on a scan.
func scannedOrder(t *testing.T, sample string, change map[string]any) string {
	t.Helper()
	src := filepath.Join("../../testdata/orders", sample)
	raw, err := os.ReadFile(filepath.Join(src, "order.json"))
	if err != nil {
		t.Fatal(err)
	}
	var o map[string]any
	if err := json.Unmarshal(raw, &o); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, d := range o["documents"].([]any) {
		doc := d.(map[string]any)
		abs, err := filepath.Abs(filepath.Join(src, doc["path"].(string)))
		if err != nil {
			t.Fatal(err)
		}
		if doc["path"], err = filepath.Rel(dir, abs); err != nil {
			t.Fatal(err)
		}
	}
	for k, v := range change {
		if sa, ok := v.(map[string]any); ok {
			for sk, sv := range sa {
				o[k].(map[string]any)[sk] = sv
			}
			continue
		}
		o[k] = v
	}
	out, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "order.json"), out, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestHTMLReportOfScannedOrders: the report of a scanned order is one
// file under 3 MB that needs no network, and every finding with
// evidence stands beside a crop of its page with its box outlined.
func TestHTMLReportOfScannedOrders(t *testing.T) {
	tests := []struct {
		name, sample string
		change       map[string]any
		wantCode     report.Code
	}{
		{"address differs on a scanned PDF bill", "scan-clean", map[string]any{"service_address": map[string]any{"line1": "1210 N Main Street"}}, report.AddressMismatch},
		{"name differs on a photographed bill", "scan-clean-images", map[string]any{"account_name": "Acme Gadgets, Inc."}, report.NameMismatch},
		{"name differs on a TIFF scan", "scan-clean-stub", map[string]any{"account_name": "Acme Gadgets, Inc."}, report.NameMismatch},
		{"name differs on a sideways scan", "scan-clean-sideways", map[string]any{"account_name": "Acme Gadgets, Inc."}, report.NameMismatch},
		{"name differs on an upside-down scan", "scan-clean-upside-down", map[string]any{"account_name": "Acme Gadgets, Inc."}, report.NameMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := scannedOrder(t, tt.sample, tt.change)
			htmlPath := filepath.Join(dir, "report.html")
			if code, _, errOut := runCLI(t, "check", "--allow-outside", dir, "--as-of", asOf, "--format", "html", "--out", htmlPath); code == exitInvalid {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			_, js, _ := runCLI(t, "check", "--allow-outside", dir, "--as-of", asOf, "--format", "json")
			var rep report.Report
			if err := json.Unmarshal([]byte(js), &rep); err != nil {
				t.Fatal(err)
			}
			if !rep.Has(tt.wantCode) {
				t.Fatalf("no %s in the report: the test stands on nothing", tt.wantCode)
			}
			page, err := os.ReadFile(htmlPath)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) >= 3<<20 {
				t.Errorf("report is %d bytes, want under 3 MB", len(page))
			}
			checkOffline(t, string(page))
			checkEvidenceImages(t, string(page), rep.Findings)
		})
	}
}

// checkOffline: nothing in the page is fetched: no http(s) reference
// anywhere, every src inline, every link an anchor in the page.
func checkOffline(t *testing.T, page string) {
	t.Helper()
	if m := regexp.MustCompile(`(?i)https?://`).FindString(page); m != "" {
		t.Errorf("the report refers to %q", m)
	}
	for _, m := range regexp.MustCompile(`(?i)\b(src|href)\s*=\s*"([^"]{0,20})`).FindAllStringSubmatch(page, -1) {
		if strings.EqualFold(m[1], "src") && !strings.HasPrefix(m[2], "data:image/") || strings.EqualFold(m[1], "href") && !strings.HasPrefix(m[2], "#") {
			t.Errorf("%s=%q is not inline", m[1], m[2])
		}
	}
	for _, bad := range []string{"<script", "<link", "@import", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("the report contains %q", bad)
		}
	}
}

// checkEvidenceImages: each finding with a box has an image in its
// section, with the red outline drawn on it.
func checkEvidenceImages(t *testing.T, page string, findings []report.Finding) {
	t.Helper()
	sections := strings.Split(page, `<section class="finding`)[1:]
	if len(sections) != len(findings) {
		t.Fatalf("%d finding sections, want %d", len(sections), len(findings))
	}
	for i, f := range findings {
		if f.Evidence == nil || f.Evidence.Box == nil {
			continue
		}
		img := inlineImage(t, sections[i])
		if img == nil {
			t.Errorf("%s: no image beside the finding", f.Code)
			continue
		}
		box, n := outline(img)
		if n < 100 {
			t.Errorf("%s: %d red pixels in its crop, want its box outlined", f.Code, n)
			continue
		}
		if ink := darkShare(img, box.Inset(4)); ink < 0.03 {
			t.Errorf("%s: %.3f of the outlined box is ink, want the box on the text it names", f.Code, ink)
		}
	}
}

func inlineImage(t *testing.T, html string) image.Image {
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

// outline finds the strongly red pixels (the outline's colour, which
// no sample scan prints): their bounds and how many.
func outline(img image.Image) (image.Rectangle, int) {
	n, r := 0, image.Rectangle{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			red, g, bl, _ := img.At(x, y).RGBA()
			if red>>8 > 150 && g>>8 < 90 && bl>>8 < 90 {
				n++
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return r, n
}

// darkShare is the share of a region's pixels that are ink.
func darkShare(img image.Image, r image.Rectangle) float64 {
	dark, all := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			red, g, bl, _ := img.At(x, y).RGBA()
			if (red+g+bl)/3>>8 < 110 {
				dark++
			}
			all++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(dark) / float64(all)
}

var inlineJPEG = regexp.MustCompile(`data:image/jpeg;base64,[A-Za-z0-9+/=]+`)

// TestHTMLGoldenReports: the HTML report of sample orders against its
// golden page, images standing by their tag (size and alt text) rather
// than their bytes; -update rewrites them after a reviewed change.
func TestHTMLGoldenReports(t *testing.T) {
	for _, name := range []string{"address-different", "secrets-on-documents", "order-rules", "hostile-files", "loa-unsigned"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("../../testdata/orders", name)
			code, out, errOut := runCLI(t, "check", sampleRoot, dir, "--as-of", asOf, "--format", "html")
			if code == exitInvalid {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			checkOffline(t, out)
			got := inlineJPEG.ReplaceAllString(out, "data:image/jpeg;base64,...")
			golden := filepath.Join(dir, "report.golden.html")
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
		})
	}
}
