package corpus

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/storage"
)

// Expectation is one entry of a reference set's expected.json: what a
// correct check of one order raises and never raises.
type Expectation struct {
	Order       string          `json:"order"`
	AsOf        string          `json:"as_of"`
	Profile     string          `json:"profile"`
	MustFlag    []report.Code   `json:"must_flag"`
	MustNotFlag []report.Code   `json:"must_not_flag"`
	Verdict     report.Severity `json:"verdict"`
	Scanned     bool            `json:"scanned"`
	Note        string          `json:"note"`
}

// OrderResult is one order checked against its expectation.
type OrderResult struct {
	Expectation
	Report  *report.Report
	Printed []PrintedDocument // from fields.json, when the set has one
	Elapsed time.Duration
}

// Missed are the must_flag codes the report does not raise.
func (r OrderResult) Missed() []report.Code {
	return slices.DeleteFunc(slices.Clone(r.MustFlag), r.Report.Has)
}

// FalseFlags are the must_not_flag codes the report raises.
func (r OrderResult) FalseFlags() []report.Code {
	return slices.DeleteFunc(slices.Clone(r.MustNotFlag), func(c report.Code) bool { return !r.Report.Has(c) })
}

// Agrees reports whether the verdict is the expected one.
func (r OrderResult) Agrees() bool { return r.Report.Verdict == r.Verdict }

// OrdersBoard scores whole orders of a reference set.
type OrdersBoard struct {
	Results []OrderResult
}

// OrdersOptions narrows a run.
type OrdersOptions struct {
	Match    *regexp.Regexp // only orders whose id matches; nil runs all
	Progress Progress       // told after each order; nil: nothing
}

// Progress is told how many of a run's items are done, of how many.
type Progress func(done, total int)

func (p Progress) tell(done, total int) {
	if p != nil {
		p(done, total)
	}
}

// Orders checks every order of dir (laid out as dir/expected.json and
// dir/orders/<id>/order.json) one at a time, each under its own as-of
// and profile, as `portcheck check` would.
func Orders(ctx context.Context, dir string, opt OrdersOptions, cfg pipeline.Config) (OrdersBoard, error) {
	var exps []Expectation
	if err := decodeStrict(filepath.Join(dir, "expected.json"), &exps); err != nil {
		return OrdersBoard{}, fmt.Errorf("score orders: %w", err)
	}
	printed, err := loadPrinted(filepath.Join(dir, "fields.json"))
	if err != nil {
		return OrdersBoard{}, fmt.Errorf("score orders: %w", err)
	}
	if opt.Match != nil {
		exps = slices.DeleteFunc(exps, func(e Expectation) bool { return !opt.Match.MatchString(e.Order) })
	}
	var b OrdersBoard
	for i, e := range exps {
		r, err := checkExpected(ctx, filepath.Join(dir, "orders", e.Order), e, cfg)
		if err != nil {
			return b, fmt.Errorf("score orders: %s: %w", e.Order, err)
		}
		r.Printed = printed[e.Order]
		b.Results = append(b.Results, r)
		opt.Progress.tell(i+1, len(exps))
	}
	return b, nil
}

func checkExpected(ctx context.Context, dir string, e Expectation, cfg pipeline.Config) (OrderResult, error) {
	fh, err := os.Open(filepath.Join(dir, "order.json"))
	if err != nil {
		return OrderResult{}, err
	}
	defer fh.Close()
	o, err := order.Decode(fh)
	if err != nil {
		return OrderResult{}, err
	}
	if o.ID == "" {
		o.ID = e.Order
	}
	if cfg.AsOf, err = time.Parse(time.DateOnly, e.AsOf); err != nil {
		return OrderResult{}, fmt.Errorf("as_of: %w", err)
	}
	if e.Profile != "" {
		if cfg.Profile, err = profile.Load(e.Profile); err != nil {
			return OrderResult{}, err
		}
	}
	docs, err := storage.NewLocalFS(dir)
	if err != nil {
		return OrderResult{}, err
	}
	start := time.Now()
	rep, err := pipeline.Check(ctx, o, docs, cfg)
	if err != nil {
		return OrderResult{}, err
	}
	return OrderResult{Expectation: e, Report: rep, Elapsed: time.Since(start)}, nil
}

// OrderTally is one group's figures.
type OrderTally struct {
	Orders, Agree           int
	MustFlag, Raised        int
	MustNotFlag, Falsely    int
	Elapsed                 time.Duration
	FalseByCode, MissByCode map[report.Code]int
}

// Recall is the share of must_flag codes raised.
func (t OrderTally) Recall() float64 { return share(t.Raised, t.MustFlag) }

// FalseFlagRate is the share of must_not_flag codes raised.
func (t OrderTally) FalseFlagRate() float64 { return share(t.Falsely, t.MustNotFlag) }

// Agreement is the share of orders with the expected verdict.
func (t OrderTally) Agreement() float64 { return share(t.Agree, t.Orders) }

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// Tally sums the orders that scanned selects (nil: all).
func (b OrdersBoard) Tally(scanned *bool) OrderTally {
	t := OrderTally{FalseByCode: map[report.Code]int{}, MissByCode: map[report.Code]int{}}
	for _, r := range b.Results {
		if scanned != nil && r.Scanned != *scanned {
			continue
		}
		t.Orders++
		t.Elapsed += r.Elapsed
		if r.Agrees() {
			t.Agree++
		}
		missed, falsely := r.Missed(), r.FalseFlags()
		t.MustFlag += len(r.MustFlag)
		t.Raised += len(r.MustFlag) - len(missed)
		t.MustNotFlag += len(r.MustNotFlag)
		t.Falsely += len(falsely)
		for _, c := range missed {
			t.MissByCode[c]++
		}
		for _, c := range falsely {
			t.FalseByCode[c]++
		}
	}
	return t
}

// Write prints the board: text-layer and scanned orders apart, the codes
// missed and falsely raised, then up to misses orders that went wrong
// with what was read on their documents and where.
func (b OrdersBoard) Write(w io.Writer, misses int) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "orders\tcount\trecall\tfalse flags\tverdict agreement\tms per order")
	text, scanned := false, true
	for _, g := range []struct {
		name string
		sel  *bool
	}{{"text layer", &text}, {"scanned", &scanned}, {"all", nil}} {
		t := b.Tally(g.sel)
		fmt.Fprintf(tw, "%s\t%d\t%.3f (%d/%d)\t%.3f (%d/%d)\t%.3f (%d/%d)\t%.0f\n", g.name, t.Orders,
			t.Recall(), t.Raised, t.MustFlag, t.FalseFlagRate(), t.Falsely, t.MustNotFlag,
			t.Agreement(), t.Agree, t.Orders, msPer(t.Elapsed, t.Orders))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	all := b.Tally(nil)
	writeCodeCounts(w, "missed (must_flag not raised)", all.MissByCode)
	writeCodeCounts(w, "false flags (must_not_flag raised)", all.FalseByCode)
	n := 0
	for _, r := range b.worst() {
		if n == misses {
			break
		}
		if r.Agrees() && len(r.Missed()) == 0 && len(r.FalseFlags()) == 0 {
			continue
		}
		n++
		writeOrderMiss(w, r)
	}
	return nil
}

func msPer(d time.Duration, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(d.Milliseconds()) / float64(n)
}

func writeCodeCounts(w io.Writer, title string, m map[report.Code]int) {
	if len(m) == 0 {
		return
	}
	codes := make([]report.Code, 0, len(m))
	for c := range m {
		codes = append(codes, c)
	}
	slices.SortFunc(codes, func(a, b report.Code) int {
		if m[a] != m[b] {
			return m[b] - m[a]
		}
		return strings.Compare(string(a), string(b))
	})
	fmt.Fprintf(w, "\n%s:\n", title)
	for _, c := range codes {
		fmt.Fprintf(w, "  %-28s %d\n", c, m[c])
	}
}

// worst orders the results by how much went wrong: a wrong verdict
// first, then the number of codes missed and falsely raised.
func (b OrdersBoard) worst() []OrderResult {
	rs := slices.Clone(b.Results)
	cost := func(r OrderResult) int {
		c := 2*len(r.Missed()) + 2*len(r.FalseFlags())
		if !r.Agrees() {
			c += 3
		}
		return c
	}
	slices.SortStableFunc(rs, func(a, b OrderResult) int { return cost(b) - cost(a) })
	return rs
}

func writeOrderMiss(w io.Writer, r OrderResult) {
	src := "text"
	if r.Scanned {
		src = "scanned"
	}
	fmt.Fprintf(w, "\n%s (%s, %s): verdict %s, expected %s; %s\n", r.Order, src, r.Profile, r.Report.Verdict, r.Verdict, r.Note)
	if m := r.Missed(); len(m) > 0 {
		fmt.Fprintf(w, "  missed: %s\n", joinCodes(m))
	}
	falsely := r.FalseFlags()
	for _, f := range r.Report.Findings {
		if !slices.Contains(falsely, f.Code) {
			continue
		}
		fmt.Fprintf(w, "  false %s %s [%s]: expected %q found %q%s\n", f.Code, f.Field, f.Document, f.Expected, f.Found, evidenceText(f.Evidence))
	}
	for _, d := range r.Report.Documents {
		fmt.Fprintf(w, "  %s %s (%s, %d pages):", d.Kind, d.Path, d.TextSource, d.Pages)
		for _, kv := range flattenPairs(d.Fields) {
			fmt.Fprintf(w, " %s=%q", kv[0], kv[1])
		}
		fmt.Fprintln(w)
		if p := r.printedFor(d.Path); p != nil {
			for _, diff := range p.differences(d.Fields) {
				fmt.Fprintf(w, "    printed %s\n", diff)
			}
		}
	}
}

func evidenceText(e *report.Evidence) string {
	if e == nil {
		return ""
	}
	s := fmt.Sprintf(" at page %d", e.Page)
	if e.Box != nil {
		s += fmt.Sprintf(" box %.0f,%.0f,%.0f,%.0f", e.Box[0], e.Box[1], e.Box[2], e.Box[3])
	}
	if e.Text != "" {
		s += fmt.Sprintf(" %q", e.Text)
	}
	return s
}

func joinCodes(cs []report.Code) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

func (r OrderResult) printedFor(path string) *PrintedDocument {
	for i := range r.Printed {
		if r.Printed[i].Path == path {
			return &r.Printed[i]
		}
	}
	return nil
}
