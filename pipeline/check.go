package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/portcheck/portcheck/match"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/storage"
)

// Documents is where the pipeline reads an order's documents from, by
// the order's document path. storage.Store satisfies it. Errors wrapping
// storage.ErrNotFound or storage.ErrInvalidKey are permanent; others may
// be retried.
type Documents interface {
	Get(ctx context.Context, key string) (io.ReadCloser, error)
	Stat(ctx context.Context, key string) (storage.Info, error)
}

// Input is one order and where its documents are.
type Input struct {
	Order *order.Order
	Docs  Documents
}

// Check runs every stage on one order.
func Check(ctx context.Context, o *order.Order, docs Documents, cfg Config) (*report.Report, error) {
	reps, err := CheckAll(ctx, []Input{{Order: o, Docs: docs}}, cfg)
	if err != nil {
		return nil, err
	}
	return reps[0], nil
}

// CheckAll checks several orders as one batch: besides each order's own
// findings, a number that stands in two of them is NUMBER_ALREADY_PORTING.
func CheckAll(ctx context.Context, in []Input, cfg Config) ([]*report.Report, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	reps := make([]*report.Report, len(in))
	orders := make([]*order.Order, len(in))
	for i, x := range in {
		c, err := checkOne(ctx, x, cfg)
		if err != nil {
			return nil, fmt.Errorf("check order %s: %w", x.Order.ID, err)
		}
		reps[i], orders[i] = c.rep, x.Order
	}
	if len(in) > 1 {
		for i, fs := range match.AlreadyPorting(orders) {
			reps[i].Findings = append(reps[i].Findings, fs...)
		}
	}
	for _, r := range reps {
		r.Finalize()
	}
	return reps, nil
}

// checked is one order's report before Finalize, with what it was made
// from that a Standing names.
type checked struct {
	rep    *report.Report
	p      *profile.Profile
	dated  match.Dated         // what the date rules read, redacted
	others map[string][]string // the porting lookup's answer; nil without Pending
}

func checkOne(ctx context.Context, in Input, cfg Config) (checked, error) {
	p, err := ProfileFor(in.Order, cfg.Profile)
	if err != nil {
		return checked{}, err
	}
	rep := &report.Report{OrderID: in.Order.ID, Profile: p.Name, AsOf: cfg.asOfDate().Format("2006-01-02")}
	var reads []match.Read
	for i, d := range in.Order.Documents {
		start := time.Now()
		doc, fs, err := readDocument(ctx, i, d, in.Docs, in.Order.Region(), p, cfg)
		if err != nil {
			return checked{}, err
		}
		if cfg.Observe != nil {
			cfg.Observe(doc.summary.TextSource, time.Since(start))
		}
		r := readFields(in.Order, i, d, doc)
		saveFields(ctx, cfg, in.Order, d, doc, r)
		doc.summary.Fields = reportFields(r)
		reads = append(reads, r)
		rep.Documents = append(rep.Documents, doc.summary)
		rep.Findings = append(rep.Findings, fs...)
	}
	rep.Findings = append(rep.Findings, match.UndatedFindings(in.Order, p, reads)...)
	// the date rules' findings are made from their inputs as a memo
	// keeps them (redacted), so Redate makes them the same way
	dated := match.DatedOf(reads).Redacted(NewRedactor(in.Order).String)
	rep.Findings = append(rep.Findings, dated.Findings(in.Order, p, cfg.asOfDate())...)
	others, err := portingOrders(ctx, cfg, in.Order)
	if err != nil {
		return checked{}, err
	}
	if cfg.Pending != nil {
		rep.Findings = append(rep.Findings, match.PortingConflicts(in.Order, others)...)
	}
	applySeverities(rep, p)
	redact(rep, in.Order)
	return checked{rep: rep, p: p, dated: dated, others: others}, nil
}

// portingOrders asks cfg.Pending which other orders port o's numbers;
// nil without it.
func portingOrders(ctx context.Context, cfg Config, o *order.Order) (map[string][]string, error) {
	if cfg.Pending == nil {
		return nil, nil
	}
	others, err := cfg.Pending.PortingOrders(ctx, o)
	if err != nil {
		return nil, fmt.Errorf("find orders porting the same numbers: %w", err)
	}
	return others, nil
}

// saveFields keeps what was read of a document that was read from its
// file, for the next check of the same bytes.
func saveFields(ctx context.Context, cfg Config, o *order.Order, d order.Document, res readResult, r match.Read) {
	if cfg.Fields == nil || res.cached != nil || res.sum == "" || res.text == nil || errors.Is(ctx.Err(), context.Canceled) {
		return
	}
	k := FieldsKey{SHA256: res.sum, Reader: readerOf(d.Kind), Region: o.Region()}
	_ = cfg.Fields.SaveFields(ctx, k, newDocFields(res.text, r.Bill, r.LOA))
}

// applySeverities lets a profile change a code's default severity in one
// place, whichever stage made the finding.
func applySeverities(rep *report.Report, p *profile.Profile) {
	for i := range rep.Findings {
		f := &rep.Findings[i]
		f.Severity = p.Severity(f.Code, f.Severity)
	}
}
