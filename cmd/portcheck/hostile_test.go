package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRevalidateRefusesBadFilters: a date that is not one, or a status
// there is not, exits 2 naming the flag before any store or queue is
// touched (the Redis address here leads nowhere).
func TestRevalidateRefusesBadFilters(t *testing.T) {
	tests := []struct{ name, flag, value string }{
		{"as-of", "--as-of", "nope"},
		{"status", "--status", "checked,done"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, "revalidate", "--redis", "127.0.0.1:1", "--storage", "file://"+t.TempDir(), tt.flag, tt.value)
			if code != exitInvalid || !strings.Contains(errOut, tt.flag+":") {
				t.Errorf("exit %d, stderr %q; want 2 naming %s", code, errOut, tt.flag)
			}
		})
	}
}

// startServe runs `portcheck serve` in this process (embedded queue,
// folder store) and returns its URL, its API key and a stop function
// that cancels it like SIGTERM and returns what serve returned.
func startServe(t *testing.T, readTimeout time.Duration) (string, string, func() error) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	keys := filepath.Join(t.TempDir(), "keys")
	const key = "serve-test-key-0123456789"
	os.WriteFile(keys, []byte(key+" loc_t\n"), 0o600)
	ctx, cancel := context.WithCancel(context.Background())
	f := serviceFlags{listen: addr, keysFile: keys, store: "file://" + t.TempDir(), concurrency: 1, readTimeout: readTimeout, shutdownTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- serve(ctx, f, io.Discard) }()
	for range 100 {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	stop := func() error { cancel(); return <-done }
	t.Cleanup(func() { cancel() })
	return "http://" + addr, key, stop
}

// TestServeFinishesUploadsInFlight: SIGTERM while an upload is half
// sent lets it finish (201) before serve returns.
func TestServeFinishesUploadsInFlight(t *testing.T) {
	url, key, stop := startServe(t, 30*time.Second)
	req, _ := http.NewRequest("POST", url+"/v1/orders", strings.NewReader(`{"id":"o1","numbers":[{"number":"+12175550100"}]}`))
	req.Header.Set("Authorization", "Bearer "+key)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("create: %v %v", resp, err)
	}
	pr, pw := io.Pipe()
	req, _ = http.NewRequest("PUT", url+"/v1/orders/o1/documents/bill.pdf?kind=bill", pr)
	req.Header.Set("Authorization", "Bearer "+key)
	answer := make(chan int, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answer <- 0
			return
		}
		resp.Body.Close()
		answer <- resp.StatusCode
	}()
	pw.Write([]byte("%PDF-1.4\n"))
	time.Sleep(200 * time.Millisecond)
	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	time.Sleep(500 * time.Millisecond)
	select {
	case err := <-stopped:
		t.Fatalf("serve returned with an upload in flight: %v", err)
	default:
	}
	pw.Write([]byte("% the rest of the document\n"))
	pw.Close()
	if code := <-answer; code != http.StatusCreated {
		t.Errorf("upload in flight at SIGTERM answered %d, want 201", code)
	}
	if err := <-stopped; err != nil {
		t.Errorf("serve: %v", err)
	}
}

// TestServeDropsTricklingClients: a client that sends its body a byte at
// a time is cut at the read timeout, not kept open for as long as it
// trickles.
func TestServeDropsTricklingClients(t *testing.T) {
	url, key, _ := startServe(t, time.Second)
	c, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "PUT /v1/orders/o1/documents/a.pdf?kind=bill HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Length: 1000\r\n\r\n", key)
	closed := make(chan struct{})
	go func() {
		io.Copy(io.Discard, c)
		close(closed)
	}()
	start := time.Now()
	for time.Since(start) < 10*time.Second {
		select {
		case <-closed:
			return
		case <-time.After(200 * time.Millisecond):
			c.Write([]byte("x"))
		}
	}
	t.Errorf("a client trickling its body was still connected after %s", time.Since(start).Round(time.Second))
}

// writeFolderOrder writes order.json naming one bill at docPath, and
// returns the folder.
func writeFolderOrder(t *testing.T, dir, docPath string) string {
	t.Helper()
	o := fmt.Sprintf(`{"id":"o1","profile":"twilio","numbers":[{"number":"+12175550100"}],"new_btn":null,"documents":[{"kind":"bill","path":%q}]}`, docPath)
	if err := os.WriteFile(filepath.Join(dir, "order.json"), []byte(o), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestDocumentsStayInTheOrderFolder: the CLI reads a document only if it
// is a regular file inside the order's folder (or --root), whichever
// way the path or a symbolic link leads; anything else exits 2 naming
// the file, without reading it and without hanging on a FIFO.
func TestDocumentsStayInTheOrderFolder(t *testing.T) {
	bill, err := os.ReadFile("../../testdata/docs/bill-header-box.pdf")
	if err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "elsewhere.pdf")
	os.WriteFile(outside, bill, 0o644)
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) string // returns the document path
		flags []string
		want  string // in stderr with exit 2; empty: the check runs
	}{
		{"file inside", func(t *testing.T, dir string) string {
			os.WriteFile(filepath.Join(dir, "bill.pdf"), bill, 0o644)
			return "bill.pdf"
		}, nil, ""},
		{"symlink inside to inside", func(t *testing.T, dir string) string {
			os.WriteFile(filepath.Join(dir, "real.pdf"), bill, 0o644)
			os.Symlink("real.pdf", filepath.Join(dir, "bill.pdf"))
			return "bill.pdf"
		}, nil, ""},
		{"dot-dot path", func(t *testing.T, dir string) string { return "../../../../etc/passwd" }, nil, "outside"},
		{"absolute path", func(t *testing.T, dir string) string { return "/etc/passwd" }, nil, "outside"},
		{"symlink out", func(t *testing.T, dir string) string {
			os.Symlink("/etc/passwd", filepath.Join(dir, "bill.pdf"))
			return "bill.pdf"
		}, nil, "outside"},
		{"fifo", func(t *testing.T, dir string) string {
			if err := syscall.Mkfifo(filepath.Join(dir, "bill.pdf"), 0o644); err != nil {
				t.Skip(err)
			}
			return "bill.pdf"
		}, nil, "not a regular file"},
		{"fifo with allow-outside", func(t *testing.T, dir string) string {
			syscall.Mkfifo(filepath.Join(dir, "bill.pdf"), 0o644)
			return "bill.pdf"
		}, []string{"--allow-outside"}, "not a regular file"},
		{"device", func(t *testing.T, dir string) string { return "/dev/zero" }, []string{"--allow-outside"}, "not a regular file"},
		{"symlink out with allow-outside", func(t *testing.T, dir string) string {
			os.Symlink(outside, filepath.Join(dir, "bill.pdf"))
			return "bill.pdf"
		}, []string{"--allow-outside"}, ""},
		{"outside under root", func(t *testing.T, dir string) string {
			return outside
		}, []string{"--root", filepath.Dir(filepath.Dir(outside))}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			doc := tt.setup(t, dir)
			writeFolderOrder(t, dir, doc)
			type result struct {
				code         int
				out, errText string
			}
			done := make(chan result, 1)
			go func() {
				code, out, errOut := runCLI(t, append([]string{"check", dir, "--as-of", asOf, "--no-ocr"}, tt.flags...)...)
				done <- result{code, out, errOut}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("portcheck check hung")
			}
			if tt.want == "" {
				if r.code == exitInvalid {
					t.Errorf("exit 2: %s", r.errText)
				}
				return
			}
			if r.code != exitInvalid || !strings.Contains(r.errText, tt.want) || !strings.Contains(r.errText, "documents[0].path") || r.out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q naming the document", r.code, r.out, r.errText, tt.want)
			}
		})
	}
}

// TestOrderDuplicatesAndBadUTF8: a key given twice or bytes that are not
// UTF-8 are errors naming the field, not silently last-wins or replaced.
func TestOrderDuplicatesAndBadUTF8(t *testing.T) {
	tests := []struct{ name, order, want string }{
		{"duplicate key", `{"id":"o1","account_name":"A","account_name":"B","numbers":[{"number":"+12175550100"}]}`, "account_name: given more than once"},
		{"invalid utf-8", "{\"id\":\"o1\",\"account_name\":\"Acme \xff\",\"numbers\":[{\"number\":\"+12175550100\"}]}", "account_name: is not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "order.json")
			os.WriteFile(path, []byte(tt.order), 0o644)
			code, _, errOut := runCLI(t, "check", path, "--as-of", asOf)
			if code != exitInvalid || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tt.want)
			}
		})
	}
}
