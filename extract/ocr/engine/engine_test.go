package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/portcheck/portcheck/extract/ocr"
)

func TestMain(m *testing.M) {
	ServeIfChild()
	if n, err := strconv.Atoi(os.Getenv("PORTCHECK_TEST_OCR_PAGES")); err == nil {
		// A parent for TestPagesStreamed: it reads n letter pages at
		// 300 DPI in one call and prints its peak and its child's.
		readPagesAndReport(n)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func requireTools(t testing.TB, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			if os.Getenv("PORTCHECK_REQUIRE_SERVICES") == "1" {
				t.Fatalf("%s is required (PORTCHECK_REQUIRE_SERVICES=1)", n)
			}
			t.Skipf("%s not installed", n)
		}
	}
}

// page renders a bill-like page at dpi as a grey PNG file. The PDF
// embeds its font (Go Regular, from golang.org/x/image): with a core
// font poppler would draw whatever Helvetica stand-in the machine has,
// and the OCR text would change from one machine to the next.
func page(t testing.TB, dpi int) string {
	t.Helper()
	requireTools(t, "pdftoppm", "tesseract")
	dir := t.TempDir()
	pdf := filepath.Join(dir, "bill.pdf")
	if err := os.WriteFile(pdf, embeddedFontBill(t), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "page")
	cmd := exec.Command("pdftoppm", "-r", strconv.Itoa(dpi), "-gray", "-png", "-singlefile", "-f", "1", "-l", "1", pdf, out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, b)
	}
	return out + ".png"
}

// embeddedFontBill is a one-page letter bill whose only font is embedded.
func embeddedFontBill(t testing.TB) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetCreationDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	f.AddUTF8FontFromBytes("goregular", "", goregular.TTF)
	f.AddPage()
	f.SetFont("goregular", "", 20)
	f.Text(40, 50, "Verizon")
	f.SetFont("goregular", "", 12)
	for i, l := range []string{
		"Account Name: Acme Widgets, Inc.", "Account Number: 482-99117-03",
		"Bill Date: November 3, 2026", "Due Date: November 28, 2026",
		"Service Address", "1200 N Main Street Suite 300", "Springfield, IL 62702",
		"Lines on this account", "(217) 555-0100    Line 1    $35.00", "(217) 555-0143    Line 2    $45.00",
	} {
		f.Text(40, 100+float64(i)*18, l)
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRecognize(t *testing.T) {
	data, err := os.ReadFile(page(t, 300))
	if err != nil {
		t.Fatal(err)
	}
	pages, err := ocr.Process{}.Recognize(context.Background(), []ocr.Image{{Data: data, DPI: 300}})
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, w := range pages[0].Words {
		words = append(words, w.Text)
	}
	text := strings.Join(words, " ")
	for _, want := range []string{"482-99117-03", "Springfield,", "(217) 555-0143", "November 3, 2026"} {
		if !strings.Contains(text, want) {
			t.Errorf("OCR text lacks %q: %s", want, text)
		}
	}
	for _, w := range pages[0].Words {
		if w.Box.Empty() || w.Box.Max.X > 2550 || w.Box.Max.Y > 3300 {
			t.Errorf("word %q has box %v outside a 300 DPI letter page", w.Text, w.Box)
		}
	}
}

// TestTimeoutKillsTheChild: a running Tesseract call cannot be
// interrupted, so the bound kills its process.
func TestTimeoutKillsTheChild(t *testing.T) {
	data, err := os.ReadFile(page(t, 300))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = ocr.Process{Config: ocr.Config{Timeout: 100 * time.Millisecond}}.Recognize(context.Background(), []ocr.Image{{Data: data}, {Data: data}, {Data: data}})
	if !errors.Is(err, ocr.ErrTimeout) {
		t.Fatalf("err = %v, want ocr.ErrTimeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the child was not stopped: Recognize returned after %s", d)
	}
}

func TestBadImageIsAnError(t *testing.T) {
	requireTools(t, "tesseract")
	_, err := ocr.Process{}.Recognize(context.Background(), []ocr.Image{{Data: []byte("not an image at all")}})
	if err == nil || !strings.Contains(err.Error(), "page 1") {
		t.Errorf("err = %v, want a page 1 error", err)
	}
}

func rss(t testing.TB) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Skip("no /proc/self/statm")
	}
	f := strings.Fields(string(b))
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// smallPage is a tiny page image with a row of marks to read.
func smallPage(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 400, 80))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	for x := 40; x < 360; x += 8 {
		for y := 30; y < 50; y++ {
			img.Pix[y*400+x] = 0
		}
	}
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestNoLeakOverManyPages reads 1,000 pages as 40 documents of 25 and
// shows the parent's memory stays level: each document's Tesseract
// client lives and dies in its child. (gosseract itself never frees the
// text of each word it returns, GetUTF8Text's buffer; the child per
// document is what keeps that from adding up in a long-running worker.
// TestChildMemoryPerPage bounds it within one document.)
func TestNoLeakOverManyPages(t *testing.T) {
	requireTools(t, "tesseract")
	if testing.Short() {
		t.Skip("short")
	}
	page := ocr.Image{Data: smallPage(t), DPI: 300}
	doc := make([]ocr.Image, 25)
	for i := range doc {
		doc[i] = page
	}
	var levels []int64
	for i := range 40 {
		if _, err := (ocr.Process{}).Recognize(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		if i%10 == 9 {
			levels = append(levels, rss(t)>>20)
		}
	}
	t.Logf("parent RSS in MiB after 250, 500, 750, 1,000 pages: %v", levels)
	if growth := levels[3] - levels[0]; growth > 16 {
		t.Errorf("the parent grew by %d MiB over 750 pages: %v", growth, levels)
	}
}

// TestChildMemoryPerPage measures what one child keeps per page (the
// words gosseract does not free) so a document at the page limit stays
// far from any memory bound.
func TestChildMemoryPerPage(t *testing.T) {
	requireTools(t, "tesseract")
	if testing.Short() {
		t.Skip("short")
	}
	images := make([]ocr.Image, 250)
	for i := range images {
		images[i] = ocr.Image{Data: smallPage(t), DPI: 300}
	}
	rd, err := newReader("eng", 6)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.close()
	readAll := func() {
		t.Helper()
		for _, img := range images {
			if _, err := rd.read(img); err != nil {
				t.Fatal(err)
			}
		}
	}
	readAll() // warm up language data and allocator pools
	runtime.GC()
	before := rss(t)
	readAll()
	readAll()
	runtime.GC()
	perPage := (rss(t) - before) / 500
	t.Logf("one child keeps about %d KiB per page", perPage>>10)
	if perPage > 256<<10 {
		t.Errorf("%d KiB per page: a 200-page document would hold %d MiB", perPage>>10, perPage*200>>20)
	}
}

// BenchmarkPage300DPI reads one 300 DPI letter page through portcheck's
// OCR (child process, gosseract) and, beside it, through the tesseract
// command line with the same language data, page segmentation and
// thread limit.
func BenchmarkPage300DPI(b *testing.B) {
	file := page(b, 300)
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("portcheck", func(b *testing.B) {
		for b.Loop() {
			if _, err := (ocr.Process{}).Recognize(context.Background(), []ocr.Image{{Data: data, DPI: 300}}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("tesseract-cli", func(b *testing.B) {
		for b.Loop() {
			cmd := exec.Command("tesseract", file, "-", "--psm", "6", "-l", "eng", "--dpi", "300", "-c", "preserve_interword_spaces=1", "tsv")
			cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("tesseract: %v: %s", err, out)
			}
		}
	})
}

// TestBlankPageNotTurned: a page without ink is not read three more
// ways up; a page of print is inked, also sideways.
func TestBlankPageNotTurned(t *testing.T) {
	data, err := os.ReadFile(page(t, 150))
	if err != nil {
		t.Fatal(err)
	}
	decoded, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	print := image.NewGray(decoded.Bounds())
	draw.Draw(print, print.Bounds(), decoded, decoded.Bounds().Min, draw.Src)
	blank := image.NewGray(print.Bounds())
	for i := range blank.Pix {
		blank.Pix[i] = uint8(220 + i*7919%24) // paper grain
	}
	tests := []struct {
		name string
		img  *image.Gray
		want bool
	}{
		{"print", print, true},
		{"print sideways", rotateGray(print, 90, nil), true},
		{"blank with grain", blank, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ocr.Inked(tt.img); got != tt.want {
				t.Errorf("inked = %v, want %v", got, tt.want)
			}
		})
	}
}

// readPagesAndReport reads n copies of one blank 300 DPI letter page
// (8.4 MB of grey each, one buffer shared by all) and prints the
// process's peak resident memory and its child's, in KiB.
func readPagesAndReport(n int) {
	g := image.NewGray(image.Rect(0, 0, 2550, 3300))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	page := ocr.Image{Data: ocr.EncodePGM(g), DPI: 300}
	g = nil
	images := make([]ocr.Image, n)
	for i := range images {
		images[i] = page
	}
	if _, err := (ocr.Process{}).Recognize(context.Background(), images); err != nil {
		fmt.Println("error", err)
		return
	}
	var self, children syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children)
	fmt.Println(self.Maxrss, children.Maxrss)
}

// TestPagesStreamed: the pages of a document cross to the OCR child one
// at a time, so neither the parent nor the child holds more page images
// for a document of 12 pages than for one of a single page (Tesseract's
// own allocator keeps a little more after a few pages: 88 MiB after 2,
// 96 after 12). (One
// request of every page was 3.9 GB in the child for a TIFF of 200 small
// pages scaled up, and as much again in the parent.)
func TestPagesStreamed(t *testing.T) {
	requireTools(t, "tesseract")
	if testing.Short() {
		t.Skip("reads 13 letter pages")
	}
	peaks := func(n int) (parent, child int64) {
		t.Helper()
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "PORTCHECK_TEST_OCR_PAGES="+strconv.Itoa(n))
		out, err := cmd.Output()
		if _, serr := fmt.Sscan(string(out), &parent, &child); err != nil || serr != nil {
			t.Fatalf("%d pages: %v %v: %s", n, err, serr, out)
		}
		return parent >> 10, child >> 10 // MiB
	}
	p1, c1 := peaks(1)
	p12, c12 := peaks(12)
	t.Logf("peak RSS in MiB, parent and child: 1 page %d and %d; 12 pages %d and %d", p1, c1, p12, c12)
	const page = 8 // MiB of one page's grey
	if p12 > p1+4*page || c12 > c1+4*page {
		t.Errorf("12 pages cost the parent %d MiB and the child %d MiB more than one page: pages are held together", p12-p1, c12-c1)
	}
}

// TestMemoryBoundKillsTheChild: a child whose memory bound is too small
// for a page fails the document's OCR (its allocations fail) rather
// than growing past it; the default bound reads the page (TestRecognize).
func TestMemoryBoundKillsTheChild(t *testing.T) {
	data, err := os.ReadFile(page(t, 300))
	if err != nil {
		t.Fatal(err)
	}
	_, err = ocr.Process{Config: ocr.Config{MaxMemory: 32 << 20}}.Recognize(context.Background(), []ocr.Image{{Data: data, DPI: 300}})
	if err == nil || errors.Is(err, ocr.ErrTimeout) {
		t.Fatalf("err = %v, want the child's failure", err)
	}
	t.Logf("with 32 MiB: %v", err)
}

// TestScoreWeighsWordsOfPrint: a reading turned from a page with little
// print is a crowd of one- and two-sign words, some of them sure; it
// must not outweigh the few sure words of print read upright. The
// readings are the shape of the scanned form's numbers page (69 words
// at 40% upright, 16 of them print at 97%; 151 at 50% a quarter turn).
func TestScoreWeighsWordsOfPrint(t *testing.T) {
	words := func(n int, text string, conf float64) []ocr.Word {
		ws := make([]ocr.Word, n)
		for i := range ws {
			ws[i] = ocr.Word{Text: text, Conf: conf}
		}
		return ws
	}
	upright := ocr.Page{Words: append(words(16, "transferred", 97), words(53, "e", 20)...)}
	tests := []struct {
		name   string
		turned ocr.Page
	}{
		{"bullets and rule ends read sideways", ocr.Page{Words: append(append(words(90, "|", 60), words(40, "e", 80)...), words(21, "=}", 20)...)}},
		{"print read upside down", ocr.Page{Words: append(words(8, "auoyd", 80), words(64, "e", 85)...)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if up, turned := score(upright), score(tt.turned); up <= turned {
				t.Errorf("upright scores %.0f, turned %.0f: the turned reading would be kept", up, turned)
			}
		})
	}
}
