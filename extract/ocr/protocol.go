package ocr

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// The protocol between portcheck and its OCR engine (cmd/portcheck-ocr):
// the engine first writes Hello, a line naming the protocol's version;
// then, for each page, the parent writes an image (WriteImage) and the
// engine answers with one gob-encoded Answer. The parent closing the
// engine's stdin ends the document.
//
// Why a version first: portcheck and portcheck-ocr are two files, and a
// deploy replaces both under a running worker, whose next document
// starts the new engine. Before the handshake the child was the running
// binary itself; started from its path instead, the new code spoke
// another protocol to the old and every scanned page of every document
// was FILE_UNREADABLE until the worker restarted. Now the mismatch is
// ErrUnavailable: the run's fault, retried, not the document's.

// ProtocolVersion is this build's protocol; bump it with any change to
// what crosses the pipe (the image header, Answer, Page, Word, the
// settings in the environment).
const ProtocolVersion = 1

// Hello is the line the engine writes before anything else.
var Hello = "portcheck-ocr protocol " + strconv.Itoa(ProtocolVersion) + "\n"

const helloPrefix = "portcheck-ocr protocol "

// helloBound is how long a started engine may take to say Hello: it
// says it before Tesseract starts, within milliseconds; what says
// nothing (an older build that waits for a page first) is not the
// engine.
var helloBound = 10 * time.Second

// maxHello bounds the line read as a hello.
const maxHello = 64

// readHello reads the engine's first line from f, unbuffered (the gob
// decoder reads what follows), by deadline.
func readHello(f *os.File, deadline time.Time) (string, error) {
	if err := f.SetReadDeadline(deadline); err == nil {
		defer f.SetReadDeadline(time.Time{})
	}
	var line []byte
	b := make([]byte, 1)
	for len(line) < maxHello {
		if _, err := f.Read(b); err != nil {
			return string(line), err
		}
		if line = append(line, b[0]); b[0] == '\n' {
			return string(line), nil
		}
	}
	return string(line), errors.New("no line")
}

// checkHello says what is wrong with the first line an engine wrote.
func checkHello(exe, line string) error {
	if line == Hello {
		return nil
	}
	if v, ok := strings.CutPrefix(line, helloPrefix); ok {
		return fmt.Errorf("ocr: %w: %s speaks protocol %s, this portcheck protocol %d: install portcheck and portcheck-ocr from the same build, and restart what ran the old one",
			ErrUnavailable, exe, strings.TrimSpace(v), ProtocolVersion)
	}
	return fmt.Errorf("ocr: %w: %s is not portcheck's OCR engine: its first line was %q, not %q", ErrUnavailable, exe, line, Hello)
}

// Answer is the engine's answer for one page, gob-encoded.
type Answer struct {
	Page Page
	Err  string
}

// Settings are the engine's for one document; they travel in its
// environment, its stdin being the pages.
type Settings struct {
	Lang      string
	PSM       int
	MaxMemory int64
}

const (
	langEnv   = "PORTCHECK_OCR_LANG"
	psmEnv    = "PORTCHECK_OCR_PSM"
	memoryEnv = "PORTCHECK_OCR_MAX_MEMORY"
)

func (s Settings) env() []string {
	return []string{langEnv + "=" + s.Lang, psmEnv + "=" + strconv.Itoa(s.PSM), memoryEnv + "=" + strconv.FormatInt(s.MaxMemory, 10)}
}

// EngineSettings are the settings the parent put in the engine's
// environment; zero where it put none.
func EngineSettings() Settings {
	psm, _ := strconv.Atoi(os.Getenv(psmEnv))
	mem, _ := strconv.ParseInt(os.Getenv(memoryEnv), 10, 64)
	return Settings{Lang: os.Getenv(langEnv), PSM: psm, MaxMemory: mem}
}

// An image crosses the pipe as a header (its length, its DPI and
// whether it is upright) and its bytes as they are: gob would hold a
// second copy of each on both sides.
const imageHeader = 8 + 4 + 1

// maxImageBytes refuses a header claiming more than any page portcheck
// sends before the child makes the buffer.
const maxImageBytes = 1 << 30

// WriteImage sends one page image.
func WriteImage(w io.Writer, img Image) error {
	var h [imageHeader]byte
	binary.BigEndian.PutUint64(h[0:8], uint64(len(img.Data)))
	binary.BigEndian.PutUint32(h[8:12], uint32(max(img.DPI, 0)))
	if img.Upright {
		h[12] = 1
	}
	if _, err := w.Write(h[:]); err != nil {
		return err
	}
	_, err := w.Write(img.Data)
	return err
}

// ReadImage reads the next image into buf when it has room (one page's
// buffer serves the whole document); io.EOF when the parent has sent
// its last.
func ReadImage(r io.Reader, buf []byte) (Image, error) {
	var h [imageHeader]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		if err == io.ErrUnexpectedEOF {
			return Image{}, errors.New("truncated image header")
		}
		return Image{}, err
	}
	n := binary.BigEndian.Uint64(h[0:8])
	if n > maxImageBytes {
		return Image{}, fmt.Errorf("an image of %d bytes, more than %d", n, maxImageBytes)
	}
	if uint64(cap(buf)) < n {
		buf = make([]byte, n)
	}
	img := Image{Data: buf[:n], DPI: int(binary.BigEndian.Uint32(h[8:12])), Upright: h[12] == 1}
	if _, err := io.ReadFull(r, img.Data); err != nil {
		return Image{}, fmt.Errorf("read image: %w", err)
	}
	return img, nil
}
