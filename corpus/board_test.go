package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSame(t *testing.T) {
	tests := []struct {
		name, field, want, got string
		same                   bool
	}{
		{"date exact", "bill_date", "2023-02-14", "2023-02-14", true},
		{"date differs", "bill_date", "2023-02-14", "2023-02-24", false},
		{"account number spacing", "account_number", "SCO-NL 0303", "sconl0303", true},
		{"account number digit", "account_number", "47774", "47775", false},
		{"name case and commas", "account_name", "YourCompany, Mitchell Admin", "yourcompany mitchell admin", true},
		{"name is not a prefix", "account_name", "Pino Bluebird", "Pino", false},
		{"issuer legal form", "carrier", "Amazon Web Services, Inc.", "Amazon Web Services", true},
		{"issuer dotted form", "carrier", "Coolblue B.V.", "Coolblue BV", true},
		{"issuer other", "carrier", "Free SAS", "Freebox", false},
		{"address punctuation", "service_address", "35 RUE du logiciel libre, 69100 VILLEURBANNE", "35 rue du logiciel libre 69100 Villeurbanne", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Same(tt.field, tt.want, tt.got); got != tt.same {
				t.Errorf("Same(%q, %q, %q) = %v, want %v", tt.field, tt.want, tt.got, got, tt.same)
			}
		})
	}
}

func TestTallies(t *testing.T) {
	b := RealBoard{Results: []Result{
		{Labelled: Labelled{File: "a.pdf", Kind: "bill", Fields: map[string]string{"bill_date": "2024-01-02", "carrier": "Free SAS"}}, Folder: "x", Source: "text-layer",
			Got: map[string]string{"bill_date": "2024-01-02", "account_number": "123456"}},
		{Labelled: Labelled{File: "b.pdf", Kind: "invoice", Fields: map[string]string{"account_name": "Ann"}}, Folder: "x", Source: "ocr",
			Got: map[string]string{"account_name": "Bob"}},
	}}
	if diff := cmp.Diff(Tally{Labelled: 3, Reported: 3, Correct: 1}, b.All()); diff != "" {
		t.Errorf("All (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]Tally{"ocr": {1, 1, 0}, "text-layer": {2, 2, 1}}, b.By(func(r Result) string { return r.Source })); diff != "" {
		t.Errorf("By source (-want +got):\n%s", diff)
	}
	folds := b.LeaveOneOut()
	want := []Fold{{Left: "x/a.pdf", Tally: Tally{1, 1, 0}}, {Left: "x/b.pdf", Tally: Tally{2, 2, 1}}}
	if diff := cmp.Diff(want, folds); diff != "" {
		t.Errorf("LeaveOneOut (-want +got):\n%s", diff)
	}
	ms := b.Misses()
	if len(ms) != 3 || !ms[0].Wrong() || !ms[1].Wrong() || ms[2].Wrong() {
		t.Errorf("misses not wrong-first: %+v", ms)
	}
}

func TestLoadLabelsRejects(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"unknown field", `{"folder":"f","documents":[{"file":"a.pdf","kind":"bill","language":"en","fields":{"amount":"3"}}]}`, `field "amount"`},
		{"empty value", `{"folder":"f","documents":[{"file":"a.pdf","kind":"bill","language":"en","fields":{"bill_date":" "}}]}`, `is empty`},
		{"twice", `{"folder":"f","documents":[{"file":"a.pdf","fields":{}},{"file":"a.pdf","fields":{}}]}`, `listed twice`},
		{"unknown key", `{"folder":"f","documents":[{"file":"a.pdf","feilds":{}}]}`, `unknown field`},
		{"folder path", `{"folder":"../f","documents":[]}`, `not one folder name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "f.json"), []byte(tt.body), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := LoadLabels(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("LoadLabels = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// TestProjectLabelsLoad keeps the committed labels well-formed.
func TestProjectLabelsLoad(t *testing.T) {
	set, err := LoadLabels("../testdata/corpus/real")
	if err != nil {
		t.Fatal(err)
	}
	if len(set) < 30 {
		t.Errorf("%d labelled documents, want the whole real corpus (31)", len(set))
	}
}

func TestPeers(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("f/a.json", `[{"issuer": "Example Cloud", "date": "2014-08-03", "amount": 4.11}]`)
	write("f/b.yml", "emisor:\n  nombre: \"TALLER EJEMPLO\"\nfactura:\n  fecha: \"2023-02-14\"\n")
	b := RealBoard{Results: []Result{
		{Labelled: Labelled{File: "a.pdf", Fields: map[string]string{"bill_date": "2014-08-03", "carrier": "Example Cloud, Inc."}}, Folder: "f",
			Got: map[string]string{"bill_date": "2014-08-03"}},
		{Labelled: Labelled{File: "b.pdf", Fields: map[string]string{"carrier": "Taller Ejemplo S.R.L."}}, Folder: "f",
			Got: map[string]string{"bill_date": "2023-02-15", "carrier": "TALLER EJEMPLO"}},
		{Labelled: Labelled{File: "c.pdf"}, Folder: "f"},
	}}
	if err := b.Peers(dir); err != nil {
		t.Fatal(err)
	}
	want := map[string]PeerTally{
		"bill_date": {Compared: 2, ReadAgrees: 1, LabelAgrees: 1},
		"carrier":   {Compared: 2, ReadAgrees: 1, LabelAgrees: 2},
	}
	if diff := cmp.Diff(want, b.PeerTallies()); diff != "" {
		t.Errorf("PeerTallies (-want +got):\n%s", diff)
	}
	write("f/c.json", `{not json`)
	if err := b.Peers(dir); err == nil || !strings.Contains(err.Error(), "c.json") {
		t.Errorf("Peers over a broken peer file = %v, want an error naming it", err)
	}
}
