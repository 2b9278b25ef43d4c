package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/portcheck/portcheck/extract/ocr"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/storage"
)

type checkFlags struct {
	profile    string
	asOf       string
	format     string
	out        string
	timeout    time.Duration
	ocrTimeout time.Duration
	noOCR      bool
	// root bounds where documents are read: each order's own folder
	// unless --root names a wider one; allowOutside lifts the bound.
	root         string
	allowOutside bool
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f checkFlags
	fs := newFlagSet("check", stderr)
	fs.StringVar(&f.profile, "profile", "", "profile `NAME` or profile file (overrides the order's own)")
	fs.StringVar(&f.asOf, "as-of", "", "`YYYY-MM-DD` taken as today for date rules (default: today)")
	fs.StringVar(&f.format, "format", "json", "output `format`: json, text, html, jsonl, or correction (the merge patch of the order and what a person must fix)")
	fs.StringVar(&f.out, "out", "", "write the report to `FILE` instead of standard output")
	fs.DurationVar(&f.timeout, "document-timeout", pipeline.DefaultDocumentTimeout, "time bound for reading one document's text layer")
	fs.DurationVar(&f.ocrTimeout, "ocr-timeout", 2*time.Minute, "time bound for OCR of one document's scanned pages")
	fs.BoolVar(&f.noOCR, "no-ocr", false, "do not OCR scanned pages and images")
	fs.StringVar(&f.root, "root", os.Getenv("PORTCHECK_DOCUMENT_ROOT"), "read documents only inside `FOLDER` (default: each order's own folder) (PORTCHECK_DOCUMENT_ROOT)")
	fs.BoolVar(&f.allowOutside, "allow-outside", false, "read documents wherever the order's paths lead, symbolic links included")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitInvalid
	}
	cfg, inputs, err := prepareCheck(f, paths)
	if err != nil {
		fmt.Fprintf(stderr, "portcheck check: %s\n", pipeline.Scrub(err.Error()))
		return exitInvalid
	}
	tuneGCForOrders(len(inputs))
	out := prepareOutput(f, &cfg, inputs, stderr)
	reps, err := pipeline.CheckAll(ctx, inputs, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "portcheck check: %s\n", pipeline.Scrub(err.Error()))
		return exitInvalid
	}
	if err := writeReports(ctx, f, reps, out, stdout); err != nil {
		fmt.Fprintf(stderr, "portcheck check: %s\n", pipeline.Scrub(err.Error()))
		return exitInvalid
	}
	return exitCode(reps)
}

// prepareCheck turns flags and paths into a pipeline run, refusing
// everything that is the user's to fix before any document is read.
func prepareCheck(f checkFlags, paths []string) (pipeline.Config, []pipeline.Input, error) {
	cfg := pipeline.Config{DocumentTimeout: f.timeout}
	if !f.noOCR {
		cfg.OCR = ocr.Process{Config: ocr.Config{Timeout: f.ocrTimeout}}
	}
	if len(paths) == 0 {
		return cfg, nil, errors.New("no order given (usage: portcheck check ORDER.json)")
	}
	if err := checkFormat(f.format, len(paths)); err != nil {
		return cfg, nil, err
	}
	asOf, err := parseAsOf(f.asOf)
	if err != nil {
		return cfg, nil, err
	}
	cfg.AsOf = asOf
	if f.profile != "" {
		if cfg.Profile, err = profile.Load(f.profile); err != nil {
			return cfg, nil, fmt.Errorf("--profile: %w", err)
		}
	}
	var inputs []pipeline.Input
	for _, p := range paths {
		in, err := loadOrder(p, cfg.Profile, f)
		if err != nil {
			return cfg, nil, err
		}
		inputs = append(inputs, in)
	}
	return cfg, inputs, nil
}

func checkFormat(format string, n int) error {
	switch format {
	case "json", "text", "jsonl", "correction":
		return nil
	case "html":
		if n > 1 {
			return errors.New("--format html: one order at a time (each report is a page of its own)")
		}
		return nil
	}
	return fmt.Errorf("--format: %q is not one of json, text, html, jsonl, correction", format)
}

func parseAsOf(s string) (time.Time, error) {
	if s == "" {
		y, m, d := time.Now().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--as-of: %q is not a date in YYYY-MM-DD form", s)
	}
	return t, nil
}

// loadOrder reads one order file (or FOLDER/order.json) and checks that
// its profile exists and every document it names is a regular file
// inside the bound (see checkFlags.root).
//
// The path "-" is standard input; its documents' paths are relative to
// the current folder (filepath.Dir("-") is "."), as they would be for
// an order file there.
func loadOrder(path string, override *profile.Profile, f checkFlags) (pipeline.Input, error) {
	src, name, err := openOrder(path)
	if err != nil {
		return pipeline.Input{}, err
	}
	defer src.Close()
	o, err := order.Decode(src)
	if err != nil {
		return pipeline.Input{}, fmt.Errorf("order %s: %w", name, err)
	}
	path = name
	if o.ID == "" {
		o.ID = orderIDFromPath(path)
	}
	if _, err := pipeline.ProfileFor(o, override); err != nil {
		return pipeline.Input{}, fmt.Errorf("order %s: %w", path, err)
	}
	docs := storage.Files{Base: filepath.Dir(path), Root: filepath.Dir(path)}
	switch {
	case f.allowOutside:
		docs.Root = ""
	case f.root != "":
		docs.Root = f.root
	}
	for i, d := range o.Documents {
		if _, err := docs.Stat(context.Background(), d.Path); err != nil {
			return pipeline.Input{}, fmt.Errorf("order %s: documents[%d].path: %s: %s", path, i, filepath.Join(filepath.Dir(path), d.Path), statReason(err, docs.Root))
		}
	}
	return pipeline.Input{Order: o, Docs: docs}, nil
}

// openOrder opens an order file, FOLDER/order.json, or standard input
// for "-", and says how to name it in messages.
func openOrder(path string) (io.ReadCloser, string, error) {
	if path == "-" {
		return io.NopCloser(os.Stdin), "-", nil
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, "order.json")
	}
	fh, err := storage.Files{}.Get(context.Background(), path)
	if err != nil {
		return nil, "", fmt.Errorf("order %s: %s", path, statReason(err, ""))
	}
	return fh, path, nil
}

func statReason(err error, root string) string {
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return "no such file"
	case errors.Is(err, storage.ErrInvalidKey):
		return fmt.Sprintf("the path leads outside %s, itself or by a symbolic link (--root FOLDER widens the bound, --allow-outside lifts it)", root)
	case errors.Is(err, storage.ErrNotRegular):
		return "not a regular file (a FIFO, a device or a folder); only files are read"
	}
	return err.Error()
}

// orderIDFromPath names an order that has no id by its file, or by its
// folder when the file is the conventional order.json.
func orderIDFromPath(path string) string {
	if path == "-" {
		return "stdin"
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if base == "order" {
		if abs, err := filepath.Abs(filepath.Dir(path)); err == nil {
			return filepath.Base(abs)
		}
	}
	return base
}

func exitCode(reps []*report.Report) int {
	for _, r := range reps {
		if r.Verdict == report.Reject {
			return exitReject
		}
	}
	return exitOK
}
