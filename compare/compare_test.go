package compare

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

type classCase struct {
	name, expected, found string
	want                  Class
}

// checkClasses runs fn over the cases and reports every wrong class.
func checkClasses(t *testing.T, fn func(string, string) Class, cases []classCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Helper()
			if diff := cmp.Diff(tt.want, fn(tt.expected, tt.found)); diff != "" {
				t.Errorf("(%q, %q) (-want +got):\n%s", tt.expected, tt.found, diff)
			}
		})
	}
}

func TestClassify(t *testing.T) {
	checkClasses(t, Classify, []classCase{
		{"exact", "Acme Widgets, Inc.", "Acme Widgets, Inc.", Exact},
		{"both empty", "", "", Exact},
		{"empty found", "Acme", "", Different},
		{"empty expected", "", "Acme", Different},
		{"case", "Acme Widgets, Inc.", "ACME WIDGETS, INC.", Case},
		{"lower case", "Acme Widgets, Inc.", "acme widgets, inc.", Case},
		{"double space", "Acme Widgets, Inc.", "Acme  Widgets, Inc.", Whitespace},
		{"space before comma", "Acme Widgets, Inc.", "Acme Widgets , Inc.", Whitespace},
		{"no space after comma", "Acme Widgets, Inc.", "Acme Widgets,Inc.", Whitespace},
		{"trailing space", "Acme Widgets, Inc.", "Acme Widgets, Inc. ", Whitespace},
		{"whitespace and case", "Acme Widgets, Inc.", " acme widgets, inc. ", Whitespace},
		{"tab and newline", "Acme Widgets, Inc.", "Acme\tWidgets,\nInc.", Whitespace},
		{"no-break space", "Acme Widgets", "Acme\u00a0Widgets", Whitespace},
		{"zero-width space", "Acme Widgets", "Acme Wid\u200bgets", Whitespace},
		{"words run together", "Acme Widgets", "AcmeWidgets", Whitespace},
		{"SPEC example: case and punctuation", "Acme Widgets, Inc.", "ACME WIDGETS INC", Punctuation},
		{"comma dropped", "Acme Widgets, Inc.", "Acme Widgets Inc.", Punctuation},
		{"period dropped", "Acme Widgets, Inc.", "Acme Widgets, Inc", Punctuation},
		{"hyphen for space", "Smith-Jones Dental", "Smith Jones Dental", Punctuation},
		{"hyphen dropped", "Smith-Jones Dental", "SmithJones Dental", Punctuation},
		{"apostrophe", "O'Brien Plumbing", "OBRIEN PLUMBING", Punctuation},
		{"curly apostrophe", "O’Brien Plumbing", "O'Brien Plumbing", Punctuation},
		{"initials", "J. P. Morgan Dental", "JP Morgan Dental", Punctuation},
		{"parentheses", "Acme (Springfield) LLC", "Acme Springfield LLC", Punctuation},
		{"slash", "Acme A/V Services", "Acme AV Services", Punctuation},
		{"ampersand in a word", "AT&T Store 12", "ATT Store 12", Punctuation},
		{"ampersand dropped", "Smith & Sons", "Smith Sons", Punctuation},
		{"abbreviation", "Acme Widgets Incorporated", "ACME WIDGETS INC", Abbreviation},
		{"abbreviation with punctuation", "Acme Widgets Incorporated", "Acme Widgets, Inc.", Abbreviation},
		{"corporation", "Springfield Paper Corporation", "Springfield Paper Corp.", Abbreviation},
		{"company", "Acme Company", "ACME CO", Abbreviation},
		{"limited", "Acme Limited", "Acme Ltd.", Abbreviation},
		{"and for ampersand", "Smith and Sons", "Smith & Sons", Abbreviation},
		{"and for ampersand unspaced", "Smith and Sons", "Smith&Sons", Abbreviation},
		{"llc", "Acme Limited Liability Company", "Acme LLC", Abbreviation},
		{"dotted llc", "Acme Limited Liability Company", "Acme, L.L.C.", Abbreviation},
		{"saint", "Saint Mary's Clinic", "ST MARYS CLINIC", Abbreviation},
		{"mount", "Mount Hope Dental", "Mt. Hope Dental", Abbreviation},
		{"brothers", "Wilson Brothers", "Wilson Bros", Abbreviation},
		{"associates", "Lee & Associates", "Lee and Assoc.", Abbreviation},
		{"international", "Acme International", "Acme Int'l", Abbreviation},
		{"department", "Sales Department", "Sales Dept", Abbreviation},
		{"services", "Acme Services", "ACME SVCS", Abbreviation},
		{"doing business as", "Dana Whitfield doing business as Acme", "Dana Whitfield d/b/a Acme", Abbreviation},
		{"different word", "Acme Widgets, Inc.", "Acme Gadgets, Inc.", Different},
		{"missing word", "Acme Widgets, Inc.", "Acme, Inc.", Different},
		{"missing suffix word", "Acme Widgets, Inc.", "Acme Widgets", Different},
		{"and is not dropped", "Smith and Sons", "Smith Sons", Different},
		{"words reordered", "Widgets Acme", "Acme Widgets", Different},
		{"one letter", "Dana Whitfield", "Dana Whitfeld", Different},
		{"accents are not folded", "Café Luna", "CAFE LUNA", Different},
		{"accent dropped, same case", "Café Luna", "Cafe Luna", Different},
		{"accent case only", "Café Luna", "CAFÉ LUNA", Case},
		{"decomposed accent is the same text", "Café Luna", "Cafe\u0301 Luna", Exact},
		{"decomposed accent upper case", "Café Luna", "CAFE\u0301 LUNA", Case},
		{"greek case", "Σοφία", "ΣΟΦΊΑ", Case},
		{"german sharp s is not SS", "Straße", "STRASSE", Different},
		{"enye", "Peña Tile", "Pena Tile", Different},
		{"punctuation only", "...", ",", Punctuation},
	})
}

func TestClassifyAccountNumber(t *testing.T) {
	checkClasses(t, ClassifyAccountNumber, []classCase{
		{"exact", "482-99117-03", "482-99117-03", Exact},
		{"no dashes", "482-99117-03", "4829911703", Punctuation},
		{"dots", "482-99117-03", "482.99117.03", Punctuation},
		{"spaces for dashes", "482-99117-03", "482 99117 03", Punctuation},
		{"spaces only", "482 99117 03", "48299117 03", Whitespace},
		{"spaces added", "4829911703", "482 99117 03", Whitespace},
		{"letter case", "AB-1234", "ab-1234", Case},
		{"letter case and dash", "AB-1234", "ab1234", Punctuation},
		{"leading zero", "0482991170", "482991170", Different},
		{"leading zero with dashes", "048-29911", "48-29911", Different},
		{"other digit", "482-99117-03", "482-99117-04", Different},
		{"transposed", "482-99117-03", "482-99117-30", Different},
		{"empty found", "482-99117-03", "", Different},
		{"separators only", "-", "--", Different},
		{"fullwidth digits are not ASCII digits", "123", "１２３", Different},
	})
}

func TestRank(t *testing.T) {
	got := []int{Rank(Exact), Rank(Case), Rank(Whitespace), Rank(Punctuation), Rank(Abbreviation), Rank(Different), Rank("missing")}
	if diff := cmp.Diff([]int{0, 1, 2, 3, 4, 5, 5}, got); diff != "" {
		t.Errorf("Rank (-want +got):\n%s", diff)
	}
	if Worst(Case, Punctuation) != Punctuation || Worst(Different, Exact) != Different {
		t.Error("Worst does not pick the larger class")
	}
}

func TestWords(t *testing.T) {
	got := Abbreviate(Words("Smith & Sons, L.L.C. (Int'l)"))
	if diff := cmp.Diff([]string{"SMITH", "&", "SONS", "LLC", "INTL"}, got); diff != "" {
		t.Errorf("Abbreviate(Words) (-want +got):\n%s", diff)
	}
}

func FuzzClassify(f *testing.F) {
	f.Add("Acme Widgets, Inc.", "ACME WIDGETS INC")
	f.Add("Café", "CAFE\u0301")
	f.Add("L L C", "&&")
	f.Fuzz(func(t *testing.T, a, b string) {
		if Classify(a, a) != Exact {
			t.Errorf("Classify(%q, itself) is not exact", a)
		}
		if Classify(a, b) != Classify(b, a) {
			t.Errorf("Classify(%q, %q) is not symmetric", a, b)
		}
		ClassifyAccountNumber(a, b)
	})
}

func TestOCRConfusable(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       bool
	}{
		{"O for 0", "482-99117-03", "482-99117-O3", true},
		{"l for 1", "Suite 100", "Suite l00", true},
		{"rn for m", "Hammond Street", "Harnrnond Street", true},
		{"S for 5", "555-0100", "5S5-0100", true},
		{"equal is not confusable", "Acme", "Acme", false},
		{"a real difference", "482-99117-03", "482-99117-04", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := OCRConfusable(tt.a, tt.b); got != tt.want {
				t.Errorf("OCRConfusable(%q, %q) = %v", tt.a, tt.b, got)
			}
		})
	}
}

func TestOCRConfusableLeavesOtherClasses(t *testing.T) {
	if OCRConfusable("Acme Widgets, Inc.", "ACME WIDGETS INC") {
		t.Error("a punctuation difference was put down to OCR")
	}
}

func TestOCRSpecks(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Acme Widgets, Inc.", "Acme Widgets, -Inc.", true},
		{"1200 N Main Street", "1200 N Main Street.", true},
		{"Acme Widgets, Inc.", "ACME WIDGETS INC", false},
		{"Acme Widgets, Inc.", "Acme Widgets, Inc.", false},
		{"Acme", "Acme Co", false},
	}
	for _, tt := range tests {
		if got := OCRSpecks(tt.a, tt.b); got != tt.want {
			t.Errorf("OCRSpecks(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

func TestLegalForm(t *testing.T) {
	for word, want := range map[string]bool{"LLC": true, "L.L.C.": true, "Inc.,": true, "Incorporated": true, "PLLC": true, "GmbH": true,
		"Clinic": false, "Acme": false, "": false, "Company Inc": false} {
		if got := LegalForm(word); got != want {
			t.Errorf("LegalForm(%q) = %v, want %v", word, got, want)
		}
	}
}
