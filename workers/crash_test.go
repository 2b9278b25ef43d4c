package workers

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"github.com/portcheck/portcheck/internal/testservers"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/storage"
)

// TestWorkerKilledTwice: a real worker process killed with SIGKILL in
// the middle of a slow document's OCR, twice, takes its OCR child with
// it each time, and the third worker to get the check fails the order
// with the reason instead of running it again: no order stuck checking,
// no task handed round a crash loop, no orphan reading on.
func TestWorkerKilledTwice(t *testing.T) {
	if testing.Short() {
		t.Skip("builds portcheck and runs three workers")
	}
	rd := testservers.StartRedis(t)
	testservers.Binary(t, "tesseract", "scripts/setup.sh")
	bin := buildPortcheck(t)
	dir := t.TempDir()
	store, err := storage.NewFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	recs := records.Records{Store: store}
	slowOrder(t, recs, "slow", slowScan(t, 40))
	q := asynq.NewClient(asynq.RedisClientOpt{Addr: rd.Addr})
	defer q.Close()
	ctx := context.Background()
	if _, queued, err := RequestCheck(ctx, recs, q, tenant, "slow", "2026-11-20", QueueChecks); err != nil || !queued {
		t.Fatalf("request check: queued %v, %v", queued, err)
	}
	mark := "PORTCHECK_TEST_WORKER=" + nonce()
	for kill := 1; kill <= 2; kill++ {
		w, logs := startWorker(t, bin, rd.Addr, dir, mark)
		awaitAttempt(t, recs, kill, logs) // past the worker's start, whose engine probe is a child too
		child := awaitOCRChild(t, w, logs)
		if exe, _ := os.Readlink("/proc/" + strconv.Itoa(child) + "/exe"); filepath.Base(exe) != "portcheck-ocr" {
			t.Fatalf("the OCR child runs %q, not portcheck-ocr", exe)
		}
		time.Sleep(time.Second) // into the page's reading
		w.Process.Signal(syscall.SIGKILL)
		w.Wait()
		// Pdeathsig kills the child with the worker. (Without it the
		// child would still die, but only once it answered its page to
		// no one: seconds later.)
		killed := time.Now()
		for running(child) {
			if time.Since(killed) > orphanGrace {
				t.Fatalf("kill %d: the OCR child %d still runs %s after its worker died", kill, child, orphanGrace)
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Logf("kill %d: the OCR child ended %s after its worker", kill, time.Since(killed).Round(time.Millisecond))
		if m, _ := recs.Meta(ctx, tenant, "slow"); m.Status != records.Checking || m.Check == nil || m.Check.Attempts != kill {
			t.Fatalf("after kill %d: status %s, check %+v; want checking, attempt %d", kill, m.Status, m.Check, kill)
		}
		expireLeases(t, rd.Addr)
	}
	w, logs := startWorker(t, bin, rd.Addr, dir, mark)
	defer func() { w.Process.Signal(syscall.SIGTERM); w.Wait() }()
	m := awaitEnd(t, recs, "slow", logs)
	if m.Status != records.Failed || !strings.Contains(m.Reason, "stopped its worker 2 times") || m.Check.Attempts != 2 {
		t.Errorf("after two kills: status %s, reason %q, %d attempts; want failed, the reason, 2 attempts", m.Status, m.Reason, m.Check.Attempts)
	}
	// The order fails as the attempt starts; asynq files the task away
	// when the attempt returns.
	inspector := asynq.NewInspector(asynq.RedisClientOpt{Addr: rd.Addr})
	defer inspector.Close()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		info, err := inspector.GetQueueInfo(QueueChecks)
		if err != nil {
			t.Fatal(err)
		}
		left := info.Pending + info.Active + info.Scheduled + info.Retry
		if left == 0 && info.Archived == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d check tasks left to run after the order failed: %+v", left, info)
		}
	}
	if orphans := processesWith(mark, w.Process.Pid); len(orphans) > 0 {
		t.Errorf("processes of the killed workers still run: %v", orphans)
	}
}

// orphanGrace is how long an OCR child may outlive its killed worker.
const orphanGrace = 300 * time.Millisecond

// buildPortcheck builds the command and its OCR engine side by side
// into the test's folder, as a deploy installs them, and returns the
// command's path: the worker finds portcheck-ocr beside itself.
func buildPortcheck(t *testing.T) string {
	t.Helper()
	goBin := testservers.Binary(t, "go", "the Go toolchain")
	dir := t.TempDir()
	build := exec.Command(goBin, "build", "-o", dir+string(filepath.Separator), "../cmd/portcheck", "../cmd/portcheck-ocr")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v: %s", err, out)
	}
	return filepath.Join(dir, "portcheck")
}

// slowScan is a PDF of n pages, each a 200 DPI scan of a bill: minutes
// of OCR.
func slowScan(t *testing.T, n int) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetCreationDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	opt := fpdf.ImageOptions{ImageType: "JPG"}
	f.RegisterImageOptions("../testdata/scans/scan-bill-line-table.jpg", opt)
	for range n {
		f.AddPage()
		f.ImageOptions("../testdata/scans/scan-bill-line-table.jpg", 0, 0, 612, 792, false, opt, 0, "")
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// slowOrder stores the clean sample order as id with one document, the
// bill.
func slowOrder(t *testing.T, recs records.Records, id string, bill []byte) {
	t.Helper()
	ctx := context.Background()
	o := cleanOrder(t)
	o.ID, o.Documents = id, nil
	if _, err := recs.Create(ctx, tenant, o); err != nil {
		t.Fatal(err)
	}
	_, sum, err := storage.PutDocument(ctx, recs.Store, bill)
	if err != nil {
		t.Fatal(err)
	}
	ref := records.DocRef{Name: "bill.pdf", Kind: "bill", SHA256: sum, Bytes: int64(len(bill)), MediaType: "application/pdf"}
	if _, err := recs.AddDocument(ctx, tenant, id, ref); err != nil {
		t.Fatal(err)
	}
}

// startWorker runs `portcheck worker` on the queue and the folder store,
// with mark in its environment (and so in its OCR children's).
func startWorker(t *testing.T, bin, redisAddr, dir, mark string) (*exec.Cmd, *lockedBuffer) {
	t.Helper()
	cmd := exec.Command(bin, "worker", "--concurrency", "1")
	// PORTCHECK_OCR_BIN empty: the engine beside the binary, whatever the
	// shell set.
	cmd.Env = append(os.Environ(), "PORTCHECK_REDIS_ADDR="+redisAddr, "PORTCHECK_STORAGE=file://"+dir, mark, "PORTCHECK_OCR_BIN=")
	var logs lockedBuffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	return cmd, &logs
}

// awaitAttempt waits for the worker to start attempt n of the slow
// order's check.
func awaitAttempt(t *testing.T, recs records.Records, n int, logs *lockedBuffer) {
	t.Helper()
	for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if m, err := recs.Meta(context.Background(), tenant, "slow"); err == nil && m.Check != nil && m.Check.Attempts >= n {
			return
		}
	}
	t.Fatalf("the worker started no attempt %d in 90s: %s", n, logs)
}

// awaitOCRChild waits for the worker to start an OCR child and returns
// its pid.
func awaitOCRChild(t *testing.T, w *exec.Cmd, logs *lockedBuffer) int {
	t.Helper()
	for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		for _, pid := range processesWith("PORTCHECK_OCR_CHILD=1", 0) {
			if parent(pid) == w.Process.Pid {
				return pid
			}
		}
	}
	t.Fatalf("the worker started no OCR child in 90s: %s", logs)
	return 0
}

// expireLeases ends the leases of the tasks a killed worker held. asynq
// hands such a task to another worker a minute after its lease ran out
// (its recoverer looks at start and every minute); moved back, the next
// worker takes it as it starts.
func expireLeases(t *testing.T, addr string) {
	t.Helper()
	ctx := context.Background()
	c := redis.NewClient(&redis.Options{Addr: addr})
	defer c.Close()
	key := "asynq:{" + QueueChecks + "}:lease"
	ids, err := c.ZRange(ctx, key, 0, -1).Result()
	if err != nil || len(ids) == 0 {
		t.Fatalf("no lease of a running check (%v)", err)
	}
	for _, id := range ids {
		if err := c.ZAddXX(ctx, key, redis.Z{Score: 0, Member: id}).Err(); err != nil {
			t.Fatal(err)
		}
	}
}

// awaitEnd waits for the order to leave queued and checking.
func awaitEnd(t *testing.T, recs records.Records, id string, logs *lockedBuffer) records.Meta {
	t.Helper()
	for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		m, err := recs.Meta(context.Background(), tenant, id)
		if err == nil && m.Status != records.Queued && m.Status != records.Checking {
			return m
		}
	}
	t.Fatalf("order %s still queued or checking after 90s: %s", id, logs)
	return records.Meta{}
}

// processesWith lists the running processes (zombies excepted) whose
// environment holds entry, but for the one pid given.
func processesWith(entry string, except int) []int {
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	var pids []int
	for _, d := range dirs {
		pid, _ := strconv.Atoi(filepath.Base(d))
		env, err := os.ReadFile(filepath.Join(d, "environ"))
		if err != nil || pid == except || !running(pid) {
			continue
		}
		for _, e := range bytes.Split(env, []byte{0}) {
			if string(e) == entry {
				pids = append(pids, pid)
				break
			}
		}
	}
	return pids
}

// running reports whether pid runs; a zombie (killed, not yet reaped by
// an init that may never reap) does not.
func running(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	i := bytes.LastIndexByte(stat, ')')
	return i < 0 || i+2 >= len(stat) || stat[i+2] != 'Z'
}

// parent is pid's parent's pid, 0 when unknown.
func parent(pid int) int {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(stat[i+1:]))
	if len(f) < 2 {
		return 0
	}
	p, _ := strconv.Atoi(f[1])
	return p
}

// lockedBuffer is a process's output, read while it writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
