package extract_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/internal/formfill"
)

// The carriers' own fillable LOAs of the real corpus, filled in Go as a
// customer fills them in a viewer, must read as the same LOA printed:
// every typed value a word inside its field's box, live and flattened
// alike. The filled copies are made here from the corpus, never stored.

// loaFormsDir finds the corpus's blank forms; tests skip without them
// unless PORTCHECK_REQUIRE_SERVICES=1 (CI), as other corpus tests do.
func loaFormsDir(t testing.TB) string {
	t.Helper()
	candidates := []string{"../../shared/corpus/real/loa-forms", "/work/shared/corpus/real/loa-forms"}
	if c := os.Getenv("PORTCHECK_CORPUS"); c != "" {
		candidates = append([]string{filepath.Join(c, "loa-forms")}, candidates...)
	}
	for _, c := range candidates {
		if fi, err := os.Stat(c); err == nil && fi.IsDir() {
			return c
		}
	}
	if os.Getenv("PORTCHECK_REQUIRE_SERVICES") == "1" {
		t.Fatalf("the real corpus is required (PORTCHECK_REQUIRE_SERVICES=1): set PORTCHECK_CORPUS; tried %q", candidates)
	}
	t.Skipf("the real corpus's loa-forms are not here (tried %q)", candidates)
	return ""
}

// formCase is one blank form and what a customer types into it.
type formCase struct {
	name   string
	file   string
	values formfill.Values
	date   string // the date field, left empty when undated
	// The signature goes over the field sign names, or right of the
	// printed label signLabel on page signPage where the form has no
	// signature field.
	sign      string
	signLabel string
	signPage  int
	digital   string // a digital signature field, signed in the "digital" variant
	// captions: a ticked box's word stands on one line with this word of
	// its printed caption.
	captions map[string]string
	// nameField holds the customer's name, lastNumber the last number
	// typed: the variants that change them.
	nameField, lastNumber string
	// drawn fills a form without fields: text drawn by its labels.
	drawn []drawnValue
	// order is the order the filled form stands for.
	order string
	// fitted are auto-sized fields (a /DA of "0 Tf") whose value pdfcpu
	// types at a size wider than the field, where a customer's viewer
	// shrinks it to fit: the size the viewer shows it at.
	fitted map[string]float64
}

// drawnValue is a value drawn right of (or below) the nth printed label
// of a page, for a form without fields.
type drawnValue struct {
	page  int
	label string
	nth   int
	below bool
	value string
}

var formCases = []formCase{
	{
		name: "us-toll-free",
		file: "Letter-of-authorization-(loa)-for-the-u.s.-(toll-free-numbers)-(v.3.2)-(en-us).pdf",
		values: formfill.Values{Text: map[string]string{
			"Customer name": "Acme Widgets LLC", "Customer domain": "acme.example",
			"Service address": "123 Main St", "City": "Springfield", "State": "IL", "Zip code": "62704",
			"Current carrier": "Verizon", "Authorizing name": "Jane Q Doe", "Date": "11/20/2026",
			"Phone number or range 1": "(800) 555-0142", "Phone number or range 2": "(800) 555-0143",
		}},
		date: "Date", sign: "Authorized signature", digital: "Authorized signature",
		nameField: "Customer name", lastNumber: "Phone number or range 2",
		order: `{"current_carrier": "Verizon", "account_name": "Acme Widgets LLC", "authorized_name": "Jane Q Doe",
			"service_address": {"line1": "123 Main St", "city": "Springfield", "state": "IL", "postal_code": "62704", "country": "US"},
			"numbers": [{"number": "+18005550142", "type": "tollfree"}, {"number": "+18005550143", "type": "tollfree"}]}`,
	},
	{
		name: "us-user-and-service",
		file: "letter-of-authorization-(loa)-for-the-u.s.-(user-and-service-numbers)-(v.3.1)-(en-us).pdf",
		values: formfill.Values{
			Text: map[string]string{
				"Signatory Name": "Jane Q Doe", "Signatory title": "Office Manager", "Date": "11/20/26",
				"Account Number": "8812334501", "Current Service Provider": "Verizon",
				"Billing Telephone Number or sub account number If applicable": "(312) 555-0142",
				"Company Name": "Acme Widgets LLC", "Company Domain": "acme.example",
				"Service Street Address": "123 Main St", "City": "Springfield", "State": "IL", "Zip": "62704",
				"Contact phone": "(312) 555-0100", "Contact email": "jane@acme.example",
				"Phone Number Field 1": "(312) 555-0142", "Phone Number Field 2": "(312) 555-0143",
			},
			Radios: map[string]string{
				"How many numbers will you be transferring?":           "All",
				"What kind of phone numbers will you be transferring?": "Users",
			},
		},
		date: "Date", sign: "Authorizing Signature", digital: "Authorizing Signature",
		nameField: "Company Name", lastNumber: "Phone Number Field 2",
		// The Date field is 41 points wide: "11/20/26" at pdfcpu's 12
		// points ran past it, and printed it read "11/20/2".
		fitted: map[string]float64{"Date": 9},
		order: `{"current_carrier": "Verizon", "account_name": "Acme Widgets LLC", "account_number": "8812334501",
			"btn": "+13125550142", "authorized_name": "Jane Q Doe", "authorized_title": "Office Manager",
			"service_address": {"line1": "123 Main St", "city": "Springfield", "state": "IL", "postal_code": "62704", "country": "US"},
			"numbers": [{"number": "+13125550142", "type": "landline"}, {"number": "+13125550143", "type": "landline"}], "full_port": true}`,
		captions: map[string]string{"How many numbers will you be transferring?": "all"},
	},
	{
		name: "canada-en",
		file: "letter-of-authorization-(loa)-for-canada-(user-and-service-numbers)-(v.1.0)-(en-ca).pdf",
		values: formfill.Values{
			Text: map[string]string{
				"Signatory name": "Jane Q Doe", "Signatory title": "Office Manager", "Date": "2026-11-20",
				"Account number": "8812334501", "Current reseller": "Rogers",
				"Billing Telephone Number BTN": "(416) 555-0142", "Company name": "Acme Widgets Ltd",
				"Service address": "100 King St W", "City": "Toronto", "ProvinceTerritory": "ON",
				"Postal code": "M5V 2T6", "Contact phone": "(416) 555-0100", "Contact email": "jane@acme.example",
				"Phone number or range 1": "(416) 555-0142", "Phone number or range 2": "(416) 555-0143",
			},
			Checks: map[string]bool{"All numbers": true, "Some numbers": false, "User numbers": true},
		},
		date: "Date", sign: "Authorizing signature",
		nameField: "Company name", lastNumber: "Phone number or range 2",
		order: `{"current_carrier": "Rogers", "account_name": "Acme Widgets Ltd", "account_number": "8812334501",
			"btn": "+14165550142", "authorized_name": "Jane Q Doe", "authorized_title": "Office Manager",
			"service_address": {"line1": "100 King St W", "city": "Toronto", "state": "ON", "postal_code": "M5V 2T6", "country": "CA"},
			"numbers": [{"number": "+14165550142", "type": "landline"}, {"number": "+14165550143", "type": "landline"}], "full_port": true}`,
		captions: map[string]string{"All numbers": "all", "User numbers": "users"},
	},
	{
		name: "canada-fr",
		file: "letter-of-authorization-(loa)-for-canada-(user-and-service-numbers)-(v.1.0)-(fr-ca).pdf",
		values: formfill.Values{
			Text: map[string]string{
				"Nom du signataire": "Jeanne Roy", "Titre du signataire": "Directrice", "Date": "2026-11-20",
				"Numéro de compte": "8812334501", "Fournisseur de service actuel": "Bell Canada",
				"Numéro de téléphone de facturation ou numéro de sous-compte": "514 555-0142",
				"Nom de la société": "Les Entreprises Acme", "Adresse postale du service": "1000 rue Sherbrooke O",
				"Ville": "Montréal", "Province": "QC", "Code postal": "H3A 3G4",
				"Téléphone de contact": "514 555-0100", "Courriel de contact": "jeanne@acme.example",
				"Numéros de téléphone 1": "514 555-0142", "Numéros de téléphone 2": "514 555-0143",
			},
			Checks: map[string]bool{"Je ne transfere 1": true, "Je ne transfer 3": true},
		},
		date: "Date", sign: "Signature d'autorisation",
		nameField: "Nom de la société", lastNumber: "Numéros de téléphone 2",
		order: `{"current_carrier": "Bell Canada", "account_name": "Les Entreprises Acme", "account_number": "8812334501",
			"btn": "+15145550142", "authorized_name": "Jeanne Roy", "authorized_title": "Directrice",
			"service_address": {"line1": "1000 rue Sherbrooke O", "city": "Montréal", "state": "QC", "postal_code": "H3A 3G4", "country": "CA"},
			"numbers": [{"number": "+15145550142", "type": "landline"}, {"number": "+15145550143", "type": "landline"}], "full_port": true}`,
		captions: map[string]string{"Je ne transfere 1": "tous"},
	},
	{
		name: "germany",
		file: "letter-of-authorization-(loa)-for-germany-(geographic-numbers)-(v.1.0)-(de-de).pdf",
		values: formfill.Values{
			Text: map[string]string{
				"Text1": "Deutsche Telekom", "Text2": "Acme GmbH", "Text3": "Jana", "Text4": "Hauptstraße",
				"Text5": "12", "Text25": "10115", "Text26": "Berlin", "Text6": "030", "Text7": "12345678",
				"Text8": "12345679", "Text21": "Berlin, 20.11.2026",
			},
			Checks: map[string]bool{"Check Box23": true, "Check Box24": true},
		},
		date: "Text21", signLabel: "Unterschrift:", signPage: 1,
		nameField: "Text2", lastNumber: "Text8",
		order: `{"current_carrier": "Deutsche Telekom", "account_name": "Acme GmbH",
			"service_address": {"line1": "Hauptstraße 12", "city": "Berlin", "postal_code": "10115", "country": "DE"},
			"numbers": [{"number": "+493012345678", "type": "landline"}, {"number": "+493012345679", "type": "landline"}], "full_port": true}`,
		captions: map[string]string{"Check Box23": "Portierung", "Check Box24": "alle"},
	},
	{
		name: "netherlands",
		file: "letter-of-authorization-(loa)-for-the-netherlands-(geographic-numbers)-(v.2.0)-(nl-nl).pdf",
		values: formfill.Values{Text: map[string]string{
			"Naam": "KPN", "Naam van de klant": "Acme B.V.", "Btw-nummer:": "NL123456789B01",
			"Adres (installatieadres):": "Keizersgracht 100\n1015 AA Amsterdam",
			"Telefoonnummers":           "020 123 4567\n020 123 4568",
			"Naam ondertekenaar:":       "Jan de Vries", "Datum:": "20-11-2026",
		}},
		date: "Datum:", sign: "Handtekening voor autorisatie",
		nameField: "Naam van de klant",
		order: `{"current_carrier": "KPN", "account_name": "Acme B.V.", "authorized_name": "Jan de Vries",
			"service_address": {"line1": "Keizersgracht 100", "city": "Amsterdam", "postal_code": "1015 AA", "country": "NL"},
			"numbers": [{"number": "+31201234567", "type": "landline"}, {"number": "+31201234568", "type": "landline"}]}`,
	},
	{
		name: "belgium",
		file: "letter-of-authorization-(loa)-for-belgium-(geographic-numbers)-(v.1.0)-(fr-be).pdf",
		// The form's "Nom" is one field with a widget on page 1 (the
		// operator's name) and one on page 2 (the customer's): whatever
		// is typed stands in both, so the order names no carrier.
		values: formfill.Values{Text: map[string]string{
			"Nom": "Acme SPRL", "Numero de TVA:": "BE0123456789",
			"Adresse":              "Rue de la Loi 16\n1000 Bruxelles",
			"Numeros de telephone": "02 123 45 67\n02 123 45 68",
			"Nom du signataire":    "Jean Dupont", "Date": "20/11/2026",
		}},
		date: "Date", sign: "Signature du donneur d'autorisation",
		nameField: "Nom",
		order: `{"account_name": "Acme SPRL", "authorized_name": "Jean Dupont",
			"service_address": {"line1": "Rue de la Loi 16", "city": "Bruxelles", "postal_code": "1000", "country": "BE"},
			"numbers": [{"number": "+3221234567", "type": "landline"}, {"number": "+3221234568", "type": "landline"}]}`,
	},
	{
		name: "uk",
		file: "letter-of-authorization-(loa)-for-the-u.k.-(geographic-numbers)-(v.2.0)-(en-us).pdf",
		drawn: []drawnValue{
			{page: 2, label: "Name:", value: "BT"},
			{page: 2, label: "Company Name:", below: true, value: "Acme Widgets Ltd"},
			{page: 2, label: "Requester’s Name:", below: true, value: "Jane Doe"},
			{page: 2, label: "Requester’s Job Title:", below: true, value: "Office Manager"},
			{page: 3, label: "Site Address", below: true, value: "10 Downing Street"},
			{page: 3, label: "Site Address", below: true, value: "London SW1A 2AA"},
			{page: 3, label: "Main Billing Number:", below: true, value: "020 7946 0142"},
			{page: 3, label: "in service):", below: true, value: "020 7946 0142"},
			{page: 3, label: "in service):", below: true, value: "020 7946 0143"},
			{page: 4, label: "Signatory Name:", below: true, value: "Jane Doe"},
			{page: 4, label: "Date:", below: true, value: "20/11/2026"},
		},
		date: "Date:", signLabel: "Authorizing Signature:", signPage: 4,
		nameField: "Company Name:", lastNumber: "020 7946 0143",
		order: `{"current_carrier": "BT", "account_name": "Acme Widgets Ltd", "authorized_name": "Jane Doe", "authorized_title": "Office Manager",
			"service_address": {"line1": "10 Downing Street", "city": "London", "postal_code": "SW1A 2AA", "country": "GB"},
			"numbers": [{"number": "+442079460142", "type": "landline"}, {"number": "+442079460143", "type": "landline"}]}`,
	},
}

// Variants of one filled form.
const (
	signed    = "signed"          // a signature image pasted over the signature line (a Stamp)
	inked     = "ink"             // a signature drawn in ink
	unsigned  = "unsigned"        // no signature at all
	undated   = "undated"         // signed, the date left empty
	digital   = "digital"         // the form's digital signature field signed
	leftOut   = "number-left-out" // signed, the last number not typed
	otherName = "other-name"      // signed, another customer name typed
)

// typedOtherName is the name typed in the other-name variant.
const typedOtherName = "Northwind Traders"

// copies are the renditions of one filled variant compared with each
// other: as filled, flattened, and with the values left for the reader
// to draw (no appearance streams, NeedAppearances).
type copies struct {
	live, flat, noAP []byte
	widgets          []formfill.Widget
	signRect         [4]float64
	signPage         int
}

var (
	fillOnce sync.Map // case/variant -> *filled
)

type filled struct {
	once sync.Once
	c    copies
	err  error
}

// fill makes (once per test binary) the copies of one variant.
func fill(t testing.TB, fc formCase, variant string) copies {
	t.Helper()
	dir := loaFormsDir(t)
	v, _ := fillOnce.LoadOrStore(fc.name+"/"+variant, &filled{})
	f := v.(*filled)
	f.once.Do(func() { f.c, f.err = makeCopies(filepath.Join(dir, fc.file), fc, variant) })
	if f.err != nil {
		t.Fatalf("%s %s: %v", fc.name, variant, f.err)
	}
	return f.c
}

func makeCopies(path string, fc formCase, variant string) (copies, error) {
	blank, err := os.ReadFile(path)
	if err != nil {
		return copies{}, err
	}
	var live []byte
	if fc.drawn != nil {
		live, err = drawValues(blank, fc, variant)
	} else if blank, err = fitFields(blank, fc.fitted); err == nil {
		live, err = formfill.Fill(blank, typed(fc, variant))
	}
	if err != nil {
		return copies{}, err
	}
	c := copies{}
	if c.widgets, err = formfill.Widgets(live); err != nil {
		return copies{}, err
	}
	if c.signPage, c.signRect, err = signatureRect(blank, fc, c.widgets); err != nil {
		return copies{}, err
	}
	switch variant {
	case signed, undated, leftOut, otherName:
		live, err = formfill.Stamp(live, c.signPage, c.signRect)
	case inked:
		live, err = formfill.Ink(live, c.signPage, c.signRect)
	case digital:
		live, err = formfill.Sign(live, fc.digital)
	}
	if err != nil {
		return copies{}, err
	}
	c.live = live
	if c.flat, err = formfill.Flatten(live); err != nil {
		return copies{}, err
	}
	c.noAP = c.flat
	if fc.drawn == nil {
		if c.noAP, err = formfill.DropAppearances(live); err != nil {
			return copies{}, err
		}
	}
	return c, nil
}

// fitFields sets the font size of the named fields' default
// appearance, as a viewer fits an auto-sized value to its field.
func fitFields(blank []byte, sizes map[string]float64) ([]byte, error) {
	if len(sizes) == 0 {
		return blank, nil
	}
	return editFields(blank, func(name string, d types.Dict) bool {
		da, isDA := d["DA"].(types.StringLiteral)
		size, want := sizes[name]
		if !want || !isDA || !strings.Contains(string(da), " 0 Tf") {
			return false
		}
		d["DA"] = types.StringLiteral(strings.Replace(string(da), " 0 Tf", fmt.Sprintf(" %g Tf", size), 1))
		return true
	}, len(sizes))
}

// editFields calls edit with each dictionary of the form that names a
// field (its /T), and fails unless want of them were edited.
func editFields(blank []byte, edit func(name string, d types.Dict) bool, want int) ([]byte, error) {
	ctx, err := api.ReadContext(bytes.NewReader(blank), model.NewDefaultConfiguration())
	if err != nil {
		return nil, fmt.Errorf("edit fields: %w", err)
	}
	n := 0
	for nr := range ctx.Table {
		d, err := ctx.DereferenceDict(*types.NewIndirectRef(nr, 0))
		if err != nil || d == nil {
			continue
		}
		if t, _ := ctx.DereferenceStringOrHexLiteral(d["T"], model.V10, nil); t != "" && edit(t, d) {
			n++
		}
	}
	if n != want {
		return nil, fmt.Errorf("edit fields: %d of %d fields edited", n, want)
	}
	var out bytes.Buffer
	if err := api.WriteContext(ctx, &out); err != nil {
		return nil, fmt.Errorf("edit fields: %w", err)
	}
	return out.Bytes(), nil
}

// drawValues fills a form without fields by drawing each value by its
// label, in 10-point Helvetica.
func drawValues(blank []byte, fc formCase, variant string) ([]byte, error) {
	texts, err := drawnTexts(blank, fc, variant)
	if err != nil {
		return nil, err
	}
	return formfill.DrawText(blank, texts)
}

func drawnTexts(blank []byte, fc formCase, variant string) ([]formfill.Text, error) {
	doc, err := extract.Extract(context.Background(), fc.file, blank, extract.Limits{})
	if err != nil {
		return nil, err
	}
	var out []formfill.Text
	below := map[string]float64{} // label -> lines drawn under it
	for _, d := range fc.drawn {
		value := d.value
		switch {
		case variant == undated && d.label == fc.date, variant == leftOut && d.value == fc.lastNumber:
			continue
		case variant == otherName && d.label == fc.nameField:
			value = typedOtherName
		}
		p := doc.Pages[d.page-1]
		b, ok := labelBox(p, d.label, d.nth)
		if !ok {
			return nil, fmt.Errorf("no label %q on page %d", d.label, d.page)
		}
		key := fmt.Sprint(d.page, d.label, d.nth)
		x, base := b[2]+6, b[3]-2 // on the label's baseline, after it
		if d.below {
			below[key]++
			x, base = b[0], b[3]-2+18*below[key]
		}
		out = append(out, formfill.Text{Page: d.page, X: x, Y: p.Height - base, Size: 10, S: value, Comment: d.label})
	}
	return out, nil
}

// labelBox finds the nth (from 0) run of words reading label on a page.
func labelBox(p extract.Page, label string, nth int) (extract.Box, bool) {
	want := strings.Fields(label)
	for _, l := range p.Lines {
		for i := 0; i+len(want) <= len(l.Words); i++ {
			ok := true
			for j, w := range want {
				ok = ok && l.Words[i+j].Text == w
			}
			if !ok {
				continue
			}
			if nth > 0 {
				nth--
				continue
			}
			b := l.Words[i].Box
			for _, w := range l.Words[i : i+len(want)] {
				b = extract.Box{min(b[0], w.Box[0]), min(b[1], w.Box[1]), max(b[2], w.Box[2]), max(b[3], w.Box[3])}
			}
			return b, true
		}
	}
	return extract.Box{}, false
}

// typed is what the customer typed in a variant.
func typed(fc formCase, variant string) formfill.Values {
	v := formfill.Values{Text: map[string]string{}, Checks: fc.values.Checks, Radios: fc.values.Radios}
	for k, s := range fc.values.Text {
		switch {
		case variant == undated && k == fc.date, variant == leftOut && k == fc.lastNumber:
			continue
		case variant == otherName && k == fc.nameField:
			s = typedOtherName
		}
		v.Text[k] = s
	}
	return v
}

// signatureRect is where the signature goes: over the signature field,
// or right of the printed label, in PDF user space.
func signatureRect(blank []byte, fc formCase, ws []formfill.Widget) (int, [4]float64, error) {
	if fc.sign != "" {
		w, ok := formfill.Find(ws, fc.sign)
		if !ok {
			return 0, [4]float64{}, fmt.Errorf("no field %q", fc.sign)
		}
		return w.Page, w.Rect, nil
	}
	doc, err := extract.Extract(context.Background(), fc.file, blank, extract.Limits{})
	if err != nil {
		return 0, [4]float64{}, err
	}
	p := doc.Pages[fc.signPage-1]
	b, ok := labelBox(p, fc.signLabel, 0)
	if !ok {
		return 0, [4]float64{}, fmt.Errorf("no label %q on page %d", fc.signLabel, fc.signPage)
	}
	return fc.signPage, [4]float64{b[2] + 6, p.Height - b[3] - 2, b[2] + 186, p.Height - b[3] + 26}, nil
}

func read(t testing.TB, name string, data []byte) *extract.Document {
	t.Helper()
	doc, err := extract.Extract(context.Background(), name, data, extract.Limits{})
	if err != nil {
		t.Fatalf("extract %s: %v", name, err)
	}
	return doc
}

// pageBox maps a widget's user-space rectangle to the Document's
// top-left page coordinates (these forms have no /Rotate and their
// MediaBox starts at the origin: the test checks the page size).
func pageBox(p extract.Page, r [4]float64) extract.Box {
	return extract.Box{r[0], p.Height - r[3], r[2], p.Height - r[1]}
}

// within: a word starts inside a field's box and stands in its height;
// a value longer than a small box runs out of it on the right, as
// viewers draw it (clipped on screen, whole in the text).
func within(b, box extract.Box) bool {
	return b[0] >= box[0]-2 && b[0] < box[2] && b[1] >= box[1]-2 && b[3] <= box[3]+2
}

func inside(b, outer extract.Box, slack float64) bool {
	return b[0] >= outer[0]-slack && b[1] >= outer[1]-slack && b[2] <= outer[2]+slack && b[3] <= outer[3]+slack
}

// findWords finds a value's words in order on one line of the page,
// each inside box.
func findWords(p extract.Page, value string, box extract.Box) bool {
	want := strings.Fields(value)
	for _, l := range p.Lines {
		for i := 0; i+len(want) <= len(l.Words); i++ {
			ok := true
			for j, w := range want {
				got := l.Words[i+j]
				if got.Text != w || !within(got.Box, box) {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

func TestFilledFormValuesInTheirWidgets(t *testing.T) {
	for _, fc := range formCases {
		for _, variant := range []string{signed, undated} {
			c := fill(t, fc, variant)
			for _, cp := range []struct {
				name string
				data []byte
			}{{"live", c.live}, {"flattened", c.flat}, {"no appearances", c.noAP}} {
				t.Run(fc.name+"/"+variant+"/"+cp.name, func(t *testing.T) {
					doc := read(t, fc.file, cp.data)
					checkTyped(t, doc, fc, variant, c.widgets)
					checkBoxes(t, doc, fc, c.widgets)
					checkDrawn(t, doc, fc, variant)
				})
			}
		}
	}
}

func checkTyped(t *testing.T, doc *extract.Document, fc formCase, variant string, ws []formfill.Widget) {
	t.Helper()
	for name, value := range typed(fc, variant).Text {
		for _, w := range ws {
			if w.Name != name {
				continue
			}
			p := doc.Pages[w.Page-1]
			box := pageBox(p, w.Rect)
			for _, line := range strings.Split(value, "\n") {
				if !findWords(p, line, box) {
					t.Errorf("%q (field %q) is not a run of words inside %v on page %d:\n%s", line, name, box, w.Page, linesNear(p, box))
				}
			}
		}
	}
}

// checkDrawn: a value drawn on a form without fields reads as words
// where it was drawn.
func checkDrawn(t *testing.T, doc *extract.Document, fc formCase, variant string) {
	t.Helper()
	if fc.drawn == nil {
		return
	}
	blank, err := os.ReadFile(filepath.Join(loaFormsDir(t), fc.file))
	if err != nil {
		t.Fatal(err)
	}
	texts, err := drawnTexts(blank, fc, variant)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range texts {
		p := doc.Pages[d.Page-1]
		top := p.Height - d.Y
		box := extract.Box{d.X - 1, top - 10, p.Width, top + 3}
		if !findWords(p, d.S, box) {
			t.Errorf("%q drawn by %q is not a run of words from %v:\n%s", d.S, d.Comment, box, linesNear(p, box))
		}
	}
}

// checkBoxes: a ticked box reads ☒, an unticked one ☐, inside the box;
// a ticked box stands on one line with its caption.
func checkBoxes(t *testing.T, doc *extract.Document, fc formCase, ws []formfill.Widget) {
	t.Helper()
	for _, w := range ws {
		if w.Type != "Btn" {
			continue
		}
		p := doc.Pages[w.Page-1]
		box := pageBox(p, w.Rect)
		var got []string
		var line extract.Line
		for _, l := range p.Lines {
			for _, wd := range l.Words {
				if (wd.Text == extract.Ticked || wd.Text == extract.Unticked) && inside(wd.Box, box, 2) {
					got = append(got, wd.Text)
					line = l
				}
			}
		}
		if len(got) != 1 {
			t.Errorf("box %q at %v reads %q, want one of ☒ or ☐", w.Name, box, got)
			continue
		}
		if got[0] == extract.Ticked {
			if word, ok := fc.captions[w.Name]; ok && !slices.ContainsFunc(line.Words, func(x extract.Word) bool { return strings.EqualFold(x.Text, word) }) {
				t.Errorf("ticked %q stands on %q, without its caption's %q", w.Name, line.Text, word)
			}
		}
	}
	for name, want := range fc.values.Checks {
		w, _ := formfill.Find(ws, name)
		p := doc.Pages[w.Page-1]
		if got := boxState(p, pageBox(p, w.Rect)); got != want {
			t.Errorf("box %q ticked %v, want %v", name, got, want)
		}
	}
}

func boxState(p extract.Page, box extract.Box) bool {
	for _, wd := range p.Words {
		if wd.Text == extract.Ticked && inside(wd.Box, box, 2) {
			return true
		}
	}
	return false
}

func linesNear(p extract.Page, box extract.Box) string {
	var b strings.Builder
	for _, l := range p.Lines {
		if l.Box[3] > box[1]-20 && l.Box[1] < box[3]+20 {
			fmt.Fprintf(&b, "  %v %s\n", l.Box, l.Text)
		}
	}
	return b.String()
}

// A flattened copy reads line for line as the live form; one whose
// values the reader must draw itself reads the same words.
func TestFilledFormLiveReadsAsFlattened(t *testing.T) {
	for _, fc := range formCases {
		for _, variant := range []string{signed, inked, unsigned, undated} {
			t.Run(fc.name+"/"+variant, func(t *testing.T) {
				c := fill(t, fc, variant)
				live, flat, noAP := read(t, "live", c.live), read(t, "flat", c.flat), read(t, "noap", c.noAP)
				if diff := cmp.Diff(pageLines(flat), pageLines(live)); diff != "" {
					t.Errorf("live lines differ from flattened (-flat +live):\n%s", diff)
				}
				if diff := cmp.Diff(pageWords(live), pageWords(noAP)); diff != "" {
					t.Errorf("words drawn from the fields' values differ from their appearances (-appearances +values):\n%s", diff)
				}
			})
		}
	}
}

func pageLines(doc *extract.Document) [][]string {
	out := make([][]string, len(doc.Pages))
	for i, p := range doc.Pages {
		for _, l := range p.Lines {
			out[i] = append(out[i], l.Text)
		}
	}
	return out
}

func pageWords(doc *extract.Document) [][]string {
	out := make([][]string, len(doc.Pages))
	for i, p := range doc.Pages {
		for _, w := range p.Words {
			// A fill-in rule under a value is dropped only when the value
			// stands on the rule's row, which depends on the baseline
			// each writer picks; the rules say nothing either way.
			if strings.Trim(w.Text, "_") != "" {
				out[i] = append(out[i], w.Text)
			}
		}
		slices.Sort(out[i])
	}
	return out
}

// The signature's evidence, live and flattened: a pasted image is an
// image mark over the line, ink a drawn mark, no signature no mark; a
// signed digital signature field a signature-field mark, an empty one
// nothing.
func TestFilledFormSignatureMarks(t *testing.T) {
	for _, fc := range formCases {
		variants := map[string]extract.MarkKind{signed: extract.MarkImage, inked: extract.MarkCurves, unsigned: ""}
		if fc.digital != "" {
			variants[digital] = extract.MarkSignatureField
		}
		blankData, err := os.ReadFile(filepath.Join(loaFormsDir(t), fc.file))
		if err != nil {
			t.Fatal(err)
		}
		blank := read(t, fc.file, blankData)
		for variant, want := range variants {
			c := fill(t, fc, variant)
			copies := map[string][]byte{"live": c.live, "flattened": c.flat}
			if variant == digital {
				delete(copies, "flattened") // flattening drops the signature dictionary
			}
			for name, data := range copies {
				t.Run(fc.name+"/"+variant+"/"+name, func(t *testing.T) {
					doc := read(t, fc.file, data)
					p := doc.Pages[c.signPage-1]
					line := pageBox(p, c.signRect)
					got := marksOver(p, line)
					// The blank form's own marks there (a logo, a drawn
					// box) are there signed or not; page content's curves
					// are one cluster, so ink drawn near them may join it.
					base := marksOver(blank.Pages[c.signPage-1], line)
					if want == "" {
						if diff := cmp.Diff(base, got); diff != "" {
							t.Errorf("unsigned: marks over the signature line %v (-blank +got):\n%s", line, diff)
						}
						return
					}
					if !slices.Contains(got, want) {
						t.Errorf("marks over the signature line %v are %q, want a %q mark", line, got, want)
					}
				})
			}
		}
	}
}

func marksOver(p extract.Page, line extract.Box) []extract.MarkKind {
	var out []extract.MarkKind
	for _, m := range p.Marks {
		if m.Box[0] < line[2] && m.Box[2] > line[0] && m.Box[1] < line[3] && m.Box[3] > line[1] {
			out = append(out, m.Kind)
		}
	}
	slices.Sort(out)
	return out
}

// TestFilledFormPageSize guards pageBox: the forms' pages are upright
// and start at the origin, so user space maps by the height alone.
func TestFilledFormPageSize(t *testing.T) {
	for _, fc := range formCases {
		t.Run(fc.name, func(t *testing.T) {
			c := fill(t, fc, signed)
			doc := read(t, fc.file, c.live)
			for _, p := range doc.Pages {
				if p.Width > p.Height {
					t.Errorf("page %d is %vx%v: turned", p.Number, p.Width, p.Height)
				}
			}
		})
	}
}

// BenchmarkReadFilledForm: reading a filled form should cost no more
// than twice reading the same form flattened (issue 11); the figure is a
// benchmark, never a timed assertion (scripts/bench.sh prints it).
func BenchmarkReadFilledForm(b *testing.B) {
	for _, fc := range formCases {
		c := fill(b, fc, signed)
		for _, cp := range []struct {
			name string
			data []byte
		}{{"live", c.live}, {"flattened", c.flat}} {
			b.Run(fc.name+"/"+cp.name, func(b *testing.B) {
				for b.Loop() {
					if _, err := extract.Extract(context.Background(), "form.pdf", cp.data, extract.Limits{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
