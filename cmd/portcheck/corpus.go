package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/portcheck/portcheck/corpus"
	"github.com/portcheck/portcheck/extract/ocr"
	"github.com/portcheck/portcheck/pipeline"
)

func runCorpus(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "scans" {
		fmt.Fprintln(stderr, "usage: portcheck corpus scans [DIR] [--originals DIR] [--min SHARE]")
		return exitInvalid
	}
	fs := newFlagSet("corpus scans", stderr)
	originals := fs.String("originals", "testdata/docs", "folder of the text-layer originals")
	floor := fs.Float64("min", 0, "fail (exit 1) when the share of equal fields is below this (0-1)")
	dirs, err := parseInterleaved(fs, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitInvalid
	}
	dir := "testdata/scans"
	if len(dirs) > 0 {
		dir = dirs[0]
	}
	cfg := pipeline.Config{OCR: ocr.Process{}}
	board, err := corpus.Scans(ctx, dir, *originals, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "portcheck corpus: %v\n", err)
		return exitInvalid
	}
	if err := board.Write(stdout); err != nil {
		fmt.Fprintf(stderr, "portcheck corpus: %v\n", err)
		return exitInvalid
	}
	if board.Score() < *floor {
		fmt.Fprintf(stderr, "portcheck corpus: %.1f%% of fields agree, under the floor of %.1f%%\n", 100*board.Score(), 100**floor)
		return exitReject
	}
	return exitOK
}
