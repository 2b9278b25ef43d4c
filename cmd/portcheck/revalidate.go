package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/storage"
	"github.com/portcheck/portcheck/workers"
)

func runRevalidate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f serviceFlags
	var filter workers.Filter
	var statuses string
	fs := newFlagSet("revalidate", stderr)
	f.register(fs)
	fs.StringVar(&filter.Tenant, "tenant", "", "only this tenant's (location_id) orders")
	fs.StringVar(&statuses, "status", "", "only orders in these `statuses` (comma-separated; default all but draft and failed)")
	fs.StringVar(&filter.AsOf, "as-of", "", "`YYYY-MM-DD` taken as today (default: today, UTC)")
	wait := fs.Bool("wait", true, "with --redis, follow the batches until the workers finish them; false only queues them")
	if _, err := parseInterleaved(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitInvalid
	}
	if statuses != "" {
		filter.Statuses = strings.Split(statuses, ",")
	}
	if err := filter.Validate(); err != nil {
		msg := strings.Replace(strings.Replace(err.Error(), "as_of:", "--as-of:", 1), "status:", "--status:", 1)
		fmt.Fprintf(stderr, "portcheck revalidate: %s\n", strings.TrimSuffix(msg, ": invalid filter"))
		return exitInvalid
	}
	store, err := openStore(ctx, f.store, f.s3Endpoint)
	if err != nil {
		fmt.Fprintf(stderr, "portcheck revalidate: %v\n", err)
		return exitInvalid
	}
	recs := records.Records{Store: store}
	bs, err := workers.Plan(ctx, recs, filter)
	if err != nil {
		fmt.Fprintf(stderr, "portcheck revalidate: %v\n", err)
		return exitInvalid
	}
	if f.redis == "" {
		err = revalidateHere(ctx, store, bs, f.concurrency, stdout, stderr)
	} else {
		err = revalidateQueued(ctx, f.redis, bs, *wait, stdout, stderr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "portcheck revalidate: %v\n", err)
		return exitInvalid
	}
	return exitOK
}

// revalidateHere runs the batches in this process, as an embedded
// worker would, concurrency of them at a time.
func revalidateHere(ctx context.Context, store storage.Store, bs []workers.Batch, concurrency int, stdout, stderr io.Writer) error {
	bc := workers.BatchChecker{Checker: checker(store, workers.NewMetrics())}
	p := newProgress(stderr, "checked", workers.Orders(bs))
	var mu sync.Mutex
	counts := map[workers.Outcome]int{}
	tell := func(_ string, o workers.Outcome) {
		mu.Lock()
		counts[o]++
		mu.Unlock()
		p.add(1)
	}
	next := make(chan workers.Batch)
	errs := make([]error, max(concurrency, 1))
	var wg sync.WaitGroup
	for w := range errs {
		wg.Go(func() {
			for b := range next {
				if err := bc.Run(ctx, b, tell); err != nil && errs[w] == nil {
					errs[w] = err
				}
			}
		})
	}
	for _, b := range bs {
		next <- b
	}
	close(next)
	wg.Wait()
	p.end()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "re-validated %d orders: %d checked, %d already answered or no longer picked, %d failed (a document is missing)\n",
		workers.Orders(bs), counts[workers.Checked], counts[workers.Skipped], counts[workers.Failed])
	return nil
}

// revalidateQueued queues the batches and, with wait, follows them
// until the workers have finished every one.
func revalidateQueued(ctx context.Context, addr string, bs []workers.Batch, wait bool, stdout, stderr io.Writer) error {
	redis := asynq.RedisClientOpt{Addr: addr}
	q := asynq.NewClient(redis)
	defer q.Close()
	if err := workers.Enqueue(ctx, q, bs, nil); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "queued %d orders in %d batches on the %q queue\n", workers.Orders(bs), len(bs), workers.QueueBatch)
	if !wait || len(bs) == 0 {
		return nil
	}
	in := asynq.NewInspector(redis)
	defer in.Close()
	p := newProgress(stderr, "checked", workers.Orders(bs))
	defer p.end()
	left, failed := bs, 0
	for len(left) > 0 {
		var still []workers.Batch
		for _, b := range left {
			info, err := in.GetTaskInfo(workers.QueueBatch, b.TaskID())
			switch {
			case errors.Is(err, asynq.ErrTaskNotFound) || err == nil && info.State == asynq.TaskStateCompleted:
				p.add(len(b.IDs))
			case err == nil && info.State == asynq.TaskStateArchived:
				failed++
				p.add(len(b.IDs))
			case err != nil && !errors.Is(err, asynq.ErrQueueNotFound):
				return fmt.Errorf("follow the batches: %w", err)
			default:
				still = append(still, b)
			}
		}
		left = still
		if len(left) > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(500 * time.Millisecond):
			}
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d batches failed for good (asynq's archived tasks say why)", failed, len(bs))
	}
	return nil
}

// progress tells how far a run is: on a terminal one line rewritten in
// place, otherwise a plain line every few seconds and one at the end.
type progress struct {
	w            io.Writer
	tty          bool
	what, noun   string // "checked", "orders"
	total        int
	start, shown time.Time
	mu           sync.Mutex
	done         int
}

func newProgress(w io.Writer, what string, total int) *progress {
	now := time.Now()
	return &progress{w: w, tty: isTerminal(w), what: what, noun: "orders", total: total, start: now, shown: now}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (p *progress) add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	now := time.Now()
	every := 5 * time.Second
	if p.tty {
		every = 200 * time.Millisecond
	}
	if now.Sub(p.shown) >= every {
		p.shown = now
		p.show(now, false)
	}
}

func (p *progress) end() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.show(time.Now(), true)
}

// show writes one report of progress: counts, rate and time left.
func (p *progress) show(now time.Time, last bool) {
	line := progressLine(p.what, p.noun, p.done, p.total, now.Sub(p.start))
	switch {
	case p.tty && last:
		fmt.Fprintf(p.w, "\r%s\x1b[K\n", line)
	case p.tty:
		fmt.Fprintf(p.w, "\r%s\x1b[K", line)
	default:
		fmt.Fprintln(p.w, line)
	}
}

// progressLine: "checked 12000 of 100000 orders (12%), 2400/s, 33s left".
func progressLine(what, noun string, done, total int, elapsed time.Duration) string {
	pct := 100
	if total > 0 {
		pct = done * 100 / total
	}
	line := fmt.Sprintf("%s %d of %d %s (%d%%)", what, done, total, noun, pct)
	if elapsed < 100*time.Millisecond || done == 0 {
		return line
	}
	rate := float64(done) / elapsed.Seconds()
	line += fmt.Sprintf(", %.0f/s", rate)
	if done < total {
		line += fmt.Sprintf(", %s left", time.Duration(float64(total-done)/rate*float64(time.Second)).Round(time.Second))
	} else {
		line += fmt.Sprintf(", %s in all", elapsed.Round(10*time.Millisecond))
	}
	return line
}

// corpusProgress tells a corpus run's progress on w like revalidate's:
// the run knows its total only once it starts, so the progress is made
// at the first item. end writes the last line, if there was a first.
func corpusProgress(w io.Writer, what, noun string) (tell func(done, total int), end func()) {
	var p *progress
	tell = func(done, total int) {
		if p == nil {
			p = newProgress(w, what, total)
			p.noun = noun
		}
		p.add(done - p.done)
	}
	end = func() {
		if p != nil {
			p.end()
		}
	}
	return tell, end
}
