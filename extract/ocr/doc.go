// Package ocr reads the words of page images in a child process, the OCR
// engine (cmd/portcheck-ocr, package ocr/engine: Tesseract through
// gosseract). This package is the client, with no cgo: portcheck links
// no Tesseract or Leptonica, which every portcheck process paid for in
// start-up and memory when the child was portcheck itself.
//
// Why a child process: a running Tesseract call cannot be interrupted,
// and a crash in the C library takes its process with it. The engine
// serves one document (a Session): it first states its protocol version
// (Hello), then the parent sends a page image, waits for its words, then
// sends the next, so neither side holds more than one page image
// whatever the page count. The parent kills the child when the
// document's OCR time bound passes; the child dies with its parent
// (Pdeathsig) and past its memory bound (RLIMIT_DATA).
//
// Which engine: Config.Exe, else $PORTCHECK_OCR_BIN, else portcheck-ocr
// in the running binary's folder, else on PATH. None found, or one of
// another build, is ErrUnavailable: the run's error, not the document's.
// Test binaries that OCR serve as their own engine (engine.ServeIfChild
// in TestMain).
//
// The child's environment sets OMP_THREAD_LIMIT=1 before Tesseract
// starts: with OpenMP's default threading a 300 DPI page took 2-3 s
// here, with one thread 0.3-0.4 s, and parallel documents do better
// still. Setting it from inside the child's main would be too late.
package ocr
