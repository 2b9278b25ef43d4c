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

const corpusUsage = "usage: portcheck corpus scans [DIR] [--originals DIR] [--min SHARE]\n" +
	"       portcheck corpus score [DIR] [--labels DIR] [--min-precision P] [--min-recall R] [--misses N] [--leave-one-out]\n" +
	"       portcheck corpus orders [DIR] [--run REGEXP] [--misses N] [--min-text-recall R] [--max-text-false F] [--min-text-agreement A]\n" +
	"                               [--min-scanned-recall R] [--max-scanned-false F] [--min-scanned-agreement A]"

func runCorpus(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "scans":
			return runCorpusScans(ctx, args[1:], stdout, stderr)
		case "score":
			return runCorpusScore(ctx, args[1:], stdout, stderr)
		case "orders":
			return runCorpusOrders(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintln(stderr, corpusUsage)
	return exitInvalid
}

func runCorpusScans(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("corpus scans", stderr)
	originals := fs.String("originals", "testdata/docs", "folder of the text-layer originals")
	floor := fs.Float64("min", 0, "fail (exit 1) when the share of equal fields is below this (0-1)")
	dirs, err := parseInterleaved(fs, args)
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
	tell, end := corpusProgress(stderr, "read", "scans")
	board, err := corpus.Scans(ctx, dir, *originals, cfg, tell)
	end()
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

func runCorpusScore(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("corpus score", stderr)
	labels := fs.String("labels", "testdata/corpus/real", "folder of the label files (one JSON per corpus folder)")
	minP := fs.Float64("min-precision", 0, "fail (exit 1) when precision over all fields is below this (0-1)")
	minR := fs.Float64("min-recall", 0, "fail (exit 1) when recall over all fields is below this (0-1)")
	misses := fs.Int("misses", 15, "print this many misses with their context (values come from the documents)")
	loo := fs.Bool("leave-one-out", false, "also score the corpus once without each document")
	dirs, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitInvalid
	}
	dir := "../shared/corpus/real"
	if len(dirs) > 0 {
		dir = dirs[0]
	}
	set, err := corpus.LoadLabels(*labels)
	if err != nil {
		fmt.Fprintf(stderr, "portcheck corpus: %v\n", err)
		return exitInvalid
	}
	tell, end := corpusProgress(stderr, "read", "documents")
	board, err := corpus.Real(ctx, dir, set, pipeline.Config{OCR: ocr.Process{}}, tell)
	end()
	if err == nil {
		err = board.Peers(dir)
	}
	if err == nil {
		err = board.Write(stdout, *misses)
	}
	if err != nil {
		fmt.Fprintf(stderr, "portcheck corpus: %v\n", err)
		return exitInvalid
	}
	if *loo {
		corpus.WriteFolds(stdout, board.LeaveOneOut())
	}
	all := board.All()
	if all.Precision() < *minP || all.Recall() < *minR {
		fmt.Fprintf(stderr, "portcheck corpus: precision %.3f, recall %.3f: under the floor (precision %.3f, recall %.3f)\n",
			all.Precision(), all.Recall(), *minP, *minR)
		return exitReject
	}
	return exitOK
}
