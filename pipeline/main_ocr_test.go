package pipeline

import (
	"os"
	"testing"

	"github.com/portcheck/portcheck/extract/ocr/engine"
)

// TestMain lets this test binary serve as its own OCR child process.
func TestMain(m *testing.M) {
	engine.ServeIfChild()
	os.Exit(m.Run())
}
