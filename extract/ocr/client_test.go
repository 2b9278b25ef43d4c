package ocr

import (
	"context"
	"errors"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	if exe := os.Getenv("PORTCHECK_TEST_OCR_PARENT"); exe != "" {
		// A parent for TestChildDiesWithParent: it waits on its OCR
		// child until the test kills it.
		Process{Config: Config{Exe: exe, Timeout: time.Minute}}.Recognize(context.Background(), []Image{{Data: []byte("x")}})
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// script writes an executable shell script into a test folder.
func script(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), EngineName)
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func blankPage() Image {
	g := image.NewGray(image.Rect(0, 0, 850, 1100))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	return Image{Data: EncodePGM(g), DPI: 100}
}

// TestChildOfAnotherRelease: an engine that is not of this build (a
// deploy replaced portcheck-ocr under a running worker, or the path
// names something else) is ErrUnavailable, the run's fault and soon
// told, never an error of the document, which the child's answers not
// decoding would be (every scanned page FILE_UNREADABLE until the
// worker restarted, as when the child was started from the path of a
// replaced binary).
func TestChildOfAnotherRelease(t *testing.T) {
	defer func(b time.Duration) { helloBound = b }(helloBound)
	helloBound = 500 * time.Millisecond
	tests := []struct {
		name, engine string
		want         []string // in the error
	}{
		{"a newer protocol", "printf 'portcheck-ocr protocol 2\\n'\nexec cat >/dev/null", []string{"speaks protocol 2", "this portcheck protocol 1", "same build"}},
		{"not the engine", "echo 'usage: something else'\nexec cat >/dev/null", []string{"not portcheck's OCR engine", "usage: something else"}},
		{"an older build that waits for a page", "exec sleep 30", []string{"wrote no \"portcheck-ocr protocol 1\""}},
		{"ends at once", "echo 'no tesseract here' >&2\nexit 3", []string{"ended before writing", "exit status 3", "no tesseract here"}},
		{"missing", "", []string{"/no/such/folder/portcheck-ocr"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exe := "/no/such/folder/portcheck-ocr"
			if tt.engine != "" {
				exe = script(t, tt.engine)
			}
			start := time.Now()
			_, err := Process{Config: Config{Exe: exe}}.Recognize(context.Background(), []Image{blankPage()})
			if !errors.Is(err, ErrUnavailable) {
				t.Fatalf("err = %v, want ErrUnavailable", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("err = %q, want it to say %q", err, w)
				}
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("told after %s", d)
			}
		})
	}
}

// TestDocumentBoundDuringHello: an engine that says nothing before the
// document's own time bound passes, or a bound too short to start it
// in, is that bound's error, as any page past it.
func TestDocumentBoundDuringHello(t *testing.T) {
	for _, bound := range []time.Duration{200 * time.Millisecond, time.Nanosecond} {
		_, err := Process{Config: Config{Exe: script(t, "exec sleep 30"), Timeout: bound}}.Recognize(context.Background(), []Image{blankPage()})
		if !errors.Is(err, ErrTimeout) {
			t.Errorf("bound %s: err = %v, want ErrTimeout", bound, err)
		}
	}
}

// TestFindEngine: Config.Exe, then PORTCHECK_OCR_BIN, then portcheck-ocr
// in the running binary's folder, then on PATH; none of them is an
// error naming each place looked in.
func TestFindEngine(t *testing.T) {
	bin, onPath, empty := t.TempDir(), t.TempDir(), t.TempDir()
	for _, dir := range []string{bin, onPath} {
		if err := os.WriteFile(filepath.Join(dir, EngineName), []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name, exe, env, self, path string
		want                       string
		wantErr                    []string
	}{
		{"config", "/opt/a/portcheck-ocr", "/opt/b/portcheck-ocr", filepath.Join(bin, "portcheck"), onPath, "/opt/a/portcheck-ocr", nil},
		{"environment", "", "/opt/b/portcheck-ocr", filepath.Join(bin, "portcheck"), onPath, "/opt/b/portcheck-ocr", nil},
		{"beside the binary", "", "", filepath.Join(bin, "portcheck"), onPath, filepath.Join(bin, EngineName), nil},
		{"on PATH", "", "", filepath.Join(empty, "portcheck"), onPath, filepath.Join(onPath, EngineName), nil},
		{"nowhere", "", "", filepath.Join(empty, "portcheck"), empty, "", []string{EngineEnv + " unset", filepath.Join(empty, EngineName), "portcheck-ocr on PATH"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("PATH", tt.path)
			got, err := lookEngine(tt.exe, tt.env, tt.self)
			if got != tt.want {
				t.Errorf("engine %q, want %q", got, tt.want)
			}
			if (err != nil) != (tt.wantErr != nil) || err != nil && !errors.Is(err, ErrUnavailable) {
				t.Fatalf("err = %v, want ErrUnavailable: %v", err, tt.wantErr != nil)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("err = %q, want it to name %q", err, w)
				}
			}
		})
	}
}
