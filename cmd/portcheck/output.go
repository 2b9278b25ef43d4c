package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/portcheck/portcheck/correction"
	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/pageimage"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/report"
)

// output is where reports go and what the HTML writer needs besides
// them: the orders (their values as written, their PINs to paint out)
// and the extractions the run made (page sizes, where words stand).
type output struct {
	inputs []pipeline.Input
	kept   *keptExtractions
	log    io.Writer
}

// prepareOutput keeps the run's extractions when the HTML report will
// need them; for other formats it changes nothing.
func prepareOutput(f checkFlags, cfg *pipeline.Config, inputs []pipeline.Input, stderr io.Writer) output {
	out := output{inputs: inputs, log: stderr}
	if f.format == "html" {
		out.kept = &keptExtractions{next: cfg.Cache, docs: map[string]*extract.Document{}}
		cfg.Cache = out.kept
	}
	return out
}

func writeReports(ctx context.Context, f checkFlags, reps []*report.Report, out output, stdout io.Writer) (err error) {
	w := stdout
	if f.out != "" {
		fh, err := os.Create(f.out)
		if err != nil {
			return fmt.Errorf("--out: %w", err)
		}
		defer func() {
			if cerr := fh.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("--out: %w", cerr)
			}
		}()
		w = fh
	}
	bw := bufio.NewWriter(w)
	if err := render(ctx, bw, f.format, reps, out); err != nil {
		return err
	}
	return bw.Flush()
}

func render(ctx context.Context, w io.Writer, format string, reps []*report.Report, out output) error {
	switch format {
	case "jsonl":
		for _, r := range reps {
			if err := report.WriteJSONLine(w, r); err != nil {
				return err
			}
		}
		return nil
	case "html":
		for i, r := range reps {
			if err := report.WriteHTMLPages(ctx, w, r, out.sources(i), out.logf); err != nil {
				return err
			}
		}
		return nil
	case "correction":
		cs := make([]*correction.Correction, len(reps))
		for i, r := range reps {
			cs[i] = correction.FromReport(r)
		}
		if len(cs) == 1 {
			return report.WriteJSON(w, cs[0])
		}
		return report.WriteJSON(w, cs)
	case "text":
		for i, r := range reps {
			if i > 0 {
				fmt.Fprintln(w)
			}
			if err := report.WriteText(w, r); err != nil {
				return err
			}
		}
		return nil
	}
	if len(reps) == 1 {
		return report.WriteJSON(w, reps[0])
	}
	return report.WriteJSON(w, reps)
}

// sources is report i's pages and order values; nil when the run did
// not keep what they need.
func (o output) sources(i int) report.Sources {
	if o.kept == nil || i >= len(o.inputs) {
		return nil
	}
	in := o.inputs[i]
	return htmlSources{order: in.Order, Pages: pageimage.Pages{
		Docs: in.Docs, Extracted: o.kept.get, Secrets: in.Order.Secrets(),
	}}
}

// logf: why a page image is missing goes to the log, whole; the
// reviewer reads it in plain words.
func (o output) logf(err error) {
	if o.log != nil {
		fmt.Fprintf(o.log, "portcheck check: %v\n", err)
	}
}

type htmlSources struct {
	pageimage.Pages
	order *order.Order
}

// OrderValue: the reviewer sees the order's values as written.
func (s htmlSources) OrderValue(field string) (string, bool) { return s.order.Written(field) }

// keptExtractions is a pipeline.Cache that remembers this run's
// extractions, in front of the configured cache if there is one.
type keptExtractions struct {
	next pipeline.Cache
	mu   sync.Mutex
	docs map[string]*extract.Document
}

func (k *keptExtractions) Load(ctx context.Context, sum string) (*extract.Document, bool) {
	if doc, ok := k.get(sum); ok {
		return doc, true
	}
	if k.next == nil {
		return nil, false
	}
	doc, ok := k.next.Load(ctx, sum)
	if ok {
		k.put(sum, doc)
	}
	return doc, ok
}

func (k *keptExtractions) Save(ctx context.Context, sum string, doc *extract.Document) error {
	k.put(sum, doc)
	if k.next == nil {
		return nil
	}
	return k.next.Save(ctx, sum, doc)
}

func (k *keptExtractions) get(sum string) (*extract.Document, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	doc, ok := k.docs[sum]
	return doc, ok
}

func (k *keptExtractions) put(sum string, doc *extract.Document) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.docs[sum] = doc
}
