package fields

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/extract"
)

// at is one printed line of a hand-built page: where it starts (x, top
// y), its size, its font, and its words; cells of a row are separate
// ats on the same y.
type at struct {
	x, y, size float64
	font       string
	script     bool
	text       string
}

const bodyFont = "Body-Regular"

// loaPage builds an extracted page as the text layer (or OCR) gives it:
// words placed at half their size per character, one line per y.
func loaPage(source string, marks []extract.Mark, ats ...at) *extract.Document {
	p := extract.Page{Number: 1, Width: 612, Height: 792, TextSource: source, Marks: marks}
	rows := map[float64][]extract.Word{}
	var ys []float64
	for _, a := range ats {
		if _, ok := rows[a.y]; !ok {
			ys = append(ys, a.y)
		}
		x := a.x
		for _, t := range strings.Fields(a.text) {
			w := extract.Word{Text: t, Font: a.font, Script: a.script, Box: extract.Box{x, a.y, x + 0.5*a.size*float64(len([]rune(t))), a.y + a.size}}
			if source == extract.SourceOCR {
				w.Font, w.Script = "", false
			}
			rows[a.y] = append(rows[a.y], w)
			x = w.Box[2] + 0.3*a.size
		}
	}
	for _, y := range ys {
		ws := rows[y]
		l := extract.Line{Words: ws, Box: ws[0].Box}
		var texts []string
		for _, w := range ws {
			l.Box = union(l.Box, w.Box)
			texts = append(texts, w.Text)
		}
		l.Text = strings.Join(texts, " ")
		p.Lines = append(p.Lines, l)
		p.Words = append(p.Words, ws...)
	}
	return &extract.Document{Pages: []extract.Page{p}, TextSource: source}
}

func body(x, y float64, text string) at { return at{x: x, y: y, size: 10, font: bodyFont, text: text} }
func small(x, y float64, text string) at {
	return at{x: x, y: y, size: 7, font: bodyFont, text: text}
}

// prosePara is a statement paragraph that ends just above y.
func prosePara(y float64) []at {
	return []at{
		body(40, y-40, "I authorize Kestrel Signal, Inc. and its designated agents to act on my behalf to notify my current"),
		body(40, y-28, "carrier, Verizon, of my decision to change service providers and to port the numbers listed above."),
	}
}

func TestSignatureKinds(t *testing.T) {
	text, ocr := extract.SourceTextLayer, extract.SourceOCR
	logo := extract.Mark{Kind: extract.MarkCurves, Box: extract.Box{40, 30, 62, 52}}
	scribble := extract.Mark{Kind: extract.MarkCurves, Box: extract.Box{48, 470, 190, 496}}
	caption := func(y float64) []at {
		return []at{small(40, y, "Authorized signature"), small(320, y, "Date")}
	}
	rows := func(parts ...[]at) []at {
		var out []at
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	tests := []struct {
		name   string
		source string
		marks  []extract.Mark
		ats    []at
		want   string
	}{
		{"script flag on an unnamed font", text, nil, rows(prosePara(400), []at{{x: 48, y: 484, size: 10, script: true, text: "Dana Whitfield"}}, caption(500)), "script"},
		{"unnamed font set large", text, nil, rows(prosePara(400), []at{{x: 48, y: 474, size: 24, text: "Dana Whitfield"}}, caption(500)), "script"},
		{"font named for handwriting", text, nil, rows(prosePara(400), []at{{x: 48, y: 484, size: 12, font: "SomeHand-Regular", text: "Dana Whitfield"}}, caption(500)), "script"},
		{"print in the body font is not ink", text, nil, rows(prosePara(400), []at{body(48, 484, "Dana Whitfield")}, caption(500)), ""},
		{"blank line, name and date filled", text, nil, rows(prosePara(400), []at{body(330, 484, "11/10/2026")}, caption(500),
			[]at{small(40, 516, "Print name"), small(320, 516, "Title"), body(40, 526, "Dana Whitfield"), body(320, 526, "Owner")}), ""},
		{"signature under its caption", text, nil, rows(prosePara(400), []at{small(40, 470, "AUTHORIZED SIGNATURE"), small(320, 470, "DATE SIGNED")},
			[]at{{x: 48, y: 478, size: 24, font: "", text: "Dana"}, body(320, 482, "November 10, 2026")}), "script"},
		{"bold heading alone is no caption", text, nil, rows(prosePara(400), []at{{x: 40, y: 430, size: 10, font: "Body-Bold", text: "Signature"}},
			caption(500)), ""},
		{"drawn strokes, logo elsewhere", text, []extract.Mark{logo, scribble}, rows(prosePara(400), caption(500)), "drawn"},
		{"only a logo", text, []extract.Mark{logo}, rows(prosePara(400), caption(500)), ""},
		{"a bullet on the line", text, []extract.Mark{{Kind: extract.MarkCurves, Box: extract.Box{42, 490, 47, 495}}}, rows(prosePara(400), caption(500)), ""},
		{"an image on the line", text, []extract.Mark{{Kind: extract.MarkImage, Box: extract.Box{48, 466, 170, 496}}}, rows(prosePara(400), caption(500)), "image"},
		{"closing, script name, printed name", text, nil, rows(prosePara(400), []at{body(40, 420, "Sincerely,"), {x: 40, y: 436, size: 24, font: "Quill", text: "Dana Whitfield"},
			body(40, 466, "Dana Whitfield"), body(40, 479, "Office Manager")}), "script"},
		{"closing, printed name only", text, nil, rows(prosePara(400), []at{body(40, 420, "Sincerely,"), body(40, 466, "Dana Whitfield"), body(40, 479, "Office Manager")}), ""},
		{"closing, /s/ name", text, nil, rows(prosePara(400), []at{body(40, 420, "Sincerely,"), body(40, 440, "/s/ Dana Whitfield"), body(40, 466, "Dana Whitfield")}), "typed"},
		{"e-signature named in prose is no stamp", text, nil, rows([]at{
			body(40, 360, "This letter may be electronically signed by the customer through the portal of the provider at any time."),
		}, prosePara(400), caption(500)), ""},
		{"e-signature stamp", text, nil, rows(prosePara(400), []at{small(48, 470, "DocuSigned by:"), {x: 48, y: 480, size: 14, font: "Times-Italic", text: "Dana Whitfield"}}, caption(500)), "esign"},
		{"a digital signature's appearance", text, nil, rows(prosePara(400), []at{small(48, 470, "Digitally signed by Dana Whitfield"), small(48, 480, "Date: 2026.11.05 10:14:22 -06'00'")}, caption(500)), "esign"},
		{"an e-signature tool's stamp", text, nil, rows(prosePara(400), []at{small(48, 470, "Signed via PandaDoc"), small(48, 480, "Dana Whitfield")}, caption(500)), "esign"},
		{"a tool named in instructions is no stamp", text, nil, rows(prosePara(400), []at{small(48, 450, "Sent with PandaDoc")}, caption(500)), ""},
		{"scan: heading over a blank line", ocr, nil, rows(prosePara(400), []at{body(40, 420, "4. Signature"), body(330, 484, "November 2, 2026")}, caption(500)), ""},
		{"scan: the row above a heading is not ink", ocr, nil, rows([]at{small(40, 380, "PORT TYPE"), body(40, 392, "Full port"), body(40, 420, "4. Signature")}, caption(500)), ""},
		{"scan: scrawl over the caption", ocr, nil, rows(prosePara(400), []at{body(40, 420, "4. Signature"), {x: 48, y: 478, size: 18, text: "Dna Whtfld"}}, caption(500)), "handwritten"},
		{"scan: one tall letter of a scrawl under a closing", ocr, nil, rows(prosePara(400), []at{body(40, 420, "Sincerely,"), {x: 44, y: 440, size: 16, text: "a"},
			body(40, 466, "Dana Whitfield")}), "handwritten"},
		{"scan: ink strokes beside the caption", ocr, []extract.Mark{{Kind: extract.MarkInk, Box: extract.Box{130, 492, 300, 510}}},
			rows(prosePara(400), caption(500)), "handwritten"},
		{"scan: the next row's typed value under the caption is print", ocr, nil, rows(prosePara(400), caption(500),
			[]at{{x: 130, y: 512, size: 8, font: bodyFont, text: "Dana Whitfield"}, small(40, 520, "Signatory name:")}), ""},
		{"scan: a caption row with its value over the caption is print", ocr, nil, rows(prosePara(400),
			[]at{small(40, 484, "Authorizing name:"), body(130, 484, "Dana Whitfield")}, caption(500)), ""},
		// OCR boxes a word from its accent to its descender: a bold
		// caption with both, under a signature's box, is as tall as
		// a scrawl of capitals and ascenders would be, and is print.
		{"scan: a caption's accent and descender are print", ocr, nil, unterschrift("Änderungs- /"), ""},
		{"scan: a caption whose accent OCR lost is print", ocr, nil, unterschrift("Anderungs- /"), ""},
		{"scan: a scrawl as tall without a descender is ink", ocr, nil, unterschrift("Wmrn"), "handwritten"},
		{"scan: a speck under a closing", ocr, nil, rows(prosePara(400), []at{body(40, 420, "Sincerely,"), {x: 44, y: 446, size: 5, text: "."},
			body(40, 466, "Dana Whitfield")}), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := ReadLOA(loaPage(tt.source, tt.marks, tt.ats...), "US")
			if l.SignatureKind != tt.want {
				t.Errorf("signature kind %q (%q), want %q", l.SignatureKind, l.Signature.Text, tt.want)
			}
		})
	}
}

// unterschrift is a signature caption, the account holder's caption
// under its line, and a word of 10 points' ink below them, as OCR boxes
// the German form's print.
func unterschrift(below string) []at {
	return []at{{x: 271, y: 349, size: 6.7, text: "Unterschrift:"}, {x: 383, y: 361.7, size: 7, text: "Vertragspartner und ggf. Firmenstempel"},
		{x: 357.8, y: 381.8, size: 10.1, text: below}}
}

func TestSigningDate(t *testing.T) {
	tests := []struct {
		name string
		ats  []at
		want string
	}{
		{"over its caption", []at{body(330, 484, "11/10/2026"), small(40, 500, "Authorized signature"), small(320, 500, "Date")}, "11/10/2026"},
		{"right of its label", []at{body(40, 500, "Date signed: November 10, 2026")}, "November 10, 2026"},
		{"under its caption, two captions in one row", []at{small(40, 470, "AUTHORIZED SIGNATURE"), small(320, 470, "DATE SIGNED"), body(320, 480, "Nov 10, 2026")}, "Nov 10, 2026"},
		{"requested port date is not the signing date", []at{small(40, 300, "Account number"), small(320, 300, "Requested port date"),
			body(40, 310, "482-99117-03"), body(320, 310, "12/01/2026"), small(40, 500, "Authorized signature"), small(320, 500, "Date")}, ""},
		{"due date is not the signing date", []at{body(40, 300, "Due Date: 12/01/2026")}, ""},
		{"a letter's date under the printed name", []at{body(40, 420, "Sincerely,"), body(40, 466, "Dana Whitfield"), body(40, 479, "Office Manager"),
			body(40, 492, "November 10, 2026")}, "November 10, 2026"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := ReadLOA(loaPage(extract.SourceTextLayer, nil, tt.ats...), "US")
			if diff := cmp.Diff(tt.want, l.SignedDate.Text); diff != "" {
				t.Errorf("signed date (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLOAProseIsNoValue(t *testing.T) {
	doc := loaPage(extract.SourceTextLayer, nil,
		body(40, 100, "I, the undersigned, am the account holder or an authorized representative of the customer named"),
		body(40, 112, "above. I authorize Kestrel Signal, Inc. to notify my current carrier, Comcast Business, of my decision"),
		body(40, 124, "to change service providers and to port the numbers listed on this letter."),
		small(40, 160, "CUSTOMER / BUSINESS NAME (AS SHOWN ON BILL)"),
		body(40, 170, "Foster & Finch Design"),
		small(40, 200, "PRINTED NAME"), small(320, 200, "TITLE"),
		body(40, 210, "Douglas Singh"), body(320, 210, "IT Director"),
	)
	l := ReadLOA(doc, "US")
	got := []string{l.AccountName.Text, l.Carrier.Text, l.SignerName.Text, l.SignerTitle.Text}
	want := []string{"Foster & Finch Design", "Comcast Business", "Douglas Singh", "IT Director"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("name, carrier, signer, title (-want +got):\n%s", diff)
	}
}

func TestSignerByASignatureLine(t *testing.T) {
	tests := []struct {
		name              string
		ats               []at
		want, title, kind string
	}{
		{"a plain Name caption by the signature line", []at{body(40, 100, "Account Name: Acme Widgets, Inc."),
			body(40, 480, "Name: Dana Whitfield"), body(320, 480, "Title: Owner"),
			body(40, 500, "Signature:"), body(320, 500, "Date: 11/10/2026")}, "Dana Whitfield", "Owner", ""},
		{"legal By / Name / Its block", []at{body(40, 460, "By:"), {x: 70, y: 446, size: 24, font: "Quill", text: "Dana Whitfield"},
			body(40, 480, "Name: Dana Whitfield"), body(40, 494, "Its: Office Manager")}, "Dana Whitfield", "Office Manager", "script"},
		{"signatory name", []at{body(40, 460, "Authorizing signature: ____________"), body(40, 480, "Signatory name: Dana Whitfield"),
			body(40, 494, "Signatory title: Office Manager")}, "Dana Whitfield", "Office Manager", ""},
		{"a plain Name caption far from any signature", []at{body(40, 100, "Name: Acme Widgets"),
			body(40, 500, "Signature:"), body(320, 500, "Date: 11/10/2026")}, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := ReadLOA(loaPage(extract.SourceTextLayer, nil, tt.ats...), "US")
			if diff := cmp.Diff(tt.want, l.SignerName.Text); diff != "" {
				t.Errorf("signer (-want +got):\n%s", diff)
			}
			if tt.title != "" && l.SignerTitle.Text != tt.title {
				t.Errorf("title %q, want %q", l.SignerTitle.Text, tt.title)
			}
			if tt.kind != "" && l.SignatureKind != tt.kind {
				t.Errorf("signature kind %q, want %q", l.SignatureKind, tt.kind)
			}
		})
	}
}

// TestFlatWordIsNoValue: on a scan, what OCR reads of a box's edge
// beside a caption (a "word" a point tall) is not the caption's value.
func TestFlatWordIsNoValue(t *testing.T) {
	doc := loaPage(extract.SourceOCR, nil, body(40, 200, "Company name"))
	p := &doc.Pages[0]
	flat := extract.Word{Text: "Mie", Box: extract.Box{220, 208, 236, 209}}
	p.Lines[0].Words = append(p.Lines[0].Words, flat)
	p.Lines[0].Text += " Mie"
	p.Lines[0].Box[2] = 236
	p.Words = append(p.Words, flat)
	if v := ReadLOA(doc, "US").AccountName; v.Found() {
		t.Errorf("account name %q from a flat word, want none", v.Text)
	}
}
