package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/api"
	"github.com/portcheck/portcheck/extract/ocr"
	"github.com/portcheck/portcheck/extract/ocr/engine"
	"github.com/portcheck/portcheck/internal/leak"
	"github.com/portcheck/portcheck/internal/testservers"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/storage"
	"github.com/portcheck/portcheck/workers"
)

func TestMain(m *testing.M) {
	engine.ServeIfChild()
	if os.Getenv("PORTCHECK_TEST_WORKER") == "1" {
		runWorkerProcess() // never returns: the test kills it
	}
	os.Exit(m.Run())
}

// runWorkerProcess makes this test binary a worker process, so a test
// can SIGKILL a worker in the middle of a task.
func runWorkerProcess() {
	ctx := context.Background()
	st, err := storage.NewS3(ctx, storage.S3Config{Bucket: "portcheck", Endpoint: os.Getenv("TEST_S3_ENDPOINT"),
		AccessKey: os.Getenv("TEST_S3_ACCESS"), SecretKey: storage.Secret(os.Getenv("TEST_S3_SECRET"))})
	if err != nil {
		panic(err)
	}
	worker := workers.NewServer(asynq.RedisClientOpt{Addr: os.Getenv("TEST_REDIS")}, workers.Config{Concurrency: 1}, quiet())
	checker := workers.Checker{Records: records.Records{Store: st}, Pipeline: pipeline.Config{OCR: ocr.Process{}}, Metrics: workers.NewMetrics()}
	if err := worker.Run(workers.NewMux(checker, quiet())); err != nil {
		panic(err)
	}
	os.Exit(0)
}

const (
	keyA = "key-for-tenant-a-0123456789"
	keyB = "key-for-tenant-b-0123456789"
	asOf = "2026-11-23"
)

// service is the API over a real S3 server, with workers on a real Redis.
type service struct {
	url     string
	store   storage.Store
	redis   *testservers.Redis
	s3      *testservers.S3
	recs    records.Records
	logs    *logBuffer
	metrics *workers.Metrics
	queue   *asynq.Client // the hook services' queue
}

func startService(t testing.TB) *service {
	t.Helper()
	s := startAPI(t)
	s.startWorker(t)
	return s
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// logBuffer collects every log line of a test's service, for the check
// that no secret is ever logged.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startWorker runs a worker in this process on the service's Redis.
func (s *service) startWorker(t testing.TB) {
	t.Helper()
	log := slog.New(slog.NewTextHandler(s.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	worker := workers.NewServer(asynq.RedisClientOpt{Addr: s.redis.Addr}, workers.Config{Concurrency: 2, ShutdownTimeout: 5 * time.Second, RetryBase: 500 * time.Millisecond}, log)
	checker := workers.Checker{Records: s.recs, Pipeline: pipeline.Config{OCR: ocr.Process{}}, Metrics: s.metrics}
	if err := worker.Start(workers.NewMux(checker, log)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(worker.Shutdown)
}

// startAPI starts the servers and the API, without a worker.
func startAPI(t testing.TB) *service {
	t.Helper()
	s3srv := testservers.StartS3(t)
	rd := testservers.StartRedis(t)
	ctx := context.Background()
	st, err := storage.NewS3(ctx, storage.S3Config{Bucket: "portcheck", Endpoint: s3srv.Endpoint, AccessKey: s3srv.AccessKey, SecretKey: storage.Secret(s3srv.SecretKey)})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CreateBucket(ctx); err != nil {
		t.Fatal(err)
	}
	keys, err := api.ParseKeys(strings.NewReader(keyA + " loc_7f3a\n" + keyB + " loc_b\n"))
	if err != nil {
		t.Fatal(err)
	}
	logs := &logBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	metrics := workers.NewMetrics()
	queue := asynq.NewClient(asynq.RedisClientOpt{Addr: rd.Addr})
	t.Cleanup(func() { queue.Close() })
	recs := records.Records{Store: st}
	h, err := api.Handler(api.Config{Records: recs, Queue: queue, Keys: keys, Log: log, Metrics: metrics})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &service{url: srv.URL, store: st, redis: rd, s3: s3srv, recs: recs, logs: logs, metrics: metrics}
}

func (s *service) do(t testing.TB, key, method, path string, body []byte) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, s.url+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// submit creates an order from a sample order folder and uploads its
// documents under their base names; it returns the folder of an
// equivalent order for `portcheck check` (same names, same bytes).
func (s *service) submit(t testing.TB, key, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "order.json"))
	if err != nil {
		t.Fatal(err)
	}
	o, err := order.DecodeBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	local := t.TempDir()
	docs := o.Documents
	o.Documents = nil
	body, _ := order.EncodeStored(o)
	if code, out := s.do(t, key, "POST", "/v1/orders", body); code != http.StatusCreated {
		t.Fatalf("create %s: %d %s", o.ID, code, out)
	}
	for _, d := range docs {
		name := filepath.Base(d.Path)
		content, err := os.ReadFile(filepath.Join(dir, d.Path))
		if err != nil {
			t.Fatal(err)
		}
		if code, out := s.do(t, key, "PUT", "/v1/orders/"+o.ID+"/documents/"+name+"?kind="+string(d.Kind), content); code != http.StatusCreated {
			t.Fatalf("upload %s: %d %s", name, code, out)
		}
		os.WriteFile(filepath.Join(local, name), content, 0o644)
		o.Documents = append(o.Documents, order.Document{Kind: d.Kind, Path: name})
	}
	body, _ = order.EncodeStored(o)
	os.WriteFile(filepath.Join(local, "order.json"), body, 0o644)
	return local
}

func (s *service) awaitReport(t testing.TB, key, id string) []byte {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		code, out := s.do(t, key, "GET", "/v1/orders/"+id+"/report", nil)
		if code == http.StatusOK {
			return out
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no report for %s within 60s", id)
	return nil
}

// withoutPorting removes NUMBER_ALREADY_PORTING findings, settles the
// verdict again and returns how many there were.
func withoutPorting(r *report.Report) int {
	n := len(r.Findings)
	r.Findings = slices.DeleteFunc(r.Findings, func(f report.Finding) bool { return f.Code == report.NumberAlreadyPorting })
	r.Finalize()
	return n - len(r.Findings)
}

func cliReport(t testing.TB, dir string) *report.Report {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "order.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	o, err := order.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := storage.NewLocalFS(dir)
	at, _ := time.Parse(time.DateOnly, asOf)
	rep, err := pipeline.Check(context.Background(), o, docs, pipeline.Config{AsOf: at, OCR: ocr.Process{}})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestServiceEndToEnd drives the service over HTTP: orders created,
// documents uploaded, checks queued and run by workers on Redis with
// documents in S3, and each report equal to what `portcheck check` makes
// of the same order and documents.
func TestServiceEndToEnd(t *testing.T) {
	s := startService(t)
	for i, name := range []string{"clean", "rejected", "address-abbreviation", "loa-unsigned", "scan-clean"} {
		t.Run(name, func(t *testing.T) {
			local := s.submit(t, keyA, filepath.Join("../testdata/orders", name))
			if code, out := s.do(t, keyA, "POST", "/v1/orders/"+name+"/check?as_of="+asOf, nil); code != http.StatusAccepted {
				t.Fatalf("check: %d %s", code, out)
			}
			var got report.Report
			if err := json.Unmarshal(s.awaitReport(t, keyA, name), &got); err != nil {
				t.Fatal(err)
			}
			// Every sample order ports the sample customer's numbers, so
			// after the first each is also NUMBER_ALREADY_PORTING against
			// the pending ones before it; portcheck check of one order
			// cannot know that, so those findings are compared apart.
			porting := withoutPorting(&got)
			if (i > 0) != (porting > 0) {
				t.Errorf("%d NUMBER_ALREADY_PORTING findings for order %d of the run", porting, i+1)
			}
			want := cliReport(t, local)
			if diff := cmp.Diff(want, &got); diff != "" {
				t.Errorf("service report differs from portcheck check (-check +service):\n%s", diff)
			}
			_, out := s.do(t, keyA, "GET", "/v1/orders/"+name, nil)
			if !strings.Contains(string(out), `"status": "checked"`) || strings.Contains(string(out), "4410") {
				t.Errorf("order view: %s", out)
			}
		})
	}
	// The list filters by status, verdict and code, newest first.
	for query, want := range map[string]int{"status=checked": 5, "verdict=reject": 4, "code=LOA_UNSIGNED": 2, "status=draft": 0} {
		_, out := s.do(t, keyA, "GET", "/v1/orders?"+query, nil)
		var list struct{ Orders []records.Meta }
		if err := json.Unmarshal(out, &list); err != nil || len(list.Orders) != want {
			t.Errorf("GET /v1/orders?%s: %d orders, want %d (%v)", query, len(list.Orders), want, err)
		}
	}
	// PINs never reach a log line or a metric.
	_, metrics := s.do(t, "", "GET", "/metrics", nil)
	for _, want := range []string{`portcheck_task_duration_seconds_count{result="ok",type="order:check"} 5`, `portcheck_document_read_duration_seconds_count{source="text-layer"}`, `portcheck_document_read_duration_seconds_count{source="ocr"}`, `portcheck_findings_total{code="NAME_MISMATCH"}`} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("metrics lack %s:\n%s", want, metrics)
		}
	}
	if !strings.Contains(s.logs.String(), "task done") {
		t.Errorf("no task was logged: %s", s.logs.String())
	}
	for _, secret := range []string{"4410", "9921"} {
		if leak.Holds(string(metrics), secret) || leak.Holds(s.logs.String(), secret) {
			t.Errorf("the PIN %s reached the metrics or the logs", secret)
		}
	}
}

func TestServiceRefusals(t *testing.T) {
	s := startService(t)
	s.submit(t, keyA, "../testdata/orders/clean")
	tests := []struct {
		name, key, method, path string
		body                    []byte
		want                    int
	}{
		{"no key", "", "GET", "/v1/orders/clean", nil, http.StatusUnauthorized},
		{"wrong key", "not-a-key-at-all-0000", "GET", "/v1/orders/clean", nil, http.StatusUnauthorized},
		{"other tenant reads", keyB, "GET", "/v1/orders/clean", nil, http.StatusNotFound},
		{"other tenant uploads", keyB, "PUT", "/v1/orders/clean/documents/x.pdf?kind=bill", []byte("%PDF-1.4"), http.StatusNotFound},
		{"other tenant checks", keyB, "POST", "/v1/orders/clean/check", nil, http.StatusNotFound},
		{"report before check", keyA, "GET", "/v1/orders/clean/report", nil, http.StatusConflict},
		{"body not what it claims", keyA, "PUT", "/v1/orders/clean/documents/bill.pdf?kind=bill", []byte("just some text, not a PDF"), http.StatusUnsupportedMediaType},
		{"bad kind", keyA, "PUT", "/v1/orders/clean/documents/bill.pdf?kind=invoice", []byte("%PDF-1.4"), http.StatusBadRequest},
		{"oversized upload", keyA, "PUT", "/v1/orders/clean/documents/big.pdf?kind=bill", append([]byte("%PDF-1.4\n"), make([]byte, 51<<20)...), http.StatusRequestEntityTooLarge},
		{"unknown field", keyA, "POST", "/v1/orders", []byte(`{"id":"x","numbers":[{"number":"+12175550100"}],"acount":1}`), http.StatusBadRequest},
		{"duplicate id", keyA, "POST", "/v1/orders", []byte(`{"id":"clean","numbers":[{"number":"+12175550100"}]}`), http.StatusConflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out := s.do(t, tt.key, tt.method, tt.path, tt.body)
			if code != tt.want {
				t.Errorf("%d %s, want %d", code, out, tt.want)
			}
			if code >= 400 && !strings.Contains(string(out), `"error"`) {
				t.Errorf("error body %s lacks the error object", out)
			}
		})
	}
	// Nothing was stored by the refused uploads: the order still has the
	// documents it was created with, and tenant B has no orders.
	_, out := s.do(t, keyA, "GET", "/v1/orders/clean", nil)
	var view struct{ Documents []records.DocRef }
	json.Unmarshal(out, &view)
	if len(view.Documents) != 2 {
		t.Errorf("order has %d documents after refused uploads, want 2", len(view.Documents))
	}
	_, out = s.do(t, keyB, "GET", "/v1/orders", nil)
	if !strings.Contains(string(out), `"orders": []`) {
		t.Errorf("tenant B sees orders: %s", out)
	}
}

// TestRedisRestartLosesNothing: checks queued while no worker runs
// survive Redis being killed and restarted (append-only file with
// appendfsync always), and run once a worker starts.
func TestRedisRestartLosesNothing(t *testing.T) {
	s := startAPI(t)
	for _, name := range []string{"clean", "rejected"} {
		s.submit(t, keyA, filepath.Join("../testdata/orders", name))
		if code, out := s.do(t, keyA, "POST", "/v1/orders/"+name+"/check?as_of="+asOf, nil); code != http.StatusAccepted {
			t.Fatalf("check %s: %d %s", name, code, out)
		}
	}
	s.redis.Stop() // SIGKILL
	s.redis.Restart(t)
	s.startWorker(t)
	for _, name := range []string{"clean", "rejected"} {
		s.awaitReport(t, keyA, name)
	}
}

// TestStorageOutage: with the S3 server down the intake answers 503 and
// stores nothing; a check that meets the outage is retried and finishes
// once the server is back.
func TestStorageOutage(t *testing.T) {
	s := startAPI(t)
	s.submit(t, keyA, "../testdata/orders/clean")
	if code, out := s.do(t, keyA, "POST", "/v1/orders/clean/check?as_of="+asOf, nil); code != http.StatusAccepted {
		t.Fatalf("check: %d %s", code, out)
	}
	s.s3.Stop()
	body := []byte(`{"id":"during-outage","numbers":[{"number":"+12175550100"}]}`)
	if code, out := s.do(t, keyA, "POST", "/v1/orders", body); code != http.StatusServiceUnavailable {
		t.Errorf("create during the outage: %d %s, want 503", code, out)
	}
	s.startWorker(t) // meets the outage: the check fails and is retried
	time.Sleep(10 * time.Second)
	s.s3.Restart(t)
	s.awaitReport(t, keyA, "clean")
	if code, _ := s.do(t, keyA, "GET", "/v1/orders/during-outage", nil); code != http.StatusNotFound {
		t.Errorf("the order refused during the outage exists: %d", code)
	}
}

// startWorkerProcess runs a worker in a process of its own group, so
// killing it kills its OCR child too.
func (s *service) startWorkerProcess(t testing.TB) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PORTCHECK_TEST_WORKER=1", "TEST_REDIS="+s.redis.Addr,
		"TEST_S3_ENDPOINT="+s.s3.Endpoint, "TEST_S3_ACCESS="+s.s3.AccessKey, "TEST_S3_SECRET="+s.s3.SecretKey)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); cmd.Wait() })
	return cmd
}

// TestWorkerKilledMidTask: a worker SIGKILLed while it checks a scanned
// order (OCR in progress) loses nothing: once its lease on the task runs
// out, another worker runs it and the report appears.
func TestWorkerKilledMidTask(t *testing.T) {
	if testing.Short() {
		t.Skip("waits out asynq's 30s task lease")
	}
	s := startAPI(t)
	s.submit(t, keyA, "../testdata/orders/scan-call-detail")
	first := s.startWorkerProcess(t)
	if code, out := s.do(t, keyA, "POST", "/v1/orders/scan-call-detail/check?as_of="+asOf, nil); code != http.StatusAccepted {
		t.Fatalf("check: %d %s", code, out)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		m, err := s.recs.Meta(context.Background(), "loc_7f3a", "scan-call-detail")
		if err == nil && m.Status == records.Checking {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the worker never started the check: %+v %v", m, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	syscall.Kill(-first.Process.Pid, syscall.SIGKILL)
	first.Wait()
	if _, err := s.recs.Report(context.Background(), "loc_7f3a", "scan-call-detail"); err == nil {
		t.Fatal("the report was written before the kill; the test proves nothing")
	}
	s.startWorkerProcess(t)
	deadline = time.Now().Add(150 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := s.recs.Report(context.Background(), "loc_7f3a", "scan-call-detail"); err == nil {
			m, _ := s.recs.Meta(context.Background(), "loc_7f3a", "scan-call-detail")
			if m.Status != records.Checked {
				t.Errorf("status %s after the report", m.Status)
			}
			return
		}
		time.Sleep(500 * time.Millisecond)
	}
	t.Fatal("the killed worker's task never ran again")
}

// TestRevalidateFlagsAging: re-validating pending orders a week later
// flags the bill that is about to age out, before a carrier sees it.
func TestRevalidateFlagsAging(t *testing.T) {
	s := startService(t)
	s.submit(t, keyA, "../testdata/orders/clean")
	s.do(t, keyA, "POST", "/v1/orders/clean/check?as_of="+asOf, nil)
	var first report.Report
	json.Unmarshal(s.awaitReport(t, keyA, "clean"), &first)
	if first.Has(report.BillAging) {
		t.Fatal("the bill ages already on the first check")
	}
	q := asynq.NewClient(asynq.RedisClientOpt{Addr: s.redis.Addr})
	defer q.Close()
	n, err := workers.Revalidate(context.Background(), s.recs, q, workers.Filter{AsOf: "2026-11-30"}, nil)
	if err != nil || n != 1 {
		t.Fatalf("Revalidate = %d, %v", n, err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		var r report.Report
		json.Unmarshal(s.awaitReport(t, keyA, "clean"), &r)
		if r.AsOf == "2026-11-30" {
			if !r.Has(report.BillAging) {
				t.Errorf("re-validated report has no BILL_AGING: %+v", r.Findings)
			}
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatal("no re-validated report")
}

// TestMultipartUpload: a document may come as a multipart/form-data file
// part; it is stored the same as a raw body, once.
func TestMultipartUpload(t *testing.T) {
	s := startAPI(t)
	s.do(t, keyA, "POST", "/v1/orders", []byte(`{"id":"mp","numbers":[{"number":"+12175550100"}]}`))
	pdf, err := os.ReadFile("../testdata/docs/bill-header-box.pdf")
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("note", "ignored")
	fw, _ := mw.CreateFormFile("file", "march.pdf")
	fw.Write(pdf)
	mw.Close()
	req, _ := http.NewRequest("PUT", s.url+"/v1/orders/mp/documents/bill.pdf?kind=bill", &body)
	req.Header.Set("Authorization", "Bearer "+keyA)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var ref records.DocRef
	json.Unmarshal(out, &ref)
	if resp.StatusCode != http.StatusCreated || ref.Bytes != int64(len(pdf)) || ref.MediaType != "application/pdf" {
		t.Errorf("multipart upload: %d %s", resp.StatusCode, out)
	}
	// The same bytes as a raw body are the same stored object.
	s.do(t, keyA, "PUT", "/v1/orders/mp/documents/again.pdf?kind=bill", pdf)
	docs, _ := s.store.List(context.Background(), "documents/")
	if len(docs) != 1 {
		t.Errorf("%d stored documents for one content, want 1", len(docs))
	}
}
