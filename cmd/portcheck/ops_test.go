package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/portcheck/portcheck/internal/testservers"
	"github.com/portcheck/portcheck/storage"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func keysFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "keys")
	if err := os.WriteFile(p, []byte("ops-test-key-0123456789 loc_t\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestStartupRefusal: serve and worker refuse to start, exit 2 with a
// message naming what to fix, when the store cannot be used: an S3
// endpoint without static credentials (refused at once, never asking
// the instance-metadata address), a bucket that does not exist, a
// refused secret.
func TestStartupRefusal(t *testing.T) {
	srv := testservers.StartS3(t)
	ctx := context.Background()
	present, err := storage.NewS3(ctx, storage.S3Config{Bucket: "present", Endpoint: srv.Endpoint, AccessKey: srv.AccessKey, SecretKey: storage.Secret(srv.SecretKey)})
	if err != nil {
		t.Fatal(err)
	}
	if err := present.CreateBucket(ctx); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, bucket, access, secret, want string
	}{
		{"no credentials", "present", "", "", "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are required"},
		{"missing bucket", "absent", srv.AccessKey, srv.SecretKey, "s3: bucket absent does not exist"},
		{"refused secret", "present", srv.AccessKey, "not-the-secret", "the credentials are refused"},
	}
	for _, cmd := range []string{"serve", "worker"} {
		for _, tt := range tests {
			t.Run(cmd+"/"+tt.name, func(t *testing.T) {
				t.Setenv("AWS_ACCESS_KEY_ID", tt.access)
				t.Setenv("AWS_SECRET_ACCESS_KEY", tt.secret)
				t.Setenv("AWS_EC2_METADATA_DISABLED", "") // the SDK config itself must keep IMDS off
				args := []string{cmd, "--storage", "s3://" + tt.bucket + "/p", "--s3-endpoint", srv.Endpoint, "--redis", "127.0.0.1:1"}
				if cmd == "serve" {
					args = append(args, "--listen", freeAddr(t), "--api-keys", keysFile(t))
				}
				start := time.Now()
				code, _, errOut := runCLI(t, args...)
				if code != exitInvalid || !strings.Contains(errOut, "portcheck "+cmd+": ") || !strings.Contains(errOut, tt.want) {
					t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tt.want)
				}
				if d := time.Since(start); d > 5*time.Second {
					t.Errorf("refusing took %s: something was waited for", d)
				}
				if tt.secret != "" && strings.Contains(errOut, tt.secret) {
					t.Errorf("the secret is in the message: %q", errOut)
				}
			})
		}
	}
}

// TestWorkerMetricsListen: worker --metrics-listen serves /metrics with
// the queues read from Redis, and stops with the worker.
func TestWorkerMetricsListen(t *testing.T) {
	rd := testservers.StartRedis(t)
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	var stderr bytes.Buffer
	go func() {
		done <- run(ctx, []string{"worker", "--redis", rd.Addr, "--storage", "file://" + t.TempDir(), "--metrics-listen", addr}, io.Discard, &stderr)
	}()
	var body []byte
	for range 100 {
		resp, err := http.Get("http://" + addr + "/metrics")
		if err == nil {
			body, _ = io.ReadAll(resp.Body)
			resp.Body.Close()
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, want := range []string{`portcheck_queue_tasks{queue="checks",state="pending"} 0`, "portcheck_queue_up 1", `portcheck_queue_latency_seconds{queue="batch"} 0`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("worker metrics lack %q:\n%s", want, body)
		}
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("worker exit %d: %s", code, stderr.String())
	}
	if _, err := http.Get("http://" + addr + "/metrics"); err == nil {
		t.Error("the metrics listener outlived the worker")
	}
}

// TestServeLogsOnlyJSON runs serve as a process of its own and reads its
// real stderr: every line is a JSON object (libraries' messages
// included), requests are logged with their id and seconds, and /readyz
// answers 200 with the embedded queue and a folder store.
func TestServeLogsOnlyJSON(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	cmd := exec.Command(exe, "serve", "--listen", addr, "--api-keys", keysFile(t), "--storage", "file://"+t.TempDir())
	cmd.Env = append(os.Environ(), "PORTCHECK_TEST_CLI=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	base := "http://" + addr
	var ready int
	for range 100 {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			ready = resp.StatusCode
			resp.Body.Close()
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if ready != http.StatusOK {
		t.Errorf("/readyz: %d, want 200", ready)
	}
	req, _ := http.NewRequest("POST", base+"/v1/orders", strings.NewReader(`{"id":"o1","numbers":[{"number":"+12175550100"}]}`))
	req.Header.Set("Authorization", "Bearer ops-test-key-0123456789")
	req.Header.Set("X-Request-Id", "intake-42")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || resp.Header.Get("X-Request-Id") != "intake-42" {
		t.Errorf("create: %d, X-Request-Id %q", resp.StatusCode, resp.Header.Get("X-Request-Id"))
	}
	// The test binary's command has no signal handling (TestMain): the
	// lines so far are what there is to read.
	cmd.Process.Kill()
	cmd.Wait()
	var sawRequest bool
	for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		var l map[string]any
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Errorf("a stderr line is not JSON: %q", line)
			continue
		}
		if l["msg"] == "request" && l["request_id"] == "intake-42" && l["route"] == "/v1/orders" {
			_, seconds := l["duration_seconds"].(float64)
			sawRequest = seconds
		}
	}
	if !sawRequest {
		t.Errorf("no access line with the request id and duration_seconds:\n%s", stderr.String())
	}
}
