package docgen

import (
	"fmt"
	"strings"
	"time"
)

// Address is an address as printed.
type Address struct {
	Line1, Line2, City, State, ZIP string
}

// Street is the street line(s) as one line.
func (a Address) Street() string { return strings.TrimSpace(a.Line1 + " " + a.Line2) }

// Last is the city line: "Springfield, IL 62702".
func (a Address) Last() string { return fmt.Sprintf("%s, %s %s", a.City, a.State, a.ZIP) }

// Bill is a bill's content as printed.
type Bill struct {
	Layout         string
	Carrier        string
	CarrierLegal   string `json:",omitempty"`
	AccountName    string
	AccountNumber  string
	ServiceAddress Address
	BillingAddress *Address `json:",omitempty"`
	BillDate       time.Time
	DueDate        time.Time
	PeriodStart    time.Time
	PeriodEnd      time.Time
	BTN            string
	Lines          []string
	Services       []string `json:",omitempty"`
	// OmitServiceAddress leaves out every service-address block, so the
	// bill shows only its mailing address (statement-stub layout).
	OmitServiceAddress bool     `json:",omitempty"`
	Notices            []string `json:",omitempty"`
	CallDetailPages    int      `json:",omitempty"`
}

// BillLayouts are the bill layouts PDF knows.
var BillLayouts = []string{"header-box", "two-column", "line-table", "csr", "statement-stub", "cable-bundle"}

var billLayouts = map[string]func(*canvas, Bill){
	"header-box": headerBox, "two-column": twoColumn, "line-table": lineTable,
	"csr": csr, "statement-stub": statementStub, "cable-bundle": cableBundle,
	"sidebar": sidebar, "key-value": keyValue, "remittance": remittance,
}

// MoreBillLayouts are layouts kept out of the standard set (Standard,
// testdata/docs): tests render them to check readers on layouts the
// readers were not written against.
var MoreBillLayouts = []string{"sidebar", "key-value", "remittance"}

// PDF renders the bill.
func (b Bill) PDF() ([]byte, error) {
	layout, ok := billLayouts[b.Layout]
	if !ok {
		return nil, fmt.Errorf("render bill: unknown layout %q", b.Layout)
	}
	c := &canvas{reversed: b.Layout == "cable-bundle"}
	c.page()
	layout(c, b)
	for i := range b.CallDetailPages {
		callDetail(c, b, i)
	}
	return c.render()
}

// billDateFormats is how each layout prints its dates, so the bill date
// varies in form across the set the way it does across carriers, and a
// test can look for the bill date as printed.
var billDateFormats = map[string]string{
	"header-box": "January 2, 2006", "two-column": "01/02/2006", "line-table": "Jan 2, 2006",
	"csr": "01/02/2006", "statement-stub": "Jan 2, 2006", "cable-bundle": "01/02/06",
	"sidebar": "01/02/2006", "key-value": "2 January 2006", "remittance": "Jan 02, 2006",
}

// date prints t as the bill's layout prints dates.
func (b Bill) date(t time.Time) string { return t.Format(billDateFormats[b.Layout]) }

// paidOn is the previous payment's date: inside the billing period, so
// a reader that takes the first date in range picks the wrong one.
func (b Bill) paidOn() time.Time { return b.PeriodStart.AddDate(0, 0, 5) }

// Decoys every layout prints somewhere: the issuer's own numbers and
// address, payment history and an ad.
const (
	careNumber = "1-800-555-0199"
	payNumber  = "1-800-555-0188"
	faxNumber  = "1-877-555-0177"
	remitTo    = "PO Box 4820, Carol Stream, IL 60197-4820"
)

func headerBox(c *canvas, b Bill) {
	c.text(40, 50, "B", 20, b.Carrier)
	legal(c, b, 40, 64)
	c.rect(330, 36, 240, 74)
	c.lines(340, 52, 14, "", 9,
		"Account Name: "+b.AccountName,
		"Account Number: "+b.AccountNumber,
		"Bill Date: "+b.date(b.BillDate),
		"Due Date: "+b.date(b.DueDate))
	c.text(340, 108, "", 7, "Billing period: "+b.date(b.PeriodStart)+" - "+b.date(b.PeriodEnd))
	c.text(40, 140, "B", 10, "Service Address")
	c.lines(40, 154, 12, "", 10, b.ServiceAddress.Street(), b.ServiceAddress.Last())
	y := notices(c, b, 200)
	c.text(40, y, "B", 11, "Lines on this account")
	y += 16
	for i, l := range b.Lines {
		c.text(40, y, "", 10, l)
		c.text(200, y, "", 10, fmt.Sprintf("Line %d", i+1))
		c.text(500, y, "", 10, fmt.Sprintf("$%d.00", 35+10*i))
		y += 14
	}
	y = services(c, b, y+10)
	history(c, b, 40, y+20)
	ad(c, 40, 620, "Upgrade to unlimited data for just $10 more a month per line. Add a tablet or",
		"a watch to your plan and get the first month free. Visit us online today.")
	c.lines(40, 700, 12, "", 8,
		"Questions? Call us at "+careNumber+" (Mon-Fri 8am-8pm)",
		"To pay by phone call "+payNumber)
	c.text(40, 736, "", 8, "Remit to: "+b.Carrier+", "+remitTo)
}

func twoColumn(c *canvas, b Bill) {
	c.text(40, 48, "B", 18, b.Carrier)
	c.text(40, 62, "", 8, "Monthly Statement")
	c.text(40, 100, "B", 11, "Account Summary")
	c.lines(40, 118, 12, "B", 8, "Account Name")
	c.text(40, 130, "", 10, b.AccountName)
	c.text(40, 150, "B", 8, "Acct #")
	c.text(40, 162, "", 10, b.AccountNumber)
	c.text(40, 182, "B", 8, "Statement Date")
	c.text(40, 194, "", 10, b.date(b.BillDate))
	c.text(40, 214, "B", 8, "Amount Due By")
	c.text(40, 226, "", 10, b.date(b.DueDate))
	c.text(320, 100, "B", 11, "Service Location")
	c.lines(320, 118, 12, "", 10, b.ServiceAddress.Line1)
	y := 130.0
	if b.ServiceAddress.Line2 != "" {
		c.text(320, y, "", 10, b.ServiceAddress.Line2)
		y += 12
	}
	c.text(320, y, "", 10, b.ServiceAddress.Last())
	c.text(320, 182, "", 8, "Service period "+b.date(b.PeriodStart)+" to "+b.date(b.PeriodEnd))
	y = notices(c, b, 260)
	c.text(40, y, "B", 11, "Your numbers")
	y = c.lines(40, y+16, 14, "", 10, b.Lines...)
	y = services(c, b, y+10)
	history(c, b, 40, 560)
	ad(c, 40, 620, "Go paperless and save. Ask about our business internet plans, now with",
		"a free router for new customers who sign up before the end of the year.")
	c.lines(40, 690, 12, "", 8,
		"Make checks payable to "+b.Carrier+", "+remitTo,
		"Customer care "+careNumber+" | Fax "+faxNumber,
		"Pay by phone "+payNumber)
	legal(c, b, 40, 740)
}

func lineTable(c *canvas, b Bill) {
	c.text(40, 50, "B", 18, b.Carrier)
	legal(c, b, 40, 64)
	for _, x := range []float64{36, 196, 356} {
		c.rect(x, 72, 156, 32) // values sit in table cells under their labels
	}
	c.text(40, 84, "B", 8, "Customer ID")
	c.text(200, 84, "B", 8, "Invoice Date")
	c.text(360, 84, "B", 8, "Payment Due")
	c.text(40, 98, "", 10, b.AccountNumber)
	c.text(200, 98, "", 10, b.date(b.BillDate))
	c.text(360, 98, "", 10, b.date(b.DueDate))
	c.text(40, 130, "", 10, "Customer Name: "+b.AccountName)
	c.text(40, 144, "", 10, "Service At: "+b.ServiceAddress.Street()+", "+b.ServiceAddress.Last())
	y := notices(c, b, 176)
	c.rect(38, y-12, 534, 16)
	c.text(44, y, "B", 9, "Line")
	c.text(200, y, "B", 9, "Plan")
	c.text(480, y, "B", 9, "Charges")
	y += 18
	for i, l := range b.Lines {
		c.text(44, y, "", 9, l)
		c.text(200, y, "", 9, "Business Unlimited")
		c.text(480, y, "", 9, fmt.Sprintf("$%d.99", 40+5*i))
		c.line(38, y+4, 572, y+4)
		y += 16
	}
	y = services(c, b, y+10)
	history(c, b, 40, y+20)
	ad(c, 40, 630, "New: 5G Business Internet with no annual contract. Bundle it with your",
		"lines and save $20 a month.")
	c.lines(40, 700, 12, "", 8,
		"Billing period "+b.date(b.PeriodStart)+" - "+b.date(b.PeriodEnd),
		"Need help? Call "+careNumber+" or visit our support site.",
		"To pay by phone: "+payNumber+"    Send payments to: "+remitTo)
}

// csr is a Customer Service Record: what the losing carrier checks a
// port against, printed with the current bill's summary as resellers'
// CSR printouts often are.
func csr(c *canvas, b Bill) {
	c.text(40, 48, "B", 14, b.Carrier+" - CUSTOMER SERVICE RECORD")
	legal(c, b, 40, 62)
	c.lines(40, 80, 14, "", 10,
		"Bill Issue Date: "+b.date(b.BillDate),
		"Billing Account Number: "+b.AccountNumber,
		"Account Name: "+b.AccountName,
		"Billing Telephone Number: "+b.BTN)
	c.text(40, 150, "B", 10, "Service Address:")
	c.lines(150, 150, 12, "", 10, b.ServiceAddress.Street(), b.ServiceAddress.Last())
	y := notices(c, b, 196)
	c.text(40, y, "B", 10, "Working Telephone Numbers")
	y = c.lines(40, y+14, 13, "", 10, b.Lines...)
	c.text(40, y+8, "B", 10, "Features on this account")
	y = c.lines(40, y+22, 13, "", 10, append([]string{"Caller ID", "Voice Mail"}, b.Services...)...)
	c.lines(340, 80, 14, "", 9,
		"Current charges due: "+b.date(b.DueDate),
		"Bill period: "+b.date(b.PeriodStart)+" - "+b.date(b.PeriodEnd))
	history(c, b, 340, 108)
	ad(c, 40, 650, "Ask your account team about our Business Unlimited voice plans and",
		"save on every line you add this year.")
	c.lines(40, 700, 12, "", 8,
		"Questions about this record? Call "+careNumber,
		"To pay by phone "+payNumber+"  Remit To: "+remitTo)
}

func statementStub(c *canvas, b Bill) {
	c.text(40, 48, "B", 18, b.Carrier)
	legal(c, b, 40, 62)
	mail := b.ServiceAddress
	if b.BillingAddress != nil {
		mail = *b.BillingAddress
	}
	c.lines(60, 110, 12, "", 10, b.AccountName, mail.Street(), mail.Last())
	c.lines(360, 60, 13, "", 9,
		"Statement Date: "+b.date(b.BillDate),
		"Account No.: "+b.AccountNumber,
		"Please pay by: "+b.date(b.DueDate),
		"For service "+b.date(b.PeriodStart)+" - "+b.date(b.PeriodEnd))
	if b.OmitServiceAddress {
		c.text(40, 180, "B", 10, "Mailing Address:")
		c.lines(40, 194, 12, "", 10, b.AccountName, mail.Street(), mail.Last())
	} else {
		c.text(40, 180, "B", 10, "Service For:")
		c.lines(40, 194, 12, "", 10, b.AccountName, b.ServiceAddress.Street(), b.ServiceAddress.Last())
	}
	y := notices(c, b, 250)
	c.text(40, y, "B", 10, "Telephone numbers")
	y = c.lines(40, y+14, 13, "", 10, b.Lines...)
	services(c, b, y+10)
	history(c, b, 40, 470)
	ad(c, 40, 540, "Switch to AutoPay and paperless billing and get $5 off every month.",
		"Questions? Call "+careNumber+".")
	stub(c, b)
}

// stub is the tear-off remittance slip: it repeats the account number
// beside the carrier's address, the decoy a reader most often takes for
// the customer's.
func stub(c *canvas, b Bill) {
	c.line(30, 600, 582, 600)
	c.lines(40, 620, 12, "", 8, "Return this portion with your payment")
	c.lines(40, 640, 12, "", 9, "Account No. "+b.AccountNumber, "Amount due $212.40", "Due by "+b.date(b.DueDate))
	c.lines(360, 640, 12, "", 9, "Make checks payable to:", b.Carrier, remitTo)
	c.text(40, 740, "", 8, "Pay by phone "+payNumber)
}

func cableBundle(c *canvas, b Bill) {
	c.text(40, 50, "B", 20, b.Carrier)
	c.rect(40, 70, 260, 60)
	c.lines(50, 86, 13, "", 9,
		"Account Number: "+b.AccountNumber,
		"Statement Date: "+b.date(b.BillDate),
		"Service Period: "+b.date(b.PeriodStart)+" - "+b.date(b.PeriodEnd))
	c.text(40, 150, "B", 9, "Service Address")
	c.lines(40, 163, 12, "", 10, b.AccountName, b.ServiceAddress.Street(), b.ServiceAddress.Last())
	y := notices(c, b, 215)
	c.text(40, y, "B", 10, "Voice")
	y = c.lines(40, y+14, 13, "", 10, b.Lines...)
	y = services(c, b, y+8)
	history(c, b, 40, y+16)
	// The promo column sits beside the address block, a few points off
	// its baselines: a reader must keep the two columns apart.
	c.lines(330, 160, 12, "", 9, "Get faster internet!", "Upgrade to Gig speeds today.", "Call "+careNumber)
	c.lines(40, 718, 12, "", 8,
		"Auto Pay scheduled for "+b.date(b.DueDate)+". Questions? "+careNumber,
		"Pay by phone "+payNumber+". Mail payments to "+remitTo)
	legal(c, b, 40, 742)
}

// legal prints the issuer's legal name, which differs from the brand a
// reader should report as the carrier.
func legal(c *canvas, b Bill, x, y float64) {
	if b.CarrierLegal != "" {
		c.text(x, y, "", 7, b.CarrierLegal)
	}
}

// history prints last month's balance and payment: a date and amounts
// that are not this bill's.
func history(c *canvas, b Bill, x, y float64) {
	c.lines(x, y, 12, "", 9,
		"Previous balance $182.40",
		"Payment received on "+b.date(b.paidOn())+" - thank you",
		"Balance forward $0.00")
}

// ad prints a marketing paragraph, prose a label search must not trip on.
func ad(c *canvas, x, y float64, rows ...string) {
	c.lines(x, y, 11, "I", 8, rows...)
}

// notices prints account-at-risk notices and returns the next y.
func notices(c *canvas, b Bill, y float64) float64 {
	for _, n := range b.Notices {
		c.text(40, y, "B", 11, n)
		y += 16
	}
	return y + 8
}

// services prints the account's services with a charge each.
func services(c *canvas, b Bill, y float64) float64 {
	for _, s := range b.Services {
		c.text(40, y, "", 10, s)
		c.text(480, y, "", 10, "$29.99")
		y += 14
	}
	return y
}

// callDetail prints a page of calls from the account's lines to other
// numbers: every number on it but the header's is a decoy.
func callDetail(c *canvas, b Bill, page int) {
	c.page()
	from := b.BTN
	if len(b.Lines) > 0 {
		from = b.Lines[page%len(b.Lines)]
	}
	c.text(40, 50, "B", 12, "Call detail for "+from)
	c.text(40, 64, "", 8, "Date   Time   Number called   Place   Minutes   Charge")
	y := 84.0
	for i := range 40 {
		d := b.PeriodStart.AddDate(0, 0, i%28)
		to := fmt.Sprintf("312-555-01%02d", (i*7+page)%100)
		c.text(40, y, "", 8, fmt.Sprintf("%s  %02d:%02d PM  %s  Chicago IL  %d min  $0.00", d.Format("01/02"), 1+i%11, (i*13)%60, to, 1+i%9))
		y += 15
	}
}

// sidebar stacks label over value down a narrow left column (statement
// date, account, BTN, billing period, service address) while the main
// column beside it holds a heading, the mailing block and the total, a
// few points off the sidebar's rows: a reader must not take a sidebar
// label for a value, nor the total beside "Service address" for the
// address.
func sidebar(c *canvas, b Bill) {
	mail := b.ServiceAddress
	if b.BillingAddress != nil {
		mail = *b.BillingAddress
	}
	c.text(30, 50, "B", 16, b.Carrier)
	rows := []struct{ label, value string }{
		{"Statement date", b.date(b.BillDate)},
		{"Acct #", b.AccountNumber},
		{"Billing telephone no.", b.BTN},
		{"Billing period", b.date(b.PeriodStart) + " - " + b.date(b.PeriodEnd)},
	}
	y := 80.0
	for _, r := range rows {
		c.text(30, y, "B", 8, r.label)
		c.text(30, y+10, "", 9, r.value)
		y += 26
	}
	c.text(30, y, "B", 8, "Service address")
	c.lines(30, y+12, 11, "", 9, addressRows(b.ServiceAddress)...)
	c.text(186, 90, "B", 14, "Your monthly statement")
	c.lines(180, 110, 11, "", 9, append([]string{b.AccountName}, addressRows(mail)...)...)
	c.text(180, y+2, "B", 18, "$208.39")
	c.text(180, y+16, "", 9, "Total amount due by "+b.date(b.DueDate))
	c.lines(30, y+70, 11, "", 8, "Questions?", "Call "+careNumber, "Repair "+payNumber)
	ad(c, 180, y+70, "Add "+b.Carrier+" Office Voice to your lines. Ask about pricing at 1-866-555-0102.")
	yl := c.lines(180, y+100, 13, "", 9, b.Lines...)
	services(c, b, yl+6)
	history(c, b, 180, 520)
	c.text(30, 760, "", 7, b.Carrier+", Inc. · 1-888-555-0150")
}

// addressRows is an address as a block prints it, one line each.
func addressRows(a Address) []string {
	rows := []string{a.Line1}
	if a.Line2 != "" {
		rows = append(rows, a.Line2)
	}
	return append(rows, a.Last())
}

// keyValue prints an invoice header as a right-hand table of labels and
// values in two columns, the values far right of their labels, then
// the bill-to and service blocks side by side, the service label with a
// qualifier in parentheses.
func keyValue(c *canvas, b Bill) {
	c.text(40, 56, "B", 20, b.Carrier)
	c.text(40, 72, "", 7, b.Carrier+", Inc. · 20 Davis Drive, Belmont, CA 94002")
	rows := []struct{ label, value string }{
		{"Invoice #", "CD_477134286"},
		{"Invoice date", b.date(b.BillDate)},
		{"Billing period", b.date(b.PeriodStart) + " - " + b.date(b.PeriodEnd)},
		{"Customer ID", b.AccountNumber},
		{"Main Company Number", b.BTN},
		{"Payment terms", "Auto-charge, card ending 4417"},
	}
	for i, r := range rows {
		y := 84 + float64(i)*16
		c.text(326, y, "", 9, r.label)
		c.text(437, y, "", 9, r.value)
	}
	mail := b.ServiceAddress
	if b.BillingAddress != nil {
		mail = *b.BillingAddress
	}
	c.text(40, 194, "B", 8, "BILL TO")
	c.text(320, 194, "B", 8, "SERVICE LOCATION (E911 ADDRESS)")
	c.lines(40, 210, 13, "", 9, append([]string{b.AccountName}, addressRows(mail)...)...)
	c.lines(320, 210, 13, "", 9, addressRows(b.ServiceAddress)...)
	y := notices(c, b, 290)
	c.text(40, y, "B", 9, "Phone number")
	c.text(200, y, "B", 9, "Type")
	for i, l := range b.Lines {
		c.text(40, y+16+float64(i)*15, "", 9, l)
		c.text(200, y+16+float64(i)*15, "", 9, "Direct number")
	}
	y = services(c, b, y+30+float64(len(b.Lines))*15)
	history(c, b, 40, y+10)
	c.text(40, 502, "", 8, "Your balance will be charged automatically. Need help? Call "+b.Carrier+" Support at "+careNumber+".")
	c.text(40, 756, "", 7, b.Carrier+", Inc.")
	c.text(530, 756, "", 7, "Page 1 of 1")
}

// remittance prints a summary with labels and colons, and a tear-off
// stub that repeats the account number and the customer's name and
// mailing address beside the carrier's remittance address.
func remittance(c *canvas, b Bill) {
	c.text(40, 50, "B", 18, b.Carrier)
	c.lines(40, 80, 13, "", 9,
		"Customer name: "+b.AccountName,
		"Account number: "+b.AccountNumber,
		"Statement date: "+b.date(b.BillDate),
		"Payment due: "+b.date(b.DueDate))
	c.text(320, 80, "B", 9, "Service location")
	c.lines(320, 93, 12, "", 9, addressRows(b.ServiceAddress)...)
	y := notices(c, b, 160)
	c.text(40, y, "B", 10, "Lines on this account")
	y = c.lines(40, y+14, 13, "", 9, b.Lines...)
	y = services(c, b, y+8)
	history(c, b, 40, y+14)
	c.line(30, 610, 582, 610)
	c.text(40, 624, "", 8, "Return this portion with your payment. Make checks payable to "+b.Carrier+".")
	c.text(40, 640, "", 9, "Account number")
	c.text(150, 640, "", 9, b.AccountNumber)
	c.text(40, 652, "", 9, "Amount due")
	c.text(150, 652, "", 9, "$212.40")
	mail := b.ServiceAddress
	if b.BillingAddress != nil {
		mail = *b.BillingAddress
	}
	c.lines(46, 676, 11, "", 9, append([]string{b.AccountName}, addressRows(mail)...)...)
	c.lines(360, 652, 11, "", 9, b.Carrier, "PO Box 5019", "Carol Stream IL 60197-5019")
	c.text(40, 750, "", 7, "Pay by phone "+payNumber)
}
