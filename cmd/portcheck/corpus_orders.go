package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"

	"github.com/portcheck/portcheck/corpus"
	"github.com/portcheck/portcheck/extract/ocr"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/storage"
)

// floors are the figures under which `corpus orders` exits 1.
type floors struct {
	recall, falseFlags, agreement float64
}

func (f floors) failed(t corpus.OrderTally) bool {
	return t.Orders > 0 && (t.Recall() < f.recall || t.FalseFlagRate() > f.falseFlags || t.Agreement() < f.agreement)
}

func runCorpusOrders(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("corpus orders", stderr)
	run := fs.String("run", "", "check only the orders whose id matches this regular expression")
	cache := fs.String("cache", "", "keep extractions (OCR included) in this folder, by digest and extractor version, and reuse them")
	misses := fs.Int("misses", 10, "print this many orders that went wrong, with what was read on their documents")
	var text, scanned floors
	fs.Float64Var(&text.recall, "min-text-recall", 0, "fail (exit 1) when recall over text-layer orders is below this (0-1)")
	fs.Float64Var(&text.falseFlags, "max-text-false", 1, "fail (exit 1) when false flags over text-layer orders are above this (0-1)")
	fs.Float64Var(&text.agreement, "min-text-agreement", 0, "fail (exit 1) when verdict agreement over text-layer orders is below this (0-1)")
	fs.Float64Var(&scanned.recall, "min-scanned-recall", 0, "fail (exit 1) when recall over scanned orders is below this (0-1)")
	fs.Float64Var(&scanned.falseFlags, "max-scanned-false", 1, "fail (exit 1) when false flags over scanned orders are above this (0-1)")
	fs.Float64Var(&scanned.agreement, "min-scanned-agreement", 0, "fail (exit 1) when verdict agreement over scanned orders is below this (0-1)")
	dirs, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitInvalid
	}
	dir := "../shared/reference"
	if len(dirs) > 0 {
		dir = dirs[0]
	}
	var opt corpus.OrdersOptions
	if *run != "" {
		if opt.Match, err = regexp.Compile(*run); err != nil {
			fmt.Fprintf(stderr, "portcheck corpus: --run: %v\n", err)
			return exitInvalid
		}
	}
	cfg := pipeline.Config{OCR: ocr.Process{}}
	if *cache != "" {
		store, err := storage.NewLocalFS(*cache)
		if err != nil {
			fmt.Fprintf(stderr, "portcheck corpus: --cache: %v\n", err)
			return exitInvalid
		}
		cfg.Cache = pipeline.StoreCache{Store: store}
	}
	var end func()
	opt.Progress, end = corpusProgress(stderr, "checked", "orders")
	board, err := corpus.Orders(ctx, dir, opt, cfg)
	end()
	if err == nil {
		err = board.Write(stdout, *misses)
	}
	if err != nil {
		fmt.Fprintf(stderr, "portcheck corpus: %v\n", err)
		return exitInvalid
	}
	no, yes := false, true
	if text.failed(board.Tally(&no)) || scanned.failed(board.Tally(&yes)) {
		fmt.Fprintln(stderr, "portcheck corpus: the reference orders score under a floor")
		return exitReject
	}
	return exitOK
}
