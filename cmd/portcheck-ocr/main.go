// Command portcheck-ocr is portcheck's OCR engine: Tesseract, for one
// document, read a page at a time on stdin, answered on stdout (package
// ocr's protocol). portcheck starts it as a child process per document;
// it is not meant to be run by hand. It is a binary of its own so that
// portcheck links no Tesseract and Leptonica, which every portcheck
// process paid for at start and in memory. Build both together:
//
//	go build -o bin/ ./cmd/...
//
// portcheck starts $PORTCHECK_OCR_BIN when set, else portcheck-ocr in its
// own folder, else portcheck-ocr on PATH.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/portcheck/portcheck/extract/ocr"
	"github.com/portcheck/portcheck/extract/ocr/engine"
)

func main() {
	if len(os.Args) > 1 {
		fmt.Fprintf(os.Stderr, "portcheck-ocr: takes no arguments: portcheck starts it, and writes page images to its stdin (%s)\n", strings.TrimSpace(ocr.Hello))
		os.Exit(2)
	}
	os.Exit(engine.Serve())
}
