package fields

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/internal/docgen"
)

// loaSummary is what a clerk reads off an LOA.
type loaSummary struct {
	AccountName, AccountNumber, Carrier, Signer, Title, Date, Kind string
	Address                                                        string
	Statement                                                      bool
	Numbers                                                        int
}

func shapeLOA(shape, signature string, edit func(*docgen.LOA)) docgen.LOA {
	l := docgen.CleanLOA(shape, signature)
	// "Inc." in mid-sentence must not end the statement.
	l.GainingProvider = "Kestrel Signal, Inc."
	if edit != nil {
		edit(&l)
	}
	return l
}

func printedSummary(l docgen.LOA) loaSummary {
	kinds := map[string]string{"none": "", "font": "script", "script": "script", "typed": "typed", "docusign": "esign", "strokes": "drawn", "image": "image"}
	s := loaSummary{AccountName: l.AccountName, AccountNumber: l.AccountNumber, Carrier: l.CurrentCarrier, Signer: l.SignerName,
		Title: l.SignerTitle, Kind: kinds[l.Signature], Address: l.ServiceAddress.Line1 + "|" + l.ServiceAddress.ZIP,
		Statement: !l.OmitStatement, Numbers: len(l.Numbers)}
	if l.SignedDate != nil {
		s.Date = l.SignedDate.Format(time.DateOnly)
	}
	return s
}

func readSummary(t *testing.T, l docgen.LOA) (loaSummary, *LOA) {
	t.Helper()
	data, err := l.PDF()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := extract.Extract(context.Background(), "loa.pdf", data, extract.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	r := ReadLOA(doc, "US")
	s := loaSummary{AccountName: r.AccountName.Text, AccountNumber: r.AccountNumber.Text, Carrier: r.Carrier.Text, Signer: r.SignerName.Text,
		Title: r.SignerTitle.Text, Kind: r.SignatureKind, Statement: r.Statement.Found(), Numbers: len(r.Numbers)}
	if r.SignedDate.Found() {
		s.Date = r.Date.Format(time.DateOnly)
	}
	if a := r.ServiceAddress.Text; a != "" {
		s.Address = "missing street or ZIP: " + a
		if strings.Contains(a, l.ServiceAddress.Line1) && strings.HasSuffix(a, l.ServiceAddress.ZIP) {
			s.Address = l.ServiceAddress.Line1 + "|" + l.ServiceAddress.ZIP
		}
	}
	return s, r
}

// TestLOAShapes reads every element of LOAs in each common shape,
// signed in every way DOMAIN.md counts and left unsigned.
func TestLOAShapes(t *testing.T) {
	for _, shape := range docgen.LOAShapes {
		for _, sig := range docgen.LOASignatures {
			t.Run(shape+"/"+sig, func(t *testing.T) {
				l := shapeLOA(shape, sig, nil)
				got, _ := readSummary(t, l)
				if diff := cmp.Diff(printedSummary(l), got); diff != "" {
					t.Errorf("read differs from the printed LOA (-printed +read):\n%s", diff)
				}
			})
		}
	}
}

// TestLOAShapeVariants: undated, without a statement, a carrier no list
// knows, a long legal name in the statement.
func TestLOAShapeVariants(t *testing.T) {
	tests := []struct {
		name  string
		shape string
		sig   string
		edit  func(*docgen.LOA)
	}{
		{"boxed undated", "boxed", "font", func(l *docgen.LOA) { l.SignedDate = nil }},
		{"letterhead undated", "letterhead", "strokes", func(l *docgen.LOA) { l.SignedDate = nil }},
		{"sectioned undated", "sectioned", "image", func(l *docgen.LOA) { l.SignedDate = nil }},
		{"clauses undated", "clauses", "typed", func(l *docgen.LOA) { l.SignedDate = nil }},
		{"boxed unsigned undated", "boxed", "none", func(l *docgen.LOA) { l.SignedDate = nil }},
		{"sectioned unsigned undated", "sectioned", "none", func(l *docgen.LOA) { l.SignedDate = nil }},
		{"boxed no statement", "boxed", "font", func(l *docgen.LOA) { l.OmitStatement = true }},
		{"letterhead no statement", "letterhead", "font", func(l *docgen.LOA) { l.OmitStatement = true; l.CurrentCarrier = "" }},
		{"sectioned no statement", "sectioned", "font", func(l *docgen.LOA) { l.OmitStatement = true }},
		{"letterhead unknown carrier", "letterhead", "font", func(l *docgen.LOA) { l.CurrentCarrier = "Lakeside Telephone Cooperative" }},
		{"clauses unknown carrier", "clauses", "strokes", func(l *docgen.LOA) { l.CurrentCarrier = "Prairie Lines" }},
		{"sectioned many numbers", "sectioned", "font", func(l *docgen.LOA) {
			l.Numbers = []string{"(217) 555-0100", "(217) 555-0143", "(217) 555-0144", "(217) 555-0145", "(217) 555-0146"}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := shapeLOA(tt.shape, tt.sig, tt.edit)
			got, _ := readSummary(t, l)
			if diff := cmp.Diff(printedSummary(l), got); diff != "" {
				t.Errorf("read differs from the printed LOA (-printed +read):\n%s", diff)
			}
		})
	}
}

// TestLOAStatementAcrossLines: the statement is one sentence read over
// its wrapped lines, and "Inc." does not end it.
func TestLOAStatementAcrossLines(t *testing.T) {
	for _, shape := range docgen.LOAShapes {
		t.Run(shape, func(t *testing.T) {
			_, r := readSummary(t, shapeLOA(shape, "font", nil))
			want := "I authorize Kestrel Signal, Inc. and its designated agents to act on my behalf to notify my current carrier, Verizon, of my decision to change service providers and to port the telephone numbers listed in this letter."
			if shape == "letterhead" {
				want = "Please accept this letter as our authorization to move the telephone numbers below to Kestrel Signal, Inc. The account details as they appear on our current bill are:"
			}
			if diff := cmp.Diff(want, r.Statement.Text); diff != "" {
				t.Errorf("statement (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"abbreviations", "I authorize Acme Corp. and Kestrel, Inc. to port. Service ends.", []string{"I authorize Acme Corp. and Kestrel, Inc. to port.", "Service ends."}},
		{"initials and dotted", "Signed by J. R. Smith for Lowe P.C. of the U.S. today. Next.", []string{"Signed by J. R. Smith for Lowe P.C. of the U.S. today.", "Next."}},
		{"lower case after a period", "Call 555 ext. at noon. Done", []string{"Call 555 ext. at noon.", "Done"}},
		{"no period", "no period at all", []string{"no period at all"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, sentences(tt.text)); diff != "" {
				t.Errorf("sentences (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNamedCarrier(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"known carrier", "to notify my current carrier, Comcast Business, of my decision to change service providers", "Comcast Business"},
		{"apposition", "to notify my current carrier, Lakeside Telephone Cooperative, of my decision", "Lakeside Telephone Cooperative"},
		{"colon", "from my existing provider: Prairie Lines; and", "Prairie Lines"},
		{"clause, not a name", "to notify my current carrier, of my decision to change service providers, and", ""},
		{"none", "I authorize the port of the numbers listed.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := namedCarrier(tt.text); got != tt.want {
				t.Errorf("namedCarrier = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestBlankCarrierForms reads carriers' own blank LOA forms (the real
// corpus, read in place): a form nobody filled is unsigned and undated,
// and none of its captions, blanks or instructions is read as a value.
func TestBlankCarrierForms(t *testing.T) {
	files, _ := filepath.Glob("../../shared/corpus/real/loa-forms/*.pdf")
	if len(files) == 0 {
		t.Skip("no blank carrier forms beside the repository")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := extract.Extract(context.Background(), filepath.Base(f), data, extract.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			r := ReadLOA(doc, "US")
			got := loaSummary{AccountName: r.AccountName.Text, AccountNumber: r.AccountNumber.Text, Carrier: r.Carrier.Text,
				Signer: r.SignerName.Text, Title: r.SignerTitle.Text, Kind: r.SignatureKind, Address: r.ServiceAddress.Text, Date: r.SignedDate.Text}
			if diff := cmp.Diff(loaSummary{}, got); diff != "" {
				t.Errorf("a blank form read as filled (-blank +read):\n%s", diff)
			}
		})
	}
}
