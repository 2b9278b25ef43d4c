package records

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/report"
)

// nightlyMeta is the metadata of an order re-validated for nights
// nights since its last whole write, each night's report made again
// from its memo, as stored: what every re-validation reads.
func nightlyMeta(tb testing.TB, nights int) []byte {
	tb.Helper()
	m := Meta{ID: "bench-000001", Tenant: "loc_a", Status: Checked, Version: 2,
		Documents: []DocRef{{Name: "bill.pdf", Kind: "bill", SHA256: "b042c1c35298919ab4158ca2650f83ebc53bff797fad379dc5e471b0b9fabffa", Bytes: 2174, MediaType: "application/pdf"},
			{Name: "loa.pdf", Kind: "loa", SHA256: "3d21f5f0cfed55cc534b571cde10ff121ea1f65744e29aa6d55671650d2d32d9", Bytes: 2021, MediaType: "application/pdf"}}}
	rep := billReport("bench-000001", m.Documents[0].SHA256)
	memo := &Memo{Digest: "c133795f27021f1f8495c8ff9836b9c11824a2027cdd2b7a21af3b8042e3b8b6", From: "2026-11-28", Until: "2026-11-29", Profile: "strict",
		Numbers: []string{"+13122002220"}, Dated: json.RawMessage(`{"ages":[{"doc":0,"date":"2026-11-03T00:00:00Z","text":"November 3, 2026","page":1,"box":[378.511,72.8,452.54500000000024,81.8]}]}`)}
	setReport(&m, 2, rep, "ece865c91454dcae7d5394a512046d8cc8312474d4500e8130db265fe73197d3", "", nil, memo)
	head, err := json.Marshal(m)
	if err != nil {
		tb.Fatal(err)
	}
	out := bytes.NewBuffer(head)
	for n := range nights {
		if err := redateMeta(&m, fmt.Sprintf("2026-12-%02d", n+1), dateCodes, []report.Finding{aging("29", report.Warn, report.BillAging)}, *memo); err != nil {
			tb.Fatal(err)
		}
		line, err := encodeLine(reportAmendmentOf(m))
		if err != nil {
			tb.Fatal(err)
		}
		out.WriteByte('\n')
		out.Write(line)
	}
	return out.Bytes()
}

// TestMetaJSONIsEncodingJSON: metadata reads the same through
// encoding/json as through this package's decoder, and its amendment
// lines are the bytes json.Marshal makes.
func TestMetaJSONIsEncodingJSON(t *testing.T) {
	data := nightlyMeta(t, 3)
	lines := bytes.Split(data, []byte("\n"))
	for i, l := range lines[1:] {
		var std, ours amendment
		if err := json.Unmarshal(l, &std); err != nil {
			t.Fatal(err)
		}
		if err := decodeJSON(l, &ours); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(std, ours); diff != "" {
			t.Errorf("line %d decodes otherwise (-encoding/json +ours):\n%s", i, diff)
		}
		want, err := json.Marshal(std)
		if err != nil {
			t.Fatal(err)
		}
		got, err := encodeLine(ours)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("line %d encodes otherwise:\n%s\n%s", i, want, got)
		}
	}
	var head Meta
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&head); err != nil {
		t.Fatal(err)
	}
	got, err := decodeMeta(lines[0])
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(head, got); diff != "" {
		t.Errorf("the head decodes otherwise (-encoding/json +ours):\n%s", diff)
	}
	whole, err := decodeMeta(data)
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.Marshal(whole)
	if err != nil {
		t.Fatal(err)
	}
	if mine, err := encodeMeta(whole); err != nil || !bytes.Equal(want, mine) {
		t.Errorf("the metadata written whole encodes otherwise (%v):\n%s\n%s", err, want, mine)
	}
}

// BenchmarkDecodeMeta: reading an order's metadata after nine nights
// of re-validation.
func BenchmarkDecodeMeta(b *testing.B) {
	data := nightlyMeta(b, 9)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := decodeMeta(data); err != nil {
			b.Fatal(err)
		}
	}
}
