package docgen

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
)

// LOAShapes are the LOA shapes beyond the standard set's layouts, in the
// forms carriers and customers use: a boxed carrier form (captions over
// their values, the signature under its caption), a letter on
// letterhead (details indented, "Sincerely," then the signature, name,
// title and date with no labels), a sectioned form (numbers table, the
// signature and date written over their caption lines, a requested port
// date as a decoy), and dense clauses with the signature on a later
// page and the numbers on an attachment. Every font is embedded (the Go
// fonts), the signature face under a name that says nothing of
// handwriting.
var LOAShapes = []string{"boxed", "letterhead", "sectioned", "clauses"}

// LOASignatures are the ways a shape can be signed: "none" leaves the
// line blank; "font" sets the name in an embedded italic face under a
// neutral name, as large as handwriting; "script" in Times-Italic;
// "typed" is "/s/ Name"; "docusign" a stamp; "strokes" drawn curves;
// "image" a placed picture of a scrawl.
var LOASignatures = []string{"none", "font", "script", "typed", "docusign", "strokes", "image"}

var loaShapes = map[string]func(*canvas, LOA) error{"boxed": loaBoxed, "letterhead": loaLetterhead, "sectioned": loaSectioned, "clauses": loaClauses}

// Embedded faces: print in Go Regular and Bold, the signature face in Go
// Italic registered as "Penline".
const (
	bodyFace = "GoBody"
	signFace = "Penline"
)

// say draws s in an embedded face.
func (c *canvas) say(face, style string, x, y, size float64, s string) {
	c.add(func(f *fpdf.Fpdf) {
		useFace(f, face, style)
		f.SetFont(face, style, size)
		f.Text(x, y, s)
	})
}

func useFace(f *fpdf.Fpdf, face, style string) {
	key := face + style
	if f.GetFontDesc(face, style).Ascent != 0 {
		return
	}
	switch key {
	case bodyFace:
		f.AddUTF8FontFromBytes(face, "", goregular.TTF)
	case bodyFace + "B":
		f.AddUTF8FontFromBytes(face, "B", gobold.TTF)
	case signFace:
		f.AddUTF8FontFromBytes(face, "", goitalic.TTF)
	}
}

func (c *canvas) body(x, y, size float64, s string) { c.say(bodyFace, "", x, y, size, s) }
func (c *canvas) bold(x, y, size float64, s string) { c.say(bodyFace, "B", x, y, size, s) }
func (c *canvas) bodyLines(x, y, lead, size float64, rows ...string) float64 {
	for _, r := range rows {
		c.body(x, y, size, r)
		y += lead
	}
	return y
}

func (c *canvas) paragraph(x, y, lead, size float64, width int, s string) float64 {
	for _, l := range wrap(s, width) {
		c.body(x, y, size, l)
		y += lead
	}
	return y
}

// wrap breaks s into lines of at most width characters.
func wrap(s string, width int) []string {
	var out []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > width {
			out = append(out, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

// shapeStatement wraps across lines and names the carrier in an
// apposition, and holds the gaining provider's "Inc." mid-sentence.
func (l LOA) shapeStatement() string {
	return fmt.Sprintf("I, the undersigned, am the account holder or an authorized representative of the customer named above. "+
		"I authorize %s and its designated agents to act on my behalf to notify my current carrier, %s, of my decision to change "+
		"service providers and to port the telephone numbers listed in this letter. I understand that service with %s for the "+
		"ported numbers ends when the port completes.", l.GainingProvider, l.CurrentCarrier, l.CurrentCarrier)
}

// sign draws the signature of kind l.Signature with its baseline at y.
func sign(c *canvas, l LOA, x, y float64) error {
	switch l.Signature {
	case "none":
	case "font":
		c.say(signFace, "", x, y, 22, l.SignerName)
	case "script":
		c.font("Times", "I", x, y, 20, l.SignerName)
	case "typed":
		c.body(x, y, 11, "/s/ "+l.SignerName)
	case "docusign":
		c.body(30, 20, 7, "DocuSign Envelope ID: "+envelopeID)
		c.body(x, y-14, 7, "DocuSigned by:")
		c.font("Times", "I", x, y, 14, l.SignerName)
	case "strokes":
		drawSignature(c, x, y-6)
	case "image":
		scrawl(c, x, y-26, 120, 30)
	default:
		return fmt.Errorf("render loa: unknown signature %q", l.Signature)
	}
	return nil
}

// scrawl places a picture of a pen stroke, as a scanned signature is.
func scrawl(c *canvas, x, y, w, h float64) {
	img := image.NewGray(image.Rect(0, 0, 240, 60))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	for t := 0; t < 240; t++ {
		yy := 30 + int(18*float64((t*7)%40-20)/20)
		for d := -1; d <= 1; d++ {
			img.SetGray(t, yy+d, color.Gray{})
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	data := b.Bytes()
	c.add(func(f *fpdf.Fpdf) {
		opt := fpdf.ImageOptions{ImageType: "PNG"}
		f.RegisterImageOptionsReader("scrawl", opt, bytes.NewReader(data))
		f.ImageOptions("scrawl", x, y, w, h, false, opt, 0, "")
	})
}

func (l LOA) signedOn() string {
	if l.SignedDate == nil {
		return ""
	}
	return l.SignedDate.Format("January 2, 2006")
}

// loaBoxed: a carrier's boxed form; label cells beside value cells, then
// caption cells with the value under each caption.
func loaBoxed(c *canvas, l LOA) error {
	c.bold(40, 50, 15, "LETTER OF AUTHORIZATION (LOA)")
	c.body(40, 66, 8, "Please complete every field exactly as it appears on your current carrier's bill")
	rows := [][2]string{{"Account name", l.AccountName}, {"Account number", l.AccountNumber}, {"Current carrier", l.CurrentCarrier}}
	y := 92.0
	for _, r := range rows {
		c.rect(38, y-12, 160, 18)
		c.rect(198, y-12, 374, 18)
		c.body(44, y, 8, strings.ToUpper(r[0]))
		c.body(204, y, 10, r[1])
		y += 18
	}
	c.body(44, y+8, 7, "SERVICE ADDRESS (E911 ADDRESS)")
	c.body(340, y+8, 7, "SUITE / UNIT")
	c.body(44, y+20, 10, l.ServiceAddress.Line1)
	c.body(340, y+20, 10, l.ServiceAddress.Line2)
	c.body(44, y+36, 7, "CITY")
	c.body(240, y+36, 7, "STATE")
	c.body(340, y+36, 7, "ZIP CODE")
	c.body(44, y+48, 10, l.ServiceAddress.City)
	c.body(240, y+48, 10, l.ServiceAddress.State)
	c.body(340, y+48, 10, l.ServiceAddress.ZIP)
	y += 74
	c.bold(40, y, 10, "Telephone numbers to be ported")
	y = c.numbersRow(40, y+16, l.Numbers)
	if !l.OmitStatement {
		y = c.paragraph(40, y+10, 11, 8.5, 120, l.shapeStatement())
	}
	y += 20
	c.bold(40, y, 10, "Signature")
	c.body(44, y+16, 7, "AUTHORIZED SIGNATURE")
	c.body(340, y+16, 7, "DATE SIGNED")
	if err := sign(c, l, 50, y+42); err != nil {
		return err
	}
	c.body(340, y+30, 10, l.signedOn())
	c.body(44, y+58, 7, "PRINTED NAME")
	c.body(340, y+58, 7, "TITLE")
	c.body(44, y+70, 10, l.SignerName)
	c.body(340, y+70, 10, l.SignerTitle)
	return nil
}

func (c *canvas) numbersRow(x, y float64, numbers []string) float64 {
	for i := 0; i < len(numbers); i += 3 {
		for j := i; j < min(i+3, len(numbers)); j++ {
			c.body(x+float64(j-i)*120, y, 10, numbers[j])
		}
		y += 14
	}
	return y
}

// loaLetterhead: the customer's letter, the details indented, signed
// under its closing with no caption and no labels.
func loaLetterhead(c *canvas, l LOA) error {
	c.bold(60, 50, 14, strings.ToUpper(l.AccountName))
	c.body(60, 64, 9, l.ServiceAddress.Street()+", "+l.ServiceAddress.Last())
	c.body(60, 100, 10, "Porting Department")
	c.body(60, 113, 10, l.GainingProvider)
	c.bold(60, 140, 10, "Re: Letter of Authorization to port telephone numbers")
	c.body(60, 160, 10, "To whom it may concern:")
	intro := "Please accept this letter as our authorization to move the telephone numbers below to " +
		strings.TrimSuffix(l.GainingProvider, ".") + ". The account details as they appear on our current bill are:"
	if l.OmitStatement {
		intro = "The account details as they appear on our current bill are:"
	}
	y := c.paragraph(60, 180, 13, 10, 100, intro)
	y += 6
	for _, r := range [][2]string{{"Account name:", l.AccountName}, {"Account number:", l.AccountNumber},
		{"Service address:", l.ServiceAddress.Street()}, {"", l.ServiceAddress.Last()}} {
		c.body(80, y, 10, r[0])
		c.body(170, y, 10, r[1])
		y += 13
	}
	c.body(60, y+10, 10, "Telephone numbers to be ported:")
	y += 23
	y = c.numbersRow(90, y+4, l.Numbers)
	if !l.OmitStatement {
		y = c.paragraph(60, y+10, 13, 10, 100, l.shapeStatement())
	}
	c.body(60, y+20, 10, "Sincerely,")
	if err := sign(c, l, 60, y+52); err != nil {
		return err
	}
	y = c.bodyLines(60, y+70, 13, 10, l.SignerName, l.SignerTitle)
	if d := l.signedOn(); d != "" {
		c.body(60, y, 10, d)
	}
	return nil
}

// loaSectioned: a provider's form in numbered sections, captions over
// their values, a numbers table, the signature and its date written
// over their caption line, and a requested port date as a decoy.
func loaSectioned(c *canvas, l LOA) error {
	c.bold(40, 46, 15, "Porting Letter of Authorization")
	c.bold(40, 80, 10, "1. Customer information")
	c.body(40, 96, 7, "Name on the account")
	c.body(320, 96, 7, "Current carrier")
	c.body(40, 107, 10, l.AccountName)
	c.body(320, 107, 10, l.CurrentCarrier)
	c.body(40, 124, 7, "Account number")
	c.body(320, 124, 7, "Requested port date")
	c.body(40, 135, 10, l.AccountNumber)
	c.body(320, 135, 10, "December 1, 2026")
	c.body(40, 152, 7, "Service address")
	c.body(40, 163, 10, l.ServiceAddress.Street())
	c.body(40, 180, 7, "City")
	c.body(200, 180, 7, "State")
	c.body(320, 180, 7, "ZIP")
	c.body(40, 191, 10, l.ServiceAddress.City)
	c.body(200, 191, 10, l.ServiceAddress.State)
	c.body(320, 191, 10, l.ServiceAddress.ZIP)
	c.bold(40, 220, 10, "2. Numbers to port")
	c.bold(44, 238, 8, "#")
	c.bold(70, 238, 8, "Telephone number")
	c.bold(250, 238, 8, "Service type")
	y := 254.0
	for i, n := range l.Numbers {
		c.body(44, y, 9, fmt.Sprint(i+1))
		c.body(70, y, 9, n)
		c.body(250, y, 9, "voice")
		y += 15
	}
	c.bold(40, y+14, 10, "3. Authorization")
	y += 30
	if !l.OmitStatement {
		y = c.paragraph(40, y, 11, 8.5, 125, l.shapeStatement())
	}
	c.bold(40, y+16, 10, "4. Signature")
	y += 60
	if err := sign(c, l, 46, y-4); err != nil {
		return err
	}
	c.body(330, y-4, 10, l.signedOn())
	c.line(40, y, 300, y)
	c.line(320, y, 480, y)
	c.body(40, y+9, 7, "Authorized signature")
	c.body(320, y+9, 7, "Date")
	c.body(40, y+26, 7, "Print name")
	c.body(320, y+26, 7, "Title")
	c.body(40, y+37, 10, l.SignerName)
	c.body(320, y+37, 10, l.SignerTitle)
	return nil
}

// loaClauses: a dense "Letter of Agency" in numbered clauses; the
// signature stands on the second page, the numbers on an attachment.
func loaClauses(c *canvas, l LOA) error {
	c.bold(220, 46, 13, "LETTER OF AGENCY")
	y := c.bodyLines(54, 80, 14, 9,
		"Name on account: "+l.AccountName,
		"Service address: "+l.ServiceAddress.Street()+", "+l.ServiceAddress.Last(),
		"Current carrier (losing carrier): "+l.CurrentCarrier)
	c.body(330, y-14, 9, "Account no.: "+l.AccountNumber)
	c.body(54, y+4, 9, "TELEPHONE NUMBERS TO BE PORTED: see Attachment A")
	y += 24
	if !l.OmitStatement {
		y = c.paragraph(54, y, 10, 8, 130, "AUTHORIZATION. "+l.shapeStatement())
	}
	clauses := []string{
		"1. The customer named above (the \"Customer\") designates the carrier named in this Letter of Agency as its agent for the limited purpose of porting the listed telephone numbers.",
		"2. The Customer represents that the information provided matches the Customer Service Record of the current carrier exactly.",
		"3. This Letter of Agency is valid for thirty (30) days from the date signed and may be copied or transmitted electronically.",
	}
	for _, cl := range clauses {
		y = c.paragraph(60, y+4, 10, 8, 130, cl)
	}
	c.page()
	c.bold(54, 50, 11, "Letter of Agency (continued): signature")
	if err := sign(c, l, 60, 100); err != nil {
		return err
	}
	c.body(380, 100, 10, l.signedOn())
	c.line(54, 104, 340, 104)
	c.line(370, 104, 500, 104)
	c.body(54, 114, 8, "X Signature of authorized person")
	c.body(370, 114, 8, "Date")
	c.body(54, 134, 9, "Printed name: "+l.SignerName)
	c.body(330, 134, 9, "Title: "+l.SignerTitle)
	c.page()
	c.bold(54, 50, 11, "Attachment A: telephone numbers to be ported")
	c.numbersRow(60, 72, l.Numbers)
	return nil
}
