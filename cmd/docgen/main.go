// Command docgen writes portcheck's generated test documents and their
// ground truth: go run ./cmd/docgen -out testdata/docs
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/portcheck/portcheck/internal/docgen"
)

func main() {
	out := flag.String("out", "testdata/docs", "folder to write the documents and manifest.json to")
	scans := flag.String("scans", "", "also write the scanned variants (needs pdftoppm) to this folder")
	flag.Parse()
	err := run(*out)
	if err == nil && *scans != "" {
		err = runScans(*out, *scans)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "docgen: %v\n", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write documents: %w", err)
	}
	set := docgen.Standard()
	for _, e := range set {
		data, err := e.Render()
		if err != nil {
			return fmt.Errorf("write %s: %w", e.File, err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.File), data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", e.File, err)
		}
	}
	manifest, err := docgen.Manifest(set)
	if err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), manifest, 0o644); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	return nil
}

func runScans(docs, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write scans: %w", err)
	}
	set := docgen.Scans()
	for _, e := range set {
		src, err := os.ReadFile(filepath.Join(docs, e.Source))
		if err != nil {
			return fmt.Errorf("scan %s: %w", e.File, err)
		}
		data, err := e.Scan.Render(src)
		if err != nil {
			return fmt.Errorf("scan %s: %w", e.File, err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.File), data, 0o644); err != nil {
			return fmt.Errorf("scan %s: %w", e.File, err)
		}
	}
	manifest, err := json.MarshalIndent(set, "", "  ")
	if err != nil {
		return fmt.Errorf("write scan manifest: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), append(manifest, '\n'), 0o644); err != nil {
		return fmt.Errorf("write scan manifest: %w", err)
	}
	return nil
}
