// Package ocr reads the words of page images with Tesseract
// (github.com/otiai10/gosseract/v2) in a child process.
//
// Why a child process: a running Tesseract call cannot be interrupted,
// and a crash in the C library takes its process with it. The child is
// the running binary itself (/proc/self/exe, so a binary replaced on
// disk by a deploy is not the child of the old one) started with
// PORTCHECK_OCR_CHILD=1, which ServeIfChild turns into an OCR server for
// one document (a Session): the parent sends a page image, waits for its
// words, then sends the next, so neither side holds more than one page
// image whatever the page count. The parent kills the child when the
// document's OCR time bound passes; the child dies with its parent
// (Pdeathsig) and past its memory bound (RLIMIT_DATA). Every binary and
// test binary that OCRs calls ServeIfChild first thing (main, TestMain).
//
// The child's environment sets OMP_THREAD_LIMIT=1 before Tesseract
// starts: with OpenMP's default threading a 300 DPI page took 2-3 s
// here, with one thread 0.3-0.4 s, and parallel documents do better
// still. Setting it from inside the child's main would be too late.
//
// Defaults: English (eng), page segmentation mode 6 (one uniform block)
// with preserve_interword_spaces=1, which kept table rows together where
// the default mode read columns apart. One Tesseract client per child,
// closed before the child exits, so nothing accumulates in a
// long-running parent.
package ocr
