package ocr

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// EngineName is the OCR engine's binary, cmd/portcheck-ocr.
const EngineName = "portcheck-ocr"

// EngineEnv names the engine's binary when Config.Exe does not.
const EngineEnv = "PORTCHECK_OCR_BIN"

// ErrUnavailable: no OCR engine could be started, or the one started is
// not of this build (see Hello). It is the run's fault, not the
// document's: a retry after the set-up is fixed reads the document.
var ErrUnavailable = errors.New("ocr engine unavailable")

// findEngine is the engine to start: exe when set, else $PORTCHECK_OCR_BIN,
// else portcheck-ocr beside the running binary (where `go build -o bin/
// ./cmd/...` and a deploy put it), else portcheck-ocr on PATH.
func findEngine(exe string) (string, error) {
	self, err := os.Executable() // /proc/self/exe on Linux
	if err != nil {
		self = ""
	}
	return lookEngine(exe, os.Getenv(EngineEnv), self)
}

func lookEngine(exe, env, self string) (string, error) {
	if exe != "" {
		return exe, nil
	}
	if env != "" {
		return env, nil
	}
	var looked []string
	if self != "" {
		beside := filepath.Join(filepath.Dir(self), EngineName)
		if st, err := os.Stat(beside); err == nil && !st.IsDir() {
			return beside, nil
		}
		looked = append(looked, beside)
	}
	if path, err := exec.LookPath(EngineName); err == nil {
		return path, nil
	}
	looked = append(looked, EngineName+" on PATH")
	return "", fmt.Errorf("%w: %s unset, and no %s (build it beside portcheck: go build -o DIR/ ./cmd/...)",
		ErrUnavailable, EngineEnv, joinOr(looked))
}

func joinOr(s []string) string {
	out := ""
	for i, x := range s {
		switch {
		case i == 0:
		case i == len(s)-1:
			out += " nor "
		default:
			out += ", "
		}
		out += x
	}
	return out
}
