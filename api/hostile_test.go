package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/portcheck/portcheck/internal/docgen"
)

// createOrder creates the sample customer's order (PIN 4410) under id,
// with no documents.
func (s *service) createOrder(t testing.TB, key, id string) {
	t.Helper()
	body := fmt.Sprintf(`{"id":%q,"profile":"strict","account_name":"Acme Widgets, Inc.","account_number":"482-99117-03","pin":"4410",
		"service_address":{"line1":"1200 N Main Street","line2":"Suite 300","city":"Springfield","state":"IL","postal_code":"62702"},
		"numbers":[{"number":"(217) 555-0100","type":"landline"}],"new_btn":null}`, id)
	if code, out := s.do(t, key, "POST", "/v1/orders", []byte(body)); code != http.StatusCreated {
		t.Fatalf("create %s: %d %s", id, code, out)
	}
}

func billPDF(t testing.TB, edit func(*docgen.Bill)) []byte {
	t.Helper()
	b := docgen.CleanBill("header-box")
	edit(&b)
	pdf, err := b.PDF()
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

// TestServiceRedactsSecrets: a bill that prints the PIN or an SSN next
// to a value leaves neither in the API's report, the order view or the
// service's logs.
func TestServiceRedactsSecrets(t *testing.T) {
	s := startService(t)
	forms := []struct{ name, number, accountName, secret string }{
		{"pin-hyphen", "482-99117-03 PIN-4410", "", "4410"},
		{"pin-underscore", "482-99117-03 PIN_4410", "", "4410"},
		{"pin-colon", "482-99117-03 PIN: 4410-A", "", "4410"},
		{"passcode", "482-99117-03 Passcode 4410", "", "4410"},
		{"ssn", "", "Acme Widgets, Inc. SSN 123456789", "123456789"},
	}
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			s.createOrder(t, keyA, f.name)
			pdf := billPDF(t, func(b *docgen.Bill) {
				if f.number != "" {
					b.AccountNumber = f.number
				}
				if f.accountName != "" {
					b.AccountName = f.accountName
				}
			})
			if code, out := s.do(t, keyA, "PUT", "/v1/orders/"+f.name+"/documents/bill.pdf?kind=bill", pdf); code != http.StatusCreated {
				t.Fatalf("upload: %d %s", code, out)
			}
			if code, out := s.do(t, keyA, "POST", "/v1/orders/"+f.name+"/check?as_of="+asOf, nil); code != http.StatusAccepted {
				t.Fatalf("check: %d %s", code, out)
			}
			rep := s.awaitReport(t, keyA, f.name)
			_, view := s.do(t, keyA, "GET", "/v1/orders/"+f.name, nil)
			for what, text := range map[string]string{"report": string(rep), "order view": string(view), "logs": s.logs.String()} {
				if strings.Contains(text, f.secret) {
					t.Errorf("the %s carries %s:\n%s", what, f.secret, text)
				}
			}
		})
	}
}
