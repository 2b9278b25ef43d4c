package extract

import (
	"context"
	"errors"
	"testing"

	"github.com/portcheck/portcheck/extract/ocr"
)

// TestOCREngineUnavailable: a scan that finds no OCR engine to read it
// is the run's error (ocr.ErrUnavailable, which a worker retries), not
// an unreadable document, which would be reported FILE_UNREADABLE.
func TestOCREngineUnavailable(t *testing.T) {
	requireTool(t, "pdftoppm")
	missing := ocr.Process{Config: ocr.Config{Exe: "/no/such/folder/portcheck-ocr"}}
	_, err := Extract(context.Background(), "mixed.pdf", mixedPDF(t), Limits{OCR: missing})
	var ue *UnreadableError
	if !errors.Is(err, ocr.ErrUnavailable) || errors.As(err, &ue) {
		t.Fatalf("err = %v, want ocr.ErrUnavailable and no UnreadableError", err)
	}
}
