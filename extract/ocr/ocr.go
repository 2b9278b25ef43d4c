package ocr

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"image"
	"os"
	"os/exec"
	"strings"
	"sync"
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

// Config says how OCR runs.
type Config struct {
	// Exe is the OCR engine's binary (cmd/portcheck-ocr); default
	// $PORTCHECK_OCR_BIN, else portcheck-ocr in the running binary's
	// folder, else on PATH.
	Exe string
	// Lang is Tesseract's language; default "eng".
	Lang string
	// PSM is the page segmentation mode; default 6.
	PSM int
	// Timeout bounds all OCR of one document; default 60s.
	Timeout time.Duration
	// MaxMemory bounds the child's data (RLIMIT_DATA: its heap and
	// private mappings, where Tesseract's and Go's allocations live);
	// past it an allocation fails, the child dies and the document is
	// unreadable. Default DefaultMaxMemory.
	MaxMemory int64
}

// DefaultMaxMemory is issue 12's bound for any one process reading a
// hostile document. A 300 DPI letter page costs a child about 150 MB.
const DefaultMaxMemory = 1 << 30

// Validate checks the settings.
func (c Config) Validate() error {
	if c.Timeout < 0 || c.MaxMemory < 0 || c.PSM < 0 || c.PSM > 13 {
		return errors.New("ocr config: timeout and memory must not be negative and psm must be 0-13")
	}
	return nil
}

func (c Config) withDefaults() (Config, error) {
	exe, err := findEngine(c.Exe)
	if err != nil {
		return c, fmt.Errorf("ocr: find the engine: %w", err)
	}
	c.Exe = exe
	if c.Lang == "" {
		c.Lang = "eng"
	}
	if c.PSM == 0 {
		c.PSM = 6
	}
	if c.Timeout == 0 {
		c.Timeout = defaultTimeout
	}
	if c.MaxMemory == 0 {
		c.MaxMemory = DefaultMaxMemory
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

// Recognize reads every image of one document in one child, one image
// at a time. It is safe for concurrent use: each call has its own
// child. An error is either ErrTimeout, a context error, or the child's
// failure (a crash in the OCR library included); all are the
// document's, not the caller's.
func (p Process) Recognize(ctx context.Context, images []Image) ([]Page, error) {
	s, err := p.Open(ctx)
	if err != nil {
		return nil, err
	}
	pages := make([]Page, 0, len(images))
	for _, img := range images {
		page, err := s.Read(img)
		if err != nil {
			s.Close()
			return nil, err
		}
		pages = append(pages, page)
	}
	return pages, s.Close()
}

// Probe starts the engine and ends it once it has said Hello: an error
// is ErrUnavailable (none found, or one of another build), which a
// long-running process can tell at its start rather than on each
// scanned document.
func (p Process) Probe(ctx context.Context) error {
	s, err := p.Open(ctx)
	if err != nil {
		return err
	}
	return s.Close()
}

// Session is one OCR child reading one document's page images, one at
// a time: the parent sends a page and waits for its words before it
// sends the next, so each side holds one page image whatever the page
// count (one request of every page was 3.9 GB in the child for a TIFF of
// 200 tiny pages scaled up, and as much again in the parent). The
// document's time bound runs from Open; Close ends the child.
type Session struct {
	ctx    context.Context
	cancel context.CancelFunc
	in     *os.File     // the child's stdin, this end
	out    *os.File     // the child's stdout, this end
	dec    *gob.Decoder // over out
	exited <-chan error // the child's end, once reaped
	stderr *tail
	pages  int
	err    error // the first failure; every later call returns it
}

// Open starts the child of one document.
func (p Process) Open(ctx context.Context) (*Session, error) {
	cfg, err := p.Config.withDefaults()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	inR, inW, err := os.Pipe()
	if err != nil {
		cancel()
		return nil, fmt.Errorf("ocr: make pipe: %w", err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		cancel()
		inR.Close()
		inW.Close()
		return nil, fmt.Errorf("ocr: make pipe: %w", err)
	}
	s := &Session{ctx: ctx, cancel: cancel, in: inW, out: outR, stderr: &tail{}}
	cmd := exec.CommandContext(ctx, cfg.Exe)
	cmd.Env = append(os.Environ(), ChildEnv+"=1", "OMP_THREAD_LIMIT=1", childMalloc)
	cmd.Env = append(cmd.Env, Settings{Lang: cfg.Lang, PSM: cfg.PSM, MaxMemory: cfg.MaxMemory}.env()...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = inR, outW, s.stderr
	cmd.WaitDelay = time.Second
	s.exited, err = start(cmd)
	inR.Close() // the child's ends: the child holds them now
	outW.Close()
	if err != nil {
		s.in.Close()
		s.out.Close()
		ended := ctx.Err() // a bound too short to start a process in is still the document's
		cancel()
		switch {
		case ended == context.DeadlineExceeded:
			return nil, ErrTimeout
		case ended != nil:
			return nil, fmt.Errorf("ocr: %w", ended)
		}
		return nil, fmt.Errorf("ocr: start %s: %w: %w", cfg.Exe, ErrUnavailable, err)
	}
	if err := s.handshake(cfg.Exe); err != nil {
		s.Close()
		return nil, err
	}
	s.dec = gob.NewDecoder(outR)
	return s, nil
}

// handshake reads the engine's Hello. An engine that says another
// version, something else or nothing is ErrUnavailable (and is ended),
// unless the document's time bound or the caller ended it first.
func (s *Session) handshake(exe string) error {
	deadline, bounded := time.Now().Add(helloBound), false
	if d, ok := s.ctx.Deadline(); ok && d.Before(deadline) {
		deadline, bounded = d, true
	}
	line, err := readHello(s.out, deadline)
	var bad error // what it said instead
	if line != "" {
		if bad = checkHello(exe, line); bad == nil {
			return nil
		}
	}
	s.in.Close()
	ended := s.ctx.Err()
	exit := s.reap()
	hello := strings.TrimSpace(Hello)
	switch {
	case ended == context.DeadlineExceeded, bounded && errors.Is(err, os.ErrDeadlineExceeded):
		s.err = ErrTimeout
	case ended != nil:
		s.err = fmt.Errorf("ocr: %w", ended)
	case bad != nil:
		s.err = bad
	case errors.Is(err, os.ErrDeadlineExceeded):
		s.err = fmt.Errorf("ocr: %w: %s wrote no %q within %s", ErrUnavailable, exe, hello, helloBound)
	default:
		why := ""
		if exit != nil {
			why = ": " + exit.Error()
		}
		if l := lastLine(s.stderr.String()); l != "" {
			why += " (" + l + ")"
		}
		s.err = fmt.Errorf("ocr: %w: %s ended before writing %q%s", ErrUnavailable, exe, hello, why)
	}
	return s.err
}

// Read sends one page image and returns its words. After an error the
// session is spent: later calls return the same error.
func (s *Session) Read(img Image) (Page, error) {
	if s.err != nil {
		return Page{}, s.err
	}
	s.pages++
	if err := WriteImage(s.in, img); err != nil {
		return Page{}, s.fail(err)
	}
	var r Answer
	if err := s.dec.Decode(&r); err != nil {
		return Page{}, s.fail(err)
	}
	if r.Err != "" {
		s.err = fmt.Errorf("ocr: %s", r.Err)
		return Page{}, s.err
	}
	return r.Page, nil
}

// fail makes the error of a pipe that broke: the time bound, the
// caller's context, or the child's death, which it waits for.
func (s *Session) fail(err error) error {
	s.in.Close()
	exit := s.reap()
	switch {
	case s.ctx.Err() == context.DeadlineExceeded:
		s.err = ErrTimeout
	case s.ctx.Err() != nil:
		s.err = fmt.Errorf("ocr: %w", s.ctx.Err())
	case exit != nil:
		s.err = fmt.Errorf("ocr: child failed on page %d: %w (%s)", s.pages, exit, lastLine(s.stderr.String()))
	default:
		s.err = fmt.Errorf("ocr: read child's answer for page %d: %w", s.pages, err)
	}
	return s.err
}

// reap waits for the child to end, which it does once its stdin is
// closed; one that is alive a second later (talking nonsense, or
// silent) is ended. It returns what Wait returned.
func (s *Session) reap() error {
	var exit error
	select {
	case exit = <-s.exited:
	case <-time.After(time.Second):
		s.cancel()
		exit = <-s.exited
	}
	s.exited = nil
	return exit
}

// Close ends the child (it exits once its stdin closes) and waits for
// it; it returns the session's error, if any.
func (s *Session) Close() error {
	s.in.Close()
	if s.exited != nil {
		exit := <-s.exited
		s.exited = nil
		if exit != nil && s.err == nil {
			if s.ctx.Err() == context.DeadlineExceeded {
				s.err = ErrTimeout
			} else {
				s.err = fmt.Errorf("ocr: child failed: %w (%s)", exit, lastLine(s.stderr.String()))
			}
		}
	}
	s.out.Close()
	s.cancel()
	return s.err
}

// tail keeps the last bytes a child wrote to stderr: Tesseract warns on
// every odd page, and only the last line is reported.
type tail struct {
	mu  sync.Mutex
	buf []byte
}

const tailBytes = 4096

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > tailBytes {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-tailBytes:]...)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

// childMalloc keeps Tesseract's allocations in one glibc arena: cgo
// calls run on whichever thread Go picks, each thread got an arena of
// its own, and what a page freed in one stayed mapped beside the next
// page's in another. A child reading a noisy 300 DPI page turned four
// ways peaked at 221 MiB, 172 MiB in one arena (and Tesseract is one
// thread here: nothing to contend for).
const childMalloc = "MALLOC_ARENA_MAX=1"

// ChildEnv marks the engine's process: a test binary serving as the
// engine (engine.ServeIfChild) looks for it, and so does a test looking
// for a worker's children. OMP_THREAD_LIMIT beside it must be in the
// environment before Tesseract's OpenMP runtime starts.
const ChildEnv = "PORTCHECK_OCR_CHILD"
