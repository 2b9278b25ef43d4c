package workers

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/internal/testservers"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/storage"
	"github.com/portcheck/portcheck/webhooks"
)

// retentionStores are the two real stores: a folder, and S3 on
// versitygw (skipped without it unless PORTCHECK_REQUIRE_SERVICES=1).
// The folder's dir is returned to look at the disk itself.
var retentionStores = map[string]func(t *testing.T) (storage.Store, string){
	"folder": func(t *testing.T) (storage.Store, string) {
		dir := t.TempDir()
		s, err := storage.NewFS(dir)
		if err != nil {
			t.Fatal(err)
		}
		return s, dir
	},
	"s3": func(t *testing.T) (storage.Store, string) {
		srv := testservers.StartS3(t)
		ctx := context.Background()
		s, err := storage.NewS3(ctx, storage.S3Config{Bucket: "portcheck", Endpoint: srv.Endpoint, AccessKey: srv.AccessKey, SecretKey: storage.Secret(srv.SecretKey)})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.CreateBucket(ctx); err != nil {
			t.Fatal(err)
		}
		return s, ""
	},
}

// retentionWorld is a store with orders in each state a sweep meets.
type retentionWorld struct {
	t    *testing.T
	st   storage.Store
	recs records.Records
	docs map[string]string // name -> sha256
}

func (w *retentionWorld) order(tenant, id string, docs ...string) {
	w.t.Helper()
	ctx := context.Background()
	o := &order.Order{ID: id, AccountName: "Acme", Numbers: []order.Number{{Number: "+12175550100"}}}
	if _, err := w.recs.Create(ctx, tenant, o); err != nil {
		w.t.Fatal(err)
	}
	for _, d := range docs {
		w.upload(tenant, id, d)
	}
}

// upload stores a document named by its content, with its extraction,
// as a check would leave it.
func (w *retentionWorld) upload(tenant, id, name string) {
	w.t.Helper()
	ctx := context.Background()
	_, sum, err := storage.PutDocument(ctx, w.st, []byte("%PDF-1.4 "+name))
	if err != nil {
		w.t.Fatal(err)
	}
	w.docs[name] = sum
	w.st.Put(ctx, "extractions/2026-12-01.2/"+sum+".json", bytes.NewReader([]byte("{}")))
	if id != "" {
		// The reference records keeps of each order using a document.
		w.st.Put(ctx, "refs/sha256/"+sum+"/"+tenant+"/"+id+"/"+name+".pdf", bytes.NewReader(nil))
		if _, err := w.recs.AddDocument(ctx, tenant, id, records.DocRef{Name: name + ".pdf", Kind: "bill", SHA256: sum}); err != nil {
			w.t.Fatal(err)
		}
	}
}

func (w *retentionWorld) checked(tenant, id string, verdict report.Severity) {
	w.t.Helper()
	if err := w.recs.SaveReport(context.Background(), tenant, id, &report.Report{OrderID: id, AsOf: "2026-11-23", Verdict: verdict}); err != nil {
		w.t.Fatal(err)
	}
}

func (w *retentionWorld) keys() []string {
	w.t.Helper()
	infos, err := w.st.List(context.Background(), "")
	if err != nil {
		w.t.Fatal(err)
	}
	var out []string
	for _, i := range infos {
		out = append(out, i.Key)
	}
	return out
}

// content is what the store holds under k.
func (w *retentionWorld) content(k string) string {
	w.t.Helper()
	rc, err := w.st.Get(context.Background(), k)
	if err != nil {
		w.t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		w.t.Fatal(err)
	}
	return string(data)
}

// TestRetention: after the period, nothing of a finished order, of a
// deleted order, or of a document no order uses is left in the store;
// orders within their period, drafts, a tenant that keeps everything
// and a document another order still uses all stay.
func TestRetention(t *testing.T) {
	for name, open := range retentionStores {
		t.Run(name, func(t *testing.T) {
			st, dir := open(t)
			ctx := context.Background()
			w := &retentionWorld{t: t, st: st, recs: records.Records{Store: st}, docs: map[string]string{}}
			w.order("loc_a", "a-finished", "finished-bill", "shared-bill")
			w.checked("loc_a", "a-finished", report.Pass)
			w.order("loc_a", "a-recent", "shared-bill")
			w.checked("loc_a", "a-recent", report.Warn)
			w.order("loc_a", "a-draft", "draft-bill")
			w.order("loc_b", "b-deleted", "deleted-bill")
			w.checked("loc_b", "b-deleted", report.Reject)
			w.order("loc_c", "c-finished", "kept-bill")
			w.checked("loc_c", "c-finished", report.Pass)
			w.upload("", "", "orphan-bill")
			hooks := webhooks.Store{Store: st}
			sub, _ := hooks.Create(ctx, "loc_a", "https://a.example/h", []string{webhooks.OrderChecked}, time.Now())
			hooks.PutDelivery(ctx, "loc_a", sub.ID, webhooks.Delivery{Event: webhooks.NewEvent(webhooks.OrderChecked, "loc_a", "a-finished", "t1", "pass", "", time.Now()), Status: webhooks.Delivered})

			t0 := time.Now().UTC() // delivery records age by their write time
			periods := map[string]time.Duration{"loc_a": 30 * 24 * time.Hour, "loc_b": 7 * 24 * time.Hour, "loc_c": 0}
			sweepAt := func(day int) Swept {
				t.Helper()
				r := Retention{Records: w.recs, Period: func(t string) time.Duration { return periods[t] }, Now: func() time.Time { return t0.AddDate(0, 0, day) }}
				n, err := r.Sweep(ctx)
				if err != nil {
					t.Fatalf("sweep on day %d: %v", day, err)
				}
				return n
			}
			if n := sweepAt(0); n != (Swept{}) {
				t.Fatalf("the first sweep removed %+v: it only notes what it sees", n)
			}
			// Day 1: the client deletes b-deleted (as DELETE /v1/orders
			// does: the order's own objects, not the shared documents).
			for _, k := range w.keys() {
				if strings.HasPrefix(k, "orders/loc_b/b-deleted/") {
					st.(storage.Deleter).Delete(ctx, k)
				}
			}
			if n := sweepAt(1); n != (Swept{}) {
				t.Errorf("day 1 sweep removed %+v: b-deleted's period starts now", n)
			}
			// Day 20: a-recent gets a new upload: its period starts again;
			// b-deleted's 7 days have passed.
			w.upload("loc_a", "a-recent", "recent-bill")
			w.checked("loc_a", "a-recent", report.Warn)
			if diff := cmp.Diff(Swept{Orders: 1, Documents: 1, Extractions: 1}, sweepAt(20)); diff != "" {
				t.Errorf("day 20 sweep (-want +got):\n%s", diff)
			}
			if _, err := w.recs.Meta(ctx, "loc_a", "a-finished"); err != nil {
				t.Fatalf("a-finished removed before its period: %v", err)
			}
			got := sweepAt(31)
			want := Swept{Orders: 1, Documents: 2, Extractions: 2, Deliveries: 1}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("day 31 sweep (-want +got):\n%s", diff)
			}

			for _, k := range w.keys() {
				// A tenant's status index shards stay (they are the
				// tenant's, not one order's); no order removed is in them.
				what := k
				if strings.HasPrefix(k, "index/") {
					what = w.content(k)
				}
				for _, gone := range []string{"a-finished", "b-deleted", w.docs["finished-bill"], w.docs["deleted-bill"], w.docs["orphan-bill"], "loc_b"} {
					if strings.Contains(what, gone) {
						t.Errorf("%s is left of %s", k, gone)
					}
				}
			}
			if dir != "" {
				filepath.WalkDir(dir, func(p string, _ fs.DirEntry, err error) error {
					if strings.Contains(p, "a-finished") || strings.Contains(p, "b-deleted") {
						t.Errorf("%s is left on disk", p)
					}
					return err
				})
			}
			keys := w.keys()
			for _, stays := range [][2]string{{"loc_a", "a-recent"}, {"loc_a", "a-draft"}, {"loc_c", "c-finished"}} {
				if _, err := w.recs.Meta(ctx, stays[0], stays[1]); err != nil {
					t.Errorf("%s was removed: %v", stays[1], err)
				}
			}
			for _, doc := range []string{"shared-bill", "recent-bill", "draft-bill", "kept-bill"} {
				for _, k := range []string{storage.DocumentKey(w.docs[doc]), "extractions/2026-12-01.2/" + w.docs[doc] + ".json"} {
					if !slices.Contains(keys, k) {
						t.Errorf("%s of %s was removed; an order that stays uses it", k, doc)
					}
				}
			}
			if _, err := hooks.Get(ctx, "loc_a", sub.ID); err != nil {
				t.Errorf("the subscription went with its old deliveries: %v", err)
			}
			// Run again: nothing more goes, nothing fails.
			if n := sweepAt(32); n != (Swept{}) {
				t.Errorf("a second sweep removed %+v", n)
			}
		})
	}
}

// TestRetentionScheduled: asynq's scheduler queues the sweep and a
// worker runs it, on Redis and on the embedded mode's in-process queue;
// the embedded ticker sweeps at once. A sweep shows by the state it
// notes of each order.
func TestRetentionScheduled(t *testing.T) {
	for name, start := range hookQueues {
		t.Run(name, func(t *testing.T) {
			st, _ := retentionStores["folder"](t)
			w := &retentionWorld{t: t, st: st, recs: records.Records{Store: st}, docs: map[string]string{}}
			w.order("loc_a", "o1")
			redis := asynq.RedisClientOpt{Addr: start(t)}
			log := slog.New(slog.NewTextHandler(io.Discard, nil))
			srv := NewServer(redis, Config{Concurrency: 1, ShutdownTimeout: time.Second, PollInterval: 50 * time.Millisecond}, log)
			mux := asynq.NewServeMux()
			mux.Handle(TypeRetention, Retention{Records: w.recs})
			if err := srv.Start(mux); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(srv.Shutdown)
			sched, err := ScheduleRetention(redis, time.Second, log)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(sched.Shutdown)
			awaitKey(t, st, markKey("loc_a", "o1"), 10*time.Second)
		})
	}
	t.Run("ticker", func(t *testing.T) {
		st, _ := retentionStores["folder"](t)
		w := &retentionWorld{t: t, st: st, recs: records.Records{Store: st}, docs: map[string]string{}}
		w.order("loc_a", "o1")
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { Retention{Records: w.recs}.Every(ctx, time.Hour); close(done) }()
		awaitKey(t, st, markKey("loc_a", "o1"), 5*time.Second)
		cancel()
		<-done
	})
}

func awaitKey(t *testing.T, st storage.Store, key string, within time.Duration) {
	t.Helper()
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if _, err := st.Stat(context.Background(), key); err == nil {
			return
		}
	}
	t.Fatalf("no sweep within %s: %s was not written", within, key)
}
