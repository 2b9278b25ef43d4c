package docgen

import (
	"fmt"
	"strings"
	"time"
)

// LOA is a Letter of Authorization's content as printed.
type LOA struct {
	Layout          string
	GainingProvider string
	CurrentCarrier  string
	AccountName     string
	AccountNumber   string
	ServiceAddress  Address
	Numbers         []string
	SignerName      string
	SignerTitle     string
	// Signature is how it is signed: "none" (a blank line above
	// "Authorized Signature"), "script", "typed" ("/s/ Name"),
	// "docusign" (an e-signature stamp) or "strokes" (drawn curves).
	Signature  string
	SignedDate *time.Time `json:",omitempty"`
	// PIN and TaxID are printed when set, as some LOA forms ask for
	// them: a report must never repeat them.
	PIN           string `json:",omitempty"`
	TaxID         string `json:",omitempty"`
	OmitStatement bool   `json:",omitempty"`
}

// LOALayouts are the layouts of the standard set; PDF also knows
// LOAShapes.
var LOALayouts = []string{"form", "letter", "table"}

var loaLayouts = map[string]func(*canvas, LOA) float64{"form": loaForm, "letter": loaLetter, "table": loaTable}

// PDF renders the LOA.
func (l LOA) PDF() ([]byte, error) {
	c := &canvas{}
	c.page()
	if shape, ok := loaShapes[l.Layout]; ok {
		if err := shape(c, l); err != nil {
			return nil, err
		}
		return c.render()
	}
	layout, ok := loaLayouts[l.Layout]
	if !ok {
		return nil, fmt.Errorf("render loa: unknown layout %q", l.Layout)
	}
	y := layout(c, l)
	if err := signatureBlock(c, l, y); err != nil {
		return nil, err
	}
	return c.render()
}

func (l LOA) statement() string {
	return fmt.Sprintf("I hereby authorize %s to act as my agent to port the telephone numbers listed above from %s.", l.GainingProvider, l.CurrentCarrier)
}

func loaForm(c *canvas, l LOA) float64 {
	c.text(40, 50, "B", 16, "LETTER OF AUTHORIZATION (LOA)")
	c.text(40, 66, "", 9, "Number porting request to "+l.GainingProvider)
	rows := [][2]string{
		{"Account Name:", l.AccountName},
		{"Account Number:", l.AccountNumber},
		{"Current Carrier:", l.CurrentCarrier},
		{"Service Address:", l.ServiceAddress.Street()},
		{"", l.ServiceAddress.Last()},
	}
	y := 100.0
	for _, r := range rows {
		if r[0] != "" {
			c.rect(38, y-12, 534, 18)
		}
		c.text(44, y, "B", 9, r[0])
		c.text(160, y, "", 10, r[1])
		y += 18
	}
	if l.PIN != "" {
		c.text(40, y+4, "", 10, "Account PIN / Passcode: "+l.PIN+"    Tax ID / SSN: "+l.TaxID)
		y += 16
	}
	c.text(40, y+14, "B", 10, "Telephone numbers to port")
	y = c.lines(40, y+30, 14, "", 10, l.Numbers...)
	if !l.OmitStatement {
		c.text(40, y+10, "", 9, l.statement())
		y += 24
	}
	return y + 30
}

func loaLetter(c *canvas, l LOA) float64 {
	c.text(40, 50, "B", 14, "Letter of Authorization")
	y := c.lines(40, 90, 13, "", 10,
		"To: "+l.CurrentCarrier,
		"Re: Customer Name: "+l.AccountName,
		"Account Number: "+l.AccountNumber,
		"Service Address: "+l.ServiceAddress.Street()+", "+l.ServiceAddress.Last())
	if !l.OmitStatement {
		y = c.lines(40, y+14, 13, "", 10,
			"I hereby authorize "+l.GainingProvider+" to act on my behalf to port the following",
			"numbers from "+l.CurrentCarrier+" and to obtain the customer service record for them:")
	}
	y = c.lines(60, y+10, 13, "", 10, l.Numbers...)
	c.text(40, y+10, "", 10, "Current provider: "+l.CurrentCarrier)
	return y + 50
}

func loaTable(c *canvas, l LOA) float64 {
	c.text(40, 50, "B", 14, "Authorization to Transfer Service")
	c.lines(40, 80, 13, "", 10,
		"Business Name: "+l.AccountName,
		"Account #: "+l.AccountNumber,
		"Current Provider: "+l.CurrentCarrier)
	c.text(40, 130, "", 10, "Service Address:")
	c.lines(140, 130, 12, "", 10, l.ServiceAddress.Street(), l.ServiceAddress.Last())
	y := 176.0
	c.rect(38, y-12, 360, 16)
	c.text(44, y, "B", 9, "#")
	c.text(70, y, "B", 9, "Telephone Number")
	c.text(250, y, "B", 9, "Type")
	y += 18
	for i, n := range l.Numbers {
		c.text(44, y, "", 9, fmt.Sprint(i+1))
		c.text(70, y, "", 9, n)
		c.text(250, y, "", 9, "Voice")
		y += 15
	}
	if !l.OmitStatement {
		c.text(40, y+12, "", 9, l.statement())
		y += 24
	}
	return y + 30
}

// envelopeID is the fixed e-signature envelope, so output stays
// deterministic; DocuSign prints it at the top of every signed page.
const envelopeID = "3F2A9C1B-7D4E-4A0F-9B1C-2E5D8A7F6C30"

// signatureBlock prints the signature line with its caption, the printed
// name, title and date, and the signature in the chosen form.
func signatureBlock(c *canvas, l LOA, y float64) error {
	c.line(40, y+30, 260, y+30)
	c.text(40, y+42, "", 8, "Authorized Signature")
	switch l.Signature {
	case "none":
	case "script":
		c.font("Times", "I", 60, y+26, 20, l.SignerName)
	case "typed":
		c.text(60, y+26, "", 11, "/s/ "+l.SignerName)
	case "docusign":
		docuSign(c, l, y)
	case "strokes":
		drawSignature(c, 60, y+26)
	default:
		return fmt.Errorf("render loa: unknown signature %q", l.Signature)
	}
	c.lines(300, y+30, 16, "", 10, "Printed Name: "+l.SignerName, "Title: "+l.SignerTitle)
	if l.SignedDate == nil {
		// An undated LOA still has the caption: the blank is what a
		// reader has to notice.
		c.text(300, y+62, "", 10, "Date:")
		c.line(328, y+63, 440, y+63)
		return nil
	}
	c.text(300, y+62, "", 10, "Date: "+l.SignedDate.Format("01/02/2006"))
	return nil
}

// docuSign draws the e-signature stamp: a bracket, "DocuSigned by:",
// the name in a script-like face and a short envelope hash, plus the
// envelope id in the page's top margin.
func docuSign(c *canvas, l LOA, y float64) {
	c.text(30, 20, "", 7, "DocuSign Envelope ID: "+envelopeID)
	c.line(46, y-10, 46, y+26)
	c.line(46, y-10, 56, y-10)
	c.line(46, y+26, 56, y+26)
	c.text(50, y-2, "", 7, "DocuSigned by:")
	c.font("Times", "I", 52, y+13, 14, l.SignerName)
	c.text(50, y+23, "", 6, strings.ReplaceAll(envelopeID[:18], "-", "")+"...")
}

// drawSignature draws a looping pen stroke of Bézier curves with a
// flourish underneath, the way a signature pad exports one.
func drawSignature(c *canvas, x, y float64) {
	for i := range 8 {
		x0 := x + float64(i)*18
		c.curve(x0, y, x0+6, y-18, x0+12, y+6, x0+18, y-4)
	}
	c.curve(x-4, y+4, x+40, y+10, x+100, y-2, x+150, y+2)
}
