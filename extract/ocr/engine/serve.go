// Package engine is portcheck's OCR engine: Tesseract through gosseract
// (cgo), serving package ocr's protocol on stdin and stdout for one
// document. cmd/portcheck-ocr is its binary, and the only one that
// links Tesseract; test binaries that OCR link it too and serve as
// their own engine (ServeIfChild). portcheck itself imports package ocr
// alone, the client, and starts the engine as a child per document (see
// package ocr for why a child, and for the protocol).
//
// Defaults: English (eng), page segmentation mode 6 (one uniform block)
// with preserve_interword_spaces=1, which kept table rows together where
// the default mode read columns apart. One Tesseract client per child,
// closed before the child exits, so nothing accumulates in a
// long-running parent.
package engine

import (
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/portcheck/portcheck/extract/ocr"
)

// childGCPercent: the child's Go heap is a page's decoded and turned
// copies, garbage a page later; collected at a quarter over what is
// live, not double, it peaked 15 MiB lower on that page.
const childGCPercent = 25

// Serve serves one document's pages on stdin and stdout under the
// settings in the environment (ocr.EngineSettings) and returns the
// process's exit code: cmd/portcheck-ocr's main.
func Serve() int {
	set := ocr.EngineSettings()
	if set.MaxMemory > 0 {
		if err := limitMemory(set.MaxMemory); err != nil {
			fmt.Fprintln(os.Stderr, "ocr engine:", err)
			return 1
		}
	}
	debug.SetGCPercent(childGCPercent)
	if err := serve(os.Stdin, os.Stdout, set.Lang, set.PSM); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// ServeIfChild is for a test binary's TestMain: when the binary was
// started as an OCR child (ocr.ChildEnv) it serves and exits; otherwise
// it makes the binary the engine of its own OCR (and of its child
// processes', through ocr.EngineEnv), so `go test` needs no
// portcheck-ocr built first, and returns.
func ServeIfChild() {
	if os.Getenv(ocr.ChildEnv) == "1" {
		os.Exit(Serve())
	}
	if self, err := os.Executable(); err == nil {
		if self, err = filepath.Abs(self); err == nil {
			os.Setenv(ocr.EngineEnv, self)
		}
	}
}

// serve says the protocol's hello, then answers each page image read
// from r with its words on w, until r ends. A page that cannot be read
// is answered with its error, and ends the session.
func serve(r io.Reader, w io.Writer, lang string, psm int) error {
	if _, err := io.WriteString(w, ocr.Hello); err != nil {
		return fmt.Errorf("ocr engine: hello: %w", err)
	}
	enc := gob.NewEncoder(w)
	rd, setupErr := newReader(lang, psm)
	if rd != nil {
		defer rd.close()
	}
	var buf []byte
	for n := 1; ; n++ {
		img, err := ocr.ReadImage(r, buf)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("ocr engine: page %d: %w", n, err)
		}
		var res ocr.Answer
		switch {
		case setupErr != nil:
			res.Err = setupErr.Error()
		default:
			if res.Page, err = rd.read(img); err != nil {
				res.Err = fmt.Sprintf("page %d: %v", n, err)
			}
		}
		if err := enc.Encode(res); err != nil {
			return fmt.Errorf("ocr engine: answer page %d: %w", n, err)
		}
		if res.Err != "" {
			return nil
		}
		buf = img.Data
	}
}
