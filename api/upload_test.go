package api_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/portcheck/portcheck/api"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/storage"
)

// pdfStream is a PDF-looking body of n bytes made on the fly, so the
// test's own client holds none of it.
type pdfStream struct{ n, off int64 }

func (p *pdfStream) Read(b []byte) (int, error) {
	if p.off >= p.n {
		return 0, io.EOF
	}
	k := int(min(int64(len(b)), p.n-p.off))
	for i := range k {
		b[i] = '%'
		if p.off+int64(i) < 9 {
			b[i] = "%PDF-1.4\n"[p.off+int64(i)]
		}
	}
	p.off += int64(k)
	return k, nil
}

// TestUploadIsStreamed: a 40 MB upload is stored whole while the server
// allocates a small part of it: the body is spooled and hashed, never
// read into memory.
func TestUploadIsStreamed(t *testing.T) {
	st, err := storage.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	keys, _ := api.ParseKeys(strings.NewReader(keyA + " loc_7f3a\n"))
	recs := records.Records{Store: st}
	h, err := api.Handler(api.Config{Records: recs, Keys: keys, Log: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	s := &service{url: srv.URL}
	s.createOrder(t, keyA, "big")
	const size = 40 << 20
	req, _ := http.NewRequest("PUT", srv.URL+"/v1/orders/big/documents/big.pdf?kind=other", &pdfStream{n: size})
	req.Header.Set("Authorization", "Bearer "+keyA)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	runtime.ReadMemStats(&after)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d", resp.StatusCode)
	}
	m, err := recs.Meta(context.Background(), "loc_7f3a", "big")
	if err != nil || len(m.Documents) != 1 || m.Documents[0].Bytes != size {
		t.Fatalf("stored %+v, %v", m.Documents, err)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("a %d MiB upload allocated %.1f MiB", size>>20, float64(alloc)/(1<<20))
	if alloc > size/4 {
		t.Errorf("a %d MiB upload allocated %.1f MiB: the body was held in memory", size>>20, float64(alloc)/(1<<20))
	}
}
