package compare

import "testing"

func TestClassify(t *testing.T) {
	tests := []struct {
		name, expected, found string
		want                  Class
	}{
		{"exact", "Acme Widgets, Inc.", "Acme Widgets, Inc.", Exact},
		{"case", "Acme Widgets, Inc.", "ACME WIDGETS, INC.", Case},
		{"whitespace", "Acme Widgets, Inc.", "Acme  Widgets , Inc.", Whitespace},
		{"whitespace and case", "Acme Widgets, Inc.", " acme widgets, inc. ", Whitespace},
		{"SPEC example: case and punctuation", "Acme Widgets, Inc.", "ACME WIDGETS INC", Punctuation},
		{"hyphen for space", "Smith-Jones Dental", "Smith Jones Dental", Punctuation},
		{"abbreviation", "Acme Widgets Incorporated", "ACME WIDGETS INC", Abbreviation},
		{"and for ampersand", "Smith and Sons", "Smith & Sons", Abbreviation},
		{"llc", "Acme Limited Liability Company", "Acme LLC", Abbreviation},
		{"different word", "Acme Widgets, Inc.", "Acme Gadgets, Inc.", Different},
		{"missing word", "Acme Widgets, Inc.", "Acme, Inc.", Different},
		{"accents are not folded", "Café Luna", "CAFE LUNA", Different},
		{"accent case only", "Café Luna", "CAFÉ LUNA", Case},
		{"empty found", "Acme", "", Different},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Classify(tt.expected, tt.found); got != tt.want {
				t.Errorf("Classify(%q, %q) = %q, want %q", tt.expected, tt.found, got, tt.want)
			}
		})
	}
}

func TestClassifyAccountNumber(t *testing.T) {
	tests := []struct {
		name, expected, found string
		want                  Class
	}{
		{"exact", "482-99117-03", "482-99117-03", Exact},
		{"no dashes", "482-99117-03", "4829911703", Punctuation},
		{"spaces", "482 99117 03", "48299117 03", Whitespace},
		{"letter case", "AB-1234", "ab-1234", Case},
		{"leading zero", "0482991170", "482991170", Different},
		{"other digit", "482-99117-03", "482-99117-04", Different},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ClassifyAccountNumber(tt.expected, tt.found); got != tt.want {
				t.Errorf("ClassifyAccountNumber(%q, %q) = %q, want %q", tt.expected, tt.found, got, tt.want)
			}
		})
	}
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
