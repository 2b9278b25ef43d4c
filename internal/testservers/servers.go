// Package testservers starts the real servers integration tests need,
// on loopback, in a temporary folder: an S3-compatible server
// (versitygw) and Redis. A test on a machine without them skips, unless
// PORTCHECK_REQUIRE_SERVICES=1 (CI), which makes a missing server a
// failure. scripts/services.sh installs both.
package testservers

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// find returns a server binary, or skips or fails the test.
func find(t testing.TB, name string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	if gopath, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		p := filepath.Join(string(trim(gopath)), "bin", name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	Missing(t, name, "scripts/services.sh")
	return ""
}

// Binary returns the path of a program a test needs, found on PATH; if
// it is missing the test skips, or fails under
// PORTCHECK_REQUIRE_SERVICES=1. installer names the script that
// installs it.
func Binary(t testing.TB, name, installer string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name, installer)
	}
	return p
}

// Missing skips the test for want, something it needs that is not
// there, or fails it under PORTCHECK_REQUIRE_SERVICES=1 (CI), where
// every skip of a missing tool is a failure.
func Missing(t testing.TB, want, installer string) {
	t.Helper()
	if os.Getenv("PORTCHECK_REQUIRE_SERVICES") == "1" {
		t.Fatalf("%s is required (PORTCHECK_REQUIRE_SERVICES=1); run %s", want, installer)
	}
	t.Skipf("%s not installed (%s installs it)", want, installer)
}

func trim(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// freePort returns a loopback port nothing listens on.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func waitPort(t testing.TB, port int, cmd *exec.Cmd) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), 200*time.Millisecond)
		if err == nil {
			c.Close()
			return
		}
		if cmd.ProcessState != nil {
			t.Fatalf("%s exited before listening", cmd.Path)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not listen on port %d within 20s", cmd.Path, port)
}

// server is a server process on a loopback port, started from its
// command line and restartable on the same port and data.
type server struct {
	args []string // the command line, the binary first
	port int
	cmd  *exec.Cmd
}

func (s *server) start(t testing.TB) {
	t.Helper()
	s.cmd = exec.Command(s.args[0], s.args[1:]...)
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go s.cmd.Wait() //nolint:errcheck // ProcessState tells waitPort it died
	waitPort(t, s.port, s.cmd)
}

// Stop kills the server (SIGKILL: it keeps only what it has already
// written); its data stays for Restart.
func (s *server) Stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Kill()
		time.Sleep(100 * time.Millisecond)
	}
}

// Restart starts the server again on the same port and data.
func (s *server) Restart(t testing.TB) {
	t.Helper()
	s.start(t)
}

// S3 is a running versitygw.
type S3 struct {
	Endpoint, AccessKey, SecretKey string
	server
}

// StartS3 starts versitygw on a free loopback port over a fresh folder;
// it stops when the test ends.
func StartS3(t testing.TB) *S3 {
	t.Helper()
	bin := find(t, "versitygw")
	s := &S3{AccessKey: "portcheck-test", SecretKey: "portcheck-test-secret"}
	s.port = freePort(t)
	s.Endpoint = fmt.Sprintf("http://127.0.0.1:%d", s.port)
	s.args = []string{bin, "--access", s.AccessKey, "--secret", s.SecretKey, "--port", fmt.Sprintf("127.0.0.1:%d", s.port), "posix", t.TempDir()}
	s.start(t)
	t.Cleanup(s.Stop)
	return s
}

// Redis is a running redis-server with append-only persistence.
type Redis struct {
	Addr string
	server
}

// StartRedis starts redis-server on a free loopback port with
// appendonly yes and appendfsync always, the persistence that lets
// queued tasks survive a restart.
func StartRedis(t testing.TB) *Redis {
	t.Helper()
	bin := find(t, "redis-server")
	r := &Redis{}
	r.port = freePort(t)
	r.Addr = fmt.Sprintf("127.0.0.1:%d", r.port)
	r.args = []string{bin, "--port", fmt.Sprint(r.port), "--bind", "127.0.0.1", "--dir", t.TempDir(),
		"--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no"}
	r.start(t)
	t.Cleanup(r.Stop)
	return r
}
