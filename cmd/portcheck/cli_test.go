package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, errOut := runCLI(t, args...)
		if code != exitOK || !strings.HasPrefix(out, "portcheck ") || !strings.Contains(out, " go1.") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	if code, _, _ := runCLI(t, "version", "extra"); code != exitInvalid {
		t.Errorf("version extra: exit %d, want 2", code)
	}
}

func TestVersionLine(t *testing.T) {
	setting := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"no build info", nil, "portcheck (no build information)"},
		{"go test or no VCS", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}}, "portcheck (devel) go1.26.8"},
		{"built from a clean checkout", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261201111807-4b64c5d20a3c"},
			Settings: setting("vcs", "git", "vcs.revision", "4b64c5d20a3c5bc474d1ae54bccbd828091a09aa", "vcs.time", "2026-12-01T11:18:07Z", "vcs.modified", "false")},
			"portcheck v0.0.0-20261201111807-4b64c5d20a3c (commit 4b64c5d20a3c5bc474d1ae54bccbd828091a09aa, 2026-12-01T11:18:07Z) go1.26.8"},
		{"built with changes", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0+dirty"},
			Settings: setting("vcs.revision", "abc", "vcs.modified", "true")},
			"portcheck v1.2.0+dirty (commit abc, modified) go1.26.8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, versionLine(tt.info)); diff != "" {
				t.Errorf("versionLine (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDidYouMean: a misspelt command or flag is named with the nearest
// known one; a name near none gets no guess.
func TestDidYouMean(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		want  string // in stderr
		guess bool
	}{
		{"command", []string{"chek"}, `did you mean "check"?`, true},
		{"command prefix", []string{"revalidat"}, `did you mean "revalidate"?`, true},
		{"check flag", []string{"check", "order.json", "--formt", "json"}, "did you mean --format?", true},
		{"serve flag", []string{"serve", "--listn", "127.0.0.1:0"}, "did you mean --listen?", true},
		{"worker flag", []string{"worker", "--metric-listen", ":9090"}, "did you mean --metrics-listen?", true},
		{"revalidate flag", []string{"revalidate", "--stauts", "checked"}, "did you mean --status?", true},
		{"flag near none", []string{"check", "order.json", "--zzz"}, "flag provided but not defined: -zzz", false},
		{"command near none", []string{"xyzzy"}, `unknown command "xyzzy"`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			if code != exitInvalid || out != "" {
				t.Errorf("exit %d, stdout %q; want 2 and nothing", code, out)
			}
			if !strings.Contains(errOut, tt.want) {
				t.Errorf("stderr %q lacks %q", errOut, tt.want)
			}
			if got := strings.Contains(errOut, "did you mean"); got != tt.guess {
				t.Errorf("guessed %v, want %v: %q", got, tt.guess, errOut)
			}
		})
	}
}

func TestLevenshtein(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"check", "check", 0}, {"chek", "check", 1}, {"formt", "format", 1},
		{"kitten", "sitting", 3}, {"", "abc", 3}, {"été", "ete", 2},
	}
	for _, tt := range tests {
		if got := levenshtein(tt.a, tt.b); got != tt.want {
			t.Errorf("levenshtein(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestSubcommandHelp: each subcommand's -h says what it does and lists
// its own flags, none of another's.
func TestSubcommandHelp(t *testing.T) {
	tests := []struct {
		cmd      []string
		says     string
		has, not []string
	}{
		{[]string{"check"}, "Checks port-in orders", []string{"-format", "-root", "-as-of"}, []string{"-redis", "-listen"}},
		{[]string{"serve"}, "Serves the intake HTTP API", []string{"-listen", "-api-keys", "-redis", "-storage", "-concurrency"}, []string{"-metrics-listen", "-tenant", "-format"}},
		{[]string{"worker"}, "Takes checks off the Redis queue", []string{"-metrics-listen", "-concurrency", "-redis", "-storage", "-api-keys", "-retention-every"}, []string{"-listen ", "-read-timeout"}},
		{[]string{"revalidate"}, "Queues a new check of every pending order", []string{"-status", "-as-of", "-tenant", "-redis"}, []string{"-listen", "-api-keys", "-concurrency", "-read-timeout"}},
		{[]string{"profiles"}, "Lists the built-in carrier profiles", []string{"-format"}, []string{"-redis"}},
		{[]string{"corpus", "orders"}, "Checks whole orders", []string{"-cache"}, []string{"-redis"}},
		{[]string{"version"}, "Prints the module version", nil, []string{"flags:"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.cmd, " "), func(t *testing.T) {
			code, out, errOut := runCLI(t, append(tt.cmd, "-h")...)
			help := out + errOut
			if code != exitOK || !strings.Contains(help, "usage: portcheck "+strings.Join(tt.cmd, " ")) || !strings.Contains(help, tt.says) {
				t.Errorf("exit %d, help %q", code, help)
			}
			for _, f := range tt.has {
				if !strings.Contains(help, "  "+f) {
					t.Errorf("help lacks %s:\n%s", f, help)
				}
			}
			for _, f := range tt.not {
				if strings.Contains(help, "  "+f) {
					t.Errorf("help lists %s, another command's:\n%s", f, help)
				}
			}
		})
	}
	if code, _, errOut := runCLI(t, "help", "worker"); code != exitOK || !strings.Contains(errOut, "usage: portcheck worker") {
		t.Errorf("help worker: exit %d, %q", code, errOut)
	}
}

// cliProcess runs the portcheck command (this test binary, see
// TestMain) in dir with stdin.
func cliProcess(t *testing.T, dir string, stdin []byte, args ...string) (int, string, string) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PORTCHECK_TEST_CLI=1")
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errb.String()
}

// TestOrderFromStdin: "-" reads the order from standard input, its
// documents relative to the current folder: the report equals the one
// of the order file in that folder, and a document not there is named.
func TestOrderFromStdin(t *testing.T) {
	dir, err := filepath.Abs("../../testdata/orders/clean")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "order.json"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(dir, "report.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cliProcess(t, dir, data, "check", "-", "--root", "../../..", "--as-of", asOf, "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if diff := cmp.Diff(string(want), out); diff != "" {
		t.Errorf("report of the order on stdin differs from the golden one (-want +got):\n%s", diff)
	}
	// Elsewhere, the same relative document paths lead nowhere.
	code, out, errOut = cliProcess(t, t.TempDir(), data, "check", "-", "--as-of", asOf)
	if code != exitInvalid || out != "" || !strings.Contains(errOut, "order -: documents[0].path:") {
		t.Errorf("stdin order whose documents are not here: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, _, errOut = cliProcess(t, t.TempDir(), []byte(`{"id": 1}`), "check", "-")
	if code != exitInvalid || !strings.Contains(errOut, "order -: ") {
		t.Errorf("bad order on stdin: exit %d, stderr %q", code, errOut)
	}
}
