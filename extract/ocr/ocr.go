package ocr

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"os/exec"
	"time"
)

// Word is one recognised word: its box in image pixels, its confidence
// (0-100) and its place in Tesseract's layout.
type Word struct {
	Text                 string
	Box                  image.Rectangle
	Conf                 float64
	Block, Par, Line, No int
}

// Page is one image's words. Turn is how far (clockwise, in degrees)
// the image was turned to read it upright; boxes are in the turned
// image.
type Page struct {
	Words []Word
	Turn  int
}

// request and response cross the pipe to the child, gob-encoded.
type request struct {
	Images []Image
	Lang   string
	PSM    int
}

// Image is one page image to read and its resolution. Tesseract tunes
// its layout analysis and speck removal to the resolution; an image
// that does not state one (a JPEG pulled out of a PDF) is otherwise
// taken as 70 DPI, which here split "Verizon" in two and dropped words.
type Image struct {
	Data []byte
	DPI  int
	// Upright: the image is known to stand upright (a region cut from a
	// page already read upright), so a weak reading is not tried turned:
	// a few words read sideways can outscore them.
	Upright bool
}

type response struct {
	Pages []Page
	Err   string
}

// childEnv marks the child; OMP_THREAD_LIMIT must be in its environment
// before Tesseract's OpenMP runtime starts.
const childEnv = "PORTCHECK_OCR_CHILD"

// Config says how OCR runs.
type Config struct {
	// Exe is the binary that serves as the child; default os.Executable.
	Exe string
	// Lang is Tesseract's language; default "eng".
	Lang string
	// PSM is the page segmentation mode; default 6.
	PSM int
	// Timeout bounds all OCR of one document; default 60s.
	Timeout time.Duration
}

// Validate checks the settings.
func (c Config) Validate() error {
	if c.Timeout < 0 || c.PSM < 0 || c.PSM > 13 {
		return errors.New("ocr config: timeout must not be negative and psm must be 0-13")
	}
	return nil
}

func (c Config) withDefaults() (Config, error) {
	if c.Exe == "" {
		exe, err := os.Executable()
		if err != nil {
			return c, fmt.Errorf("ocr: find own binary: %w", err)
		}
		c.Exe = exe
	}
	if c.Lang == "" {
		c.Lang = "eng"
	}
	if c.PSM == 0 {
		c.PSM = 6
	}
	if c.Timeout == 0 {
		c.Timeout = defaultTimeout
	}
	return c, nil
}

// ErrTimeout: OCR of the document took longer than its bound; the child
// was killed.
var ErrTimeout = errors.New("ocr: time bound passed")

// Process recognises images in a child process.
type Process struct{ Config Config }

// AutoLayout is the page segmentation mode in which Tesseract finds the
// page's columns and blocks itself before it reads their lines.
const AutoLayout = 3

// WithLayout is the same process reading with its own layout analysis
// (AutoLayout). Mode 6 reads the page as one block, which keeps a table
// row together but runs a label in one column into a large figure in the
// next and garbles both; mode 3 reads each column apart and garbles
// other rows instead. A reader that missed a field in one reading looks
// for it in the other.
func (p Process) WithLayout() Process {
	p.Config.PSM = AutoLayout
	return p
}

// DocumentTimeout is the bound for all OCR of one document, which a
// caller that sends a document's pages in several calls shares among
// them (each call is also bounded by it alone).
func (p Process) DocumentTimeout() time.Duration {
	if p.Config.Timeout > 0 {
		return p.Config.Timeout
	}
	return defaultTimeout
}

const defaultTimeout = 60 * time.Second

// Recognize reads every image of one document. It is safe for
// concurrent use: each call has its own child. An error is either
// ErrTimeout, a context error, or the child's failure (a crash in the
// OCR library included); all are the document's, not the caller's.
func (p Process) Recognize(ctx context.Context, images []Image) ([]Page, error) {
	cfg, err := p.Config.withDefaults()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	var in, out, stderr bytes.Buffer
	if err := gob.NewEncoder(&in).Encode(request{Images: images, Lang: cfg.Lang, PSM: cfg.PSM}); err != nil {
		return nil, fmt.Errorf("ocr: encode request: %w", err)
	}
	cmd := exec.CommandContext(ctx, cfg.Exe)
	cmd.Env = append(os.Environ(), childEnv+"=1", "OMP_THREAD_LIMIT=1")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = &in, &out, &stderr
	cmd.WaitDelay = time.Second
	if err := run(cmd); err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return nil, ErrTimeout
		}
		return nil, fmt.Errorf("ocr: child failed: %w (%s)", err, lastLine(stderr.String()))
	}
	var resp response
	if err := gob.NewDecoder(&out).Decode(&resp); err != nil {
		return nil, fmt.Errorf("ocr: read child's answer: %w", err)
	}
	if resp.Err != "" {
		return nil, fmt.Errorf("ocr: %s", resp.Err)
	}
	return resp.Pages, nil
}

func lastLine(s string) string {
	s = string(bytes.TrimSpace([]byte(s)))
	if i := bytes.LastIndexByte([]byte(s), '\n'); i >= 0 {
		s = s[i+1:]
	}
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

// ServeIfChild serves one OCR request and exits when the process was
// started as an OCR child; otherwise it returns at once. Call it first
// in main and in TestMain.
func ServeIfChild() {
	if os.Getenv(childEnv) != "1" {
		return
	}
	if err := serve(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

func serve(r io.Reader, w io.Writer) error {
	var req request
	if err := gob.NewDecoder(r).Decode(&req); err != nil {
		return fmt.Errorf("ocr child: read request: %w", err)
	}
	pages, err := recognize(req)
	resp := response{Pages: pages}
	if err != nil {
		resp.Err = err.Error()
	}
	return gob.NewEncoder(w).Encode(resp)
}
