package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/storage"
)

// storeOrders puts n copies of the clean sample order, with its two
// documents, into a folder store as the service keeps them.
func storeOrders(t *testing.T, dir string, n int) {
	t.Helper()
	ctx := context.Background()
	st, err := storage.NewFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	recs := records.Records{Store: st}
	data, err := os.ReadFile("../../testdata/orders/clean/order.json")
	if err != nil {
		t.Fatal(err)
	}
	base, err := order.DecodeBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	var refs []records.DocRef
	for _, d := range base.Documents {
		content, err := os.ReadFile(filepath.Join("../../testdata/orders/clean", d.Path))
		if err != nil {
			t.Fatal(err)
		}
		_, sum, err := storage.PutDocument(ctx, st, content)
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, records.DocRef{Name: filepath.Base(d.Path), Kind: string(d.Kind), SHA256: sum, Bytes: int64(len(content))})
	}
	base.Documents = nil
	for i := range n {
		o := *base
		o.ID = fmt.Sprintf("o-%d", i)
		o.Numbers = []order.Number{{Number: fmt.Sprintf("+1312%07d", 2000000+i)}}
		o.BTN = o.Numbers[0].Number
		if _, err := recs.Create(ctx, "loc_7f3a", &o); err != nil {
			t.Fatal(err)
		}
		for _, r := range refs {
			if _, err := recs.AddDocument(ctx, "loc_7f3a", o.ID, r); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestRevalidateInProcess: without Redis the batches run here, with
// plain progress lines on a pipe, and running it again checks nothing.
func TestRevalidateInProcess(t *testing.T) {
	dir := t.TempDir()
	storeOrders(t, dir, 3)
	args := []string{"revalidate", "--storage", "file://" + dir, "--status", "draft,checked", "--as-of", "2026-11-23"}
	tests := []struct{ name, out, progress string }{
		{"first", "3 checked, 0 already", "checked 3 of 3 orders (100%)"},
		{"again", "0 checked, 3 already", "checked 3 of 3 orders (100%)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, args...)
			if code != exitOK || !strings.Contains(out, tt.out) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want %q", code, out, errOut, tt.out)
			}
			if !strings.Contains(errOut, tt.progress) || strings.Contains(errOut, "\r") {
				t.Errorf("progress %q: want plain lines with %q", errOut, tt.progress)
			}
		})
	}
}

func TestProgressLine(t *testing.T) {
	tests := []struct {
		name        string
		done, total int
		elapsed     time.Duration
		want        string
	}{
		{"start", 0, 100000, 0, "checked 0 of 100000 orders (0%)"},
		{"half way", 50000, 100000, 10 * time.Second, "checked 50000 of 100000 orders (50%), 5000/s, 10s left"},
		{"done", 100000, 100000, 20 * time.Second, "checked 100000 of 100000 orders (100%), 5000/s, 20s in all"},
		{"nothing to do", 0, 0, time.Second, "checked 0 of 0 orders (100%)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := progressLine("checked", "orders", tt.done, tt.total, tt.elapsed); got != tt.want {
				t.Errorf("progressLine = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCorpusProgress: a corpus run's progress, not on a terminal, ends
// with one plain line of the whole count; a run of nothing says nothing.
func TestCorpusProgress(t *testing.T) {
	var b strings.Builder
	tell, end := corpusProgress(&b, "read", "scans")
	for i := 1; i <= 3; i++ {
		tell(i, 3)
	}
	end()
	if got := b.String(); !strings.HasPrefix(got, "read 3 of 3 scans (100%)") || strings.Count(got, "\n") != 1 {
		t.Errorf("progress = %q, want one line of 3 of 3 scans", got)
	}
	var none strings.Builder
	_, end = corpusProgress(&none, "read", "scans")
	end()
	if none.Len() != 0 {
		t.Errorf("a run of nothing told %q", none.String())
	}
}
